"""Document frequencies of candidate names over the SciTLDR train abstracts: how well known a name is.

    python tools/build_namefreq.py [--scitldr ../shared/scitldr/train.jsonl]

Writes generator/titles/data/namefreq.json.gz: {"documents": N, "df": {name: documents}} for every
candidate name (``generator.titles.names.candidates``: coined words, capitalised words and runs of
two to four of them, rare lower-case words), folded to lower case, that at least MIN_DOCS train
abstracts have. Prior work, data sets and field terms are named by many papers ("CycleGAN",
"Generative Adversarial Networks", "Travelling Salesman Problem"), a paper's own coined name by one;
``generic.share`` counts single words only from 3 documents up and no runs. Only the train split is
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

from generator.text.latex import strip_latex  # noqa: E402
from generator.titles.names import NAMEFREQ_PATH, candidates  # noqa: E402

MIN_DOCS = 2


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scitldr", type=Path, default=ROOT / ".." / "shared" / "scitldr" / "train.jsonl")
    parser.add_argument("--out", type=Path, default=NAMEFREQ_PATH)
    args = parser.parse_args()
    counts: Counter[str] = Counter()
    documents = 0
    for line in args.scitldr.read_text(encoding="utf-8").splitlines():
        if line.strip():
            documents += 1
            text = strip_latex(" ".join(json.loads(line)["source"]))
            counts.update({name.lower() for name in candidates(text)})
    df = {name: n for name, n in sorted(counts.items()) if n >= MIN_DOCS}
    data = json.dumps({"documents": documents, "df": df}, sort_keys=True, separators=(",", ":"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as handle:
        handle.write(data.encode("utf-8"))
    print(f"{documents} abstracts, {len(df)} names -> {args.out} ({args.out.stat().st_size / 1e3:.0f} KB)")


if __name__ == "__main__":
    main()
