"""Eighth session's title rules (generator/titles/span_context.py ``contrast``, span_order.CONTRAST_LAST,
compose.SPECIFIC_JOINS), on hand-tagged sentences and fixed candidate rows: each test checks the
rule, not the tagger or the learned weights, and fails with its flag off."""

from __future__ import annotations

import pytest

from generator.titles import compose, span_context, span_order, spans


def tagged(text: str) -> list[tuple[str, str]]:
    """'we/PRP learn/VBP ...' -> [('we', 'PRP'), ('learn', 'VBP'), ...]."""
    return [tuple(token.rsplit("/", 1)) for token in text.split()]  # type: ignore[misc]


BASELINE = tagged(
    "our/PRP$ method/NN finds/VBZ tickets/NNS that/WDT outperforms/VBZ the/DT ones/NNS learned/VBN"
    " by/IN Iterative/NNP Magnitude/NNP Pruning/NNP ,/, and/CC is/VBZ faster/JJR ./."
)
BOUNDED = tagged(
    "previous/JJ research/NN have/VBP only/RB examined/VBN deep/JJ learning/NN on/IN controlled/JJ"
    " synthetic/JJ noise/NN ./."
)
OWN = tagged("we/PRP propose/VBP adaptive/JJ loss/NN scaling/NN for/IN mixed/JJ precision/NN training/NN ./.")


def test_a_phrase_after_a_comparison_marker_in_its_clause_is_compared() -> None:
    assert span_context.contrast(BASELINE, 9) == "compared"  # "Iterative Magnitude Pruning"
    # the comparison does not reach past its clause, nor back to what comes before the marker
    assert span_context.contrast(BASELINE, 3) == ""  # "tickets"
    than = tagged("it/PRP is/VBZ better/JJR than/IN stochastic/JJ gradient/NN descent/NN ./.")
    assert span_context.contrast(than, 4) == "compared"


def test_a_phrase_of_a_negated_or_bounded_clause_is_denied() -> None:
    assert span_context.contrast(BOUNDED, 5) == "denied"  # "deep learning on controlled ..."
    plain = tagged("we/PRP only/JJ need/VBP labelled/JJ data/NNS ./.")
    # "only" bounds a claim as an adverb; tagged otherwise it is no bound
    assert span_context.contrast(plain, 3) == ""
    negated = tagged("the/DT method/NN does/VBZ not/RB need/VB labelled/JJ data/NNS ./.")
    assert span_context.contrast(negated, 5) == "denied"


def test_the_authors_own_object_is_not_contrasted() -> None:
    assert span_context.contrast(OWN, 2) == ""


def test_every_occurrence_of_a_contrasted_phrase_is_marked_and_only_it() -> None:
    rows = [
        ("Iterative Magnitude Pruning", {"contrast": 0.0}),  # its plain first mention
        ("iterative magnitude pruning", {"contrast": 1.0}),  # the comparison
        ("co-attentive Iterative Magnitude Pruning", {}),  # holds it: often the paper's own
        ("winning tickets", {}),
    ]
    marked = [bool(f.get("contrast")) for _, f in span_order.contrasted(rows)]
    assert marked == [True, True, False, False]


def test_not_only_affirms() -> None:
    s = tagged("we/PRP not/RB only/RB learn/VBP shape/NN programs/NNS but/CC also/RB execute/VB them/PRP ./.")
    assert span_context.contrast(s, 4) == ""
    assert span_context.contrast(BOUNDED, 5) == "denied"


@pytest.mark.parametrize("flag", [True, False])
def test_a_contrasted_phrase_is_tried_after_every_other(monkeypatch: pytest.MonkeyPatch, flag: bool) -> None:
    # (candidate, score, background, fluent, open end, contrasted, vague)
    rows = (
        ("Iterative Magnitude Pruning", 0.25, False, True, False, True, False),
        ("algorithm to search for winning tickets", 0.12, False, True, False, False, False),
    )
    monkeypatch.setattr(spans, "_scored", lambda text: rows)
    monkeypatch.setattr(span_order, "CONTRAST_LAST", flag)
    first = spans.ranked_spans("any abstract")[0]
    assert first == ("algorithm to search for winning tickets" if flag else "Iterative Magnitude Pruning")


def test_the_tuner_orders_candidates_as_the_stage_does(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.evaluation import title_tune

    row = (["Iterative Magnitude Pruning", "winning tickets search"], [{"contrast": 1.0}, {}], [0.0, 0.5])
    monkeypatch.setattr(title_tune, "REJECT", {})
    monkeypatch.setattr(spans, "REJECT_DISFLUENT", False)
    assert title_tune.first_index([0.3, 0.1], row, 0.0) == 1
    monkeypatch.setattr(span_order, "CONTRAST_LAST", False)
    assert title_tune.first_index([0.3, 0.1], row, 0.0) == 0


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["method"], False),
        (["approach"], False),
        (["generative", "model"], True),
        (["deep", "learning"], True),
        (["device", "emulator"], True),
        (["PushSum"], True),
        (["online", "changepoint", "analysis"], True),
    ],
)
def test_a_joined_part_must_name_something(words: list[str], expected: bool) -> None:
    assert compose.specific(words) is expected


def test_no_title_joins_a_generic_means(monkeypatch: pytest.MonkeyPatch) -> None:
    s = tagged("We/PRP learn/VBP robust/JJ joint/JJ representations/NNS by/IN using/VBG a/DT method/NN ./.")
    assert not [p for p, _ in compose.structures(s) if " via " in p]
    monkeypatch.setattr(compose, "SPECIFIC_JOINS", False)
    assert "learning robust joint representations via method" in [p for p, _ in compose.structures(s)]
    specific = tagged(
        "We/PRP learn/VBP robust/JJ joint/JJ representations/NNS by/IN using/VBG a/DT device/NN"
        " emulator/NN ./."
    )
    monkeypatch.setattr(compose, "SPECIFIC_JOINS", True)
    assert "learning robust joint representations via device emulator" in [
        p for p, _ in compose.structures(specific)
    ]


def test_the_contrast_flag_is_no_ridge_feature() -> None:
    from generator.evaluation import title_tune

    rows = [(["a b c", "d e f"], [{"len=3": 1.0, "contrast": 1.0}, {"len=3": 1.0}], [0.2, 0.4])]
    names, _ = title_tune._sparse(rows)
    assert "contrast" not in names and "len=3" in names
