"""The learned re-ranking of YAKE's noun-phrase candidates beyond the linear model (EVALUATION.md,
"Keywords, fifth session"): the features of the classic supervised keyphrase extractors (KEA and its
successors) that ``central.features`` did not have, and gradient-boosted trees over all features that
correct the linear model's log-odds.

- **Corpus keyphraseness** (``corpus_features``; data ``data/keyphraseness.json.gz``, written by
  ``generator/evaluation/keyword_tune.py`` from the tune data only): of the training documents whose
  candidates include the phrase, the share where it was a keyphrase: ``kp_ml`` on SciTLDR train (all
  its words in the real title or a gold TLDR) and ``kp_gold`` on the keyphrase sets' tune halves (a
  human keyphrase), each smoothed toward the base rate of candidates as long and given as the log of
  its lift over that rate, with how many documents had it (``seen_ml``, ``seen_gold``). A phrase ML
  papers write but never title ("alternate view") has a low ``kp_ml``; a term they title ("mode
  collapse") a high one. Counts of fewer than ``MIN_SEEN`` documents are not used.
- **Spread** (``spread``): the distance between the first and the last mention over the abstract's
  length.
- **Character shape** (``shape_features``): ``odd_shape``, a word that starts in lower case and has a
  capital or a digit inside ("kQlog", "x2"), or a character of a formula (``=^_\\{}|<>``);
  ``short_word``, a word of one or two letters that is no capital acronym ("x", "kq"); ``unseen``, a
  word neither English (Zipf 0) nor any SciTLDR train abstract uses.

The trees (``trees()``, the ``"trees"`` of ``keyphraseness_weights.json``) are evaluated with numpy,
all trees and candidates at once (``tree_margins``); no pickle."""

from __future__ import annotations

import gzip
import json
import math
import re
from functools import cache
from pathlib import Path
from typing import Any

from generator.keywords import corpus, filler
from generator.runtime import trees as trees_

KEYPHRASENESS_PATH = Path(__file__).parent / "data" / "keyphraseness.json.gz"
# A phrase's corpus keyphraseness is used when at least this many training documents had it.
MIN_SEEN = 2
# Pseudo-documents of smoothing toward the source's base rate.
SMOOTHING = 2.0
_FORMULA = re.compile(r"[=^_\\{}|<>]")
_ODD = re.compile(r"^[a-z]+[A-Z0-9]")
EXTRA = (
    "spread", "odd_shape", "short_word", "unseen", "kp_ml", "seen_ml", "kp_gold", "seen_gold",
)  # fmt: skip


@cache
def table() -> dict[str, Any]:
    """``{"prior": {length class: [ml, gold]}, "keys": {key: [seen_ml, hits_ml, seen_gold, hits_gold]}}``."""
    if not KEYPHRASENESS_PATH.is_file():
        return {"prior": {}, "keys": {}}
    with gzip.open(KEYPHRASENESS_PATH, "rt", encoding="utf-8") as handle:
        return json.load(handle)  # type: ignore[no-any-return]


def length_class(key: str) -> str:
    """ "1", "2" or "3": the candidate's words (hyphenated parts apart), three or more as one class."""
    return str(min(len(key.replace("-", " ").split()), 3))


def smoothed(seen: float, hits: float, prior: float) -> tuple[float, float]:
    """(log of the keyphraseness over the base rate, log 1 + documents) of counts; (0, 0) under
    ``MIN_SEEN`` documents. The rate is smoothed toward ``prior``, the base rate of candidates as
    long: a single word is in a title far more often than a phrase, so only the lift over its
    class tells a term from a word of the writing."""
    if seen < MIN_SEEN or prior <= 0.0:
        return 0.0, 0.0
    rate = (hits + SMOOTHING * prior) / (seen + SMOOTHING)
    return math.log(rate / prior), math.log1p(seen)


def corpus_features(key: str, counts: list[float] | None = None) -> dict[str, float]:
    """Corpus keyphraseness of a candidate key; ``counts`` overrides the table's (leave-one-out in
    the tuning script)."""
    data = table()
    prior_ml, prior_gold = data["prior"].get(length_class(key), (0.0, 0.0))
    found = counts if counts is not None else data["keys"].get(key, (0, 0, 0, 0))
    seen_ml, hit_ml, seen_gold, hit_gold = found
    kp_ml, n_ml = smoothed(seen_ml, hit_ml, prior_ml)
    kp_gold, n_gold = smoothed(seen_gold, hit_gold, prior_gold)
    return {"kp_ml": kp_ml, "seen_ml": n_ml, "kp_gold": kp_gold, "seen_gold": n_gold}


def shape_features(text: str) -> dict[str, float]:
    """Character-shape features of a candidate as written (see the module docstring)."""
    words = text.split()
    odd = any(_ODD.match(w) or _FORMULA.search(w) for w in words)
    short = any(len(w) <= 2 and not w.isupper() and w.isalpha() for w in words)
    unseen = any(
        w.isalpha() and filler.zipf(w) == 0 and corpus.word_documents(w) == 0 and not w.isupper()
        for w in words
    )
    return {"odd_shape": float(odd), "short_word": float(short), "unseen": float(unseen)}


def notation(text: str) -> bool:
    """Whether a candidate holds a symbol string of a formula: a word of an odd shape (lower case
    first, then a capital or a digit, "kQlog"; or a formula character) that neither English nor any
    SciTLDR train abstract uses. Said once, such a string is notation, not a name ("word2vec" and
    "fastText" are in the corpus; a coined name is said again)."""
    return any(
        (_ODD.match(w) or _FORMULA.search(w)) and filler.zipf(w) == 0 and corpus.word_documents(w) == 0
        for w in text.split()
    )


def extra_features(
    key: str, text: str, spans: tuple[tuple[int, int], ...], n_tokens: int, counts: list[float] | None = None
) -> dict[str, float]:
    """Every feature of ``EXTRA`` for one candidate."""
    spread = (spans[-1][0] - spans[0][0]) / max(n_tokens, 1) if spans else 0.0
    return {"spread": spread, **shape_features(text), **corpus_features(key, counts)}


@cache
def trees() -> dict[str, Any] | None:
    """The boosted trees as numpy arrays (padded to one node count), or None when there are none."""
    from generator.keywords import central

    if not central.WEIGHTS_PATH.is_file():
        return None
    data = json.loads(central.WEIGHTS_PATH.read_text(encoding="utf-8")).get("trees")
    return packed(data) if data else None


def packed(data: dict[str, Any]) -> dict[str, Any]:
    """JSON trees (``features``, and per tree ``feature``, ``threshold``, ``left``, ``right``, ``value``
    lists; a leaf has feature -1) as padded numpy arrays (``runtime.trees``)."""
    return {
        "features": list(data["features"]),
        "rate": float(data["rate"]),
        "trees": trees_.pack(data["trees"], int(data["depth"])),
    }


def tree_margins(rows: list[dict[str, float]], model: dict[str, Any] | None = None) -> list[float]:
    """The trees' summed log-odds correction for each candidate's features (0 without trees)."""
    model = trees() if model is None else model
    if not model or not rows:
        return [0.0] * len(rows)
    import numpy as np

    # compared as scikit-learn compares (its trees split float32 values)
    x = np.array([[r.get(n, 0.0) for n in model["features"]] for r in rows], dtype=np.float32).astype(
        np.float64
    )
    total = trees_.leaf_sums(model["trees"], x) * model["rate"]
    return [float(v) for v in total]


def lone_word(key: str, rate: float = 0.5, least: int = 10) -> bool:
    """Whether a single lower-case word is a word of the writing more than a term, by corpus
    keyphraseness (``table``: SciTLDR train, a word of the real title or a gold TLDR, and the
    keyphrase tune halves, a human keyphrase): "objective" is a keyphrase in 10 of the 34 documents
    whose candidates include it, "vector" 9 of 27, "classifier" 16 of 49, against "clustering" 18 of
    29, "graph" 68 of 105, "robustness" 35 of 45 (EVALUATION.md, "Keywords, sixth session"): a
    keyphrase in under ``rate`` of them, among at least ``least`` documents."""
    if " " in key or "-" in key:
        return False
    seen_ml, hits_ml, seen_gold, hits_gold = table()["keys"].get(key, (0, 0, 0, 0))
    seen = seen_ml + seen_gold
    return seen >= least and (hits_ml + hits_gold) < rate * seen
