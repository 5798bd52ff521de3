"""The TLDR's learned parts (``tldr_weights.json``) and what they read: the word model (the
probability that a paper's TLDR uses each word of its abstract, ``word_probabilities``), the
expected ROUGE-1 of a candidate under it (``expected``), the class-based log-odds of words
(``log_odds``), and the features of sentences and candidates the ranker weighs
(``sentence_features``, ``candidate_features``). ``tldr`` builds the candidates and chooses.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from generator.keywords.filler import zipf
from generator.runtime.cache import file_digest
from generator.titles import tldr_compress as compress
from generator.titles import tldr_rank as rank

WEIGHTS_FILE = "tldr_weights.json"

_WORD = re.compile(r"[a-z][a-z\-]+|\d+")
_START_WE = ("we ", "in this paper", "in this work", "here we", "here, we", "this paper", "our ")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


@cache
def learned() -> dict:
    return json.loads(resources.files(__package__).joinpath(WEIGHTS_FILE).read_text(encoding="utf-8"))


def weights() -> dict[str, float]:
    """The round-2 sentence scorer's weights over ``sentence_features`` ('' the bias), kept as they
    were: the keyword stage finds the contribution sentence with them (``keywords/central.py``)."""
    return learned()["weights"]


def ranker_weights() -> dict[str, float]:
    """The candidate ranker's weights by feature name ('' the bias)."""
    return learned()["ranker"]


def word_weights() -> dict[str, float]:
    """The word model's weights by feature name ('' the bias)."""
    return learned()["words"]


def weights_digest() -> str:
    """What the cached TLDRs depend on besides the code: the learned weights (ranker and sentence ranker)."""
    here = Path(__file__)
    return file_digest(here.with_name(WEIGHTS_FILE), here.with_name(rank.WEIGHTS_FILE))


@cache
def _idf(word: str) -> float:
    """Rare in general English -> informative: 8 minus the word's Zipf frequency, at least 0."""
    return max(0.0, 8.0 - zipf(word))


def _norm(counts: Counter[str]) -> float:
    return math.sqrt(sum((c * _idf(w)) ** 2 for w, c in counts.items()))


def _similarity(a: Counter[str], b: Counter[str], b_norm: float | None = None) -> float:
    """Cosine of the IDF-weighted word counts; ``b_norm``: ``_norm(b)`` when known."""
    num = sum(count * b[w] * _idf(w) ** 2 for w, count in a.items() if w in b)
    den = _norm(a) * (_norm(b) if b_norm is None else b_norm)
    return num / den if den else 0.0


_ROUGE_TOKEN = re.compile(r"[a-z0-9]+")  # words as rouge-score reads them
AUTHORS = re.compile(r"\b(?:we|this paper|this work|our work)\b", re.I)
GOLD_WORDS = 20.0  # the author TLDRs' mean length in words (SciTLDR train: 20.1)


def rouge_words(text: str) -> list[str]:
    return _ROUGE_TOKEN.findall(text.lower())


def word_features(sents: list[str]) -> dict[str, dict[str, float]]:
    """Features of each distinct word of the abstract for the word model (and the titles' one)."""
    return _word_features(tuple(sents))


@lru_cache(maxsize=8)
def _word_features(sents: tuple[str, ...]) -> dict[str, dict[str, float]]:
    toks = [rouge_words(s) for s in sents]
    n = len(sents)
    tf = Counter(w for t in toks for w in t)
    first: dict[str, int] = {}
    df: Counter[str] = Counter()
    for i, t in enumerate(toks):
        for w in set(t):
            df[w] += 1
            first.setdefault(w, i)
    authors = next((set(t) for s, t in zip(sents, toks, strict=True) if AUTHORS.search(s)), set())
    out = {}
    for w, count in tf.items():
        idf = min(int(_idf(w)), 7)
        out[w] = {
            "lex=" + w: 1.0,
            f"idf={idf}": 1.0,
            f"tf={min(count, 6)}": 1.0,
            f"idfxtf={idf}_{min(count, 4)}": 1.0,
            "df": df[w] / n,
            f"first={min(first[w], 5)}": 1.0,
            "firstrel": first[w] / max(n - 1, 1),
            "inwe": float(w in authors),
            "num": float(w.isdigit()),
            f"wl={min(len(w) // 3, 4)}": 1.0,
        }
    return out


_CONTRIBUTION = re.compile(
    r"\b(?:propose|proposes|present|presents|introduce|introduces|develop|develops|show|shows)\b", re.I
)


def tldr_word_features(sents: list[str]) -> dict[str, dict[str, float]]:
    """``word_features`` and what the TLDR's word model adds: the word's usual part of speech (the
    tagger's lexicon), whether the abstract writes it with a capital inside a sentence (a name), how
    many of the authors' "we" sentences and contribution sentences use it, and the last sentence."""
    base = word_features(sents)
    toks = [set(rouge_words(s)) for s in sents]
    ours = [t for s, t in zip(sents, toks, strict=True) if AUTHORS.search(s)]
    contrib = [t for s, t in zip(sents, toks, strict=True) if _CONTRIBUTION.search(s)]
    capital = {w.lower() for s in sents for w in re.findall(r"(?<=\S )[A-Z][\w]*", s)}
    last = toks[-1] if toks else set()
    out = {}
    for w, feats in base.items():
        f = dict(feats)
        tag = compress.lex_tag(w)[:2] or ("?" + w[-2:] if len(w) > 3 else "?")
        f["tag=" + tag] = 1.0
        f["cap"] = float(w in capital)
        f["we_n"] = min(sum(w in t for t in ours), 3) / 3
        f["contrib_n"] = min(sum(w in t for t in contrib), 3) / 3
        f["last"] = float(w in last)
        f[f"inwe_idf={'i' if f['inwe'] else 'o'}{min(int(_idf(w)), 7)}"] = 1.0
        out[w] = f
    return out


def word_probabilities(sents: list[str]) -> dict[str, float]:
    """The probability that the paper's TLDR uses each word of the abstract (the word model)."""
    w = word_weights()
    bias = w.get("", 0.0)
    out = {}
    for word, feats in tldr_word_features(sents).items():
        z = bias + sum(v * w.get(k, 0.0) for k, v in feats.items())
        out[word] = 1.0 / (1.0 + math.exp(-z))
    return out


def expected(cand: str, probs: dict[str, float], toks: list[str] | None = None) -> dict[str, float]:
    """A candidate's expected overlap with the unseen TLDR as ROUGE-1 F, precision and recall
    (``toks``: its ``rouge_words`` when known)."""
    toks = rouge_words(cand) if toks is None else toks
    match = sum(probs.get(w, 0.0) for w in set(toks))
    return {
        "eF": 2 * match / (len(toks) + GOLD_WORDS),
        "eP": match / max(len(toks), 1),
        "eR": match / GOLD_WORDS,
    }


@lru_cache(maxsize=8)
def _sentence_words(sents: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """``words`` of each sentence, for ``sentence_features`` asked of every sentence in turn."""
    return tuple(tuple(words(s)) for s in sents)


def sentence_features(sents: list[str], i: int) -> dict[str, float]:
    """Features of sentence ``i`` in its abstract (names as in ``tldr_weights.json``)."""
    s, n = sents[i], len(sents)
    every = _sentence_words(tuple(sents))
    toks = list(every[i])
    f: dict[str, float] = {f"pos={min(i, 4)}": 1.0, f"rpos={min(n - 1 - i, 3)}": 1.0}
    f["relpos"] = i / max(n - 1, 1)
    length = len(s.split())
    f[f"len={min(length // 8, 5)}"] = 1.0
    # the other sentences' words, counted in reading order (so the sums over them run in that order)
    rest: Counter[str] = Counter()
    for j, other in enumerate(every):
        if j != i:
            rest.update(other)
    f["sim"] = _similarity(Counter(toks), rest)
    for w in set(toks):
        f["w=" + w] = 1.0
    for k, w in enumerate(toks[:3]):
        f[f"f{k}={w}"] = 1.0
    lower = s.lower()
    starts_we = lower.startswith(_START_WE)
    f["startswe"] = float(starts_we)
    f["we_pos"] = float(starts_we) * f["relpos"]
    f["digits"] = float(bool(re.search(r"\d", s)))
    f["first_we"] = float(starts_we and not any(o.lower().startswith(_START_WE) for o in sents[:i]))
    f["L"] = min(length, 60) / 60
    f["L2"] = f["L"] ** 2
    f["n"] = n / 10
    return f


def ranker_sentence_features(
    sents: list[str], i: int, first_we: int, setup: frozenset[str]
) -> dict[str, float]:
    """The ranker's features of sentence ``i``: whether the authors speak in it, first or not,
    whether it comes before the first sentence where they do (background) and how many sentences
    after it (-2 to 3), its rhetorical role (subject and first verb, ``tldr_compress.role``:
    "we_propose", "we_evaluate", "results_show") and whether it only sets up the work (a reader's
    feature, ``tldr_compress.sets_up``: not learned)."""
    starts_we = sents[i].lower().startswith(_START_WE)
    since = f"{max(-2, min(3, i - first_we))}" if first_we < len(sents) else "none"
    return {
        "from_we=" + since: 1.0,
        "startswe": float(starts_we),
        "first_we": float(starts_we and not any(o.lower().startswith(_START_WE) for o in sents[:i])),
        "before_we": float(i < first_we),
        "role=" + compress.role(sents[i]): 1.0,
        "setup": float(compress.sets_up(sents[i], setup)),
        "sent": float(i),  # which sentence (the sentence ranker's key; no ranker weight)
    }


LogOdds = tuple[dict[str, float], float]


def log_odds() -> LogOdds:
    """The class-based word model: for each word (as the abstract writes it, lower case) of at least
    ``min_abstracts`` train abstracts, the smoothed log-probability that the author's TLDR uses it
    given that the abstract does; the second value is the prior for any other word."""
    model = learned()
    return model.get("logodds", {}), model.get("logodds_prior", 0.0)


CANDIDATE_KEYS = ("modal", "nums", "eF", "eP", "eR", "lo_mean", "lo_sum", "centroid")
Centroid = tuple[Counter[str], float]


def centroid(sents: list[str]) -> Centroid:
    """The abstract's word counts and their IDF-weighted norm (``candidate_features``' "centroid")."""
    counts = Counter(w for s in sents for w in words(s))
    return counts, _norm(counts)


def candidate_features(
    base: dict[str, float],
    cand: str,
    probs: dict[str, float],
    table: LogOdds | None = None,
    whole: Centroid | None = None,
) -> dict[str, float]:
    """The ranker's features of one candidate: its sentence's (``base``), its numerals and modal verbs
    ("may", "could": hedges), its expected ROUGE-1 with the unseen TLDR (the logistic word model),
    the class-based log-odds of its words (mean, and the expected match per length as ``eF``) and its
    IDF-weighted cosine with the whole abstract (``whole``, ``centroid``: how central it is)."""
    toks = words(cand)
    f = dict(base)
    if whole is not None:
        f["centroid"] = _similarity(Counter(toks), whole[0], whole[1])
    f["modal"] = float(any(compress.lex_tag(w) == "MD" for w in toks))
    f["nums"] = min(sum(w.isdigit() for w in toks), 3) / 3
    lo, prior = table if table is not None else log_odds()
    rtoks = rouge_words(cand)
    values = [lo.get(w, prior) for w in set(rtoks)]
    f["lo_mean"] = sum(values) / max(len(values), 1)
    f["lo_sum"] = sum(math.exp(v) for v in values) / (len(rtoks) + GOLD_WORDS)
    return f | expected(cand, probs, rtoks)
