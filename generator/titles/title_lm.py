"""What real titles look like: a class-based trigram language model of SciTLDR train titles.

A title is read as a sequence of tokens: a word the train titles use often (``VOCAB_MIN`` times or
more: "for", "of", "learning", "networks", "via") stands for itself, any other word for its
part-of-speech tag (tagger, Penn tags: "NN", "JJ", "VBG"), between a start and an end mark. The
model is an interpolated trigram over those tokens with Witten-Bell smoothing (Chen and Goodman
1998), so it knows how titles open ("Learning to", "Towards", an adjective or a noun; rarely a
participle or "based") and how they end (on a noun, rarely on a preposition, an adjective or
"one"), and which joins they use ("X for Y", "X via Y", "X with Y").

``features`` gives the candidate ranker (``spans.py``) a candidate's mean log-probability a token,
its opening and closing tokens' log-probabilities and its least likely token; ``fluent`` rejects a
candidate less title-like than ``REJECT_QUANTILE`` of real train titles (measured out of fold by
``python -m generator.evaluation.title_tune``, which also fits the counts: ``title_lm.json``).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path

from generator.runtime.cache import file_digest
from generator.text.tagger import tag

LM_FILE = "title_lm.json"
VOCAB_MIN = 8  # a word train titles use this often is its own token; rarer words are their tag
START, END = "<s>", "</s>"
_MERGED = {"NNP": "NN", "NNPS": "NNS"}
REJECT_ON = ("lmt", "lmt_start", "lmt_end")  # tag shapes: the words model rejected good phrases of rare words
REJECT_QUANTILE = 0.01  # share of real (held-out) train titles a rejection threshold would reject


def sentence_case(title: str) -> str:
    """A title or candidate as an abstract's sentence would write it, so both are tagged alike: words
    in title case ("Learning To Rank With Graphs", "Isotropic ...") lower-cased; capitals inside a
    word, all capitals and digits kept ("GANs", "BERT", "3D")."""
    return " ".join(
        w.lower() if w[:1].isupper() and w[1:].islower() and w.isalpha() else w for w in title.split()
    )


def description(title: str) -> str:
    """The part of a real title a candidate competes with: "FearNet: Brain-inspired model ..." ->
    "Brain-inspired model ..." (a name of at most three words before the colon is its own stage)."""
    name, colon, rest = title.partition(": ")
    return rest if colon and rest and len(name.split()) <= 3 else title


def tokens(pairs: Sequence[tuple[str, str]], vocab: frozenset[str] | set[str]) -> list[str]:
    """The model's tokens of tagged words: the word itself when in ``vocab``, else its tag (a proper
    noun's as a noun's)."""
    out = []
    for w, t in pairs:
        if not any(ch.isalnum() for ch in w):
            if w in {":", ","}:
                out.append(w)
            continue
        low = w.lower()
        # a capitalised word is tagged as a name in a sentence's context and not in a real title
        # written in sentence case: names and nouns are one class
        out.append(low if low in vocab else _MERGED.get(t, t))
    return out


def fit(titles: Iterable[str]) -> dict:
    """The counts of both models from real titles (each tagged in sentence case): ``words`` (frequent
    title words as themselves, other words as tags) and ``tags`` (every word as its tag)."""
    read = [tagged(description(t)) for t in titles]
    return {"words": _fit(read, VOCAB_MIN), "tags": _fit(read, 0)}


def _fit(read: list[list[tuple[str, str]]], vocab_min: int) -> dict:
    words = Counter(w.lower() for pairs in read for w, _ in pairs if any(ch.isalnum() for ch in w))
    vocab = sorted(w for w, c in words.items() if vocab_min and c >= vocab_min)
    grams: Counter[str] = Counter()
    for pairs in read:
        seq = [START, START, *tokens(pairs, set(vocab)), END]
        for k in range(2, len(seq)):
            for n in (1, 2, 3):
                grams[" ".join(seq[k - n + 1 : k + 1])] += 1
    return {"vocab_min": vocab_min, "vocab": vocab, "grams": dict(sorted(grams.items()))}


class Model:
    """Interpolated Witten-Bell trigram over title tokens."""

    def __init__(self, counts: dict) -> None:
        self.vocab = frozenset(counts["vocab"])
        self.grams: dict[tuple[str, ...], int] = {tuple(k.split(" ")): v for k, v in counts["grams"].items()}
        self.history: Counter[tuple[str, ...]] = Counter()  # c(h): tokens seen after h
        self.types: Counter[tuple[str, ...]] = Counter()  # T(h): distinct tokens after h
        for gram, c in self.grams.items():
            self.history[gram[:-1]] += c
            self.types[gram[:-1]] += 1
        self.size = self.types[()] + 1  # the token types, and one for the unseen
        self._memo: dict[tuple[str, tuple[str, ...]], float] = {}

    def prob(self, token: str, context: tuple[str, ...]) -> float:
        """P(token | context), remembered (candidates share their n-grams)."""
        key = (token, context)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._prob(token, context)
        return found

    def _prob(self, token: str, context: tuple[str, ...]) -> float:
        p = 1.0 / self.size
        for n in range(len(context) + 1):
            h = context[len(context) - n :] if n else ()
            c = self.history.get(h, 0)
            if not c:
                continue
            t = self.types[h]
            p = (self.grams.get((*h, token), 0) + t * p) / (c + t)
        return p

    def logprobs(self, toks: Sequence[str]) -> list[float]:
        """log10 P of each token and of the end mark, given the two before."""
        seq = [START, START, *toks, END]
        return [math.log10(self.prob(seq[k], (seq[k - 2], seq[k - 1]))) for k in range(2, len(seq))]


@cache
def _counts() -> dict:
    return json.loads(resources.files(__package__).joinpath(LM_FILE).read_text(encoding="utf-8"))


@cache
def model() -> Models:
    return Models(_counts())


class Models:
    """The two models of ``fit``'s counts: words-and-tags and tags only."""

    def __init__(self, counts: dict) -> None:
        self.words = Model(counts["words"])
        self.tags = Model(counts["tags"])


def thresholds() -> dict[str, float]:
    """The mean, opening and closing log-probabilities below which a candidate is less title-like
    than all but ``REJECT_QUANTILE`` of real train titles (out of fold; ``title_tune``)."""
    return dict(_counts().get("reject_below", {}))


def features(pairs: Sequence[tuple[str, str]], lm: Models | None = None) -> dict[str, float]:
    """The ranker's fluency features of a tagged candidate, by each model (``lm`` words and tags,
    ``lmt`` tags only): mean log10 probability a token (with the end), the opening token's, the end
    mark's and the least likely token's."""
    lm = lm or model()
    out: dict[str, float] = {}
    for prefix, m in (("lm", lm.words), ("lmt", lm.tags)):
        toks = tokens(pairs, m.vocab)
        lp = m.logprobs(toks) if toks else [-3.0]
        out |= {
            prefix: sum(lp) / len(lp),
            prefix + "_start": lp[0],
            prefix + "_end": lp[-1],
            prefix + "_min": min(lp),
        }
    return out


def tagged(phrase: str) -> list[tuple[str, str]]:
    """A phrase tagged on its own, as the real titles are."""
    return tag(sentence_case(phrase))


def fluent(feats: dict[str, float], below: dict[str, float] | None = None) -> bool:
    """Is the candidate at least as title-like as all but the least title-like real titles, as a
    whole, at its opening and at its end ("Based keyword spotting" opens as no title does)?"""
    below = thresholds() if below is None else below
    return all(feats.get(k, 0.0) >= v for k, v in below.items())


def digest() -> str:
    return file_digest(Path(__file__).with_name(LM_FILE))
