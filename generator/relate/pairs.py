"""Features of a candidate pair of papers, for the learned pair model (``pairmodel.py``).

A paper's candidates are its best matches by the blended TF-IDF score (``space.nearest``). For each
candidate pair the model reads (names as in ``pair_weights.json``):

- ``score``: the blended score the candidates were ranked by;
- ``text``, ``keywords``: its two parts, the cosine of the abstracts' word-and-term TF-IDF and of
  their IDF-weighted keywords;
- ``phrases``: the cosine of sublinear TF-IDF over the abstracts' multi-word noun-phrase terms only;
- ``lsa``: the cosine in a low-rank (LSA, truncated SVD) space fitted on the catalogue's own TF-IDF
  rows, so that two abstracts that say the same thing in other words still meet;
- ``rank``, ``back``: 1 / (1 + the candidate's place in the paper's list), and the same for the paper
  in the candidate's list (0 when absent): whether each is among the other's best matches;
- ``concepts``, ``specific``: how many concepts (``reasons.is_concept``) and specific concepts
  (``related.is_specific``) the two share; ``idf``: the largest catalogue IDF of a shared concept;
  ``rarity``: the largest -log10 of a shared specific concept's share of ML abstracts;
- ``central``: a shared specific concept central to both (title, summary or repeated), ``central1``:
  central to one of them only;
- ``indegree``: log(1 + how many papers have the candidate among their HUB_NEIGHBOURS best matches).
  In a high-dimensional cosine space some papers (generic wording, a broad subject) are near
  everything: "hubs" that turn up in many unrelated papers' lists (hubness, Radovanovic et al. 2010).
  Its weight is fitted on the SciTLDR proxy labels only (``pair_tune``, second stage): there a
  candidate in 30-39 lists is related 16% of the time, one in under 10 lists 38%. (CSLS, the
  cosines less each paper's mean cosine to its neighbours, was tried and not kept: EVALUATION.md,
  "Related papers, round 6".)
- ``context``: the largest agreement of a shared specific concept's contexts: the cosine of the
  IDF-weighted words around its mentions in each abstract (``contexts.agreement``). "Nodes" of a
  layer and nodes of a graph, "cosine" distance and the discrete cosine transform, share a word, not
  its neighbours.

Everything is a function of the catalogue and the pair, never of input order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

FEATURES = (
    "score",
    "text",
    "keywords",
    "phrases",
    "lsa",
    "rank",
    "back",
    "concepts",
    "specific",
    "idf",
    "rarity",
    "central",
    "central1",
    "context",
    "indegree",
)
# Hubness: a paper's in-degree is the number of papers that have it among their this many best matches.
HUB_NEIGHBOURS = 10
# LSA: dimensions of the low-rank space, fitted on at most LSA_FIT_ROWS papers (the first by id:
# the same rows whatever the input order), every paper projected into it.
LSA_DIMENSIONS = 100
LSA_FIT_ROWS = 2000
LSA_BLOCK = 2000


@dataclass(frozen=True)
class Spaces:
    """The catalogue's row vectors, each row L2-normalised: a pair's cosine is a dot product."""

    text: sp.csr_matrix
    keywords: sp.csr_matrix
    phrases: sp.csr_matrix
    lsa: np.ndarray


def _normalised(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)


def lsa_rows(text: sp.csr_matrix, order: np.ndarray, dimensions: int = LSA_DIMENSIONS) -> np.ndarray:
    """Each row's unit vector in the LSA space of ``text`` (rows: papers; ``order``: each row's rank
    by paper id). The space is spanned by the top right singular vectors of the TF-IDF rows of the
    first LSA_FIT_ROWS papers by id, found from the top eigenvectors of their Gram matrix (LAPACK's
    direct ``syevx`` for the top ``dimensions`` only: deterministic, no iteration; the cost grows with
    the fitted rows, never with the hashed vocabulary); every row is projected into it.

    Computed on one BLAS thread: on a busy machine threaded OpenBLAS spins waiting for its threads
    (3.5x the CPU and 4x the wall of one thread, measured in BENCHMARKS.md, "fourth session")."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        return _lsa_rows(text, order, dimensions)


def _lsa_rows(text: sp.csr_matrix, order: np.ndarray, dimensions: int) -> np.ndarray:
    from scipy.linalg import eigh

    n = text.shape[0]
    fit = np.argsort(order, kind="stable")[
        :LSA_FIT_ROWS
    ]  # in id order: the same Gram matrix for any input order
    k = min(dimensions, len(fit) - 2)
    if k < 1:
        return np.zeros((n, 1))
    sample = sp.csr_matrix(text[fit], dtype=np.float64)
    gram = (sample @ sample.T).toarray()
    m = len(fit)
    values, vectors = eigh(gram, subset_by_index=[m - k, m - 1], driver="evx")
    keep = values > 1e-9
    # A row's coordinates are its products with the right singular vectors, sample.T @ v / sqrt(l):
    # computed as (row @ sample.T) @ (v / sqrt(l)), a block of rows at a time, never a vector of the
    # hashed vocabulary's size.
    scaled = vectors[:, keep] / np.sqrt(values[keep])
    blocks = [
        (sp.csr_matrix(text[start : start + LSA_BLOCK], dtype=np.float64) @ sample.T).toarray() @ scaled
        for start in range(0, n, LSA_BLOCK)
    ]
    return _normalised(np.vstack(blocks))


def cosines(matrix: sp.csr_matrix, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """The dot product of rows left[k] and right[k] of ``matrix`` (L2-normalised rows: cosines)."""
    if not len(left):
        return np.zeros(0)
    return np.asarray(matrix[left].multiply(matrix[right]).sum(axis=1), dtype=np.float64).ravel()


def pair_cosines(
    spaces: Spaces, left: np.ndarray, right: np.ndarray
) -> dict[tuple[int, int], tuple[float, ...]]:
    """(text, keywords, phrases, lsa) cosines of each pair (left[k], right[k])."""
    found = [cosines(m, left, right) for m in (spaces.text, spaces.keywords, spaces.phrases)]
    lsa = np.einsum("ij,ij->i", spaces.lsa[left], spaces.lsa[right]) if len(left) else np.zeros(0)
    return {
        (int(a), int(b)): (float(t), float(k), float(p), float(s))
        for a, b, t, k, p, s in zip(left, right, *found, lsa, strict=True)
    }


def indegrees(rows: list[list[int]], k: int = HUB_NEIGHBOURS) -> tuple[int, ...]:
    """How many papers have each paper among their first k candidates (``rows``: each paper's
    candidates, best first). A function of the lists, never of input order."""
    found = [0] * len(rows)
    for row in rows:
        for j in row[:k]:
            found[j] += 1
    return tuple(found)


@dataclass(frozen=True)
class Shared:
    """What two papers share, as the pair model reads it."""

    concepts: int
    specific: tuple[str, ...]  # keys of the shared specific concepts
    idf: float
    rarity: float
    central: bool
    central1: bool
    context: float


def pair_features(
    score: float,
    rank: int,
    back: int | None,
    cos: tuple[float, ...],
    shared: Shared,
    indegree: int,
) -> dict[str, float]:
    """The features of a candidate pair (names as ``FEATURES``); ``cos``: its ``pair_cosines``,
    ``indegree``: the candidate's ``indegrees``."""
    text, keywords, phrases, lsa = cos
    return {
        "score": score,
        "text": round(text, 6),
        "keywords": round(keywords, 6),
        "phrases": round(phrases, 6),
        "lsa": round(lsa, 6),
        "rank": 1.0 / (1 + rank),
        "back": 0.0 if back is None else 1.0 / (1 + back),
        "concepts": math.log1p(shared.concepts),
        "specific": math.log1p(len(shared.specific)),
        "idf": shared.idf,
        "rarity": shared.rarity,
        "central": float(shared.central),
        "central1": float(shared.central1),
        "context": round(shared.context, 6),
        "indegree": round(math.log1p(indegree), 6),
    }
