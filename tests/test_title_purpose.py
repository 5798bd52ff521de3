"""The authors' purpose keeps its verb in a composed title (``compose.PURPOSE_VERB``, ninth session)."""

from __future__ import annotations

import pytest

from generator.titles import compose

NOISE = "We propose a novel augmentation scheme to reduce label noise in large datasets."
USES = (
    "We propose a query-efficient black-box attack which uses Bayesian optimisation to find "
    "adversarial examples."
)
AGENT = "We propose a new scheme to allow the agent to learn about its environment."


def _phrases(text: str, source: str) -> list[str]:
    return [p for p, s, _ in compose.composed(text) if s == source]


def test_object_for_its_purpose_keeps_the_verb():
    assert "augmentation scheme for reducing label noise" in _phrases(NOISE, "object for problem")
    assert "augmentation scheme for label noise" not in [p for p, _, _ in compose.composed(NOISE)]


def test_a_verb_of_means_is_no_purpose():
    phrases = [p for p, _, _ in compose.composed(USES)]
    assert "query-efficient black-box attack via Bayesian optimisation" in phrases
    assert not any(p.startswith("using") or "for Bayesian" in p for p in phrases)


def test_no_purpose_cut_before_its_infinitive():
    assert not any("allowing agent" in p for p, _, _ in compose.composed(AGENT))


def test_flag_off_drops_the_verb(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(compose, "PURPOSE_VERB", False)
    assert "augmentation scheme for label noise" in _phrases(NOISE, "object for problem")
    assert "query-efficient black-box attack for Bayesian optimisation" in [
        p for p, _, _ in compose.composed(USES)
    ]
