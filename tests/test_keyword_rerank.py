"""The fifth session's keyword re-ranking (``keywords/reranker.py``): shape features, corpus
keyphraseness with its leave-one-out in the tuning script, and the numpy tree evaluator."""

from __future__ import annotations

import math

import numpy as np
import pytest

from generator.evaluation import keyword_tune
from generator.keywords import central, contexts, reranker
from generator.keywords.curate import Candidate
from generator.keywords.grammar import TOKEN
from generator.keywords.stage import extract


def test_formula_pieces_have_an_odd_shape() -> None:
    assert reranker.shape_features("kQlog")["odd_shape"] == 1.0
    assert reranker.shape_features("O(n^2) runtime")["odd_shape"] == 1.0
    assert reranker.shape_features("GANSynth")["odd_shape"] == 0.0
    assert reranker.shape_features("mode collapse")["odd_shape"] == 0.0


def test_short_and_unseen_words() -> None:
    assert reranker.shape_features("x coordinate")["short_word"] == 1.0
    assert reranker.shape_features("RL agent")["short_word"] == 0.0  # a capital acronym
    assert reranker.shape_features("kqzlogv")["unseen"] == 1.0
    assert reranker.shape_features("graph")["unseen"] == 0.0


def test_corpus_keyphraseness_is_a_smoothed_lift_that_needs_evidence() -> None:
    prior = 0.2
    assert reranker.smoothed(1, 1, prior) == (0.0, 0.0)  # one document tells nothing
    high, seen = reranker.smoothed(10, 9, prior)
    low, _ = reranker.smoothed(10, 0, prior)
    assert low < 0.0 < high < math.log(1 / prior) and seen > 0


def test_keyphraseness_is_measured_against_candidates_as_long() -> None:
    """A single word in half its documents' titles is no lift when single words are there half the
    time; a phrase of two words there as often is."""
    assert reranker.length_class("kernel") == "1"
    assert reranker.length_class("feed-forward network") == "3"
    saved = reranker.table
    try:
        reranker.table = lambda: {"prior": {"1": [0.5, 0.1], "2": [0.1, 0.1]}, "keys": {}}  # type: ignore[method-assign,assignment]
        word = reranker.corpus_features("kernel", [10, 5, 0, 0])["kp_ml"]
        phrase = reranker.corpus_features("tabular data", [10, 5, 0, 0])["kp_ml"]
    finally:
        reranker.table = saved  # type: ignore[method-assign]
    assert word == pytest.approx(0.0) and phrase > 1.0


def _candidate(key: str) -> Candidate:
    return Candidate(key=key, text=key, score=0.1, spans=((0, 1),))


def test_keyphraseness_leaves_the_document_out() -> None:
    """A phrase that is positive in one training document only gets no credit from that label."""
    cand, other = _candidate("mode collapse"), _candidate("side remark")
    docs = [
        ("mode collapse here", [(cand, {}), (other, {})], (), ("mode collapse",)),
        ("mode collapse there", [(cand, {}), (other, {})], (), ("nothing",)),
    ]
    sets = {"kdd": docs, "scitldr": []}
    counts, prior = keyword_tune.keyphraseness_counts(sets)
    assert counts["mode collapse"][2:] == [2, 1]
    out = keyword_tune.with_extras(sets, counts, prior)
    first = out["kdd"][0][1][0][1]
    second = out["kdd"][1][1][0][1]
    # two documents: left one out, a single document remains, under MIN_SEEN: no evidence for either
    assert first["kp_gold"] == second["kp_gold"] == 0.0
    assert prior["2"][1] == 0.25  # one of the four two-word candidates was a keyphrase


def _tree_model() -> dict:  # type: ignore[type-arg]
    # one stump on "odd_shape": left (<= 0.5) +0.5, right -2.0
    return reranker.packed(
        {
            "features": ["odd_shape"],
            "rate": 1.0,
            "depth": 1,
            "trees": [{"feature": [0, -1, -1], "threshold": [0.5, 0, 0], "left": [1, -1, -1],
                       "right": [2, -1, -1], "value": [0.0, 0.5, -2.0]}],
        }
    )  # fmt: skip


def test_tree_margins_follow_the_splits() -> None:
    model = _tree_model()
    assert reranker.tree_margins([{"odd_shape": 0.0}, {"odd_shape": 1.0}], model) == [0.5, -2.0]


def test_logits_add_the_trees_only_when_reranked(monkeypatch: pytest.MonkeyPatch) -> None:
    model = _tree_model()
    w = {"": 1.0}
    assert central.logits([{"odd_shape": 1.0}], w, model) == [-1.0]
    monkeypatch.setattr(central, "RERANKED", False)
    assert central.logits([{"odd_shape": 1.0}], w, model) == [1.0]


def test_boosted_trees_evaluate_as_fitted() -> None:
    """The numpy evaluator gives the fitted margins of the tuning script's boosting."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 3))
    y = (x[:, 0] + 0.5 * x[:, 1] ** 2 > 0.5).astype(float)
    w = np.ones(len(y))
    names = ["a", "b", central.SHARED]
    model = keyword_tune.boost(names, x, y, w, np.zeros(len(y)), n_trees=5, depth=2, rate=0.3, min_leaf=20)
    assert model["features"] == ["a", "b"]
    rows = [{"a": float(r[0]), "b": float(r[1]), central.SHARED: float(r[2])} for r in x]
    got = np.array(reranker.tree_margins(rows, reranker.packed(model)))
    # the same margins as the fit's: better than chance, and consistent with a refit's prediction
    assert ((got > 0) == (y > 0.5)).mean() > 0.8
    again = np.array(reranker.tree_margins(rows, reranker.packed(model)))
    assert np.array_equal(got, again)


def test_eg_without_inner_dots_opens_an_example() -> None:
    """ "(eg. sentiment classification, question answering or machine translation)": examples."""
    tokens = TOKEN.findall("in many applications (eg. question answering or machine translation). We study X")
    incidental, _surnames = contexts.incidental_tokens(tokens)
    assert {"question", "answering", "machine", "translation"} <= {tokens[i] for i in incidental}
    assert "study" not in {tokens[i] for i in incidental}
    # "eg" alone (not followed by a period) is no cue
    tokens = TOKEN.findall("the eg coefficient matters")
    assert not contexts.incidental_tokens(tokens)[0]


NOTATION_TEXT = (
    "Sorting networks are a classic model of parallel computation. We prove that any sorting network "
    "of depth d requires kQlog comparators when the inputs have k distinct values, and we give a "
    "matching construction. Our bound improves the previous lower bound for sorting networks and "
    "extends to merging networks."
)


def test_a_symbol_string_said_once_is_no_keyword(monkeypatch: pytest.MonkeyPatch) -> None:
    assert reranker.notation("kQlog comparators")
    assert not reranker.notation("word2vec embeddings")  # in ML abstracts
    assert not reranker.notation("GANSynth")  # a capital first: a name
    keys = [c.key for c in extract(NOTATION_TEXT).phrases]
    assert not any("kqlog" in k for k in keys)
    monkeypatch.setattr(central, "NOTATION_DROPPED", False)
    assert any("kqlog" in k for k in [c.key for c in extract(NOTATION_TEXT).phrases])


def test_a_string_of_that_shape_said_again_stays() -> None:
    """Said twice, an odd-shaped word is the paper's own term, not a piece of a formula."""
    text = NOTATION_TEXT + " The kQlog comparators also bound merging networks."
    assert any("kqlog" in c.key for c in extract(text).phrases)
