"""Keyword filler rules (generator/keywords/filler.py), each on small fixtures."""

from generator.keywords import filler
from generator.keywords.stage import curate, extract
from generator.models import Paper, Source


def test_generic_words_are_common_english_words() -> None:
    for word in ("training", "games", "energy", "policies", "tips"):
        assert filler.kind(word) == "generic", word
    for word in ("quantization", "embedding", "sememe", "pruning", "bigrams"):
        assert filler.kind(word) == "", word


def test_a_capitalised_word_is_a_name_never_generic() -> None:
    assert filler.kind("Games") == ""
    assert filler.kind("FATE") == ""


def test_sentence_leftovers() -> None:
    for phrase in (
        "future research",
        "open question",
        "survey paper",
        "absolute improvement",
        "question answering test",
        "benefits foundation models",
        "review of PTMs",
        "test time",
        "sparsely activated LoRA",
        "model parameters",
    ):
        assert filler.kind(phrase) == "leftover", phrase
    for phrase in ("graph neural networks", "open-set domain shift", "knowledge graph embedding"):
        assert filler.kind(phrase) == "", phrase


def test_common_words_make_a_term_when_other_papers_share_it() -> None:
    assert filler.kind("machine learning") == "leftover"
    assert filler.kind("machine learning", shared=True) == ""


def test_near_repeats() -> None:
    assert filler.near_repeat("programming task", "programming problem")
    assert filler.near_repeat("programming", "programming task")
    assert filler.near_repeat("foundation model", "foundation model parameter")
    assert filler.near_repeat("federated learning", "federated learning algorithm")
    assert not filler.near_repeat("knowledge graph", "knowledge graph embedding")
    assert not filler.near_repeat("federated learning", "federated graph learning")


def test_siblings_keep_the_preferred_one_in_the_first_place() -> None:
    shared = {"programming task": 1, "programming problem": 3, "code": 1}
    kept = filler.siblings(["programming task", "code", "programming problem"], lambda k: (-shared[k],))
    assert kept == ["programming problem", "code"]
    assert filler.near_repeats(["programming task", "code", "programming problem"]) == 1


def test_curate_keeps_filler_out_once_a_paper_has_five_keywords() -> None:
    text = (
        "Graph neural networks and message passing networks learn node embeddings on molecular graphs. "
        "Graph neural networks improve training of message passing networks with spectral filters. "
        "Spectral filters, molecular graphs and node embeddings need training and more training. "
        "Future research on attention pooling and attention pooling variants is open."
    )
    papers = (Paper(id="a" * 10, text=text, sources=(Source("x.txt", 1),)),)
    (paper,) = curate(papers, [extract(text)])
    lowered = [k.lower() for k in paper.keywords]
    # Four since the fifth session's round 2: the fifth, "attention pooling" (said in the future-work
    # sentence, below the model's threshold), was shown only in the place of its piece "pooling",
    # which is no candidate any more (a piece of a longer phrase the abstract repeats).
    assert len(lowered) >= 4
    assert "training" not in lowered and "future research" not in lowered
