"""Document frequencies of words over the SciTLDR train abstracts: how generic a word is in ML writing.

    python tools/build_docfreq.py [--scitldr ../shared/scitldr/train.jsonl]

Writes generator/text/data/docfreq.json.gz: {"documents": N, "df": {word: documents}, "lower":
{word: documents that write it in lower case}} for every word (the tagger's tokeniser, folded to lower
case) in at least MIN_DOCS abstracts. Only the train split is
read (the dev split measures). SciTLDR is Apache-2.0 (Cachola et al., 2020); the file holds counts only.
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

from generator.text.generic import DOCFREQ_PATH  # noqa: E402
from generator.text.tagger import tokenize  # noqa: E402

MIN_DOCS = 3


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scitldr", type=Path, default=ROOT / ".." / "shared" / "scitldr" / "train.jsonl")
    parser.add_argument("--out", type=Path, default=DOCFREQ_PATH)
    args = parser.parse_args()
    counts: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    documents = 0
    for line in args.scitldr.read_text(encoding="utf-8").splitlines():
        if line.strip():
            documents += 1
            text = " ".join(json.loads(line)["source"])
            tokens = [t for t in tokenize(text) if any(c.isalpha() for c in t)]
            counts.update({t.lower() for t in tokens})
            lower.update({t for t in tokens if t.islower()})
    df = {word: n for word, n in sorted(counts.items()) if n >= MIN_DOCS}
    written_lower = {word: lower[word] for word in df if lower[word]}
    data = json.dumps(
        {"documents": documents, "df": df, "lower": written_lower}, sort_keys=True, separators=(",", ":")
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as handle:
        handle.write(data.encode("utf-8"))
    print(f"{documents} abstracts, {len(df)} words -> {args.out} ({args.out.stat().st_size / 1e3:.0f} KB)")


if __name__ == "__main__":
    main()
