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
  fixed expression ("Black" before "Box": ``_fixed_share``);
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

The phrase statistics (``data/phrasedf.json.gz``) are built by ``tools/build_phrasedf.py`` from the
SciTLDR train split only; ``name_form`` gives the capitalised form of a word those abstracts write
capitalised inside sentences ("Markov", "Q-learning", "Reddit").
"""

from __future__ import annotations

import gzip
import json
import math
import re
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from generator.keywords import filler
from generator.keywords.concepts import CLAUSE_END as _CLAUSE_END
from generator.keywords.concepts import own_concept as _own_concept
from generator.keywords.concepts import topic_concept as _topic_concept
from generator.keywords.grammar import TOKEN
from generator.runtime.cache import file_digest
from generator.text import generic
from generator.text.forms import phrase_key
from generator.text.sentences import sentences
from generator.text.wordlists import KEYWORDS_CENTRAL_AUXILIARIES as _AUXILIARIES
from generator.text.wordlists import KEYWORDS_CENTRAL_CONTRIBUTION_STARTS as _CONTRIBUTION_STARTS

if TYPE_CHECKING:
    from generator.keywords.curate import Candidate

PHRASEDF_PATH = Path(__file__).parent / "data" / "phrasedf.json.gz"
CENTRAL_FACTOR = 0.5
REPEATED_FACTOR = 0.7
INCIDENTAL_FACTOR = 4.0
BACKGROUND_FACTOR = 2.0
GENERIC_FACTOR = 3.0
# A phrase in more than this share of SciTLDR train abstracts is a phrase of every ML paper.
GENERIC_PHRASE_SHARE = 0.01
# A phrase in more than this share is a word of the whole field ("machine learning", "neural networks"):
# last unless the contribution sentence says it (YAKE scores span orders of magnitude).
FIELD_PHRASE_SHARE = 0.05
FIELD_FACTOR = 1000.0
# A word that follows the same word in this share of the abstracts that use it lives in a fixed expression.
FIXED_SHARE = 0.75
# A phrase whose every occurrence has an edge word that SciTLDR train abstracts write next to the word
# beside it here at least this often ("black" before "box", "real-world") cuts that expression: left
# out (on the tune data this changed the shown keywords of 2 of 1,314 documents and no F1@10).
CUT_SHARE = 0.3
_YEAR = re.compile(r"^(1[89]|20)\d\d[a-z]?$")
_EXAMPLE_CUES = (
    ("e", ".", "g"), ("such", "as"), ("for", "example"), ("for", "instance"), ("including",), ("like",),
    # what the paper's work is measured against: a baseline, not its subject
    ("compared", "with"), ("compared", "to"), ("than",), ("outperforms",), ("outperform",),
    ("outperforming",), ("outperformed",), ("surpasses",), ("surpassing",),
)  # fmt: skip


@cache
def _data() -> dict:  # type: ignore[type-arg]
    with gzip.open(PHRASEDF_PATH, "rt", encoding="utf-8") as handle:
        return json.load(handle)  # type: ignore[no-any-return]


@cache
def _table() -> tuple[int, dict[str, int], dict[str, str]]:
    data = _data()
    return data["documents"], data["df"], data["names"]


def repeat_share(word: str) -> float | None:
    """Of the SciTLDR train abstracts that use `word` (at least 5), the share that say it twice or more;
    None with less evidence. A word of a topic comes back within its abstract ("graph" 0.64,
    "robustness" 0.40), a word of the writing around it does not ("in-depth" 0.0, "mathematical" 0.0,
    "modification" 0.05): the within-document burstiness of Church and Gale (1995)."""
    found = _data().get("repeats", {}).get(phrase_key(word))
    return found[1] / found[0] if found else None


def word_documents(word: str) -> int:
    """How many SciTLDR train abstracts use the word in any form (keyword key: "patches" as "patch"),
    0 when fewer than 5."""
    found = _data().get("repeats", {}).get(phrase_key(word))
    return found[0] if found else 0


@cache
def digest() -> str:
    """The phrase statistics and the keyphraseness model: what the candidates' scores depend on."""
    return file_digest(PHRASEDF_PATH, WEIGHTS_PATH)


def phrase_share(key: str) -> float:
    """The share of SciTLDR train abstracts that use the phrase (two or three words, lower case)."""
    documents, df, _names = _table()
    return df.get(key.lower(), 0) / documents


def name_form(word: str) -> str:
    """The capitalised form ML abstracts write `word` in inside sentences, or '' if they write it in
    lower case ("markov" -> "Markov", "q-learning" -> "Q-learning"; "network" -> '')."""
    return _table()[2].get(word.lower(), "")


def fixed_expression(first: str, second: str, cut: str = "") -> bool:
    """Whether the word `cut` (by default `second`) is nearly always written in the pair "first second"
    ("de novo", "from scratch", "Nash equilibrium"): a keyword that keeps `cut` and leaves out the
    other word is a piece of a fixed expression."""
    _documents, df, _names = _table()
    pair = df.get(f"{first.lower()} {second.lower()}", 0)
    alone = generic.share(cut or second) * generic.documents()
    return pair >= 3 and alone > 0 and pair >= FIXED_SHARE * alone


def _sentence_of_tokens(text: str) -> tuple[list[str], list[int], list[str]]:
    """Tokens (as ``extract`` finds them), each token's sentence number, and the sentences."""
    sents = sentences(text)
    starts, at = [], 0
    for s in sents:
        found = text.find(s, at)
        at = found if found >= 0 else at
        starts.append(at)
        at += len(s)
    tokens, where, k = [], [], 0
    for m in TOKEN.finditer(text):
        while k + 1 < len(starts) and m.start() >= starts[k + 1]:
            k += 1
        tokens.append(m.group())
        where.append(k)
    return tokens, where, sents


def _contribution(sents: list[str]) -> tuple[int, int]:
    """The contribution sentence (the summary scorer's best) and the first sentence that says what
    the paper does (those before it are background); -1 when there is none."""
    from generator.titles import tldr

    if not sents:
        return -1, -1
    w = tldr.weights()
    bias = w.get("", 0.0)
    scores = []
    for i in range(len(sents)):
        feats = tldr.sentence_features(sents, i)
        scores.append(bias + sum(v * w.get(k, 0.0) for k, v in feats.items()))
    best = max(range(len(sents)), key=lambda i: (scores[i], -i))
    first = next((i for i, s in enumerate(sents) if s.lower().lstrip().startswith(_CONTRIBUTION_STARTS)), -1)
    return best, first


def incidental_tokens(tokens: list[str]) -> tuple[set[int], set[int]]:
    """Token positions inside a citation or an example, and the positions of cited surnames."""
    lowered = [t.lower() for t in tokens]
    incidental: set[int] = set()
    surnames: set[int] = set()
    # Parentheses with a year or "et al.": citations.
    stack: list[int] = []
    for i, t in enumerate(tokens):
        if t in "([":
            stack.append(i)
        elif t in ")]" and stack:
            start = stack.pop()
            inside = range(start + 1, i)
            if any(_YEAR.match(lowered[j]) or lowered[j] == "al" for j in inside):
                incidental.update(inside)
                surnames.update(j for j in inside if tokens[j][:1].isupper())
                if all(_YEAR.match(lowered[j]) or tokens[j] in ",;" for j in inside):
                    # A narrative citation, "Frankle & Carbin (2019)": the names before the year.
                    names = _names_before(tokens, start)
                    incidental.update(names)
                    surnames.update(j for j in names if tokens[j][:1].isupper())
    for i in range(len(tokens) - 1):
        if lowered[i] == "et" and lowered[i + 1] == "al":
            j = i - 1
            while j >= 0 and (tokens[j][:1].isupper() or lowered[j] in {"and", "&", "-"}):
                if tokens[j][:1].isupper():
                    surnames.add(j)
                incidental.add(j)
                j -= 1
    # Examples and baselines: from "e.g." / "such as" / "compared with" / "than" to the clause's end.
    for i in range(len(tokens)):
        for cue in _EXAMPLE_CUES:
            if tuple(lowered[i : i + len(cue)]) == cue:
                j = i + len(cue)
                if cue == ("like",) and (j >= len(tokens) or lowered[j] == "to"):
                    continue  # "would like to": a verb
                if j < len(tokens) and tokens[j] == ".":
                    j += 1
                if j < len(tokens) and tokens[j] == ",":
                    j += 1
                while j < len(tokens) and (tokens[j] not in _CLAUSE_END or _listed(tokens, j)):
                    incidental.add(j)
                    j += 1
    return incidental, surnames


def _listed(tokens: list[str], at: int) -> bool:
    """Whether the comma at `at` separates the items of a list of names ("such as VGG, Resnet,
    Densenet etc.", "than BERT, GPT-2 and XLNet"): the next word ("and"/"or"/"etc" passed over) is
    capitalised or has a digit; otherwise the clause ends there ("than X, which ...")."""
    if tokens[at] != ",":
        return False
    k = at + 1
    while k < len(tokens) and tokens[k].lower() in {"and", "or", "etc"}:
        k += 1
    return k < len(tokens) and any(ch.isupper() or ch.isdigit() for ch in tokens[k])


def cited_surnames(text: str) -> frozenset[str]:
    """The surnames the abstract cites ("Bertinetto et al. [2019]", "as proposed by Friston (2010)"),
    as written: never a keyword, never the paper's own name (``titles/names.py``)."""
    tokens = _sentence_of_tokens(text)[0]
    return frozenset(tokens[j] for j in incidental_tokens(tokens)[1])


def _names_before(tokens: list[str], at: int) -> list[int]:
    """Positions of the capitalised words (with "&", "and", "," between them) just before position
    `at`, that is "Frankle & Carbin" before "(2019)"; none when the word before is not capitalised."""
    found: list[int] = []
    j = at - 1
    while j >= 0 and (tokens[j][:1].isupper() or (tokens[j] in {"&", "and", ","} and found)):
        found.append(j)
        j -= 1
    while found and not tokens[found[-1]][:1].isupper():
        found.pop()
    return found


def _fixed_share(lowered: list[str], spans: tuple[tuple[int, int], ...]) -> float:
    """How surely the phrase cuts a fixed expression at its edges, least over its occurrences: the
    share of SciTLDR train abstracts using its first word that write it after the word before it here
    ("black" before "box"), or its last word before the word after it, or (two words or more) that
    write its first two words after the word before ("gradient descent" after "stochastic") or its last
    two before the word after; 0 at a sentence's punctuation
    or next to a word of most abstracts ("the", "deep": "deep neural networks" cuts no name)."""
    if not spans:
        return 0.0
    _documents, df, _names = _table()
    least = 1.0
    for start, end in spans:
        share = 0.0
        for first, second, cut in (
            (lowered[start - 1] if start else "", lowered[start], lowered[start]),
            (lowered[end - 1], lowered[end] if end < len(lowered) else "", lowered[end - 1]),
        ):
            other = first if cut == second else second
            if first[:1].isalpha() and second[:1].isalpha() and not generic.is_generic_word(other):
                alone = generic.share(cut) * generic.documents()
                if alone > 0:
                    share = max(share, min(1.0, df.get(f"{first} {second}", 0) / alone))
        if end - start >= 2:
            # The phrase's first (last) two words after (before) the word beside them here, against
            # the two words anywhere: "gradient descent" after "stochastic" (44 of 88 abstracts).
            for outer, pair, triple in (
                (lowered[start - 1] if start else "", lowered[start : start + 2], True),
                (lowered[end] if end < len(lowered) else "", lowered[end - 2 : end], False),
            ):
                if outer[:1].isalpha() and not generic.is_generic_word(outer):
                    inner = df.get(" ".join(pair), 0)
                    words = [outer, *pair] if triple else [*pair, outer]
                    if inner >= 3:
                        share = max(share, min(1.0, df.get(" ".join(words), 0) / inner))
        least = min(least, share)
    return least


# A name said only as an example or a baseline is no keyword (EVALUATION.md, "Keywords, round 6").
SIDE_NAMES_DROPPED = True


def _side_name(cand: Candidate, spans: tuple[tuple[int, int], ...], incidental: set[int]) -> bool:
    """Whether the candidate is a name (a capital letter or a digit in every word: "VGG16", "Densenet",
    "Faster R-CNN"; not "Wasserstein distance"; inside such a context a word is never a sentence's
    first) every mention of which is inside a
    citation, an example ("such as", "e.g.", "like", "including") or a baseline ("compared with",
    "than", "outperforms") context."""
    name = all(any(ch.isupper() or ch.isdigit() for ch in word) for word in cand.text.split())
    return name and all(any(j in incidental for j in range(a, b)) for a, b in spans)


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
    tokens, where, sents = _sentence_of_tokens(text)
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
        if SIDE_NAMES_DROPPED and spans and cand.key not in protected and _side_name(cand, spans, incidental):
            continue  # a model or data set named only as an example or a baseline ("such as VGG16")
        fixed = _fixed_share(lowered, spans)
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
                    # not a feature of the model (not in FEATURES): the flag ``_own_shown`` reads
                    "own": float(any(padded in o for o in own)),
                    **{f"topic{k}": float(padded in o) for k, o in enumerate(topic)},
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
    """The learned keyphraseness of one candidate, in log-odds (``keyphraseness_weights.json``)."""
    w = weights() if w is None else w
    return w.get("", 0.0) + sum(v * w.get(k, 0.0) for k, v in feats.items())


def reweigh(
    text: str, phrases: tuple[Candidate, ...], protected: frozenset[str] = frozenset()
) -> tuple[Candidate, ...]:
    """The candidates re-scored by what the paper is about, best first; incidental names and fragments
    left out. The score becomes minus the learned log-odds that the phrase is a keyword (lower is
    better, as YAKE's); ``LEARNED = False`` gives the hand-set factors this model replaced."""
    rows = features(text, phrases, protected)
    if LEARNED and weights():
        w = weights()
        out = [replace(c, score=-round(logit(f, w), 9)) for c, f in rows]
        out = guaranteed(out, [f for _c, f in rows], threshold())
    else:
        out = [_hand_weighted(c, f) for c, f in rows]
    return tuple(sorted(out, key=lambda c: (c.score, c.key))) if out else ()


def guaranteed(scored: list[Candidate], feats: list[dict[str, float]], limit: float) -> list[Candidate]:
    """The scored candidates with the paper's own concept (``OWN_SHOWN``) and the best candidate of
    each thing the authors say they work on (``TOPIC_SHOWN``) raised to the threshold ``limit``."""
    if OWN_SHOWN:
        scored = _own_shown(scored, feats, limit)
    if TOPIC_SHOWN:
        for flag in sorted({k for f in feats for k in f if k.startswith("topic")}):
            scored = _own_shown(scored, feats, limit, flag)
    return scored


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
        from generator.keywords.curate import unspecific

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


def same_concept(a: str, b: str) -> bool:
    """Whether two keys of one paper name one concept: they share most words by stem, and every word
    only one of them has adds no concept. A word adds none when it is common in general English
    ("intrinsic factor dimension" beside "intrinsic dimension"), or when it is the head of its phrase
    and a word of most ML abstracts ("backbone networks", "intrinsic dimension issue" beside
    "backbone", "intrinsic dimension"). Stems match loosely ("face images", "facial images").
    "recurrent neural networks" and "neural networks" stay apart: "recurrent" names a concept; a word of
    most ML abstracts names none ("feedforward neural network" beside "feed-forward networks": hyphens
    are compared joined). A single word is one concept with every keyword that has it."""
    if a == b:
        return True
    # Hyphens are spelling ("feed-forward" / "feedforward"); compared joined.
    wa, wb = a.replace("-", "").split(), b.replace("-", "").split()
    if len(wa) == 1 or len(wb) == 1:
        # A single word said again inside a longer keyword ("pruning", "network pruning").
        word, other = (wa[0], wb) if len(wa) == 1 else (wb[0], wa)
        return any(_alike(word, w) for w in other)
    if HEAD_EXTENSIONS_MERGED and _extends(wa, wb):
        return True
    only_a = [(x, i == len(wa) - 1) for i, x in enumerate(wa) if not any(_alike(x, y) for y in wb)]
    only_b = [(y, i == len(wb) - 1) for i, y in enumerate(wb) if not any(_alike(x, y) for x in wa)]
    if len(only_a) + len(only_b) >= max(len(wa), len(wb)):
        return False  # most words differ
    return all(_no_concept(w, head) for w, head in only_a + only_b)


# "interleaved pooling" and "interleaved pooling layers" are one keyword (EVALUATION.md).
HEAD_EXTENSIONS_MERGED = True


def _extends(wa: list[str], wb: list[str]) -> bool:
    """Whether one phrase is the other with one word more after it, by stem: the longer names the
    shorter's parts or kind of use ("interleaved pooling layers", "deformation stability analysis"),
    not another concept, as a word before would ("language models", "large language models")."""
    short, long = (wa, wb) if len(wa) < len(wb) else (wb, wa)
    return len(long) == len(short) + 1 and all(_alike(x, y) for x, y in zip(short, long, strict=False))


def _no_concept(word: str, head: bool) -> bool:
    """Common English, or a word of most ML abstracts ("neural" beside "feedforward network")."""
    if filler.zipf(word) >= filler.COMMON_ZIPF:
        return True
    return generic.is_generic_word(word)


def _alike(x: str, y: str) -> bool:
    """Two words of one stem: equal singulars, equal without an inflection ("learned"/"learning"), or a
    common start of at least three letters that is all but the last letter of the shorter
    ("face"/"facial", "backbone"/"backbones")."""
    x, y = x.rstrip("s") or x, y.rstrip("s") or y
    if x == y or _uninflected(x) == _uninflected(y):
        return True
    k = min(len(x), len(y))
    shared = min(4, max(k - 1, 3))
    return k >= 4 and x[:shared] == y[:shared] and (len(x) - shared <= 3 and len(y) - shared <= 3)


def _uninflected(word: str) -> str:
    """The word without "-ing" or "-ed" when at least four letters stay ("learning", "learned" ->
    "learn"; "embedding", "embedded" -> "embedd")."""
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word
