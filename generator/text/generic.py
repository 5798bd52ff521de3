"""How generic a word is in research abstracts, measured: document frequencies over SciTLDR train.

A single word that a large share of ML abstracts use ("representation", "learning", "gradient",
"model") names no paper's subject; a word they mostly write in lower case is no proper name. The
counts come from ``data/docfreq.json.gz``, built by ``tools/build_docfreq.py`` from the SciTLDR
train split (the dev split and the keyphrase sets' report halves measure); the threshold was chosen
on the keyphrase sets' tune halves (EVALUATION.md).
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from pathlib import Path

from generator.runtime.cache import file_digest

DOCFREQ_PATH = Path(__file__).parent / "data" / "docfreq.json.gz"
# A single word in more than this share of the SciTLDR train abstracts is generic.
GENERIC_SHARE = 0.1


@cache
def _table() -> tuple[int, dict[str, int], dict[str, int]]:
    with gzip.open(DOCFREQ_PATH, "rt", encoding="utf-8") as handle:
        data = json.load(handle)
    return data["documents"], data["df"], data["lower"]


def share(word: str) -> float:
    """The share of SciTLDR train abstracts that use `word` (any case)."""
    documents, df, _lower = _table()
    return df.get(word.lower(), 0) / documents


def documents() -> int:
    """How many SciTLDR train abstracts the counts are over."""
    return _table()[0]


def written_lower(word: str) -> bool:
    """Whether ML abstracts write `word` in lower case at least as often as not (in at least half the
    SciTLDR train abstracts that use it): a common word, not a name ("encoder", "perspective"; not
    "Wasserstein", "Bayesian")."""
    _documents, df, lower = _table()
    low = word.lower()
    return lower.get(low, 0) * 2 >= df.get(low, 0) > 0


def is_generic_word(word: str) -> bool:
    return share(word) > GENERIC_SHARE


@cache
def digest() -> str:
    return file_digest(DOCFREQ_PATH)
