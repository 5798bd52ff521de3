"""Related papers: TF-IDF over the abstracts' words and noun phrases blended with shared keywords.

The score of a pair is ``(1 - KEYWORD_WEIGHT) * text + KEYWORD_WEIGHT * keywords``:

- ``text`` is the cosine of sublinear TF-IDF vectors of each abstract's content words and its
  noun-phrase terms (``generator/relate/terms.py``: part-of-speech tags, never two words across a
  verb or a phrase boundary), after acronyms defined in the abstract ("Graph Neural Networks (GNNs)")
  are expanded wherever they are used, plural endings are folded and stop words dropped;
- ``keywords`` is the cosine of IDF-weighted vectors of the papers' keywords, so a shared rare
  keyword counts for more than a shared common one.

Both parts live in one sparse matrix whose row dot products are exactly that blend. It is multiplied
by its transpose a chunk of rows at a time and only the best few of each row are kept, so memory
stays bounded by the chunk, never a dense N x N matrix.

Each paper's CANDIDATE_LINKS best matches by that score (from FIRST_MIN_SCORE) are its candidates.
The **shown** links are chosen among them by a learned pair model (``generator/relate/pairmodel.py``:
logistic regression over the pair's cosines in four spaces, mutual rank, the shared specific concepts
and whether both abstracts use them in the same sense; fitted on tune data), with the shared specific
concepts both papers are about as reasons, else "similar wording". A paper left with none says why.

``Paper.similar`` keeps the wider neighbourhood the topics are built from (never shown): any shared
concept (``is_concept``), the best match from FIRST_MIN_SCORE, the others from SIMILAR_MIN_SCORE, at
most MAX_SIMILAR; unchanged, so the topics and their stability do not move with the shown links.

What came before (EVALUATION.md, "Related papers", rounds 2 to 4): the neighbourhood itself, then a
gate on a specific concept central to both (21-36% of dev papers alone, no better to blind readers).
"""

from __future__ import annotations

import base64
import math
import re
import sys
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache, partial

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer

from generator.models import Paper, Related
from generator.relate import pairmodel, specific
from generator.relate.concepts import paper_counts
from generator.relate.pairs import indegrees
from generator.relate.reasons import (
    Catalogue,
    count,
    is_concept,
    shared_keywords,
    shared_terms,
)
from generator.relate.terms import STOP_WORDS, concept_counts
from generator.runtime import cache, parallel
from generator.text.acronyms import expand
from generator.text.acronyms import table as acronym_table
from generator.text.forms import phrase_key, singular

# Candidates: a paper's CANDIDATE_LINKS best matches scoring at least FIRST_MIN_SCORE; the pair model
# (``pairmodel.choose``) shows at most MAX_RELATED of them.
FIRST_MIN_SCORE = 0.015
# The topic graph's neighbourhood (``Paper.similar``, never shown), as links were before: a paper's
# best explained match from FIRST_MIN_SCORE, its others from SIMILAR_MIN_SCORE, up to MAX_SIMILAR.
MAX_SIMILAR = 5
MAX_RELATED = MAX_SIMILAR  # links a paper shows
SIMILAR_MIN_SCORE = 0.08
# Matches looked at per paper: the most likely related paper need not be the best match.
CANDIDATE_LINKS = 20
KEYWORD_WEIGHT = 0.3
# Why a paper has no related paper (shown on its page).
NOTE_ALONE = "it is the only paper in the catalogue"
NOTE_FAR = "no other abstract in the catalogue is close to it (every one scores under {need:.2f})"
NOTE_UNLIKELY = (
    "none of the abstracts closest to it is likely enough to be about the same thing (the pair model "
    "rates every candidate under its bound)"
)
NOTE_UNEXPLAINED = (
    "the abstracts closest to it share no specific concept that both are about (one in both titles "
    "or summaries, or repeated in both abstracts)"
)
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


def title_words(paper: Paper) -> str:
    """The paper's title and one-line summary as padded content words (``words``), with the long
    form of each acronym the abstract defines that they use: what ``specific.is_central`` reads."""
    said = f"{paper.title} . {paper.tldr}"
    found = words(said)
    tokens = set(re.findall(r"[A-Za-z][\w-]*", said))
    for short, long in paper.acronyms:
        if short in tokens:
            found += words(long)
    return f" {' '.join(found)} "


def is_specific(key: str, surface: str, catalogue: Catalogue) -> bool:
    """A concept (``is_concept``: few papers of the catalogue use it) that few ML abstracts use
    (``specific.train_share``)."""
    return is_concept(key, surface, catalogue) and specific.train_share(key, surface) <= specific.TRAIN_SHARE


@dataclass(frozen=True)
class Side:
    """What one paper offers a link: its concepts (key -> as written, times said) and the content
    words of its title and summary."""

    concepts: dict[str, tuple[str, int]]
    title: str


def side(paper: Paper, counts: dict[str, tuple[str, int]]) -> Side:
    """The paper's noun-phrase terms and its keywords (a keyword the terms lack counts as said once)."""
    found = dict(counts)
    for kw in paper.keywords:
        found.setdefault(phrase_key(kw), (kw, 1))
    return Side(found, title_words(paper))


def _central(side: Side, key: str) -> bool:
    surface, said = side.concepts[key]
    return specific.is_central(_spaced_words(surface), said, side.title)


@lru_cache(maxsize=1 << 16)
def _spaced_words(surface: str) -> str:
    """``words`` of a concept as written, joined with spaces (asked for again and again)."""
    return " ".join(words(surface))


def _neighbourhood(
    paper: Paper,
    row: list[Neighbour],
    papers: tuple[Paper, ...],
    own: list[dict[str, str]],
    i: int,
    catalogue: Catalogue,
) -> tuple[Related, ...]:
    """The paper's wider neighbourhood, which the topic graph is built from (never shown): its best
    explained match from FIRST_MIN_SCORE, the others from SIMILAR_MIN_SCORE, each explained by any
    shared concept (``is_concept``)."""
    links: list[Related] = []
    for n in row:
        other = papers[n.index]
        shared = shared_keywords(paper, other, catalogue)
        why = shared_terms(own[i], own[n.index], catalogue) if not shared else ()
        if (shared or why) and (not links or n.score >= SIMILAR_MIN_SCORE):
            links.append(Related(id=other.id, score=n.score, shared=shared, terms=why))
    return tuple(links[:MAX_SIMILAR])


@dataclass(frozen=True)
class Candidates:
    """A catalogue's candidate pairs and what the pair model reads of them (``candidates``)."""

    rows: list[list[Neighbour]]
    counts: list[dict[str, tuple[str, int]]]
    own: list[dict[str, str]]
    sides: list[Side]
    catalogue: Catalogue
    state: pairmodel.Pairing

    def prepare(self) -> None:
        """Compute what every paper's ``features`` read (the pairs' mutual ranks and cosines) once."""
        if "_back" not in self.__dict__:
            back = {(a, n.index): r for a, row in enumerate(self.rows) for r, n in enumerate(row)}
            pairs = [[(n.index, n.score) for n in row] for row in self.rows]
            cos = pairmodel.all_cosines(self.state, pairs)
            object.__setattr__(self, "_back", back)
            object.__setattr__(self, "_cos", cos)
            object.__setattr__(self, "_indegree", indegrees([[n.index for n in row] for row in self.rows]))

    def features(
        self, i: int
    ) -> list[tuple[int, float, dict[str, float], list[tuple[str, str, float, bool, bool]]]]:
        """Paper i's candidates (index, score, pair features, shared specific concepts), best first."""
        self.prepare()
        row = [(n.index, n.score) for n in self.rows[i]]
        return pairmodel.features_of(
            i,
            row,
            self.__dict__["_back"],
            self.__dict__["_cos"],
            self.sides,
            self.catalogue,
            self.state,
            self.__dict__["_indegree"],
        )


def candidates(papers: tuple[Paper, ...]) -> Candidates:
    """Each paper's CANDIDATE_LINKS best matches by the blended score, with the catalogue's concept
    counts and the spaces the pair model reads."""
    order = np.argsort(np.argsort(np.array([p.id for p in papers])))
    counts = list(paper_counts(papers))
    text, keys, phrases = feature_parts(papers, counts)
    rows = list(nearest(blended(text, keys), order, CANDIDATE_LINKS, FIRST_MIN_SCORE))
    own = [{k: s for k, (s, _n) in found.items()} for found in counts]
    catalogue = count(
        (own[i].keys() | {phrase_key(k) for k in p.keywords} for i, p in enumerate(papers)), len(papers)
    )
    sides = [side(p, counts[i]) for i, p in enumerate(papers)]
    state = pairmodel.pairing([p.text for p in papers], text, keys, phrases, order)
    return Candidates(rows, counts, own, sides, catalogue, state)


def learned_links(i: int, found: Candidates, papers: tuple[Paper, ...]) -> tuple[Related, ...]:
    """Paper i's shown links by the pair model (``pairmodel.choose``), each with its reasons
    (``pairmodel.reasons``; none: similar wording)."""
    scored = [
        pairmodel.Candidate(
            j,
            score,
            pairmodel.probability(feats),
            pairmodel.reasons(specifics, i, j, found.state, found.catalogue),
        )
        for j, score, feats, specifics in found.features(i)
    ]
    return tuple(
        Related(id=papers[c.index].id, score=c.score, shared=c.reasons)
        for c in pairmodel.choose(scored, MAX_RELATED)
    )


def related_papers(papers: tuple[Paper, ...]) -> tuple[Paper, ...]:
    """Up to MAX_RELATED related papers per paper, most likely first; never itself.

    The pair model (``pairmodel.py``) rates each paper's CANDIDATE_LINKS best matches; those likely
    enough are shown, with the shared specific concepts both abstracts say in the same sense as
    their reasons. A paper left with no link says why (``Paper.related_note``). ``Paper.similar``
    keeps the wider neighbourhood (any shared concept) that the topics are built from."""
    if len(papers) < 2:
        return tuple(replace(p, related_note=NOTE_ALONE) for p in papers)
    found = candidates(papers)
    found.prepare()  # before the fork: every child reads the same pairs' cosines
    # Each paper's links are a pure function of the candidates: computed in batches on the build's
    # forked copies of this process (runtime/parallel.py), which inherit ``found`` and ``papers``.
    links = parallel.forked_map(partial(_links_of, found, papers), len(papers))
    out: list[Paper] = []
    for i, (paper, row) in enumerate(zip(papers, found.rows, strict=True)):
        similar, shown = links[i]
        note = "" if shown else NOTE_UNLIKELY if row else NOTE_FAR.format(need=FIRST_MIN_SCORE)
        out.append(replace(paper, related=shown, related_note=note, similar=similar))
    return tuple(out)


def _links_of(
    found: Candidates, papers: tuple[Paper, ...], todo: list[int]
) -> list[tuple[tuple[Related, ...], tuple[Related, ...]]]:
    """(neighbourhood, shown links) of each paper of ``todo``."""
    return [
        (
            _neighbourhood(papers[i], found.rows[i], papers, found.own, i, found.catalogue),
            learned_links(i, found, papers),
        )
        for i in todo
    ]
