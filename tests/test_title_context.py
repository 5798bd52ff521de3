"""Title candidates read against the TLDR and what governs them (``titles/span_context.py``,
seventh session)."""

from __future__ import annotations

import pytest

from generator.evaluation import title_tune
from generator.titles import span_context, spans

TEXT = (
    "Pruning removes weights from trained networks. "
    "Iterative magnitude pruning is the common baseline. "
    "We propose continuous sparsification, a new approach for pruning deep networks. "
    "Continuous sparsification outperforms iterative magnitude pruning on image classification."
)


def _tagged(words: str) -> list[tuple[str, str]]:
    return [tuple(pair.rsplit("/", 1)) for pair in words.split()]  # type: ignore[misc]


def test_governors_read_the_nearest_verb_and_preposition_of_the_clause() -> None:
    s = _tagged("Our/PRP$ method/NN outperforms/VBZ iterative/JJ magnitude/NN pruning/NN")
    assert span_context.governors(s, 3) == {"gov=outperforms": 1.0, "gin=^": 1.0}
    s = _tagged("It/PRP is/VBZ faster/JJR than/IN iterative/JJ magnitude/NN pruning/NN")
    assert span_context.governors(s, 4) == {"gov=is": 1.0, "gin=than": 1.0}
    # a comma ends the clause: the verb before it governs nothing after it
    # a verb the tagger read as a noun, when the caller says it is one
    s = _tagged("Our/PRP$ method/NN outperforms/NNS iterative/JJ magnitude/NN pruning/NN")
    assert span_context.governors(s, 3) == {"gov=^": 1.0, "gin=^": 1.0}
    assert span_context.governors(s, 3, lambda w: w == "outperforms")["gov=outperforms"] == 1.0
    s = _tagged("We/PRP prune/VBP ,/, iterative/JJ magnitude/NN pruning/NN")
    assert span_context.governors(s, 3) == {"gov=^": 1.0, "gin=^": 1.0}
    assert span_context.governors(s, 0) == {"gov=^": 1.0, "gin=^": 1.0}


def test_agreement_with_the_tldr() -> None:
    said = span_context.stems("We augment continuous sparsification for pruning deep networks")
    view = (frozenset(said), " ".join(said), 2)
    f = span_context.features("continuous sparsification of images", 2, view)
    assert f["tldr_cover"] == pytest.approx(2 / 4)
    assert f["tldr_sent"] == 1.0 and f["in_tldr"] == 0.0
    f = span_context.features("image classification", 3, view)
    assert f["tldr_cover"] == 0.0 and f["tldr_sent"] == 0.0
    # stems: the composed gerund agrees with the summary's verb, and stands inside it
    f = span_context.features("augmenting continuous sparsification", 1, view)
    assert f["tldr_cover"] == 1.0 and f["in_tldr"] == 1.0
    assert span_context.features("deep network", 1, view)["in_tldr"] == 1.0
    assert span_context.features("deep", 1, view)["in_tldr"] == 1.0
    assert span_context.features("eep network", 1, view)["in_tldr"] == 0.0  # whole words only


def test_summary_finds_the_sentence_the_tldr_comes_from(monkeypatch: pytest.MonkeyPatch) -> None:
    span_context.summary.cache_clear()
    monkeypatch.setattr(span_context, "tldr_of", lambda text: "We propose continuous sparsification.")
    sents = tuple(s + "." for s in TEXT.rstrip(".").split(". "))
    words, said, at = span_context.summary(TEXT, sents)
    assert at == 2 and "sparsif" in words and said.startswith("we propos")
    span_context.summary.cache_clear()
    monkeypatch.setattr(span_context, "tldr_of", lambda text: "Something else entirely.")
    assert span_context.summary(TEXT, sents)[2] == -1  # drawn from no sentence
    span_context.summary.cache_clear()


def test_candidates_carry_the_context_and_the_flag_removes_it(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = dict(spans.candidate_spans(TEXT))
    baseline = rows["iterative magnitude pruning on image classification"]
    assert baseline.get("gov=outperforms") == 1.0
    assert baseline["tldr_sent"] == 0.0
    assert any(f.get("tldr_sent") == 1.0 and f["tldr_cover"] > 0.5 for f in rows.values())
    monkeypatch.setattr(spans, "CONTEXT", False)
    rows = dict(spans.candidate_spans(TEXT))
    assert not any(k.startswith(("gov=", "gin=", "tldr_")) for f in rows.values() for k in f)


def test_the_governor_features_are_sparse_for_the_tuner() -> None:
    # seen in fewer than MIN_COUNT candidates, a governing verb gets no weight (noise)
    assert "gov=" in title_tune._SPARSE and "gin=" in title_tune._SPARSE


def test_the_learned_weights_rank_with_the_tldr() -> None:
    w = spans.weights()
    assert w.get("tldr_cover", 0.0) > 0  # what the summary says is what the title names
    assert w.get("gov=outperforms", 0.0) < 0 and w.get("gin=than", 0.0) < 0  # a baseline is not it


def test_a_participle_after_an_auxiliary_and_adverbs_opens_no_span() -> None:
    """ "previous research have only examined deep learning on synthetic noise": "examined" is the
    clause's verb, so "Examined deep learning ..." is no title; the object still is a candidate."""
    s = _tagged("research/NN have/VBP only/RB examined/VBN deep/JJ learning/NN on/IN synthetic/JJ noise/NN")
    found = [" ".join(w for w, _ in s[i:j]) for i, j in spans._spans(s)]
    assert not any(f.startswith("examined") for f in found)
    assert "deep learning on synthetic noise" in found
    s = _tagged("the/DT carefully/RB designed/VBN loss/NN function/NN")
    assert "designed loss function" in [" ".join(w for w, _ in s[i:j]) for i, j in spans._spans(s)]
