"""What a pair's likeness rests on: terms papers are about, or the setting they are evaluated in.

Some words and terms an abstract uses say what the paper is about ("knowledge distillation", "mode
collapse"); others only the setting it is evaluated or written in ("top-1 accuracy", "Inception
score", "et al.", "real world", "GPU memory", "benchmark"). A corpus statistic tells them apart: of
the SciTLDR **train** abstracts that use a feature (a content word or noun-phrase term as the text
rows hold them, ``space.terms``), the share whose real title or gold TLDR also says it, against the
base rate of its class (words, phrases). ``tools/build_aboutness.py`` writes the table
(``data/aboutness.json.gz``); a feature's **weight** is its smoothed rate over the base rate, at most
1 (SMOOTHING pseudo-documents at the base rate), so only setting terms are weighed down and a feature
the table lacks weighs 1.

A pair's **aboutness** is the share of its text cosine (the dot product of the two L2-normalised
TF-IDF rows) that is left when each shared feature's product is multiplied by its weight: near 1
when the two abstracts meet on what they are about, lower when they meet on how they are evaluated.
``pairmodel.choose`` reads it for a paper's weak lone link (EVALUATION.md, "Related papers, ninth
session").
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

import numpy as np
import scipy.sparse as sp

ABOUTNESS_PATH = Path(__file__).parent / "data" / "aboutness.json.gz"
# Pseudo-documents at the class's base rate added to each feature's counts.
SMOOTHING = 5.0
DECIMALS = 6


@cache
def table() -> dict:
    """``{"documents", "prior": {"word", "phrase"}, "features": {feature: [used, said]}}``."""
    if not ABOUTNESS_PATH.is_file():
        return {"documents": 0, "prior": {}, "features": {}}
    with gzip.open(ABOUTNESS_PATH, "rt", encoding="utf-8") as handle:
        return json.load(handle)  # type: ignore[no-any-return]


def weight(feature: str, data: dict | None = None) -> float:
    """The feature's smoothed title-or-TLDR rate over its class's base rate, at most 1."""
    data = table() if data is None else data
    found = data["features"].get(feature)
    prior = data["prior"].get("phrase" if " " in feature else "word", 0.0)
    if not found or prior <= 0.0:
        return 1.0
    used, said = found
    return min(1.0, (said + SMOOTHING * prior) / (used + SMOOTHING) / prior)


@cache
def column_weights() -> np.ndarray:
    """Each hashed column's weight (``space._hasher``'s columns; 1 where no feature of the table falls)."""
    from generator.relate.space import N_FEATURES, _hasher

    weights = np.ones(N_FEATURES, dtype=np.float64)
    features = sorted(table()["features"])
    if features:
        matrix = _hasher().transform([[f] for f in features])
        for k, feature in enumerate(features):
            lo, hi = matrix.indptr[k], matrix.indptr[k + 1]
            if hi > lo:
                column = matrix.indices[lo]
                weights[column] = min(weights[column], weight(feature))
    return weights


def pair_aboutness(text: sp.csr_matrix, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Each pair's (left[k], right[k]) weighted share of its text cosine (1 when the cosine is 0)."""
    if not len(left):
        return np.zeros(0)
    a = sp.csr_matrix(text[left], dtype=np.float64).multiply(sp.csr_matrix(text[right], dtype=np.float64))
    a = sp.csr_matrix(a)
    plain = np.asarray(a.sum(axis=1)).ravel()
    a.data *= column_weights()[a.indices]
    weighted = np.asarray(a.sum(axis=1)).ravel()
    share = np.divide(weighted, plain, out=np.ones_like(plain), where=plain > 0)
    return np.round(share, DECIMALS)


def said_by(short: str) -> Callable[[str], bool]:
    """Whether a short text (a title and TLDR) says a feature: among its own ``space.terms`` or its
    content words in a row (what ``tools/build_aboutness.py`` counts)."""
    from generator.relate.space import terms, words

    own = set(terms(short))
    padded = f" {' '.join(words(short))} "
    return lambda feature: feature in own or f" {' '.join(words(feature))} " in padded
