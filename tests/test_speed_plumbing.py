"""Cold-build plumbing that must not change a value (BENCHMARKS.md, "Cold build, third session,
round 2"): per-paper links on forked copies, the name detector tagging only sentences that hold a
candidate, and the related-papers stage remembering what it asks for again."""

from __future__ import annotations

import os
from collections import Counter

import pytest

from generator.relate import contexts, pairmodel, pairs, space
from generator.relate.reasons import Catalogue, count
from generator.relate.space import words
from generator.runtime import parallel
from generator.titles import contribution, names

NAMED = (
    "Set prediction is hard for neural networks. Pooling layers sum their inputs. "
    "We propose FSPool, a pooling method for sets. Sums lose the order of the elements. "
    "FSPool outperforms DeepSets on the CLEVR dataset and beats PointNet (Qi et al., 2017)."
)


def _pid_and_double(todo: list[int]) -> list[tuple[int, int]]:
    return [(2 * i, os.getpid()) for i in todo]


def test_forked_map_gives_the_serial_values_in_order_from_other_processes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 2)
    with parallel.runtime(None, jobs=1):
        serial = parallel.forked_map(_pid_and_double, 50)
    with parallel.runtime(None, jobs=2):
        forked = parallel.forked_map(_pid_and_double, 50)
    assert [v for v, _ in forked] == [v for v, _ in serial] == [2 * i for i in range(50)]
    assert {pid for _, pid in serial} == {os.getpid()}
    assert os.getpid() not in {pid for _, pid in forked}
    with parallel.runtime(None, jobs=2):
        assert parallel.forked_map(_pid_and_double, 0) == []


def test_roles_tag_only_sentences_with_a_candidate_and_read_the_same_roles(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expected = names.roles(NAMED)
    asked: list[str] = []
    real = contribution.tagged

    def recording(sentence: str) -> list[tuple[str, str]]:
        asked.append(sentence)
        return real(sentence)

    monkeypatch.setattr(contribution, "tagged", recording)
    assert names.roles(NAMED, names.candidates(NAMED)) == expected == names.roles(NAMED)
    assert expected["FSPool"]["made"] == 1 and expected["PointNet"].get("cited") == 1
    # the sentences without a candidate ("Pooling layers ...", "Sums lose ...") are never tagged
    assert asked and not any(s.startswith(("Pooling", "Sums")) for s in asked)
    assert any(s.startswith("We propose FSPool") for s in asked)
    asked.clear()
    assert names.roles("the cat sat on the mat. it was warm.") == {} and asked == []


def _fragment_fresh(catalogue: Catalogue, key: str) -> bool:
    n = catalogue.df[key]
    return n > 0 and any(c >= 0.7 * n for (k, _), c in catalogue.longer.items() if k == key)


def test_a_remembered_fragment_test_gives_the_catalogues_answer_every_time() -> None:
    catalogue = count(
        [{"monte carlo", "chain monte carlo", "markov chain monte carlo"}] * 3 + [{"monte carlo"}], 4
    )
    for key in ("chain monte carlo", "monte carlo", "markov chain monte carlo", "unseen"):
        first = catalogue.fragment(key)
        assert first == catalogue.fragment(key) == _fragment_fresh(catalogue, key)
    assert catalogue.fragment("chain monte carlo") and not catalogue.fragment("markov chain monte carlo")
    assert catalogue.df == Counter(catalogue.df)  # asking never adds a count


def test_pairing_agreement_is_the_contexts_agreement_to_the_bit() -> None:
    texts = [
        "We prune the hidden nodes of each layer. Nodes of a layer with small activations are removed.",
        "We classify the nodes of a citation graph. Nodes of a graph pass messages along edges.",
        "Our method labels nodes of a social graph. Nodes of a graph exchange messages with neighbours.",
    ]
    docs = [words(t) for t in texts]
    idf = contexts.idf_of(docs)
    state = pairmodel.Pairing(None, docs, docs, idf)  # type: ignore[arg-type]
    for i in range(3):
        for j in range(3):
            for a, b in (("nodes", "nodes"), ("nodes", "graph"), ("absent", "nodes")):
                want = contexts.agreement(state.context(i, a), state.context(j, b))
                assert state.agreement(i, a, j, b) == want  # exactly: the same sums in the same order
    assert state.agreement(1, "nodes", 2, "nodes") > 0.3 > state.agreement(0, "nodes", 1, "nodes")


def test_the_keyword_stage_notes_the_terms_the_related_papers_read_without_decoding_again() -> None:
    from generator.identity.dedupe import dedupe
    from generator.inputs import ingest
    from generator.keywords import stage
    from generator.relate import concepts
    from generator.text.clean import clean

    from .conftest import FROZEN_SEEDS

    papers = clean(dedupe(ingest.read_seeds(FROZEN_SEEDS), {}))[:12]
    with parallel.runtime(None, jobs=1) as run:
        papers = stage.with_keywords(papers)
        noted = list(concepts.paper_counts(papers))
        assert run.counts[concepts.CONCEPTS_LABEL] == [len(papers), 0]  # every entry was noted
        assert concepts.KEYWORD_VALUES_LABEL not in run.counts  # no keyword value read back
    with parallel.runtime(None, jobs=1) as run:
        read_back = list(concepts.paper_counts(papers))  # the old way: from the keyword values
        assert run.counts[concepts.CONCEPTS_LABEL] == [0, len(papers)]
    assert noted == read_back and any(noted)


def _lsa_by_lanczos(text, order, dimensions):  # the third session's path: ARPACK on the dense Gram
    import numpy as np
    import scipy.sparse as sp
    from scipy.sparse.linalg import eigsh

    fit = np.argsort(order, kind="stable")[: pairs.LSA_FIT_ROWS]
    k = min(dimensions, len(fit) - 2)
    sample = sp.csr_matrix(text[fit], dtype=np.float64)
    values, vectors = eigsh((sample @ sample.T).toarray(), k=k, v0=np.ones(len(fit)))
    keep = values > 1e-9
    rows = (sp.csr_matrix(text, dtype=np.float64) @ sample.T).toarray() @ (
        vectors[:, keep] / np.sqrt(values[keep])
    )
    return pairs._normalised(rows)


def test_lsa_by_lapack_on_one_thread_gives_lanczos_cosines_to_the_printed_precision(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import numpy as np
    import scipy.sparse as sp
    from threadpoolctl import threadpool_info

    rng = np.random.default_rng(7)
    text = sp.random(260, 4000, density=0.02, format="csr", random_state=rng, dtype=np.float32)
    order = rng.permutation(260)
    threads: list[int] = []
    real = pairs._lsa_rows

    def recording(*args: object) -> np.ndarray:
        threads.extend(i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas")
        return real(*args)

    monkeypatch.setattr(pairs, "_lsa_rows", recording)
    new, old = pairs.lsa_rows(text, order, dimensions=40), _lsa_by_lanczos(text, order, 40)
    assert threads and set(threads) == {1}
    left, right = rng.integers(0, 260, 5000), rng.integers(0, 260, 5000)
    a, b = np.einsum("ij,ij->i", new[left], new[right]), np.einsum("ij,ij->i", old[left], old[right])
    assert np.abs(a - b).max() < 1e-9 and (np.round(a, 6) == np.round(b, 6)).mean() > 0.999
    assert np.abs(a).max() > 0.1  # the spaces are not empty


def test_indexed_positions_contexts_and_sparse_dot_equal_the_plain_scans_to_the_bit() -> None:
    import math
    import random

    rng = random.Random(3)
    vocab = ["graph", "node", "layer", "neural", "network", "message", "edge", "loss"]
    for _ in range(200):
        tokens = [rng.choice(vocab) for _ in range(rng.randint(0, 60))]
        index = contexts.word_index(tokens)
        idf = {w: 1.0 + rng.random() for w in vocab}
        for concept in (["graph"], ["neural", "network"], ["node", "edge", "loss"], ["absent"], []):
            assert contexts.positions(tokens, concept, index) == contexts.positions(tokens, concept)
            assert contexts.context(tokens, concept, idf, index) == contexts.context(tokens, concept, idf)
        a = {w: rng.random() for w in rng.sample(vocab, rng.randint(1, 8))}
        b = {w: rng.random() for w in rng.sample(vocab, rng.randint(1, 8))}
        na, nb = contexts.norm(a), contexts.norm(b)
        old = sum(v * b.get(t, 0.0) for t, v in a.items())  # the third session's dot product
        assert contexts.agreement_of_norms(a, na, b, nb) == (old / (na * nb) if na and nb else 0.0)
        assert math.isfinite(contexts.agreement_of_norms(a, na, b, nb))


def test_a_remembered_concept_test_gives_the_fresh_answer_every_time() -> None:
    from generator.relate import reasons

    catalogue = count([{"monte carlo", "chain monte carlo", "markov chain monte carlo", "a b"}] * 3, 40)
    fresh = count([{"monte carlo", "chain monte carlo", "markov chain monte carlo", "a b"}] * 3, 40)
    answers = []
    for key, surface in (
        ("chain monte carlo", "chain Monte Carlo"),
        ("markov chain monte carlo", "Markov chain Monte Carlo"),
        ("a b", "a b"),
        ("unseen term", "unseen term"),
    ):
        first = reasons.is_concept(key, surface, catalogue)
        object.__setattr__(fresh, "_concepts", {})  # forget: computed again
        assert first == reasons.is_concept(key, surface, catalogue) == reasons.is_concept(key, surface, fresh)
        answers.append(first)
    assert answers[1] and not answers[0] and not answers[2]  # a fragment and a too-short key are not
    assert ("markov chain monte carlo", "Markov chain Monte Carlo") in catalogue.__dict__["_concepts"]


def test_titles_take_the_tags_the_keyword_stage_found_and_give_the_same_titles(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from generator.identity.dedupe import dedupe
    from generator.inputs import ingest
    from generator.keywords import stage
    from generator.text import tagger
    from generator.text.clean import clean
    from generator.titles import generate

    from .conftest import FROZEN_SEEDS

    model = tagger.model()
    papers = clean(dedupe(ingest.read_seeds(FROZEN_SEEDS), {}))[:10]
    with parallel.runtime(None, jobs=1):
        plain = generate.with_titles(stage.with_keywords(papers))  # the old way: each stage tags
    model._sentences.clear()
    with parallel.runtime(None, jobs=1) as run:
        with_keywords = stage.with_keywords(papers)
        noted = run.notes["tags_found"]
        assert set(noted) == {p.text for p in papers}  # one note a computed abstract
        # as on another worker: the keyword stage's taggings forgotten, the titles stage told them
        model._sentences.clear()
        told: list[tuple[str, ...]] = []
        real = tagger.remember

        def recording(text: str, tags: list[str]) -> None:
            told.append(tuple(tags))
            real(text, tags)

        monkeypatch.setattr(generate, "remember", recording)
        hinted = generate.with_titles(with_keywords)
        assert "tags_found" not in run.notes  # handed over once, then dropped
    assert len(told) == len(papers)
    assert [(p.title, p.tldr) for p in hinted] == [(p.title, p.tldr) for p in plain]
    # the remembered tags are the tagger's own, and asking for them tags nothing
    text = papers[0].text
    model._sentences.clear()
    fresh = tagger.tag_sentences(text)
    model._sentences.clear()
    tagger.remember(text, [" ".join(t for _w, t in s) for s in fresh])

    def no_tagging(*_args: object) -> None:
        raise AssertionError("tagged again")

    monkeypatch.setattr(model, "_tag_tokens", no_tagging)
    assert tagger.tag_sentences(text) == fresh
    # tags that do not fit the text are not taken
    model._sentences.clear()
    tagger.remember(text, ["NN"] * len(fresh))
    assert not model._sentences


def test_a_stage_notes_its_extra_values_only_for_what_it_computed() -> None:
    with parallel.runtime(None, jobs=1) as run:
        first = parallel.map_cached(str.upper, ["a", "b"], key="k")
        again = list(parallel.imap_cached(str.upper, ["a", "b", "c"], key="k", extra=str.title))
        assert [*first, "C"] == again == ["A", "B", "C"]
        assert run.notes == {"title": {"c": "C"}}  # "a" and "b" were cache hits: nothing computed
        seen: list[object] = []
        values = parallel.map_cached(str.lower, ["X", "Y"], key="l", before=seen.append, hints=[1, None])
        assert values == ["x", "y"] and seen == [1]  # a None hint primes nothing
        with pytest.raises(ValueError):
            list(
                parallel.imap_cached(
                    str.lower, ["Z"], key="m", extra=str.title, before=seen.append, hints=[2]
                )
            )


def test_term_rows_from_the_counts_held_equal_the_rows_read_back() -> None:
    from generator.identity.dedupe import dedupe
    from generator.inputs import ingest
    from generator.keywords import stage
    from generator.relate import concepts
    from generator.text.clean import clean

    from .conftest import FROZEN_SEEDS

    papers = clean(dedupe(ingest.read_seeds(FROZEN_SEEDS), {}))[:12]
    with parallel.runtime(None, jobs=1) as run:
        papers = stage.with_keywords(papers)
        counts = list(concepts.paper_counts(papers))
        before = list(run.counts[concepts.CONCEPTS_LABEL])
        held = space.text_counts(papers, counts)
        assert run.counts[concepts.CONCEPTS_LABEL] == before  # the concepts were not read again
    with parallel.runtime(None, jobs=1):
        stage.with_keywords(papers)
        read = space.text_counts(papers)  # the old way: the rows' computation reads them back
    assert (held != read).nnz == 0 and held.nnz > 0
    assert (held.indptr == read.indptr).all() and (held.indices == read.indices).all()
