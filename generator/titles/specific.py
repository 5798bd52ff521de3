"""How specific a title candidate is, and whether it says the paper's contribution (sixth session).

Three groups of evidence for the span ranker (``spans.candidate_spans``), each a corpus statistic or a
reading of the abstract, no word list:

- **Title-ness of its phrases** (``titleness_features``): of the SciTLDR train abstracts that write a
  phrase (one to three words, no joining word at either end), the share whose real title has all its
  words, smoothed toward the base rate of phrases as long and given as the log of the lift over it.
  Authors title "mode collapse" and "program synthesis"; they write "training data" and "recent
  work" without titling them. ``tn_max`` is the candidate's most title-like phrase, ``tn_head`` its
  head's, ``tn_low`` its least title-like content word's (a generic word drags it down). Counts
  come from ``data/titleness.json.gz`` (``build``; ``title_tune`` counts without the abstract's fold).
- **Rhetorical role** (``role_features``): whether the sentence comes before the first one where the
  authors speak (``bg_we``, background: "Despite the recent success of neural machine translation,
  ..."; as the TLDR stage reads it, ``tldr_compress.authors_verb``), is one where they speak (and
  say they make something: "we propose"), or comes after it. ``spans.BACKGROUND_PENALTY`` lowers a
  background candidate's score.
- **Field terms** (``field_term``): a candidate that is one phrase of one to three words written by
  at least ``FIELD_SHARE`` of the train abstracts ("generative adversarial networks" 84 of 1,992,
  "stochastic gradient descent" 45, "neural machine translation" 18) names the paper's field, not
  the paper: the blind readers' "vague" titles. ``spans.ranked_spans`` tries it after every other.
- **The long form of a defined acronym** (``long_form_features``): "soft value iteration network
  (SVIN)": the candidate is (``lf_is``) or holds (``lf_in``) the long form of an acronym the
  abstract defines and uses again (``lf_used``).
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from generator.runtime.cache import file_digest
from generator.text.acronyms import definitions
from generator.text.wordlists import TITLES_CONTRIBUTION_CONTRIBUTION_VERBS as _MAKE
from generator.text.wordlists import TITLES_SPANS_JOIN as _JOIN
from generator.titles import tldr_compress as compress

TITLENESS_PATH = Path(__file__).parent / "data" / "titleness.json.gz"
MAX_N = 3  # phrases of one to three words
FIELD_SHARE = 0.005  # a phrase of at least this share of train abstracts is a field term (10 of 1,992)
MIN_SEEN = 3  # a phrase's title-ness is used when at least this many abstracts write it
SMOOTHING = 2.0  # pseudo-documents toward the length class's base rate
_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# function words that open or close no phrase whose title-ness is counted ("the", "a", "we", ...):
# the joining words, articles and pronouns
_EDGE = _JOIN | {"the", "a", "an", "we", "our", "this", "that", "these", "is", "are", "be", "by", "as", "or"}

Table = dict[str, Any]


def tokens(text: str) -> list[str]:
    """Lower-case words as the counts read them (hyphenated words whole: "end-to-end")."""
    return _TOKEN.findall(text.lower())


def phrases(words: list[str]) -> set[str]:
    """Every phrase of one to ``MAX_N`` consecutive words that neither opens nor ends on a function word."""
    out = set()
    for i, w in enumerate(words):
        if w in _EDGE:
            continue
        for j in range(i, min(i + MAX_N, len(words))):
            if words[j] not in _EDGE:
                out.add(" ".join(words[i : j + 1]))
    return out


def build(pairs: Iterable[tuple[str, str]], min_seen: int = MIN_SEEN) -> Table:
    """The counts of (abstract, real title) pairs: ``{"documents": abstracts, "prior": {n: rate},
    "keys": {phrase: [seen, hits]}}``; a phrase is seen when the abstract writes it, a hit when the
    title has all its words."""
    seen: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    documents = 0
    for text, title in pairs:
        documents += 1
        found = phrases(tokens(text))
        gold = set(tokens(title))
        seen.update(found)
        hits.update(p for p in found if gold.issuperset(p.split()))
    prior = {}
    for n in range(1, MAX_N + 1):
        s = sum(c for p, c in seen.items() if p.count(" ") + 1 == n)
        h = sum(c for p, c in hits.items() if p.count(" ") + 1 == n)
        prior[str(n)] = h / s if s else 0.0
    keys = {p: [c, hits[p]] for p, c in sorted(seen.items()) if c >= min_seen}
    return {"documents": documents, "prior": prior, "keys": keys}


@cache
def table() -> Table:
    """The shipped counts (SciTLDR train), or empty ones when the file is missing."""
    if not TITLENESS_PATH.is_file():
        return {"prior": {}, "keys": {}}
    with gzip.open(TITLENESS_PATH, "rt", encoding="utf-8") as handle:
        return json.load(handle)  # type: ignore[no-any-return]


def digest() -> str:
    return file_digest(TITLENESS_PATH) if TITLENESS_PATH.is_file() else ""


def lift(phrase: str, data: Table) -> float | None:
    """Log of the phrase's smoothed title rate over its length class's base rate; None when fewer than
    ``MIN_SEEN`` abstracts write it. Remembered in the table (``"memo"``): an abstract's candidates
    share most of their phrases."""
    memo = data.setdefault("memo", {})
    if phrase in memo:
        return memo[phrase]  # type: ignore[no-any-return]
    found = data["keys"].get(phrase)
    prior = data["prior"].get(str(phrase.count(" ") + 1), 0.0)
    value = None
    if found and found[0] >= MIN_SEEN and prior > 0.0:
        seen, hits = found
        value = math.log((hits + SMOOTHING * prior) / (seen + SMOOTHING) / prior)
    memo[phrase] = value
    return value


def titleness_features(phrase: str, data: Table) -> dict[str, float]:
    """``tn_max``, ``tn_head``, ``tn_low`` and ``tn_unseen`` of a candidate."""
    words = tokens(phrase)
    lifts = [v for v in (lift(p, data) for p in phrases(words)) if v is not None]
    content = [w for w in words if w not in _EDGE]
    singles = [lift(w, data) for w in content]
    head = lift(words[-1], data) if words else None
    known = [v for v in singles if v is not None]
    return {
        "tn_max": max(lifts, default=0.0),
        "tn_head": head if head is not None else 0.0,
        "tn_low": min(known, default=0.0),
        # a word no three train abstracts write: rare, so likely the paper's own term
        "tn_unseen": sum(1 for v in singles if v is None) / max(len(content), 1),
    }


def field_term(phrase: str, data: Table) -> bool:
    """Is the candidate one phrase (one to ``MAX_N`` words) that at least ``FIELD_SHARE`` of the
    counted abstracts write ("recurrent neural networks")?"""
    words = tokens(phrase)
    found = data["keys"].get(" ".join(words)) if len(words) <= MAX_N else None
    return bool(found) and found[0] >= FIELD_SHARE * data.get("documents", 0) > 0


def long_forms(text: str) -> dict[str, bool]:
    """The long forms of the acronyms the abstract defines, lower case, each with whether the abstract
    uses the acronym again after defining it (its own term, not a passing mention)."""
    out: dict[str, bool] = {}
    for d in definitions(text):
        used = re.search(rf"(?<![\w\-]){re.escape(d.letters)}", text[d.end :]) is not None
        key = " ".join(tokens(d.long))
        out[key] = out.get(key, False) or used
    return out


def long_form_features(phrase: str, forms: dict[str, bool]) -> dict[str, float]:
    """``lf_is`` / ``lf_in``: the candidate is / holds a defined long form; ``lf_used``: that acronym is
    used again."""
    plain = " ".join(tokens(phrase))
    inside = [form for form in forms if f" {form} " in f" {plain} "]
    return {
        "lf_is": float(plain in forms),
        "lf_in": float(bool(inside)),
        "lf_used": float(any(forms[f] for f in inside)),
    }


def role_features(sents: list[str]) -> list[dict[str, float]]:
    """Each sentence's rhetorical role: ``bg_we`` (before the first sentence where the authors speak,
    ``tldr_compress.authors_verb``), ``we`` (the authors speak), ``after_we`` (after that sentence),
    and its role and authors' verb as sparse features (``role=we_propose``, ``averb=propose``; the
    ranker learns their weights, rare ones dropped as ``title_tune.MIN_COUNT`` says)."""
    said = [compress.authors_verb(s) for s in sents]
    first = next((i for i, v in enumerate(said) if v), len(sents))
    return [
        {
            "bg_we": float(i < first),
            "we": float(bool(said[i])),
            "after_we": float(i > first),
            "we_make": float(said[i] in _MAKE),
        }
        for i, s in enumerate(sents)
    ]
