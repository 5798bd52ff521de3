"""Keywords, eighth session (EVALUATION.md): typos copied from the abstract are shown as ML writing
spells them; a one-word compound is an acronym's long form and a plural acronym stands for it; what
the paper names as a problem is no free combination of words; an adverb in a name its acronym spells
is no sentence piece. Each fixture fails with its switch off."""

from __future__ import annotations

from collections import Counter

import pytest

from generator.keywords import curate, stage
from generator.keywords.stage import extract, with_keywords
from generator.models import Paper, Source
from generator.text import acronyms, spelling


def _keys(text: str) -> set[str]:
    return {c.key for c in extract(text).phrases}


def _shown(text: str) -> tuple[str, ...]:
    return with_keywords((Paper(id="aaaaaaaaaa", text=text, sources=(Source("s", 1),)),))[0].keywords


def test_a_word_no_vocabulary_knows_one_edit_from_a_word_of_ml_writing_is_a_typo() -> None:
    assert spelling.correction("didgits") == "digits"
    assert spelling.correction("experiemnt") == "experiment"
    assert spelling.correction("capablities") == "capabilities"
    # a letter left out of a long word of general English that ML abstracts rarely use
    assert spelling.correction("discontinous") == "discontinuous"
    # a letter too many in a long word is no typo of an English word ("binarizes", "factorizes")
    assert spelling.correction("binarizes") is None
    assert spelling.correction("factorizes") is None
    # a real word neither list knows, an insertion next to its last two letters from a known one
    assert spelling.correction("extensile") is None
    # real words the small English list lacks: the large list knows them
    assert spelling.correction("positron") is None
    assert spelling.correction("halving") is None
    # known words, and edits at the ends (inflections, prefixes) or "s" for "z" are no typos
    assert spelling.correction("digits") is None
    assert spelling.correction("relus") is None
    assert spelling.correction("binarised") is None
    assert spelling.correction("Didgits") is None  # a capital: a name, not a typo
    # a hostile 18,000-letter "word" is no typo (its neighbours would hang the build)
    assert spelling.correction("digits" * 3000) is None
    assert not acronyms.compound(["a", "e"], "auto" + "encoder" * 3000)


# A SciTLDR dev abstract (the Y-learner paper), frozen here: "MNIST didgits".
Y_LEARNER = (
    "We develop the Y-learner for estimating heterogeneous treatment effects in experimental and "
    "observational studies. The Y-learner is designed to leverage the abilities of neural networks to "
    "optimize multiple objectives and continually update, which allows for better pooling of underlying "
    "feature information between treatment and control groups. We evaluate the Y-learner on three test "
    "problems: (1) A set of six simulated data benchmarks from the literature. (2) A real-world "
    "large-scale experiment on voter persuasion. (3) A task from the literature that estimates "
    "artificially generated treatment effects on MNIST didgits. The Y-learner achieves state of the art "
    "results on two of the three tasks. On the MNIST task, it gets the second best results."
)


def test_a_typo_in_a_candidate_is_shown_spelt_right(monkeypatch: pytest.MonkeyPatch) -> None:
    found = {c.key: c.text for c in extract(Y_LEARNER).phrases}
    assert found.get("mnist digit") == "MNIST digits", found
    assert not any("didgit" in k for k in found)
    monkeypatch.setattr(stage, "TYPOS_FIXED", False)
    assert "mnist didgit" in _keys(Y_LEARNER + " ")


AUTOENCODER = (
    "We introduce a deep autoencoder (AE) network for point clouds with good reconstruction quality. "
    "Gaussian mixture models trained in the latent space of our AEs produce realistic point clouds, "
    "and the AEs outperform earlier point cloud models."
)


def test_a_one_word_compound_is_an_acronyms_long_form(monkeypatch: pytest.MonkeyPatch) -> None:
    assert acronyms.table(AUTOENCODER).get("AE") == "autoencoder"
    assert acronyms.table("We train with backpropagation (BP) only.").get("BP") == "backpropagation"
    # the letters merely occur in the word: no compound of words of their own
    assert acronyms.table("Our approach (AP) works.") == {}
    assert not acronyms.compound(["a", "p"], "approach")
    monkeypatch.setattr(acronyms, "ONE_WORD_COMPOUNDS", False)
    assert not acronyms.compound(["a", "e"], "autoencoder")


def test_a_plural_acronym_stands_for_its_singulars_long_form(monkeypatch: pytest.MonkeyPatch) -> None:
    keys = _keys(AUTOENCODER)
    assert "aes" not in keys and "ae" not in keys, keys
    assert "autoencoder" in keys, keys
    monkeypatch.setattr(stage, "PLURAL_ACRONYMS", False)
    assert "aes" in _keys(AUTOENCODER + " ")


def test_what_the_paper_names_as_a_problem_is_its_concept() -> None:
    best = ["match prediction problem", "prediction problem", "group comparison data"]
    assert curate.problems(best) == {"match prediction"}


# A SciTLDR dev abstract, frozen here (its opening): "match prediction", said once, is a free
# combination of two common words by the corpus counts, but the paper names it as its problem.
MATCH = (
    "We explore the match prediction problem where one seeks to estimate the likelihood of a group of M "
    "items preferred over another, based on partial group comparison data. Challenges arise in practice. "
    "As existing state-of-the-art algorithms are tailored to certain statistical models, we have "
    "different best algorithms across distinct scenarios. Worse yet, we have no prior knowledge on the "
    "underlying model for a given scenario. These call for a unified approach that can be universally "
    "applied to a wide range of scenarios and achieve consistently high performances. To this end, we "
    "incorporate deep learning architectures so as to reflect the key structural features that most "
    "state-of-the-art algorithms share in common. This enables us to infer hidden models underlying a "
    "given dataset, which govern in-group interactions and statistical patterns of comparisons, and "
    "hence to devise the best algorithm tailored to the dataset at hand. Our approach achieves high "
    "prediction accuracy across a wide range of scenarios."
)


def test_the_named_problem_is_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "match prediction" in _shown(MATCH)
    monkeypatch.setattr(curate, "NAMED_PROBLEMS", False)
    key = curate.choice_key()
    monkeypatch.setattr(curate, "choice_key", lambda: key + "/8-problems")
    assert "match prediction" not in _shown(MATCH)


def test_an_acronym_spelling_every_word_makes_the_adverb_part_of_a_name() -> None:
    assert curate.spelt_by("doubly sparse softmax", Counter({"DS-Softmax": 1}))
    assert not curate.spelt_by("sparsely activated networks", Counter({"AN": 1}))
    assert not curate.spelt_by("widely used model", Counter({"WM": 1}))


# A SciTLDR dev abstract (DS-Softmax), frozen here (its opening).
DS_SOFTMAX = (
    "Computations for the softmax function in neural network models are expensive when the number of "
    "output classes is large. This can become a significant issue in both training and inference for "
    "such models. In this paper, we present Doubly Sparse Softmax (DS-Softmax), Sparse Mixture of Sparse "
    "of Sparse Experts, to improve the efficiency for softmax inference. During training, our method "
    "learns a two-level class hierarchy by dividing entire output class space into several partially "
    "overlapping experts. Each expert is responsible for a learned subset of the output class space and "
    "each output class only belongs to a small number of those experts. During inference, our method "
    "quickly locates the most probable expert to compute small-scale softmax."
)


def test_the_papers_own_name_with_an_adverb_is_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "doubly sparse softmax" in {k.lower() for k in _shown(DS_SOFTMAX)}
    monkeypatch.setattr(curate, "ACRONYM_NAMES", False)
    key = curate.choice_key()
    monkeypatch.setattr(curate, "choice_key", lambda: key + "/8-names")
    assert "doubly sparse softmax" not in {k.lower() for k in _shown(DS_SOFTMAX)}


def test_a_long_form_in_quotes_is_read_without_them(monkeypatch: pytest.MonkeyPatch) -> None:
    text = 'We propose an ``"ADaptive Structural Fingerprint" (ADSF) model for graphs.'
    found = acronyms.definitions(text)
    assert [(d.short, d.long) for d in found] == [("ADSF", "ADaptive Structural Fingerprint")]
    assert text[found[0].start :].startswith("ADaptive")
    inside = "We introduce a \u201cZero-Shot\u201d medical image Artifact Reduction (ZSAR) framework."
    assert acronyms.table(inside)["ZSAR"] == "Zero-Shot medical image Artifact Reduction"
    latex = "We call it ``Diversity is All You Need'' (DIAYN), a method."
    assert [d.long for d in acronyms.definitions(latex)] == ["Diversity is All You Need"]
    monkeypatch.setattr(acronyms, "QUOTED_LONG_FORMS", False)
    acronyms.definitions.cache_clear()
    assert acronyms.definitions(text) == ()
    assert "ZSAR" not in acronyms.table(inside + " ")
    acronyms.definitions.cache_clear()
