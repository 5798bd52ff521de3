"""The title candidates' tree ranker (generator/titles/span_trees.py) and its tuning helpers."""

from __future__ import annotations

import numpy as np
import pytest

from generator.evaluation import title_rank, title_tune
from generator.titles import span_trees, spans

# one stump: ridge_gap <= -0.1 -> -0.2, else +0.3; a second tree: len=3 <= 0.5 -> 0, else -0.05
PAYLOAD = {
    "features": ["len=3", "ridge", "ridge_gap", "ridge_rank"],
    "base": 0.01,
    "depth": 2,
    "trees": [
        {"feature": [2, 0, 0], "threshold": [-0.1, 0, 0], "left": [1, 0, 0], "right": [2, 0, 0],
         "leaf": [0, 1, 1], "value": [0, -0.2, 0.3]},
        {"feature": [0, 0, 0], "threshold": [0.5, 0, 0], "left": [1, 0, 0], "right": [2, 0, 0],
         "leaf": [0, 1, 1], "value": [0, 0.0, -0.05]},
    ],
}  # fmt: skip


def test_relative_standing_by_ridge_score() -> None:
    rel = span_trees.relative([0.1, 0.5, 0.5, -0.2])
    assert [r["ridge_rank"] for r in rel] == [2.0, 0.0, 1.0, 3.0]  # ties in reading order
    assert rel[0]["ridge_gap"] == pytest.approx(-0.4)
    assert rel[1]["ridge_gap"] == 0.0
    assert span_trees.relative([]) == []


def test_trees_walk_to_their_leaves() -> None:
    trees = span_trees.Trees(PAYLOAD)
    got = trees.predict([{"ridge_gap": -0.5}, {"ridge_gap": 0.0}, {"ridge_gap": 0.0, "len=3": 1.0}, {}])
    assert got == pytest.approx([0.01 - 0.2, 0.01 + 0.3, 0.01 + 0.3 - 0.05, 0.01 + 0.3])
    assert trees.predict([]) == []


def test_exported_trees_predict_as_sklearn() -> None:
    from sklearn.ensemble import HistGradientBoostingRegressor

    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 3))
    y = np.where(x[:, 0] > 0.2, 1.0, -1.0) + x[:, 1] * x[:, 2]
    model = HistGradientBoostingRegressor(max_iter=20, max_leaf_nodes=7, random_state=0).fit(x, y)
    names = ["a", "b", "c"]
    trees = span_trees.Trees(title_rank.export(model, names))
    rows = [dict(zip(names, map(float, r), strict=True)) for r in x[:50]]
    assert trees.predict(rows) == pytest.approx(list(model.predict(x[:50])), abs=1e-6)


def test_rerank_follows_the_trees(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the trees on, a candidate far below the best by the ridge can still win; off, the ridge's
    order is kept."""
    feats = [{"len=3": 1.0}, {}]
    monkeypatch.setattr(span_trees, "model", lambda: span_trees.Trees(PAYLOAD))
    monkeypatch.setattr(spans, "TREES", True)
    on = spans.rerank(feats, [0.5, 0.1])  # second: gap -0.4 -> -0.2 + base
    assert on == pytest.approx([0.01 + 0.3 - 0.05, 0.01 - 0.2])
    monkeypatch.setattr(spans, "TREES", False)
    assert spans.rerank(feats, [0.5, 0.1]) == [0.5, 0.1]


def test_sparse_ridge_equals_the_dense_closed_form() -> None:
    rng = np.random.default_rng(1)
    rows = []
    for _ in range(30):
        n = int(rng.integers(2, 6))
        feats = [{"a": float(rng.normal()), "b": float(rng.integers(0, 2)), "len=3": 1.0} for _ in range(n)]
        rows.append(([f"c{k}" for k in range(n)], feats, [float(rng.random()) for _ in range(n)]))
    names, x = title_tune._matrix(rows)
    target = np.concatenate([np.array(y) - np.mean(y) for _, _, y in rows])
    x -= x.mean(axis=0)
    dense = np.linalg.solve(x.T @ x + title_tune.ALPHA * np.eye(len(names)), x.T @ (target - target.mean()))
    got = title_tune.fit(rows)
    assert [got.get(k, 0.0) for k in names] == pytest.approx([round(float(v), 6) for v in dense], abs=2e-6)


def test_spans_come_from_every_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    """A phrase of the abstract's fifth sentence, after the contribution sentence, is a candidate
    (the real title often names what a later sentence says); with ``ALL_SENTENCES`` off only the
    opening three and the contribution sentence are read."""
    text = (
        "Deep networks are widely used. They need much data. Labels are costly. "
        "We propose a simple method for semi-supervised learning. "
        "Our analysis shows that consistency regularization with strong augmentation drives the gains."
    )
    monkeypatch.setattr(spans, "ALL_SENTENCES", True)
    found = [s for s, _ in spans.candidate_spans(text)]
    assert "consistency regularization with strong augmentation" in found
    monkeypatch.setattr(spans, "ALL_SENTENCES", False)
    found = [s for s, _ in spans.candidate_spans(text)]
    assert found and not any("consistency regularization" in s for s in found)


def test_a_verb_the_tagger_called_a_noun_ends_a_span(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "decreases" tagged as a plural noun: ML abstracts almost never use it as a noun head or before
    a noun, so no span runs through it; a modifier noun ("end-to-end") still does."""
    from generator.titles.contribution import tagged

    sentence = tagged("Adversarial training decreases robustness of the remaining perturbations.")
    assert ("decreases", "NNS") in sentence  # the tagger's misreading this rule is for

    def found(tags: list[tuple[str, str]]) -> list[str]:
        return [" ".join(w for w, _ in tags[i:j]) for i, j in spans._spans(tags)]

    monkeypatch.setattr(spans, "MISREAD_VERBS", True)
    assert not any("decreases" in s for s in found(sentence))
    assert "robustness of the remaining perturbations" in found(sentence)
    modifier = tagged("We propose end-to-end training of support vector machines.")
    assert "end-to-end training of support vector machines" in found(modifier)
    monkeypatch.setattr(spans, "MISREAD_VERBS", False)
    assert "Adversarial training decreases robustness" in found(sentence)
