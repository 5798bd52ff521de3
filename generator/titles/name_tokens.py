"""Where a candidate name may begin and end (split from ``names.py``; seventh session, second
round, retaken in the eighth): a name is a whole token sequence of the text, and a run of
capitalised words that opens its sentence with a function word is a clause, not a name."""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

# A name is a whole token sequence of the text (seventh session, second round): never a piece cut
# out of a word by a letter the token pattern does not take ("Mont" of "Montúfar" when the accent is
# a combining mark, "Poincar" of "Poincaré"); a run of capitalised words is joined by spaces only
# and is not cut out of a compound joined by a slash ("Learned Accept" of "Learned Accept/Reject
# Sampling", "CIFAR-10 SVHN" of "CIFAR-10, SVHN" are no names). A single word beside a slash stays
# one ("SpeedDreams/TORCS": two names of one thing).
BOUNDARIES = True


def joins(ch: str) -> bool:
    """Whether ``ch`` continues a word: a letter, mark or digit of any script, or a spacing accent
    (a modifier symbol: U+00B4 in "Mont\\u00b4ufar")."""
    return bool(ch) and (unicodedata.category(ch)[0] in "LMN" or unicodedata.category(ch) == "Sk")


def whole(text: str, start: int, end: int) -> tuple[bool, bool]:
    """Whether the token at ``text[start:end]`` begins and ends at word boundaries of ``text``: no
    letter, mark or digit touches it."""
    if not BOUNDARIES:
        return True, True
    return not joins(text[start - 1 : start]), not joins(text[end : end + 1])


def slashed(text: str, start: int, end: int) -> bool:
    """Whether a slash joins ``text[start:end]`` to a word on either side ("Accept/Reject")."""
    before, after = text[start - 2 : start], text[end : end + 2]
    return (before[-1:] == "/" and joins(before[:1])) or (after[:1] == "/" and joins(after[1:]))


def joined(text: str, found: list[re.Match[str]], left: bool, right: bool) -> bool:
    """Whether a run of tokens is one whole sequence: whole at both ends, not cut from a slashed
    compound, spaces between its words."""
    if not BOUNDARIES:
        return True
    gaps = (text[a.end() : b.start()] for a, b in pairwise(found))
    return (
        left
        and right
        and not slashed(text, found[0].start(), found[-1].end())
        and all(g.strip() == "" and g for g in gaps)
    )


# A run that opens its sentence with a function word is a clause, not a name: the capital is the
# sentence's ("Although Adam appears to be ...", "However Spectral ..."). Read with the tagger
# (a closed-class tag on the sentence's first word); a noun or adjective there stays ("Soft
# Actor-Critic (SAC) is ...").
CLAUSE_OPENERS = True
_CLOSED_TAGS = frozenset({"IN", "DT", "CC", "RB", "PRP", "PRP$", "WRB", "WDT", "WP", "MD", "TO", "EX"})


def opens_clause(sentence: str, first: str) -> bool:
    """Whether the sentence's first word ``first`` is a function word by the tagger."""
    if not CLAUSE_OPENERS:
        return False
    from generator.text.tagger import tag

    tagged = tag(sentence)
    return bool(tagged) and tagged[0][0] == first and tagged[0][1] in _CLOSED_TAGS
