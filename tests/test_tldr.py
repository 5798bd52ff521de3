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


def test_the_word_model_expects_the_contribution_s_words_not_the_background_s() -> None:
    probs = tldr.word_probabilities(tldr.abstract_sentences(BACKGROUND_FIRST))
    assert probs["edgetune"] > probs["impressive"] and probs["propose"] > probs["showcased"]
    assert all(0.0 < p < 1.0 for p in probs.values())
    ours = tldr.expected("We propose EdgeTune a forward-only fine-tuning method", probs)
    background = tldr.expected("Large language models have showcased impressive capabilities", probs)
    assert ours["eF"] > background["eF"]


def test_the_ranker_learns_which_candidate_of_an_abstract_is_best() -> None:
    """The conditional logit of tldr_tune on a toy set: the feature that marks each abstract's best
    candidate gets the weight, the one that marks easier abstracts does not."""
    from generator.evaluation import tldr_tune

    rows = []
    for k in range(40):
        easy = float(k % 2)  # easier abstracts: every candidate scores higher
        feats = [{"good": 1.0, "easy": easy}, {"good": 0.0, "easy": easy}, {"good": 0.0, "easy": easy}]
        rows.append((["a", "b", "c"], feats, [0.5 + 0.3 * easy, 0.2 + 0.3 * easy, 0.1 + 0.3 * easy]))
    weights = tldr_tune.fit_ranker(rows)
    assert weights["good"] > 0.1 and abs(weights.get("easy", 0.0)) < 1e-3
    assert tldr_tune.top1(weights, rows) == 100 * sum(max(y) for _, _, y in rows) / len(rows)
