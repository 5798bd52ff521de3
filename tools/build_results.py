"""Where ML abstracts say a term: in the part that states the contribution, or only after it, where
results and set-up are reported (``keywords/corpus.results_share``).

    python tools/build_results.py [--scitldr ../shared/scitldr/train.jsonl]

Writes generator/keywords/data/results.json.gz. For every SciTLDR **train** abstract (given as its
sentence list) the contribution sentence (the one-line summary scorer's best, ``central._contribution``)
and the first sentence that says what the paper does are found; the sentences after both are the
**results part**. For every word and every run of two or three words (the keyword stage's tokeniser,
keyword keys: lower case, singular) in at least ``MIN_DOCS`` abstracts: how many abstracts use it and
in how many of those every mention lies in the results part. Evaluation vocabulary lives there
("experiments" 91% of 510 abstracts, "CIFAR-10" 91%, "accuracy" 63%, "fidelity" 62%), what papers
are about much less ("meta-learning" 19%, "graph" 20%, "continual learning" 12%); ``"base"`` is the
share over all words. Only the train split is read (dev and the keyphrase sets measure). SciTLDR is
Apache-2.0 (Cachola et al., 2020); the file holds counts only.
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

from generator.keywords import central  # noqa: E402
from generator.keywords.corpus import RESULTS_PATH  # noqa: E402
from generator.keywords.grammar import TOKEN  # noqa: E402
from generator.text.forms import phrase_key  # noqa: E402

MIN_DOCS = 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scitldr", type=Path, default=ROOT.parent / "shared" / "scitldr" / "train.jsonl")
    parser.add_argument("--out", type=Path, default=RESULTS_PATH)
    args = parser.parse_args()
    used: Counter[str] = Counter()
    after: Counter[str] = Counter()
    with args.scitldr.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    for record in records:
        sents = [" ".join(s.split()) for s in record["source"]]
        best, first = central._contribution(sents)
        cut = max(best, first)
        where: dict[str, set[int]] = {}
        for i, sentence in enumerate(sents):
            words = [m.group().lower() for m in TOKEN.finditer(sentence) if m.group()[:1].isalnum()]
            for n in (1, 2, 3):
                for j in range(len(words) - n + 1):
                    where.setdefault(phrase_key(" ".join(words[j : j + n])), set()).add(i)
        for key, places in where.items():
            used[key] += 1
            after[key] += cut >= 0 and min(places) > cut
    single = [k for k in used if " " not in k]
    base = sum(after[k] for k in single) / max(sum(used[k] for k in single), 1)
    keys = {k: [n, after[k]] for k, n in sorted(used.items()) if n >= MIN_DOCS}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(args.out, "wb", mtime=0) as raw:
        raw.write(
            json.dumps(
                {"documents": len(records), "base": round(base, 4), "keys": keys},
                separators=(",", ":"),
                sort_keys=True,
            ).encode("utf-8")
        )
    print(f"{len(records)} abstracts, {len(keys)} keys, base {base:.3f} -> {args.out}")


if __name__ == "__main__":
    main()
