"""Word forms: the one plural folding and the one phrase key.

``singular`` is a conservative English singular (models -> model, queries -> query, classes -> class;
analysis, series, physics stay). ``phrase_key`` is what two spellings of one phrase share (case,
hyphens, the head noun's number): keywords, related-paper reasons and topic names compare by it.
``fold_words`` folds every word of a text, for bag-of-words features.
"""

from __future__ import annotations

from functools import lru_cache

from generator.text.wordlists import FORMS_INVARIANT as _INVARIANT


@lru_cache(maxsize=200_000)
def singular(word: str) -> str:
    """A conservative English singular of a lower-case word (models -> model, queries -> query)."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is", "ics", "ous", "'s")):
        return word
    if word in _INVARIANT:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return word[:-2]
    return word[:-1]


@lru_cache(maxsize=1 << 17)  # pure; the same phrases recur across a catalogue's abstracts
def phrase_key(text: str) -> str:
    """The key two spellings of one phrase share: lower case, no hyphens, last word singular."""
    words = text.lower().replace("-", "").replace("\u2019", "'").split()
    if not words:
        return ""
    return " ".join([*words[:-1], singular(words[-1])])
