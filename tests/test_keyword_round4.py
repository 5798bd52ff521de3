"""Keyword rules of round 4 (issue 20, third session): negation scope, acronyms with their long form,
noun heads by corpus evidence, unspecific phrases by corpus statistics, near-repeat siblings, and
phrases that cut a fixed expression of several words. Fixtures: tests/data/keywords-round4.json
(hand-tagged sentences) and the short texts below."""

from __future__ import annotations

import json
from pathlib import Path

from generator.keywords import central, corpus, merging, negation, specificity
from generator.keywords.nounphrases import noun_phrases
from generator.keywords.stage import extract
from generator.text import heads
from generator.text.acronyms import definitions

FIXTURES = json.loads((Path(__file__).parent / "data" / "keywords-round4.json").read_text(encoding="utf-8"))


def _tagged(name: str) -> tuple[tuple[tuple[str, str], ...], ...]:
    return tuple(tuple((w, t) for w, t in sentence) for sentence in FIXTURES[name])


# --- 1. negation scope -------------------------------------------------------------------------


def _scoped(sentence: tuple[tuple[str, str], ...]) -> list[str]:
    return [w for (w, _t), inside in zip(sentence, negation.scope(sentence), strict=True) if inside]


def test_scope_runs_through_the_noun_phrase_and_its_coordination() -> None:
    first = _tagged("negated")[0]
    assert _scoped(first) == [
        "the",
        "need",
        "for",
        "alternating",
        "minimization",
        "over",
        "a",
        "latent",
        "space",
        "or",
        "adversarial",
        "training",
    ]


def test_scope_stops_at_a_verb_and_skips_comparisons() -> None:
    sentence = _tagged("negated")[3]
    assert _scoped(sentence) == ["labelled", "data", "and"]  # "not only fast" opens none


def test_without_before_a_gerund_opens_no_scope() -> None:
    assert _scoped(_tagged("negated")[4]) == []


def test_negated_phrases_are_those_said_only_in_scope() -> None:
    found = negation.negated(
        _tagged("negated"),
        [("adversarial", "training"), ("imagenet",), ("labelled", "data"), ("latent", "space"), ("images",)],
    )
    # "latent space" is also said outside a negation; ImageNet's example parenthesis spans two sentences.
    assert found == {("adversarial", "training"), ("imagenet",), ("labelled", "data")}


def test_the_keyword_stage_leaves_out_what_the_paper_does_without() -> None:
    text = (
        "We introduce a framework for temporal predictions with latent variables. "
        "Our latent variable model generates diverse temporal predictions without adversarial training. "
        "The latent variables capture uncertainty in temporal predictions."
    )
    keys = {c.key for c in extract(text).phrases}
    assert "temporal prediction" in keys
    assert "adversarial training" not in keys
    positive = text + " Adversarial training is then added as a baseline."
    assert "adversarial training" in {c.key for c in extract(positive).phrases}


# --- 2. acronyms shown with their whole long form ----------------------------------------------


def test_long_form_prefers_the_words_whose_initials_spell_the_acronym() -> None:
    text = "We call this dimension the Enhanced Experimental Signal (EES). EES ranks cells."
    assert [(d.short, d.long) for d in definitions(text)] == [("EES", "Enhanced Experimental Signal")]


def test_long_form_with_the_acronym_first() -> None:
    text = "We schedule the NASA (National Aeronautics and Space Administration) instrument."
    assert [(d.short, d.long) for d in definitions(text)] == [
        ("NASA", "National Aeronautics and Space Administration")
    ]


def test_two_acronyms_respectively() -> None:
    text = (
        "Subjects belong to the high or low dream recall group (HDR and LDR resp.). We classify HDR and LDR."
    )
    assert [(d.short, d.long) for d in definitions(text)] == [
        ("HDR", "high dream recall"),
        ("LDR", "low dream recall"),
    ]


def test_earlier_long_forms_unchanged() -> None:
    text = (
        "The Internet of Things (IoT) and Graph Neural Networks (GNNs) use the Compressed Large-scale "
        "Activity Scheduler and Planner (CLASP) and long short-term memory (LSTM) with deep "
        "convolutional networks (CNN)."
    )
    assert {d.short: d.long for d in definitions(text)} == {
        "IoT": "Internet of Things",
        "GNNs": "Graph Neural Networks",
        "CLASP": "Compressed Large-scale Activity Scheduler and Planner",
        "LSTM": "long short-term memory",
        "CNN": "convolutional networks",
    }


def test_no_bare_acronym_or_piece_of_a_defined_name() -> None:
    text = (
        "We describe an automated scheduling system for the NASA (National Aeronautics and Space "
        "Administration) mission. The automated scheduling system plans observations. Automated "
        "scheduling of the NASA instrument meets the National Aeronautics targets."
    )
    shown = {c.text for c in extract(text).phrases}
    assert "National Aeronautics" not in shown
    assert "NASA" not in shown


# --- 3. noun heads by corpus evidence ----------------------------------------------------------


def test_heads_by_corpus_evidence() -> None:
    assert not heads.trusted("converge")
    assert not heads.trusted("linear")
    assert heads.trusted("training") and heads.trusted("bound") and heads.trusted("classification")
    assert heads.trusted("residing")  # no evidence either way ...
    assert not heads.trusted("residing", evidence=True)  # ... but a gerund before "in" needs some
    assert heads.trusted("mining", evidence=True)  # "data mining"
    assert heads.elliptical("feedforward") and not heads.elliptical("networks")
    assert heads.trusted("BERT")  # names are not judged


def test_noun_phrases_end_on_a_noun_head() -> None:
    found = noun_phrases(_tagged("heads"))
    assert "dataset converge" not in found.phrases and "converge" not in found.phrases
    assert "pixels residing" not in found.phrases
    assert "sparse feedforward" in found.cut  # its noun is after "and"
    assert "recurrent neural networks" in found.phrases and "recurrent neural networks" not in found.cut
    assert "data mining" in found.phrases
    # "rendering": few head uses in ML abstracts, unknown to the tagger, a noun ending its phrase here
    assert not heads.trusted("rendering") and "image-based rendering" in found.phrases


# --- 4. unspecific phrases and siblings --------------------------------------------------------


def test_unspecific_by_corpus_statistics() -> None:
    assert specificity.unspecific("general learning", 1)
    assert specificity.unspecific("training objectives", 1)
    assert not specificity.unspecific("training objectives", 2)  # the paper says it again: its own term
    assert not specificity.unspecific("unsupervised learning", 1)  # a term ML abstracts write
    assert not specificity.unspecific("domain adaptation", 1)
    assert not specificity.unspecific("firmware emulation", 1)  # rare words
    assert specificity.unspecific("bound", 2) and not specificity.unspecific("bound", 3)
    assert not specificity.unspecific("firmware", 2)
    assert not specificity.unspecific("sparse neural network", 1, {"sparse": 4})  # the paper's own word


def test_siblings_by_spelling_and_inflection() -> None:
    assert merging.same_concept("feed-forward networks", "feedforward neural network")
    assert merging.same_concept("learning representations", "learned representations")
    assert not merging.same_concept("recurrent neural networks", "neural networks")
    assert not merging.same_concept("training data", "test data")


def test_a_phrase_cutting_a_three_word_expression_goes() -> None:
    tokens = ["we", "derive", "relations", "in", "the", "stochastic", "gradient", "descent", "algorithm", "."]
    assert corpus.fixed_share(tokens, ((6, 9),)) >= central.CUT_SHARE  # "gradient descent algorithm"
    tokens = ["the", "gradient", "descent", "algorithm", "converges", "."]
    assert corpus.fixed_share(tokens, ((1, 4),)) < central.CUT_SHARE


def test_a_negation_outside_the_papers_own_work_is_the_gap_it_fills() -> None:
    gap = (
        ("Existing", "VBG"), ("works", "NNS"), ("do", "VBP"), ("not", "RB"), ("capture", "VB"),
        ("long-range", "JJ"), ("correlations", "NNS"), (".", "."),
    )  # fmt: skip
    ours = (("Our", "PRP$"), ("model", "NN"), *gap[2:])
    phrase = [("long-range", "correlations")]
    assert negation.negated((gap,), phrase) == frozenset()  # what earlier work lacks
    assert negation.negated((ours,), phrase) == {("long-range", "correlations")}
