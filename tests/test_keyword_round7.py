"""Round 7 of the keywords (EVALUATION.md, "Keywords, round 7"): acronyms written without a definition
and quoted glosses merged, a phrase with a writing word before it merged into the phrase, no single
common word guaranteed, field words with an acronym no terms, proper names in title case kept."""

from __future__ import annotations

import math

import pytest

from generator.keywords import central, curate, merging, nounphrases, specificity, stage
from generator.keywords.curate import Candidate
from generator.keywords.grammar import phrase_key
from generator.text.tagger import tag_sentences

XGAN = (
    "Style transfer maps images between two unpaired collections. "
    'We introduce XGAN ("Cross-GAN"), a dual adversarial autoencoder for semantic style transfer. '
    "XGAN learns a shared embedding for semantic style transfer."
)
ALLEN = (
    "Neural activity is highly variable in response to repeated stimuli. We used an open dataset, "
    "the Allen Brain Observatory, to quantify the distribution of neural activity responses."
)


# -- repeats: an acronym and the phrase it spells, a name and its quoted gloss ------------------------


def test_an_undefined_acronym_and_the_phrase_it_spells_are_one_keyword() -> None:
    spans = {"vqa": ((30, 31),), "visual question answering": ((10, 13),), "data augmentation": ((5, 7),)}
    ranked = ["vqa", "data augmentation", "visual question answering"]
    out, where = merging.initials_merged(ranked, {"vqa"}, spans)
    assert out == ["vqa", "data augmentation"]
    assert where["vqa"] == ((10, 13), (30, 31))  # its pieces ("question answering") stay pieces
    # a lower-case word is no acronym, and letters that spell other initials stay apart
    assert merging.initials_merged(ranked, set(), spans)[0] == ranked
    assert not merging.spells("vqa", "visual question", {"vqa"})


def test_a_quoted_gloss_of_a_name_is_no_second_keyword(monkeypatch: pytest.MonkeyPatch) -> None:
    assert stage._aliases(XGAN) == [("XGAN", "Cross-GAN")]
    gloss = phrase_key("Cross-GAN")
    keys = {c.key for c in stage.extract(XGAN).phrases}
    assert "xgan" in keys and gloss not in keys
    monkeypatch.setattr(stage, "ALIASES_DROPPED", False)
    assert gloss in {c.key for c in stage.extract(XGAN).phrases}


def test_a_phrase_with_a_writing_word_before_it_merges_into_the_phrase(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    long, short = "counterintuitive generalization properties", "generalization properties"
    spans = {long: ((3, 6),), short: ((4, 6), (40, 42)), "deep networks": ((8, 10),)}
    said = {"counterintuitive": 1, "generalization": 2, "properties": 2}
    ranked = [long, "deep networks", short]
    assert merging.unmodified(ranked, spans, said, set()) == [short, "deep networks"]
    # a modifier the paper says again is its own, and a weak shorter phrase takes no place
    assert merging.unmodified(ranked, spans, {**said, "counterintuitive": 2}, set()) == ranked
    assert merging.unmodified(ranked, spans, said, {short}) == ranked
    # "graph" names a topic by burstiness: "graph generalization properties" stays
    assert not merging.writing_modifier("graph", {"graph": 1})


# -- the guarantee: a specific phrase, not a single common word --------------------------------------


def test_no_single_common_word_is_guaranteed(monkeypatch: pytest.MonkeyPatch) -> None:
    limit = 0.175
    bar = -math.log(limit / (1 - limit))
    scored = [
        Candidate("fidelity", "fidelity", 3.0, ((0, 1), (5, 6), (9, 10))),
        Candidate("few-shot learning", "few-shot learning", 1.0, ((2, 4),)),
    ]
    feats = [{"topic0": 1.0, "count": math.log1p(3)}, {"topic0": 0.0, "count": math.log1p(1)}]
    out = central._own_shown(scored, feats, limit, "topic0")
    assert out[0].score == 3.0  # said in passing by ML abstracts: not raised
    assert not central._topic_word("word")  # common English
    assert central._topic_word("transformer")  # 20 of 41 abstracts say it twice
    monkeypatch.setattr(central, "GUARANTEED_WORDS", True)
    assert central._own_shown(scored, feats, limit, "topic0")[0].score <= bar


# -- field words: an acronym does not make "machine learning" a term ----------------------------------


def test_a_field_word_with_an_acronym_is_weak_unless_the_paper_repeats_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert specificity.umbrella("machine learning", 2)
    assert not specificity.umbrella("machine learning", 3)  # the paper's own subject
    assert not specificity.umbrella("generative adversarial networks", 2)  # a term: 4% of abstracts
    monkeypatch.setattr(specificity, "UMBRELLA_WEAK", False)
    assert not specificity.umbrella("machine learning", 2)


# -- case: a proper name in title case -----------------------------------------------------------------


def test_a_title_case_name_with_a_name_word_keeps_its_case(monkeypatch: pytest.MonkeyPatch) -> None:
    named = nounphrases.noun_phrases(tag_sentences(ALLEN)).named
    assert named["allen brain observatory"] == "Allen Brain Observatory"
    shown = {c.text for c in stage.extract(ALLEN).phrases}
    assert "Allen Brain Observatory" in shown or "Brain Observatory" in shown
    monkeypatch.setattr(nounphrases, "NAMED_RUNS", False)
    assert nounphrases.noun_phrases(tag_sentences(ALLEN)).named == {}


# -- fragments: a phrase cut before its head ---------------------------------------------------------


def test_a_phrase_always_said_before_another_noun_on_a_rare_word_is_cut(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = (
        "We test our model on scanned IRS tax return forms and achieve large improvements. "
        "This could make natural language processing systems more flexible."
    )
    cut = nounphrases.noun_phrases(tag_sentences(text)).cut
    assert "scanned irs tax" in cut and "irs tax" in cut  # "tax": too rare in ML abstracts to tell
    assert "tax return forms" not in cut  # ends its run
    assert "natural language processing" not in cut  # a term of its own (2.2% of abstracts)
    assert not nounphrases._modifier("GNNs")  # a name: "GNNs training procedures" keeps "GNNs"
    monkeypatch.setattr(nounphrases, "HEADLESS_CUT", False)
    assert "scanned irs tax" not in nounphrases.noun_phrases(tag_sentences(text)).cut


# -- a generic single word does not make up the minimum ------------------------------------------------


def test_a_generic_single_word_never_makes_up_the_minimum(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.keywords.curate import Candidates
    from generator.models import Paper, Source

    text = "Humans learn a new word from one sentence; few-shot learning of a word needs word context."
    found = Candidates(
        (
            Candidate("word", "word", -5.0, ((4, 5), (11, 12), (14, 15))),
            Candidate("few-shot learning", "fewshot learning", -5.0, ((8, 10),)),
        )
    )
    paper = (Paper(id="0" * 10, text=text, sources=(Source("t", 1),)),)
    assert curate.curate(paper, [found])[0].keywords == ("few-shot learning",)
    monkeypatch.setattr(curate, "WRITTEN_FILLER_FILLS", True)
    monkeypatch.setattr(curate, "GENERIC_FILLS_NOT", False)  # the seventh session's rule blocks it too
    key = curate.choice_key()
    monkeypatch.setattr(curate, "choice_key", lambda: key + "/fills")  # not the choice cached above
    assert "word" in curate.curate(paper, [found])[0].keywords
