"""A title from the abstract's own words: the noun-phrase span a learned scorer likes best.

Candidate spans are read with the part-of-speech tagger in every sentence (fifth session; before,
the opening sentences and the contribution sentence, ``contribution.contribution_sentence``): runs
of ``MIN_WORDS`` to ``MAX_WORDS`` words that open on an adjective, noun, gerund or number, end on
the noun (or gerund) that ends a noun group, and hold only noun-phrase words and the prepositions
and conjunctions that join noun phrases ("adaptive loss scaling for mixed precision training"); a
participle only before its noun. A linear model scores each span from its length, where it stands
(which sentence, right after the contribution verb, the word before it), its first and last words
and tags, how much of the abstract's distinctive vocabulary it holds and what a title word model
expects of its words. A span right after a negation ("without access to additional data", "instead
of ...") is no candidate: as a title it would say the opposite of the paper. Features also hold the
span's coarse part-of-speech pattern, how common its head is in general English (wordfreq: "method"
against "autoencoders") and whether it holds a coined word. The weights (``span_weights.json``) are
a ridge regression (numpy, closed form) on each SciTLDR train span's word F1 with the paper's real
title, centred per abstract (``python -m generator.evaluation.title_tune``).

Round 4: the phrases ``compose.py`` writes from the authors' clauses (the object of their verb with
its attached phrases, gerund actions, purposes, means, "X for <topic>") compete with the spans,
each marked by its source (``src=``); every candidate also has the document frequency of its words
over SciTLDR train (``text/generic.py``: "deep reinforcement learning" is all generic words)
and whether it names the method (the contribution's head noun group) and the problem (the opening
sentence's subject). ``BACKGROUND_LAST`` (off) would try the phrases of sentences before the
contribution sentence last.

Round 5: every candidate is also read by a language model of real titles (``title_lm.py``: how
title-like its opening, joins and end are, by words and by tags) and for what it keeps of the
contribution sentence's object (``obj_cover``: the share of the object's specific words, with its
attached phrases; ``qualifier`` / ``no_qualifier``: whether it keeps or drops the object's last
attached phrase, "... between graphs"). A candidate less title-like than all but 1% of real titles
is tried only when nothing else is left (``REJECT_DISFLUENT``), and a candidate that completes the
best one with its attached phrase within a margin of its score goes first
(``span_order.complete_first``).

Fifth session: spans of every sentence (``ALL_SENTENCES``); a word the tagger called a noun that ML
abstracts use as a verb ends a span (``_misread_verb``). A tree ranker over the candidates tied the
ridge on train and was removed (EVALUATION.md, "Titles, fifth session").

Seventh session: each candidate is read against the TLDR stage's summary (how many of its words the
summary says, whether it stands inside it or comes from its sentence) and by what governs it in its
sentence (the nearest verb and preposition, ``gov=`` / ``gin=``: "outperforms X", "than X"), by
``span_context.py`` (``CONTEXT``); a participle after an auxiliary and adverbs opens no span.

Eighth session: a phrase the abstract compares with ("outperforms X", "than X") or denies ("does
not need X", "have only examined X"), in any of its occurrences, is tried after every other
(``span_order.CONTRAST_LAST``, ``span_context.contrast``): an order, not a learned weight, since word
F1 hardly tells a baseline from the paper's own object and blind readers call it broken.

Eighth session, round 2: a first candidate that counts ("two forms of symmetry") or opens on a
relational noun and its "of" ("type of deep contextualized word representation") gives its place to
its own complement when that is a candidate too (``span_order.VAGUE_COMPLEMENT``).

These ordering rules and their switches live in ``span_order.py``.
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
from generator.text import generic, heads
from generator.text.nounphrases import continues
from generator.text.sentences import sentences
from generator.text.wordlists import TITLES_SPANS_JOIN as _JOIN
from generator.text.wordlists import TITLES_SPANS_NEGATION as _NEGATION
from generator.titles import compose, contribution, span_context, span_order, title_lm
from generator.titles.tldr import abstract_sentences
from generator.titles.tldr_model import _idf, rouge_words, word_features

MIN_WORDS = 3
MAX_WORDS = 12
OPENING = 3  # the opening sentences searched besides the contribution sentence (ALL_SENTENCES off)
# spans of every sentence of the abstract (fifth session): the candidate-set ceiling on train rises
# 0.452 -> 0.490 and the first candidate's word F1 0.320 -> 0.325 (EVALUATION.md "Titles, fifth
# session"); the ranker's ``sent=`` features tell the sentences apart
ALL_SENTENCES = True
# a word the tagger called a noun that ML abstracts use as a verb ends a span (``_misread_verb``)
MISREAD_VERBS = True
VERB_HEAD_SHARE = 0.1  # at most this share of head uses ("decreases": 1 of 15; "updates": 0.3)
# and less than this share of uses before a noun ("improves" 0.28: "improves performance"; the
# modifier "end-to-end" 0.56)
VERB_MODIFIER_SHARE = 0.4
WEIGHTS_FILE = "span_weights.json"
TITLE_WORDS = 8.5  # the real titles' mean length in words (SciTLDR train)
GENERIC_SHARE = 0.05  # a word in more than this share of train abstracts is generic ("learning")
# phrases of sentences before the contribution sentence tried last: off, it costs word F1 (train
# 5-fold 0.327 -> 0.308) and its replacements read as fragments (EVALUATION.md, round 4)
BACKGROUND_LAST = False
# candidates the title language model finds unlike any real title (title_lm.fluent) go last
REJECT_DISFLUENT = True
COMPOSED = True  # phrases written from the authors' clauses (compose.py) compete with the spans
# seventh session: agreement with the TLDR stage's summary and what governs a span in its sentence
# (``span_context.py``)
CONTEXT = True
# seventh session, second round: a span never ends where its phrase goes on in its sentence ("... with
# range" of "with range of activation functions", ``text.nounphrases.continues``); compose.py likewise
CONTINUED = True

_START = frozenset({"JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "VBG", "VBN", "CD", "FW"})
_INSIDE = _START | {"POS"}
_NOUNS = frozenset({"NN", "NNS", "NNP", "NNPS"})
_MODIFIED = frozenset({"JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "VBG", "VBN", "CD", "FW"})
_AUXILIARIES = frozenset({"is", "are", "was", "were", "be", "been", "being", "has", "have", "had"})
_WORD = re.compile(r"[a-z0-9]+")
_COARSE = {"JJ": "J", "NN": "N", "VB": "V", "IN": "I", "CC": "C", "DT": "D", "CD": "N", "TO": "I", "FW": "N"}


def _coined(word: str) -> bool:
    return any(ch.isupper() for ch in word[1:]) or (
        any(ch.isdigit() for ch in word) and any(ch.isalpha() for ch in word)
    )


@cache
def _model() -> dict:
    return json.loads(resources.files(__package__).joinpath(WEIGHTS_FILE).read_text(encoding="utf-8"))


def weights() -> dict[str, float]:
    """The span scorer's weights by feature name ('' the bias)."""
    return _model()["weights"]


def title_word_probabilities(
    text: str, word_weights: dict[str, float] | None = None, only: set[str] | None = None
) -> dict[str, float]:
    """The probability that the paper's title uses each word of the abstract (of ``only``, when
    given): a logistic regression on the features of ``tldr_model.word_features``, learned on the train
    split's real titles."""
    w = _model()["words"] if word_weights is None else word_weights
    bias = w.get("", 0.0)
    out = {}
    for word, feats in word_features(abstract_sentences(text)).items():
        if only is not None and word not in only:
            continue
        z = bias + sum(v * w.get(k, 0.0) for k, v in feats.items())
        out[word] = 1.0 / (1.0 + math.exp(-z))
    return out


def weights_digest() -> str:
    """The digest of the ridge's weights."""
    return file_digest(Path(__file__).with_name(WEIGHTS_FILE))


def _gerund_head(tagged: list[tuple[str, str]], j: int) -> bool:
    """A gerund that heads its noun group ("loss scaling that ...", "precision training."): after a
    noun, and followed by no object (no determiner, adjective or noun)."""
    return (
        j < len(tagged)
        and tagged[j][1] == "VBG"
        and j > 0
        and tagged[j - 1][1] in _NOUNS
        and (j + 1 >= len(tagged) or tagged[j + 1][1] not in _MODIFIED | {"DT", "PRP$"})
    )


def _misread_verb(word: str, opening: bool) -> bool:
    """Is a word the tagger called a noun a verb by ML abstracts' usage ("Language models exhibit
    biases", "Forecasting relies on ...")? SciTLDR train (``text/heads.py``) uses it almost never as a
    noun head and mostly not before a noun either. Names (capitals) are not judged, except the
    sentence's first word."""
    low = word.lower() if opening else word
    if not low.islower():
        return False
    head, before = heads.share(low), heads.modifier_share(low)
    return head is not None and head < VERB_HEAD_SHARE and before is not None and before < VERB_MODIFIER_SHARE


def _after_auxiliary(tagged: list[tuple[str, str]], i: int) -> bool:
    """Does an auxiliary come before word ``i``, past any adverbs ("have *only* examined X",
    "is *widely* used")? Then a participle there is the clause's verb, not a modifier."""
    k = i - 1
    while k >= 0 and tagged[k][1] in {"RB", "RBR", "RBS"}:
        k -= 1
    return k >= 0 and tagged[k][0].lower() in _AUXILIARIES


def _spans(tagged: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """(start, end) token ranges of the candidate spans of one tagged sentence."""
    out = []
    n = len(tagged)
    for i, (w, t) in enumerate(tagged):
        if t not in _START or w.lower() in contribution.SELF_PRAISE:
            continue
        # never from the middle of a name written in capitals: "Carlo Tree Search" of "Monte Carlo
        # Tree Search"
        if i and w[:1].isupper() and tagged[i - 1][1] in {"NNP", "NNPS"} and tagged[i - 1][0][:1].isupper():
            continue
        # a participle after a noun or a comma, or opening the sentence, is a clause of its own ("a
        # method called adaptive quantization", "Given real data, ..."), not a modifier of its noun
        if t == "VBN" and (
            i == 0 or tagged[i - 1][1] in _NOUNS | {",", "-RRB-"} or _after_auxiliary(tagged, i)
        ):
            continue
        # "without access to additional data", "instead of X": the paper has or does the opposite
        if any(tagged[k][0].lower() in _NEGATION for k in range(max(i - 2, 0), i)):
            continue
        for count, j in enumerate(range(i, n), 1):
            wj, tj = tagged[j]
            joins = wj.lower() in _JOIN and tj in {"IN", "CC", "TO"}
            article = tj in {"DT", "PRP$"} and tagged[j - 1][0].lower() in _JOIN
            if not (tj in _INSIDE or joins or article) or not any(ch.isalnum() for ch in wj):
                break
            if MISREAD_VERBS and tj in {"NN", "NNS"} and _misread_verb(wj, j == 0):
                break
            # a preposition or conjunction joins noun phrases: the group before it must have its
            # noun ("Interested in methods" is an adjective's complement, no noun phrase)
            if joins and j > i and not (tagged[j - 1][1] in _NOUNS or _gerund_head(tagged, j - 1)):
                break
            # a participle only before the noun it modifies ("learned representations"), never as
            # a clause of its own ("... method called X", "... models trained on")
            after_noun = j > 0 and tagged[j - 1][1] in _NOUNS
            if tj == "VBN" and (after_noun or j + 1 >= n or tagged[j + 1][1] not in _MODIFIED):
                break
            # a gerund after a noun opens a clause ("questions using knowledge") unless it heads
            # the group ("loss scaling")
            if tj == "VBG" and after_noun and not _gerund_head(tagged, j):
                break
            if count > MAX_WORDS:
                break
            # a span ends on a noun (or a gerund heading its group) that ends its noun group: never
            # "... pre-trained language" of "pre-trained language models"
            ends_group = j + 1 >= n or (
                tagged[j + 1][1] not in _NOUNS | {"POS"} and not _gerund_head(tagged, j + 1)
            )
            head = tj in _NOUNS or _gerund_head(tagged, j)
            if count >= MIN_WORDS and head and ends_group and not (CONTINUED and continues(tagged, j + 1)):
                out.append((i, j + 1))
    return out


def _retagged(phrase: str, sentence: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A written phrase's words with the tags they have in the sentence it was written from (tagging
    each phrase anew would cost more than the whole title); a word the phrase adds is a joining
    preposition ("via", "for") or the gerund it made of the authors' verb."""
    tags = {w: t for w, t in reversed(sentence)}
    return [
        (w, tags.get(w) or ("IN" if w.lower() in _JOIN else "VBG" if w.endswith("ing") else "NN"))
        for w in phrase.split()
    ]


def _open_end(words: list[str], sentence: list[tuple[str, str]]) -> bool:
    """Does a preposition or "to" follow the phrase's last two words where the sentence has them
    ("... in order" of "in order to")?"""
    tail = words[-2:]
    return any(
        [w for w, _ in sentence[k - len(tail) + 1 : k + 1]] == tail and sentence[k + 1][1] in {"IN", "TO"}
        for k in range(len(tail) - 1, len(sentence) - 1)
    )


def candidate_spans(
    text: str, probs: dict[str, float] | None = None, lm: title_lm.Models | None = None
) -> list[tuple[str, dict[str, float]]]:
    """Every (span, features) of an abstract, in reading order; ``probs``: the title word model's
    probabilities (``title_word_probabilities``; the tuning passes ones learned without this abstract);
    ``lm``: the title language model (the tuning passes one learned without this abstract's title)."""
    sents = sentences(text)
    if not sents:
        return []
    found = contribution.contribution_sentence(text)
    searched = len(sents) if ALL_SENTENCES else min(OPENING, len(sents))
    chosen = {i: contribution.tagged(sents[i]) for i in range(searched)}
    if found:
        chosen[found[0]] = found[1]
    if probs is None:
        needed = {w for pairs in chosen.values() for w in rouge_words(" ".join(t for t, _ in pairs))}
        probs = title_word_probabilities(text, only=needed)
    verb_at = -1
    if found:
        chosen[found[0]] = found[1]
        verb_at = next(
            (
                k
                for k, (w, t) in enumerate(found[1])
                if t.startswith("VB") and w.lower() in contribution.CONTRIBUTION_VERBS
            ),
            next(
                (
                    k
                    for k, (w, t) in enumerate(found[1])
                    if t.startswith("VB") and w.lower() in contribution.TOPIC_VERBS
                ),
                -1,
            ),
        )
    all_words = Counter(_WORD.findall(text.lower()))
    score = {w: c * _idf(w) for w, c in all_words.items() if _idf(w) > 2.5}
    top = set(sorted(score, key=lambda w: (-score[w], w))[:10])
    lowered = text.lower()
    out = []
    background_before = found[0] if found else 0
    # what the paper makes (the contribution's head noun group) and the problem the abstract opens
    # with (its first sentence's subject): whether a candidate names the method, the problem or both
    method = {w.lower() for w in compose.contribution_core(found[1])} if found else set()
    opening = chosen.get(0) or contribution.tagged(sents[0])
    problem = {w.lower() for words in compose.topic(opening) for w in words} - method
    # what the contribution sentence says the paper makes, with its attached phrases ("neural
    # architecture for learning structural correspondences between graphs"): its content words, and
    # those of its qualifier (the attached phrases)
    obj_words = [w.lower() for w in compose.contribution_object(found[1])] if found else []
    # the qualifier: the last attached phrase, what a cut drops first ("between graphs")
    cut = max((k for k, w in enumerate(obj_words) if w in _JOIN), default=len(obj_words))
    obj_all = {w for w in obj_words if w not in _JOIN and generic.share(w) <= GENERIC_SHARE}
    qualifier = {w for w in obj_words[cut:] if w not in _JOIN and generic.share(w) <= GENERIC_SHARE}

    def common(toks: list[str], index: int, pairs: list[tuple[str, str]]) -> dict[str, float]:
        """The features every candidate has, span or composed phrase."""
        lows = [w.lower() for w in toks]
        n = len(toks)
        phrase = " ".join(toks)
        f: dict[str, float] = {
            f"len={n}": 1.0,
            f"sent={min(index, 4)}": 1.0,
            "contribution": float(bool(found) and index == found[0]),
            "background": float(index < background_before),
            "first": float(index == 0),
            "f0=" + lows[0]: 1.0,
            "fl=" + lows[-1]: 1.0,
            "joins": sum(1 for w in lows if w in _JOIN) / n,
            "and": float("and" in lows),
            "top": len(set(lows) & top) / 10,
            "topfrac": sum(1 for w in lows if w in top) / n,
            "idf": sum(_idf(w) for w in lows) / n / 8,
            "caps": sum(1 for w in toks if w[:1].isupper()) / n,
            "repeats": math.log1p(lowered.count(phrase.lower())),
            "rest": math.log1p(sum(all_words[w] for w in lows if w in all_words) / n),
            f"headzipf={min(int(zipf(lows[-1])), 6)}": 1.0,
            "coined": float(any(_coined(w) for w in toks)),
        }
        content = [w for w in lows if w not in _JOIN]
        shares = [math.log10(generic.share(w) + 1e-4) for w in content] or [0.0]
        f["df_mean"] = sum(shares) / len(shares) / 4
        f["df_min"] = min(shares) / 4
        f["df_generic"] = sum(1 for w in content if generic.share(w) > GENERIC_SHARE) / max(len(content), 1)
        f["all_generic"] = float(all(generic.share(w) > GENERIC_SHARE for w in content))
        f["method"] = float(bool(method & set(lows)))
        f["problem"] = float(bool(problem & set(lows)))
        f["method_problem"] = f["method"] * f["problem"]
        rw = rouge_words(phrase)
        match = sum(probs.get(w, 0.0) for w in set(rw))
        f["eF"] = 2 * match / (len(rw) + TITLE_WORDS)
        f["eP"] = match / max(len(rw), 1)
        f["eR"] = match / TITLE_WORDS
        # how much it looks like a real title (title_lm.py), and what of the contribution it keeps
        f.update(title_lm.features(pairs, lm))
        if view is not None:
            f.update(span_context.features(phrase, index, view))
        low = set(lows)
        f["obj_cover"] = len(obj_all & low) / len(obj_all) if obj_all else 0.0
        f["qualifier"] = float(bool(qualifier & low))
        f["no_qualifier"] = float(bool(qualifier) and not qualifier & low and bool(obj_all & low))
        lead = span_order.vague(pairs) if span_order.VAGUE_COMPLEMENT else 0
        if lead:
            f["vague"] = float(lead)
        return f

    view = span_context.summary(text, tuple(sents)) if CONTEXT else None
    out = []
    for index in sorted(chosen):
        tagged = chosen[index]
        is_contribution = bool(found) and index == found[0]
        for i, j in _spans(tagged):
            toks = [w for w, _ in tagged[i:j]]
            f = common(toks, index, tagged[i:j])
            f["src=span"] = 1.0
            f["rel"] = i / max(len(tagged), 1)
            f["t0=" + tagged[i][1]] = 1.0
            f["tl=" + tagged[j - 1][1]] = 1.0
            f["prev=" + (tagged[i - 1][0].lower() if i else "^")] = 1.0
            f["next=" + (tagged[j][1] if j < len(tagged) else "$")] = 1.0
            # a phrase attaches to it ("in order to", "in combination with"): no completed title
            f["open_end"] = float(j < len(tagged) and tagged[j][1] in {"IN", "TO"})
            # the words' part-of-speech pattern, coarse ("JNIN": adjective noun preposition noun)
            coarse = "".join(_COARSE.get(t[:2], "x") for _, t in tagged[i:j])
            f["pos=" + re.sub(r"(.)\1+", r"\1", coarse)] = 1.0
            if view is not None:
                f.update(span_context.governors(tagged, i, lambda w: _misread_verb(w, False)))
            if span_order.CONTRAST_LAST and span_context.contrast(tagged, i):
                f["contrast"] = 1.0
            if is_contribution and verb_at >= 0:
                gap = i - verb_at
                f["after_verb"] = float(0 < gap <= 3)
                f[f"gap={max(min(gap, 6), -1)}"] = 1.0
            out.append((" ".join(toks), f))
    if COMPOSED:
        for phrase, source, index in compose.composed(text):
            sentence = contribution.tagged(sents[index])
            f = common(phrase.split(), index, _retagged(phrase, sentence))
            f["src=" + source] = 1.0
            f["gerund"] = float(phrase.split()[0].endswith("ing"))
            f["open_end"] = float(_open_end(phrase.split(), sentence))
            out.append((phrase, f))
    return span_order.contrasted(out) if span_order.CONTRAST_LAST else out


def score(feats: dict[str, float]) -> float:
    w = weights()
    return w.get("", 0.0) + sum(v * w.get(k, 0.0) for k, v in feats.items())


@lru_cache(maxsize=16)
def _scored(text: str) -> tuple[tuple[str, float, bool, bool, bool, bool, int], ...]:
    """(candidate, score, from the background, fluent, open end, contrasted, leading words that count
    or relate: ``vague``) of each candidate of an abstract."""
    rows = candidate_spans(text)
    scores = [score(feats) for _, feats in rows]
    return tuple(
        (
            span,
            value,
            feats.get("background", 0.0) > 0,
            title_lm.fluent(feats),
            feats.get("open_end", 0.0) > 0,
            feats.get("contrast", 0.0) > 0,
            int(feats.get("vague", 0.0)),
        )
        for (span, feats), value in zip(rows, scores, strict=True)
    )


def ranked_spans(text: str, exclude: str = "", room: int = 0) -> list[str]:
    """The abstract's spans, best first (equal scores in reading order), without those that contain
    ``exclude`` (the paper's name, which the title already shows) or are longer than ``room``
    characters (when given). A phrase of a background sentence
    (before the contribution sentence: "catastrophic forgetting in neural networks" for a paper that
    cures it) comes after every other (``BACKGROUND_LAST``)."""
    rows = list(_scored(text))
    # a phrase the title's length limit would cut is no candidate ("... in the frequency" of "...
    # in the frequency domain")
    if room:
        rows = [row for row in rows if len(row[0]) <= room]
    if exclude:
        pattern = re.compile(rf"(?<!\w){re.escape(exclude)}(?!\w)", re.I)
        rows = [row for row in rows if not pattern.search(row[0])]
    # a candidate less title-like than nearly every real title (title_lm.py: "Based keyword
    # spotting") is tried only when no fluent one is left
    # a phrase of a comparison or a denied claim ("outperforms X", "have only examined X") after
    # every other (``span_order.CONTRAST_LAST``)
    order = sorted(
        range(len(rows)),
        key=lambda k: (
            REJECT_DISFLUENT and not rows[k][3],
            span_order.CONTRAST_LAST and rows[k][5],
            BACKGROUND_LAST and rows[k][2],
            -rows[k][1],
            k,
        ),
    )
    first = span_order.complete_first(
        [rows[k][0] for k in order], [rows[k][1] for k in order], closed=[not rows[k][4] for k in order]
    )
    if first:
        order.insert(0, order.pop(first))
    # a first candidate that counts or relates ("notion of X") gives its place to its complement ("X")
    first = span_order.complement_first(
        [rows[k][0] for k in order],
        [rows[k][6] for k in order],
        [
            (rows[k][3] or not REJECT_DISFLUENT) and not (span_order.CONTRAST_LAST and rows[k][5])
            for k in order
        ],
    )
    if first:
        order.insert(0, order.pop(first))
    return list(dict.fromkeys(rows[k][0] for k in order))
