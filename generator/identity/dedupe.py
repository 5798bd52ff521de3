"""Merge seed lines that are copies of one abstract into papers.

1. Exact duplicates: lines with equal identity text (generator/identity/normalize.py) are one *variant*.
2. Near-duplicates: variants whose word 3-gram Jaccard similarity reaches ``neardup.THRESHOLD``
   (found with MinHash + LSH, confirmed exactly) are one *paper*; merging is transitive.
3. The shown text is the most complete variant: the one with the most words; ties go to the
   variant with more copies, then to the earliest source. Among its copies, the one with the fewest
   typesetting artefacts is shown, ties to the earliest source.
4. The id: see ``assign_ids``. The copy committed first names the paper (git history), so the id
   never changes when a variant is added, whatever that variant's length or seed file, nor when a
   line moves to another file or a file is renamed. No committed file besides the seeds is needed.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from generator.identity import normalize
from generator.identity.neardup import THRESHOLD, Matches, grouped, near_duplicates, shingles, similarity
from generator.identity.normalize import (
    ID_HEX,
    KEY_HEX,
    artefacts,
    identity_digest,
    identity_text,
    paper_id,
    words,
)
from generator.models import Paper, Place, SeedLine, Source, Variant
from generator.runtime import cache, parallel


@dataclass(frozen=True)
class _Copies:
    """Every seed line of one identity text."""

    key: str
    identity: str
    lines: tuple[SeedLine, ...]

    @property
    def first(self) -> Source:
        return self.lines[0].source

    def best_copy(self) -> SeedLine:
        if len(self.lines) == 1:
            return self.lines[0]
        return min(self.lines, key=lambda line: (artefacts(line.text), line.source))


def exact_groups(lines: tuple[SeedLine, ...]) -> list[_Copies]:
    """One entry per distinct identity text, ordered by first source."""
    by_identity: dict[str, list[SeedLine]] = {}
    identities = parallel.map_cached(identity_text, [line.text for line in lines], key=identity_cache_key())
    for line, identity in zip(lines, identities, strict=True):
        by_identity.setdefault(identity, []).append(line)
    groups = [
        _Copies(identity_digest(identity)[:KEY_HEX], identity, tuple(sorted(copies, key=lambda c: c.source)))
        for identity, copies in by_identity.items()
    ]
    return sorted(groups, key=lambda g: g.first)


def identity_cache_key() -> str:
    return cache.stage_key("identity", normalize)


def _clusters(variants: list[_Copies], matches: Matches) -> list[list[_Copies]]:
    """Union of near-duplicate pairs into clusters; each cluster and the list in first-source order."""
    root = grouped(len(variants), [(pair.first, pair.second) for pair in matches.pairs])
    clusters: dict[int, list[_Copies]] = {}
    for i, variant in enumerate(variants):
        clusters.setdefault(root(i), []).append(variant)
    return list(clusters.values())


def _chosen(cluster: list[_Copies]) -> _Copies:
    """The most complete variant: most words, then most copies, then earliest source."""
    return min(cluster, key=lambda v: (-len(words(v.identity)), -len(v.lines), v.first))


def assign_ids(
    clusters: list[list[_Copies]],
    lock: Mapping[str, str],
    first_place: Mapping[str, Place] | None = None,
    edited_from: Mapping[str, tuple[str, ...]] | None = None,
) -> list[str]:
    """One id per cluster, unique, stable when variants are added, lines moved or files renamed.

    A paper's id is the ``paper_id`` of the copy that was committed first (``first_place``, from
    the git history of the seeds: commit time, then the commit's place in the log, then the path and
    line in that commit, all facts of the history, none of today's seed layout). Copies not yet
    committed come after every committed one; among those the shown copy comes first, then the
    others by id (without git history, a tarball, the id is the shown text's). So a near-duplicate
    that arrives later never takes the id, even when it is more complete and shown. A line edited in
    place (``edited_from``: the same hunk removed its old text) into a near-duplicate of its old text
    competes with the old text's first place and id, so a typo fixed in place keeps the URL.

    The optional id lock (seeds/paper-ids.json, variant key -> id) comes before history: a cluster
    keeps the id its variants are pinned to (the id most of them are pinned to, ties to the smallest
    id, when a new variant bridged two papers); a variant it does not list is decided as above.
    """
    places = first_place or {}
    claims: dict[str, list[tuple[int, int]]] = {}
    for index, cluster in enumerate(clusters):
        pinned = Counter(lock[v.key] for v in cluster if v.key in lock)
        if pinned:
            best = min(pinned, key=lambda pid: (-pinned[pid], pid))
            claims.setdefault(best, []).append((-pinned[best], index))
    ids: list[str | None] = [None] * len(clusters)
    for pid, claimants in claims.items():
        ids[min(claimants)[1]] = pid  # a split cluster: the part with most pinned variants keeps it
    taken = {pid for pid in ids if pid}
    for index, cluster in enumerate(clusters):
        if ids[index] is None:
            ids[index] = _fresh_id(cluster, places, edited_from or {}, taken)
            taken.add(ids[index])
    return [pid for pid in ids if pid]


def id_candidates(
    cluster: list[_Copies],
    first_place: Mapping[str, Place],
    edited_from: Mapping[str, tuple[str, ...]] | None = None,
) -> list[str]:
    """The ids a cluster may take, best first: committed copies by first place (with the older
    versions of lines edited in place into a near-duplicate of themselves), then the shown copy,
    then the other uncommitted copies by id."""
    shown = paper_id(_chosen(cluster).best_copy().text)
    identities = {paper_id(line.text): v.identity for v in cluster for line in v.lines}
    current = set(identities)
    pending = [pid for pid in current if edited_from and pid in edited_from]
    while pending and edited_from:
        pid = pending.pop()
        for old in edited_from.get(pid, ()):
            old_pid = paper_id(old)
            if old_pid in identities:
                continue
            old_identity = identity_text(old)
            if similarity(shingles(old_identity), shingles(identities[pid])) >= THRESHOLD:
                identities[old_pid] = old_identity
                pending.append(old_pid)
    committed = sorted((first_place[pid], pid) for pid in identities if pid in first_place)
    rest = sorted(current - {pid for _place, pid in committed}, key=lambda pid: (pid != shown, pid))
    return [pid for _place, pid in committed] + rest


def _fresh_id(
    cluster: list[_Copies],
    first_place: Mapping[str, Place],
    edited_from: Mapping[str, tuple[str, ...]],
    taken: set[str],
) -> str:
    for pid in id_candidates(cluster, first_place, edited_from):
        if pid not in taken:
            return pid
    n = 1
    while True:
        digest = hashlib.sha256(f"{cluster[0].identity}#{n}".encode()).hexdigest()[:ID_HEX]
        if digest not in taken:
            return digest
        n += 1


def dedupe(
    lines: tuple[SeedLine, ...],
    lock: Mapping[str, str] | None = None,
    first_place: Mapping[str, Place] | None = None,
    edited_from: Mapping[str, tuple[str, ...]] | None = None,
) -> tuple[Paper, ...]:
    """One paper per distinct abstract, with every copy's source, ordered by first source.

    ``first_place`` and ``edited_from`` (from ``History``) say where each text was first committed and
    which lines were edited in place; ids follow them.
    """
    groups = exact_groups(lines)
    matches = near_duplicates([g.identity for g in groups])
    clusters = _clusters(groups, matches)
    ids = assign_ids(clusters, lock or {}, first_place, edited_from)
    papers = []
    for pid, cluster in zip(ids, clusters, strict=True):
        chosen = _chosen(cluster)
        chosen_set = shingles(chosen.identity) if len(cluster) > 1 else frozenset()
        variants = tuple(
            Variant(
                text=v.best_copy().text,
                sources=tuple(line.source for line in v.lines),
                similarity=round(similarity(shingles(v.identity), chosen_set, matches.boilerplate), 4),
                key=v.key,
            )
            for v in cluster
            if v is not chosen
        )
        papers.append(
            Paper(
                id=pid,
                text=chosen.best_copy().text,
                sources=tuple(sorted(line.source for v in cluster for line in v.lines)),
                variants=variants,
                key=chosen.key,
            )
        )
    return tuple(sorted(papers, key=lambda p: (p.sources[0], p.id)))


def pinned_ids(papers: tuple[Paper, ...], lock: Mapping[str, str]) -> dict[str, str]:
    """The id lock after this build: the old entries (retired variants keep theirs, so a paper that
    comes back gets its old URL) and every variant of every paper pinned to its paper's id."""
    updated = dict(lock)
    for paper in papers:
        for key in (paper.key, *(v.key for v in paper.variants)):
            if key:
                updated[key] = paper.id
    return dict(sorted(updated.items()))
