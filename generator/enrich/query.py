"""Search words the real indexes can match: split as they split text, chosen by corpus statistics.

Both arXiv and OpenAlex index abstracts with Lucene's standard tokenizer (Unicode word boundaries,
UAX #29): "privacy-preserving" is two words there, "privacypreserving" none. So the query words
come from the abstract as written, split the same way (``index_words``), never from the identity
text, which glues hyphenated words together. Both services AND the words of a query, so:

- ``strict_words``: the opening's first distinctive words (``STRICT``), which find the paper when
  the index holds the same abstract;
- ``fallback_words``: the abstract's rarest words (``FALLBACK``), to be ORed and ranked by the
  service's relevance, which still find a version 2 or a retyped abstract with some words changed.

"Distinctive" and "rare" are measured on the catalogue itself (``Rarity``: in how many of its
abstracts a word occurs), not read from a word list. Whatever a query finds is only a candidate:
the local similarity check (``services.match_score`` >= ``ACCEPT``) is the only gate on what is
written.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

# Lucene's standard tokenizer, close enough for abstracts: letters and digits joined by "." or an
# apostrophe stay one word ("e.g", "3.5", "don't"), digits joined by "," too; anything else splits.
_TOKEN = re.compile(r"[^\W_]+(?:(?:[.'\u2019]|(?<=\d),(?=\d))[^\W_]+)*")
# Lucene's English stop words: OpenAlex drops them from queries, so they narrow nothing.
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "if",
        "in",
        "into",
        "is",
        "it",
        "no",
        "not",
        "of",
        "on",
        "or",
        "such",
        "that",
        "the",
        "their",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "will",
        "with",
    ]
)
STRICT = 8  # words ANDed in the first query
FALLBACK = 12  # rarest words ORed in the second
MIN_LENGTH = 4


def index_words(text: str) -> list[str]:
    """The words an index makes of ``text``: Unicode word boundaries, lowercased."""
    return [t.lower() for t in _TOKEN.findall(text)]


def candidates(text: str) -> list[str]:
    """Words worth asking for, in order of appearance, each once: plain ASCII letters only (a word
    with "." or an apostrophe, a number or a symbol may be split differently by another analyser),
    at least ``MIN_LENGTH`` letters, no stop word."""
    seen: dict[str, None] = {}
    for word in index_words(text):
        if len(word) >= MIN_LENGTH and word.isascii() and word.isalpha() and word not in STOP_WORDS:
            seen.setdefault(word, None)
    return list(seen)


@dataclass(frozen=True)
class Rarity:
    """Document frequencies of words over a catalogue's abstracts."""

    papers: int = 0
    df: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, texts: Iterable[str]) -> Rarity:
        counts: Counter[str] = Counter()
        n = 0
        for text in texts:
            n += 1
            counts.update(set(index_words(text)))
        return cls(n, dict(counts))

    def common(self, word: str) -> bool:
        """In more than a quarter of the catalogue's abstracts (at least 3): it narrows too little."""
        return self.df.get(word, 0) > max(3, self.papers / 4)


def strict_words(text: str, rarity: Rarity, count: int = STRICT) -> list[str]:
    """The first ``count`` distinctive words of the abstract, in order."""
    words = [w for w in candidates(text) if not rarity.common(w)]
    return words[:count] if len(words) >= 2 else candidates(text)[:count]


def fallback_words(text: str, rarity: Rarity, count: int = FALLBACK) -> list[str]:
    """The abstract's ``count`` rarest words (fewest abstracts, then longest), in text order."""
    words = candidates(text)
    order = {w: i for i, w in enumerate(words)}
    rarest = sorted(words, key=lambda w: (rarity.df.get(w, 0), -len(w), order[w]))[:count]
    return sorted(rarest, key=order.__getitem__)
