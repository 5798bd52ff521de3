"""Cost of near-duplicate detection at 10,000 abstracts, against the rest of the build.

    .venv/bin/python bench/bench_dedupe.py [--abstracts 10000] [--keyphrase ../shared/keyphrase]

The abstracts are realistic and distinct: sentences of the seed abstracts and of the keyphrase
benchmark documents (zips read here, never committed), about one word in five replaced by another
word of the same texts, recombined into new 4-8 sentence abstracts,
plus 2% planted near-duplicates (a typo, an appended sentence, or a reworded sentence) whose
recall is reported. Stages run in memory, as pipeline.catalogue_from and Renderer run them; the
disk writes and mkdocs are not timed.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.identity.dedupe import dedupe, exact_groups  # noqa: E402
from generator.identity.neardup import candidate_pairs, near_duplicates, shingles  # noqa: E402
from generator.inputs.ingest import read_seeds  # noqa: E402
from generator.keywords.stage import keyword_index, with_keywords  # noqa: E402
from generator.models import Catalogue, SeedLine, Source, Stats  # noqa: E402
from generator.relate.related import related_papers  # noqa: E402
from generator.site.render import Renderer  # noqa: E402
from generator.text.clean import clean  # noqa: E402
from generator.titles.generate import with_titles  # noqa: E402

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def sentence_pool(keyphrase: Path) -> list[str]:
    texts = [line.text for line in read_seeds(ROOT / "seeds")]
    for archive in sorted(keyphrase.glob("*.zip")):
        with zipfile.ZipFile(archive) as z:
            for name in z.namelist():
                if "/docsutf8/" in name and name.endswith(".txt"):
                    texts.append(" ".join(z.read(name).decode("utf-8", "replace").split()))
    pool = {s for text in texts for s in _SENTENCE.split(text) if 8 <= len(s.split()) <= 60}
    return sorted(pool)


def _reworded(sentence: str, vocabulary: list[str], rng: random.Random) -> str:
    """A pool sentence with about one word in five replaced, so that no two abstracts share whole
    sentences unless planted (each pool sentence is drawn about 5 times at 10,000 abstracts)."""
    return " ".join(rng.choice(vocabulary) if rng.random() < 0.2 else w for w in sentence.split())


def corpus(n: int, pool: list[str], rng: random.Random) -> tuple[list[str], list[tuple[int, int]]]:
    """n distinct abstracts and the planted near-duplicate pairs (index of original, of copy)."""
    vocabulary = sorted({w for s in pool for w in s.split() if w.isalpha()})
    texts: list[str] = []
    seen: set[str] = set()
    planted: list[tuple[int, int]] = []
    while len(texts) < n:
        if texts and rng.random() < 0.02:
            original = rng.randrange(len(texts))
            sentences = _SENTENCE.split(texts[original])
            edit = rng.choice(("typo", "extra", "reword"))
            if edit == "typo":
                words = texts[original].split()
                k = rng.randrange(len(words))
                words[k] = words[k][::-1] if len(words[k]) > 3 else words[k] + "s"
                text = " ".join(words)
            elif edit == "extra":
                text = texts[original] + " " + rng.choice(pool)
            else:
                sentences[rng.randrange(len(sentences))] = rng.choice(pool)
                text = " ".join(sentences)
            if text not in seen:
                planted.append((original, len(texts)))
        else:
            text = " ".join(_reworded(s, vocabulary, rng) for s in rng.sample(pool, rng.randint(4, 8)))
        if text not in seen:
            seen.add(text)
            texts.append(text)
    return texts, planted


def timed(label: str, rows: list[tuple[str, float]], fn, *args):
    start = time.process_time()
    result = fn(*args)
    rows.append((label, time.process_time() - start))
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--abstracts", type=int, default=10_000)
    parser.add_argument("--keyphrase", type=Path, default=None, help="folder of keyphrase zips")
    args = parser.parse_args()
    rng = random.Random(4)
    keyphrase = args.keyphrase or next(
        (
            p
            for p in (ROOT.parent / "shared/keyphrase", ROOT.parent.parent / "shared/keyphrase")
            if p.is_dir()
        ),
        None,
    )
    if keyphrase is None or not list(keyphrase.glob("*.zip")):
        sys.exit("keyphrase zips not found: pass --keyphrase ../shared/keyphrase")
    pool = sentence_pool(keyphrase)
    texts, planted = corpus(args.abstracts, pool, rng)
    lines = tuple(SeedLine(Source(f"bench{i // 1000:02d}.txt", i % 1000 + 1), t) for i, t in enumerate(texts))
    print(
        f"{len(lines)} abstracts recombined from {len(pool)} sentences ({keyphrase} and seeds); "
        f"{len(planted)} planted near-duplicates"
    )

    rows: list[tuple[str, float]] = []
    groups = timed("exact groups (normalize, hash)", rows, exact_groups, lines)
    identities = [g.identity for g in groups]
    sets = timed("  shingles", rows, lambda: [shingles(t) for t in identities])
    candidates = timed("  MinHash + LSH candidates", rows, candidate_pairs, sets)
    timed("near-duplicates (shingles, LSH, exact check, boilerplate)", rows, near_duplicates, identities)
    papers = timed("dedupe stage total", rows, dedupe, lines)
    dedupe_cpu = rows[-1][1]
    start = len(rows)
    papers = timed("clean", rows, clean, papers)
    papers = timed("titles", rows, with_titles, papers)
    papers = timed("keywords (YAKE)", rows, with_keywords, papers)
    papers = timed("related papers", rows, related_papers, papers)
    stats = Stats(1, len(lines), len(papers), len(lines) - len(papers))
    catalogue = timed("keyword index", rows, lambda: Catalogue(papers, keyword_index(papers), stats))
    timed("render", rows, Renderer().render, catalogue)
    rest = sum(cpu for _label, cpu in rows[start:])

    paper_of = {s: p.id for p in papers for s in p.sources}
    found = sum(paper_of[lines[a].source] == paper_of[lines[b].source] for a, b in planted)
    family = list(range(len(lines)))  # an abstract and its planted copies (and copies of copies)
    for a, b in planted:
        family[b] = family[a]
    index = {line.source: i for i, line in enumerate(lines)}
    false_merges = sum(len({family[index[s]] for s in p.sources}) - 1 for p in papers)
    expected_papers = len(lines) - len(planted)
    all_pairs = len(groups) * (len(groups) - 1) // 2
    print("\n| stage | CPU s |")
    print("|---|---:|")
    for label, cpu in rows:
        print(f"| {label} | {cpu:.2f} |")
    print(
        f"\nDedupe stage: {dedupe_cpu:.2f} s CPU = {100 * dedupe_cpu / (dedupe_cpu + rest):.1f}% of the "
        f"pure build ({dedupe_cpu + rest:.1f} s; files and mkdocs not counted)."
    )
    print(
        f"LSH candidate pairs: {len(candidates)} of {all_pairs} possible pairs "
        f"({100 * len(candidates) / max(all_pairs, 1):.4f}%); exact checks only on those."
    )
    print(
        f"Planted near-duplicates merged: {found}/{len(planted)}; "
        f"papers: {len(papers)} (expected {expected_papers}); "
        f"abstracts merged into a paper of another family (false merges): {false_merges}."
    )


if __name__ == "__main__":
    main()
