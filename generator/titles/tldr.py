"""One-line summaries (TLDRs): the abstract's sentence that says what the paper does or finds, compressed.

Extractive and compressive, offline and deterministic:

1. every sentence of the abstract gives candidates: the sentence without a leading clause before its
   subject ("In this paper, we propose X" -> "We propose X"; "To address this, we ..." -> "We ..."),
   and that sentence cut before each later clause or prepositional phrase ("..., which ...",
   "... by ...", "...; ...") while at least ``MIN_WORDS`` words remain;
2. a word model (logistic regression) gives each word of the abstract the probability that a TLDR of
   it uses the word, from the word itself (frequent words only), its rarity in general English, how
   often and how early the abstract uses it and whether the authors' "we" sentence has it; a
   candidate's expected ROUGE-1 F with the unseen TLDR follows (``expected``);
3. a linear ranker scores each candidate from that expectation, its sentence's position, length,
   first words, cue words, its similarity to the rest of the abstract and to the abstract's
   distinctive terms (IDF from general-English word frequencies), and where the candidate was cut;
4. the best candidate of at most ``MAX_WORDS`` words wins.

Both models (``tldr_weights.json``) learn on the SciTLDR train split only, by
``python -m generator.evaluation.tldr_tune``: the word model on which abstract words the author's
TLDR uses, the ranker as a conditional logit (a softmax over each abstract's candidates) towards
the candidates' ROUGE-1 with the author's TLDR. ``make eval`` reports ROUGE on the dev split
(EVALUATION.md).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import cache, lru_cache
from importlib import resources

from generator.keywords.filler import zipf
from generator.text.latex import strip_latex
from generator.text.sentences import sentences

MAX_WORDS = 30
MIN_WORDS = 6
WEIGHTS_FILE = "tldr_weights.json"

_WORD = re.compile(r"[a-z][a-z\-]+|\d+")
# A clause before the sentence's subject: "In this paper, we ...", "To this end, our method ...".
_LEAD = re.compile(
    r"^(?P<pre>[^;:]{0,200}?),\s+(?P<rest>(?:we|our|this paper|this work|the proposed)\b.*)$", re.I
)
# Where a candidate may end: before a relative or participial clause, a coordinated clause, a
# prepositional phrase of means or comparison, a semicolon, a dash or a colon.
_BOUNDARY = re.compile(
    r"(?:,\s+(?:which|where|while|thereby|thus|and|but|whereas|as well as|leading|resulting|allowing|"
    r"enabling|making|using|including|such as|e\.g\.|i\.e\.)\b|;\s|\s--?\s|:\s|\s(?:by|via|through|"
    r"using|with|without|in order to|compared to|compared with|on|for|under|across|while|which|that|"
    r"where|in terms of)\s)",
    re.I,
)
_START_WE = ("we ", "in this paper", "in this work", "here we", "here, we", "this paper", "our ")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


@cache
def _model() -> dict:
    return json.loads(resources.files(__package__).joinpath(WEIGHTS_FILE).read_text(encoding="utf-8"))


def weights() -> dict[str, float]:
    """The ranker's weights by feature name ('' the bias)."""
    return _model()["weights"]


def word_weights() -> dict[str, float]:
    """The word model's weights by feature name ('' the bias)."""
    return _model()["words"]


def weights_digest() -> str:
    """What the cached TLDRs depend on besides the code: the learned weights."""
    import hashlib

    raw = resources.files(__package__).joinpath(WEIGHTS_FILE).read_bytes()
    return hashlib.sha256(raw).hexdigest()[:16]


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
_AUTHORS = re.compile(r"\b(?:we|this paper|this work|our work)\b", re.I)
GOLD_WORDS = 20.0  # the author TLDRs' mean length in words (SciTLDR train: 20.1)
TOP_TERMS = 8


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
    authors = next((set(t) for s, t in zip(sents, toks, strict=True) if _AUTHORS.search(s)), set())
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


def word_probabilities(sents: list[str]) -> dict[str, float]:
    """The probability that the paper's TLDR uses each word of the abstract (the word model)."""
    w = word_weights()
    bias = w.get("", 0.0)
    out = {}
    for word, feats in word_features(sents).items():
        z = bias + sum(v * w.get(k, 0.0) for k, v in feats.items())
        out[word] = 1.0 / (1.0 + math.exp(-z))
    return out


def expected(cand: str, probs: dict[str, float]) -> dict[str, float]:
    """A candidate's expected overlap with the unseen TLDR as ROUGE-1 F, precision and recall."""
    toks = rouge_words(cand)
    match = sum(probs.get(w, 0.0) for w in set(toks))
    return {
        "eF": 2 * match / (len(toks) + GOLD_WORDS),
        "eP": match / max(len(toks), 1),
        "eR": match / GOLD_WORDS,
    }


def distinctive_terms(sents: list[str]) -> set[str]:
    """The abstract's ``TOP_TERMS`` words of highest count x IDF (rarer than common English)."""
    counts = Counter(w for s in sents for w in words(s))
    score = {w: c * _idf(w) for w, c in counts.items() if _idf(w) > 2.5}
    return set(sorted(score, key=lambda w: (-score[w], w))[:TOP_TERMS])


def sentence_features(sents: list[str], i: int) -> dict[str, float]:
    """Features of sentence ``i`` in its abstract (names as in ``tldr_weights.json``)."""
    s, n = sents[i], len(sents)
    toks = words(s)
    f: dict[str, float] = {f"pos={min(i, 4)}": 1.0, f"rpos={min(n - 1 - i, 3)}": 1.0}
    f["relpos"] = i / max(n - 1, 1)
    length = len(s.split())
    f[f"len={min(length // 8, 5)}"] = 1.0
    rest: Counter[str] = Counter(w for j, other in enumerate(sents) if j != i for w in words(other))
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


def _abstract_features(
    sents: list[str], i: int, whole: Counter[str], whole_norm: float, top: set[str]
) -> dict[str, float]:
    f = sentence_features(sents, i)
    toks = words(sents[i])
    f["simall"] = _similarity(Counter(toks), whole, whole_norm)
    f["top"] = len(set(toks) & top) / TOP_TERMS
    f["topfrac"] = sum(1 for w in toks if w in top) / max(len(toks), 1)
    return f


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def main_clause(sentence: str) -> str:
    """The sentence from its subject on: 'In this paper, we propose X.' -> 'We propose X'."""
    s = " ".join(sentence.split())
    m = _LEAD.match(s)
    if m:
        s = _upper_first(m.group("rest"))
    return s.rstrip(" .")


def candidates(sentence: str) -> list[str]:
    """The compressions of one sentence, longest first, without the final full stop."""
    s = main_clause(sentence)
    out = [s]
    for m in _BOUNDARY.finditer(s):
        if len(s[: m.start()].split()) >= MIN_WORDS:
            out.append(s[: m.start()].rstrip(" ,;:"))
    return list(dict.fromkeys(c for c in out if c))


def candidate_features(base: dict[str, float], full: str, cand: str) -> dict[str, float]:
    f = dict(base)
    length, whole = len(cand.split()), len(full.split())
    f["cL"] = min(length, 40) / 40
    f["cL2"] = f["cL"] ** 2
    f["kept"] = length / max(whole, 1)
    f["isfull"] = float(length >= whole - 1)
    f[f"cLb={min(length // 5, 7)}"] = 1.0
    rest = full[len(cand) :].strip().lower().split()
    if rest:
        f["cut=" + rest[0].strip(",;:")] = 1.0
    return f


def abstract_sentences(text: str) -> list[str]:
    return [s for s in sentences(" ".join(strip_latex(text).split())) if words(s)]


def scored_candidates(text: str, probs: dict[str, float] | None = None) -> list[tuple[str, dict[str, float]]]:
    """Every (candidate, features) of an abstract, in sentence order; ``probs``: the word model's
    probabilities (``word_probabilities``; the tuning passes ones learned without this abstract)."""
    sents = abstract_sentences(text)
    if probs is None:
        probs = word_probabilities(sents) if sents else {}
    whole: Counter[str] = Counter(w for s in sents for w in words(s))
    whole_norm = _norm(whole)
    top = distinctive_terms(sents)
    out = []
    for i, s in enumerate(sents):
        base = _abstract_features(sents, i, whole, whole_norm, top)
        full = main_clause(s)
        for c in candidates(s):
            f = candidate_features(base, full, c)
            toks = words(c)
            f["ctop"] = len(set(toks) & top) / TOP_TERMS
            f["csim"] = _similarity(Counter(toks), whole, whole_norm)
            f |= expected(c, probs)
            out.append((c, f))
    return out


def _shorten(text: str) -> str:
    """At most MAX_WORDS words, cut before a word that cannot end a phrase (a last resort)."""
    from generator.text.wordlists import TITLES_CLUES_TRAILING_STOP as TRAILING_STOP

    kept = text.split()[:MAX_WORDS]
    while len(kept) > MIN_WORDS and kept[-1].lower().strip(",;:") in TRAILING_STOP:
        kept.pop()
    return " ".join(kept).rstrip(" ,;:") + " …"


def tldr(text: str) -> str:
    """One sentence of at most MAX_WORDS words on what the paper does or finds; '' for no text."""
    rows = scored_candidates(text)
    if not rows:
        return ""
    w = weights()
    bias = w.get("", 0.0)
    best, best_score = "", -math.inf
    for cand, feats in rows:
        if len(cand.split()) > MAX_WORDS:
            continue
        score = bias + sum(v * w.get(k, 0.0) for k, v in feats.items())
        if score > best_score:  # first of equals wins: deterministic
            best, best_score = cand, score
    if not best:
        best = _shorten(min((c for c, _ in rows), key=lambda c: len(c.split())))
        return best
    return best if best.endswith(("?", "!", ".")) else best + "."
