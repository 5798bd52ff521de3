"""How often ML abstracts write a word right before "of": a noun that needs its complement.

    python tools/build_ofshare.py [--scitldr ../shared/scitldr/train.jsonl]

Writes generator/text/data/ofshare.json.gz: {word: [uses, uses before "of"]} for every word (the
tagger's tokeniser, folded to lower case) used at least MIN_USES times over the SciTLDR train
abstracts. A relational noun ("range", "lens", "number", "variety") is nearly always followed by its
"of" complement; "training", "networks" are not: a title that ends on the first kind before its "of"
reads cut (``text.nounphrases.continues``). Only the train split is read (dev measures).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.text.nounphrases import OF_SHARE_PATH  # noqa: E402
from generator.text.tagger import tokenize  # noqa: E402

MIN_USES = 10


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scitldr", type=Path, default=ROOT / ".." / "shared" / "scitldr" / "train.jsonl")
    parser.add_argument("--out", type=Path, default=OF_SHARE_PATH)
    args = parser.parse_args()
    uses: Counter[str] = Counter()
    before: Counter[str] = Counter()
    for line in args.scitldr.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        for sentence in json.loads(line)["source"]:
            words = [w.lower() for w in tokenize(sentence)]
            for k, word in enumerate(words):
                uses[word] += 1
                if k + 1 < len(words) and words[k + 1] == "of":
                    before[word] += 1
    table = {w: [uses[w], before[w]] for w in sorted(uses) if uses[w] >= MIN_USES and before[w]}
    with gzip.GzipFile(args.out, "wb", mtime=0) as handle:
        handle.write(json.dumps(table, sort_keys=True, separators=(",", ":")).encode("utf-8"))
    print(f"{len(table)} words -> {args.out}")


if __name__ == "__main__":
    main()
