"""The learned pair model: which of a paper's candidates to show as related, and why.

Each candidate pair (``space.nearest``'s best matches of a paper) is described by the features of
``pairs.py``; a logistic regression (``pair_weights.json``, fitted by
``generator/evaluation/pair_tune.py`` on tune data only: SciTLDR train thirds labelled by the
title-and-TLDR proxy, and the keyphrase sets' tune halves labelled by a shared human keyphrase)
gives the probability that the two papers are related. A paper shows its candidates whose
probability is at least ``show``, best first, at most ``related.MAX_RELATED``; when none is, its best
candidate is still shown if its probability is at least ``floor`` (a plausible neighbour is better
than an empty list), else the paper says why it has none. Both bounds were chosen on the tune data.

The **reasons** of a link are the shared specific concepts (``related.is_specific``: few papers of
the catalogue and few ML abstracts use them) that both abstracts really say (their words in a row
in each abstract), used in the same sense (context agreement at least ``REASON_CONTEXT``), ordered
as the model weighs them: central to both first, then by agreement times rarity. A field term shared
alone ("reinforcement learning") is never a reason. These reasons are the model's (features, and any
rule that chooses links by them); what a shown link names is ``reasons_shown.reasons``: the concepts
central to both papers.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from generator.relate import contexts, specific
from generator.relate.pairs import (
    FEATURES,
    Shared,
    Spaces,
    lsa_rows,
    pair_cosines,
    pair_features,
)
from generator.relate.reasons import MAX_TERMS_SHOWN, Catalogue, is_concept, overlaps
from generator.runtime.cache import file_digest

WEIGHTS_FILE = "pair_weights.json"
# A reason's two contexts must agree at least this much (cosine of IDF-weighted neighbours).
REASON_CONTEXT = 0.05
# A reason is central (title, summary, or said twice) to at least one of the two papers. Central to
# both explained a third fewer links on the tune data at the same share the proxy calls related.
REASON_CENTRAL = True
# A single lower-case word is a reason only when rarer than this in general English (wordfreq Zipf):
# "quantization", "distillation", not "symmetry", "decay", "hypothesis"; names and acronyms
# ("Wasserstein", "SGD") and phrases are not bound by it.
REASON_WORD_ZIPF = 3.0
# Probabilities are rounded before comparing, so float noise never flips a link.
DECIMALS = 6


@cache
def model() -> dict:
    return json.loads(resources.files(__package__).joinpath(WEIGHTS_FILE).read_text(encoding="utf-8"))


def weights_digest() -> str:
    return file_digest(Path(__file__).with_name(WEIGHTS_FILE))


def probability(features: dict[str, float], weights: dict[str, float] | None = None) -> float:
    """The model's probability that the pair is related (``weights``: the JSON's ``weights``)."""
    w = model()["weights"] if weights is None else weights
    z = w.get("", 0.0) + sum(w.get(name, 0.0) * features[name] for name in FEATURES)
    return round(1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z)))), DECIMALS)


@dataclass
class Pairing:
    """What the pair features read of a catalogue (built once by ``pairing``)."""

    spaces: Spaces
    # Each abstract's words with its acronyms expanded (the concepts' text) and as written.
    expanded: list[list[str]]
    written: list[list[str]]
    idf: dict[str, float]
    concept_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _contexts: dict[tuple[int, str], dict[str, float]] = field(default_factory=dict)
    _norms: dict[tuple[int, str], float] = field(default_factory=dict)
    _indexes: dict[int, dict[str, list[int]]] = field(default_factory=dict)
    _written: dict[int, dict[str, list[int]]] = field(default_factory=dict)

    def words_of(self, surface: str) -> tuple[str, ...]:
        from generator.relate.space import words

        found = self.concept_words.get(surface)
        if found is None:
            found = self.concept_words[surface] = tuple(words(surface))
        return found

    def context(self, i: int, surface: str) -> dict[str, float]:
        key = (i, surface)
        found = self._contexts.get(key)
        if found is None:
            found = self._contexts[key] = contexts.context(
                self.expanded[i], self.words_of(surface), self.idf, self._index(i)
            )
        return found

    def said(self, i: int, surface: str) -> bool:
        """``contexts.said`` of the concept in abstract i's words as written."""
        index = self._written.get(i)
        if index is None:
            index = self._written[i] = contexts.word_index(self.written[i])
        return bool(contexts.positions(self.written[i], self.words_of(surface), index))

    def _index(self, i: int) -> dict[str, list[int]]:
        """``contexts.word_index`` of abstract i's expanded words, built once."""
        found = self._indexes.get(i)
        if found is None:
            found = self._indexes[i] = contexts.word_index(self.expanded[i])
        return found

    def agreement(self, i: int, surface: str, j: int, other: str) -> float:
        """``contexts.agreement`` of paper i's context of ``surface`` and paper j's of ``other``,
        each context's length computed once."""
        a, b = self.context(i, surface), self.context(j, other)
        if not a or not b:
            return 0.0
        return contexts.agreement_of_norms(a, self._norm(i, surface, a), b, self._norm(j, other, b))

    def _norm(self, i: int, surface: str, found: dict[str, float]) -> float:
        key = (i, surface)
        value = self._norms.get(key)
        if value is None:
            value = self._norms[key] = contexts.norm(found)
        return value


def pairing(
    texts: Sequence[str],
    text: sp.csr_matrix,
    keywords: sp.csr_matrix,
    phrases: sp.csr_matrix,
    order: np.ndarray,
) -> Pairing:
    from generator.relate.space import expand_acronyms, words

    expanded = [words(expand_acronyms(t)) for t in texts]
    written = [words(t) for t in texts]
    return Pairing(
        Spaces(text, keywords, phrases, lsa_rows(text, order)), expanded, written, contexts.idf_of(expanded)
    )


def shared(
    i: int, j: int, sides: Sequence[object], catalogue: Catalogue, state: Pairing
) -> tuple[Shared, list[tuple[str, str, float, bool, bool]]]:
    """What papers i and j share, and each shared specific concept as (key, surface, context
    agreement, central to both, central to either)."""
    from generator.relate.related import central_to, is_specific

    mine, theirs = sides[i], sides[j]
    keys = sorted(mine.concepts.keys() & theirs.concepts.keys())
    found = [k for k in keys if is_concept(k, mine.concepts[k][0], catalogue)]
    idf = max((math.log(catalogue.papers / max(1, catalogue.df[k])) for k in found), default=0.0)
    rarity, central, central1, best = 0.0, False, False, 0.0
    specifics: list[tuple[str, str, float, bool, bool]] = []
    for k in found:
        surface = mine.concepts[k][0]
        if not is_specific(k, surface, catalogue):
            continue
        share = specific.train_share(k, surface)
        rarity = max(rarity, -math.log10(max(share, 1e-5)))
        a, b = central_to(mine, k), central_to(theirs, k)
        central |= a and b
        central1 |= a != b
        agree = state.agreement(i, surface, j, theirs.concepts[k][0])
        best = max(best, agree)
        specifics.append((k, surface, agree, a and b, a or b))
    summary = Shared(len(found), tuple(k for k, *_ in specifics), idf, rarity, central, central1, best)
    return summary, specifics


def reasons(
    specifics: list[tuple[str, str, float, bool, bool]], i: int, j: int, state: Pairing, catalogue: Catalogue
) -> tuple[str, ...]:
    """The link's reasons: shared specific concepts both abstracts say as written, in the same sense
    (agreement >= REASON_CONTEXT), central to at least one of them, no everyday single word
    (``everyday_word``); central to both first, then by agreement times rarity; none overlapping another."""
    kept = [
        (k, surface, agree, both)
        for k, surface, agree, both, central in specifics
        if agree >= REASON_CONTEXT
        and (central or not REASON_CENTRAL)
        and not everyday_word(surface)
        and state.said(i, surface)
        and state.said(j, surface)
    ]
    ranked = sorted(
        kept,
        key=lambda r: (
            not r[3],
            -round(r[2] * -math.log10(max(specific.train_share(r[0], r[1]), 1e-5)), 6),
            catalogue.df[r[0]],
            r[0],
        ),
    )
    shown: list[tuple[str, str]] = []
    for k, surface, *_ in ranked:
        if not any(overlaps(k, s) for s, _ in shown):
            shown.append((k, surface))
    return tuple(surface for _, surface in shown[:MAX_TERMS_SHOWN])


def everyday_word(surface: str) -> bool:
    """A single lower-case word of general scientific English (Zipf at least REASON_WORD_ZIPF)."""
    from generator.keywords import filler

    return " " not in surface and surface.islower() and filler.zipf(surface) >= REASON_WORD_ZIPF


@dataclass(frozen=True)
class Candidate:
    index: int
    score: float
    probability: float
    reasons: tuple[str, ...]
    # The pair's ``aboutness.pair_aboutness``: how much of its text likeness rests on terms papers are
    # about rather than their setting (1: all of it, or unknown).
    about: float = 1.0


# A paper's lone weak link (under ``show``, shown by the floor) whose likeness rests on setting terms
# (aboutness under ABOUT_LONE: a metric, a benchmark, "et al.", "real world") gives way to the next most
# likely candidate at least ``floor`` likely whose likeness rests on what papers are about (aboutness
# at least ABOUT_FILL); with none, it stays (a list never shrinks). Chosen on tune data
# (EVALUATION.md, "Related papers, ninth session"); ABOUT_LONE = 0 restores the rule before exactly.
ABOUT_LONE = 0.7
ABOUT_FILL = 0.85


def choose(candidates: Sequence[Candidate], limit: int) -> list[Candidate]:
    """The candidates shown: those at least ``show`` likely, best first (probability, then score as
    given), at most ``limit``; else the best alone when at least ``floor`` likely, or in its place
    the next one at least ``floor`` likely when the best rests on setting terms (ABOUT_LONE, ABOUT_FILL)."""
    bounds = model()
    ranked = sorted(range(len(candidates)), key=lambda c: (-candidates[c].probability, c))
    best = [candidates[c] for c in ranked]
    shown = [c for c in best if c.probability >= bounds["show"]][:limit]
    if not shown and best and best[0].probability >= bounds["floor"]:
        shown = best[:1]
        if best[0].about < ABOUT_LONE:
            swap = next(
                (c for c in best[1:] if c.probability >= bounds["floor"] and c.about >= ABOUT_FILL), None
            )
            shown = [swap] if swap is not None else shown
    return shown


def features_of(
    i: int,
    row: Sequence[tuple[int, float]],
    back_rank: dict[tuple[int, int], int],
    cos: dict[tuple[int, int], tuple[float, ...]],
    sides: Sequence[object],
    catalogue: Catalogue,
    state: Pairing,
    indegree: Sequence[int],
) -> list[tuple[int, float, dict[str, float], list[tuple[str, str, float, bool, bool]]]]:
    """Each candidate of paper i (``row``: (index, score), best first) with its features
    (``cos``: the pairs' ``pairs.pair_cosines``; ``indegree``: the catalogue's ``pairs.indegrees``)."""
    out = []
    for rank, (j, score) in enumerate(row):
        summary, specifics = shared(i, j, sides, catalogue, state)
        feats = pair_features(score, rank, back_rank.get((j, i)), cos[(i, j)], summary, indegree[j])
        out.append((j, score, feats, specifics))
    return out


def all_cosines(
    state: Pairing, rows: Sequence[Sequence[tuple[int, float]]]
) -> dict[tuple[int, int], tuple[float, ...]]:
    """``pairs.pair_cosines`` of every candidate pair, in one pass."""
    left = np.array([i for i, row in enumerate(rows) for _ in row], dtype=np.int64)
    right = np.array([j for row in rows for j, _ in row], dtype=np.int64)
    return pair_cosines(state.spaces, left, right)
