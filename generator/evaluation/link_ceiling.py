"""What the keyphrase sets allow "links sharing a human keyphrase" to reach: the ceilings.

    .venv/bin/python -m generator.evaluation.link_ceiling ../shared/keyphrase [--half tune] [--candidates]

For each half: the share of documents sharing any human keyphrase with another document of the half,
and the best share of links sharing one that any linker could reach with at most NO_RELATED of the
papers left alone: an oracle that links only keyphrase-sharing pairs (one link a paper, or up to
MAX_LINKS), the lone papers beyond NO_RELATED taking one wrong link each. With ``--candidates`` the
oracle may only pick among each paper's candidates (``related.candidates``: its best matches by the
similarity, built as the pipeline builds the catalogue), and the share of papers whose best match
shares a keyphrase is added.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.evaluation import relating, splits
from generator.evaluation.keyphrases import datasets

NO_RELATED = 0.05
MAX_LINKS = 5


def oracle(partners: list[list[int]], papers: int) -> tuple[float, float, float]:
    """(share of papers with a partner, ceiling with one link a paper, ceiling with up to MAX_LINKS)."""
    sharing = sum(1 for p in partners if p)
    wrong = max(0, papers - sharing - int(NO_RELATED * papers))
    good = sum(min(MAX_LINKS, len(p)) for p in partners)
    one = sharing / (sharing + wrong) if sharing + wrong else 0.0
    many = good / (good + wrong) if good + wrong else 0.0
    return sharing / papers if papers else 0.0, one, many


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("keyphrase", type=Path)
    parser.add_argument("--half", default=splits.REPORT, choices=(splits.REPORT, splits.TUNE))
    parser.add_argument("--candidates", action="store_true")
    args = parser.parse_args(argv)
    print("| Half | Docs | Share a keyphrase with another | Oracle, 1 link | Oracle, up to 5 |", end="")
    print(" In candidates | 1 link | up to 5 | Best match shares one |" if args.candidates else "")
    for name, path in datasets(args.keyphrase):
        half = relating.keyphrase_half(name, path, args.half)
        g, n = half.gold, len(half.gold)
        everyone = [[j for j in range(n) if j != i and g[i] & g[j]] for i in range(n)]
        share, one, many = oracle(everyone, n)
        line = f"| {half.name} | {n} | {100 * share:.1f}% | {100 * one:.1f}% | {100 * many:.1f}% |"
        if args.candidates:
            rows = _candidate_rows(half)
            inside = [[j for j in row if g[i] & g[j]] for i, row in enumerate(rows)]
            c_share, c_one, c_many = oracle(inside, n)
            best = sum(1 for i, row in enumerate(rows) if row and g[i] & g[row[0]]) / n
            line += f" {100 * c_share:.1f}% | {100 * c_one:.1f}% | {100 * c_many:.1f}% | {100 * best:.1f}% |"
        print(line, flush=True)


def _candidate_rows(half: relating.Corpus) -> list[list[int]]:
    from generator.keywords.stage import with_keywords
    from generator.models import Paper, Source
    from generator.relate import related
    from generator.runtime import parallel
    from generator.titles.generate import with_titles

    papers = tuple(
        Paper(id=f"{i:010x}", text=t, sources=(Source(half.name, i + 1),)) for i, t in enumerate(half.texts)
    )
    with parallel.runtime(None, jobs=1):
        papers = with_titles(with_keywords(papers))
        found = related.candidates(papers)
    return [[n.index for n in row] for row in found.rows]


if __name__ == "__main__":
    main()
