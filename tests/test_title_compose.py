"""Titles written from the authors' clauses (generator/titles/compose.py), on hand-tagged sentences:
the fixtures own their tags, so each test checks the transformation, not the tagger."""

from __future__ import annotations

import pytest

from generator.text.forms import gerund
from generator.titles import compose, spans


def tagged(text: str) -> list[tuple[str, str]]:
    """'we/PRP learn/VBP ...' -> [('we', 'PRP'), ('learn', 'VBP'), ...]."""
    return [tuple(token.rsplit("/", 1)) for token in text.split()]  # type: ignore[misc]


def phrases(text: str, source: str | None = None) -> list[str]:
    return [p for p, s in compose.structures(tagged(text)) if source is None or s == source]


@pytest.mark.parametrize(
    ("verb", "tag", "expected"),
    [
        ("learns", "VBZ", "learning"),
        ("improved", "VBD", "improving"),
        ("improve", "VB", "improving"),
        ("map", "VB", "mapping"),
        ("applies", "VBZ", "applying"),
        ("quantify", "VB", "quantifying"),
    ],
)
def test_gerund_of_any_inflection(verb: str, tag: str, expected: str) -> None:
    assert gerund(verb, tag) == expected


def test_object_with_its_attached_phrases_without_articles_or_praise() -> None:
    s = (
        "We/PRP propose/VBP a/DT novel/JJ variational/JJ message-passing/NN algorithm/NN for/IN"
        " inference/NN in/IN graphs/NNS ./."
    )
    assert phrases(s, "object") == [
        "variational message-passing algorithm",
        "variational message-passing algorithm for inference",
        "variational message-passing algorithm for inference in graphs",
    ]
    # one the title's length limit would cut is left out
    longer = s.replace("graphs/NNS", "probabilistic/JJ graphical/JJ models/NNS")
    assert len(phrases(longer, "object")) == 2


def test_an_action_of_the_authors_becomes_a_gerund_title() -> None:
    s = "We/PRP learn/VBP disentangled/VBN representations/NNS from/IN unlabeled/JJ videos/NNS ./."
    assert phrases(s, "gerund") == [
        "learning disentangled representations",
        "learning disentangled representations from unlabeled videos",
    ]


def test_propose_to_do_is_the_gerund_of_the_action() -> None:
    s = "We/PRP propose/VBP to/TO prune/VB redundant/JJ attention/NN heads/NNS ./."
    assert phrases(s) == ["pruning redundant attention heads"]


def test_purpose_clause_gives_the_purpose_the_purpose_via_the_object_and_the_object_for_the_problem() -> None:
    s = (
        "We/PRP introduce/VBP a/DT regularization/NN term/NN to/TO improve/VB the/DT robustness/NN"
        " of/IN image/NN classifiers/NNS ./."
    )
    assert "improving robustness of image classifiers" in phrases(s, "purpose")
    assert "improving robustness of image classifiers via regularization term" in phrases(
        s, "purpose via object"
    )
    # the purpose keeps its verb (ninth session, ``compose.PURPOSE_VERB``)
    assert "regularization term for improving robustness of image classifiers" in phrases(
        s, "object for problem"
    )


def test_means_joins_the_action() -> None:
    s = "We/PRP improve/VBP sample/NN efficiency/NN by/IN using/VBG learned/VBN world/NN models/NNS ./."
    assert phrases(s, "means") == ["improving sample efficiency via learned world models"]
    s = "We/PRP train/VBP sparse/JJ networks/NNS with/IN lottery/NN tickets/NNS ./."
    # "with" attaches to the object as well: the attached-phrase variant says it
    assert "training sparse networks with lottery tickets" in phrases(s, "gerund")


def test_apposition_says_what_the_named_thing_is() -> None:
    s = (
        "We/PRP present/VBP TT-RNN/NNP ,/, a/DT recurrent/JJ architecture/NN for/IN multivariate/JJ"
        " forecasting/NN ./."
    )
    assert "recurrent architecture for multivariate forecasting" in phrases(s, "object")
    assert compose.contribution_core(tagged(s)) == ["recurrent", "architecture"]
    # a one-word kind says less than the name
    s = "We/PRP present/VBP TT-RNN/NNP ,/, a/DT family/NN of/IN recurrent/JJ networks/NNS ./."
    assert compose.contribution_core(tagged(s)) == ["TT-RNN"]


def test_findings_and_negations_give_no_title() -> None:
    assert phrases("We/PRP show/VBP that/IN deep/JJ networks/NNS memorize/VBP noisy/JJ labels/NNS ./.") == []
    assert phrases("We/PRP find/VBP deep/JJ networks/NNS robust/JJ ./.") == []
    s = "Without/IN labels/NNS ,/, we/PRP cannot/MD train/VB deep/JJ image/NN classifiers/NNS ./."
    assert phrases(s) == ["training deep image classifiers"]
    s = "We/PRP do/VBP not/RB learn/VB deep/JJ image/NN classifiers/NNS ./."
    assert phrases(s) == []


def test_a_verb_read_as_a_noun_after_to_is_no_attached_phrase() -> None:
    s = (
        "We/PRP propose/VBP to/TO use/VB a/DT mixture/NN of/IN low-rank/JJ factorizations/NNS to/TO"
        " model/NN a/DT weight/NN matrix/NN ./."
    )
    assert phrases(s) == ["using mixture of low-rank factorizations"]


def test_topic_is_the_subject_a_background_sentence_opens_with() -> None:
    s = "Unsupervised/JJ domain/NN adaptation/NN aims/VBZ to/TO transfer/VB knowledge/NN ./."
    assert compose.topic(tagged(s)) == [["Unsupervised", "domain", "adaptation"]]
    s = "In/IN recent/JJ years/NNS ,/, deep/JJ networks/NNS have/VBP grown/VBN ./."
    assert compose.topic(tagged(s)) == []
    s = "Such/JJ approaches/NNS ignore/VBP the/DT modal/JJ regression/NN ./."
    assert compose.topic(tagged(s)) == []
    s = "These/DT graph/NN methods/NNS ignore/VBP the/DT modal/JJ regression/NN ./."
    assert compose.topic(tagged(s)) == []
    s = "The/DT graph/NN methods/NNS ignore/VBP the/DT modal/JJ regression/NN ./."
    assert compose.topic(tagged(s)) == [["graph", "methods"]]


def test_composed_titles_of_an_abstract_join_the_object_and_the_topic() -> None:
    text = (
        "Unsupervised domain adaptation aims to transfer knowledge from a labeled source domain. "
        "We propose a novel prototypical network that matches distributions across domains."
    )
    rows = compose.composed(text)
    assert all(3 <= len(p.split()) <= compose.MAX_WORDS for p, _, _ in rows)
    assert ("prototypical network for Unsupervised domain adaptation", "object for topic", 1) in rows
    assert ("Unsupervised domain adaptation via prototypical network", "topic via object", 1) in rows


def test_the_core_is_the_name_a_generic_kind_is_given_and_never_a_lone_generic_word() -> None:
    s = "We/PRP propose/VBP a/DT method/NN called/VBN adaptive/JJ quantization/NN ./."
    assert compose.contribution_core(tagged(s)) == ["adaptive", "quantization"]
    s = "We/PRP propose/VBP a/DT method/NN for/IN neural/JJ networks/NNS ./."
    assert compose.contribution_core(tagged(s)) == []


def test_no_span_opens_on_a_participle_that_starts_a_clause() -> None:
    s = tagged("We/PRP use/VBP a/DT method/NN called/VBN adaptive/JJ weight/NN quantization/NN ./.")
    found = [" ".join(w for w, _ in s[i:j]) for i, j in spans._spans(s)]
    assert "adaptive weight quantization" in found
    assert not any(p.startswith("called") for p in found)
    s = tagged("Given/VBN real/JJ image/NN data/NNS ,/, models/NNS fail/VBP ./.")
    assert not any(s[i][0] == "Given" for i, _ in spans._spans(s))
    s = tagged("The/DT model/NN is/VBZ called/VBN adaptive/JJ weight/NN quantization/NN ./.")
    assert not any(s[i][0] == "called" for i, _ in spans._spans(s))
    # before its noun elsewhere a participle modifies it
    s = tagged("We/PRP study/VBP learned/VBN image/NN representations/NNS ./.")
    assert "learned image representations" in [" ".join(w for w, _ in s[i:j]) for i, j in spans._spans(s)]


def test_a_span_joins_noun_phrases_only() -> None:
    # blind readers' broken titles: "Interested in methods", "Based keyword spotting"
    s = tagged("Since/IN we/PRP are/VBP interested/JJ in/IN robust/JJ search/NN methods/NNS ./.")
    found = [" ".join(w for w, _ in s[i:j]) for i, j in spans._spans(s)]
    assert "robust search methods" in found
    assert not any(p.startswith("interested") for p in found)
    s = tagged("The/DT network/NN (/-LRB- DNN/NNP )/-RRB- based/VBN keyword/NN spotting/NN task/NN ./.")
    assert not any(s[i][0] == "based" for i, _ in spans._spans(s))
    s = tagged("We/PRP study/VBP loss/NN scaling/NN for/IN mixed/JJ precision/NN training/NN ./.")
    assert "loss scaling for mixed precision training" in [
        " ".join(w for w, _ in s[i:j]) for i, j in spans._spans(s)
    ]


def test_background_phrases_come_last_when_the_switch_is_on(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (
        "Catastrophic forgetting in neural networks remains a central obstacle. "
        "We propose elastic weight consolidation for continual learning of sequential tasks."
    )
    monkeypatch.setattr(spans, "BACKGROUND_LAST", True)
    ranked = spans.ranked_spans(text)
    background = [
        k
        for k, p in enumerate(ranked)
        if p in {"Catastrophic forgetting in neural networks", "central obstacle"}
    ]
    contribution = [k for k, p in enumerate(ranked) if "consolidation" in p]
    assert background and contribution and max(contribution) < min(background)
