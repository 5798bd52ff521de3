"""Noun-phrase terms of an abstract: the concepts related papers and topics are read from.

``noun_phrases(text)`` is the one function the related-papers stage (its similarity and the reasons
shown on a link) and the topic names read concepts from. It chunks the abstract (acronyms it
defines expanded where used) at stop words and punctuation and keeps every span of up to ``LONGEST``
words that reads as a noun phrase (``generator.keywords.grammar.is_key_phrase``: no verb, adverb or
judgement, not ending in an adjective). When the part-of-speech tagger is in
(``generator/text/tagger.py``), only ``_chunks`` and ``_is_noun_phrase`` change.

A term is keyed as keywords are (``phrase_key``: case, hyphens, the head noun's number), so a term
and a keyword of the same phrase meet; ``Term.surface`` keeps the words as written, a capitalised
word that starts a sentence in lower case ("Markov chain Monte Carlo", "Bayesian", "graph neural
networks").
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from generator.keywords.grammar import is_key_phrase
from generator.models import Paper
from generator.runtime import cache, parallel
from generator.text.acronyms import expand
from generator.text.forms import phrase_key

LONGEST = 4

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

_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'][A-Za-z0-9]+)*|[^\sA-Za-z]")
_SENTENCE_END = frozenset(".!?")


@dataclass(frozen=True)
class Term:
    key: str
    surface: str


def _chunks(text: str) -> list[list[tuple[str, str]]]:
    """Runs of words between stop words and punctuation, each word as (lower case, as shown)."""
    out: list[list[tuple[str, str]]] = []
    run: list[tuple[str, str]] = []
    start = True
    lowered = False  # whether the run's first word was written in lower case for starting a sentence
    for token in _TOKEN.findall(expand(text)):
        lower = token.lower()
        if not lower[0].isalpha() or lower in STOP_WORDS:
            if run:
                out.append(run)
                run = []
            start = token in _SENTENCE_END or (start and not lower[0].isalpha())
            continue
        # "Graph neural networks are..." starts a sentence; "GNNs", "Bayesian" keep their case, and
        # so does a capitalised run: "Graph Neural Networks (GNNs) are...".
        if lowered and len(run) == 1 and token[:1].isupper():
            run[0] = (run[0][0], run[0][0].capitalize())
        lowered = start and token[1:] == lower[1:]
        run.append((lower, lower if lowered else token))
        start = False
    if run:
        out.append(run)
    return out


@lru_cache(maxsize=1 << 18)
def _is_noun_phrase(words: tuple[str, ...]) -> bool:
    if len(words) <= 3:
        return is_key_phrase(words)
    return is_key_phrase(words[-3:]) and is_key_phrase(words[:3])


@lru_cache(maxsize=1 << 18)
def _key(words: tuple[str, ...]) -> str:
    return phrase_key(" ".join(words))


def noun_phrases(text: str) -> list[Term]:
    """Every noun-phrase span of up to LONGEST words in the abstract, in order, repeats included."""
    found: list[Term] = []
    for run in _chunks(text):
        lower = tuple(w for w, _ in run)
        for n in range(1, min(LONGEST, len(run)) + 1):
            for i in range(len(run) - n + 1):
                span = lower[i : i + n]
                if _is_noun_phrase(span):
                    found.append(Term(_key(span), " ".join(s for _, s in run[i : i + n])))
    return found


def concepts(text: str) -> dict[str, str]:
    """The abstract's noun-phrase terms: key -> as first written."""
    out: dict[str, str] = {}
    for term in noun_phrases(text):
        out.setdefault(term.key, term.surface)
    return out


CONCEPTS_LABEL = "concepts"


def paper_concepts(papers: tuple[Paper, ...]) -> Iterator[dict[str, str]]:
    """``concepts`` of each paper's abstract, in order, one at a time, cached per abstract (the
    related-papers stage and the topics both read them; the second reads the cache)."""
    texts = [p.text for p in papers]
    key = cache.stage_key("concepts", sys.modules[__name__], longest=LONGEST)
    rows = parallel.icached(
        texts, key, CONCEPTS_LABEL, lambda todo: [sorted(concepts(texts[i]).items()) for i in todo]
    )
    for row in rows:
        yield dict(row)
