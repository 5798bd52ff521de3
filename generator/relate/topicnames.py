"""Topic names: the subject that sets a group of papers apart and that most of them are about.

A topic's candidate names are the noun-phrase terms of its papers' abstracts (``terms.noun_phrases``),
scored by class-based TF-IDF (as BERTopic does, each topic a class): the share
of the topic's papers that use the term times ``log(1 + A / f)``, where ``f`` is how many papers of
the catalogue use it and ``A`` the mean number of papers a topic has. A term names the topic only when

- more than half of the topic's papers say it in their abstract (``Vocabulary.about``),
- it sets the topic apart: the topic's papers use it at least ``MIN_LIFT`` times as often as the
  catalogue's papers do (a word used everywhere, "representation" or "inference" in a machine-learning
  catalogue, never does; measured on the catalogue, not listed); in a catalogue too small for that,
  half the most a term can reach (catalogue size / topic size),
- it is fit to be a heading (``nameable``: no filler, no kind of work, no role), and no piece of a
  longer term (``Catalogue.fragment``).

When no term covers most papers, the topic has no name: the community is split into its own
communities, or its papers go to other topics or "Other papers" (``generator/relate/topics.py``). Two
terms that together cover most papers ("X and Y") would name a mixed topic, so no name is made of two.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from generator.keywords import filler
from generator.models import Paper
from generator.relate import related
from generator.relate.concepts import paper_concepts
from generator.relate.terms import STOP_WORDS, concepts
from generator.text.forms import phrase_key
from generator.text.wordlists import RELATE_TOPICNAMES_ROLE_MODIFIERS as _ROLE_MODIFIERS
from generator.text.wordlists import RELATE_TOPICNAMES_WORK_HEADS as _WORK_HEADS

NAME_CANDIDATES = 8
# Chosen on SciTLDR train (EVALUATION.md, "Topics"): at 3, "Deep neural networks" and "Learning
# models" named topics; at 5 the names read as subjects and as many papers keep a named topic.
MIN_LIFT = 5.0
# A single word names a topic only when rarer than this in general English (wordfreq Zipf).
NAME_ZIPF = 3.5


@dataclass(frozen=True)
class Scored:
    key: str
    shown: str
    score: float
    papers: frozenset[str]


def _contains(longer: str, shorter: str) -> bool:
    return f" {shorter} " in f" {longer} "


@lru_cache(maxsize=1 << 16)
def nameable(key: str) -> bool:
    """A term fit to head a topic: no stop word at either end, no filler, not a kind of work
    ("downstream tasks") nor a role ("input image"). A pure function of the key: remembered (asked
    again for every topic of every clustering round)."""
    parts = key.split()
    return (
        bool(parts)
        and parts[0] not in STOP_WORDS
        and parts[-1] not in STOP_WORDS
        and not filler.is_leftover(key, shared=True)
        and not (len(parts) == 1 and filler.zipf(key) >= NAME_ZIPF)
        and not (len(parts) == 2 and (parts[1] in _WORK_HEADS or parts[0] in _ROLE_MODIFIERS))
    )


class Vocabulary:
    """Each paper's terms (the noun-phrase terms of its abstract, keyed), how many papers of the
    catalogue use each, how each is most often written, and which are pieces of longer ones."""

    def __init__(self, papers: Sequence[Paper]) -> None:
        self.terms: dict[str, frozenset[str]] = {}
        self.forms: dict[str, Counter[str]] = {}
        for paper, found in zip(papers, paper_concepts(tuple(papers)), strict=True):
            self.terms[paper.id] = frozenset(k for k in found if k)
            for key, shown in found.items():
                self.forms.setdefault(key, Counter())[shown] += 1
        self.df: Counter[str] = Counter(k for keys in self.terms.values() for k in keys)
        self.papers = len(papers)
        self.catalogue = related.count(self.terms.values(), len(papers))

    def about(self, pid: str, key: str) -> bool:
        return key in self.terms.get(pid, frozenset())

    def shown(self, key: str) -> str:
        forms = self.forms[key]
        return min(forms, key=lambda f: (-forms[f], f))


def scored(members: Sequence[str], vocab: Vocabulary, mean_size: float) -> list[Scored]:
    """The topic's terms that two of its papers use and that set it apart, best first."""
    users: dict[str, set[str]] = {}
    for pid in members:
        for key in vocab.terms[pid]:
            users.setdefault(key, set()).add(pid)
    floor = 2 if len(members) > 1 else 1
    # A term only the topic's papers use has a lift of N / |topic|: a small catalogue asks half that.
    need = min(MIN_LIFT, vocab.papers / len(members) / 2)
    out = []
    for key, who in users.items():
        n = len(who)
        if n < floor:
            continue
        lift = (n / len(members)) / (vocab.df[key] / vocab.papers)
        if lift < need or not nameable(key) or vocab.catalogue.fragment(key):
            continue
        weight = (n / len(members)) * math.log(1 + mean_size / vocab.df[key])
        out.append(Scored(key, vocab.shown(key), weight, frozenset(who)))
    out.sort(key=lambda s: (-s.score, s.key))
    return out


def name(members: Sequence[str], vocab: Vocabulary, mean_size: float) -> tuple[str, tuple[Scored, ...]]:
    """(name, the terms it is made of) for one topic; ('', ()) when no term most papers use sets it apart."""
    ranked = scored(members, vocab, mean_size)
    half = len(members) / 2
    top = ranked[:NAME_CANDIDATES]
    for s in top:
        if len(s.papers) > half:
            longer = [
                o
                for o in ranked
                if _contains(o.key, s.key) and o.key != s.key and len(o.papers) >= len(s.papers)
            ]
            s = max(longer, key=lambda o: (len(o.papers), len(o.key), o.key)) if longer else s
            return _capital(s.shown), (s,)
    return "", ()


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def distinctive(members: Sequence[str], vocab: Vocabulary, mean_size: float, limit: int) -> tuple[str, ...]:
    """The topic's most telling terms (shown on its page), none inside another."""
    chosen: list[Scored] = []
    for s in scored(members, vocab, mean_size):
        if any(_contains(c.key, s.key) or _contains(s.key, c.key) for c in chosen):
            continue
        chosen.append(s)
        if len(chosen) == limit:
            break
    return tuple(s.shown for s in chosen)


def mentions(text: str, key: str) -> bool:
    """Whether an abstract says a term (as a noun phrase, up to case, hyphens and number)."""
    return key in concepts(text)


def check(members: Sequence[Paper], keywords: tuple[str, ...]) -> list[str]:
    """What is wrong with a topic's name: [] when it reads as a subject most papers' abstracts say."""
    if not keywords:
        return ["no term names it"]
    keys = [phrase_key(k) for k in keywords]
    problems = []
    if any(not nameable(k) for k in keys):
        problems.append("generic")
    said = sum(1 for p in members if any(mentions(p.text, k) for k in keys))
    if 2 * said <= len(members):
        problems.append(f"only {said} of {len(members)} abstracts say it")
    return problems
