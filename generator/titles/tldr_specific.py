"""How much of what distinguishes its paper a TLDR candidate says (a reader's feature, issue 22).

Blind readers call a third of the TLDRs vague: the summary restates the goal or a content-free
contribution ("We propose a hybrid learning approach.", "A new model for document embedding.") and
leaves out the distinguishing idea a later sentence names. What distinguishes an abstract is
measured, not listed: its **specific words** are the words that can name a thing (nouns,
adjectives, participles and words the tagger's lexicon does not know) it uses at least twice (as
singular forms) that are not generic in ML abstracts (``text/generic``: in at most
``GENERIC_SHARE`` of the SciTLDR train abstracts), and the words of the names it defines
(``text/acronyms``: the acronyms and their long forms). A candidate's specificity is how many
distinct specific words it says (``count``); ``tldr.choose`` prefers a candidate with at least
``tldr.specific_floor()`` of them to one with fewer within a margin set on train (``tldr_tune``).
"""

from __future__ import annotations

import re
from collections import Counter

from generator.text import acronyms
from generator.text.forms import singular
from generator.text.generic import is_generic_word
from generator.titles.tldr_compress import lex_tag

_WORD = re.compile(r"[A-Za-z][A-Za-z\-]+")
_MIN_LENGTH = 3
# Usual parts of speech (tagger lexicon) of words that can name a thing or its kind: nouns,
# adjectives, participles, and words the lexicon does not know (names, coinages).
_NAMING = ("VBG", "VBN", "FW", "")


def _key(word: str) -> str:
    return singular(word.lower())


def _content(word: str) -> bool:
    tag = lex_tag(word)
    naming = tag[:2] in ("NN", "JJ") or tag in _NAMING
    return naming and len(word) >= _MIN_LENGTH and not is_generic_word(word)


def specific_words(text: str, sents: list[str]) -> frozenset[str]:
    """The abstract's specific words (singular, lower case): non-generic content words said at least
    twice, and the words of the acronyms it defines and of their long forms."""
    counts = Counter(_key(w) for s in sents for w in _WORD.findall(s) if _content(w))
    out = {w for w, n in counts.items() if n >= 2}
    for short, long in acronyms.table(text).items():
        out.add(_key(short))
        out |= {_key(w) for w in _WORD.findall(long) if _content(w)}
    return frozenset(out)


def count(candidate: str, specific: frozenset[str]) -> int:
    """How many distinct specific words of its abstract the candidate says."""
    return len({k for w in _WORD.findall(candidate) if (k := _key(w)) in specific})
