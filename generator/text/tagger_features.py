"""The tagger's features: how a word and its neighbours are seen (``generator.text.tagger``).

Split from ``tagger.py`` (which re-exports every name here) so that the model and its decoders stay
under ~500 lines. ``tools/train_tagger.py`` trains on exactly these features; the compiled decoder
(``_tagdecode.c``) reads the weights ``sparse_rows`` packs.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def normalize(word: str) -> str:
    """The word as the features see it: lower case, numbers folded to their shape."""
    if word[0].isdigit():
        if word.isdigit() and len(word) == 4:
            return "!YEAR"
        if all(c.isdigit() or c in ".,%" for c in word):
            return "!DIGITS"
    return word.lower()


def shape(word: str) -> str:
    """A coarse shape: capitalisation, digits and hyphens."""
    if word.isupper() and any(c.isalpha() for c in word):
        kind = "A"  # all capitals: an acronym
    elif word[0].isupper():
        kind = "X"
    elif any(c.isupper() for c in word[1:]):
        kind = "m"  # mixed: word2vec, iPhone
    else:
        kind = "x"
    if any(c.isdigit() for c in word):
        kind += "d"
    if "-" in word[1:]:
        kind += "h"
    return kind


def _tail(word: str) -> str:
    return word.rsplit("-", 1)[-1] if "-" in word[1:] else word


# The features come in groups by what they depend on, so that tagging can add each group's weights
# once per word and reuse them (``Model``); ``features`` lists them all, as training sees them.
def own_features(word: str, raw: str) -> list[str]:
    tail = _tail(word)
    return [
        "b",
        "w " + word,
        "s1 " + tail[-1:],
        "s2 " + tail[-2:],
        "s3 " + tail[-3:],
        "s4 " + tail[-4:],
        "p1 " + word[0],
        "sh " + shape(raw),
    ]


def left1_features(word: str) -> list[str]:
    return ["w-1 " + word, "s-1 " + word[-3:]]


def left2_features(word: str) -> list[str]:
    return ["w-2 " + word]


def right1_features(word: str, lexical: str) -> list[str]:
    return ["w+1 " + word, "s+1 " + word[-3:], "l+1 " + lexical]


def right2_features(word: str, lexical: str) -> list[str]:
    return ["w+2 " + word, "l+2 " + lexical]


def pair_features(word: str, right1: str, right2: str) -> list[str]:
    return ["l12 " + right1 + " " + right2, "wl1 " + word + " " + right1]


def history_features(prev: str, prev2: str) -> list[str]:
    return ["t1 " + prev, "t2 " + prev2, "t12 " + prev + " " + prev2]


def context_features(word: str, prev: str, right1: str) -> list[str]:
    return [
        "t1w " + prev + " " + word,
        "t1l1 " + prev + " " + right1,
        "t1l1s " + prev + " " + right1 + " " + _tail(word)[-1:],
    ]


def lexical(word: str, lexicon: dict[str, str]) -> str:
    """A neighbour as the features see it: its most frequent training tag, else its last two letters."""
    return lexicon.get(word, "?" + word[-2:])


def features(
    index: int, words: Sequence[str], raw: Sequence[str], prev: str, prev2: str, lexicon: dict[str, str]
) -> list[str]:
    """The active features of token `index`; `words` are normalized and padded by two on each side."""
    i = index + 2
    word = words[i]
    right1, right2 = lexical(words[i + 1], lexicon), lexical(words[i + 2], lexicon)
    return [
        *own_features(word, raw[index]),
        *left1_features(words[i - 1]),
        *left2_features(words[i - 2]),
        *right1_features(words[i + 1], right1),
        *right2_features(words[i + 2], right2),
        *pair_features(word, right1, right2),
        *history_features(prev, prev2),
        *context_features(word, prev, right1),
    ]


def sparse_rows(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The compiled decoder's weights: each row's nonzero weights as ``weight * 256 + column``
    (int32), row r's at ``entries[offsets[r]:offsets[r + 1]]``: 2.6 MB against the
    matrix's 28 MB, so the rows a sentence reads stay in the processor's cache."""
    if matrix.shape[1] > 256:
        raise ValueError("at most 256 tags")
    rows, columns = np.nonzero(matrix)
    entries = (matrix[rows, columns].astype(np.int32) * 256 + columns).astype(np.int32)
    offsets = np.zeros(matrix.shape[0] + 1, dtype=np.int32)
    np.cumsum(np.bincount(rows, minlength=matrix.shape[0]), out=offsets[1:])
    return offsets, entries
