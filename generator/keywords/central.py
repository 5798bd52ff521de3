"""What a paper is about, and what it only mentions: the learned keyphraseness of each candidate.

``reweigh(text, candidates)`` runs at the end of ``keywords.extract`` on the candidates YAKE scored
and returns them re-scored, best first, without those that are no keyword. The score is minus the
log-odds of a logistic model (``keyphraseness_weights.json``, fitted by
``generator/evaluation/keyword_tune.py`` on the keyphrase sets' tune halves and SciTLDR train only)
over the features ``features`` computes (``FEATURES``):

- YAKE's score and rank (YAKE stays the candidate scorer; its score is one feature), the first
  position, how many times and in how many sentences the abstract says the phrase;
- **central**: a phrase of the abstract's contribution sentence (the sentence the one-line summary
  scorer of ``generator/titles/tldr.py`` ranks first);
- **incidental**: said only inside a citation ("(Chen et al., 2018)") or an example ("e.g.
  segmentation", "such as X"), or only in the background sentences before the paper's first
  "we"/"this paper" sentence;
- corpus statistics: the phrase's and its head word's document frequency over SciTLDR train, how
  common its words are in English (wordfreq), and ``fixed``: how surely an edge of the phrase cuts a
  fixed expression ("Black" before "Box": ``corpus.fixed_share``);
- its form: one word, three or more, capitals, an acronym the abstract defines.

``keywords.curate`` adds the catalogue feature ``shared`` (a phrase of several words another paper
has) and shows a paper's keywords down to the probability ``threshold()`` (at least
``curate.SHOWN_MIN``). The hand-set factors the model replaced (``LEARNED = False``) stay for
comparison. Hard rules, before the model: a capitalised word next to "et al.", inside a parenthesis
with a year, or before a year in parentheses ("Frankle & Carbin (2019)") is a cited author's
surname and goes; so does a fragment: a phrase whose first word is a participle after an auxiliary
or an adverb ("has largely evaded scrutiny"), or a word that ML abstracts write almost only after
the word before it here ("from scratch": ``FIXED_SHARE``, measured on SciTLDR train), or whose
every occurrence cuts an expression at an edge that those abstracts write together often
(``CUT_SHARE``: "world applications" of "real-world applications", "box functions").

The corpus statistics live in ``keywords/corpus.py`` (SciTLDR train only), the citation and example
contexts in ``keywords/contexts.py``, and ``same_concept`` (two keys of one paper naming one concept)
in ``keywords/merging.py``.
"""

from __future__ import annotations

import json
import math
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from generator.keywords import filler, reranker
from generator.keywords.concepts import own_concept as _own_concept
from generator.keywords.concepts import topic_concept as _topic_concept
from generator.keywords.contexts import incidental_tokens, sentence_of_tokens
from generator.keywords.corpus import (
    FIELD_PHRASE_SHARE,
    GENERIC_PHRASE_SHARE,
    PHRASEDF_PATH,
    RESULTS_PATH,
    fixed_expression,
    fixed_share,
    phrase_share,
    repeat_share,
    results_share,
)
from generator.keywords.specificity import generic_aside
from generator.runtime.cache import file_digest
from generator.text import generic
from generator.text.wordlists import KEYWORDS_CENTRAL_AUXILIARIES as _AUXILIARIES
from generator.text.wordlists import KEYWORDS_CENTRAL_CONTRIBUTION_STARTS as _CONTRIBUTION_STARTS

if TYPE_CHECKING:
    from generator.keywords.curate import Candidate

CENTRAL_FACTOR = 0.5
REPEATED_FACTOR = 0.7
INCIDENTAL_FACTOR = 4.0
BACKGROUND_FACTOR = 2.0
GENERIC_FACTOR = 3.0
FIELD_FACTOR = 1000.0
# A phrase whose every occurrence has an edge word that SciTLDR train abstracts write next to the word
# beside it here at least this often ("black" before "box", "real-world") cuts that expression: left
# out (on the tune data this changed the shown keywords of 2 of 1,314 documents and no F1@10).
CUT_SHARE = 0.3


@cache
def digest() -> str:
    """The phrase statistics and the keyphraseness model: what the candidates' scores depend on."""
    return file_digest(PHRASEDF_PATH, WEIGHTS_PATH, reranker.KEYPHRASENESS_PATH, RESULTS_PATH)


def _contribution(sents: list[str]) -> tuple[int, int]:
    """The contribution sentence (the summary scorer's best) and the first sentence that says what
    the paper does (those before it are background); -1 when there is none."""
    from generator.titles import tldr_model

    if not sents:
        return -1, -1
    w = tldr_model.weights()
    bias = w.get("", 0.0)
    scores = []
    for i in range(len(sents)):
        feats = tldr_model.sentence_features(sents, i)
        scores.append(bias + sum(v * w.get(k, 0.0) for k, v in feats.items()))
    best = max(range(len(sents)), key=lambda i: (scores[i], -i))
    first = next((i for i, s in enumerate(sents) if s.lower().lstrip().startswith(_CONTRIBUTION_STARTS)), -1)
    return best, first


# A symbol string said once is no keyword (``reranker.notation``; EVALUATION.md, "Keywords, fifth session").
NOTATION_DROPPED = True
# A name said only as an example or a baseline is no keyword (EVALUATION.md, "Keywords, round 6").
SIDE_NAMES_DROPPED = True


def _side_name(
    cand: Candidate,
    spans: tuple[tuple[int, int], ...],
    incidental: set[int],
    tokens: list[str] | None = None,
) -> bool:
    """Whether the candidate is a name (a capital letter or a digit in every word: "VGG16", "Densenet",
    "Faster R-CNN"; not "Wasserstein distance"; inside such a context a word is never a sentence's
    first) every mention of which is inside a
    citation, an example ("such as", "e.g.", "like", "including") or a baseline ("compared with",
    "than", "outperforms") context."""
    name = _capitalised(cand.text.split())
    if not name and WRITTEN_NAMES and tokens and spans:
        # as the abstract writes it: "Faster R-CNN" is shown "faster R-CNN" ("faster" is a common word)
        name = all(_capitalised(tokens[a:b]) for a, b in spans)
    return name and all(any(j in incidental for j in range(a, b)) for a, b in spans)


# The side-name test reads the words as the abstract writes them (EVALUATION.md, sixth session).
WRITTEN_NAMES = True


def _capitalised(words: list[str]) -> bool:
    return bool(words) and all(any(ch.isupper() or ch.isdigit() for ch in word) for word in words)


def _fragment(tokens: list[str], lowered: list[str], spans: tuple[tuple[int, int], ...]) -> bool:
    """Every occurrence starts with a participle after an auxiliary or adverb, or with a word cut from a
    fixed expression."""
    if not spans:
        return False
    for start, end in spans:
        first = lowered[start]
        previous = lowered[start - 1] if start else ""
        verb = first.endswith("ed") and (
            previous in _AUXILIARIES or (previous.endswith("ly") and len(previous) > 4)
        )
        fixed = bool(previous) and previous[:1].isalpha() and fixed_expression(previous, first)
        following = lowered[end] if end < len(lowered) else ""
        last = lowered[end - 1]
        fixed = fixed or (following[:1].isalpha() and fixed_expression(last, following, cut=last))
        if not (verb or fixed):
            return False
    return True


def features(
    text: str, phrases: tuple[Candidate, ...], protected: frozenset[str] = frozenset()
) -> list[tuple[Candidate, dict[str, float]]]:
    """Each candidate that may be a keyword with its keyphraseness features (``FEATURES``); cited
    surnames and fragments of fixed expressions are left out. ``protected``: keys that stand for a
    defined acronym (never left out)."""
    if not phrases:
        return []
    tokens, where, sents = sentence_of_tokens(text)
    lowered = [t.lower() for t in tokens]
    best, first = _contribution(sents)
    incidental, surnames = incidental_tokens(tokens)
    own = _own_concept(text)
    topic = _topic_concept(text) if TOPIC_SHOWN else ()
    n_tokens = max(len(tokens), 1)
    out: list[tuple[Candidate, dict[str, float]]] = []
    for rank, cand in enumerate(phrases):
        spans = tuple(s for s in cand.spans if s[1] <= len(tokens))
        if spans and cand.key not in protected:
            if all(all(j in surnames for j in range(a, b)) for a, b in spans):
                continue  # a cited author's name
            if _fragment(tokens, lowered, spans):
                continue
        if (
            SIDE_NAMES_DROPPED
            and spans
            and cand.key not in protected
            and _side_name(cand, spans, incidental, tokens)
        ):
            continue  # a model or data set named only as an example or a baseline ("such as VGG16")
        if (
            NOTATION_DROPPED
            and len(spans) == 1
            and cand.key not in protected
            and reranker.notation(cand.text)
        ):
            continue  # a symbol string of a formula said once ("kQlog comparators")
        fixed = fixed_share(lowered, spans)
        if fixed >= CUT_SHARE and cand.key not in protected:
            continue  # every occurrence cuts a fixed expression ("world applications" of "real-world")
        words = cand.key.replace("-", " ").split() or [cand.key]
        places = {where[a] for a, _b in spans}
        # The phrase as the abstract writes it ("neural networks"), or its key, whichever is commoner.
        if " " in cand.key:
            common = max(phrase_share(cand.key), phrase_share(cand.text))
        else:
            common = generic.share(cand.key)
        zipfs = [filler.zipf(w) for w in words]
        padded = f" {' '.join(lowered[spans[0][0] : spans[0][1]])} " if spans else f" {cand.key} "
        out.append(
            (
                cand,
                {
                    "log_yake": math.log(max(cand.score, 1e-6)),
                    "rank": math.log1p(rank),
                    "first": (spans[0][0] / n_tokens) if spans else 1.0,
                    "central": float(best in places),
                    "sentences": math.log1p(len(places)),
                    "incidental": float(
                        bool(spans) and all(any(j in incidental for j in range(a, b)) for a, b in spans)
                    ),
                    "background": float(bool(places) and first > 0 and max(places) < first),
                    "phrase_df": math.log10(max(common, 1e-4)) + 4,
                    "head_df": math.log10(max(generic.share(words[-1]), 1e-4)) + 4,
                    "zipf_min": min(zipfs) / 8,
                    "zipf_mean": sum(zipfs) / len(zipfs) / 8,
                    "one_word": float(len(words) == 1),
                    "three_words": float(len(words) >= 3),
                    "capital": float(any(ch.isupper() for ch in cand.text)),
                    "acronym": float(cand.key in protected),
                    "fixed": fixed,
                    "count": math.log1p(len(spans)),
                    **(reranker.extra_features(cand.key, cand.text, spans, n_tokens) if RERANKED else {}),
                    # not a feature of the model (not in FEATURES): the flag ``_own_shown`` reads
                    "own": float(any(padded in o for o in own)),
                    **{f"topic{k}": float(padded in o) for k, o in enumerate(topic)},
                    # the flag of ``ABOUT_SHOWN``: a specific phrase of the contribution sentence or
                    # the first one that the paper says several times
                    "about": float(
                        len(words) >= 2
                        and len(spans) >= ABOUT_COUNT
                        and bool(places & {best, 0})
                        and common < ABOUT_SHARE
                    ),
                    # the flags of ``ASIDES_DEMOTED``: said nowhere the paper says what it is about
                    # (its first sentence, its contribution sentence, its first own-work sentence),
                    # and said once, or a word of the results part of ML abstracts
                    **(
                        {
                            "passing": float(
                                len(spans) == 1
                                and common >= PASSING_COMMON
                                and (not ASIDES_GENERIC or generic_aside(cand.key, cand.text))
                            ),
                            "results": float(
                                (results_share(cand.key) or 0.0) >= RESULTS_SHARE
                                and (not ASIDES_GENERIC or generic_aside(cand.key, cand.text, results=True))
                            ),
                        }
                        if spans and not places & {0, best, first} and cand.key not in protected
                        else {}
                    ),
                },
            )
        )
    return out


FEATURES = (
    "log_yake", "rank", "first", "central", "sentences", "incidental", "background", "phrase_df",
    "head_df", "zipf_min", "zipf_mean", "one_word", "three_words", "capital", "acronym", "fixed", "count",
)  # fmt: skip
# The catalogue-level feature ``keywords.curate`` adds: a phrase of several words other papers have.
SHARED = "shared"


def logit(feats: dict[str, float], w: dict[str, float] | None = None) -> float:
    """The linear keyphraseness of one candidate, in log-odds (``keyphraseness_weights.json``)."""
    w = weights() if w is None else w
    return w.get("", 0.0) + sum(v * w.get(k, 0.0) for k, v in feats.items())


def logits(
    feats: list[dict[str, float]], w: dict[str, float] | None = None, trees: object = None
) -> list[float]:
    """The learned keyphraseness of each candidate, in log-odds: the linear model plus the boosted
    trees' correction (``reranker``; none when ``RERANKED`` is off or no trees are fitted)."""
    w = weights() if w is None else w
    linear = [logit(f, w) for f in feats]
    if not RERANKED:
        return linear
    extra = reranker.tree_margins(feats, trees)  # type: ignore[arg-type]
    return [a + b for a, b in zip(linear, extra, strict=True)]


def reweigh(
    text: str, phrases: tuple[Candidate, ...], protected: frozenset[str] = frozenset()
) -> tuple[Candidate, ...]:
    """The candidates re-scored by what the paper is about, best first; incidental names and fragments
    left out. The score becomes minus the learned log-odds that the phrase is a keyword (lower is
    better, as YAKE's); ``LEARNED = False`` gives the hand-set factors this model replaced."""
    rows = features(text, phrases, protected)
    if LEARNED and weights():
        scores = logits([f for _c, f in rows])
        out = [replace(c, score=-round(v, 9)) for (c, _f), v in zip(rows, scores, strict=True)]
        if ASIDES_DEMOTED:
            out = demoted(out, [f for _c, f in rows], threshold(), text)
        out = guaranteed(out, [f for _c, f in rows], threshold())
    else:
        out = [_hand_weighted(c, f) for c, f in rows]
    return tuple(sorted(out, key=lambda c: (c.score, c.key))) if out else ()


# A term the paper only mentions in passing, or a word of the evaluation, is no keyword of its own
# (EVALUATION.md, "Keywords, ninth session"): a candidate said nowhere the paper says what it is
# about (its first sentence, its contribution sentence, its first own-work sentence) that is said once
# (``PASSING``: "continual learning" named as what the findings allow, "gradient descent" of "trained
# by gradient descent") or that ML abstracts say mostly in their results part (``RESULTS``:
# ``corpus.results_share`` at least ``RESULTS_SHARE``: "fidelity", "epoch", "reconstruction quality")
# is scored just under the threshold: it only makes up a paper's first ``curate.SHOWN_MIN``. Only in
# abstracts the ML corpus speaks for: fewer than ``ASIDES_UNSEEN`` words neither common English nor
# of any SciTLDR train abstract (``coverage.unseen``; SciTLDR's 90th percentile is 9). The tune halves'
# shown keywords of that kind: kdd 1 of 24 and www 1 of 42 a human keyphrase (rank 4 or later),
# against 26% and 22% of all shown.
ASIDES_DEMOTED = True
PASSING = True
# A term said once in passing is a term of the field, used by at least this share of SciTLDR train
# abstracts (6 of 1,992: "continual learning" 17, "gradient descent" 88); a rarer phrase said once may
# be the paper's own ("uniform downsampling"), and demoting it left its pieces ("variable-resolution").
PASSING_COMMON = 0.003
RESULTS = True
RESULTS_SHARE = 0.55
ASIDES_UNSEEN = 9
# Pieces and near-repeats of a flagged mention are flagged with it.
SAME_MENTION = True
# Only a generic aside is demoted (``specificity.generic_aside``): a single word many ML abstracts use,
# a phrase of the whole field or a free combination of words said in passing, a phrase of the results
# vocabulary; never a single name, a hyphenated compound, a rare single word, or a term said in
# passing whose words ML abstracts put together more often than chance (round 2, branch s9b-keywords).
ASIDES_GENERIC = True


def demoted(
    scored: list[Candidate], feats: list[dict[str, float]], limit: float, text: str
) -> list[Candidate]:
    """The scored candidates with those said only in passing or as evaluation words (flags
    ``passing`` and ``results`` of ``features``) scored just under the threshold ``limit``."""
    flagged = [
        i for i, f in enumerate(feats) if (PASSING and f.get("passing")) or (RESULTS and f.get("results"))
    ]
    if not flagged or not 0.0 < limit < 1.0:
        return scored
    from generator.keywords.coverage import unseen

    if unseen(text) >= ASIDES_UNSEEN:
        return scored
    # a piece of a flagged mention ("pruning" said only in "neural network pruning") or a flagged term
    # with a near-repeat word ("deep learning systems" of "deep learning", ``filler.near_repeat``) is
    # the same mention: flagged too; a more specific phrase around it ("bimanual manipulation tasks")
    # is not
    marked = {t for i in flagged for a, b in scored[i].spans for t in range(a, b)} if SAME_MENTION else set()
    keys = [scored[i].key for i in flagged] if SAME_MENTION else []
    flagged = [
        i
        for i, c in enumerate(scored)
        if i in flagged
        or (c.spans and all(all(t in marked for t in range(a, b)) for a, b in c.spans))
        or (
            c.spans
            and any(filler.near_repeat(k, c.key) for k in keys)
            and all(any(t in marked for t in range(a, b)) for a, b in c.spans)
        )
    ]
    bar = -round(math.log(limit / (1.0 - limit)), 9) + 1e-6
    scored = list(scored)
    for i in flagged:
        if scored[i].score < bar:
            scored[i] = replace(scored[i], score=bar)
    return scored


def guaranteed(scored: list[Candidate], feats: list[dict[str, float]], limit: float) -> list[Candidate]:
    """The scored candidates with the paper's own concept (``OWN_SHOWN``) and the best candidate of
    each thing the authors say they work on (``TOPIC_SHOWN``) raised to the threshold ``limit``."""
    if OWN_SHOWN:
        scored = _own_shown(scored, feats, limit)
    if TOPIC_SHOWN:
        for flag in sorted({k for f in feats for k in f if k.startswith("topic")}):
            scored = _own_shown(scored, feats, limit, flag)
    if ABOUT_SHOWN:
        scored = _own_shown(scored, feats, limit, "about")
    return scored


# The concept a paper is about is shown however YAKE ranks it: a phrase of two words or more that the
# contribution sentence or the first sentence says, that the paper says at least ``ABOUT_COUNT`` times
# (2: tune www +0.001, else flat; 3 was flat), and that fewer than ``ABOUT_SHARE`` of SciTLDR train
# abstracts use ("contrastive learning", "catastrophic forgetting").
# EVALUATION.md, "Keywords, seventh session, round 2".
ABOUT_SHOWN = True
ABOUT_COUNT = 2
ABOUT_SHARE = 0.01


# The paper's most central candidate is shown even below the threshold (unless it is filler: curation
# still ranks filler last). EVALUATION.md, "Keywords, round 5".
OWN_SHOWN = True


# So is the best candidate of what the authors say they work on ("we formulate X as Y", "we study X") or
# the first sentence's subject (``_topic_concept``). EVALUATION.md, "Keywords, round 6".
TOPIC_SHOWN = True
# Round 6 guaranteed single lower-case words too; round 7 does not.
GUARANTEED_WORDS = False
# A single lower-case word is guaranteed only when it is no common English word (Zipf under
# ``filler.COMMON_ZIPF``) and ML abstracts that use it say it again in at least this share.
GUARANTEED_REPEAT = 0.2


def _topic_word(word: str) -> bool:
    """Whether a single word is specific enough to guarantee: not common English ("word") and a word of
    a topic by burstiness, not one said in passing ("fidelity": 2 of 13 abstracts say it twice)."""
    share = repeat_share(word)
    return filler.zipf(word) < filler.COMMON_ZIPF and (share is None or share >= GUARANTEED_REPEAT)


def _own_shown(
    scored: list[Candidate], feats: list[dict[str, float]], limit: float, flag: str = "own"
) -> list[Candidate]:
    """The candidates with the best one of what the paper says it makes or addresses (feature
    ``own``: in its contribution sentence's object or its own name's long form) scored at least at
    the threshold's probability, so curation shows it."""
    own = [i for i, f in enumerate(feats) if f.get(flag) and not _written_filler(scored[i].key)]
    if not GUARANTEED_WORDS:
        # a guaranteed concept is a specific phrase or a name, never a single lower-case word ("word",
        # "fidelity"): EVALUATION.md, "Keywords, round 7"
        own = [
            i
            for i in own
            if " " in scored[i].key or not scored[i].text.islower() or _topic_word(scored[i].key)
        ]
    if flag != "own":
        # what the authors say they work on: a term, not a word said once or a free combination
        from generator.keywords.specificity import unspecific

        own = [
            i
            for i in own
            if (" " in scored[i].key or (GUARANTEED_WORDS and feats[i]["count"] > math.log1p(1)))
            and not unspecific(scored[i].key, round(math.expm1(feats[i]["count"])), text=scored[i].text)
        ]
    if not own or not 0.0 < limit < 1.0:
        return scored
    best = min(own, key=lambda i: (scored[i].score, scored[i].key))
    bar = -round(math.log(limit / (1.0 - limit)), 9) - 1e-6
    if scored[best].score > bar:
        scored = list(scored)
        scored[best] = replace(scored[best], score=bar)
    return scored


def _written_filler(key: str) -> bool:
    """Filler by the written rules (``keywords.filler``), which curation ranks last whatever its score."""
    return filler.is_leftover(key) or (
        " " not in key and (filler.is_generic(key) or generic.is_generic_word(key))
    )


def _hand_weighted(cand: Candidate, f: dict[str, float]) -> Candidate:
    """The hand-set weighting before the learned model (for comparison in the tuning script)."""
    factor = 1.0
    common = 10 ** (f["phrase_df"] - 4)
    if f["incidental"]:
        factor *= INCIDENTAL_FACTOR
    elif f["background"]:
        factor *= BACKGROUND_FACTOR
    if f["central"]:
        factor *= CENTRAL_FACTOR
    elif " " in cand.key and common > FIELD_PHRASE_SHARE:
        factor *= FIELD_FACTOR
    elif " " in cand.key and common > GENERIC_PHRASE_SHARE:
        factor *= GENERIC_FACTOR
    if f["sentences"] >= math.log1p(3):
        factor *= REPEATED_FACTOR
    return replace(cand, score=cand.score * factor) if factor != 1.0 else cand


LEARNED = True
# The fifth session's re-ranking: corpus keyphraseness, spread, shape features and boosted trees.
RERANKED = True
WEIGHTS_FILE = "keyphraseness_weights.json"
WEIGHTS_PATH = Path(__file__).with_name(WEIGHTS_FILE)


@cache
def weights() -> dict[str, float]:
    """The keyphraseness model (``generator/evaluation/keyword_tune.py``); empty before it is fitted."""
    if not WEIGHTS_PATH.is_file():
        return {}
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    return {k: float(v) for k, v in data["weights"].items()}


@cache
def threshold() -> float:
    """The probability under which a keyword is not shown once a paper has its minimum."""
    if not WEIGHTS_PATH.is_file():
        return 0.0
    return float(json.loads(WEIGHTS_PATH.read_text(encoding="utf-8")).get("threshold", 0.0))
