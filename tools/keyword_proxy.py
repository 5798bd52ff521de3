"""A self-check of the keywords on SciTLDR dev (not the blind reader's measure):

    .venv/bin/python tools/keyword_proxy.py ../shared/scitldr [--split dev]

Builds the split's abstracts as one catalogue with the keyword stage (``extract`` per abstract,
``curate`` over all) and prints the share of shown keywords all of whose words (lower case, Porter
stems) occur in the paper's real title or gold TLDRs, and how many keywords a paper shows. The words
of the title and TLDRs stand in for "what the paper is about". Run it with ``PYTHONPATH`` set to
another checkout to measure that code ("before").
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from generator.evaluation.keyphrases import stemmed
from generator.keywords.stage import curate, extract
from generator.models import Paper, Source


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scitldr_dir", type=Path)
    parser.add_argument("--split", default="dev")
    args = parser.parse_args(argv)
    with (args.scitldr_dir / f"{args.split}.jsonl").open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    texts = [" ".join(r["source"]) for r in records]
    papers = tuple(Paper(id=f"{i:010x}", text=t, sources=(Source(str(i), 1),)) for i, t in enumerate(texts))
    shown = curate(papers, [extract(t) for t in texts])
    hits = total = 0
    for record, paper in zip(records, shown, strict=True):
        about = {w for t in (record["title"], *record["target"]) for w in stemmed(t).split()}
        for keyword in paper.keywords:
            total += 1
            hits += set(stemmed(keyword).split()) <= about
    print(
        f"{args.split}: {len(records)} papers, {total} keywords ({total / len(records):.1f} a paper), "
        f"{hits / (total or 1):.1%} with every word in the title or TLDRs"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
