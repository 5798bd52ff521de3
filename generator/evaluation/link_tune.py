"""Choose the shown-link bounds on tune data: the precision / coverage curve of the link rule.

    .venv/bin/python -m generator.evaluation.link_tune /work/shared/keyphrase [--scitldr DIR]

Tune data only: SciTLDR **train** in three thirds of 664 papers (each third one catalogue, the size
of dev), labelled by the title-and-TLDR proxy (``linkproxy``), and the **tune** halves of kdd and www
(SemEval2017's too), labelled by a shared human keyphrase. Each set is built once as the pipeline
builds it (keywords, titles and summaries, candidate matches, concepts); then, for each setting of
``specific.REPEATED``, ``specific.TRAIN_SHARE`` and ``related.MIN_SCORE``, the shown links are chosen again
(``related.shown_links``) and measured: links, the share the label calls related, and the share of
papers left with no link. One line a setting, one column group a set.
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from generator.evaluation import linkproxy, relating, splits
from generator.evaluation.keyphrases import datasets
from generator.models import Paper, Source
from generator.relate import related, specific
from generator.text.forms import phrase_key

REPEATS = (2, 3)
TRAIN_SHARES = (0.03, 0.05)
MIN_SCORES = (0.10, 0.12, 0.14)


@dataclass
class Prepared:
    name: str
    papers: tuple[Paper, ...]
    rows: list[list[related.Neighbour]]
    sides: list[related.Side]
    catalogue: related.Catalogue
    label: Callable[[int, int], bool | None]
    # Each paper's links by the rule before issue 20's second round (``Paper.similar``), as indices.
    before: list[list[int]]


def prepare(name: str, texts: tuple[str, ...], label: Callable[[int, int], bool | None]) -> Prepared:
    from generator.keywords.stage import with_keywords
    from generator.relate.concepts import paper_counts
    from generator.runtime import parallel
    from generator.titles.generate import with_titles

    papers = tuple(Paper(id=f"{i:010x}", text=t, sources=(Source(name, i + 1),)) for i, t in enumerate(texts))
    with parallel.runtime(None, jobs=1):
        papers = with_titles(with_keywords(papers))
        counts = list(paper_counts(papers))
        order = np.argsort(np.argsort(np.array([p.id for p in papers])))
        rows = list(
            related.nearest(
                related.feature_matrix(papers), order, related.CANDIDATE_LINKS, related.FIRST_MIN_SCORE
            )
        )
    own = [set(c) | {phrase_key(k) for k in p.keywords} for c, p in zip(counts, papers, strict=True)]
    catalogue = related.count(own, len(papers))
    sides = [related.side(p, counts[i]) for i, p in enumerate(papers)]
    index = {p.id: i for i, p in enumerate(papers)}
    with parallel.runtime(None, jobs=1):
        before = [[index[r.id] for r in p.similar] for p in related.related_papers(papers)]
    return Prepared(name, papers, rows, sides, catalogue, label, before)


def measure_before(data: Prepared) -> tuple[int, float, float]:
    verdicts = [data.label(i, j) for i, row in enumerate(data.before) for j in row]
    judged = [v for v in verdicts if v is not None]
    alone = sum(1 for row in data.before if not row)
    return len(verdicts), sum(judged) / len(judged) if judged else 0.0, alone / len(data.papers)


def measure(data: Prepared) -> tuple[int, float, float]:
    index = {p.id: i for i, p in enumerate(data.papers)}
    links, judged, good, alone = 0, 0, 0, 0
    for i, row in enumerate(data.rows):
        shown = related.shown_links(i, row, data.papers, data.sides, data.catalogue)
        alone += not shown
        for link in shown:
            links += 1
            verdict = data.label(i, index[link.id])
            if verdict is not None:
                judged += 1
                good += verdict
    return links, good / judged if judged else 0.0, alone / len(data.papers)


def tune_sets(keyphrase_dir: Path, scitldr_dir: Path) -> list[Prepared]:
    found = []
    train = relating.scitldr(scitldr_dir, "train")
    proxy = linkproxy.labeller(train.labels)
    for third in range(3):
        keep = [i for i in range(len(train.texts)) if i % 3 == third]
        found.append(
            prepare(
                f"scitldr-train/{third}",
                tuple(train.texts[i] for i in keep),
                lambda a, b, keep=keep: proxy(keep[a], keep[b]),
            )
        )
    for name, path in datasets(keyphrase_dir):
        half = relating.keyphrase_half(name, path, splits.TUNE)
        gold = half.gold
        found.append(
            prepare(half.name, half.texts, lambda a, b, g=gold: bool(g[a] & g[b]) if g[a] and g[b] else None)
        )
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("keyphrase", type=Path)
    parser.add_argument("--scitldr", type=Path, default=None)
    args = parser.parse_args(argv)
    sets = tune_sets(args.keyphrase, args.scitldr or args.keyphrase.parent / "scitldr")
    print(
        "| REPEATED | TRAIN_SHARE | MIN_SCORE | "
        + " | ".join(f"{s.name}: links, related, no link" for s in sets)
        + " |"
    )
    print("|---:|---:|---:|" + "---|" * len(sets))
    cells = [measure_before(s) for s in sets]
    print(
        "| before (any shared concept) | - | - | "
        + " | ".join(f"{n}, {100 * p:.1f}%, {100 * a:.1f}%" for n, p, a in cells)
        + " |"
    )
    saved = specific.REPEATED, specific.TRAIN_SHARE, related.MIN_SCORE
    try:
        for repeated, share, score in itertools.product(REPEATS, TRAIN_SHARES, MIN_SCORES):
            specific.REPEATED, specific.TRAIN_SHARE, related.MIN_SCORE = repeated, share, score
            cells = [measure(s) for s in sets]
            print(
                f"| {repeated} | {share} | {score} | "
                + " | ".join(f"{n}, {100 * p:.1f}%, {100 * a:.1f}%" for n, p, a in cells)
                + " |"
            )
    finally:
        specific.REPEATED, specific.TRAIN_SHARE, related.MIN_SCORE = saved


if __name__ == "__main__":
    main()
