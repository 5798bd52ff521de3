"""Noun-phrase terms of an abstract: the concepts related papers and topics are read from.

``noun_phrases(text)`` is the one function the related-papers stage (its similarity and the reasons
shown on a link) and the topic names read concepts from. It tags the abstract once, expands the
acronyms it defines at the token level (``text.acronyms.expand_tagged``), takes the noun-phrase runs
of the shared chunker (``generator/text/nounphrases.py``), splits them at stop words and keeps every
span of up to ``LONGEST`` words that ends on a noun and reads as a key phrase
(``generator.keywords.grammar.is_key_phrase``: no verb, adverb or judgement). ``tagged_phrases`` does
the same from sentences already tagged, so the keyword stage computes the terms from its own tags.

A term is keyed as keywords are (``phrase_key``: case, hyphens, the head noun's number), so a term
and a keyword of the same phrase meet; ``Term.surface`` keeps the words as written, a capitalised
word that starts a sentence in lower case ("Markov chain Monte Carlo", "Bayesian", "graph neural
networks").
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from generator.keywords.grammar import URL, is_key_phrase
from generator.text.acronyms import expand_tagged
from generator.text.forms import phrase_key
from generator.text.nounphrases import chunks
from generator.text.tagger import Tagged, tag_sentences
from generator.text.wordlists import KEYWORDS_GRAMMAR_URL_HINTS as URL_HINTS
from generator.text.wordlists import RELATE_TERMS_BOILERPLATE as _BOILERPLATE

LONGEST = 4


def english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop words (``sklearn.feature_extraction.text.ENGLISH_STOP_WORDS``),
    read from the one small module that defines them without importing the ``sklearn`` package: that
    import (scipy.stats with it, about a second of CPU) is of no use to the pool's workers, which
    import this module for the keyword stage and nothing else of scikit-learn. Falls back to the
    import when the module is not where it was."""
    found = importlib.util.find_spec("sklearn")  # a top-level package: found, not imported
    if found is not None and found.origin:
        path = Path(found.origin).parent / "feature_extraction" / "_stop_words.py"
        spec = importlib.util.spec_from_file_location("_generator_sklearn_stop_words", path)
        if path.is_file() and spec is not None and spec.loader is not None:
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            words = getattr(module, "ENGLISH_STOP_WORDS", None)
            if isinstance(words, frozenset) and words:
                return words
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


STOP_WORDS = english_stop_words() | _BOILERPLATE


@dataclass(frozen=True)
class Term:
    key: str
    surface: str


_NAMES = frozenset({"NNP", "NNPS"})


def _chunks(sentences: tuple[Tagged, ...]) -> list[list[tuple[str, str, bool, bool]]]:
    """The noun-phrase runs of the tagged sentences (the shared chunker, ``generator/text/nounphrases.py``),
    split at stop words and at words that start with no letter: each word as (lower case, as shown,
    whether a phrase may end on it, whether it is a gerund). A word that starts a sentence is shown
    in lower case unless it is a name ("Bayesian", "GNNs")."""
    out: list[list[tuple[str, str, bool, bool]]] = []
    for sentence in sentences:
        for chunk in chunks(sentence):
            run: list[tuple[str, str, bool, bool]] = []
            for i, head in chunk:
                token, tag = sentence[i]
                lower = token.lower()
                if lower[:1].isalpha() and lower not in STOP_WORDS:
                    shown = lower if i == 0 and tag not in _NAMES and token[1:] == lower[1:] else token
                    if i == 1 and run and run[0][1] != sentence[0][0] and token[:1].isupper():
                        run[0] = (run[0][0], sentence[0][0], *run[0][2:])  # "Graph Neural Networks ..."
                    run.append((lower, shown, head, tag == "VBG"))
                    continue
                if run:
                    out.append(run)
                    run = []
            if run:
                out.append(run)
    return out


@lru_cache(maxsize=1 << 18)
def _is_noun_phrase(words: tuple[str, ...]) -> bool:
    """The key-phrase rules of the keyword stage (no evaluative word, no generic head...) on the span's
    words; spans longer than those rules take are checked three words at a time."""
    if len(words) <= 3:
        return is_key_phrase(words)
    return all(is_key_phrase(words[i : i + 3]) for i in range(len(words) - 2))


@lru_cache(maxsize=1 << 18)
def _key(words: tuple[str, ...]) -> str:
    return phrase_key(" ".join(words))


def noun_phrases(text: str) -> list[Term]:
    """Every noun-phrase span of up to LONGEST words in the abstract, in order, repeats included."""
    text = without_urls(text)
    return tagged_phrases(expand_tagged(tag_sentences(text), text))


def without_urls(text: str) -> str:
    """The text as the keyword stage tags it: each web address a sentence break."""
    return URL.sub(" . ", text) if any(hint in text for hint in URL_HINTS) else text


def tagged_phrases(sentences: tuple[Tagged, ...]) -> list[Term]:
    """``noun_phrases`` of an abstract already tagged, its acronyms expanded (``expand_tagged``)."""
    found: list[Term] = []
    for run in _chunks(sentences):
        lower = tuple(w[0] for w in run)
        for n in range(1, min(LONGEST, len(run)) + 1):
            for i in range(len(run) - n + 1):
                span = lower[i : i + n]
                # A gerund ends a term after a noun or a modifier ("question answering"), never alone.
                end = run[i + n - 1]
                if end[2] and not (n == 1 and end[3]) and _is_noun_phrase(span):
                    found.append(Term(_key(span), " ".join(w[1] for w in run[i : i + n])))
    return found


def concepts(text: str) -> dict[str, str]:
    """The abstract's noun-phrase terms: key -> as first written."""
    return {key: shown for key, (shown, _n) in concept_counts(text).items()}


def concept_counts(text: str) -> dict[str, tuple[str, int]]:
    """The abstract's noun-phrase terms: key -> (as first written, how many times)."""
    return counts_of(noun_phrases(text))


def counts_of(terms: list[Term]) -> dict[str, tuple[str, int]]:
    """Terms counted: key -> (as first written, how many times)."""
    out: dict[str, tuple[str, int]] = {}
    for term in terms:
        shown, n = out.get(term.key, (term.surface, 0))
        out[term.key] = (shown, n + 1)
    return out
