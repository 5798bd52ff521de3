from __future__ import annotations

from generator.dedupe import dedupe
from generator.models import SeedLine, Source
from generator.normalize import identity_text, paper_id


def line(file: str, number: int, text: str) -> SeedLine:
    return SeedLine(Source(file, number), text)


def test_identity_ignores_case_whitespace_and_unicode_composition() -> None:
    composed = "Caf\u00e9 models  work."
    decomposed = "cafe\u0301 MODELS\twork. "
    assert identity_text(composed) == identity_text(decomposed)
    assert paper_id(composed) == paper_id(decomposed)


def test_id_is_ten_hex_digits_of_sha256_of_identity_text() -> None:
    import hashlib

    assert paper_id("Hello  World") == hashlib.sha256(b"hello world").hexdigest()[:10]


def test_copies_merge_into_one_paper_with_every_source() -> None:
    papers = dedupe(
        (
            line("b.txt", 2, "Same abstract."),
            line("a.txt", 1, "Another abstract."),
            line("a.txt", 5, "same  ABSTRACT."),
        )
    )
    assert len(papers) == 2
    merged = next(p for p in papers if len(p.sources) == 2)
    assert [str(s) for s in merged.sources] == ["a.txt:5", "b.txt:2"]


def test_papers_are_ordered_by_first_source_whatever_the_input_order() -> None:
    lines = (line("b.txt", 1, "Beta."), line("a.txt", 2, "Alpha."), line("a.txt", 1, "Gamma."))
    forward = dedupe(lines)
    backward = dedupe(tuple(reversed(lines)))
    assert [p.text for p in forward] == ["Gamma.", "Alpha.", "Beta."]
    assert forward == backward


def test_different_texts_are_not_merged() -> None:
    papers = dedupe((line("a.txt", 1, "Graphs are useful."), line("a.txt", 2, "Graphs are useless.")))
    assert len(papers) == 2
