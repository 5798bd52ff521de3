"""The vector space of abstracts the related papers are found in: what an abstract's features are
(content words with acronyms expanded and plurals folded, plus its noun-phrase terms), their hashed
sublinear TF-IDF rows (cached per abstract), the blend with the keywords' IDF rows, and each
paper's nearest neighbours in it, exact (all pairs a block of rows at a time) or, for large
catalogues, from candidates found by the papers' distinctive terms. ``related`` chooses the shown
links among these neighbours.

The score of a pair is ``(1 - KEYWORD_WEIGHT) * text + KEYWORD_WEIGHT * keywords`` (``blended``).
"""

from __future__ import annotations

import base64
import math
import re
import sys
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer

from generator.models import Paper
from generator.relate.concepts import paper_counts
from generator.relate.terms import STOP_WORDS, concept_counts
from generator.runtime import cache, parallel
from generator.text.acronyms import expand
from generator.text.acronyms import table as acronym_table
from generator.text.forms import phrase_key, singular

KEYWORD_WEIGHT = 0.3
# Rows multiplied at once: bounds the memory of a step whatever the catalogue size.
CHUNK_ROWS = 2000
# Hashed feature space: no vocabulary held in memory; collisions at this size are negligible.
N_FEATURES = 2**20
# Large catalogues (>= APPROXIMATE_FROM papers) find candidates before scoring: each paper looks up
# only its QUERY_TERMS highest-weighted terms, among the terms found in at most CANDIDATE_MAX_DF of
# the papers; its CANDIDATES best matches by those terms are then scored exactly. The all-pairs
# product would cost the sum of squared document frequencies, which common words make quadratic.
APPROXIMATE_FROM = 5000
QUERY_TERMS = 40
CANDIDATES = 40
CANDIDATE_MAX_DF = 0.01
APPROXIMATE_CHUNK_ROWS = 500

_URL = re.compile(r"\S*//\S+")
_PREFIX = re.compile(r"\b(pre|multi|non|co|re|semi|self|sub|cross|bi|post|anti|un|de)-(?=[a-z])")
_TOKEN = re.compile(r"[a-z][a-z0-9]+")


def acronyms(text: str) -> dict[str, str]:
    """Acronyms the text defines, with lower-case long forms: ``{"GNN": "graph neural networks"}``."""
    return {short: long.lower() for short, long in acronym_table(text).items()}


def expand_acronyms(text: str) -> str:
    """The text with every use of an acronym it defines replaced by the long form."""
    return expand(text)


def words(text: str) -> list[str]:
    """Content words of a text, lower-case and plural-folded, in order."""
    text = _PREFIX.sub(r"\1", _URL.sub(" ", text.lower()))
    return [singular(w) for w in _TOKEN.findall(text) if w not in STOP_WORDS]


def terms(text: str, found: dict[str, tuple[str, int]] | None = None) -> list[str]:
    """The features of an abstract for similarity: its content words and its noun-phrase terms
    (``terms.concept_counts``, given as ``found`` when known: never two words across a verb or a
    phrase boundary), each as many times as the abstract says it."""
    tokens = words(expand_acronyms(text))
    seen = set(tokens)
    counts = concept_counts(text) if found is None else found
    return tokens + [k for k, (_s, n) in counts.items() if " " in k or k not in seen for _ in range(n)]


def _identity(doc: list[str]) -> list[str]:
    return doc


def _hasher() -> HashingVectorizer:
    return HashingVectorizer(
        analyzer=_identity, n_features=N_FEATURES, alternate_sign=False, norm=None, dtype=np.float32
    )


def _tfidf_of(counts: sp.csr_matrix) -> sp.csr_matrix:
    return sp.csr_matrix(TfidfTransformer(sublinear_tf=True).fit_transform(counts), dtype=np.float32)


def _tfidf(docs: Iterable[list[str]]) -> sp.csr_matrix:
    """Sublinear TF-IDF of hashed terms; ``docs`` is read once, a document at a time (the terms of
    every abstract at once would be gigabytes of strings at 100,000 papers)."""
    return _tfidf_of(_hasher().transform(docs))


def _hashed_rows(texts: list[str], found: list[dict[str, tuple[str, int]]]) -> list[list[object]]:
    """Each abstract's row of hashed term counts (``_hasher`` on ``terms``: sorted columns and each
    column's count, as base64 of int32 and uint32: compact in the cache and in memory), in one pass
    of the hasher over the texts. Cached per text, so that a rebuild reads the rows instead of
    tokenising every abstract again."""
    matrix = _hasher().transform(terms(text, f) for text, f in zip(texts, found, strict=True))
    rows: list[list[object]] = []
    for r in range(matrix.shape[0]):
        lo, hi = matrix.indptr[r], matrix.indptr[r + 1]
        columns = base64.b64encode(matrix.indices[lo:hi].astype(np.int32).tobytes()).decode("ascii")
        counts = base64.b64encode(matrix.data[lo:hi].astype(np.uint32).tobytes()).decode("ascii")
        rows.append([columns, counts])
    return rows


TERMS_LABEL = "link_terms"


def _terms_key() -> str:
    return cache.stage_key(
        "link-terms", sys.modules[__name__], packages=("scikit-learn",), features=N_FEATURES
    )


def _term_rows(
    papers: tuple[Paper, ...], counts: list[dict[str, tuple[str, int]]] | None = None
) -> Iterator[tuple[bytes, bytes]]:
    """Each abstract's hashed term columns (int32) and counts (uint32), as bytes, from the cache
    (computed here when missing: one hasher pass costs less than starting the term code in the
    pool's workers), one at a time. ``counts``: each paper's ``paper_counts``, when the caller holds
    them already (not read and decoded again)."""
    texts = [p.text for p in papers]

    def compute(todo: list[int]) -> list[list[object]]:
        picked = tuple(papers[i] for i in todo)
        found = [counts[i] for i in todo] if counts is not None else list(paper_counts(picked))
        return _hashed_rows([p.text for p in picked], found)

    rows = parallel.icached(texts, _terms_key(), TERMS_LABEL, compute)
    for cols, values in rows:
        yield base64.b64decode(cols), base64.b64decode(values)


def text_counts(
    papers: tuple[Paper, ...], counts: list[dict[str, tuple[str, int]]] | None = None
) -> sp.csr_matrix:
    """The hashed term counts of every abstract, one row a paper: ``_hasher().transform`` of their
    ``terms``. Rows are appended to flat arrays (4 bytes an entry, no object per row), which the
    matrix then uses without a copy."""
    columns, values, indptr = array("i"), array("f"), array("q", [0])
    assert columns.itemsize == 4 and values.itemsize == 4
    for cols, found in _term_rows(papers, counts):
        columns.frombytes(cols)
        values.frombytes(np.frombuffer(found, dtype=np.uint32).astype(np.float32).tobytes())
        indptr.append(len(columns))
    return sp.csr_matrix(
        (
            np.frombuffer(values, dtype=np.float32) if values else np.zeros(0, np.float32),
            np.frombuffer(columns, dtype=np.int32) if columns else np.zeros(0, np.int32),
            np.frombuffer(indptr, dtype=np.int64),
        ),
        shape=(len(papers), N_FEATURES),
        dtype=np.float32,
    )


def feature_parts(
    papers: tuple[Paper, ...], counts: list[dict[str, tuple[str, int]]] | None = None
) -> tuple[sp.csr_matrix, sp.csr_matrix, sp.csr_matrix]:
    """The L2-normalised TF-IDF rows of each paper's abstract terms (``terms``), its keywords (IDF
    weighted) and, with ``counts`` (``paper_counts``), its multi-word noun-phrase terms alone (else
    an empty matrix)."""
    text = _tfidf_of(text_counts(papers, counts))
    keys = _tfidf(sorted({phrase_key(k) for k in p.keywords} - {""}) for p in papers)
    phrases = (
        _tfidf([k for k, (_s, n) in sorted(c.items()) if " " in k for _ in range(n)] for c in counts)
        if counts is not None
        else sp.csr_matrix((len(papers), N_FEATURES), dtype=np.float32)
    )
    return text, keys, phrases


def blended(text: sp.csr_matrix, keys: sp.csr_matrix) -> sp.csr_matrix:
    """One row per paper whose dot products are the blended similarity."""
    blend = sp.hstack(
        [text * np.float32(math.sqrt(1 - KEYWORD_WEIGHT)), keys * np.float32(math.sqrt(KEYWORD_WEIGHT))]
    )
    return sp.csr_matrix(blend, dtype=np.float32)


def feature_matrix(papers: tuple[Paper, ...]) -> sp.csr_matrix:
    """One L2-weighted row per paper whose dot products are the blended similarity."""
    text, keys, _ = feature_parts(papers)
    return blended(text, keys)


@dataclass(frozen=True)
class Neighbour:
    index: int
    score: float


def nearest(matrix: sp.csr_matrix, order: np.ndarray, k: int, min_score: float) -> Iterator[list[Neighbour]]:
    """For each row, its best k other rows scoring at least min_score, best first.

    Scores are rounded to 4 decimals (as published); equal scores are ordered by `order` (the rank of
    each row's paper id), so the result does not depend on input order or float noise.
    """
    scored = _all_pairs(matrix) if matrix.shape[0] < APPROXIMATE_FROM else _candidates(matrix)
    for i, cols, raw in scored:
        scores = np.round(raw.astype(np.float64), 4)
        keep = (scores >= min_score) & (cols != i)
        cols, scores = cols[keep], scores[keep]
        if len(scores) > k:
            kth = np.partition(scores, len(scores) - k)[len(scores) - k]
            top = scores >= kth
            cols, scores = cols[top], scores[top]
        best = np.lexsort((order[cols], -scores))[:k]
        yield [Neighbour(int(cols[j]), float(scores[j])) for j in best]


Scored = Iterator[tuple[int, np.ndarray, np.ndarray]]


def _all_pairs(matrix: sp.csr_matrix) -> Scored:
    """Every row's scores against all rows, one block of rows at a time."""
    transposed = matrix.T.tocsr()
    for start in range(0, matrix.shape[0], CHUNK_ROWS):
        block = (matrix[start : start + CHUNK_ROWS] @ transposed).tocsr()
        for r in range(block.shape[0]):
            lo, hi = block.indptr[r], block.indptr[r + 1]
            yield start + r, block.indices[lo:hi], block.data[lo:hi]


def _top_per_row(matrix: sp.csr_matrix, limit: int) -> sp.csr_matrix:
    """The matrix with only the `limit` largest entries of each row."""
    rows, cols, vals = [], [], []
    for r in range(matrix.shape[0]):
        lo, hi = matrix.indptr[r], matrix.indptr[r + 1]
        data = matrix.data[lo:hi]
        pick = (
            np.argpartition(data, len(data) - limit)[len(data) - limit :]
            if len(data) > limit
            else slice(None)
        )
        cols.append(matrix.indices[lo:hi][pick])
        vals.append(data[pick])
        rows.append(np.full(len(cols[-1]), r, dtype=np.int32))
    if not rows:
        return matrix
    return sp.csr_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
        shape=matrix.shape,
        dtype=np.float32,
    )


def _candidates(matrix: sp.csr_matrix) -> Scored:
    """Each row's CANDIDATES best rows by its distinctive terms, scored exactly."""
    n = matrix.shape[0]
    # The distinctive terms' entries, columns numbered as in ``matrix``: counted and masked in place,
    # not through a column-major copy of the whole matrix (240 MB at 100,000 papers).
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    mask = (df <= max(2, CANDIDATE_MAX_DF * n))[matrix.indices]
    indptr = np.concatenate([[0], np.cumsum(mask)])[matrix.indptr]
    index = sp.csr_matrix((matrix.data[mask], matrix.indices[mask], indptr), shape=matrix.shape)
    del mask
    query = _top_per_row(index, QUERY_TERMS)
    transposed = index.T.tocsr()
    del index
    for start in range(0, n, APPROXIMATE_CHUNK_ROWS):
        block = (query[start : start + APPROXIMATE_CHUNK_ROWS] @ transposed).tocsr()
        left, right = [], []
        for r in range(block.shape[0]):
            lo, hi = block.indptr[r], block.indptr[r + 1]
            cols, data = block.indices[lo:hi], block.data[lo:hi]
            if len(data) > CANDIDATES:
                cols = cols[np.argpartition(data, len(data) - CANDIDATES)[len(data) - CANDIDATES :]]
            left.append(np.full(len(cols), start + r, dtype=np.int64))
            right.append(np.sort(cols))
        i_all, j_all = np.concatenate(left), np.concatenate(right)
        exact = np.asarray(matrix[i_all].multiply(matrix[j_all]).sum(axis=1)).ravel()
        offsets = np.cumsum([0] + [len(x) for x in left])
        for r in range(len(left)):
            yield start + r, j_all[offsets[r] : offsets[r + 1]], exact[offsets[r] : offsets[r + 1]]
