"""Typos an abstract makes, found against the corpus vocabulary: "didgits" for "digits".

A word is a typo when no vocabulary knows it and exactly one word of ML writing is one edit away.
Precisely: a lower-case alphabetic word of at least ``MIN_LENGTH`` letters that no SciTLDR train
abstract uses (``generic.share`` 0: fewer than 3 of them) and that general English does not know
either (wordfreq's *large* list, Zipf 0: it holds "positron", "codec", "binning", which the small list
lacks), with exactly one neighbour at edit distance 1 (a letter deleted, inserted, replaced or two
letters swapped) that ML abstracts do use (at least 3 SciTLDR train abstracts); a long word may also be
a typo of a word of general English that ML abstracts rarely use, by a letter left out or two swapped
("discontinous"). The edit must lie inside the word: not on its first two letters, where prefixes and
names differ ("umixup", "icifar"), nor on its last two, where inflections do ("relus", "logits",
"amortizes"), and "s" for "z" is spelling, not a typo ("binarised"). Measured on SciTLDR train, each
abstract against the others (EVALUATION.md, "Keywords, eighth session"): 15 words, all typos
("capablities", "experiemnt", "homogenious", "overparamaterized") but one hyphenation fragment
("ducing"); a real word neither list knows may still pass ("extensile" would read as "extensible"
were an insertion next to the last two letters allowed).
"""

from __future__ import annotations

from functools import cache

from wordfreq import zipf_frequency

from generator.text import generic

MIN_LENGTH = 6
# Longer "words" are no typos (and their neighbours would cost their length squared).
MAX_LENGTH = 30
# Letters at each end of the word an edit may not touch.
EDGE = 2
# A word of at least this length may also be a typo of a word of general English (wordfreq's large
# list, Zipf at least ENGLISH_ZIPF) that ML abstracts rarely use, by a letter left out or two swapped.
ENGLISH_LENGTH = 8
ENGLISH_ZIPF = 2.5
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def correction(word: str) -> str | None:
    """The word ML abstracts write where `word` is a typo of it, else None."""
    if (
        not MIN_LENGTH <= len(word) <= MAX_LENGTH
        or not word.isalpha()
        or not word.islower()
        or not word.isascii()
    ):
        return None
    return _correction(word)


@cache
def _correction(word: str) -> str | None:
    if generic.share(word) > 0:
        return None
    near = _neighbours(word)
    found = {n for n in near if generic.share(n) > 0}
    if len(found) > 1 or (not found and len(word) < ENGLISH_LENGTH):
        return None
    # the large list only now: it takes 0.3 s to load, and few words get this far
    if zipf_frequency(word, "en", wordlist="large") > 0:
        return None
    if len(word) >= ENGLISH_LENGTH:
        # a letter left out or two swapped, of a word general English uses ("discontinous"); a letter
        # too many is more often a real word's derivation ("binarizes" is no typo of "binaries")
        found |= {n for n in near if near[n] and zipf_frequency(n, "en", wordlist="large") >= ENGLISH_ZIPF}
    return found.pop() if len(found) == 1 else None


def _neighbours(word: str) -> dict[str, bool]:
    """The strings one edit from `word` (a deletion, transposition, substitution or insertion) whose
    edit leaves the first and last ``EDGE`` letters of `word` alone (no "s"/"z" swaps), each with
    whether the edit puts back a letter `word` left out or swaps two back."""
    out: dict[str, bool] = {}
    last = len(word) - EDGE
    for i in range(EDGE, last):
        head, tail = word[:i], word[i:]
        for letter in _LETTERS:
            out[head + letter + tail] = True  # insertion before word[i]
        out.setdefault(head + tail[1:], False)  # deletion of word[i]
        for letter in _LETTERS:
            if letter != tail[0] and {letter, tail[0]} != {"s", "z"}:
                out.setdefault(head + letter + tail[1:], False)
        if i + 1 < last:
            out[head + tail[1] + tail[0] + tail[2:]] = True  # swap of word[i], word[i + 1]
    out.pop(word, None)
    return out
