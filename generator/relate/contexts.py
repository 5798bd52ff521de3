"""Whether two abstracts use a shared concept in the same sense: the agreement of its contexts.

A word or phrase two abstracts share may mean two things ("nodes" of a layer and of a graph; "cosine"
distance and the discrete cosine transform; "reconstruction" of an image and of a signal). Its
neighbours tell them apart: the **context** of a concept in an abstract is the bag of content words
(``space.words``: lower case, plural-folded, no stop words) within WINDOW words of each of its
mentions, the concept's own words left out, each weighted by its IDF over the catalogue. The
**agreement** of two abstracts on a concept is the cosine of its two contexts (0 when either never
says it). This is the distributional answer to word-sense ambiguity, computed from the catalogue
alone.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

WINDOW = 8


def positions(
    tokens: Sequence[str], concept: Sequence[str], index: dict[str, list[int]] | None = None
) -> list[int]:
    """Where the concept's words (``space.words`` of it) start in the abstract's words (``index``:
    the tokens' ``word_index``, when known, so the abstract is not scanned again)."""
    n = len(concept)
    if not n:
        return []
    first = concept[0]
    if index is not None:
        whole = list(concept)
        return [p for p in index.get(first, ()) if n == 1 or list(tokens[p : p + n]) == whole]
    return [p for p, t in enumerate(tokens) if t == first and list(tokens[p : p + n]) == list(concept)]


def word_index(tokens: Sequence[str]) -> dict[str, list[int]]:
    """Each word's positions in the abstract's words, in order."""
    index: dict[str, list[int]] = {}
    for p, t in enumerate(tokens):
        index.setdefault(t, []).append(p)
    return index


def said(tokens: Sequence[str], concept: Sequence[str]) -> bool:
    """Whether the abstract's words contain the concept's words in a row (the text really says it)."""
    return bool(positions(tokens, concept))


def context(
    tokens: Sequence[str],
    concept: Sequence[str],
    idf: dict[str, float],
    index: dict[str, list[int]] | None = None,
) -> dict[str, float]:
    """The IDF-weighted bag of words within WINDOW words of the concept's mentions, without its words
    (``index``: as ``positions``)."""
    own = set(concept)
    bag: Counter[str] = Counter()
    for p in positions(tokens, concept, index):
        around = [*tokens[max(0, p - WINDOW) : p], *tokens[p + len(concept) : p + len(concept) + WINDOW]]
        bag.update(t for t in around if t not in own)
    return {t: c * idf.get(t, 0.0) for t, c in bag.items()}


def agreement(a: dict[str, float], b: dict[str, float]) -> float:
    """The cosine of two contexts (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return agreement_of_norms(a, norm(a), b, norm(b))


def norm(a: dict[str, float]) -> float:
    """A context's Euclidean length, as ``agreement`` computes it."""
    return math.sqrt(sum(v * v for v in a.values()))


def agreement_of_norms(a: dict[str, float], na: float, b: dict[str, float], nb: float) -> float:
    """``agreement`` of two non-empty contexts whose ``norm`` is known. The dot product adds the
    products of the words both hold, in ``a``'s order: the same float as adding a 0.0 for every other
    word of ``a`` (x + 0.0 is x)."""
    dot = sum(v * b[t] for t, v in a.items() if t in b)
    return dot / (na * nb) if na and nb else 0.0


def idf_of(docs: Sequence[Sequence[str]]) -> dict[str, float]:
    """Smoothed IDF of each word over the catalogue's abstracts, 1 + log((1 + N) / (1 + df)) as
    scikit-learn's: a word every abstract uses still counts, a rare one counts more."""
    df: Counter[str] = Counter()
    for tokens in docs:
        df.update(set(tokens))
    n = len(docs)
    return {t: 1.0 + math.log((1 + n) / (1 + c)) for t, c in df.items()}
