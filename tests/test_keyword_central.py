"""The per-abstract weights of keywords/central.py and the sibling and name-case rules of curate."""

from __future__ import annotations

from generator.keywords import central, contexts, corpus, curate, merging
from generator.keywords.curate import Candidate
from generator.keywords.grammar import TOKEN
from generator.keywords.stage import extract


def _cand(text: str, key: str, score: float, abstract: str) -> Candidate:
    tokens = [t.lower() for t in TOKEN.findall(abstract)]
    words = key.split()
    spans = tuple((i, i + len(words)) for i in range(len(tokens)) if tokens[i : i + len(words)] == words)
    return Candidate(text, key, score, spans)


ABSTRACT = (
    "Graph neural networks are widely used (Chen et al., 2018). Prior work studied many tasks, "
    "e.g. visual question answering. In this paper, we propose spectral pruning for graph neural "
    "networks, which removes edges with a Laplacian criterion. Spectral pruning keeps accuracy and "
    "spectral pruning halves memory."
)


def test_cited_surname_is_dropped_and_example_weighs_down() -> None:
    cands = tuple(
        _cand(t, t.lower(), score, ABSTRACT)
        for t, score in (
            ("Chen", 0.05),
            ("visual question answering", 0.05),
            ("spectral pruning", 0.1),
            ("graph neural networks", 0.12),
        )
    )
    out = central.reweigh(ABSTRACT, cands)
    keys = [c.key for c in out]
    assert "chen" not in keys
    # the contribution sentence's phrase, said three times, in the first two (since the fifth session's
    # re-ranking the field it applies to, said in the contribution sentence too, may rank first)
    assert "spectral pruning" in keys[:2]
    assert keys[-1] == "visual question answering"  # only an example


def test_citation_and_example_tokens() -> None:
    tokens = TOKEN.findall(
        "as shown by Kos and Song et al. in (Smith, 2019), e.g. image segmentation, and more"
    )
    incidental, surnames = contexts.incidental_tokens(tokens)
    assert {tokens[i] for i in surnames} == {"Kos", "Song", "Smith"}
    assert {"image", "segmentation"} <= {tokens[i] for i in incidental}
    assert "more" not in {tokens[i] for i in incidental}


def test_fragments_are_dropped() -> None:
    text = "The value of pruning has largely evaded scrutiny. We train the network from scratch often."
    cands = tuple(_cand(k, k, 0.1, text) for k in ("evaded scrutiny", "scratch", "pruning"))
    assert [c.key for c in central.reweigh(text, cands)] == ["pruning"]


def test_generic_phrase_weighs_down_unless_central() -> None:
    assert corpus.phrase_share("training set") > corpus.GENERIC_PHRASE_SHARE
    assert corpus.phrase_share("spectral pruning") < corpus.GENERIC_PHRASE_SHARE
    text = "Background sentence about data. We propose spectral pruning. It uses a training set of images."
    cands = (
        _cand("training set", "training set", 0.1, text),
        _cand("spectral pruning", "spectral pruning", 0.2, text),
    )
    assert [c.key for c in central.reweigh(text, cands)] == ["spectral pruning", "training set"]


def test_siblings_share_a_head_and_most_words() -> None:
    assert merging.same_concept("face images", "facial images")
    assert merging.same_concept("intrinsic dimension", "intrinsic dimension issue")
    assert merging.same_concept("intrinsic dimension", "intrinsic factor dimension")
    assert merging.same_concept("backbone", "backbone networks")
    assert not merging.same_concept("image classification", "image segmentation")
    assert not merging.same_concept("graph pruning", "graph neural networks")
    assert not merging.same_concept("neural networks", "recurrent neural networks")
    assert merging.same_concept("pruning", "network pruning")
    spans = {"face images": ((0, 2),), "facial images": ((5, 7),), "domain shift": ((9, 11),)}
    assert curate._choose(["face images", "facial images", "domain shift"], spans) == [
        "face images",
        "domain shift",
    ]


def test_proper_names_keep_their_capital() -> None:
    assert corpus.name_form("markov") == "Markov"
    assert corpus.name_form("q-learning") == "Q-learning"
    assert corpus.name_form("network") == ""
    assert curate._named("markov decision processes") == "Markov decision processes"
    assert curate._named("BERT model") == "BERT model"


def test_extract_leaves_out_cited_surnames() -> None:
    text = (
        "Kernel methods were revisited recently (Gondim-Ribeiro et al., 2019; Gondim-Ribeiro, 2020). "
        "We propose sparse kernel regression for tabular data. Sparse kernel regression scales to "
        "millions of rows, and sparse kernel regression beats boosting."
    )
    keys = [c.key for c in extract(text).phrases]
    assert not any("gondim" in k for k in keys)
    assert "sparse kernel regression" in keys[:2]


def test_an_acronym_inside_a_keyword_is_spelt_out_before_siblings_are_compared() -> None:
    # The blind reader's near-repeats: "NMT models" and "NMT translations" beside "neural machine
    # translation (NMT)".
    ranked = ["neural machine translation", "nmt model", "nmt translation", "attention head"]
    spans = {"neural machine translation": ((0, 3),), "nmt model": ((5, 7),)}
    spans |= {"nmt translation": ((9, 11),), "attention head": ((12, 14),)}
    spelt = {k: k.replace("nmt", "neural machine translation") for k in ranked}
    assert curate._choose(ranked, spans, spelt=spelt) == ["neural machine translation", "attention head"]
    assert curate._choose(ranked, spans)[:3] == ["neural machine translation", "nmt model", "nmt translation"]
