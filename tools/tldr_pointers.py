"""Count the TLDRs that point back to something the reader never saw (``titles.tldr_refer``).

    .venv/bin/python tools/tldr_pointers.py ../shared/scitldr dev [--show N] [--dump FILE]

For each abstract of the split, the generated TLDR (``tldr.tldr``) and its pointers back, read
against the abstract's words before the sentence the TLDR came from (all words of the abstract
when it cannot be placed): how many TLDRs open with one, how many contain one, how many in the
subject or object (``tldr_refer.core``), and of which kind.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from generator.titles import tldr, tldr_model, tldr_refer


def earlier_words(sents: list[str], summary: str) -> set[str]:
    """The lower-cased words of the sentences before the one the summary was taken from."""
    key = set(tldr_model.words(summary))
    best = max(range(len(sents)), key=lambda i: len(key & set(tldr_model.words(sents[i]))), default=0)
    return {w for s in sents[:best] for w in tldr_model.words(s)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scitldr", type=Path)
    parser.add_argument("split", choices=("train", "dev"))
    parser.add_argument("--show", type=int, default=0, help="print the first N TLDRs with a pointer")
    parser.add_argument("--dump", type=Path, help="write every TLDR, one JSON line each")
    args = parser.parse_args(argv)
    records = [json.loads(line) for line in (args.scitldr / f"{args.split}.jsonl").open(encoding="utf-8")]
    opens = contains = cored = 0
    kinds: Counter[str] = Counter()
    shown = 0
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    for record in records:
        text = " ".join(record["source"])
        summary = tldr.tldr(text)
        found = tldr_refer.pointers(summary, earlier_words(tldr.abstract_sentences(text), summary))
        if dump:
            dump.write(json.dumps({"paper_id": record.get("paper_id"), "tldr": summary}) + "\n")
        if not found:
            continue
        contains += 1
        opens += found[0].start == 0
        cored += bool(tldr_refer.core(summary, found))
        kinds.update(p.kind for p in found)
        if shown < args.show:
            shown += 1
            print(f"  {summary}  [{', '.join(p.kind for p in found)}]")
    print(
        f"{args.split}: {len(records)} TLDRs; with a pointer back: {contains} "
        f"(opening with one: {opens}; in the subject or object: {cored}); "
        f"pointers by kind: {dict(sorted(kinds.items()))}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
