"""Whether two abstracts use a shared concept in the same sense: the agreement of its contexts.

A word or phrase two abstracts share may mean two things ("nodes" of a layer and of a graph; "cosine"
distance and the discrete cosine transform; "reconstruction" of an image and of a signal). Its
neighbours tell them apart: the **context** of a concept in an abstract is the bag of content words
(``related.words``: lower case, plural-folded, no stop words) within WINDOW words of each of its
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


def positions(tokens: Sequence[str], concept: Sequence[str]) -> list[int]:
    """Where the concept's words (``related.words`` of it) start in the abstract's words."""
    n = len(concept)
    if not n:
        return []
    first = concept[0]
    return [p for p, t in enumerate(tokens) if t == first and list(tokens[p : p + n]) == list(concept)]


def said(tokens: Sequence[str], concept: Sequence[str]) -> bool:
    """Whether the abstract's words contain the concept's words in a row (the text really says it)."""
    return bool(positions(tokens, concept))


def context(tokens: Sequence[str], concept: Sequence[str], idf: dict[str, float]) -> dict[str, float]:
    """The IDF-weighted bag of words within WINDOW words of the concept's mentions, without its words."""
    own = set(concept)
    bag: Counter[str] = Counter()
    for p in positions(tokens, concept):
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
    """``agreement`` of two non-empty contexts whose ``norm`` is known."""
    dot = sum(v * b.get(t, 0.0) for t, v in a.items())
    return dot / (na * nb) if na and nb else 0.0


def idf_of(docs: Sequence[Sequence[str]]) -> dict[str, float]:
    """Smoothed IDF of each word over the catalogue's abstracts, 1 + log((1 + N) / (1 + df)) as
    scikit-learn's: a word every abstract uses still counts, a rare one counts more."""
    df: Counter[str] = Counter()
    for tokens in docs:
        df.update(set(tokens))
    n = len(docs)
    return {t: 1.0 + math.log((1 + n) / (1 + c)) for t, c in df.items()}
