"""The reasons a shown link names: concepts both papers are about, specific in the catalogue.

Which links are shown is the pair model's choice (``pairmodel.choose``); this module only says what
each shown link names as its reason. A shared concept is named when it is

- **a concept of the catalogue** (``reasons.is_concept``: technical, used by at most 10% of the
  catalogue's papers and at least 2, no piece of a longer term), no everyday single word
  (``pairmodel.everyday_word``), and said as written in both abstracts;
- **specific relative to the catalogue**: used by at most CATALOGUE_SHARE of the catalogue's papers,
  or rare among ML abstracts (``specific.TRAIN_SHARE``). A term common among ML abstracts ("few-shot
  learning", "knowledge distillation", "meta-learning") is specific in a catalogue where few papers
  use it; a field term most of a catalogue uses ("reinforcement learning" in an RL catalogue) is not;
- **central to both papers** (``central``): in each paper's title, summary or first sentence, or
  said at least ``specific.REPEATED`` times in its abstract, or among its keywords. A concept one
  paper only mentions in passing ("knowledge distillation" in a paper on generating training
  examples) would mislead the reader, so it is never named.

The shown concepts are ordered rarest among ML abstracts first (``specific.train_share``), at most
``reasons.MAX_TERMS_SHOWN``, none overlapping another. A link with none is shown as similar wording.
The bounds were chosen on tune data (``generator/evaluation/reason_rule.py``, EVALUATION.md).
"""

from __future__ import annotations

import math
from functools import lru_cache

from generator.models import Paper
from generator.relate import specific
from generator.relate.reasons import MAX_TERMS_SHOWN, Catalogue, is_concept, overlaps
from generator.text.forms import phrase_key
from generator.text.sentences import sentences

# A concept common among ML abstracts is still specific in a catalogue where at most this share of the
# papers use it (chosen on tune data: reason_rule.py).
CATALOGUE_SHARE = 0.05
# Where a concept counts as central beyond ``related.central_to`` (title, summary, said twice).
CENTRAL_OPENING = True
CENTRAL_KEYWORDS = True
# The two abstracts' contexts of the concept must agree at least this much (``pairmodel.Pairing``).
MIN_AGREEMENT = 0.0


@lru_cache(maxsize=1 << 14)
def opening(text: str) -> str:
    """The abstract's first sentence as padded content words (what ``central`` reads)."""
    from generator.relate.space import words

    first = sentences(text)[:1]
    return f" {' '.join(words(first[0]))} " if first else " "


def central(paper: Paper, side: object, key: str) -> bool:
    """Whether the concept is central to the paper: in its title, summary or first sentence, said at
    least REPEATED times, or one of its keywords."""
    from generator.relate.related import central_to, spaced_words

    if central_to(side, key) or (CENTRAL_KEYWORDS and key in {phrase_key(k) for k in paper.keywords}):
        return True
    spaced = spaced_words(side.concepts[key][0])
    return CENTRAL_OPENING and bool(spaced) and f" {spaced} " in opening(paper.text)


def everyday(surface: str) -> bool:
    """``pairmodel.everyday_word``, also for a common word capitalised only because it opens a sentence
    ("Batch"): a single word is a name or an acronym only when a letter after its first is upper-case
    ("ReLU", "SGD")."""
    from generator.relate.pairmodel import everyday_word

    if " " not in surface and surface[1:].islower():
        surface = surface.lower()
    return everyday_word(surface)


def specific_here(key: str, surface: str, catalogue: Catalogue) -> bool:
    """Rare among ML abstracts, or used by at most CATALOGUE_SHARE of this catalogue's papers."""
    if specific.train_share(key, surface) <= specific.TRAIN_SHARE:
        return True
    return catalogue.df[key] <= max(2, CATALOGUE_SHARE * catalogue.papers)


def reasons(i: int, j: int, found: object, papers: tuple[Paper, ...]) -> tuple[str, ...]:
    """The reasons shown on the link from paper i to paper j (``found``: ``related.Candidates``)."""
    mine, theirs = found.sides[i], found.sides[j]
    catalogue, state = found.catalogue, found.state
    kept = []
    for k in sorted(mine.concepts.keys() & theirs.concepts.keys()):
        surface, other = mine.concepts[k][0], theirs.concepts[k][0]
        if (
            is_concept(k, surface, catalogue)
            and not everyday(surface)
            and not everyday(other)
            and specific_here(k, surface, catalogue)
            and central(papers[i], mine, k)
            and central(papers[j], theirs, k)
            and state.said(i, surface)
            and state.said(j, other)
            and (MIN_AGREEMENT <= 0 or state.agreement(i, surface, j, other) >= MIN_AGREEMENT)
        ):
            kept.append((k, surface))
    ranked = sorted(
        kept,
        key=lambda r: (round(math.log10(max(specific.train_share(*r), 1e-5)), 6), catalogue.df[r[0]], r[0]),
    )
    shown: list[tuple[str, str]] = []
    for k, surface in ranked:
        if not any(overlaps(k, s) for s, _ in shown):
            shown.append((k, surface))
    return tuple(surface for _, surface in shown[:MAX_TERMS_SHOWN])
