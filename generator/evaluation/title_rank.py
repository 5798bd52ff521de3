"""Learn the title candidates' tree ranker (generator/titles/span_trees.json) on SciTLDR train only.

Gradient-boosted regression trees (scikit-learn's ``HistGradientBoostingRegressor``, fixed
``random_state``) over each candidate's dense features (``title_tune.span_rows``: everything but the
sparse word and pattern indicators) and the ridge's score with its standing among the abstract's
candidates (``span_trees.relative``); the target is the candidate's word F1 with the real title
less its abstract's mean, as the ridge's. The ridge's scores of the training rows come from ridges
fitted without their fold (``INNER`` folds), so the trees learn how far to trust it on unseen
abstracts. The fitted trees are written as JSON (node arrays) and evaluated with numpy at build time
(``generator/titles/span_trees.py``).

    python -m generator.evaluation.title_rank ../shared/scitldr          # writes span_trees.json
    python -m generator.evaluation.title_rank ../shared/scitldr --cv     # 5-fold word F1 on train
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from generator.evaluation import title_tune
from generator.evaluation.tldr_tune import read_split
from generator.titles import span_trees

PARAMS: dict[str, Any] = {
    "max_iter": 150,
    "learning_rate": 0.05,
    "max_leaf_nodes": 15,
    "min_samples_leaf": 200,
    "l2_regularization": 1.0,
    "random_state": 0,
}
INNER = 4  # folds of the ridge whose out-of-fold scores the trees learn from


def dense_names(rows) -> list[str]:
    """Every feature name that is no sparse word or pattern indicator, plus the ridge's standing."""
    names = {k for _, fs, _ in rows for f in fs for k in f if not k.startswith(title_tune._SPARSE)}
    return sorted(names | set(span_trees.relative([0.0])[0]))


def ridge_scores(rows, weights: dict[str, float]) -> list[list[float]]:
    return [[title_tune.linear(weights, f) for f in feats] for _, feats, _ in rows]


def out_of_fold(rows) -> list[list[float]]:
    """The ridge's score of every candidate, each row's by a ridge fitted without it."""
    scores: list[list[float]] = [[] for _ in rows]
    for f in range(INNER):
        weights = title_tune.fit([r for k, r in enumerate(rows) if k % INNER != f])
        for k, row in enumerate(rows):
            if k % INNER == f:
                scores[k] = [title_tune.linear(weights, x) for x in row[1]]
    return scores


def _design(rows, scores: list[list[float]], names: list[str]):
    import numpy as np

    column = {k: c for c, k in enumerate(names)}
    feats = [
        {**f, **rel}
        for (_, fs, _), s in zip(rows, scores, strict=True)
        for f, rel in zip(fs, span_trees.relative(s), strict=True)
    ]
    x = np.zeros((len(feats), len(names)))
    for r, f in enumerate(feats):
        for k, v in f.items():
            c = column.get(k)
            if c is not None:
                x[r, c] = v
    return x


def export(model, names: list[str]) -> dict[str, Any]:
    """The fitted ensemble as JSON-ready node arrays (``span_trees.Trees`` reads them)."""
    trees = []
    depth = 0
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        depth = max(depth, int(nodes["depth"].max()))
        trees.append(
            {
                "feature": [int(v) for v in nodes["feature_idx"]],
                "threshold": [float(v) for v in nodes["num_threshold"]],
                "left": [int(v) for v in nodes["left"]],
                "right": [int(v) for v in nodes["right"]],
                "leaf": [int(v) for v in nodes["is_leaf"]],
                "value": [round(float(v), 7) for v in nodes["value"]],
            }
        )
    return {
        "features": names,
        "base": float(model._baseline_prediction.ravel()[0]),
        "depth": depth + 1,
        "trees": trees,
    }


def fit(
    rows, weights: dict[str, float] | None = None, params: dict[str, Any] | None = None
) -> span_trees.Trees:
    """Trees fitted on ``rows`` (the ridge's scores out of fold); ``weights`` is unused for the
    training rows and kept for the caller's symmetry with ``predict``."""
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingRegressor

    del weights
    names = dense_names(rows)
    x = _design(rows, out_of_fold(rows), names)
    target = np.concatenate([np.array(y) - np.mean(y) for _, _, y in rows])
    model = HistGradientBoostingRegressor(**{**PARAMS, **(params or {})}).fit(x, target)
    payload = export(model, names)
    trees = span_trees.Trees(payload)
    trees.payload = payload  # type: ignore[attr-defined]
    return trees


def predict(trees: span_trees.Trees, feats: list[dict[str, float]], ridge: list[float]) -> list[float]:
    return trees.predict([{**f, **rel} for f, rel in zip(feats, span_trees.relative(ridge), strict=True)])


def cv(rows, params: dict[str, Any] | None = None) -> tuple[float, float]:
    """Train 5-fold word F1 of the first candidate, (ridge, trees), the same folds."""
    folds = title_tune.FOLDS
    got = {"ridge": 0.0, "trees": 0.0}
    for f in range(folds):
        train = [r for k, r in enumerate(rows) if k % folds != f]
        test = [r for k, r in enumerate(rows) if k % folds == f]
        weights = title_tune.fit(train)
        trees = fit(train, params=params)
        for row in test:
            ridge = [title_tune.linear(weights, x) for x in row[1]]
            got["ridge"] += row[2][title_tune.first_index(ridge, row)]
            got["trees"] += row[2][title_tune.first_index(predict(trees, row[1], ridge), row)]
    return got["ridge"] / len(rows), got["trees"] / len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.evaluation.title_rank", description=__doc__.split("\n")[0]
    )
    parser.add_argument("scitldr", type=Path, help="folder with train.jsonl (SciTLDR-A)")
    parser.add_argument("--cv", action="store_true", help="print 5-fold word F1 on train; write nothing")
    args = parser.parse_args(argv)
    records = read_split(args.scitldr, "train")
    rows = title_tune.span_rows(records)
    title_tune.REJECT.update(title_tune.lm_thresholds(records))
    if args.cv:
        ridge, trees = cv(rows)
        print(
            f"train {title_tune.FOLDS}-fold word F1 of the first candidate: "
            f"ridge {ridge:.4f}, trees {trees:.4f}"
        )
        return 0
    trees = fit(rows)
    out = Path(span_trees.__file__).with_name(span_trees.TREES_FILE)
    payload = {"trained_on": "SciTLDR-A train", "params": PARAMS, **trees.payload}  # type: ignore[attr-defined]
    out.write_text(json.dumps(payload, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(payload['trees'])} trees written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
