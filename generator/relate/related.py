"""Related papers: TF-IDF over the cleaned abstracts blended with shared keywords, top-k per row.

The score of a pair is ``(1 - KEYWORD_WEIGHT) * text + KEYWORD_WEIGHT * keywords``:

- ``text`` is the cosine of sublinear TF-IDF vectors of the abstracts' unigrams and bigrams, after
  acronyms defined in the abstract ("Graph Neural Networks (GNNs)") are expanded wherever they are
  used, plural endings are folded ("networks" -> "network") and English stop words are dropped;
- ``keywords`` is the cosine of IDF-weighted vectors of the papers' keywords (plural-folded too), so
  a shared rare keyword counts for more than a shared common one.

Both parts live in one sparse matrix whose row dot products are exactly that blend. It is multiplied
by its transpose a chunk of rows at a time and only the best few of each row are kept, so memory
stays bounded by the chunk, never a dense N x N matrix. See docs/about.md for how MIN_SCORE was chosen.
"""

from __future__ import annotations

import base64
import itertools
import math
import re
import sys
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, HashingVectorizer, TfidfTransformer

from generator.keywords import filler
from generator.keywords.stage import is_key_phrase
from generator.models import Paper, Related
from generator.runtime import cache, parallel
from generator.text.acronyms import expand
from generator.text.acronyms import table as acronym_table
from generator.text.forms import phrase_key, singular

MAX_RELATED = 5
# A pair scoring below this is not shown as related (see docs/about.md: chosen on the seeds, where the
# pairs readers expect score 0.19 and up and unrelated pairs of the same field mostly score under 0.12).
MIN_SCORE = 0.045
KEYWORD_WEIGHT = 0.15
# Shared keywords shown on one link (the longest first; one contained in another is left out).
MAX_SHARED_SHOWN = 4
# A link without a shared keyword is explained by the distinctive terms both abstracts use: words or
# word pairs that at most TERM_MAX_SHARE of the papers (and at least 2) use, no generic word
# (generator/keywords/filler.py), the rarest first. A link that nothing explains is not shown.
TERM_MAX_SHARE = 0.1
TERM_MIN_PAPERS = 30
# ... and a term of the field, not of everyday English: a single word rarer than TERM_ZIPF (Zipf
# frequency, wordfreq), a pair with a word rarer than TERM_WORD_ZIPF ("time series", not "close gap").
TERM_ZIPF = 3.5
TERM_WORD_ZIPF = 4.0
MAX_TERMS_SHOWN = 3
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

# Words that appear in abstracts of every field and say nothing about the subject.
_BOILERPLATE = frozenset(
    re.split(
        r"\s+",
        "paper propose proposed approach approache method methods result show shown demonstrate based "
        "using use used novel new work study existing recent recently however also various different "
        "performance state art achieve achieved present presented provide first furthermore moreover "
        "well significant significantly effective effectively extensive experiment experiments",
    )
)
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | _BOILERPLATE

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


def terms(text: str) -> list[str]:
    """The features of an abstract for similarity: content words and adjacent pairs of them."""
    tokens = words(expand_acronyms(text))
    return tokens + [f"{a} {b}" for a, b in itertools.pairwise(tokens)]


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


def _hashed_rows(texts: list[str]) -> list[list[object]]:
    """Each abstract's row of hashed term counts (``_hasher`` on ``terms``: sorted columns and each
    column's count, as base64 of int32 and uint32: compact in the cache and in memory), in one pass
    of the hasher over the texts. Cached per text, so that a rebuild reads the rows instead of
    tokenising every abstract again."""
    matrix = _hasher().transform(terms(text) for text in texts)
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


def _term_rows(papers: tuple[Paper, ...]) -> Iterator[tuple[bytes, bytes]]:
    """Each abstract's hashed term columns (int32) and counts (uint32), as bytes, from the cache
    (computed here when missing: one hasher pass costs less than starting the term code in the
    pool's workers), one at a time."""
    texts = [p.text for p in papers]
    rows = parallel.icached(
        texts, _terms_key(), TERMS_LABEL, lambda todo: _hashed_rows([texts[i] for i in todo])
    )
    for cols, counts in rows:
        yield base64.b64decode(cols), base64.b64decode(counts)


def text_counts(papers: tuple[Paper, ...]) -> sp.csr_matrix:
    """The hashed term counts of every abstract, one row a paper: ``_hasher().transform`` of their
    ``terms``. Rows are appended to flat arrays (4 bytes an entry, no object per row), which the
    matrix then uses without a copy."""
    columns, values, indptr = array("i"), array("f"), array("q", [0])
    assert columns.itemsize == 4 and values.itemsize == 4
    for cols, counts in _term_rows(papers):
        columns.frombytes(cols)
        values.frombytes(np.frombuffer(counts, dtype=np.uint32).astype(np.float32).tobytes())
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


def feature_matrix(papers: tuple[Paper, ...]) -> sp.csr_matrix:
    """One L2-weighted row per paper whose dot products are the blended similarity."""
    text = _tfidf_of(text_counts(papers))
    keys = _tfidf(sorted({phrase_key(k) for k in p.keywords} - {""}) for p in papers)
    blend = sp.hstack(
        [text * np.float32(math.sqrt(1 - KEYWORD_WEIGHT)), keys * np.float32(math.sqrt(KEYWORD_WEIGHT))]
    )
    return sp.csr_matrix(blend, dtype=np.float32)


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


def shared_keywords(paper: Paper, other: Paper) -> tuple[str, ...]:
    """Keywords of `paper` that `other` also has (up to plural and case), none inside another shown one."""
    theirs = {phrase_key(k) for k in other.keywords}
    shared = [k for k in paper.keywords if phrase_key(k) in theirs]
    shown: list[str] = []
    for kw in sorted(shared, key=lambda k: (-len(k), shared.index(k))):
        if not any(f" {kw} " in f" {longer} " for longer in shown):
            shown.append(kw)
    return tuple(sorted(shown, key=shared.index)[:MAX_SHARED_SHOWN])


def surface_terms(text: str) -> dict[str, str]:
    """The abstract's words and pairs of adjacent words (folded as ``terms`` folds them) with the
    words they stand for, as written in lower case: "time sery" -> "time series"."""
    text = expand_acronyms(text)
    tokens = _TOKEN.findall(_PREFIX.sub(r"\1", _URL.sub(" ", text.lower())))
    out: dict[str, str] = {}
    for i, word in enumerate(tokens):
        if word in STOP_WORDS:
            continue
        out.setdefault(singular(word), word)
        # Pairs only of words next to each other in the text: "time series", not "series [of] sensor".
        if i + 1 < len(tokens) and tokens[i + 1] not in STOP_WORDS:
            out.setdefault(f"{singular(word)} {singular(tokens[i + 1])}", f"{word} {tokens[i + 1]}")
    return out


@lru_cache(maxsize=1 << 17)
def _technical(term: str, surface: str) -> bool:
    """Whether a term (as written: ``surface``) can explain a link: a key phrase (no verb, adverb or
    judgement) of technical words. A pure function of the two strings, asked for again and again
    across the links of a catalogue."""
    words = surface.split()
    return (
        is_key_phrase(tuple(words))
        and min(filler.zipf(w) for w in words) < (TERM_WORD_ZIPF if " " in term else TERM_ZIPF)
        and not filler.is_leftover(surface, shared=True)
    )


def shared_terms(
    mine: dict[str, str], theirs: dict[str, str], df: Counter[str], total: int
) -> tuple[str, ...]:
    """The distinctive terms two abstracts share (``surface_terms`` of each), rarest first: key
    phrases (no verb, adverb or judgement) of technical words, a word left out when a shown pair has it."""
    # In a small catalogue every count is small: the share applies from TERM_MIN_PAPERS papers on.
    limit = max(2, TERM_MAX_SHARE * total) if total >= TERM_MIN_PAPERS else total
    found = sorted(
        (t for t in mine.keys() & theirs.keys() if df[t] <= limit and len(t) > 2 and _technical(t, mine[t])),
        key=lambda t: (df[t], -t.count(" "), t),
    )
    shown: list[str] = []
    for term in found:
        if any(f" {term} " in f" {s} " or f" {s} " in f" {term} " for s in shown):
            continue
        shown.append(term)
        if len(shown) == MAX_TERMS_SHOWN:
            break
    return tuple(mine[t] for t in shown)


def related_papers(papers: tuple[Paper, ...]) -> tuple[Paper, ...]:
    """Up to MAX_RELATED related papers per paper scoring at least MIN_SCORE, best first; never itself.

    Every link says why: the keywords both papers have or, failing that, the distinctive terms both
    abstracts use; a link with neither is dropped."""
    if len(papers) < 2:
        return papers
    order = np.argsort(np.argsort(np.array([p.id for p in papers])))
    rows = [
        [(n, shared_keywords(paper, papers[n.index])) for n in found]
        for paper, found in zip(
            papers, nearest(feature_matrix(papers), order, MAX_RELATED, MIN_SCORE), strict=True
        )
    ]
    # Terms are needed only for the papers of links without a shared keyword, and counted over the
    # catalogue only for the terms those pairs share.
    bare = {i for i, row in enumerate(rows) for n, shared in row if not shared for i in (i, n.index)}
    own = {i: surface_terms(papers[i].text) for i in sorted(bare)}
    wanted = {
        t
        for i, row in enumerate(rows)
        for n, shared in row
        if not shared
        for t in own[i].keys() & own[n.index].keys()
    }
    df: Counter[str] = Counter()
    if wanted:
        # Only a paper with a count in a wanted term's column can have the term: the others are not
        # tokenised again (a column shared by other terms only lets a few more papers through).
        wanted_columns = np.unique(_hasher().transform([sorted(wanted)]).indices)
        for paper, (cols, _counts) in zip(papers, _term_rows(papers), strict=True):
            if np.isin(np.frombuffer(cols, dtype=np.int32), wanted_columns, assume_unique=True).any():
                df.update(set(terms(paper.text)) & wanted)
    out: list[Paper] = []
    for i, (paper, row) in enumerate(zip(papers, rows, strict=True)):
        links = []
        for n, shared in row:
            why = () if shared else shared_terms(own[i], own[n.index], df, len(papers))
            if shared or why:
                links.append(Related(id=papers[n.index].id, score=n.score, shared=shared, terms=why))
        out.append(replace(paper, related=tuple(links)))
    return tuple(out)
