from __future__ import annotations

from generator.clean import clean, clean_text, find_urls
from generator.models import Paper, Source


def test_whitespace_is_collapsed_and_trimmed() -> None:
    assert clean_text("  a \t b\u00a0 c  ") == "a b c"


def test_text_is_nfc() -> None:
    assert clean_text("cafe\u0301") == "caf\u00e9"


def test_clean_keeps_identity_and_sources() -> None:
    paper = Paper(id="0123456789", text=" x  y ", sources=(Source("a.txt", 1),))
    (out,) = clean((paper,))
    assert (out.id, out.text, out.sources) == (paper.id, "x y", paper.sources)


def test_urls_are_found_with_https_and_without_trailing_punctuation() -> None:
    text = "Code at //github.com/dvlab-research/MoTCoder. See https://example.org/a_b, and //github.com/x/y)."
    assert find_urls(text) == (
        "https://github.com/dvlab-research/MoTCoder",
        "https://example.org/a_b",
        "https://github.com/x/y",
    )
