"""Boosted regression trees as numpy arrays: the one tree walker every learned stage uses.

The tuning scripts fit scikit-learn's gradient-boosted trees on tune data and write every node into
the stage's JSON (no pickle): per tree, the lists ``feature``, ``threshold``, ``left``, ``right`` and
``value``, a leaf having feature -1 (or a true ``leaf`` flag). ``pack`` pads the trees to one node
count; ``leaf_sums`` walks every tree for every row at once, going left when the row's feature is at
most the threshold, and returns each row's summed leaf values. Users: the keyword re-ranking
(``keywords/reranker.py``) and the TLDR trees (``titles/tldr_rank.py``, when ``tldr_rank_tune``
writes them with a weight).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Packed:
    """Trees x nodes arrays, padded with leaves of value 0, and the deepest tree's depth."""

    feature: Any
    threshold: Any
    left: Any
    right: Any
    value: Any
    depth: int


def pack(trees: Sequence[Mapping[str, Sequence[float]]], depth: int) -> Packed:
    """The JSON trees as padded arrays; a node flagged ``leaf`` gets feature -1."""
    import numpy as np

    size = max((len(t["feature"]) for t in trees), default=1)

    def pad(key: str, fill: float, dtype: Any) -> Any:
        rows = [list(t[key]) + [fill] * (size - len(t[key])) for t in trees]
        return np.array(rows, dtype=dtype).reshape(len(trees), size)

    feature = pad("feature", -1, np.int64)
    for k, tree in enumerate(trees):
        if "leaf" in tree:
            feature[k, : len(tree["leaf"])][np.asarray(tree["leaf"], dtype=bool)] = -1
    return Packed(
        feature=feature,
        threshold=pad("threshold", 0.0, np.float64),
        left=pad("left", -1, np.int64),
        right=pad("right", -1, np.int64),
        value=pad("value", 0.0, np.float64),
        depth=depth,
    )


def leaf_sums(trees: Packed, x: Any) -> Any:
    """Each row of the feature matrix ``x`` (rows x features): its leaf values summed over the trees."""
    import numpy as np

    n_trees = trees.feature.shape[0]
    node = np.zeros((n_trees, len(x)), dtype=np.int64)
    tree_ix = np.arange(n_trees)[:, None]
    row_ix = np.arange(len(x))[None, :]
    for _ in range(trees.depth):
        feat = trees.feature[tree_ix, node]
        leaf = feat < 0
        value = x[row_ix, np.where(leaf, 0, feat)]
        go_left = value <= trees.threshold[tree_ix, node]
        step = np.where(go_left, trees.left[tree_ix, node], trees.right[tree_ix, node])
        node = np.where(leaf, node, step)
    return trees.value[tree_ix, node].sum(axis=0)
