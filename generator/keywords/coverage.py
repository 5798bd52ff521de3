"""Abstracts from outside the field the keyword model learned its corpus statistics on.

The keyphraseness model (``keywords/central.py``, ``reranker.py``) leans on statistics of SciTLDR
train abstracts (ML papers): how often a phrase is a keyphrase there, how common a word is, whether
it heads phrases. An abstract from another field (materials, physics, chemistry, medicine) is full
of words no ML abstract uses; for its terms those statistics are silent, the model's probabilities
come out low, and its terms fall under the threshold that suits ML abstracts (EVALUATION.md,
"Keywords, sixth session": this is where SemEval2017's F1 went). ``unseen`` counts such words: the
distinct words of the abstract that are not common English (Zipf under ``COMMON_ZIPF``) and that no
SciTLDR train abstract uses. An abstract with at least ``UNSEEN_MIN`` of them shows its keywords
down to ``OUT_OF_FIELD_THRESHOLD``. Measured on the tune halves: SciTLDR abstracts have at most 9
such words in 9 of 10 papers, SemEval2017 paragraphs 15 in half of them; kdd and www abstracts,
mostly a title or a few lines, rarely reach the count.
"""

from __future__ import annotations

import re
from functools import lru_cache

from wordfreq import zipf_frequency

from generator.keywords import central
from generator.text import generic

_WORD = re.compile(r"[A-Za-z][a-z]+")
# Words at least this common in English (Zipf) are the language's, not a field's.
COMMON_ZIPF = 4.5
# This many distinct uncommon words that no ML abstract uses make an abstract out of the field.
UNSEEN_MIN = 14
# The probability threshold of such an abstract (0 = the model's threshold for every abstract).
OUT_OF_FIELD_THRESHOLD = 0.1


@lru_cache(maxsize=65536)
def _unseen_word(word: str) -> bool:
    return zipf_frequency(word, "en") < COMMON_ZIPF and generic.share(word) == 0.0


def unseen(text: str) -> int:
    """How many distinct words of the abstract (lower-cased) are neither common English nor used by
    any SciTLDR train abstract."""
    return sum(_unseen_word(w) for w in {m.lower() for m in _WORD.findall(text)})


def threshold(text: str) -> float:
    """The probability threshold down to which a paper's keywords are shown: the model's, or
    ``OUT_OF_FIELD_THRESHOLD`` for an abstract outside the corpus's field."""
    limit = central.threshold()
    if OUT_OF_FIELD_THRESHOLD and unseen(text) >= UNSEEN_MIN:
        return min(limit, OUT_OF_FIELD_THRESHOLD)
    return limit
