"""Connectives and unbalanced cuts in TLDR candidates (eighth session; generator/titles/tldr_compress.py).

A summary is read alone: the words that tie a sentence to the one before it ("also", "then",
"first", "Furthermore,") go, learned on train (``tldr_tune.fit_connectives``); a cut never ends
inside a quotation or a bracket.
"""

from __future__ import annotations

import pytest

from generator.evaluation import tldr_tune
from generator.titles import tldr_compress as compress


@pytest.fixture
def learned_connectives(monkeypatch):
    """The connectives as a fixture, not the shipped file's: the rule is tested, not the fit."""
    monkeypatch.setattr(compress, "connectives", lambda: frozenset({"also", "then", "first", "furthermore"}))


def _first(sentence: str) -> str:
    return compress.sentence_candidates(sentence)[0][0]


def test_a_connective_after_the_authors_is_dropped(learned_connectives) -> None:
    assert (
        _first("We then extend our analyses to deeper networks.")
        == "We extend our analyses to deeper networks"
    )
    assert _first("We also propose a new loss for training.") == "We propose a new loss for training"
    assert _first("This paper also shows that pruning works.") == "This paper shows that pruning works"


def test_other_adverbs_after_the_authors_stay(learned_connectives) -> None:
    # "only" and "not" change the claim: they are no connectives
    assert _first("We only consider linear models in this setting.") == (
        "We only consider linear models in this setting"
    )
    assert _first("We do not assume convexity of the loss.") == "We do not assume convexity of the loss"


def test_a_leading_connective_the_lexicon_calls_an_adjective_is_a_lead(learned_connectives) -> None:
    # "First" is JJ in the tagger's lexicon; as a learned connective it opens a leading clause
    assert _first("First, the model learns a representation of each graph.") == (
        "The model learns a representation of each graph"
    )


def test_a_name_the_lexicon_does_not_know_can_be_the_subject_after_a_lead(learned_connectives) -> None:
    assert _first("Specifically, Mahé provides explanations by a local interpretation algorithm.") == (
        "Mahé provides explanations by a local interpretation algorithm"
    )


def test_connectives_are_learned_from_sentence_openings_before_a_comma(monkeypatch) -> None:
    monkeypatch.setattr(tldr_tune, "CONNECTIVE_MIN", 2)
    records = [
        {"source": ["Furthermore, we show X.", "However, it fails.", "Humans, however, do not."]},
        {"source": ["Furthermore, our model wins.", "However, Y.", "Humans, too."]},
        {"source": ["Moreover, Z."]},  # one abstract only
    ]
    # "humans" opens two abstracts' sentences too, but it is a noun
    assert tldr_tune.fit_connectives(records) == ["furthermore", "however"]


def test_a_cut_never_ends_inside_a_quotation_or_bracket() -> None:
    assert not compress.balanced('We analyze the following problem: "given a dataset, algorithm')
    assert not compress.balanced("We train a model (with a new loss, which")
    assert compress.balanced('We answer "what is the best budget?" for three tasks')
    got = [
        c
        for c, _ in compress.sentence_candidates(
            'We analyze the following problem: "given a dataset, algorithm, and fixed budget, '
            'what is the best performance?"'
        )
    ]
    assert got and all(compress.balanced(c) for c in got)
    # the cut before ", what" would leave the quotation open
    assert not any(c.endswith("fixed budget") for c in got)
