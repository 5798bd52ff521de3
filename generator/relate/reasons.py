"""The concepts that can explain a link: shared keywords and noun-phrase terms few papers use.

``count`` measures a catalogue (how many papers use each term, and the longer terms holding it);
``is_concept`` says whether a term can explain a link at all (technical, used by few of the
catalogue's papers, no piece of a longer term, no everyday word); ``shared_keywords`` and
``shared_terms`` list the concepts two papers share, rarest first, none overlapping another. The
related-papers stage (``related.py``) and the topic names read them.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from generator.keywords import filler
from generator.keywords.stage import is_key_phrase
from generator.models import Paper
from generator.text.forms import phrase_key

# Shared keywords shown on one link (the longest first; one contained in another is left out).
MAX_SHARED_SHOWN = 4
# A link is explained by the concepts both papers have: shared keywords first, else the noun-phrase
# terms both abstracts use. A concept is used by at most TERM_MAX_SHARE of the papers (and at least
# 2), is no piece of a sentence (generator/keywords/filler.py), no piece of a longer term (most papers
# that use it, NESTED_SHARE, use one longer term holding it: "chain monte carlo"), and a single word
# only when rarer than TERM_ZIPF in general English (wordfreq). A link nothing explains is not shown.
TERM_MAX_SHARE = 0.1
TERM_MIN_PAPERS = 30
TERM_ZIPF = 4.0
NESTED_SHARE = 0.7
MAX_TERMS_SHOWN = 3


@dataclass(frozen=True)
class Catalogue:
    """How many papers use each term asked about, and the one-word-longer terms they sit in."""

    papers: int
    df: Counter[str]
    # (term, longer term that extends it by one word) -> papers with the longer term
    longer: Counter[tuple[str, str]]

    def limit(self) -> float:
        # In a small catalogue every count is small: the share applies from TERM_MIN_PAPERS papers on.
        return max(2, TERM_MAX_SHARE * self.papers) if self.papers >= TERM_MIN_PAPERS else self.papers

    def fragment(self, key: str) -> bool:
        """A piece of a longer term: most papers that use it use one longer term that holds it
        ("chain monte carlo" inside "markov chain monte carlo"; nestedness, as in C-value)."""
        known = self.__dict__.get("_fragments")
        if known is None:
            known = {}
            object.__setattr__(self, "_fragments", known)
        found = known.get(key)
        if found is None:  # a pure function of the key in this catalogue: remembered
            n = self.df[key]
            found = known[key] = n > 0 and any(
                c >= NESTED_SHARE * n for (k, _), c in self._by_key().get(key, ())
            )
        return found

    def _by_key(self) -> dict[str, list[tuple[tuple[str, str], int]]]:
        cached = self.__dict__.get("_index")
        if cached is None:
            cached = {}
            for pair, c in self.longer.items():
                cached.setdefault(pair[0], []).append((pair, c))
            object.__setattr__(self, "_index", cached)
        return cached


def count(found: Iterable[Iterable[str]], papers: int) -> Catalogue:
    """``Catalogue`` of every term of the papers (each paper's terms given once)."""
    df: Counter[str] = Counter()
    longer: Counter[tuple[str, str]] = Counter()
    for keys in found:
        df.update(keys)
        for key in keys:
            parts = key.split(" ")
            if len(parts) > 1:
                longer[(" ".join(parts[1:]), key)] += 1
                longer[(" ".join(parts[:-1]), key)] += 1
    return Catalogue(papers, df, longer)


@lru_cache(maxsize=1 << 17)
def _technical(key: str, surface: str) -> bool:
    """Whether a term can explain a link: a noun phrase that is no piece of a sentence ("future
    work", "open gap"); a single word only when rarer than TERM_ZIPF in general English (wordfreq:
    "verification", not "response")."""
    words = surface.lower().split()
    if len(words) == 1:
        return filler.zipf(words[0]) < TERM_ZIPF and is_key_phrase(tuple(words))
    return is_key_phrase(tuple(words[-3:])) and not filler.is_leftover(" ".join(words), shared=True)


def is_concept(key: str, surface: str, catalogue: Catalogue) -> bool:
    """A term that can explain a link: technical, used by few of the catalogue's papers, and no
    piece of a longer term. A pure function of (key, surface) in a catalogue: remembered on it
    (asked ~430,000 times at 2,000 papers, for ~60,000 distinct terms)."""
    known = catalogue.__dict__.get("_concepts")
    if known is None:
        known = {}
        object.__setattr__(catalogue, "_concepts", known)
    found = known.get((key, surface))
    if found is None:
        found = known[(key, surface)] = (
            len(key) > 2
            and catalogue.df[key] <= catalogue.limit()
            and _technical(key, surface)
            and not catalogue.fragment(key)
        )
    return found


def overlaps(a: str, b: str) -> bool:
    """One term inside the other, or two that share two words in a row ("deep deterministic policy
    gradient", "deterministic policy gradient algorithm")."""
    if f" {a} " in f" {b} " or f" {b} " in f" {a} ":
        return True
    pairs = set(itertools.pairwise(a.split()))
    return any(p in pairs for p in itertools.pairwise(b.split()))


def _best_first(keys: Iterable[str], catalogue: Catalogue) -> list[str]:
    """Rarest first, longer before shorter at equal counts; none inside one already chosen."""
    shown: list[str] = []
    for key in sorted(keys, key=lambda k: (catalogue.df[k], -k.count(" "), k)):
        if not any(overlaps(key, s) for s in shown):
            shown.append(key)
    return shown


def shared_keywords(paper: Paper, other: Paper, catalogue: Catalogue | None = None) -> tuple[str, ...]:
    """Keywords of `paper` that `other` also has (up to plural and case), none inside another shown
    one; with a catalogue, only those that are concepts (``is_concept``)."""
    theirs = {phrase_key(k) for k in other.keywords}
    shared = [k for k in paper.keywords if phrase_key(k) in theirs]
    if catalogue is not None:
        shared = [k for k in shared if is_concept(phrase_key(k), k, catalogue)]
    shared = list({phrase_key(k): k for k in reversed(shared)}.values())[::-1]  # one spelling a key
    shown: list[str] = []
    for kw in sorted(shared, key=lambda k: (-len(k), shared.index(k))):
        if not any(f" {phrase_key(kw)} " in f" {phrase_key(longer)} " for longer in shown):
            shown.append(kw)
    return tuple(sorted(shown, key=shared.index)[:MAX_SHARED_SHOWN])


def shared_terms(mine: dict[str, str], theirs: dict[str, str], catalogue: Catalogue) -> tuple[str, ...]:
    """The concepts two abstracts share (``concepts`` of each), rarest first, as the first wrote them."""
    found = [k for k in mine.keys() & theirs.keys() if is_concept(k, mine[k], catalogue)]
    return tuple(mine[k] for k in _best_first(found, catalogue)[:MAX_TERMS_SHOWN])
