"""The authors' verb read in context (tldr_refer.joinable, ninth session): "We study X", "We present
X", "We analyze X" open a clause that can take its finding ("... and find that Y") or its account
("..., which ..."), though the lexicon alone calls those verbs nouns or adjectives or does not know
them; such a framing verb joins only a finding, not a second thing to read."""

from __future__ import annotations

from generator.titles import tldr
from generator.titles import tldr_compress as compress
from generator.titles import tldr_refer as refer


def test_the_authors_verb_is_read_in_context() -> None:
    for clause in (
        "We study the representation power of quantized neural networks",
        "We present trellis networks, a new architecture for sequence modeling",
        "We analyze approximate inference in variational autoencoders",
        "We also design a harmonic acoustic model",
    ):
        assert refer.joinable(clause), clause
        # the lexicon's reading alone missed them (the reason for the change)
    assert not compress.joinable("We study the representation power of quantized neural networks")
    assert not compress.joinable("We present trellis networks")
    # not the authors with a verb
    assert not refer.joinable("Our study shows that X")
    assert not refer.joinable("We , as a field , need X")


ABSTRACT = (
    "Amortized inference has led to efficient approximate inference for large datasets. "
    "We analyze approximate inference in variational autoencoders. "
    "We find that suboptimal inference is often due to amortizing inference. "
    "We test the standard transformer model on a toy task."
)


def test_a_framing_verb_joins_its_finding_but_no_second_act() -> None:
    found = [c for c, _ in tldr.scored_candidates(ABSTRACT)]
    assert (
        "We analyze approximate inference in variational autoencoders and find that suboptimal inference "
        "is often due to amortizing inference"
    ) in found
    assert not any(c.startswith("We analyze approximate inference") and " and test " in c for c in found)


def test_an_account_follows_a_contribution_the_lexicon_misread() -> None:
    told = [
        c
        for c, f in tldr.scored_candidates(
            "We design a harmonic acoustic model for pitch detection. "
            "The model arranges convolution and sparse convolution."
        )
        if f.get("elaborated")
    ]
    assert (
        "We design a harmonic acoustic model for pitch detection, which arranges convolution and "
        "sparse convolution"
    ) in told


def test_a_finding_reported_by_another_subject_joins_the_whole_contribution() -> None:
    from generator.titles import tldr_says as says

    assert says.reported("Experiments on text demonstrate that the GAN model produces clean samples") == (
        "demonstrate",
        "the GAN model produces clean samples",
    )
    assert says.reported("Extensive experiments showed that our approach outperforms the baselines") == (
        "show",
        "our approach outperforms the baselines",
    )
    # the authors' own finding is joined as their clause already; no finding verb, no finding
    assert says.reported("We show that X improves Y on Z") == ("", "")
    assert says.reported("The model outperforms the baselines on three data sets") == ("", "")
    found = [
        c
        for c, _ in tldr.scored_candidates(
            "Training is slow on character corpora. "
            "We present trellis networks, a new architecture for sequence modeling. "
            "Experiments show that trellis networks set a new record on character corpora. "
            "Experiments show that trellis networks outperform the current state of the art."
        )
    ]
    assert (
        "We present trellis networks, a new architecture for sequence modeling and show that trellis "
        "networks set a new record on character corpora"
    ) in found
    # a finding that says nothing of this paper the contribution does not already say is not joined
    assert not any(c.endswith("outperform the current state of the art") and " and show " in c for c in found)
    # never a contribution cut before its object, nor one after a colon
    assert not any(c.startswith("We present trellis networks and show") for c in found)
