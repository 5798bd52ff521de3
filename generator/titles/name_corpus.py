"""How well the field knows a candidate name: how many SciTLDR train abstracts use it as a word, a
candidate name (``data/namefreq.json.gz``, ``tools/build_namefreq.py``) or a phrase
(``keywords/data/phrasedf.json.gz``), and the long form the abstract gives it (split from
``names.py``, which re-exports these; seventh session, second round)."""

from __future__ import annotations

import gzip
import json
from functools import cache
from pathlib import Path

from generator.runtime.cache import file_digest
from generator.text import generic
from generator.text.forms import phrase_key
from generator.titles.name_roles import spelled_out

# candidate names (runs of words too) and how many SciTLDR train abstracts have each, from 2 up
# (``tools/build_namefreq.py``); ``NAMEFREQ`` off: single words from ``generic`` only, no runs
NAMEFREQ_PATH = Path(__file__).parent / "data" / "namefreq.json.gz"
NAMEFREQ = True


@cache
def _name_table() -> dict[str, int]:
    if not NAMEFREQ_PATH.exists():
        return {}
    with gzip.open(NAMEFREQ_PATH, "rt", encoding="utf-8") as handle:
        return json.load(handle)["df"]


def name_digest() -> str:
    """The corpus tables the detector reads: ``namefreq`` and, for ``FIELD_TERMS``, the phrase table."""
    from generator.keywords import corpus

    return file_digest(NAMEFREQ_PATH) + file_digest(corpus.PHRASEDF_PATH)


def field_documents(name: str, own: bool = False) -> int:
    """How many SciTLDR train abstracts use ``name``: as a word (``generic``, from 3 abstracts up)
    or as a candidate name, runs of words included (``namefreq``, from 2 up: "CycleGAN", "Generative
    Adversarial Networks"); ``own``: the abstract is one of them (tuning on train), so it is not
    counted."""
    n = round(generic.share(name) * generic.documents()) if " " not in name else 0
    if NAMEFREQ:
        n = max(n, _name_table().get(name.lower(), 0))
    return max(n - 1, 0) if own and n else n


def phrase_documents(phrase: str, own: bool = False) -> int:
    """How many SciTLDR train abstracts use ``phrase`` (two or three words or a compound, in any
    spelling ``phrase_key`` joins), 0 for a single plain word; ``own``: less the abstract's own."""
    from generator.keywords import corpus

    if " " not in phrase and "-" not in phrase:
        return 0
    n = round(corpus.phrase_share(phrase_key(phrase)) * corpus._table()[0])
    return max(n - 1, 0) if own and n else n


def long_documents(text: str, name: str, own: bool = False) -> int:
    """How many SciTLDR train abstracts use the long form the abstract gives ``name`` (0 without one)."""
    long = spelled_out(text, name)
    if not long or long == name:
        return 0
    return max(phrase_documents(long, own), field_documents(long.lower(), own), field_documents(long, own))
