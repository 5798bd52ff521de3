from __future__ import annotations

import unicodedata

import pytest

from generator.identity.dedupe import dedupe
from generator.identity.normalize import identity_text, paper_id
from generator.models import SeedLine, Source


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


# --- identity normalization ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("plain", "variant"),
    [
        ("efficient fine-tuning", "e\ufb03cient fine-tuning"),  # ligature (NFKC)
        ("large models", "large\u00a0models"),  # no-break space
        ("large models", "large\u200b models"),  # zero-width space
        ("pretrained models", "pre\u00adtrained models"),  # soft hyphen
        ("a model", "\ufeffa model"),  # BOM
        ('the model\'s "quoted" output', "the model\u2019s \u201cquoted\u201d output"),
        ('the model\'s "quoted" output', "the model's ``quoted'' output"),  # LaTeX quotes
        ("state-of-the-art - fast", "state\u2013of\u2013the\u2013art \u2014 fast"),
        ("state-of-the-art - fast", "state-of-the-art---fast"),
        ("state-of-the-art models", "state-of-the- art models"),  # hyphenation artefact
        ("generalization bounds", "generaliza- tion bounds"),
        ("up to 55% faster & smaller", "up to 55\\% faster \\& smaller"),  # LaTeX escapes
        ("see Fig. 3 (left).", "see Fig.~3 ( left ) ."),
        ("STRASSE", "stra\u00dfe"),  # case folding
    ],
)
def test_identity_ignores_typesetting_differences(plain: str, variant: str) -> None:
    assert identity_text(plain) == identity_text(variant)


def test_identity_keeps_real_differences() -> None:
    assert identity_text("graphs are useful") != identity_text("graphs are useless")
    assert identity_text("4-bit weights") != identity_text("8-bit weights")


def test_hostile_copies_become_three_papers_not_ten() -> None:
    a = 'We propose a state-of-the-art model for "robust" graph learning; it\'s 10% faster.'
    b = "Diffusion models generate images by denoising pre-trained latents."
    c = "Federated learning trains models without sharing data."
    hostile = [
        a,
        "We propose a state\u2013of\u2013the\u2013art model for \u201crobust\u201d graph learning; "
        "it\u2019s 10% faster.",
        "We propose a state-of-the-art model for ``robust'' graph learning; it's 10\\% faster.",
        "WE PROPOSE A STATE-OF-THE-ART MODEL FOR \u201cROBUST\u201d GRAPH LEARNING; IT'S 10% FASTER.\u200b",
        b,
        "Diffusion\u00a0models generate images by de\u00adnoising pre- trained latents.",
        "\ufeffDiffusion models generate images by denoising pre\u2011trained latents .",
        c,
        "Federated\u200b learning trains models without sharing data.",
        "Federated learning trains models without sharing\u00a0data .",
    ]
    case_and_space = {" ".join(unicodedata.normalize("NFC", t).split()).casefold() for t in hostile}
    assert len(case_and_space) == 10
    papers = dedupe(tuple(line("h.txt", i, text) for i, text in enumerate(hostile, 1)))
    assert len(papers) == 3
    assert all(p.variants == () for p in papers)  # exact duplicates, not near-duplicates
    assert sorted(len(p.sources) for p in papers) == [3, 3, 4]
    # The copy shown is the one without artefacts.
    assert {p.text for p in papers} == {a, b, c}
