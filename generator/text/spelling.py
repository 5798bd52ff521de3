"""Typos an abstract makes, found against the corpus vocabulary: "didgits" for "digits".

A word is a typo when no vocabulary knows it and exactly one word of ML writing is one edit away.
Precisely: a lower-case alphabetic word of at least ``MIN_LENGTH`` letters that no SciTLDR train
abstract uses (``generic.share`` 0: fewer than 3 of them) and that general English does not know
either (wordfreq's *large* list, Zipf 0: it holds "positron", "codec", "binning", which the small list
lacks), with exactly one neighbour at edit distance 1 (a letter deleted, inserted, replaced or two
letters swapped) that ML abstracts do use (at least 3 SciTLDR train abstracts). The edit must lie
inside the word: not on its first two letters, where prefixes and names differ ("umixup", "icifar"),
nor on its last two, where inflections do ("relus", "logits", "amortizes"), and "s" for "z" is
spelling, not a typo ("binarised"). Measured on SciTLDR train, each abstract against the others
(EVALUATION.md, "Keywords, eighth session"): 12 words, all typos ("capablities", "experiemnt",
"homogenious", "overparamaterized", "unmormalized") but for one hyphenation fragment ("ducing").
"""

from __future__ import annotations

from functools import cache

from wordfreq import zipf_frequency

from generator.text import generic

MIN_LENGTH = 6
# Letters at each end of the word an edit may not touch.
EDGE = 2
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def correction(word: str) -> str | None:
    """The word ML abstracts write where `word` is a typo of it, else None."""
    if len(word) < MIN_LENGTH or not word.isalpha() or not word.islower() or not word.isascii():
        return None
    return _correction(word)


@cache
def _correction(word: str) -> str | None:
    if generic.share(word) > 0:
        return None
    found = {near for near in _neighbours(word) if generic.share(near) > 0}
    if len(found) != 1:
        return None
    # the large list only now: it takes 0.3 s to load, and few words get this far
    if zipf_frequency(word, "en", wordlist="large") > 0:
        return None
    return found.pop()


def _neighbours(word: str) -> set[str]:
    """The strings one edit from `word` (a deletion, transposition, substitution or insertion) whose
    edit leaves the first and last ``EDGE`` letters of `word` alone; no "s"/"z" swaps."""
    out: set[str] = set()
    last = len(word) - EDGE
    for i in range(EDGE, last + 1):
        head, tail = word[:i], word[i:]
        for letter in _LETTERS:
            out.add(head + letter + tail)  # insertion before word[i]
        if i < last:
            out.add(head + tail[1:])  # deletion of word[i]
            for letter in _LETTERS:
                if letter != tail[0] and {letter, tail[0]} != {"s", "z"}:
                    out.add(head + letter + tail[1:])
            if i + 1 < last:
                out.add(head + tail[1] + tail[0] + tail[2:])  # swap of word[i], word[i + 1]
    out.discard(word)
    return out
