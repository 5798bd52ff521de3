"""The one numpy tree walker (generator/runtime/trees.py) against scikit-learn and a hand-made tree."""

from __future__ import annotations

import numpy as np
import pytest

from generator.runtime.trees import leaf_sums, pack

# x0 <= 0.5 ? (x1 <= 2 ? 1.0 : 2.0) : 3.0, nodes in scikit-learn's order
TREE = {
    "feature": [0, 1, -1, -1, -1],
    "threshold": [0.5, 2.0, 0.0, 0.0, 0.0],
    "left": [1, 2, -1, -1, -1],
    "right": [4, 3, -1, -1, -1],
    "value": [0.0, 0.0, 1.0, 2.0, 3.0],
}


def test_a_hand_made_tree_sends_each_row_to_its_leaf() -> None:
    x = np.array([[0.0, 1.0], [0.5, 3.0], [0.7, 0.0]])
    assert list(leaf_sums(pack([TREE], depth=2), x)) == [1.0, 2.0, 3.0]
    # Two trees add up; a shallower tree padded to the other's node count keeps its leaves.
    stump = {"feature": [-1], "threshold": [0.0], "left": [-1], "right": [-1], "value": [10.0]}
    assert list(leaf_sums(pack([TREE, stump], depth=2), x)) == [11.0, 12.0, 13.0]


def test_leaf_flags_mark_leaves_whatever_their_feature() -> None:
    flagged = {**TREE, "feature": [0, 1, 0, 0, 0], "leaf": [0, 0, 1, 1, 1]}
    x = np.array([[0.0, 1.0], [0.9, 9.0]])
    assert list(leaf_sums(pack([flagged], depth=2), x)) == [1.0, 3.0]


def test_no_trees_sum_to_zero() -> None:
    assert list(leaf_sums(pack([], depth=0), np.zeros((3, 2)))) == [0.0, 0.0, 0.0]


def test_exported_scikit_learn_trees_predict_as_it_does() -> None:
    from sklearn.ensemble import GradientBoostingRegressor

    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 4))
    y = x[:, 0] * (x[:, 1] > 0) + 0.3 * x[:, 2]
    model = GradientBoostingRegressor(n_estimators=25, max_depth=3, random_state=0).fit(x, y)
    trees = []
    for (estimator,) in model.estimators_:
        t = estimator.tree_
        leaves = t.children_left == -1
        trees.append(
            {
                "feature": [-1 if leaf else int(f) for f, leaf in zip(t.feature, leaves, strict=True)],
                "threshold": list(map(float, t.threshold)),
                "left": list(map(int, t.children_left)),
                "right": list(map(int, t.children_right)),
                "value": [float(v) * model.learning_rate for v in t.value[:, 0, 0]],
            }
        )
    base = float(model.init_.constant_[0][0])
    ours = base + leaf_sums(pack(trees, depth=3), x[:40])
    assert ours == pytest.approx(model.predict(x[:40]), abs=1e-9)
