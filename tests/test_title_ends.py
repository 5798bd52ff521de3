"""Where a title's phrase ends and what its subtitle adds (seventh session, second round):
``text.nounphrases.continues`` (a span never ends where its phrase goes on, in ``spans._spans`` and
``compose.phrase_variants``) and ``generate.adds_nothing`` (a subtitle that only repeats the name)."""

from __future__ import annotations

import pytest

from generator.text.nounphrases import continues, relational
from generator.titles import compose, generate, spans


def _tagged(words: str) -> list[tuple[str, str]]:
    return [tuple(pair.rsplit("/", 1)) for pair in words.split()]  # type: ignore[misc]


RANGE = _tagged(
    "We/PRP explore/VBP compression/NN in/IN networks/NNS with/IN a/DT range/NN of/IN "
    "activation/NN functions/NNS ./."
)
BETWEEN = _tagged(
    "We/PRP study/VBP the/DT alignment/NN between/IN the/DT embedding/NN layer/NN and/CC "
    "the/DT output/NN layer/NN ./."
)


def test_continues_after_of_a_possessive_a_noun_and_a_between_pair() -> None:
    assert continues(RANGE, 8)  # "... range" before "of activation functions"
    assert not continues(RANGE, 11)  # the sentence's full stop
    assert not continues(RANGE, 3)  # "compression" before "in": an attached phrase may be left out
    assert continues(BETWEEN, 8)  # "between the embedding layer" before "and the output layer"
    assert not continues(BETWEEN, len(BETWEEN))
    s = _tagged("the/DT model/NN 's/POS weights/NNS")
    assert continues(s, 2) and continues(_tagged("language/NN models/NNS"), 1)
    # "of" continues only a noun that needs its complement (SciTLDR train: "range" 0.87 of its uses)
    assert relational("range") and relational("lens") and not relational("training")
    assert not continues(_tagged("mixed/JJ precision/NN training/NN of/IN deep/JJ networks/NNS"), 3)
    # "and" after no "between" joins two phrases, each whole
    assert not continues(_tagged("pruning/NN of/IN weights/NNS and/CC biases/NNS"), 3)


@pytest.mark.parametrize("flag", [True, False])
def test_spans_do_not_end_where_the_phrase_goes_on(monkeypatch: pytest.MonkeyPatch, flag: bool) -> None:
    monkeypatch.setattr(spans, "CONTINUED", flag)
    found = {" ".join(w for w, _ in RANGE[i:j]) for i, j in spans._spans(RANGE)}
    assert ("compression in networks with a range" in found) is not flag
    assert "compression in networks with a range of activation functions" in found
    found = {" ".join(w for w, _ in BETWEEN[i:j]) for i, j in spans._spans(BETWEEN)}
    assert ("alignment between the embedding layer" in found) is not flag
    assert "alignment between the embedding layer and the output layer" in found


@pytest.mark.parametrize("flag", [True, False])
def test_composed_variants_do_not_end_where_the_phrase_goes_on(
    monkeypatch: pytest.MonkeyPatch, flag: bool
) -> None:
    monkeypatch.setattr(compose, "CONTINUED", flag)
    variants = [" ".join(words) for words, _ in compose.phrase_variants(RANGE, 2)]
    assert ("compression in networks with range" in variants) is not flag
    assert "compression in networks with range of activation functions" in variants
    # a group that goes on in every variant keeps its longest one
    cut = _tagged("a/DT range/NN of/IN the/DT")
    assert compose.phrase_variants(cut, 0) == [(["range"], 2)]


TEXT = (
    "We study the training of deep neural networks in the Fourier domain. We propose the Frequency "
    "Principle (F-Principle), which states that deep neural networks often fit target functions from "
    "low to high frequencies during training. The F-Principle explains why deep neural networks "
    "generalize well on low-frequency functions and poorly on parity functions. Experiments on MNIST "
    "and CIFAR10 confirm the F-Principle."
)


def test_a_subtitle_that_adds_nothing_to_the_name() -> None:
    assert generate.adds_nothing(TEXT, "F-Principle", "Frequency Principle")  # its long form
    assert (
        generate.adds_nothing(TEXT, "F-Principle", "Frequency principle of low-frequency target functions")
        is False
    )
    # a label of the whole field: a phrase many ML abstracts write, or only common words
    assert generate.adds_nothing(TEXT, "IPM", "Generative Adversarial Networks")
    assert generate.adds_nothing(TEXT, "IPM", "Deep neural networks")
    assert not generate.adds_nothing(TEXT, "IPM", "Integral probability metrics for generative models")
    assert generate.adds_nothing(TEXT, "ZSL", "Zero Shot Learning")  # the initials spell it


def test_a_subtitle_that_adds_nothing_is_completed_by_its_attached_phrase() -> None:
    pool = [
        "component of deep neural networks",  # the label inside another phrase: no completion
        "deep neural networks and BERT",  # "and" attaches no phrase to it
        "deep neural networks in the Fourier domain",
    ]
    said = generate.said_more(TEXT, "IPM", "Deep neural networks", pool)
    assert said == "Deep neural networks in the Fourier domain"
    assert generate.said_more(TEXT, "IPM", "Deep neural networks", pool[:2]) == "Deep neural networks"
    # the long form (its initials spell the name) is completed too; a subtitle that says more stays
    long = "Integral probability metrics"
    assert (
        generate.said_more(TEXT, "IPM", long, [long + " for generative models"])
        == long + " for generative models"
    )
    kept = "Kernel two-sample tests"
    assert generate.said_more(TEXT, "IPM", kept, [kept + " for generative models"]) == kept


@pytest.mark.parametrize("flag", [True, False])
def test_the_name_comes_with_a_subtitle_that_says_more(monkeypatch: pytest.MonkeyPatch, flag: bool) -> None:
    from generator.models import Paper, Source

    monkeypatch.setattr(generate, "SUBTITLE_ADDS", flag)
    paper = Paper(id="0", text=TEXT, sources=(Source("a.txt", 1),), keywords=())
    named = [t for t in generate._candidates(paper, TEXT) if t.startswith("F-Principle: ")]
    assert ("F-Principle: Deep neural networks" in named) is not flag
    assert ("F-Principle: Deep neural networks in the Fourier domain" in named) is flag
