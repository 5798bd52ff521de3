"""Keywords, seventh session (EVALUATION.md): a phrase the abstract only says before more words of
its noun phrase, which the corpus never shows on its own, is a piece of the longer phrase and gives it
its place. Each fixture fails with its switch off."""

from __future__ import annotations

import pytest

from generator.keywords import nounphrases, pieces
from generator.keywords.stage import extract
from generator.text.tagger import tag_sentences

GROUPS = (
    "We study how to learn from partial group comparison data, where each observation says which of "
    "two groups of players won. We propose a model that predicts outcomes and recovers the skill of "
    "individual players. Experiments on online games show accurate predictions."
)
METHODS = (
    "Text clustering methods group documents by topic. We compare text clustering methods on news "
    "articles and show that a simple baseline is hard to beat."
)
GERUND = "We present interestingness analysis using OLAP operations on sales data."
ALONE = (
    "We study sparse group lasso. The sparse group penalty selects features, and sparse group lasso scales."
)


def _continued(text: str) -> dict[str, str]:
    return nounphrases.noun_phrases(tuple(tag_sentences(text))).continued


def test_a_phrase_said_only_before_more_words_of_its_noun_phrase_continues_into_it() -> None:
    found = _continued(GROUPS)
    assert found.get("partial group") == "partial group comparison data", found
    assert "comparison data" not in found  # it ends its noun phrase


def test_a_phrase_that_ends_its_noun_phrase_once_is_no_piece() -> None:
    # "sparse group" continues into "sparse group lasso" and "sparse group penalty" ...
    assert _continued(ALONE).get("sparse group") == "sparse group lasso"
    # ... "group lasso" ends its noun phrase, and "sparse group" where a sentence says it alone
    assert "group lasso" not in _continued(ALONE)
    assert "sparse group" not in _continued(ALONE + " The sparse group is small.")


def test_a_generic_head_or_a_gerund_after_a_phrase_ends_it() -> None:
    assert nounphrases.generic_head("methods") and nounphrases.generic_head("framework")
    assert not nounphrases.generic_head("invariant")  # a modifier in ML abstracts
    assert not nounphrases.generic_head("tree")  # "decision tree algorithms": more a modifier than a head
    assert "text clustering" not in _continued(METHODS)
    assert "interestingness analysis" not in _continued(GERUND)


def test_the_switch_turns_the_continuation_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nounphrases, "CONTINUED_CUT", False)
    assert _continued(GROUPS) == {}


def test_corpus_evidence_keeps_a_phrase_that_stands_on_its_own() -> None:
    assert pieces.standalone("neural network")  # many SciTLDR train abstracts use it
    assert not pieces.standalone("partial group")


def test_the_piece_gives_its_place_to_the_longer_phrase(monkeypatch: pytest.MonkeyPatch) -> None:
    keys = {c.key for c in extract(GROUPS).phrases}
    assert "partial group" not in keys, keys
    assert "partial group comparison data" in keys, keys
    monkeypatch.setattr(pieces, "CONTINUED_CUT", False)
    before = {c.key for c in extract(GROUPS).phrases}
    assert "partial group" in before, before
    assert "partial group comparison data" not in before, before


def test_a_run_that_says_a_word_twice_joins_two_phrases() -> None:
    # a title run into its abstract with no stop between them
    text = "Wikipedia vandalism detection Wikipedia editors revert vandalism quickly."
    assert "wikipedia vandalism detection" not in _continued(text), _continued(text)
    assert nounphrases._repeats_word(["stream", "reasoning"], "streams")
    assert not nounphrases._repeats_word(["partial", "group"], "comparison")


def test_a_piece_starting_on_a_plain_adjective_grows_into_nothing() -> None:
    text = "We bound the error under small random Bernoulli crashes of neurons in a network."
    assert _continued(text).get("small random bernoulli") == ""
    assert _continued(text).get("random bernoulli") == "random bernoulli crashes"
