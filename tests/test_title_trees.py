"""Title span tuning and candidates of the fifth session: the sparse ridge fit, spans of every
sentence, and the misread-verb guard."""

from __future__ import annotations

import numpy as np
import pytest

from generator.evaluation import title_tune
from generator.titles import spans


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
