"""Keywords, sixth session (EVALUATION.md): a lower threshold for abstracts outside the ML corpus's
field, pieces of names joined by "of" and of adverb-qualified modifiers, lone words that corpus
labels rarely take alone, baselines read as written, and common-word phrases a paper repeats. Each
fixture fails with its switch off."""

from __future__ import annotations

import pytest

from generator.keywords import central, coverage, curate, nounphrases, reranker
from generator.keywords.stage import extract, with_keywords
from generator.models import Paper, Source
from generator.text.tagger import tag_sentences

# A materials-science paragraph: most of its uncommon words no ML abstract uses.
MATERIALS = (
    "Sintered hydroxyapatite scaffolds were doped with strontium and magnesium to tailor their "
    "porosity. The dopants lowered the calcination temperature, raised the compressive strength and "
    "slowed the dissolution of the apatite lattice in simulated body fluid. Osteoblast adhesion and "
    "alkaline phosphatase activity were higher on doped scaffolds than on undoped hydroxyapatite, and "
    "the scaffolds remained cytocompatible after sterilisation by gamma irradiation. The doped ceramics "
    "are candidates for bone grafts in load-bearing defects."
)
ML = (
    "We propose a contrastive objective for self-supervised learning of image representations. The "
    "encoder is trained to tell augmented views of one image from views of other images, and a linear "
    "classifier on the frozen representations reaches high accuracy on standard benchmarks."
)


def paper(pid: str, text: str) -> Paper:
    return Paper(id=pid, text=text, sources=(Source("s", 1),))


def test_an_abstract_outside_the_field_shows_keywords_down_to_a_lower_threshold() -> None:
    assert coverage.unseen(MATERIALS) >= coverage.UNSEEN_MIN
    assert coverage.unseen(ML) < coverage.UNSEEN_MIN
    assert coverage.threshold(ML) == central.threshold()
    assert coverage.threshold(MATERIALS) == pytest.approx(coverage.OUT_OF_FIELD_THRESHOLD)
    assert coverage.threshold(MATERIALS) < central.threshold()


def test_the_lower_threshold_shows_more_keywords_of_such_an_abstract(monkeypatch: pytest.MonkeyPatch) -> None:
    # with a strict model threshold, the out-of-field paper still shows its keywords down to 0.1
    monkeypatch.setattr(central, "threshold", lambda: 0.6)
    (shown,) = with_keywords((paper("aaaaaaaaaa", MATERIALS),))
    monkeypatch.setattr(coverage, "OUT_OF_FIELD_THRESHOLD", 0.0)
    (plain,) = with_keywords((paper("aaaaaaaaaa", MATERIALS),))
    assert len(shown.keywords) > len(plain.keywords), (shown.keywords, plain.keywords)


def _cut(text: str) -> frozenset[str]:
    return nounphrases.noun_phrases(tuple(tag_sentences(text))).cut


WIZARD = "We collect a new dataset, the Wizard of Wikipedia, for open-domain dialogue."
LOCAL = "We train deep networks with locally computable losses instead of backpropagation."


def test_a_name_joined_by_of_and_an_adverb_qualified_modifier_are_not_cut_into_candidates(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert {"wikipedia", "wizard"} <= _cut(WIZARD)
    assert "computable losses" in _cut(LOCAL)
    # an acronym before "of" joins no name; a lower-case word before "of" neither
    assert "squad" not in _cut("We report the accuracy of BERT of SQuAD and the size of Wikipedia.")
    assert "wikipedia" not in _cut("We report the size of Wikipedia.")
    monkeypatch.setattr(nounphrases, "PIECES_OF_NAMES", False)
    monkeypatch.setattr(nounphrases, "QUALIFIED_CUT", False)
    assert "wikipedia" not in _cut(WIZARD)
    assert "computable losses" not in _cut(LOCAL)


def test_a_lone_word_corpus_labels_rarely_take_alone_is_weak() -> None:
    # keyphraseness table: "objective" a keyphrase in 10 of 34 documents, "graph" in 68 of 105
    assert reranker.lone_word("objective") and reranker.lone_word("classifier")
    assert not reranker.lone_word("graph") and not reranker.lone_word("robustness")
    assert not reranker.lone_word("training objective")  # phrases are judged by the model
    assert not reranker.lone_word("hydroxyapatite")  # too rare in the corpus to judge


BASELINE = (
    "We present a method that learns to predict sets with unknown cardinality using deep neural "
    "networks. On object detection our set prediction network outperforms detectors such as Faster "
    "R-CNN and YOLO, and set prediction also solves a CAPTCHA test."
)


def test_a_baseline_name_shown_in_lower_case_is_still_a_side_name(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = {c.text.lower() for c in extract(BASELINE).phrases}
    assert "faster r-cnn" not in texts, texts
    monkeypatch.setattr(central, "WRITTEN_NAMES", False)
    texts = {c.text.lower() for c in extract(BASELINE + " ").phrases}
    assert "faster r-cnn" in texts, texts


PLANNING = (
    "Robots need task planning to act over long horizons. We learn a model of the world for task "
    "planning from images of block stacking, and the robot stacks colored blocks in a cluttered "
    "environment."
)


def test_a_common_word_phrase_the_paper_repeats_is_no_leftover(monkeypatch: pytest.MonkeyPatch) -> None:
    (shown,) = with_keywords((paper("aaaaaaaaaa", PLANNING),))
    assert "task planning" in shown.keywords, shown.keywords
    monkeypatch.setattr(curate, "REPEATED_OWN", False)
    (plain,) = with_keywords((paper("aaaaaaaaaa", PLANNING.replace("environment", "room")),))
    assert "task planning" not in plain.keywords[:2], plain.keywords
