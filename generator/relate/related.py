"""Related papers: TF-IDF over the abstracts' words and noun phrases blended with shared keywords.

The vector space and the nearest-neighbour search live in ``generator/relate/space.py``; this
module chooses and explains the links. The score of a pair is
``(1 - KEYWORD_WEIGHT) * text + KEYWORD_WEIGHT * keywords`` (``space.KEYWORD_WEIGHT``):

- ``text`` is the cosine of sublinear TF-IDF vectors of each abstract's content words and its
  noun-phrase terms (``generator/relate/terms.py``: part-of-speech tags, never two words across a
  verb or a phrase boundary), after acronyms defined in the abstract ("Graph Neural Networks (GNNs)")
  are expanded wherever they are used, plural endings are folded and stop words dropped;
- ``keywords`` is the cosine of IDF-weighted vectors of the papers' keywords, so a shared rare
  keyword counts for more than a shared common one.

Both parts live in one sparse matrix whose row dot products are exactly that blend. It is multiplied
by its transpose a chunk of rows at a time and only the best few of each row are kept, so memory
stays bounded by the chunk, never a dense N x N matrix.

Each paper's CANDIDATE_LINKS best matches by that score (from FIRST_MIN_SCORE) are its candidates.
The **shown** links are chosen among them by a learned pair model (``generator/relate/pairmodel.py``:
logistic regression over the pair's cosines in four spaces, mutual rank, the shared specific concepts
and whether both abstracts use them in the same sense; fitted on tune data), with the shared specific
concepts both papers are about as reasons, else "similar wording". A paper left with none says why.

``Paper.similar`` keeps the wider neighbourhood the topics are built from (never shown): any shared
concept (``is_concept``), the best match from FIRST_MIN_SCORE, the others from SIMILAR_MIN_SCORE, at
most MAX_SIMILAR; unchanged, so the topics and their stability do not move with the shown links.

What came before (EVALUATION.md, "Related papers", rounds 2 to 4): the neighbourhood itself, then a
gate on a specific concept central to both (21-36% of dev papers alone, no better to blind readers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache, partial

import numpy as np

from generator.models import Paper, Related
from generator.relate import pairmodel, reasons_shown, specific
from generator.relate.aboutness import pair_aboutness
from generator.relate.concepts import paper_counts
from generator.relate.pairs import indegrees
from generator.relate.reasons import (
    Catalogue,
    count,
    is_concept,
    shared_keywords,
    shared_terms,
)
from generator.relate.space import Neighbour, blended, feature_parts, nearest, words
from generator.runtime import parallel
from generator.text.forms import phrase_key

# Candidates: a paper's CANDIDATE_LINKS best matches scoring at least FIRST_MIN_SCORE; the pair model
# (``pairmodel.choose``) shows at most MAX_RELATED of them.
FIRST_MIN_SCORE = 0.015
# The topic graph's neighbourhood (``Paper.similar``, never shown), as links were before: a paper's
# best explained match from FIRST_MIN_SCORE, its others from SIMILAR_MIN_SCORE, up to MAX_SIMILAR.
MAX_SIMILAR = 5
MAX_RELATED = MAX_SIMILAR  # links a paper shows
SIMILAR_MIN_SCORE = 0.08
# Matches looked at per paper: the most likely related paper need not be the best match.
CANDIDATE_LINKS = 20
# Why a paper has no related paper (shown on its page).
NOTE_ALONE = "it is the only paper in the catalogue"
NOTE_FAR = "no other abstract in the catalogue is close to it (every one scores under {need:.2f})"
NOTE_UNLIKELY = (
    "none of the abstracts closest to it is likely enough to be about the same thing (the pair model "
    "rates every candidate under its bound)"
)
NOTE_UNEXPLAINED = (
    "the abstracts closest to it share no specific concept that both are about (one in both titles "
    "or summaries, or repeated in both abstracts)"
)


def title_words(paper: Paper) -> str:
    """The paper's title and one-line summary as padded content words (``words``), with the long
    form of each acronym the abstract defines that they use: what ``specific.is_central`` reads."""
    said = f"{paper.title} . {paper.tldr}"
    found = words(said)
    tokens = set(re.findall(r"[A-Za-z][\w-]*", said))
    for short, long in paper.acronyms:
        if short in tokens:
            found += words(long)
    return f" {' '.join(found)} "


def is_specific(key: str, surface: str, catalogue: Catalogue) -> bool:
    """A concept (``is_concept``: few papers of the catalogue use it) that few ML abstracts use
    (``specific.train_share``)."""
    return is_concept(key, surface, catalogue) and specific.train_share(key, surface) <= specific.TRAIN_SHARE


@dataclass(frozen=True)
class Side:
    """What one paper offers a link: its concepts (key -> as written, times said) and the content
    words of its title and summary."""

    concepts: dict[str, tuple[str, int]]
    title: str


def side(paper: Paper, counts: dict[str, tuple[str, int]]) -> Side:
    """The paper's noun-phrase terms and its keywords (a keyword the terms lack counts as said once)."""
    found = dict(counts)
    for kw in paper.keywords:
        found.setdefault(phrase_key(kw), (kw, 1))
    return Side(found, title_words(paper))


def central_to(side: Side, key: str) -> bool:
    surface, said = side.concepts[key]
    return specific.is_central(spaced_words(surface), said, side.title)


@lru_cache(maxsize=1 << 16)
def spaced_words(surface: str) -> str:
    """``words`` of a concept as written, joined with spaces (asked for again and again)."""
    return " ".join(words(surface))


def _neighbourhood(
    paper: Paper,
    row: list[Neighbour],
    papers: tuple[Paper, ...],
    own: list[dict[str, str]],
    i: int,
    catalogue: Catalogue,
) -> tuple[Related, ...]:
    """The paper's wider neighbourhood, which the topic graph is built from (never shown): its best
    explained match from FIRST_MIN_SCORE, the others from SIMILAR_MIN_SCORE, each explained by any
    shared concept (``is_concept``)."""
    links: list[Related] = []
    for n in row:
        other = papers[n.index]
        shared = shared_keywords(paper, other, catalogue)
        why = shared_terms(own[i], own[n.index], catalogue) if not shared else ()
        if (shared or why) and (not links or n.score >= SIMILAR_MIN_SCORE):
            links.append(Related(id=other.id, score=n.score, shared=shared, terms=why))
    return tuple(links[:MAX_SIMILAR])


@dataclass(frozen=True)
class Candidates:
    """A catalogue's candidate pairs and what the pair model reads of them (``candidates``)."""

    rows: list[list[Neighbour]]
    counts: list[dict[str, tuple[str, int]]]
    own: list[dict[str, str]]
    sides: list[Side]
    catalogue: Catalogue
    state: pairmodel.Pairing

    def prepare(self) -> None:
        """Compute what every paper's ``features`` read (the pairs' mutual ranks and cosines) once."""
        if "_back" not in self.__dict__:
            back = {(a, n.index): r for a, row in enumerate(self.rows) for r, n in enumerate(row)}
            pairs = [[(n.index, n.score) for n in row] for row in self.rows]
            cos = pairmodel.all_cosines(self.state, pairs)
            left = np.array([i for i, row in enumerate(pairs) for _ in row], dtype=np.int64)
            right = np.array([j for row in pairs for j, _ in row], dtype=np.int64)
            about = pair_aboutness(self.state.spaces.text, left, right)
            object.__setattr__(self, "_back", back)
            object.__setattr__(self, "_cos", cos)
            object.__setattr__(
                self,
                "_about",
                {(int(a), int(b)): float(v) for a, b, v in zip(left, right, about, strict=True)},
            )
            object.__setattr__(self, "_indegree", indegrees([[n.index for n in row] for row in self.rows]))

    def about(self, i: int, j: int) -> float:
        """The candidate pair's ``aboutness.pair_aboutness``."""
        self.prepare()
        return self.__dict__["_about"].get((i, j), 1.0)

    def features(
        self, i: int
    ) -> list[tuple[int, float, dict[str, float], list[tuple[str, str, float, bool, bool]]]]:
        """Paper i's candidates (index, score, pair features, shared specific concepts), best first."""
        self.prepare()
        row = [(n.index, n.score) for n in self.rows[i]]
        return pairmodel.features_of(
            i,
            row,
            self.__dict__["_back"],
            self.__dict__["_cos"],
            self.sides,
            self.catalogue,
            self.state,
            self.__dict__["_indegree"],
        )


def candidates(papers: tuple[Paper, ...]) -> Candidates:
    """Each paper's CANDIDATE_LINKS best matches by the blended score, with the catalogue's concept
    counts and the spaces the pair model reads."""
    order = np.argsort(np.argsort(np.array([p.id for p in papers])))
    counts = list(paper_counts(papers))
    text, keys, phrases = feature_parts(papers, counts)
    rows = list(nearest(blended(text, keys), order, CANDIDATE_LINKS, FIRST_MIN_SCORE))
    own = [{k: s for k, (s, _n) in found.items()} for found in counts]
    catalogue = count(
        (own[i].keys() | {phrase_key(k) for k in p.keywords} for i, p in enumerate(papers)), len(papers)
    )
    sides = [side(p, counts[i]) for i, p in enumerate(papers)]
    state = pairmodel.pairing([p.text for p in papers], text, keys, phrases, order)
    return Candidates(rows, counts, own, sides, catalogue, state)


def learned_links(i: int, found: Candidates, papers: tuple[Paper, ...]) -> tuple[Related, ...]:
    """Paper i's shown links by the pair model (``pairmodel.choose``, which may read the model's own
    reasons, ``pairmodel.reasons``), each named by the concepts both papers are about
    (``reasons_shown.reasons``; none: similar wording)."""
    scored = [
        pairmodel.Candidate(
            j,
            score,
            pairmodel.probability(feats),
            pairmodel.reasons(specifics, i, j, found.state, found.catalogue),
            found.about(i, j),
        )
        for j, score, feats, specifics in found.features(i)
    ]
    return tuple(
        Related(id=papers[c.index].id, score=c.score, shared=reasons_shown.reasons(i, c.index, found, papers))
        for c in pairmodel.choose(scored, MAX_RELATED)
    )


def related_papers(papers: tuple[Paper, ...]) -> tuple[Paper, ...]:
    """Up to MAX_RELATED related papers per paper, most likely first; never itself.

    The pair model (``pairmodel.py``) rates each paper's CANDIDATE_LINKS best matches; those likely
    enough are shown, with the shared specific concepts both abstracts say in the same sense as
    their reasons. A paper left with no link says why (``Paper.related_note``). ``Paper.similar``
    keeps the wider neighbourhood (any shared concept) that the topics are built from."""
    if len(papers) < 2:
        return tuple(replace(p, related_note=NOTE_ALONE) for p in papers)
    found = candidates(papers)
    found.prepare()  # before the fork: every child reads the same pairs' cosines
    # Each paper's links are a pure function of the candidates: computed in batches on the build's
    # forked copies of this process (runtime/parallel.py), which inherit ``found`` and ``papers``.
    links = parallel.forked_map(partial(_links_of, found, papers), len(papers))
    out: list[Paper] = []
    for i, (paper, row) in enumerate(zip(papers, found.rows, strict=True)):
        similar, shown = links[i]
        note = "" if shown else NOTE_UNLIKELY if row else NOTE_FAR.format(need=FIRST_MIN_SCORE)
        out.append(replace(paper, related=shown, related_note=note, similar=similar))
    return tuple(out)


def _links_of(
    found: Candidates, papers: tuple[Paper, ...], todo: list[int]
) -> list[tuple[tuple[Related, ...], tuple[Related, ...]]]:
    """(neighbourhood, shown links) of each paper of ``todo``."""
    return [
        (
            _neighbourhood(papers[i], found.rows[i], papers, found.own, i, found.catalogue),
            learned_links(i, found, papers),
        )
        for i in todo
    ]
