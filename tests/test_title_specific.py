"""The sixth session's title evidence (``generator/titles/specific.py``): phrase title-ness counts,
field terms, defined long forms, the sentence's role, and how the span ranker uses
them (field terms last, background candidates penalised)."""

from __future__ import annotations

import math

import pytest

from generator.evaluation import title_tune
from generator.titles import spans, specific

# (abstract, real title): "mode collapse" is titled by both papers that write it; "training data" by
# neither; "neural networks" is written by all three (a field term at any share up to 1)
PAIRS = [
    ("Neural networks suffer mode collapse on training data.", "Curing mode collapse"),
    ("We study mode collapse in neural networks with training data.", "Mode collapse in GANs"),
    ("Neural networks need training data.", "Data-efficient networks"),
]


def test_counts_say_which_phrases_titles_keep() -> None:
    data = specific.build(PAIRS, min_seen=2)
    assert data["documents"] == 3
    assert data["keys"]["mode collapse"] == [2, 2]
    assert data["keys"]["training data"] == [3, 0]
    assert data["keys"]["neural networks"] == [3, 0]  # a hit needs every word in the title
    assert data["keys"]["networks"] == [3, 1]
    # no phrase opens or ends on a function word
    assert not any(k.split()[0] in {"in", "with", "the", "we"} for k in data["keys"])
    assert specific.lift("mode collapse", data) is None  # under MIN_SEEN (3) abstracts
    data = specific.build(PAIRS, min_seen=2)  # fresh: lift remembers what it found
    data["keys"]["mode collapse"] = [3, 3]
    prior = data["prior"]["2"]
    assert specific.lift("mode collapse", data) == pytest.approx(math.log((3 + 2 * prior) / 5 / prior))
    assert specific.lift("training data", data) < 0 < specific.lift("mode collapse", data)  # type: ignore[operator]
    f = specific.titleness_features("mode collapse of training data", data)
    assert f["tn_max"] == pytest.approx(specific.lift("mode collapse", data))
    assert f["tn_head"] == pytest.approx(specific.lift("data", data))  # the head
    assert f["tn_low"] == pytest.approx(specific.lift("training", data))  # the least title-like word
    f = specific.titleness_features("mode collapse of training sets", data)
    # "mode", "collapse" (two abstracts) and "sets" (none) are under MIN_SEEN; "training" is not
    assert f["tn_head"] == 0.0 and f["tn_unseen"] == pytest.approx(3 / 4)


def test_field_terms_are_phrases_many_abstracts_write() -> None:
    data = specific.build(PAIRS, min_seen=1)
    assert specific.field_term("Neural networks", data)
    assert not specific.field_term("mode collapse in neural networks", data)  # more than one phrase
    assert not specific.field_term("recurrent units", data)  # never written
    data["documents"] = 10_000  # 3 of 10,000 abstracts: under FIELD_SHARE
    assert not specific.field_term("neural networks", data)


def test_long_forms_of_defined_acronyms() -> None:
    text = (
        "We propose the soft value iteration network (SVIN), a planner. SVIN beats baselines "
        "trained with stochastic gradient descent (SGD)."
    )
    forms = specific.long_forms(text)
    assert forms == {"soft value iteration network": True, "stochastic gradient descent": False}
    f = specific.long_form_features("Soft value iteration network", forms)
    assert f == {"lf_is": 1.0, "lf_in": 1.0, "lf_used": 1.0}
    f = specific.long_form_features("stochastic gradient descent for planners", forms)
    assert f == {"lf_is": 0.0, "lf_in": 1.0, "lf_used": 0.0}
    assert specific.long_form_features("value iteration", forms)["lf_in"] == 0.0


def test_role_of_each_sentence() -> None:
    sents = [
        "Despite the recent success of neural machine translation, rare words remain hard.",
        "We propose a copy mechanism for rare words.",
        "Experiments show gains.",
    ]
    roles = specific.role_features(sents)
    assert [r["bg_we"] for r in roles] == [1.0, 0.0, 0.0]
    assert [r["we"] for r in roles] == [0.0, 1.0, 0.0]
    assert [r["after_we"] for r in roles] == [0.0, 0.0, 1.0]
    assert [r["we_make"] for r in roles] == [0.0, 1.0, 0.0]
    assert specific.role_features(["We find that copying helps."])[0]["we_make"] == 0.0


def test_background_candidates_score_less() -> None:
    weights = {"x": 1.0}
    assert title_tune.linear(weights, {"x": 1.0, "bg_we": 1.0}) == pytest.approx(
        1.0 - spans.BACKGROUND_PENALTY
    )
    assert title_tune.linear(weights, {"x": 1.0, "bg_we": 0.0}) == pytest.approx(1.0)


def test_field_terms_are_taken_last(monkeypatch: pytest.MonkeyPatch) -> None:
    """The best-scored candidate is a field term: the stage (and the tuner's ``first_index``) takes
    the next one; with ``FIELD_LAST`` off it takes the field term."""
    row = (
        ["recurrent neural networks", "eligibility traces for recurrent networks"],
        [{"field": 1.0}, {"field": 0.0}],
        [0.5, 0.3],
    )
    monkeypatch.setattr(spans, "REJECT_DISFLUENT", False)
    assert title_tune.first_index([0.9, 0.1], row, 0.0) == 1
    monkeypatch.setattr(spans, "FIELD_LAST", False)
    assert title_tune.first_index([0.9, 0.1], row, 0.0) == 0


def test_stage_puts_a_field_term_after_every_other(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (
        "Recurrent neural networks are hard to train. We propose eligibility traces for recurrent "
        "networks, a local learning rule. Recurrent neural networks trained with eligibility traces "
        "match backpropagation through time."
    )
    data = specific.build([(text, "Eligibility traces")], min_seen=1)
    monkeypatch.setattr(specific, "table", lambda: data)
    spans._scored.cache_clear()
    ranked = spans.ranked_spans(text)
    fields = [s for s in ranked if specific.field_term(s, data)]
    assert "Recurrent neural networks" in fields
    assert ranked[-len(fields) :] == fields
    spans._scored.cache_clear()
