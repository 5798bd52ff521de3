"""Eighth session, round 2 (generator/titles/spans.py ``vague``, ``VAGUE_LAST``): a candidate that
counts ("two related methods") or is a relational noun's complement ("notion of ...") is tried after
every other, in the stage and in the tuner; hand-tagged words and fixed candidate rows, each test
fails with the flag off."""

from __future__ import annotations

import pytest

from generator.titles import spans


def tagged(text: str) -> list[tuple[str, str]]:
    """'two/CD related/JJ ...' -> [('two', 'CD'), ('related', 'JJ'), ...]."""
    return [tuple(token.rsplit("/", 1)) for token in text.split()]  # type: ignore[misc]


@pytest.fixture
def relations(monkeypatch: pytest.MonkeyPatch) -> None:
    # the "of" counts, frozen here: "notion" needs its complement, "training" does not
    monkeypatch.setattr(spans, "relational", lambda word: word.lower() in {"notion", "number"})


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Two/CD related/JJ methods/NNS", True),
        ("three/CD sample-based/JJ decoder/NN architectures/NNS", True),
        ("3/CD benchmark/NN datasets/NNS", True),
        ("3D/CD point/NN clouds/NNS", False),  # a coined word, not a count
        ("notion/NN of/IN lattice/NN representation/NN learning/NN", True),
        ("training/NN of/IN deep/JJ networks/NNS", False),
        ("related/JJ methods/NNS", False),
        ("notion/NN", False),
    ],
)
def test_vague_reads_counts_and_relational_heads(relations: None, words: str, expected: bool) -> None:
    assert spans.vague(tagged(words)) is expected


@pytest.mark.parametrize("flag", [True, False])
def test_a_vague_candidate_is_tried_after_every_other(monkeypatch: pytest.MonkeyPatch, flag: bool) -> None:
    # (candidate, score, background, fluent, open end, contrasted, vague)
    rows = (
        ("Two related methods", 0.30, False, True, False, False, True),
        ("hybrid deep learning approach", 0.20, False, True, False, False, False),
        ("transliteration problem", 0.25, False, True, False, True, False),
    )
    monkeypatch.setattr(spans, "_scored", lambda text: rows)
    monkeypatch.setattr(spans, "VAGUE_LAST", flag)
    ranked = spans.ranked_spans("any abstract")
    if flag:
        # after the plain one, but still before a contrasted one
        assert ranked == ["hybrid deep learning approach", "Two related methods", "transliteration problem"]
    else:
        assert ranked[0] == "Two related methods"


def test_the_tuner_orders_vague_candidates_as_the_stage_does(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.evaluation import title_tune

    row = (["two related methods", "hybrid deep learning approach"], [{"vague": 1.0}, {}], [0.0, 0.5])
    monkeypatch.setattr(title_tune, "REJECT", {})
    monkeypatch.setattr(spans, "REJECT_DISFLUENT", False)
    assert title_tune.first_index([0.3, 0.1], row, 0.0) == 1
    monkeypatch.setattr(spans, "VAGUE_LAST", False)
    assert title_tune.first_index([0.3, 0.1], row, 0.0) == 0
    assert "vague" in title_tune.ORDER_ONLY  # an order, never a ridge weight


def test_candidates_carry_the_flag_only_with_it_on(monkeypatch: pytest.MonkeyPatch, relations: None) -> None:
    text = (
        "Transliterating old texts is laborious. We introduce two related methods to solve this"
        " transliteration problem. The hybrid approach composes a finite state transducer with a"
        " recurrent neural network."
    )
    rows = spans.candidate_spans(text)
    flagged = {p.lower() for p, f in rows if f.get("vague")}
    assert any(p.startswith("two ") for p in flagged)
    assert not any(p.startswith("hybrid") for p in flagged)
    monkeypatch.setattr(spans, "VAGUE_LAST", False)
    assert not [p for p, f in spans.candidate_spans(text) if f.get("vague")]
