"""The title language model (generator/titles/title_lm.py) and how the span ranker uses it: a model
fitted on a handful of hand-written titles (the fixture owns its data), so each test checks the
model, not the shipped counts."""

from __future__ import annotations

import pytest

from generator.titles import span_order, spans, title_lm

TITLES = [
    "Learning to Rank with Graph Neural Networks",
    "Adaptive Loss Scaling for Mixed Precision Training",
    "Neural Architecture Search for Image Classification",
    "FearNet: Brain-Inspired Model for Incremental Learning",
    "Robust Training of Neural Networks via Adversarial Examples",
    "Graph Convolutional Networks for Molecular Property Prediction",
    "Unsupervised Learning of Visual Representations from Video",
    "Towards Robust Neural Machine Translation with Noisy Data",
    "Efficient Exploration for Reinforcement Learning with Sparse Rewards",
    "Variational Inference for Deep Generative Models",
] * 2


@pytest.fixture(scope="module")
def lm() -> title_lm.Models:
    counts = title_lm.fit(TITLES)
    assert "for" in counts["words"]["vocab"] and not counts["tags"]["vocab"]
    return title_lm.Models(counts)


def score(lm: title_lm.Models, phrase: str) -> dict[str, float]:
    return title_lm.features(title_lm.tagged(phrase), lm)


def test_sentence_case_keeps_names_and_lowers_title_case() -> None:
    assert (
        title_lm.sentence_case("Learning To Rank With GANs and BERT") == "learning to rank with GANs and BERT"
    )


def test_description_drops_a_short_name_only() -> None:
    assert title_lm.description("FearNet: Brain-Inspired Model") == "Brain-Inspired Model"
    assert (
        title_lm.description("On the Convergence of Adam and Beyond")
        == "On the Convergence of Adam and Beyond"
    )


def test_probabilities_sum_to_one(lm: title_lm.Models) -> None:
    m = lm.words
    tokens = sorted({g[-1] for g in m.grams})
    for context in [(title_lm.START, title_lm.START), ("neural", "networks"), ("for", "JJ")]:
        total = sum(m.prob(t, context) for t in tokens)
        # what is left is the unseen tokens' share: one part in the model's size each
        assert total + m.prob("unseen-token", context) * (m.size - len(tokens)) == pytest.approx(
            1.0, abs=1e-6
        )


def test_a_title_shaped_phrase_beats_a_fragment(lm: title_lm.Models) -> None:
    good = score(lm, "Graph neural networks for molecular property prediction")
    # ends on a preposition, opens as no title does
    assert good["lm_end"] > score(lm, "graph neural networks for")["lm_end"]
    assert good["lm_start"] > score(lm, "based molecular property prediction")["lm_start"]
    assert good["lm"] > score(lm, "for of networks the via")["lm"]


def test_fluent_rejects_below_each_threshold() -> None:
    below = {"lm": -2.0, "lm_start": -3.0, "lm_end": -2.0}
    assert title_lm.fluent({"lm": -1.5, "lm_start": -1.0, "lm_end": -0.5}, below)
    assert not title_lm.fluent({"lm": -1.5, "lm_start": -4.0, "lm_end": -0.5}, below)
    assert not title_lm.fluent({"lm": -2.5, "lm_start": -1.0, "lm_end": -0.5}, below)


@pytest.mark.parametrize(
    "phrase", ["and robust approach", "learning of", "we propose networks", "the of model"]
)
def test_shipped_model_rejects_what_no_title_looks_like(phrase: str) -> None:
    """The shipped counts (SciTLDR train titles): openings and ends no real title has."""
    assert not title_lm.fluent(title_lm.features(title_lm.tagged(phrase)))


def test_shipped_model_accepts_title_shapes() -> None:
    assert title_lm.fluent(
        title_lm.features(title_lm.tagged("adaptive loss scaling for mixed precision training"))
    )


def test_disfluent_candidates_go_last(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = (
        ("and robust approach", 2.0, False, False, False, False, False),
        ("keyword spotting with small networks", 1.0, False, True, False, False, False),
    )
    monkeypatch.setattr(spans, "_scored", lambda text: rows)
    assert spans.ranked_spans("any") == ["keyword spotting with small networks", "and robust approach"]
    monkeypatch.setattr(spans, "REJECT_DISFLUENT", False)
    assert spans.ranked_spans("any")[0] == "and robust approach"


def test_a_phrase_the_title_limit_would_cut_is_no_candidate(monkeypatch: pytest.MonkeyPatch) -> None:
    long = "deep complex-valued method for signal retrieval and extraction in the frequency domain"
    rows = (
        (long, 2.0, False, True, False, False, False),
        ("deep complex-valued method for signal retrieval", 1.0, False, True, False, False, False),
    )
    monkeypatch.setattr(spans, "_scored", lambda text: rows)
    assert spans.ranked_spans("any") == [long, rows[1][0]]
    assert spans.ranked_spans("any", room=80) == [rows[1][0]]


def test_complete_first_takes_the_qualified_phrase_within_the_margin() -> None:
    phrases = [
        "neural architecture for learning structural correspondences",
        "neural architecture",
        "neural architecture for learning structural correspondences between graphs",
        "neural architecture for learning structural correspondences graphs",  # no join word: no completion
    ]
    assert span_order.complete_first(phrases, [1.0, 0.9, 0.97, 0.99], margin=0.05) == 2
    assert span_order.complete_first(phrases, [1.0, 0.9, 0.9, 0.99], margin=0.05) == 0  # too far below
    assert span_order.complete_first(phrases, [1.0, 0.9, 0.97, 0.99], margin=0.0) == 0  # off
    long = [phrases[0], phrases[0] + " between graphs of many thousands of nodes and edges"]
    assert span_order.complete_first(long, [1.0, 1.0], margin=0.05) == 0  # past COMPLETE_WORDS


def test_ranked_spans_complete_the_best_but_never_into_an_open_end(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = (
        ("framework for adjusting image embeddings", 2.0, False, True, False, False, False),
        (
            "framework for adjusting image embeddings in order",
            1.99,
            False,
            True,
            True,
            False,
            False,
        ),  # "in order to"
        (
            "framework for adjusting image embeddings with batch statistics",
            1.98,
            False,
            True,
            False,
            False,
            False,
        ),
    )
    monkeypatch.setattr(spans, "_scored", lambda text: rows)
    assert spans.ranked_spans("any")[0] == "framework for adjusting image embeddings with batch statistics"
    monkeypatch.setattr(span_order, "COMPLETE_MARGIN", 0.0)
    assert spans.ranked_spans("any")[0] == "framework for adjusting image embeddings"


QUALIFIED = (
    "Graph matching is a classic problem in computer vision. "
    "We propose a neural architecture for learning structural correspondences between graphs. "
    "Experiments on two benchmarks show that it outperforms previous methods."
)


def test_coverage_features_mark_the_dropped_qualifier() -> None:
    feats = dict(spans.candidate_spans(QUALIFIED))
    full = next(f for s, f in feats.items() if s.endswith("correspondences between graphs"))
    cut = next(f for s, f in feats.items() if s.endswith("structural correspondences"))
    assert full["qualifier"] == 1.0 and full["no_qualifier"] == 0.0
    assert cut["no_qualifier"] == 1.0
    assert full["obj_cover"] > cut["obj_cover"]


def test_a_written_phrase_followed_by_a_preposition_has_an_open_end() -> None:
    sentence = [
        ("adjust", "VB"),
        ("embeddings", "NNS"),
        ("in", "IN"),
        ("order", "NN"),
        ("to", "TO"),
        ("fit", "VB"),
    ]
    assert spans._open_end(["embeddings", "in", "order"], sentence)
    assert not spans._open_end(["adjusting", "embeddings", "to", "fit"], sentence)
