"""The TLDR sentence ranker (generator/titles/tldr_rank.py): features of a sentence among its
abstract's sentences, the JSON trees walked without scikit-learn, and its part in ``tldr.choose``."""

from __future__ import annotations

import pytest

from generator.titles import tldr, tldr_rank

SENTS = [
    "Deep networks are widely used for image classification.",
    "However, they need many labels.",
    "We propose a label-efficient training method for image classifiers.",
    "We evaluate it on three benchmarks.",
]


def _rows() -> list[tuple[int, dict[str, float], float]]:
    return [
        (0, {"eF": 0.2, "eP": 0.3, "eR": 0.2, "centroid": 0.5}, 1.0),
        (2, {"eF": 0.4, "eP": 0.5, "eR": 0.3, "centroid": 0.6}, 2.0),
        (2, {"eF": 0.5, "eP": 0.6, "eR": 0.3, "centroid": 0.4, "leans": 1.0}, 1.5),
        (3, {"eF": 0.3, "eP": 0.4, "eR": 0.2, "centroid": 0.3, "setup": 1.0}, 0.5),
    ]


def test_sentence_features_aggregate_the_best_candidate_and_compare_with_the_abstract() -> None:
    feats = tldr_rank.sentence_features(SENTS, _rows(), ({}, {"propose": 0.07}, 0.0))
    assert sorted(feats) == [0, 2, 3]  # sentence 1 has no candidate
    named = {i: dict(zip(tldr_rank.FEATURES, x, strict=True)) for i, x in feats.items()}
    assert named[2]["best_eF"] == 0.5 and named[2]["best_score"] == 2.0
    assert named[2]["gap_eF"] == 0.0 and named[0]["gap_eF"] == pytest.approx(-0.3)
    assert named[2]["rank_score"] == 0.0 and named[0]["rank_score"] == 1.0 and named[3]["rank_score"] == 2.0
    # the authors speak first in sentence 2: the background before them, the offset after
    assert named[0]["before_we"] == 1.0 and named[2]["before_we"] == 0.0 and named[3]["offset_we"] == 1.0
    assert named[2]["verb_rate"] == 0.07 and named[0]["verb_rate"] == 0.0
    assert named[3]["setup"] == 1.0 and named[2]["setup"] == 0.0
    # one candidate of sentence 2 stands alone: not every candidate leans back
    assert named[2]["leans_all"] == 0.0


def test_trees_are_walked_to_their_leaves() -> None:
    # feature 0 <= 1.5 -> leaf 0.25, else leaf -0.5; a second tree adds 0.1 everywhere
    trees = [
        [[0, 1.5, 1, 2, 0.0], [-1, 0.0, -1, -1, 0.25], [-1, 0.0, -1, -1, -0.5]],
        [[-1, 0.0, -1, -1, 0.1]],
    ]
    assert tldr_rank.predict([1.0], trees) == pytest.approx(0.35)
    assert tldr_rank.predict([2.0], trees) == pytest.approx(-0.4)


def test_candidate_features_compare_each_candidate_with_its_sentence_and_abstract() -> None:
    rows = [
        ("Deep networks are widely used for image classification", {"sent": 0.0, "eF": 0.2}),
        ("We propose a label-efficient training method for image classifiers", {"sent": 2.0, "eF": 0.4}),
        ("A label-efficient training method for image classifiers", {"sent": 2.0, "eF": 0.5, "opener": 1.0}),
    ]
    matrix = tldr_rank.candidate_matrix(SENTS, rows, [1.0, 3.0, 2.0], ({}, {}, 0.0))
    named = [dict(zip(tldr_rank.CANDIDATE_FEATURES, x, strict=True)) for x in matrix]
    assert [n["gap_top"] for n in named] == [-2.0, 0.0, -1.0]
    assert [n["gap_sentence"] for n in named] == [0.0, 0.0, -1.0]
    assert [n["rank"] for n in named] == [2.0, 0.0, 1.0]
    assert named[2]["gap_sentence_eF"] == 0.0 and named[1]["gap_sentence_eF"] == pytest.approx(-0.1)
    assert named[2]["opener"] == 1.0 and named[2]["cand_words"] == 7.0
    assert named[0]["s_before_we"] == 1.0 and named[1]["s_before_we"] == 0.0


def _small_model() -> dict:
    """A tiny ensemble of the candidate features' width, fitted on random rows (no shipped trees)."""
    import numpy as np
    from sklearn.ensemble import GradientBoostingRegressor

    from generator.evaluation import tldr_rank_tune

    width = len(tldr_rank.CANDIDATE_FEATURES)
    x = np.random.default_rng(1).normal(size=(300, width))
    y = x[:, 0] - x[:, 5] * (x[:, 9] > 0)
    fitted = GradientBoostingRegressor(n_estimators=15, max_depth=3, random_state=0).fit(x, y)
    base, trees = tldr_rank_tune.export(fitted)
    features = list(tldr_rank.CANDIDATE_FEATURES)
    return {
        "features": features,
        "weight": 1.0,
        "base": base,
        "trees": trees,
        "depth": 3,
        "rows": x[:20].tolist(),
    }


def test_trees_walked_at_once_agree_with_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    model = _small_model()
    monkeypatch.setattr(tldr_rank, "_model", lambda: model)
    tldr_rank._arrays.cache_clear()
    try:
        rows = [
            (
                "Deep networks are widely used for image classification",
                {"sent": 0.0, "eF": 0.2, "lo_mean": -2.0},
            ),
            ("We propose a label-efficient training method for image classifiers", {"sent": 2.0, "eF": 0.4}),
            ("We evaluate it on three benchmarks", {"sent": 3.0, "eF": 0.1, "setup": 1.0}),
        ]
        matrix = tldr_rank.candidate_matrix(SENTS, rows, [0.5, 2.0, -1.0]) + model["rows"]
        at_once = tldr_rank.predict_all(matrix)
        one_by_one = [model["base"] + tldr_rank.predict(row, model["trees"]) for row in matrix]
        assert at_once == pytest.approx(one_by_one)
        assert len(set(at_once)) > 3
    finally:
        tldr_rank._arrays.cache_clear()


def test_the_learned_rank_can_overturn_the_candidate_ranker(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [
        ("Deep networks need many labels for image classification", {"sent": 0.0, "x": 1.0}),
        ("We propose a label-efficient training method for image classifiers", {"sent": 2.0, "x": 0.9}),
    ]
    weights = {"x": 1.0}
    assert tldr.choose(rows, weights, 0.0)[0].startswith("Deep")  # the candidate ranker alone
    monkeypatch.setattr(tldr_rank, "weight", lambda: 1.0)
    monkeypatch.setattr(tldr_rank, "candidate_scores", lambda sents, rows, scores: [-0.2, 0.2])
    ranked, with_rank = tldr.with_learned_ranks(" ".join(SENTS), rows, weights)
    assert with_rank["gbt"] == 1.0
    assert tldr.choose(ranked, with_rank, 0.0)[0].startswith("We propose")


def test_no_trees_leave_the_choice_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tldr_rank, "weight", lambda: 0.0)
    rows = [("A candidate of eight words for the test", {"sent": 0.0})]
    assert tldr.with_learned_ranks("x", rows, {"a": 1.0}) == (rows, {"a": 1.0})


def test_the_margins_of_doubt_widen_with_the_trees(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[float, float]] = []

    def spy(rows, weights, margin, pointers=0.0, **guard):
        seen.append((margin, pointers))
        return rows[0]

    model = _small_model()
    monkeypatch.setattr(tldr_rank, "_model", lambda: model)
    tldr_rank._arrays.cache_clear()
    monkeypatch.setattr(tldr, "choose", spy)
    monkeypatch.setattr(tldr_rank, "margin_scale", lambda: 2.0)
    monkeypatch.setattr(tldr_rank, "weight", lambda: 10.0)
    text = " ".join(SENTS)
    tldr.tldr(text)
    with_trees = seen.pop()
    monkeypatch.setattr(tldr_rank, "weight", lambda: 0.0)
    tldr.tldr(text)
    without = seen.pop()
    assert without == (tldr.unsure_margin(), tldr.pointer_margin())
    assert with_trees == (2 * without[0], 2 * without[1])
    tldr_rank._arrays.cache_clear()


def test_exported_trees_predict_as_scikit_learn_does() -> None:
    import numpy as np
    from sklearn.ensemble import GradientBoostingRegressor

    from generator.evaluation import tldr_rank_tune

    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 3))
    y = x[:, 0] * (x[:, 1] > 0) + 0.1 * x[:, 2]
    model = GradientBoostingRegressor(n_estimators=20, max_depth=3, random_state=0).fit(x, y)
    base, trees = tldr_rank_tune.export(model)
    ours = [base + tldr_rank.predict(list(row), trees) for row in x[:20]]
    assert ours == pytest.approx(model.predict(x[:20]), abs=1e-5)
