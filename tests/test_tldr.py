"""TLDRs (generator/titles/tldr.py): the contribution sentence, compressed, one sentence of <= 30 words."""

from __future__ import annotations

from generator.titles import tldr
from generator.titles.tldr import MAX_WORDS, candidates, main_clause

BACKGROUND_FIRST = (
    "Large language models have showcased impressive capabilities across many tasks. "
    "However, they remain expensive to fine-tune on small devices. "
    "In this paper, we propose EdgeTune, a forward-only fine-tuning method for language models on phones. "
    "Experiments on three benchmarks show that it matches backpropagation at a tenth of the memory."
)


def test_the_contribution_sentence_wins_over_the_background() -> None:
    assert tldr.tldr(BACKGROUND_FIRST) == (
        "We propose EdgeTune, a forward-only fine-tuning method for language models on phones."
    )


def test_the_leading_clause_before_the_subject_is_dropped() -> None:
    assert main_clause("In this paper, we study X.") == "We study X"
    assert main_clause("To address this problem, our method learns Y.") == "Our method learns Y"
    # no subject after the comma: the sentence stays whole
    assert main_clause("Recently, deep networks improved.") == "Recently, deep networks improved"


def test_candidates_end_before_a_clause_and_keep_at_least_six_words() -> None:
    got = candidates("We propose a new sampler for diffusion models, which halves the steps by caching.")
    assert got == [
        "We propose a new sampler for diffusion models, which halves the steps by caching",
        "We propose a new sampler for diffusion models",
        "We propose a new sampler for diffusion models, which halves the steps",
    ]
    # "We propose a new sampler" (cut before "for") has five words: too short to be a candidate
    assert all(len(c.split()) >= tldr.MIN_WORDS for c in got)


def test_one_sentence_of_at_most_30_words_deterministic() -> None:
    long = "We " + " ".join(f"w{i}" for i in range(60)) + "."
    for text in (BACKGROUND_FIRST, long, "Short abstract about graphs and their neural networks today."):
        out = tldr.tldr(text)
        assert out == tldr.tldr(text)
        assert len(out.split()) <= MAX_WORDS + 1, out  # + the "…" of a last-resort cut
        assert out.endswith((".", "…"))
        assert out[0].isupper()
    # no clause boundary within 30 words: cut at 30 words, the cut marked
    assert tldr.tldr(long) == "We " + " ".join(f"w{i}" for i in range(29)) + " …"


def test_no_text_no_tldr() -> None:
    assert tldr.tldr("") == ""
    assert tldr.tldr("   ") == ""
