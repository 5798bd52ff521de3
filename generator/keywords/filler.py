"""Keyword filler: what a person indexing a paper would not pick, by rules written down once.

Used by the keyword stage (``keywords.curate`` leaves filler out) and by ``make eval``, which counts
what is left (see EVALUATION.md). Three kinds, each a pure function of lower-case keys:

- **generic**: a single lower-case word that is common in general English. "Common" is measured,
  not listed: the word's Zipf frequency in the ``wordfreq`` package (a blend of Wikipedia, books,
  news, subtitles and the web) is at least ``GENERIC_ZIPF`` (4.5, about once in 30,000 words).
  "training" (5.2), "games" (5.4), "energy" (5.2), "policies" (4.7), "tips" (4.6) are generic;
  "quantization" (2.5), "embedding" (3.0), "prediction" (4.0), "privacy" (4.5 is kept: 4.46) are
  not. The threshold is where `make eval` keeps F1@10 on kdd and www (3.5 cost www 0.004).
- **leftover**: a piece of a sentence rather than a subject: a phrase whose head (last word) is a
  word of discourse ("future research", "open question", "survey paper", "absolute improvement",
  "question answering test"), or that starts with one ("benefits foundation models"), or whose every
  word is common in general English (Zipf at least ``COMMON_ZIPF``) when no other paper uses it
  ("test time", "model size", "large amount"), or "X of Y" with a common X ("review of PTMs"), or
  with an adverb ("sparsely activated LoRA").
- **near-repeat**: on one paper, a phrase that is another of its keywords plus generic words
  ("programming tasks" beside "programming problems" and "programming", "foundation model
  parameters" beside "foundation models"). ``siblings`` finds them; the keyword stage keeps the one
  that more papers share (the broader, linking keyword).

Only this module imports wordfreq.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from wordfreq import zipf_frequency

from generator.text.forms import singular
from generator.text.wordlists import KEYWORDS_FILLER_LEFTOVER_HEADS as _LEFTOVER_HEADS
from generator.text.wordlists import KEYWORDS_FILLER_LEFTOVER_STARTS as _LEFTOVER_STARTS
from generator.text.wordlists import KEYWORDS_FILLER_LY_NOUNS as _LY_NOUNS
from generator.text.wordlists import KEYWORDS_FILLER_NEAR_REPEAT_WORDS as _NEAR_REPEAT_WORDS
from generator.text.wordlists import KEYWORDS_FILLER_STRONG_STARTS as _STRONG_STARTS
from generator.text.wordlists import word_set

words = word_set  # the toolkit's way of writing a word list (generator/text/wordlists.py)


GENERIC_ZIPF = 4.5
# A phrase all of whose words are at least this common ("test time", "model size", "deep data") is a
# leftover unless another paper uses it too (then it is a term of the field: "machine learning").
COMMON_ZIPF = 4.5


@lru_cache(maxsize=100_000)
def zipf(word: str) -> float:
    """How common a word is in general English (Zipf scale: log10 of uses per billion words)."""
    # The "small" list (words used more than once a million) loads in a fraction of the time of the
    # full one and decides alike: every threshold here is at or above Zipf 3.5.
    return zipf_frequency(word, "en", wordlist="small")


def is_generic(key: str, shown: str = "") -> bool:
    """A single lower-case word common in general English ("training", "games", "energy"), by its
    key or its shown spelling (``shown``: "low-power"), whichever is commoner."""
    if " " in key.strip() or not key.strip():
        return False
    return max(zipf(key.strip()), zipf(shown) if shown else 0.0) >= GENERIC_ZIPF


def has_adverb(key: str) -> bool:
    """An adverb makes a phrase a piece of a sentence: "sparsely activated LoRA", "widely used"."""
    return any(w.endswith("ly") and len(w) > 4 and w not in _LY_NOUNS for w in key.split())


@lru_cache(maxsize=200_000)
def is_leftover(key: str, shared: bool = False) -> bool:
    """A piece of a sentence rather than a subject ("future research", "benefits foundation models");
    ``shared``: another paper of the catalogue has the phrase too."""
    words = key.split()
    if len(words) < 2:
        return False
    if all(w in _NEAR_REPEAT_WORDS for w in words):
        return True  # "model parameters", "task models"
    if words[-1] in _LEFTOVER_HEADS:
        return True
    if words[0] in _LEFTOVER_STARTS and (len(words) == 2 or words[0] in _STRONG_STARTS):
        return True
    if len(words) == 3 and words[1] == "of" and zipf(words[0]) >= COMMON_ZIPF:
        return True  # "review of PTMs", "influence of outliers", "top of transformers"
    if has_adverb(key):
        return True
    return not shared and "of" not in words and all(zipf(w) >= COMMON_ZIPF for w in words)


def empty_head(word: str) -> bool:
    """A head that names no concept of its own ("problem", "question", "results"): "transliteration
    problem" is about transliteration."""
    return word in _LEFTOVER_HEADS


def kind(keyword: str, shared: bool = False) -> str:
    """'generic', 'leftover' or '' for a keyword as shown (a capitalised word is a name, never generic)."""
    key = keyword.lower().replace("-", "")  # as the keyword stage keys it: "in-context" is one word
    if keyword.islower() and is_generic(key, keyword):
        return "generic"
    if is_leftover(key, shared):
        return "leftover"
    return ""


def _part_of(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return n < len(longer) and any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


@lru_cache(maxsize=200_000)
def near_repeat(a: str, b: str) -> bool:
    """Whether two keys of one paper say the same: one is the other plus words of the near-repeat list,
    or both are one stem plus such a word ("programming tasks", "programming problems")."""
    wa, wb = [singular(w) for w in a.split()], [singular(w) for w in b.split()]
    if wa == wb:
        return True
    for longer, shorter in ((wa, wb), (wb, wa)):
        if _part_of(longer, shorter):
            extra = list(longer)
            for i in range(len(longer) - len(shorter) + 1):
                if longer[i : i + len(shorter)] == shorter:
                    extra = longer[:i] + longer[i + len(shorter) :]
                    break
            if all(w in _NEAR_REPEAT_WORDS or f"{w}s" in _NEAR_REPEAT_WORDS for w in extra):
                return True
    if len(wa) == len(wb) == 2 and wa[0] == wb[0]:
        return all(w[1] in _NEAR_REPEAT_WORDS or f"{w[1]}s" in _NEAR_REPEAT_WORDS for w in (wa, wb))
    return False


def siblings(keys: Sequence[str], prefer: Callable[[str], tuple[object, ...]]) -> list[str]:
    """The keys without near-repeats: of each group of near-repeats the one ``prefer`` ranks first
    (lowest) stays, in the place of the group's first key."""
    kept: list[str] = []
    stems: dict[str, set[str]] = {}
    for key in keys:
        mine = stems.setdefault(key, {singular(w) for w in key.split()})
        # Only keys with a word in common can repeat each other: most pairs are never compared.
        twin = next((k for k in kept if not mine.isdisjoint(stems[k]) and near_repeat(k, key)), None)
        if twin is None:
            kept.append(key)
        elif prefer(key) < prefer(twin):
            kept[kept.index(twin)] = key
    return kept


def near_repeats(keys: Sequence[str]) -> int:
    """How many of one paper's keys repeat an earlier one."""
    return len(keys) - len(siblings(keys, lambda k: (0,)))
