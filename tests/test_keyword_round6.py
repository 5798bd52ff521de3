"""Round 6 of the keywords (EVALUATION.md, "Keywords, round 6"): words of the writing by corpus
burstiness, names said only as an example or a baseline, and what the authors say they work on."""

from __future__ import annotations

import math

import pytest

from generator.keywords import central, contexts, corpus, curate, specificity
from generator.keywords.curate import Candidate
from generator.keywords.grammar import TOKEN

VERIFY = (
    "Neural networks trained only for accuracy are fooled by small perturbations of their inputs. "
    "We formulate verification of piecewise-linear neural networks as a mixed integer program. "
    "Our verifier is faster than earlier verifiers."
)
INTERPRET = (
    "The interpretability of neural networks has become crucial for their applications. "
    "We propose a hierarchical explanation method for text classifiers."
)
SIDE = (
    "We study the frequency principle of deep networks on benchmark datasets such as CIFAR10, "
    "and architectures like VGG16. Our frequency principle explains why ResNet50 trains quickly, "
    "and the principle holds compared with DenseNet121 and AlexNet7, e.g. Densenet with pooling."
)


def _cand(key: str, score: float, abstract: str, text: str = "") -> Candidate:
    tokens = [t.lower() for t in TOKEN.findall(abstract)]
    words = key.split()
    spans = tuple((i, i + len(words)) for i in range(len(tokens)) if tokens[i : i + len(words)] == words)
    return Candidate(text or key, key, score, spans)


# -- words of the writing: ML abstracts that use them almost never say them twice --------------------


def test_burstiness_tells_a_word_of_the_writing_from_a_word_of_a_topic() -> None:
    assert corpus.repeat_share("in-depth") == 0.0  # 7 train abstracts, none says it twice
    assert corpus.repeat_share("mathematical") == 0.0
    assert corpus.repeat_share("graph") > 0.4
    assert corpus.repeat_share("patches") == corpus.repeat_share("patch") > 0.4  # keyword keys
    assert corpus.repeat_share("no-such-word-anywhere") is None


@pytest.mark.parametrize(
    ("key", "text"),
    [("indepth analysis", "in-depth analysis"), ("mathematical rigor", ""), ("rich class", "rich classes")],
)
def test_a_phrase_said_once_whose_modifiers_are_words_of_the_writing_is_unspecific(
    key: str, text: str
) -> None:
    assert specificity.unspecific(key, 1, {w: 1 for w in key.split()}, text)
    # the head said again elsewhere does not make it the paper's term ("analysis" twice)
    assert specificity.unspecific(key, 1, {key.split()[-1]: 3}, text)


def test_the_writing_words_rule_is_what_makes_them_unspecific(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(specificity, "WRITING_WORDS", False)
    assert not specificity.unspecific(
        "indepth analysis", 1, {"indepth": 1, "analysis": 3}, "in-depth analysis"
    )
    assert not specificity.unspecific("modification", 1)


def test_terms_and_topic_words_stay_specific() -> None:
    # "computer" lives in "computer vision" (49 of its 65 abstracts): a term, not a free combination
    assert not specificity.unspecific("computer vision", 1, {}, "computer vision")
    assert not specificity.unspecific("graph matching", 1, {}, "graph matching")
    # the paper says the modifier again: its own word
    assert not specificity.unspecific("indepth analysis", 1, {"indepth": 2}, "in-depth analysis")
    # said twice: a phrase the paper uses
    assert not specificity.unspecific("indepth analysis", 2, {}, "in-depth analysis")
    # a single word said once that ML abstracts rarely repeat is unspecific; a topic word is not
    assert specificity.unspecific("modification", 1)
    assert not specificity.unspecific("transliteration", 1)
    assert not specificity.unspecific("patch", 1)


# -- names said only as an example or a baseline -----------------------------------------------------


def _kept(abstract: str, keys: list[tuple[str, str]]) -> set[str]:
    rows = central.features(abstract, tuple(_cand(k, 0.1, abstract, t) for k, t in keys))
    return {c.key for c, _f in rows}


def test_a_name_said_only_as_an_example_or_a_baseline_is_no_keyword(monkeypatch: pytest.MonkeyPatch) -> None:
    keys = [
        ("cifar10", "CIFAR10"),
        ("vgg16", "VGG16"),
        ("resnet50", "ResNet50"),
        ("densenet121", "DenseNet121"),
        ("densenet", "Densenet"),
        ("frequency principle", "frequency principle"),
    ]
    kept = _kept(SIDE, keys)
    assert "frequency principle" in kept
    assert "cifar10" not in kept  # "such as"
    assert "vgg16" not in kept  # "like"
    assert "densenet121" not in kept  # "compared with"
    assert "densenet" not in kept  # "e.g.": capitalised inside a sentence
    assert "resnet50" in kept  # the paper's own sentence says it, not as an example
    monkeypatch.setattr(central, "SIDE_NAMES_DROPPED", False)
    assert {"cifar10", "vgg16", "densenet121"} <= _kept(SIDE, keys)


def test_a_baseline_after_than_or_outperforms_is_incidental_and_would_like_to_is_no_cue() -> None:
    tokens = TOKEN.findall(
        "Our method outperforms BERT on QA, and is faster than GPT2. We would like to thank Bob."
    )
    incidental, _surnames = contexts.incidental_tokens(tokens)
    assert tokens.index("BERT") in incidental
    assert tokens.index("GPT2") in incidental
    assert tokens.index("Bob") not in incidental
    assert tokens.index("QA") in incidental  # up to the clause's end


def test_an_example_list_runs_over_the_commas_between_names() -> None:
    tokens = TOKEN.findall(
        "It holds across architectures (such as VGG, Resnet, Densenet etc.), and data, as we show."
    )
    incidental, _surnames = contexts.incidental_tokens(tokens)
    assert {tokens.index(n) for n in ("VGG", "Resnet", "Densenet")} <= incidental
    assert tokens.index("data") not in incidental
    kept = _kept(
        "Our loss pattern holds across architectures (such as VGG, Resnet, Densenet etc.). We study losses.",
        [("densenet", "Densenet"), ("resnet", "Resnet")],
    )
    assert kept == set()


def test_a_phrase_with_a_lower_case_word_is_no_name() -> None:
    abstract = "We measure divergences. Our loss is tighter than the Wasserstein distance, as we show."
    assert "wasserstein distance" in _kept(abstract, [("wasserstein distance", "Wasserstein distance")])


def test_a_lower_case_phrase_in_an_example_list_is_left_to_the_model() -> None:
    abstract = "We study tasks such as image classification. Our method is simple."
    assert "image classification" in _kept(abstract, [("image classification", "image classification")])


# -- what the authors say they work on -----------------------------------------------------------------


def test_the_object_of_the_authors_verb_and_what_follows_as_are_topics() -> None:
    found = central._topic_concept(VERIFY)
    assert " verification " in found
    assert " mixed integer program " in found
    # a participle after its noun starts a clause: "Neural networks" is the first sentence's subject
    assert " neural networks " in found


def test_the_first_sentences_subject_is_a_topic() -> None:
    assert " interpretability " in central._topic_concept(INTERPRET)


def test_the_best_candidate_of_each_topic_is_raised_to_the_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    cands = [
        Candidate("verification", "verification", -1.0, ((10, 11), (20, 21))),
        Candidate("mixed integer program", "mixed integer program", 4.0, ((15, 18),)),
        Candidate("integer program", "integer program", 5.0, ((16, 18),)),
    ]
    feats = [
        {"topic0": 1.0, "count": math.log1p(2)},
        {"topic1": 1.0, "count": math.log1p(1)},
        {"topic1": 1.0, "count": math.log1p(1)},
    ]
    out = cands
    for flag in ("topic0", "topic1"):
        out = central._own_shown(out, feats, 0.175, flag)
    prob = {c.key: 1 / (1 + math.exp(c.score)) for c in out}
    assert prob["mixed integer program"] >= 0.175 > prob["integer program"]
    assert out[0] == cands[0]


def test_a_topic_said_once_as_a_word_or_as_a_free_combination_is_not_raised() -> None:
    cands = [
        Candidate("salient", "salient", 4.0, ((3, 4),)),
        Candidate("indepth analysis", "in-depth analysis", 4.0, ((5, 7),)),
    ]
    feats = [{"topic0": 1.0, "count": math.log1p(1)}, {"topic0": 1.0, "count": math.log1p(1)}]
    assert central._own_shown(cands, feats, 0.175, "topic0") == cands


def test_topics_are_shown_by_reweigh_only_with_the_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    # a model under which no candidate reaches the threshold: only the guarantees raise one
    monkeypatch.setattr(central, "weights", lambda: {"": -5.0})
    monkeypatch.setattr(central, "OWN_SHOWN", False)
    keys = ["mixed integer program", "perturbations", "verifier", "small perturbations"]
    phrases = tuple(_cand(k, 0.1 * (i + 1), VERIFY) for i, k in enumerate(keys))
    limit = central.threshold()

    def shown(switch: bool) -> set[str]:
        monkeypatch.setattr(central, "TOPIC_SHOWN", switch)
        return {c.key for c in central.reweigh(VERIFY, phrases) if 1 / (1 + math.exp(c.score)) >= limit}

    assert shown(True) == {"mixed integer program"}
    assert shown(False) == set()


def test_the_expected_count_experiment_is_off() -> None:
    assert curate.EXPECTED_COUNT == 0.0
