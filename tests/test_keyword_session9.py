"""Keywords, ninth session (EVALUATION.md): what a paper only mentions is no keyword of its own (a
field term said once in passing, a word of the results part of ML abstracts), a cut piece loses to its
near-repeat whole, and an example's parenthesis is part of the example. Each fixture fails with its
switch off. The abstracts are SciTLDR dev abstracts, frozen here."""

from __future__ import annotations

import pytest

from generator.keywords import central, contexts, curate
from generator.keywords.contexts import incidental_tokens, sentence_of_tokens
from generator.keywords.corpus import results_share
from generator.keywords.specificity import generic_aside
from generator.keywords.stage import extract, with_keywords
from generator.models import Paper, Source


def _probabilities(text: str) -> dict[str, float]:
    return {c.key: curate._probability(c.score) for c in extract(text).phrases}


def _shown(text: str) -> tuple[str, ...]:
    return with_keywords((Paper(id="aaaaaaaaaa", text=text, sources=(Source("s", 1),)),))[0].keywords


def test_results_vocabulary_is_read_from_where_ml_abstracts_say_it() -> None:
    # evaluation words live after the contribution, what papers are about does not
    assert results_share("experiments") > 0.8
    assert results_share("ImageNet") > 0.7
    assert results_share("reconstruction quality") > 0.7
    assert results_share("meta-learning") < 0.3
    assert results_share("continual learning") < 0.3
    # no figure without evidence of its own
    assert results_share("shape segmentation") is None


DIH = (
    "We introduce dynamic instance hardness (DIH) to facilitate the training of machine learning "
    "models. DIH is a property of each training sample and is computed as the running mean of the "
    "sample's instantaneous hardness as measured over the training history. We use DIH to "
    "evaluate how well a model retains knowledge about each training sample over time. We find "
    "that for deep neural nets (DNNs), the DIH of a sample in relatively early training stages "
    "reflects its DIH in later stages and as a result, DIH can be effectively used to reduce the "
    "set of training samples in future epochs. Specifically, during each epoch, only samples with "
    "high DIH are trained (since they are historically hard) while samples with low DIH can be "
    "safely ignored. DIH is updated each epoch only for the selected samples, so it does not "
    "require additional computation. Hence, using DIH during training leads to an appreciable "
    "speedup. Also, since the model is focused on the historically more challenging samples, "
    "resultant models are more accurate. The above, when formulated as an algorithm, can be seen "
    "as a form of curriculum learning, so we call our framework DIH curriculum learning (or "
    "DIHCL). The advantages of DIHCL, compared to other curriculum learning approaches, are: (1) "
    "DIHCL does not require additional inference steps over the data not selected by DIHCL in "
    "each epoch, (2) the dynamic instance hardness, compared to static instance hardness (e.g., "
    "instantaneous loss), is more stable as it integrates information over the entire training "
    "history up to the present time. Making certain mathematical assumptions, we formulate the "
    "problem of DIHCL as finding a curriculum that maximizes a multi-set function $f(\\cdot)$, and "
    "derive an approximation bound for a DIH-produced curriculum relative to the optimal "
    "curriculum. Empirically, DIHCL-trained DNNs significantly outperform random mini-batch SGD "
    "and other recently developed curriculum learning methods in terms of efficiency, early-stage "
    "convergence, and final performance, and this is shown in training several state-of-the-art "
    "DNNs on 11 modern datasets."
)


def test_a_word_of_the_results_part_said_outside_the_contribution_is_no_keyword(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    limit = central.threshold()
    found = _probabilities(DIH)
    assert found["epoch"] < limit, found
    assert found["dynamic instance hardness"] > limit and found["curriculum learning"] > limit
    monkeypatch.setattr(central, "RESULTS", False)
    assert _probabilities(DIH + " ")["epoch"] > limit


SPATIAL = (
    "We introduce bio-inspired artificial neural networks consisting of neurons that are "
    "additionally characterized by spatial positions. To simulate properties of biological "
    "systems we add the costs penalizing long connections and the proximity of neurons in a "
    "two-dimensional space. Our experiments show that in the case where the network performs two "
    "different tasks, the neurons naturally split into clusters, where each cluster is "
    "responsible for processing a different task. This behavior not only corresponds to the "
    "biological systems, but also allows for further insight into interpretability or continual "
    "learning."
)


def test_a_term_said_once_in_passing_stays_unless_generic(monkeypatch: pytest.MonkeyPatch) -> None:
    # round 2: "continual learning" is named once, as what the findings allow, but it is a term (ML
    # abstracts put its words together more often than chance, and it is no phrase of the whole
    # field): it stays; the ninth session's first rule demoted it
    limit = central.threshold()
    found = _probabilities(SPATIAL)
    assert found["continual learning"] > limit, found
    assert found["neural network"] > limit
    monkeypatch.setattr(central, "ASIDES_GENERIC", False)
    assert _probabilities(SPATIAL + " ")["continual learning"] < limit


def test_generic_asides_by_corpus_statistics() -> None:
    # SciTLDR train kinds: common single words, phrases of the whole field and free combinations are
    # generic; a rare word, a single name, a hyphenated compound and a collocation said in passing are not
    for key, text in [
        ("epoch", "epoch"),
        ("visualization", "visualization"),
        ("neural network", "neural networks"),
        ("gradient descent", "gradient descent"),
        ("learning process", "learning process"),
    ]:
        assert generic_aside(key, text), key
    for key, text in [
        ("gender", "gender"),
        ("imagenet", "ImageNet"),
        ("few-shot learning", "few-shot learning"),
        ("catastrophic forgetting", "catastrophic forgetting"),
        ("convergence rate", "convergence rate"),
    ]:
        assert not generic_aside(key, text), key
    # a phrase of the results vocabulary is generic by that evidence
    assert generic_aside("convergence rate", "convergence rate", results=True)
    assert not generic_aside("few-shot learning", "few-shot learning", results=True)


def test_demotion_leaves_abstracts_outside_the_corpus_field_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(central, "ASIDES_UNSEEN", 0)
    assert _probabilities(SPATIAL + "  ")["continual learning"] > central.threshold()


NPI = (
    "Though state-of-the-art sentence representation models can perform tasks requiring "
    "significant knowledge of grammar, it is an open question how best to evaluate their "
    "grammatical knowledge. We explore five experimental methods inspired by prior work "
    "evaluating pretrained sentence representation models. We use a single linguistic phenomenon, "
    "negative polarity item (NPI) licensing, as a case study for our experiments. NPIs like 'any' "
    "are grammatical only if they appear in a licensing environment like negation ('Sue doesn't "
    "have any cats' vs. '*Sue has any cats'). This phenomenon is challenging because of the "
    "variety of NPI licensing environments that exist. We introduce an artificially generated "
    "dataset that manipulates key features of NPI licensing for the experiments. We find that "
    "BERT has significant knowledge of these features, but its success varies widely across "
    "different experimental methods. We conclude that a variety of methods is necessary to reveal "
    "all relevant aspects of a model's grammatical knowledge in a given domain."
)


def test_an_examples_parenthesis_is_part_of_the_example(monkeypatch: pytest.MonkeyPatch) -> None:
    tokens = sentence_of_tokens(NPI)[0]
    incidental = incidental_tokens(tokens)[0]
    sue = [i for i, t in enumerate(tokens) if t == "Sue"]
    assert len(sue) == 2 and all(i in incidental for i in sue)
    assert "sue" not in _probabilities(NPI)
    monkeypatch.setattr(contexts, "EXAMPLE_PARENTHESES", False)
    assert "sue" in _probabilities(NPI + " ")


def test_a_cut_piece_is_found_against_its_near_repeat() -> None:
    spans = {
        "gaussian mixture model": ((10, 13), (20, 23)),
        "gaussian mixture": ((10, 12), (20, 22)),
        "model": ((12, 13), (22, 23), (30, 31)),
        "text clustering method": ((40, 43),),
        "text clustering": ((40, 42),),
    }
    # ML abstracts write "gaussian mixture" on into "model(s)"; nothing backs "text clustering methods"
    assert curate.cut_pieces(spans) == {"gaussian mixture"}


POINTS = (
    "Three-dimensional geometric data offer an excellent domain for studying representation "
    "learning and generative modeling. In this paper, we look at geometric data represented as "
    "point clouds. We introduce a deep autoencoder (AE) network with excellent reconstruction "
    "quality and generalization ability. The learned representations outperform the state of the "
    "art in 3D recognition tasks and enable basic shape editing applications via simple algebraic "
    "manipulations, such as semantic part editing, shape analogies and shape interpolation. We "
    "also perform a thorough study of different generative models including GANs operating on the "
    "raw point clouds, significantly improved GANs trained in the fixed latent space our AEs and, "
    "Gaussian mixture models (GMM). Interestingly, GMMs trained in the latent space of our AEs "
    "produce samples of the best fidelity and diversity. To perform our quantitative evaluation "
    "of generative models, we propose simple measures of fidelity and diversity based on "
    "optimally matching between sets point clouds."
)


# Two papers that say "Gaussian mixture" on its own: the short form is the one more papers share.
MIXTURES = (
    "We fit a Gaussian mixture to the latent codes of a variational autoencoder. The Gaussian mixture "
    "prior yields sharper samples on image benchmarks.",
    "Neural responses are best fit by a Gaussian mixture with two components. A Gaussian mixture "
    "explains the variability of cortical noise across trials.",
)


def _catalogue(first: str) -> tuple[str, ...]:
    papers = tuple(
        Paper(id=f"{i:010x}", text=t, sources=(Source(f"s{i}", 1),)) for i, t in enumerate((first, *MIXTURES))
    )
    return with_keywords(papers)[0].keywords


def test_the_whole_phrase_stays_among_near_repeats(monkeypatch: pytest.MonkeyPatch) -> None:
    shown = _catalogue(POINTS)
    assert "Gaussian mixture models" in shown and "Gaussian mixture" not in shown, shown
    monkeypatch.setattr(curate, "CUT_SIBLINGS", False)
    key = curate.choice_key()
    monkeypatch.setattr(curate, "choice_key", lambda: key + "/9-cut")
    shown = _catalogue(POINTS + " ")
    assert "Gaussian mixture" in shown and "Gaussian mixture models" not in shown, shown
