"""Near-duplicates: the labelled pairs, the shown variant, stable ids, the word diff."""

from __future__ import annotations

import json
from pathlib import Path

from generator.identity.dedupe import dedupe, pinned_ids
from generator.identity.neardup import THRESHOLD, candidate_pairs, near_duplicates, shingles
from generator.identity.normalize import paper_id, variant_key
from generator.inputs.ingest import read_seeds
from generator.models import SeedLine, Source
from generator.site.worddiff import changed_words, word_diff

from .conftest import FROZEN_SEEDS

PAIRS = json.loads((Path(__file__).parent / "data/near_duplicates.json").read_text(encoding="utf-8"))["pairs"]

BASE = (
    "Graph neural networks learn representations of nodes by passing messages along edges. "
    "We show that deeper message passing over-smooths node features and propose a residual "
    "gating scheme that keeps them distinct. On six node classification benchmarks the method "
    "improves accuracy by four points over strong baselines."
)
LONGER = BASE + " It also halves the training time on the largest graph."
OTHER = (
    "Diffusion models generate images by reversing a noising process step by step. We distil a "
    "sampler that needs only four steps and matches the quality of the original model."
)


def line(file: str, number: int, text: str) -> SeedLine:
    return SeedLine(Source(file, number), text)


def test_labelled_pairs_merge_or_stay_apart_in_one_catalogue() -> None:
    """Every pair of tests/data/near_duplicates.json, all in one catalogue with the frozen seeds."""
    lines = [
        line(f"pair{n:02d}.txt", side, p[key])
        for n, p in enumerate(PAIRS)
        for side, key in ((1, "a"), (2, "b"))
    ]
    papers = dedupe((*read_seeds(FROZEN_SEEDS), *lines))
    paper_of = {str(s): p.id for p in papers for s in p.sources}
    wrong = [
        (p["kind"], p["note"])
        for n, p in enumerate(PAIRS)
        if (paper_of[f"pair{n:02d}.txt:1"] == paper_of[f"pair{n:02d}.txt:2"]) != (p["label"] == "merge")
    ]
    assert wrong == []
    assert {p["label"] for p in PAIRS} == {"merge", "keep"}


def test_seed_catalogue_has_no_near_duplicates() -> None:
    papers = dedupe(read_seeds(FROZEN_SEEDS))
    assert len(papers) == 47
    assert all(p.variants == () for p in papers)


def test_lsh_proposes_similar_pairs_and_not_all_pairs() -> None:
    texts = [
        BASE,
        LONGER,
        OTHER,
        *(f"{OTHER} Variant number {i} of an unrelated text about topic {i}." for i in range(0)),
    ]
    sets = [shingles(t.lower()) for t in texts]
    assert (0, 1) in candidate_pairs(sets)
    assert (0, 2) not in candidate_pairs(sets)
    matches = near_duplicates([t.lower() for t in texts])
    assert [(p.first, p.second) for p in matches.pairs] == [(0, 1)]
    assert THRESHOLD <= matches.pairs[0].similarity < 1


def test_most_complete_variant_is_shown_and_every_source_listed() -> None:
    (paper, other) = dedupe(
        (line("a.txt", 1, BASE), line("b.txt", 4, LONGER), line("c.txt", 2, BASE), line("d.txt", 1, OTHER))
    )
    assert paper.text == LONGER
    assert [str(s) for s in paper.sources] == ["a.txt:1", "b.txt:4", "c.txt:2"]
    (variant,) = paper.variants
    assert variant.text == BASE
    assert [str(s) for s in variant.sources] == ["a.txt:1", "c.txt:2"]
    assert THRESHOLD <= variant.similarity < 1
    assert other.variants == ()


def test_id_survives_a_more_complete_variant_from_a_file_that_sorts_first() -> None:
    first = dedupe((line("m.txt", 3, BASE), line("m.txt", 4, OTHER)))
    lock = pinned_ids(first, {})
    original = first[0].id
    assert original == paper_id(BASE)
    later = dedupe((line("000.txt", 1, LONGER), line("m.txt", 3, BASE), line("m.txt", 4, OTHER)), lock)
    merged = next(p for p in later if len(p.sources) == 2)
    assert merged.text == LONGER  # the new variant is shown ...
    assert merged.id == original  # ... under the old id
    assert {p.id for p in later} == {p.id for p in first}
    # Without the lock or git history the shown text names the paper, which moved here ...
    assert dedupe((line("000.txt", 1, LONGER), line("m.txt", 3, BASE)))[0].id == paper_id(LONGER)
    # ... and with history the copy committed first does (tests/test_ids.py: real repositories).
    history = {paper_id(BASE): (100, -2, "seeds/m.txt", 3), paper_id(LONGER): (200, -1, "seeds/000.txt", 1)}
    assert dedupe((line("000.txt", 1, LONGER), line("m.txt", 3, BASE)), {}, history)[0].id == paper_id(BASE)


def test_id_survives_when_the_old_variant_is_removed() -> None:
    # A lock written (--pin-ids) where history knew BASE came first keeps BASE's id once it is gone.
    history = {paper_id(BASE): (100, -1, "seeds/a.txt", 1)}
    lock = pinned_ids(dedupe((line("a.txt", 1, BASE), line("b.txt", 1, LONGER)), {}, history), {})
    (paper,) = dedupe((line("b.txt", 1, LONGER),), lock)
    assert paper.id == paper_id(BASE)


def test_ids_stay_unique_when_a_pinned_paper_splits() -> None:
    # Both texts pinned to one id, as if they had once been one paper: one keeps it, one gets its own.
    lock = {variant_key(BASE): "0123456789", variant_key(OTHER): "0123456789"}
    papers = dedupe((line("a.txt", 1, BASE), line("b.txt", 1, OTHER)), lock)
    assert [p.id for p in papers] == ["0123456789", paper_id(OTHER)]


def test_word_diff_marks_changes_and_escapes_seed_text() -> None:
    shown = "Models <b>fast</b> & small, trained on {{ data }}."
    variant = "Models <b>fast</b> & tiny, trained on {{ data }} today."
    markup = str(word_diff(shown, variant))
    assert "<del>small&#44;</del> <ins>tiny&#44;</ins>" in markup
    assert "<del>&#125;&#125;&#46;</del> <ins>&#125;&#125; today&#46;</ins>" in markup
    assert "<b>" not in markup and "{{" not in markup and " & " not in markup
    assert markup.count("<ins>") == 2 and markup.count("<del>") == 2


def test_word_diff_ignores_typesetting_differences() -> None:
    assert changed_words("the \u201cbest\u201d model", 'the "best" model') == 0
    assert "<ins>" not in str(word_diff("the \u201cbest\u201d model", 'the "best" model'))


def test_numpy_banding_finds_exactly_the_pairs_of_datasketch_lsh() -> None:
    """candidate_pairs bands signatures itself; it must propose what MinHashLSH would (same bands)."""
    import zlib

    from datasketch import MinHash, MinHashLSH

    from generator.identity.neardup import CANDIDATE_THRESHOLD, NUM_PERM, SEED

    texts = [p["a"] for p in PAIRS] + [p["b"] for p in PAIRS]
    texts += [line.text for line in read_seeds(FROZEN_SEEDS)]
    sets = [shingles(t.lower()) for t in dict.fromkeys(texts)]
    lsh = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
    expected = set()
    for i, shingle_set in enumerate(sets):
        minhash = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32)
        minhash.update_batch([s.encode("utf-8") for s in shingle_set])
        expected.update((j, i) for j in lsh.query(minhash))
        lsh.insert(i, minhash)
    found = candidate_pairs(sets)
    assert len(expected) > 10 and set(found) == expected and found == sorted(found)
