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

import base64
import sys
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

from generator.identity.normalize import words
from generator.runtime import cache, parallel

SHINGLE_WORDS = 3
# Merge two abstracts when the Jaccard similarity of their word 3-gram sets is at least this.
THRESHOLD = 0.5
# LSH looks for candidates well below THRESHOLD, so that a true pair is almost never missed.
CANDIDATE_THRESHOLD = 0.3
# A shingle in this many unrelated groups of abstracts is boilerplate (see ``boilerplate_of``).
BOILERPLATE_CLUSTERS = 3
NUM_PERM = 128
# An LSH candidate whose MinHash estimate is this far below the threshold is not looked at further.
ESTIMATE_MARGIN = 0.15
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


def _key(shingle: bytes) -> int:
    """A shingle as a 64-bit number: CRC-32 and Adler-32 side by side, both in C and the same in
    every run. Two different shingles would have to collide in both at once: for the few million
    shingles of a large catalogue, that is not going to happen."""
    value = zlib.crc32(shingle) << 32 | zlib.adler32(shingle)
    return value - (1 << 64) if value >= 1 << 63 else value


def _signatures(crcs: Iterable[list[int]], count: int) -> np.ndarray:
    out = np.zeros((count, NUM_PERM), dtype=np.uint32)
    for i, minhash in enumerate(MinHash.generator(crcs, num_perm=NUM_PERM, seed=SEED, hashfunc=int)):
        out[i] = minhash.hashvalues
    return out


def _crcs(shingle_set: frozenset[str]) -> list[int]:
    # CRC-32 of each shingle: deterministic, in C, and 2-3x faster than datasketch's default SHA-1;
    # the MinHash permutations are applied on top of it.
    return [zlib.crc32(s.encode("utf-8")) for s in shingle_set]


@lru_cache(maxsize=1)
def _empty_minhash() -> MinHash:
    """Making a MinHash draws its permutations; copying one made earlier does not."""
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int)


def sketch(identity: str) -> str:
    """An abstract's MinHash signature and shingle keys (sorted), packed as base64 of their bytes:
    what near-duplicate detection needs of it, and what the cache keeps per identity text."""
    encoded = [s.encode("utf-8") for s in shingles(identity)]
    minhash = _empty_minhash().copy()
    minhash.update_batch([zlib.crc32(s) for s in encoded])
    signature = np.asarray(minhash.hashvalues, dtype=np.uint32)
    keys = np.unique(np.array([_key(s) for s in encoded], dtype=np.int64))
    return base64.b64encode(signature.tobytes() + keys.tobytes()).decode("ascii")


def cache_key() -> str:
    return cache.stage_key("neardup", sys.modules[__name__], packages=("datasketch", "numpy"))


def signatures_and_keys(identities: Sequence[str]) -> tuple[np.ndarray, list[np.ndarray]]:
    """MinHash signatures, one row per abstract, and each abstract's shingle keys (from the cache,
    else computed on the build's process pool)."""
    signature = np.zeros((len(identities), NUM_PERM), dtype=np.uint32)
    keys: list[np.ndarray] = []
    width = NUM_PERM * 4
    for i, packed in enumerate(parallel.imap_cached(sketch, identities, key=cache_key())):
        raw = base64.b64decode(packed)
        signature[i] = np.frombuffer(raw[:width], dtype=np.uint32)
        keys.append(np.frombuffer(raw[width:], dtype=np.int64))
    return signature, keys


def lsh_bands() -> tuple[int, int]:
    """(bands, rows per band): what datasketch's MinHashLSH picks for CANDIDATE_THRESHOLD."""
    return _optimal_param(CANDIDATE_THRESHOLD, NUM_PERM, 0.5, 0.5)


def candidate_pairs_of(signature: np.ndarray) -> np.ndarray:
    """Pairs ``(i, j)``, ``i < j``, whose signatures agree on every row of at least one band.

    The banding of datasketch's MinHashLSH, done per band on the whole signature matrix with
    numpy (sort, then group equal rows) instead of one dictionary insert and query per abstract:
    the same pairs, faster, and no index held per abstract."""
    n = len(signature)
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64)
    bands, rows = lsh_bands()
    found: list[np.ndarray] = []
    for band in range(bands):
        block = np.ascontiguousarray(signature[:, band * rows : (band + 1) * rows])
        keys = block.view(np.dtype((np.void, block.dtype.itemsize * rows))).ravel()
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        bounds = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1], True])
        for start in np.flatnonzero(np.diff(bounds) > 1):  # only buckets holding two or more
            members = np.sort(order[bounds[start] : bounds[start + 1]]).astype(np.int64)
            i, j = np.triu_indices(len(members), k=1)
            found.append(members[i] * n + members[j])
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    codes = np.unique(np.concatenate(found))
    return np.stack([codes // n, codes % n], axis=1)  # an array, not tuples: millions at 100,000


def candidate_pairs(sets: Sequence[frozenset[str]]) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, that share an LSH bucket: never all pairs."""
    pairs = candidate_pairs_of(_signatures((_crcs(st) for st in sets), len(sets)))
    return [(int(i), int(j)) for i, j in pairs]


def likely_pairs(signature: np.ndarray, pairs: np.ndarray, floor: float) -> list[tuple[int, int]]:
    """The pairs whose MinHash estimate of Jaccard similarity reaches ``floor``, all at once in numpy.

    Most LSH candidates are far below the threshold (two abstracts sharing one sentence); the
    estimate from 128 permutations has a standard deviation of at most 0.045, so a pair really at
    the threshold falls ``ESTIMATE_MARGIN`` (0.15, over three deviations) below it about three
    times in ten thousand, far less often than LSH itself misses one (about 0.7% at the threshold).
    At 100,000 recombined abstracts (bench/), 3.0 million LSH candidates leave about 0.3 million."""
    found: list[tuple[int, int]] = []
    for start in range(0, len(pairs), 50_000):  # bounded memory: 50,000 x 128 comparisons at a time
        chunk = pairs[start : start + 50_000]
        agree = (signature[chunk[:, 0]] == signature[chunk[:, 1]]).mean(axis=1)
        found.extend((int(i), int(j)) for i, j in chunk[agree >= floor])
    return found


def key_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    if not a.size and not b.size:
        return 1.0
    common = np.intersect1d(a, b, assume_unique=True).size
    return common / (a.size + b.size - common)


def similarity(a: frozenset[str], b: frozenset[str], boilerplate: frozenset[str] = frozenset()) -> float:
    """Jaccard similarity of two shingle sets, ignoring boilerplate shingles unless nothing else is left."""
    a_own, b_own = a - boilerplate, b - boilerplate
    return jaccard(a_own, b_own) if a_own and b_own else jaccard(a, b)


@dataclass(frozen=True)
class Matches:
    pairs: list[Pair]
    # Shingles found in at least BOILERPLATE_CLUSTERS unrelated abstracts (see ``boilerplate_of``).
    boilerplate: frozenset[str]


def grouped(n: int, pairs: Sequence[tuple[int, int]]) -> Callable[[int], int]:
    """Union-find over ``n`` abstracts joined by ``pairs``: the root of each abstract's group."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        parent[max(root(i), root(j))] = min(root(i), root(j))
    return root


def boilerplate_of(
    keys: Sequence[np.ndarray], pairs: Sequence[tuple[int, int]], strings: Callable[[int], frozenset[str]]
) -> frozenset[str]:
    """Shingles of the paired abstracts that also occur in at least BOILERPLATE_CLUSTERS groups of
    abstracts that are not near-duplicates of each other ("Extensive experiments demonstrate...").
    Counting groups, not abstracts, keeps a paper's own many variants from looking like boilerplate.

    Counted on shingle keys, one count per key of the paired abstracts in one array, instead of a
    set of shared shingles per abstract (gigabytes at 100,000 abstracts)."""
    if not pairs:
        return frozenset()
    root = grouped(len(keys), pairs)
    involved = sorted({i for pair in pairs for i in pair})
    wanted = np.unique(np.concatenate([keys[i] for i in involved]))
    counts = np.zeros(len(wanted), dtype=np.int64)  # groups of abstracts holding each wanted key
    in_groups: dict[int, set[int]] = {}  # a group of paired abstracts counts once per key
    paired = set(involved)
    for i, own in enumerate(keys):
        at = np.minimum(np.searchsorted(wanted, own), len(wanted) - 1)
        found = at[wanted[at] == own]
        if not found.size:
            continue
        if i in paired:
            in_groups.setdefault(root(i), set()).update(found.tolist())
        else:
            counts[found] += 1  # an abstract in no pair is a group of its own; its keys are distinct
    for found_in_group in in_groups.values():
        counts[list(found_in_group)] += 1
    common = set(wanted[counts >= BOILERPLATE_CLUSTERS].tolist())
    return frozenset(s for i in involved for s in strings(i) if _key(s.encode("utf-8")) in common)


def near_duplicates(identities: Sequence[str], threshold: float = THRESHOLD) -> Matches:
    """Confirmed near-duplicate pairs among distinct identity texts, with their exact similarity.

    Pass 1: LSH candidates whose plain Jaccard similarity reaches the threshold. Pass 2: each is
    confirmed with boilerplate shingles left out, so two different papers wrapped in the same stock
    sentences do not merge.

    Every abstract keeps only its shingle keys (see ``sketch``), not its strings; the strings
    are rebuilt for the few abstracts of a confirmed pair. Candidates are first thinned out on
    their MinHash estimate (``likely_pairs``), then measured exactly on their keys."""
    signature, keys = signatures_and_keys(identities)
    candidates = likely_pairs(signature, candidate_pairs_of(signature), threshold - ESTIMATE_MARGIN)
    scored = [(i, j) for i, j in candidates if key_jaccard(keys[i], keys[j]) >= threshold]
    sets: dict[int, frozenset[str]] = {}

    def strings(i: int) -> frozenset[str]:
        if i not in sets:
            sets[i] = shingles(identities[i])
        return sets[i]

    common = boilerplate_of(keys, scored, strings)
    pairs = []
    for i, j in scored:
        score = similarity(strings(i), strings(j), common)
        if score >= threshold:
            pairs.append(Pair(i, j, score))
    return Matches(pairs, common)
