"""A title the length limit cuts stops where one of its phrases ends (``generate.fit``, ninth session)."""

from __future__ import annotations

import pytest

from generator.titles import generate

LIPOPT = (
    "LiPopt: polynomial optimization framework for computing increasingly tighter upper bound on the "
    "Lipschitz constant of neural networks"
)
RMIL = "RMIL: Relational Multi-Instance Learning - a deep Multi Instance Learning framework"
WHOLE_CUT = (
    "Study of regularization techniques with multiple policy optimization algorithms on continuous "
    "control tasks"
)


def test_a_gerund_keeps_its_object_or_goes():
    assert generate.fit(LIPOPT) == "LiPopt: polynomial optimization framework"


def test_no_cut_inside_a_noun_group():
    assert generate.fit(RMIL) == "RMIL: Relational Multi-Instance Learning"


def test_a_cut_after_a_whole_phrase_stays():
    assert (
        generate.fit(WHOLE_CUT)
        == "Study of regularization techniques with multiple policy optimization algorithms"
    )
    assert not generate.cut_inside(WHOLE_CUT)


def test_short_titles_are_untouched():
    assert generate.fit("Adaptive loss scaling for mixed precision training") == (
        "Adaptive loss scaling for mixed precision training"
    )


def test_too_little_left_keeps_the_old_cut():
    # "EGSC-IT: Exemplar" would be all that is left: the cut stays as it was
    title = "EGSC-IT: Exemplar Guided & Semantically Consistent Image-to-image Translation network"
    assert (
        generate.fit(title) == "EGSC-IT: Exemplar Guided Semantically Consistent Image-to-image Translation"
    )


def test_flag_off_cuts_inside(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(generate, "CUT_WHOLE", False)
    assert generate.fit(LIPOPT) == "LiPopt: polynomial optimization framework for computing"
    assert generate.cut_inside(LIPOPT)
    assert generate.fit(RMIL).endswith("a deep Multi Instance Learning")
