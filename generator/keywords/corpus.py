"""Corpus statistics of ML abstracts that keyword rules read (``data/phrasedf.json.gz``, built by
``tools/build_phrasedf.py`` from the SciTLDR train split only): a phrase's document share, a word's
burstiness (``repeat_share``), the capitalised form ML abstracts write a word in (``name_form``), and
how surely a pair of words is a fixed expression (``fixed_expression``, ``fixed_share``)."""

from __future__ import annotations

import gzip
import json
from functools import cache
from pathlib import Path

from generator.text import generic
from generator.text.forms import phrase_key

PHRASEDF_PATH = Path(__file__).parent / "data" / "phrasedf.json.gz"
# A phrase in more than this share of SciTLDR train abstracts is a phrase of every ML paper.
GENERIC_PHRASE_SHARE = 0.01
# A phrase in more than this share is a word of the whole field ("machine learning", "neural networks"):
# last unless the contribution sentence says it (YAKE scores span orders of magnitude).
FIELD_PHRASE_SHARE = 0.05
FIELD_FACTOR = 1000.0
# A word that follows the same word in this share of the abstracts that use it lives in a fixed expression.
FIXED_SHARE = 0.75


@cache
def _data() -> dict:  # type: ignore[type-arg]
    with gzip.open(PHRASEDF_PATH, "rt", encoding="utf-8") as handle:
        return json.load(handle)  # type: ignore[no-any-return]


@cache
def _table() -> tuple[int, dict[str, int], dict[str, str]]:
    data = _data()
    return data["documents"], data["df"], data["names"]


def repeat_share(word: str) -> float | None:
    """Of the SciTLDR train abstracts that use `word` (at least 5), the share that say it twice or more;
    None with less evidence. A word of a topic comes back within its abstract ("graph" 0.64,
    "robustness" 0.40), a word of the writing around it does not ("in-depth" 0.0, "mathematical" 0.0,
    "modification" 0.05): the within-document burstiness of Church and Gale (1995)."""
    found = _data().get("repeats", {}).get(phrase_key(word))
    return found[1] / found[0] if found else None


def word_documents(word: str) -> int:
    """How many SciTLDR train abstracts use the word in any form (keyword key: "patches" as "patch"),
    0 when fewer than 5."""
    found = _data().get("repeats", {}).get(phrase_key(word))
    return found[0] if found else 0


def phrase_share(key: str) -> float:
    """The share of SciTLDR train abstracts that use the phrase (two or three words, lower case)."""
    documents, df, _names = _table()
    return df.get(key.lower(), 0) / documents


def name_form(word: str) -> str:
    """The capitalised form ML abstracts write `word` in inside sentences, or '' if they write it in
    lower case ("markov" -> "Markov", "q-learning" -> "Q-learning"; "network" -> '')."""
    return _table()[2].get(word.lower(), "")


def fixed_expression(first: str, second: str, cut: str = "") -> bool:
    """Whether the word `cut` (by default `second`) is nearly always written in the pair "first second"
    ("de novo", "from scratch", "Nash equilibrium"): a keyword that keeps `cut` and leaves out the
    other word is a piece of a fixed expression."""
    _documents, df, _names = _table()
    pair = df.get(f"{first.lower()} {second.lower()}", 0)
    alone = generic.share(cut or second) * generic.documents()
    return pair >= 3 and alone > 0 and pair >= FIXED_SHARE * alone


def fixed_share(lowered: list[str], spans: tuple[tuple[int, int], ...]) -> float:
    """How surely the phrase cuts a fixed expression at its edges, least over its occurrences: the
    share of SciTLDR train abstracts using its first word that write it after the word before it here
    ("black" before "box"), or its last word before the word after it, or (two words or more) that
    write its first two words after the word before ("gradient descent" after "stochastic") or its last
    two before the word after; 0 at a sentence's punctuation
    or next to a word of most abstracts ("the", "deep": "deep neural networks" cuts no name)."""
    if not spans:
        return 0.0
    _documents, df, _names = _table()
    least = 1.0
    for start, end in spans:
        share = 0.0
        for first, second, cut in (
            (lowered[start - 1] if start else "", lowered[start], lowered[start]),
            (lowered[end - 1], lowered[end] if end < len(lowered) else "", lowered[end - 1]),
        ):
            other = first if cut == second else second
            if first[:1].isalpha() and second[:1].isalpha() and not generic.is_generic_word(other):
                alone = generic.share(cut) * generic.documents()
                if alone > 0:
                    share = max(share, min(1.0, df.get(f"{first} {second}", 0) / alone))
        if end - start >= 2:
            # The phrase's first (last) two words after (before) the word beside them here, against
            # the two words anywhere: "gradient descent" after "stochastic" (44 of 88 abstracts).
            for outer, pair, triple in (
                (lowered[start - 1] if start else "", lowered[start : start + 2], True),
                (lowered[end] if end < len(lowered) else "", lowered[end - 2 : end], False),
            ):
                if outer[:1].isalpha() and not generic.is_generic_word(outer):
                    inner = df.get(" ".join(pair), 0)
                    words = [outer, *pair] if triple else [*pair, outer]
                    if inner >= 3:
                        share = max(share, min(1.0, df.get(" ".join(words), 0) / inner))
        least = min(least, share)
    return least


def verb_documents(word: str, before: tuple[str, ...]) -> int:
    """How many SciTLDR train abstracts write `word` right after one of the words `before` (a subject
    or a modal: "we complement", "can model"), summed over those words: evidence that it is a verb."""
    _documents, df, _names = _table()
    low = word.lower()
    return sum(df.get(f"{b} {low}", 0) for b in before)


RESULTS_PATH = Path(__file__).parent / "data" / "results.json.gz"
# How many abstracts of its own a phrase's figure counts as; the rest comes from its head word's.
RESULTS_PRIOR = 5.0
# A key fewer abstracts use has no figure of its own.
RESULTS_MIN_DOCS = 5


@cache
def _results() -> tuple[float, dict[str, list[int]]]:
    if not RESULTS_PATH.is_file():
        return 0.0, {}
    with gzip.open(RESULTS_PATH, "rt", encoding="utf-8") as handle:
        data = json.load(handle)
    return float(data["base"]), data["keys"]


def results_share(key: str) -> float | None:
    """Of the SciTLDR train abstracts that use the key, the share that say it only after their
    contribution and first own-work sentences, where results and set-up are reported
    (``tools/build_results.py``): evaluation vocabulary lives there ("accuracy" 0.63, "fidelity" 0.57,
    "reconstruction quality" 0.82), what a paper is about much less ("meta-learning" 0.21); None for a
    key fewer than ``RESULTS_MIN_DOCS`` abstracts use (no evidence of its own). Smoothed towards the
    head word's share (a phrase) or the share over all words (a word) with ``RESULTS_PRIOR``
    pseudo-abstracts."""
    base, keys = _results()
    key = phrase_key(key)
    words = key.split()
    own = keys.get(key, [0, 0])
    if not words or own[0] < RESULTS_MIN_DOCS:
        return None
    head = keys.get(words[-1], [0, 0])
    prior = (head[1] + RESULTS_PRIOR * base) / (head[0] + RESULTS_PRIOR)
    if len(words) == 1:
        return (own[1] + RESULTS_PRIOR * base) / (own[0] + RESULTS_PRIOR)
    return (own[1] + RESULTS_PRIOR * prior) / (own[0] + RESULTS_PRIOR)


def continued_share(short: str, long: str) -> float:
    """Of the SciTLDR train abstracts that write the phrase `short` (two or three words, a keyword key,
    singular or plural as written), the share that write `long`, the phrase with a word after it
    (66% of those with "gaussian mixture" write "gaussian mixture model(s)"); 0 for a phrase fewer
    than 3 abstracts use (no evidence)."""
    df = _table()[1]
    base = df.get(short, 0) + df.get(f"{short}s", 0)
    if base < 3:
        return 0.0
    return min(1.0, (df.get(long, 0) + df.get(f"{long}s", 0)) / base)
