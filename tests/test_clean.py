from __future__ import annotations

from generator.clean import clean, clean_text
from generator.models import Paper, Source


def test_whitespace_is_collapsed_and_trimmed() -> None:
    assert clean_text("  a \t b\u00a0 c  ") == "a b c"


def test_text_is_nfc() -> None:
    assert clean_text("cafe\u0301") == "caf\u00e9"


def test_clean_keeps_identity_and_sources() -> None:
    paper = Paper(id="0123456789", text=" x  y ", sources=(Source("a.txt", 1),))
    (out,) = clean((paper,))
    assert (out.id, out.text, out.sources) == (paper.id, "x y", paper.sources)
