"""Topic names: the subject that sets a group of papers apart, as a reader would name it.

Keywords are scored by class-based TF-IDF (as BERTopic does, with each topic a class): a keyword's
share of the topic's papers that carry it, times ``log(1 + A / f)``, where ``f`` is how many papers
of the whole catalogue carry it and ``A`` the mean number of papers a topic has. The name is the best
scoring keyword that

- at least two of the topic's papers carry (one paper's keyword is no topic's subject),
- is no filler (``generator/keywords/filler.py``: "training", "future research") and starts and ends with
  no stop word,
- and that most of the topic's papers are about: more than half of them carry it or say it in their
  abstract (up to case and plural endings).

When no single keyword covers most papers, two that together do make the name, "X and Y". When no
pair does either, the best single keyword is the name (``name_checks`` reports it).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from generator.keywords import filler
from generator.models import Paper
from generator.relate.related import STOP_WORDS, words
from generator.text.forms import phrase_key

NAME_CANDIDATES = 6


@dataclass(frozen=True)
class Scored:
    key: str
    shown: str
    score: float


def _contains(longer: str, shorter: str) -> bool:
    return f" {shorter} " in f" {longer} "


# Heads that make a two-word phrase a kind of work rather than a subject ("downstream tasks").
_WORK_HEADS = filler.words(
    "task tasks problem problems method methods approach approaches technique techniques setting settings "
    "scenario scenarios application applications"
)


# Modifiers that make a two-word phrase a role in an experiment rather than a subject ("input image").
_ROLE_MODIFIERS = filler.words("input output target source given original test training")


def nameable(key: str) -> bool:
    """A keyword fit to name a topic: no stop word at either end, no filler, not a kind of work
    ("downstream tasks") nor a role ("input image")."""
    parts = key.split()
    return (
        bool(parts)
        and parts[0] not in STOP_WORDS
        and parts[-1] not in STOP_WORDS
        and not filler.is_leftover(key, shared=True)
        and not (len(parts) == 1 and filler.is_generic(key))
        and not (len(parts) == 2 and (parts[1] in _WORK_HEADS or parts[0] in _ROLE_MODIFIERS))
    )


def about(paper: Paper, key: str) -> bool:
    """Whether a paper carries the keyword or says it in its abstract (case and plurals folded)."""
    return Coverage([paper]).of(key) == frozenset([paper.id])


class Coverage:
    """Which of a topic's papers are about a keyword, computed only for the keywords asked about:
    a large topic has thousands of keywords and only its best few are ever candidates for its name."""

    def __init__(self, members: Sequence[Paper]) -> None:
        self.members = members
        self._texts: list[str] | None = None
        self._keys = [{phrase_key(k) for k in p.keywords} for p in members]
        self._memo: dict[str, frozenset[str]] = {}

    def of(self, key: str) -> frozenset[str]:
        if key not in self._memo:
            if self._texts is None:
                self._texts = [f" {' '.join(words(p.text))} " for p in self.members]
            padded = f" {key} "
            self._memo[key] = frozenset(
                p.id
                for p, keys, text in zip(self.members, self._keys, self._texts, strict=True)
                if key in keys or padded in text
            )
        return self._memo[key]


def scored(members: Sequence[Paper], df: Counter[str], mean_size: float) -> list[Scored]:
    """The topic's keywords that two of its papers carry, best (class-based TF-IDF) first."""
    count: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    for paper in members:
        for key, kw in {phrase_key(kw): kw for kw in reversed(paper.keywords)}.items():
            if key:
                count[key] += 1
                forms.setdefault(key, Counter())[kw] += 1
    floor = 2 if len(members) > 1 else 1
    out = []
    for key, n in count.items():
        if n < floor:
            continue
        weight = (n / len(members)) * math.log(1 + mean_size / df[key])
        shown = min(forms[key], key=lambda f: (-forms[key][f], f))
        out.append(Scored(key, shown, weight))
    out.sort(key=lambda s: (-s.score, s.key))
    return out


def _prefer_longer(best: Scored, ranked: list[Scored], cover: Coverage) -> Scored:
    """'large language models' rather than 'language models' when it covers as many papers."""
    longer = [s for s in ranked if _contains(s.key, best.key) and s.key != best.key and nameable(s.key)]
    wide = [s for s in longer if len(cover.of(s.key)) >= len(cover.of(best.key))]
    return max(wide, key=lambda s: (len(cover.of(s.key)), len(s.key), s.key)) if wide else best


def name(members: Sequence[Paper], df: Counter[str], mean_size: float) -> tuple[str, tuple[str, ...]]:
    """(name, the keywords it is made of) for one topic; ('', ()) when no keyword can name it."""
    ranked = [s for s in scored(members, df, mean_size) if nameable(s.key)]
    if not ranked:
        return "", ()
    half = len(members) / 2
    top = ranked[:NAME_CANDIDATES]
    cover = Coverage(members)
    for s in top:
        if len(cover.of(s.key)) > half:
            s = _prefer_longer(s, ranked, cover)
            return _capital(s.shown), (s.shown,)
    pairs = [
        (a, b)
        for a, b in combinations(top, 2)
        if not (_contains(a.key, b.key) or _contains(b.key, a.key))
        and len(cover.of(a.key) | cover.of(b.key)) > half
    ]
    if pairs:
        a, b = max(
            pairs, key=lambda p: (len(cover.of(p[0].key) | cover.of(p[1].key)), p[0].score + p[1].score)
        )
        return f"{_capital(a.shown)} and {b.shown}", (a.shown, b.shown)
    return _capital(ranked[0].shown), (ranked[0].shown,)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def distinctive(members: Sequence[Paper], df: Counter[str], mean_size: float, limit: int) -> tuple[str, ...]:
    """The topic's most telling keywords (shown on its page), none inside another."""
    chosen: list[Scored] = []
    for s in scored(members, df, mean_size):
        if not nameable(s.key) or any(_contains(c.key, s.key) or _contains(s.key, c.key) for c in chosen):
            continue
        chosen.append(s)
        if len(chosen) == limit:
            break
    return tuple(s.shown for s in chosen)


def check(members: Sequence[Paper], keywords: tuple[str, ...]) -> list[str]:
    """What is wrong with a topic's name: '' list when it reads as a subject most papers are about."""
    problems = []
    if not keywords:
        return ["no keyword names it"]
    keys = [phrase_key(k) for k in keywords]
    if any(not nameable(k) for k in keys):
        problems.append("generic")
    cover = Coverage(members)
    covered = {pid for k in keys for pid in cover.of(k)}
    if 2 * len(covered) <= len(members):
        problems.append(f"only {len(covered)} of {len(members)} papers about it")
    return problems
