"""Learn the name scorer (generator/titles/name_weights.json) on the SciTLDR train split only.

Each candidate name of each train abstract (``generator.titles.names.features``) is labelled 1 when
the paper's real title opens with it ("FearNet: ...", ``evaluation.titles.real_name``), else 0; a
logistic regression (``C``) learns the weights, sparse context words seen fewer than ``MIN_COUNT``
times dropped.

    python -m generator.evaluation.name_tune ../shared/scitldr          # writes the weights
    python -m generator.evaluation.name_tune ../shared/scitldr --cv     # 5-fold figures on train only
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from generator.evaluation.titles import real_name
from generator.evaluation.tldr_tune import abstract, read_split
from generator.evaluation.weights import write_weights
from generator.text.latex import strip_latex
from generator.titles import contribution, names
from generator.titles.clues import named_method

MIN_COUNT = 10
C = 1.0
FOLDS = 5
_SPARSE = ("prev=", "prev2=", "next=")


def rule_names(text: str) -> tuple[str, ...]:
    named = named_method(text)
    return tuple(n for n in ((named[0] if named else ""), contribution.own_name(text)) if n)


def rows_of(records: list[dict]) -> list[tuple[str, list[tuple[str, dict[str, float]]]]]:
    out = []
    for record in records:
        text = strip_latex(abstract(record))
        out.append((real_name(record["title"], text).lower(), names.features(text, rule_names(text))))
    return out


def fit(rows) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    feats = [f for _, cands in rows for _, f in cands]
    labels = [int(name.lower() == real) for real, cands in rows for name, _ in cands]
    counts = Counter(k for f in feats for k in f if k.startswith(_SPARSE))
    feats = [
        {k: v for k, v in f.items() if not k.startswith(_SPARSE) or counts[k] >= MIN_COUNT} for f in feats
    ]
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=C, max_iter=3000).fit(vectorizer.fit_transform(feats), labels)
    weights = {k: round(float(v), 6) for k, v in zip(vectorizer.feature_names_, model.coef_[0], strict=True)}
    weights[""] = round(float(model.intercept_[0]), 6)
    return {k: v for k, v in sorted(weights.items()) if v}


def score(weights: dict[str, float], rows) -> tuple[float, float]:
    """(share of named papers whose name is found, share of unnamed papers given a name)."""
    import math

    found = named = given = unnamed = 0
    for real, cands in rows:
        best, best_p = "", names.THRESHOLD
        for name, f in cands:
            p = 1 / (
                1 + math.exp(-(weights.get("", 0.0) + sum(v * weights.get(k, 0.0) for k, v in f.items())))
            )
            if p > best_p:
                best, best_p = name, p
        if real:
            named += 1
            found += best.lower() == real
        else:
            unnamed += 1
            given += bool(best)
    return found / max(named, 1), given / max(unnamed, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.evaluation.name_tune", description=__doc__.split("\n")[0]
    )
    parser.add_argument("scitldr", type=Path, help="folder with train.jsonl (SciTLDR-A)")
    parser.add_argument("--cv", action="store_true", help="print 5-fold figures on train; write nothing")
    args = parser.parse_args(argv)
    rows = rows_of(read_split(args.scitldr, "train"))
    if args.cv:
        folds = [
            score(
                fit([r for k, r in enumerate(rows) if k % FOLDS != f]),
                [r for k, r in enumerate(rows) if k % FOLDS == f],
            )
            for f in range(FOLDS)
        ]
        print(
            f"train {FOLDS}-fold: names found {sum(a for a, _ in folds) / FOLDS:.1%} of named papers, "
            f"a name given to {sum(b for _, b in folds) / FOLDS:.1%} of unnamed ones"
        )
        return 0
    payload = {"trained_on": "SciTLDR-A train", "min_count": MIN_COUNT, "C": C, "weights": fit(rows)}
    out = write_weights(names, payload)
    print(f"{len(payload['weights'])} weights written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
