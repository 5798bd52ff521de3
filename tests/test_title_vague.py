"""Eighth session, round 2 (generator/titles/span_order.py ``vague``, ``complement_first``,
``VAGUE_COMPLEMENT``): a first candidate that counts ("two forms of symmetry") or is a relational noun
with its "of" ("notion of ...") gives its place to its complement when that is a candidate, in the
stage and in the tuner; hand-tagged words and fixed candidate rows, each test fails with the flag off."""

from __future__ import annotations

import pytest

from generator.titles import span_order, spans


def tagged(text: str) -> list[tuple[str, str]]:
    """'two/CD related/JJ ...' -> [('two', 'CD'), ('related', 'JJ'), ...]."""
    return [tuple(token.rsplit("/", 1)) for token in text.split()]  # type: ignore[misc]


@pytest.fixture
def relations(monkeypatch: pytest.MonkeyPatch) -> None:
    # the "of" counts, frozen here: "notion" needs its complement, "training" does not
    monkeypatch.setattr(span_order, "relational", lambda word: word.lower() in {"notion", "number"})


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Two/CD related/JJ methods/NNS", 1),
        ("three/CD sample-based/JJ decoder/NN architectures/NNS", 1),
        ("3/CD benchmark/NN datasets/NNS", 1),
        ("3D/CD point/NN clouds/NNS", 0),  # a coined word, not a count
        ("notion/NN of/IN lattice/NN representation/NN learning/NN", 2),
        ("training/NN of/IN deep/JJ networks/NNS", 0),
        ("related/JJ methods/NNS", 0),
        ("notion/NN", 0),
    ],
)
def test_vague_reads_counts_and_relational_heads(relations: None, words: str, expected: int) -> None:
    assert span_order.vague(tagged(words)) == expected


@pytest.mark.parametrize("flag", [True, False])
def test_a_vague_first_candidate_gives_its_place_to_its_complement(
    monkeypatch: pytest.MonkeyPatch, flag: bool
) -> None:
    # (candidate, score, background, fluent, open end, contrasted, leading vague words)
    rows = (
        ("notion of lattice representation learning", 0.30, False, True, False, False, 2),
        ("hybrid deep learning approach", 0.25, False, True, False, False, 0),
        ("lattice representation learning", 0.20, False, True, False, False, 0),
    )
    monkeypatch.setattr(spans, "_scored", lambda text: rows)
    monkeypatch.setattr(span_order, "VAGUE_COMPLEMENT", flag)
    first = spans.ranked_spans("any abstract")[0]
    assert first == (
        "lattice representation learning" if flag else "notion of lattice representation learning"
    )


def test_no_complement_no_change_and_never_a_contrasted_one(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = (
        ("two related methods", 0.30, False, True, False, False, 1),
        ("hybrid deep learning approach", 0.25, False, True, False, False, 0),
        ("related methods", 0.20, False, True, False, True, 0),  # contrasted: not usable
    )
    monkeypatch.setattr(spans, "_scored", lambda text: rows)
    assert spans.ranked_spans("any abstract")[0] == "two related methods"


def test_the_tuner_takes_the_complement_as_the_stage_does(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.evaluation import title_tune

    row = (
        ["two forms of symmetry", "hybrid approach", "forms of symmetry"],
        [{"vague": 1.0}, {}, {}],
        [0.29, 0.0, 0.33],
    )
    monkeypatch.setattr(title_tune, "REJECT", {})
    monkeypatch.setattr(spans, "REJECT_DISFLUENT", False)
    assert title_tune.first_index([0.3, 0.2, 0.1], row, 0.0) == 2
    monkeypatch.setattr(span_order, "VAGUE_COMPLEMENT", False)
    assert title_tune.first_index([0.3, 0.2, 0.1], row, 0.0) == 0
    assert "vague" in title_tune.ORDER_ONLY  # an order, never a ridge weight


def test_candidates_carry_the_flag_only_with_it_on(monkeypatch: pytest.MonkeyPatch, relations: None) -> None:
    text = (
        "Transliterating old texts is laborious. We introduce two related methods to solve this"
        " transliteration problem. The hybrid approach composes a finite state transducer with a"
        " recurrent neural network."
    )
    rows = spans.candidate_spans(text)
    flagged = {p.lower(): f["vague"] for p, f in rows if f.get("vague")}
    assert any(p.startswith("two ") and v == 1 for p, v in flagged.items())
    assert not any(p.startswith("hybrid") for p in flagged)
    monkeypatch.setattr(span_order, "VAGUE_COMPLEMENT", False)
    assert not [p for p, f in spans.candidate_spans(text) if f.get("vague")]
