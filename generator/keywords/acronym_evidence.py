"""Whether an abstract supports reading an acronym it does not define as the catalogue's long form.

The catalogue spells an acronym out by majority (``keywords.curate``): "CNN" is "convolutional neural
networks" because the papers that define CNN say so. A paper that only writes the acronym gets that
long form when the abstract gives evidence for it: it defines the acronym itself; or a word of the
long form that names something (not a word of most ML abstracts, ``text.generic``) occurs in the
abstract; or no other reading is plausible by corpus statistics: of the definitions of the acronym in
the SciTLDR train abstracts and in the catalogue, at least ``SOLE_SHARE`` give this long form (or one
naming the same concept, ``keywords.merging.same_concept``). "GP" (Gaussian process, gradient
penalty, genetic programming) is ambiguous; "GAN" is not. Counts from ``tools/build_acronyms.py``.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from generator.keywords import merging
from generator.text import generic
from generator.text.wordlists import ACRONYMS_FUNCTION_WORDS

TABLE_PATH = Path(__file__).parent / "data" / "acronyms.json.gz"
# A long form with at least this share of an acronym's definitions is its only plausible reading.
SOLE_SHARE = 0.75
EVIDENCE = True
_WORD = re.compile(r"[a-z][a-z0-9\-]+")


@cache
def table() -> dict[str, dict[str, int]]:
    """Acronym key -> {expansion key: SciTLDR train abstracts defining it so}."""
    with gzip.open(TABLE_PATH, "rt", encoding="utf-8") as handle:
        return json.load(handle)  # type: ignore[no-any-return]


@cache
def digest() -> str:
    from generator.runtime.cache import file_digest

    return file_digest(TABLE_PATH)


def sole_reading(acronym: str, expansion: str, catalogue: Mapping[str, int] | None = None) -> bool:
    """Whether `expansion` (or a long form of the same concept) has at least ``SOLE_SHARE`` of the
    acronym's definitions, in SciTLDR train and in the catalogue (`catalogue`: expansion -> papers)."""
    counts: dict[str, int] = dict(table().get(acronym, {}))
    for form, n in (catalogue or {}).items():
        counts[form] = counts.get(form, 0) + n
    total = sum(counts.values())
    if not total:
        return True
    agree = sum(n for form, n in counts.items() if _alike(form, expansion))
    return agree >= SOLE_SHARE * total


def _alike(form: str, other: str) -> bool:
    """Two long forms of one reading: spelt alike but for spaces and hyphens ("model agnostic meta
    learning", "modelagnostic metalearning"), or one concept (``merging.same_concept``)."""
    return form.replace(" ", "").replace("-", "") == other.replace(" ", "").replace("-", "") or (
        merging.same_concept(form, other)
    )


def words_said(expansion: str, text: str) -> bool:
    """Whether a word of the long form that names something (not a function word, not a word of most
    ML abstracts) occurs in the abstract."""
    said = set(_WORD.findall(text.lower()))
    return any(
        w in said and w not in ACRONYMS_FUNCTION_WORDS and not generic.is_generic_word(w)
        for w in expansion.split()
    )


def supported(acronym: str, expansion: str, text: str, catalogue: Mapping[str, int] | None = None) -> bool:
    """Whether an abstract that writes `acronym` without defining it supports reading it as `expansion`."""
    return not EVIDENCE or words_said(expansion, text) or sole_reading(acronym, expansion, catalogue)


@cache
def _written(acronym: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w/])" + re.escape(acronym) + r"s?(?![\w/])")


def uses(acronym: str, text: str) -> bool:
    """Whether the abstract writes the acronym (its plural too, "GNN-based" too; not inside a
    slash-joined name, "CNN/DailyMail")."""
    return bool(_written(acronym).search(text))


def own_expansions(
    defined: Iterable[tuple[str, str, str, str]],
    keys: Iterable[str],
    text: str,
    expand: Mapping[str, str],
    definitions: Mapping[str, Mapping[str, int]],
) -> dict[str, str]:
    """The catalogue's acronym expansions (`expand`) one paper reads its candidate `keys` and their
    words with: those of the acronyms it defines (`defined`, as ``Candidates.acronyms``), and of the
    others where its abstract supports the long form (``supported``; `definitions`: acronym ->
    {long form: papers of the catalogue defining it so})."""
    if not EVIDENCE:
        return dict(expand)
    keys = list(keys)
    mine = {a for a, _e, _w, _x in defined}
    used = (set(keys) | {w for k in keys for w in k.split()}) & expand.keys()
    return {a: expand[a] for a in sorted(used) if a in mine or supported(a, expand[a], text, definitions[a])}
