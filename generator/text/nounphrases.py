"""Noun phrases in tagged sentences: the one chunker the keyword stage and the related-papers terms use.

A noun phrase is a run of adjectives, nouns, names and participles used as modifiers ("pre-trained",
"the weighted graph") that ends in a noun or a name (an acronym, a word with inner capitals or digits:
"BERT", "GANSynth", "code2seq"). ``chunks`` returns the maximal runs of one sentence from the
part-of-speech tags (``generator/text/tagger.py``), each word as its position and whether it can end
a phrase: so no phrase read from a run crosses a verb, a preposition or a determiner, or cuts a word
(the tokens are the tagger's, hyphenated words whole). Each stage reads its phrases from the runs
its own way: the keyword stage every span of up to four words that ends in a noun
(``generator/keywords/nounphrases.py``), the related papers' terms the spans that pass the key-phrase
rules, split at stop words (``generator/relate/terms.py``).
"""

from __future__ import annotations

import gzip
import json
from functools import cache, lru_cache
from pathlib import Path

from generator.text.tagger import NOUNS, Tagged

OF_SHARE_PATH = Path(__file__).parent / "data" / "ofshare.json.gz"
# A noun ML abstracts write before "of" in at least this share of its uses needs its complement
# ("range" of X, "lens" of X); "training" of X, "networks" of X do not (``continues``).
RELATIONAL_SHARE = 0.5
ADJECTIVES = frozenset({"JJ", "JJR", "JJS"})
_PARTICIPLES = frozenset({"VBN", "VBG"})
# A participle modifies the next noun when it follows one of these ("the trained model").
_BEFORE_MODIFIER = frozenset({"DT", "PRP$", "POS", "CD", *ADJECTIVES})
# A gerund followed by one of these has an object: a verb ("using deep networks").
_OBJECT_START = frozenset({"DT", "PRP", "PRP$", "CD", "JJ", "JJR", "JJS", "PDT", "WDT", "WP", "EX"})
_NOUN_PHRASE_TAGS = frozenset({*NOUNS, *ADJECTIVES, "VBG", "VBN"})
# A participle after these is a verb ("models trained on", "we trained", "which learned"); before a
# noun elsewhere it modifies it ("study federated learning").
_SUBJECTS = frozenset({*NOUNS, "PRP", "WDT", "WP"})
_HEADS = frozenset({*NOUNS, "VBG"})

# One word of a run: its position in the sentence, and whether a phrase may end on it.
Word = tuple[int, bool]


def named(token: str) -> bool:
    """An acronym or a name with inner capitals or digits: "BERT", "GANSynth", "code2seq", "GPT-2"."""
    letters = [c for c in token if c.isalpha()]
    if len(letters) < 2:
        return False
    return any(c.isupper() for c in token[1:]) or (any(c.isdigit() for c in token) and token[0].isalpha())


def _nominal(sentence: Tagged, index: int) -> bool:
    """A noun, a name, or a gerund used as a noun ("data mining", "dynamic time warping", "for
    clustering."): after a noun or an adjective, or with no object after it."""
    token, tag = sentence[index]
    if tag in NOUNS or (named(token) and not tag.startswith("V")):
        return True
    if tag != "VBG":
        return False
    following = sentence[index + 1][1] if index + 1 < len(sentence) else "."
    if following in _OBJECT_START:
        return False
    previous = sentence[index - 1][1] if index else ""
    return (
        previous in NOUNS or previous in ADJECTIVES or previous == "VBN" or following not in _NOUN_PHRASE_TAGS
    )


@lru_cache(maxsize=20_000)
def chunks(sentence: Tagged) -> tuple[tuple[Word, ...], ...]:
    """Maximal runs of noun-phrase words in one tagged sentence: (position, whether it can end a phrase).
    Remembered: the keyword stage's phrases and terms and the TLDR's pointers chunk the same sentences."""
    return tuple(tuple(run) for run in _chunks(sentence))


def _chunks(sentence: Tagged) -> list[list[Word]]:
    runs: list[list[Word]] = []
    current: list[Word] = []
    for index, (token, tag) in enumerate(sentence):
        previous = sentence[index - 1][1] if index else ""
        if _nominal(sentence, index):
            current.append((index, True))
            continue
        following = sentence[index + 1][1] if index + 1 < len(sentence) else "."
        if (tag in ADJECTIVES and any(c.isalpha() for c in token)) or (
            tag in _PARTICIPLES
            and (
                "-" in token
                or previous in _BEFORE_MODIFIER
                or (previous not in _SUBJECTS and following in _HEADS)
            )
        ):
            current.append((index, False))
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return runs


def continues(sentence: Tagged, end: int) -> bool:
    """Whether a phrase that stops just before position ``end`` of a tagged sentence stops inside its
    noun phrase, so that as a title it reads cut: the next word is a noun or a possessive of its run
    ("pre-trained language" of "... models"); "of" after a noun that needs its complement
    (``relational``: "range" of "range of activation functions", "lens" of "the lens of X"; not
    "training" of "training of deep networks"); or "and" after a "between" that has its first object
    only ("between the embedding layer" of "... and the output layer")."""
    if end >= len(sentence):
        return False
    token, tag = sentence[end]
    if tag in NOUNS or tag == "POS":
        return True
    low = token.lower()
    if low == "of" and tag == "IN":
        return end > 0 and relational(sentence[end - 1][0])
    if low == "and" and tag == "CC":
        before = [w.lower() for w, t in sentence[max(0, end - 8) : end] if t in {"IN", "CC", ","}]
        return bool(before) and before[-1] == "between"
    return False


@cache
def _of_table() -> dict[str, list[int]]:
    with gzip.open(OF_SHARE_PATH, "rt", encoding="utf-8") as handle:
        return json.load(handle)  # type: ignore[no-any-return]


def relational(word: str) -> bool:
    """Whether ML abstracts write `word` before "of" in at least ``RELATIONAL_SHARE`` of its uses
    (SciTLDR train, ``tools/build_ofshare.py``): a noun that needs its complement ("range", "lens",
    "variety"), not one that takes it at will ("training", "networks")."""
    found = _of_table().get(word.lower())
    return bool(found) and found[1] >= RELATIONAL_SHARE * found[0]


@cache
def of_share_digest() -> str:
    """The fingerprint of the "of" counts (stages that end phrases by ``continues`` key on it)."""
    from generator.runtime.cache import file_digest

    return file_digest(OF_SHARE_PATH)
