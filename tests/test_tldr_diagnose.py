"""tools/tldr_diagnose.py: where the TLDR loses ROUGE, sentence choice or compression."""

from __future__ import annotations

from .conftest import load_module

diagnose = load_module("tldr_diagnose", "tools/tldr_diagnose.py")

SENTS = [
    "Graph networks are popular for molecules.",
    "We propose a sparse graph network for molecule property prediction.",
    "Experiments show that it is twice as fast.",
]


def test_a_candidate_is_placed_in_the_sentence_it_came_from() -> None:
    assert diagnose.source_sentence(SENTS, "A sparse graph network for molecule property prediction") == 1
    assert diagnose.source_sentence(SENTS, "It is twice as fast") == 2


def test_the_oracle_sentence_bounds_every_figure_it_should() -> None:
    record = {
        "source": SENTS,
        "target": ["A sparse graph network for fast molecule property prediction."],
    }
    got = diagnose.diagnose([record])
    assert got["abstracts"] == 1
    assert got["oracle sentence, whole"] >= got["our sentence, whole"]
    assert got["oracle over all candidates"] >= got["best candidate of the oracle sentence"]
    # the contribution sentence is the oracle here, and the TLDR is taken from it
    assert got["our sentence is the oracle sentence (%)"] == 100.0
