"""Word overlap in the same sense: a pair's shared words weighted by how alike their contexts are.

Two abstracts' TF-IDF cosine adds up every shared word alike. A word shared in two senses
("Wasserstein" distance in GAN training and in a text-distribution paper; "nodes" of a layer and of
a graph; "variance" of a gradient and of a data set) counts as much as one shared in the same sense.
The **sense overlap** of papers i and j weighs each shared word by the agreement of its contexts:

    sense(i, j) = sum over shared words t of w_i(t) * w_j(t) * agree_ij(t)

where ``w`` is the abstract's sublinear TF-IDF over its content words (``related.words`` with
acronyms expanded, the catalogue's IDF, L2-normalised: sum of w_i * w_j is the word cosine) and
``agree_ij(t)`` the cosine of the IDF-weighted words within ``contexts.WINDOW`` words of t's mentions
in each abstract, t itself left out (``contexts.context``; a word whose two contexts share nothing
counts nothing). ``agree`` is the same sum divided by the word cosine: the share of the overlap that
is in the same sense. Both are distributional answers to word-sense ambiguity, computed from the
catalogue alone (Schuetze 1998's context vectors, restricted to the pair's shared words).

Computed for all candidate pairs at once with sparse products, a block of pairs at a time; only the
(paper, word) contexts a block needs are built. Everything is a function of the catalogue and the
pair (the vocabulary is sorted), never of input order.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from generator.relate.contexts import WINDOW

PAIR_BLOCK = 20000


class Words:
    """The catalogue's words as ids (sorted vocabulary), each abstract's word TF-IDF rows and its
    tokens, for ``overlap``."""

    def __init__(self, docs: Sequence[Sequence[str]], idf: dict[str, float]) -> None:
        vocab = sorted({t for doc in docs for t in doc})
        ids = {t: n for n, t in enumerate(vocab)}
        self.size = max(1, len(vocab))
        self.idf = np.array([idf.get(t, 0.0) for t in vocab] or [0.0])
        self.tokens = np.array([ids[t] for doc in docs for t in doc], dtype=np.int64)
        self.doc = np.repeat(np.arange(len(docs), dtype=np.int64), [len(d) for d in docs])
        counts = sp.csr_matrix(
            (np.ones(len(self.tokens)), (self.doc, self.tokens)), shape=(len(docs), self.size)
        )
        counts.sum_duplicates()
        counts.data = (1.0 + np.log(counts.data)) * self.idf[counts.indices]
        norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
        self.weights = sp.csr_matrix(sp.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ counts)

    def contexts(self, keys: np.ndarray) -> sp.csr_matrix:
        """The L2-normalised context row of each (doc * size + word) key in ``keys`` (sorted, unique):
        IDF-weighted words within WINDOW of the word's mentions, the word itself left out."""
        n = len(self.tokens)
        key = self.doc * self.size + self.tokens
        wanted = np.isin(key, keys)
        where = np.flatnonzero(wanted)
        rows, cols = [], []
        for off in (*range(-WINDOW, 0), *range(1, WINDOW + 1)):
            other = where + off
            ok = (other >= 0) & (other < n)
            at, other = where[ok], other[ok]
            ok = (self.doc[other] == self.doc[at]) & (self.tokens[other] != self.tokens[at])
            rows.append(np.searchsorted(keys, key[at[ok]]))
            cols.append(self.tokens[other[ok]])
        r = np.concatenate(rows) if rows else np.zeros(0, np.int64)
        c = np.concatenate(cols) if cols else np.zeros(0, np.int64)
        matrix = sp.csr_matrix((self.idf[c], (r, c)), shape=(len(keys), self.size))
        matrix.sum_duplicates()
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        return sp.csr_matrix(sp.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ matrix)


def overlap(found: Words, left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(word cosine, sense overlap) of each pair (left[k], right[k])."""
    cosine = np.zeros(len(left))
    sense = np.zeros(len(left))
    for start in range(0, len(left), PAIR_BLOCK):
        a, b = left[start : start + PAIR_BLOCK], right[start : start + PAIR_BLOCK]
        product = found.weights[a].multiply(found.weights[b]).tocoo()
        if not product.nnz:
            continue
        pair, word, value = product.row, product.col.astype(np.int64), product.data
        key_a = a[pair] * found.size + word
        key_b = b[pair] * found.size + word
        keys = np.unique(np.concatenate([key_a, key_b]))
        rows = found.contexts(keys)
        agree = np.asarray(
            rows[np.searchsorted(keys, key_a)].multiply(rows[np.searchsorted(keys, key_b)]).sum(axis=1)
        ).ravel()
        cosine[start : start + len(a)] = np.bincount(pair, weights=value, minlength=len(a))
        sense[start : start + len(a)] = np.bincount(pair, weights=value * agree, minlength=len(a))
    return cosine, sense
