"""Gradient-boosted regression trees over a title candidate's features, evaluated with numpy.

The trees (``span_trees.json``, fitted by ``python -m generator.evaluation.title_rank`` on SciTLDR
train with scikit-learn's ``HistGradientBoostingRegressor``) re-rank the span scorer's candidates:
they read the ridge's score (``spans.score``), where it stands among the abstract's other
candidates, and the candidate's dense features (length, sentence, source, title language model,
document frequencies, expected word F1 ...), and predict the candidate's word F1 with the real title
less the abstract's mean. A tree is a list of nodes (feature, threshold, left, right, leaf value);
a row goes left when its feature is at most the threshold. No pickle: the JSON holds every number.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path

from generator.runtime.cache import file_digest
from generator.runtime.trees import leaf_sums, pack

TREES_FILE = "span_trees.json"


def relative(scores: Sequence[float]) -> list[dict[str, float]]:
    """Each candidate's standing among its abstract's candidates by the ridge's score: the score,
    its gap to the best, and its rank (0 the best, ties in reading order) capped at 20."""
    if not scores:
        return []
    best = max(scores)
    order = sorted(range(len(scores)), key=lambda k: (-scores[k], k))
    rank = {k: r for r, k in enumerate(order)}
    return [
        {"ridge": s, "ridge_gap": s - best, "ridge_rank": float(min(rank[k], 20))}
        for k, s in enumerate(scores)
    ]


class Trees:
    """A fitted ensemble: ``features`` (column names), ``base`` and the packed trees
    (``runtime.trees``: per tree the node lists and a ``leaf`` flag per node)."""

    def __init__(self, payload: dict) -> None:
        self.features: list[str] = payload["features"]
        self.base = float(payload["base"])
        self.trees = pack(payload["trees"], int(payload["depth"]))
        self.column = {k: c for c, k in enumerate(self.features)}

    def matrix(self, rows: Sequence[dict[str, float]]):
        import numpy as np

        x = np.zeros((len(rows), len(self.features)))
        for r, feats in enumerate(rows):
            for k, v in feats.items():
                c = self.column.get(k)
                if c is not None:
                    x[r, c] = v
        return x

    def predict(self, rows: Sequence[dict[str, float]]) -> list[float]:
        """The ensemble's prediction for each row of features (missing features are 0)."""
        if not rows:
            return []
        return [float(v) for v in self.base + leaf_sums(self.trees, self.matrix(rows))]


@cache
def model() -> Trees | None:
    """The shipped trees, or None when there is no trees file (the ridge alone ranks)."""
    source = resources.files(__package__).joinpath(TREES_FILE)
    if not source.is_file():
        return None
    return Trees(json.loads(source.read_text(encoding="utf-8")))


def digest() -> str:
    path = Path(__file__).with_name(TREES_FILE)
    return file_digest(path) if path.exists() else ""
