"""Features of a candidate pair of papers, for the learned pair model (``pairmodel.py``).

A paper's candidates are its best matches by the blended TF-IDF score (``related.nearest``). For each
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
- ``text_csls``, ``lsa_csls``: the text and LSA cosines with the neighbourhoods' density taken out
  (CSLS, cross-domain similarity local scaling, Conneau et al. 2018): 2 cos(x, y) - r(x) - r(y), where
  r(x) is the mean cosine of x to its HUB_NEIGHBOURS nearest candidates. In a high-dimensional cosine
  space some papers (generic wording, a broad title) are near everything: "hubs" that turn up in many
  unrelated papers' lists. CSLS lowers a pair by how close each paper is to everything else;
- ``indegree``: log(1 + how many papers have the candidate among their HUB_NEIGHBOURS best matches),
  the hub's own count;
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
    "text_csls",
    "lsa_csls",
    "indegree",
)
# Hubness: a paper's density r is its mean cosine to this many nearest candidates, and its in-degree
# the number of papers that have it among their this many best matches.
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


@dataclass(frozen=True)
class Hubness:
    """Each paper's neighbourhood density in the text and LSA spaces (r: the mean cosine to its
    HUB_NEIGHBOURS nearest candidates) and its in-degree (how many papers have it among their
    HUB_NEIGHBOURS best matches), indexed by paper."""

    text: tuple[float, ...]
    lsa: tuple[float, ...]
    indegree: tuple[int, ...]

    def features(self, i: int, j: int, cos: tuple[float, ...]) -> tuple[float, float, float]:
        """(text CSLS, LSA CSLS, log in-degree of j) of the pair (i, j); ``cos``: its cosines."""
        text, _keywords, _phrases, lsa = cos
        return (
            2 * text - self.text[i] - self.text[j],
            2 * lsa - self.lsa[i] - self.lsa[j],
            math.log1p(self.indegree[j]),
        )


def hubness(
    rows: list[list[int]], cos: dict[tuple[int, int], tuple[float, ...]], k: int = HUB_NEIGHBOURS
) -> Hubness:
    """``Hubness`` of a catalogue from its candidate lists (``rows``: each paper's candidates, best
    first) and their ``pair_cosines``. A function of the lists, never of input order."""
    n = len(rows)
    indegree = [0] * n
    text, lsa = [0.0] * n, [0.0] * n
    for i, row in enumerate(rows):
        for j in row[:k]:
            indegree[j] += 1
        if row:
            text[i] = _mean_top([cos[(i, j)][0] for j in row], k)
            lsa[i] = _mean_top([cos[(i, j)][3] for j in row], k)
    return Hubness(tuple(text), tuple(lsa), tuple(indegree))


def _mean_top(values: list[float], k: int) -> float:
    """The mean of the k largest values (rounded: float noise never moves a feature)."""
    top = sorted(values, reverse=True)[:k]
    return round(sum(top) / len(top), 6)


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
    hub: tuple[float, float, float],
) -> dict[str, float]:
    """The features of a candidate pair (names as ``FEATURES``); ``cos``: its ``pair_cosines``,
    ``hub``: its ``Hubness.features``."""
    text, keywords, phrases, lsa = cos
    text_csls, lsa_csls, indegree = hub
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
        "text_csls": round(text_csls, 6),
        "lsa_csls": round(lsa_csls, 6),
        "indegree": round(indegree, 6),
    }
