"""Learn the TLDR weights (generator/titles/tldr_weights.json) on the SciTLDR train split only.

Every candidate of every train abstract (``generator.titles.tldr.scored_candidates``) is scored by
ROUGE-1 F with the author's TLDR (rouge-score, Porter stemming); the target is that score minus the
abstract's mean, so the model learns which candidate of an abstract is better, not which abstract is
easier. A ridge regression fits the weights; word features seen in fewer than ``MIN_COUNT``
candidates are dropped (they would learn the train topics, not the cues).

    python -m generator.evaluation.tldr_tune ../shared/scitldr

Needs the test extra (rouge-score); scikit-learn is a runtime dependency already.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from generator.titles import tldr

MIN_COUNT = 60
ALPHA = 300.0
_SPARSE = ("w=", "f0=", "f1=", "f2=", "cut=")


def read_split(folder: Path, split: str) -> list[dict]:
    with (folder / f"{split}.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def abstract(record: dict) -> str:
    return " ".join(record["source"])


def fit(records: list[dict]) -> dict[str, float]:
    import numpy as np
    from rouge_score import rouge_scorer
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import Ridge

    scorer = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)
    rows: list[dict[str, float]] = []
    target: list[float] = []
    for record in records:
        cands = [
            (c, f) for c, f in tldr.scored_candidates(abstract(record)) if len(c.split()) <= tldr.MAX_WORDS
        ]
        if not cands:
            continue
        scores = [
            max(scorer.score(g, c + ".")["rouge1"].fmeasure for g in record["target"]) for c, _ in cands
        ]
        mean = sum(scores) / len(scores)
        rows += [f for _, f in cands]
        target += [s - mean for s in scores]
    counts = Counter(k for f in rows for k in f if k.startswith(_SPARSE))
    rows = [{k: v for k, v in f.items() if not k.startswith(_SPARSE) or counts[k] >= MIN_COUNT} for f in rows]
    vectorizer = DictVectorizer()
    model = Ridge(alpha=ALPHA).fit(vectorizer.fit_transform(rows), np.array(target))
    weights = {k: round(float(v), 6) for k, v in zip(vectorizer.feature_names_, model.coef_, strict=True)}
    weights[""] = round(float(model.intercept_), 6)
    return {k: v for k, v in sorted(weights.items()) if v}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.evaluation.tldr_tune", description=__doc__.split("\n")[0]
    )
    parser.add_argument("scitldr", type=Path, help="folder with train.jsonl (SciTLDR-A)")
    args = parser.parse_args(argv)
    weights = fit(read_split(args.scitldr, "train"))
    out = Path(tldr.__file__).with_name(tldr.WEIGHTS_FILE)
    payload = {"trained_on": "SciTLDR-A train", "min_count": MIN_COUNT, "alpha": ALPHA, "weights": weights}
    out.write_text(json.dumps(payload, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(weights)} weights written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
