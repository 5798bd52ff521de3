"""Span completeness (fifth session, round 2): a title span is a whole phrase of its sentence, read
from the tagger and from SciTLDR train's usage, never a piece of a larger phrase.

- It opens where its noun group opens (``inside_group``): not on a noun stripped of its modifiers or
  quantifier ("cost of" of "the computational cost of", "step for a model" of "each training step
  for a model"); adjectives may be left behind when the span's own group keeps two words ("deep
  neural networks" of "modern deep neural networks": real titles drop such adjectives, train 5-fold
  says), and so may the paper's praise of itself and an article.
- It opens on no piece of a multi-word preposition (``fixed_preposition``: "spite" of "in spite
  of"), a noun that train abstracts use in the frame "<preposition> noun <preposition>" in at least
  ``FIXED_SHARE`` of its noun uses (``tools/build_fixed_prepositions.py`` counts them).
- It ends on no modifier the tagger read as a noun (``modifier_word``: "... across multimodal"; a
  word train uses as a noun phrase's head in under ``HEAD_SHARE`` of its uses, ``text/heads.py``)
  and on no first half of a suspended hyphen (``hyphen_suspended``: "from parameter- to
  measurement-space").
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

from generator.text import heads
from generator.titles import contribution

COMPLETE_START = True  # a span opens where its noun group opens (``inside_group``)
KEEP_ADJECTIVES = True  # ... but may leave its group's adjectives behind when two words remain
COMPLETE_END = True  # a span ends on no modifier and before no suspended hyphen
FIXED_SHARE = 0.5
FIXED_PATH = Path(__file__).parent / "data" / "fixed_prepositions.json"
HEAD_SHARE = 0.1  # as ``spans.VERB_HEAD_SHARE``: "multimodal" 0.09 of its uses a head
_NOUNS = frozenset({"NN", "NNS", "NNP", "NNPS"})
_MODIFIED = frozenset({"JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "VBG", "VBN", "CD", "FW"})
_ARTICLES = frozenset({"a", "an", "the"})
_HYPHENS = frozenset({"-", "\u2010", "\u2011"})


def fixed_frame(sentence: list[tuple[str, str]], index: int) -> bool:
    """Is the word at ``index`` in the frame of a multi-word preposition: right after a preposition
    and right before a preposition or "to" ("in *spite* of", "with *respect* to")?"""
    return (
        0 < index < len(sentence) - 1
        and sentence[index - 1][1] == "IN"
        and sentence[index + 1][1] in {"IN", "TO"}
    )


@cache
def _fixed_table() -> dict[str, list[int]]:  # word -> [noun uses, frame uses]
    if not FIXED_PATH.is_file():
        return {}
    return json.loads(FIXED_PATH.read_text(encoding="utf-8"))["words"]


def fixed_preposition(sentence: list[tuple[str, str]], index: int) -> bool:
    """Is the noun at ``index`` a piece of a multi-word preposition ("spite" of "in spite of"): in its
    frame here, and so used in at least ``FIXED_SHARE`` of its noun uses in SciTLDR train?"""
    if not fixed_frame(sentence, index):
        return False
    uses, frames = _fixed_table().get(sentence[index][0].lower(), (0, 0))
    return bool(uses) and frames / uses >= FIXED_SHARE


def inside_group(
    tagged: list[tuple[str, str]], i: int, verb: Callable[[str, bool], bool] | None = None
) -> bool:
    """Does a span at ``i`` open inside a noun group, its modifiers or quantifier left behind ("cost
    of" of "the computational cost of", "step for" of "each training step for")? The words before it
    back to the group's start are modifiers (adjective, noun, number, participle, gerund) or a
    quantifier (a determiner other than an article), or the second of two coordinated adjectives; the
    paper's praise of itself ("a novel X") and an article may be left."""
    k = i - 1
    while k >= 0 and tagged[k][0].lower() in contribution.SELF_PRAISE:
        k -= 1
    if k < 0:
        return False
    word, tag = tagged[k][0].lower(), tagged[k][1]
    # a verb the tagger called a noun ends the group before ("training *decreases* robustness"):
    # ``verb`` is ``spans._misread_verb``
    if verb is not None and tag in {"NN", "NNS"} and verb(tagged[k][0], k == 0):
        return False
    # a name in capitals opens its own group after a lower-case word ("we term Progressive ...")
    if tagged[i][0][:1].isupper() and not tagged[k][0][:1].isupper():
        return False
    # an adjective may be left when the span's own noun group keeps two words or more ("deep neural
    # networks" of "modern deep neural networks"), never its bare head ("cost of" of "the
    # computational cost of")
    if KEEP_ADJECTIVES and tag in {"JJ", "JJR", "JJS", "VBN"}:
        return not (i + 1 < len(tagged) and tagged[i + 1][1] in _MODIFIED)
    if tag in _MODIFIED and not (tag == "VBG" and k and tagged[k - 1][1] in _NOUNS):
        # a name in capitals before a lower-case group may be left: the title shows it before its
        # colon and the description may not repeat it ("RBFI: networks of RBFI units"; requiring it
        # cost 2 of dev's 78 kept names and 0.0005 of train 5-fold word F1)
        return not (tag.startswith("NNP") and tagged[k][0][:1].isupper() and not tagged[i][0][:1].isupper())
    # the second of two coordinated adjectives ("recurrent networks" of "convolutional and recurrent
    # networks", "body simulator" of "whole-brain and body simulator"): an adjective is no phrase
    # of its own, so the coordination belongs to the group
    if tag == "CC" and k and tagged[k - 1][1] in {"JJ", "JJR", "JJS"}:
        return True
    return tag == "DT" and word not in _ARTICLES


def hyphen_suspended(tagged: list[tuple[str, str]], j: int) -> bool:
    """Is the word at ``j`` the first half of a suspended hyphen ("parameter-" of "from parameter- to
    measurement-space", "first- and second-order")?"""
    after = [w.lower() for w, _ in tagged[j + 1 : j + 3]]
    # the hyphen and the coordination that completes the compound ("parameter - to", "first - and");
    # a dash that sets off an aside ("Neural Egg Separation - a method") is none
    return tagged[j][0].endswith("-") or (
        len(after) == 2 and after[0] in _HYPHENS and after[1] in {"to", "and", "or"}
    )


def modifier_word(word: str) -> bool:
    """A lower-case word ML abstracts (SciTLDR train) almost never use as a noun phrase's head
    ("multimodal", "adversarial"), whatever the tagger read here: a span cannot end on it."""
    if not word.islower():
        return False
    head = heads.share(word)
    return head is not None and head < HEAD_SHARE


def opens(tagged: list[tuple[str, str]], i: int, verb: Callable[[str, bool], bool] | None = None) -> bool:
    """May a span open at ``i``? (``verb``: as ``inside_group``)"""
    if COMPLETE_START and inside_group(tagged, i, verb):
        return False
    return not (tagged[i][1] in {"NN", "NNS"} and fixed_preposition(tagged, i))


def ends(tagged: list[tuple[str, str]], j: int) -> bool:
    """May a span end on ``j`` (a noun that ends its group)?"""
    return not (COMPLETE_END and (hyphen_suspended(tagged, j) or modifier_word(tagged[j][0])))
