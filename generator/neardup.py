"""Near-duplicate abstracts: MinHash + LSH finds candidate pairs, an exact score confirms them.

Each abstract becomes the set of its word 3-grams (shingles) taken from the identity text. MinHash
signatures (datasketch) estimate the Jaccard similarity of two sets, and locality-sensitive hashing
puts signatures into band buckets so that only abstracts sharing a bucket are ever compared: the
cost grows with the number of abstracts, not with the number of pairs. LSH is tuned to a lower
threshold than the decision (``CANDIDATE_THRESHOLD``) so that it misses almost no true pair; every
candidate is then confirmed by the exact Jaccard similarity of the two shingle sets, and only pairs
at or above ``THRESHOLD`` are merged. The threshold comes from the labelled pairs in
tests/data/near_duplicates.json, measured by bench/dedupe_threshold.py (see DEDUPE.md).
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

from generator.normalize import words

SHINGLE_WORDS = 3
# Merge two abstracts when the Jaccard similarity of their word 3-gram sets is at least this.
THRESHOLD = 0.5
# LSH looks for candidates well below THRESHOLD, so that a true pair is almost never missed.
CANDIDATE_THRESHOLD = 0.3
# A shingle in this many unrelated groups of abstracts is boilerplate (see ``boilerplate``).
BOILERPLATE_CLUSTERS = 3
NUM_PERM = 128
SEED = 1


@dataclass(frozen=True)
class Pair:
    """Two abstracts (indexes into the input) whose exact similarity reached THRESHOLD."""

    first: int
    second: int
    similarity: float


def shingles(identity: str) -> frozenset[str]:
    """The set of word 3-grams of an identity text (the whole text when it is shorter)."""
    tokens = words(identity)
    if len(tokens) <= SHINGLE_WORDS:
        return frozenset([" ".join(tokens)])
    return frozenset(" ".join(tokens[i : i + SHINGLE_WORDS]) for i in range(len(tokens) - SHINGLE_WORDS + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def candidate_pairs(sets: Sequence[frozenset[str]]) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, that share an LSH bucket: never all pairs."""
    if len(sets) < 2:
        return []
    signatures = MinHash.bulk(
        [[s.encode("utf-8") for s in sorted(shingle_set)] for shingle_set in sets],
        num_perm=NUM_PERM,
        seed=SEED,
        # CRC-32 of each shingle: deterministic, in C, and 2-3x faster than the default SHA-1;
        # the MinHash permutations are applied on top of it.
        hashfunc=zlib.crc32,
    )
    lsh = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
    pairs: set[tuple[int, int]] = set()
    for i, signature in enumerate(signatures):
        for j in lsh.query(signature):
            pairs.add((j, i))
        lsh.insert(i, signature)
    return sorted(pairs)


def similarity(a: frozenset[str], b: frozenset[str], boilerplate: frozenset[str] = frozenset()) -> float:
    """Jaccard similarity of two shingle sets, ignoring boilerplate shingles unless nothing else is left."""
    a_own, b_own = a - boilerplate, b - boilerplate
    return jaccard(a_own, b_own) if a_own and b_own else jaccard(a, b)


@dataclass(frozen=True)
class Matches:
    pairs: list[Pair]
    # Shingles found in at least BOILERPLATE_CLUSTERS unrelated abstracts (see ``boilerplate``).
    boilerplate: frozenset[str]


def boilerplate(sets: Sequence[frozenset[str]], pairs: Sequence[tuple[int, int]]) -> frozenset[str]:
    """Shingles of the paired abstracts that also occur in at least BOILERPLATE_CLUSTERS groups of
    abstracts that are not near-duplicates of each other ("Extensive experiments demonstrate...").
    Counting groups, not abstracts, keeps a paper's own many variants from looking like boilerplate."""
    if not pairs:
        return frozenset()
    parent = list(range(len(sets)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        parent[max(root(i), root(j))] = min(root(i), root(j))
    wanted = frozenset().union(*(sets[i] | sets[j] for i, j in pairs))
    groups: dict[int, set[str]] = {}
    for i, shingle_set in enumerate(sets):
        groups.setdefault(root(i), set()).update(shingle_set & wanted)
    counts = Counter(shingle for group in groups.values() for shingle in group)
    return frozenset(shingle for shingle, n in counts.items() if n >= BOILERPLATE_CLUSTERS)


def near_duplicates(identities: Sequence[str], threshold: float = THRESHOLD) -> Matches:
    """Confirmed near-duplicate pairs among distinct identity texts, with their exact similarity.

    Pass 1: LSH candidates whose plain Jaccard similarity reaches the threshold. Pass 2: each is
    confirmed with boilerplate shingles left out, so two different papers wrapped in the same stock
    sentences do not merge."""
    sets = [shingles(text) for text in identities]
    scored = [(i, j) for i, j in candidate_pairs(sets) if jaccard(sets[i], sets[j]) >= threshold]
    common = boilerplate(sets, scored)
    pairs = []
    for i, j in scored:
        score = similarity(sets[i], sets[j], common)
        if score >= threshold:
            pairs.append(Pair(i, j, score))
    return Matches(pairs, common)
