"""The learned keyphraseness model and the rules that came with it (issue 20, keywords round 3):
names cut by a phrase, narrative-citation surnames, fixed expressions at a phrase's edge, phrases
one word longer than another, and fewer, surer keywords by a probability threshold."""

from __future__ import annotations

import json

import numpy as np

from generator.evaluation import keyword_tune
from generator.keywords import central, contexts, corpus, curate, merging, reranker
from generator.keywords.curate import Candidate
from generator.keywords.grammar import TOKEN
from generator.keywords.nounphrases import noun_phrases

NAME_CUT = (
    (
        ("We", "PRP"),
        ("call", "VBP"),
        ("it", "PRP"),
        ("Black", "JJ"),
        ("Box", "NN"),
        ("Recursive", "NNP"),
        ("Translation", "NNP"),
        (".", "."),
    ),
    (
        ("We", "PRP"),
        ("design", "VBP"),
        ("de", "NNP"),
        ("novo", "NNP"),
        ("proteins", "NNS"),
        ("and", "CC"),
        ("study", "VBP"),
        ("recursive", "JJ"),
        ("translation", "NN"),
        (".", "."),
    ),
)


def test_a_phrase_that_cuts_a_name_is_cut() -> None:
    found = noun_phrases(NAME_CUT)
    assert "box recursive translation" in found.cut
    assert "novo proteins" in found.cut
    assert "black box recursive translation" not in found.cut
    assert "de novo proteins" not in found.cut
    assert "proteins" not in found.cut  # the name's head alone is no piece of it
    # Said whole elsewhere ("recursive translation" in the second sentence): not a cut.
    assert "recursive translation" not in found.cut


def test_narrative_citation_names_are_surnames() -> None:
    tokens = TOKEN.findall("The Lottery Ticket Hypothesis from Frankle & Carbin (2019) holds. We prune (2x).")
    incidental, surnames = contexts.incidental_tokens(tokens)
    assert sorted(tokens[i] for i in surnames) == ["Carbin", "Frankle"]
    assert tokens.index("Hypothesis") not in incidental
    assert tokens.index("prune") not in incidental  # "(2x)" is no year


def test_fixed_expression_at_the_edge_is_measured() -> None:
    lowered = [t.lower() for t in TOKEN.findall("a black box model and the box model")]
    black_box = ((lowered.index("box"), lowered.index("box") + 2),)
    the_box = ((len(lowered) - 2, len(lowered)),)
    assert corpus.fixed_share(lowered, black_box) > 0.3  # "black box" in SciTLDR train
    assert corpus.fixed_share(lowered, the_box) < 0.05
    # Every occurrence must cut it: one free occurrence is enough.
    assert corpus.fixed_share(lowered, black_box + the_box) < 0.05


def test_one_word_more_after_is_the_same_keyword() -> None:
    assert merging.same_concept("interleaved pooling", "interleaved pooling layers")
    assert merging.same_concept("interleaved pooling layer", "interleaved pooling")
    assert not merging.same_concept("neural networks", "recurrent neural networks")
    assert not merging.same_concept("deformation stability", "deformation invariance analysis")


def test_unsure_keywords_only_make_up_the_minimum() -> None:
    ranked = ["alpha", "beta", "gamma", "delta", "epsilon"]
    spans = {k: ((i, i + 1),) for i, k in enumerate(ranked)}
    chosen = curate._choose(ranked, spans, {"beta", "gamma", "delta", "epsilon"}, 3)
    assert chosen == ["alpha", "beta", "gamma"]
    sure = curate._choose(ranked, spans, {"epsilon"}, 3)
    assert sure == ["alpha", "beta", "gamma", "delta"]


def test_the_committed_model_scores_every_feature() -> None:
    data = json.loads(central.WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert set(data["weights"]) <= {"", *central.FEATURES, *reranker.EXTRA, central.SHARED}
    assert {"", *central.FEATURES, central.SHARED} <= set(data["weights"])
    assert 0.0 < data["threshold"] < 1.0
    text = "We propose spectral pruning. Spectral pruning is fast. Spectral pruning is small."
    words = [t.lower() for t in TOKEN.findall(text)]
    spans = tuple((i, i + 2) for i in range(len(words) - 1) if words[i : i + 2] == ["spectral", "pruning"])
    cand = Candidate("spectral pruning", "spectral pruning", 0.05, spans)
    (out,) = central.reweigh(text, (cand,))
    ((_c, feats),) = central.features(text, (cand,))
    assert out.score == -round(central.logits([feats])[0], 9)


def test_fit_learns_the_sign_of_a_feature() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 2))
    y = (x[:, 0] + 0.1 * rng.normal(size=400) > 0).astype(float)
    weights = keyword_tune.fit(["good", "noise"], x, y, np.ones(400))
    assert weights["good"] > 2.0
    assert abs(weights["noise"]) < weights["good"] / 4


def test_scitldr_label_needs_every_word_in_title_or_tldr() -> None:
    gold = ("Pruning graph neural networks", "We prune GNN edges spectrally.")
    yes = Candidate("graph pruning", "graph pruning", 0.1, ())
    no = Candidate("graph attention", "graph attention", 0.1, ())
    assert keyword_tune.label("scitldr", yes, gold) == 1.0
    assert keyword_tune.label("scitldr", no, gold) == 0.0
    assert keyword_tune.label("kdd", yes, ("graph pruning",)) == 1.0
    assert keyword_tune.label("kdd", no, ("graph pruning",)) == 0.0


def test_a_phrase_that_always_cuts_a_fixed_expression_goes() -> None:
    def cand(text: str) -> Candidate:
        words = [t.lower() for t in TOKEN.findall(text)]
        spans = tuple((i, i + 2) for i in range(len(words) - 1) if words[i : i + 2] == ["box", "functions"])
        return Candidate("box functions", "box functions", 0.05, spans)

    cut = "We optimise black box functions. Black box functions are costly."
    free = "We optimise black box functions. The box functions are costly."
    assert central.features(cut, (cand(cut),)) == []
    assert [c.key for c, _f in central.features(free, (cand(free),))] == ["box functions"]
    # An acronym's expansion is never left out.
    assert len(central.features(cut, (cand(cut),), frozenset({"box functions"}))) == 1
