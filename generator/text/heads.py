"""Which words ML abstracts use as the head of a noun phrase: a keyword and a title must end in one.

The tagger reads one sentence; a verb after a noun ("dataset converge", "pixels residing") or an
adjective before a noun it lost ("sparse feedforward", "linear") can slip through its noun tags.
``data/heads.json.gz`` (built by ``tools/build_heads.py`` from SciTLDR train only) counts, for each
word, its uses and its *head uses*: tagged a noun or gerund, after a determiner, possessive, number,
adjective or noun, and ending its noun phrase ("the bound", "adversarial training", "question
answering."), a context a verb ("converge to", "residing in") or an adjective does not have. A word used at
least ``MIN_USES`` times of which fewer than ``HEAD_SHARE`` are head uses is no noun head
(``trusted`` is False); a rarer word is trusted to the tagger (no evidence either way). Words the
tagger's lexicon (the treebanks' frequent words) tags as nouns are not judged, so a noun mostly used
as a modifier in ML abstracts keeps its own terms ("support vector machine", "nearest neighbor");
words it tags otherwise or does not know are ("converge", "linear", "residing"). Names (capitals)
are never judged.
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from pathlib import Path

from generator.runtime.cache import file_digest
from generator.text import tagger
from generator.text.tagger import Tagged

HEADS_PATH = Path(__file__).parent / "data" / "heads.json.gz"
# Evidence needed before a word is judged: this many uses in SciTLDR train.
MIN_USES = 8
# A word with fewer head uses than this share of its uses is no noun head (EVALUATION.md, round 4).
HEAD_SHARE = 0.05
# Uses needed before a plural-looking word is judged a verb (``verb_like``): more than for a head.
VERB_EVIDENCE = 50
# A rarer gerund needs this many head uses in SciTLDR train ("data mining": 4; "residing": none).
MIN_HEAD_USES = 2
# A word before a noun in at least this share of its uses, said before "and"/"or", is a modifier.
MODIFIER_SHARE = 0.6
_LEXICON_NOUNS = frozenset({"NN", "NNS"})
_DETERMINERS = frozenset({"DT", "PRP$", "POS"})
_BEFORE_HEAD = frozenset({*_DETERMINERS, "CD", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "IN"})
_HEAD_TAGS = frozenset({"NN", "NNS", "VBG"})
# What may follow a phrase's head: punctuation, a conjunction, a verb, a relative pronoun.
_ENDS_PHRASE = frozenset(
    {".", ",", ":", "-RRB-", "-LRB-", "CC", "VBZ", "VBP", "VBD", "MD", "WDT", "WP", "``", "''"}
)


def modifier_use(sentence: Tagged, index: int) -> bool:
    """Whether the word at `index` is followed by a common noun (it modifies it)."""
    return index + 1 < len(sentence) and sentence[index + 1][1] in {"NN", "NNS"}


def head_use(sentence: Tagged, index: int) -> bool:
    """Whether the word at `index` is used as a noun head by its context: tagged a noun or a gerund,
    after a determiner, possessive, number, adjective, noun or preposition, and ending its phrase (a
    punctuation mark, a conjunction or a verb after it; a preposition too after a determiner: "the
    training of")."""
    before = sentence[index - 1][1] if index else ""
    _token, tag = sentence[index]
    after, after_tag = sentence[index + 1] if index + 1 < len(sentence) else (".", ".")
    if tag not in _HEAD_TAGS or before not in _BEFORE_HEAD or after[:1] == "-":
        return False
    if after_tag in _ENDS_PHRASE:
        return True
    return after_tag == "IN" and before in _DETERMINERS


@cache
def _table() -> dict[str, list[int]]:  # word -> [uses, head uses, modifier uses]
    if not HEADS_PATH.is_file():
        return {}
    with gzip.open(HEADS_PATH, "rt", encoding="utf-8") as handle:
        return json.load(handle)["words"]


def share(word: str) -> float | None:
    """The share of the word's uses in SciTLDR train that are head uses; None below ``MIN_USES``."""
    uses, heads, _modifiers = _table().get(word, (0, 0, 0))
    return heads / uses if uses >= MIN_USES else None


def verb_like(word: str) -> bool:
    """Whether a lower-case -s word the tagger called a plural noun is, by ML abstracts' usage, a verb
    ("model and outperforms gradient compression"): used at least ``VERB_EVIDENCE`` times in SciTLDR
    train and almost never as a noun head (below ``HEAD_SHARE``), as "results" or "methods" are."""
    uses, heads, _modifiers = _table().get(word, (0, 0, 0))
    return word.islower() and word.endswith("s") and uses >= VERB_EVIDENCE and heads / uses < HEAD_SHARE


def modifier_share(word: str) -> float | None:
    """The share of the word's uses in SciTLDR train that come before a noun; None below ``MIN_USES``."""
    uses, _heads, modifiers = _table().get(word, (0, 0, 0))
    return modifiers / uses if uses >= MIN_USES else None


def elliptical(word: str) -> bool:
    """Whether a word said before "and"/"or" is a modifier whose noun comes after the conjunction
    ("sparse feedforward and recurrent networks"): ML abstracts write it before a noun in at least
    ``MODIFIER_SHARE`` of its uses."""
    found = modifier_share(word) if word.islower() else None
    return found is not None and found >= MODIFIER_SHARE


def trusted(word: str, evidence: bool = False) -> bool:
    """Whether a lower-case word may end a keyword: ML abstracts use it as a noun head, or too rarely
    to tell. With `evidence` (a gerund after a plural noun that does not end its phrase here: "pixels
    residing in"), a rare word needs ``MIN_HEAD_USES`` head uses."""
    if not word.islower() or tagger.model().lexicon.get(tagger.normalize(word)) in _LEXICON_NOUNS:
        return True  # a name, or a word the tagger's treebanks use mostly as a noun ("machine")
    found = share(word)
    if found is not None:
        return found >= HEAD_SHARE
    return not evidence or _table().get(word, (0, 0, 0))[1] >= MIN_HEAD_USES


def known(word: str) -> bool:
    """Whether the tagger's lexicon (the treebanks' frequent words) has the word ("machine" does;
    "converge", "linear", "rendering" do not)."""
    return tagger.model().lexicon.get(tagger.normalize(word)) is not None


def ends_phrase(sentence: Tagged, index: int) -> bool:
    """Whether the word after `index` ends a noun phrase there (punctuation, a conjunction, a verb)."""
    return index + 1 >= len(sentence) or sentence[index + 1][1] in _ENDS_PHRASE


@cache
def digest() -> str:
    return file_digest(HEADS_PATH)
