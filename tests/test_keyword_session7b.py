"""Keywords, seventh session, round 2 (EVALUATION.md): an infinitive's verb the tagger reads as a noun
starts no candidate; the concept the paper is about (first or contribution sentence, said twice,
specific) is shown; a common single word is no fill-in. Each fixture fails with its switch off."""

from __future__ import annotations

import pytest

from generator.keywords import central, curate, grammar, nounphrases
from generator.keywords.curate import Candidate
from generator.keywords.stage import scored_candidates
from generator.text.tagger import tag_sentences

# Tagged as the shipped tagger tags it: the treebanks' "to" of an infinitive is often IN, and
# "complement" / "model" before their objects are read as singular nouns.
COMPLEMENT = (
    ("We", "PRP"), ("propose", "VBP"), ("to", "IN"), ("complement", "NN"), ("recurrent", "JJ"),
    ("networks", "NNS"), ("with", "IN"), ("attention", "NN"), (".", "."),
)  # fmt: skip
MODAL = (
    ("The", "DT"), ("encoder", "NN"), ("can", "MD"), ("model", "NN"), ("long", "JJ"),
    ("sequences", "NNS"), (".", "."),
)  # fmt: skip
COMPOUND = (
    ("It", "PRP"), ("is", "VBZ"), ("applied", "VBN"), ("to", "TO"), ("model", "NN"),
    ("compression", "NN"), ("and", "CC"), ("to", "TO"), ("image", "NN"), ("features", "NNS"), (".", "."),
)  # fmt: skip


def _phrases(sentence: tuple[tuple[str, str], ...]) -> frozenset[str]:
    return nounphrases.noun_phrases((sentence,)).phrases


def test_a_noun_after_to_before_an_object_is_the_infinitives_verb() -> None:
    assert grammar.infinitive_verb(COMPLEMENT, 3)
    assert grammar.infinitive_verb(MODAL, 3)
    found = _phrases(COMPLEMENT)
    assert "complement recurrent networks" not in found, found
    assert "recurrent networks" in found, found
    assert "long sequences" in _phrases(MODAL)


def test_a_compound_or_a_word_never_written_as_a_verb_stays_a_noun() -> None:
    assert not grammar.infinitive_verb(COMPOUND, 4)  # "model compression": a singular noun follows
    assert not grammar.infinitive_verb(COMPOUND, 8)  # "image" : ML abstracts never write "we image"
    assert {"model compression", "image features"} <= _phrases(COMPOUND)


def test_the_switch_turns_the_verb_reading_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(grammar, "VERB_AFTER_TO", False)
    assert not grammar.infinitive_verb(COMPLEMENT, 3)
    assert "complement recurrent networks" in _phrases(COMPLEMENT)


CONTRASTIVE = (
    "Contrastive learning learns representations by pulling views of one image together. We show that "
    "contrastive learning with hard negatives improves retrieval of rare classes. Our analysis explains "
    "why contrastive learning fails when negatives are too easy, and we propose a curriculum over "
    "negatives. Experiments on three benchmarks confirm the gains."
)


def test_the_concept_the_paper_is_about_is_flagged() -> None:
    phrases, _defined, expansions = scored_candidates(CONTRASTIVE, tag_sentences(CONTRASTIVE))
    rows = {c.key: f for c, f in central.features(CONTRASTIVE, phrases, expansions)}
    assert rows["contrastive learning"]["about"] == 1.0, rows.keys()
    assert not any(f["about"] for k, f in rows.items() if k != "contrastive learning")


def test_the_concept_the_paper_is_about_reaches_the_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    scored = [
        Candidate("hard negatives", "hard negative", 0.5, ((0, 2),)),
        Candidate("contrastive learning", "contrastive learning", 3.0, ((2, 4),)),
    ]
    feats = [{"about": 0.0, "count": 0.7}, {"about": 1.0, "count": 1.4}]
    raised = central.guaranteed(scored, feats, 0.2)
    assert raised[1].score < 3.0
    monkeypatch.setattr(central, "ABOUT_SHOWN", False)
    assert central.guaranteed(scored, feats, 0.2)[1].score == 3.0
