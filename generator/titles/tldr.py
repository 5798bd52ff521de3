"""One-line summaries (TLDRs): the abstract's sentence that says what the paper does or finds, compressed.

Extractive and compressive, offline and deterministic:

1. every sentence of the abstract gives candidates (``tldr_compress``): the sentence without its
   asides and citations, without a leading clause before its subject ("In this paper, we propose X"
   -> "We propose X"), without the opener "We propose" ("X"), cut before later clauses, and trimmed
   of -ly adverbs and self-praise; two of the authors' clauses are also joined under one subject
   ("We propose X and show Y") when they fit in ``MAX_WORDS`` (the verb read in context,
   ``tldr_refer.joinable``), and a whole contribution with a finding another subject reports
   ("Experiments show that Y" -> "We propose X and show that Y", ``tldr_says.reported``);
2. a word model (logistic regression) gives each word of the abstract the probability that a TLDR of
   it uses the word, from the word itself (frequent words only), its rarity in general English, its
   usual part of speech, how often and how early the abstract uses it, a capital inside a sentence,
   and how many of the authors' "we" and contribution sentences have it; a candidate's expected
   ROUGE-1 F, precision and recall with the unseen TLDR follow (``expected``);
3. a linear ranker scores each candidate from that expectation, the class-based log-odds of its
   words (how often train TLDRs use a word their abstract has, smoothed towards the overall rate;
   ``log_odds``), its sentence's rhetorical role (subject and first verb: "we_propose",
   "we_evaluate", "experiments_show"; weights learned on train, not a hand list) and a few more:
   whether its sentence comes before the authors speak (background) and how far after their first
   sentence it comes, its IDF-weighted cosine with the whole abstract (centroid), whether it was cut,
   trimmed, joined or lost its opener, modal verbs (hedges) and numerals;
4. the best candidate of at most ``MAX_WORDS`` words wins (``choose``); one that opens by pointing
   back to an earlier sentence ("Both models ...", "The proposed method ...",
   ``tldr_compress.anaphoric``) only when nothing else is left; among candidates within the ranker's
   margin of doubt (``unsure_margin``, set on train), one that stands alone wins: no pointer back
   inside it ("this problem", ``tldr_compress.leans_back``) and no acronym it cannot explain, and
   then one that neither sets up the work ("We evaluate X in comparison to ...",
   ``tldr_compress.sets_up``, its verbs learned on train) nor comes before the authors speak;
   A candidate whose subject or object points back to what the reader never saw ("We achieve this
   by ...", "This decoupling allows ...", "our model"; ``tldr_refer``, read with the tagger) also
   appears resolved when the sentence before names its antecedent ("this problem" -> "the problem
   of X"); unresolved, it loses to the best candidate without a pointer, from where the authors
   speak, within ``pointer_margin`` (set on train); a vague pick (fewer than ``specific_floor``
   of the abstract's specific words, ``tldr_specific``) loses to a candidate saying enough of them
   within ``vague_margin`` (set on train); "We propose X" with the next sentence's account of X
   ("The model composes ...", "CompGCN leverages ...", "Our method searches ...") is a candidate too
   ("We propose X, which composes ...", ``tldr_refer.elaborate``) and, when the pick is a form of the
   contribution's sentence, wins within ``told_margin`` (set on train; seventh session);
4b. gradient-boosted trees (``tldr_rank``, fifth session) may add their predicted ROUGE-1 of each
   candidate, read against its sentence and its abstract, to the ranker's score before ``choose``
   (``with_learned_ranks``); shipped off (weight 0: no gain beyond noise with the reader's margins);
5. an acronym the abstract defines gets its long form on first use in the TLDR ("neural machine
   translation (NMT)", ``spell_out``) when that fits in ``MAX_WORDS`` words.

Both models (``tldr_weights.json``) learn on the SciTLDR train split only, by
``python -m generator.evaluation.tldr_tune``: the word model on which abstract words the author's
TLDR uses, the ranker as a conditional logit (a softmax over each abstract's candidates) towards
the candidates' ROUGE-1 with the author's TLDR. ``weights`` (the round-2 sentence scorer over
``sentence_features``) is kept unchanged in the same file: the keyword stage finds the contribution
sentence with it. ``make eval`` reports ROUGE on the dev split (EVALUATION.md).
"""

from __future__ import annotations

from functools import cache

from generator.text import acronyms
from generator.text.latex import strip_latex
from generator.text.sentences import sentences
from generator.titles import tldr_compress as compress
from generator.titles import tldr_rank as rank
from generator.titles import tldr_refer as refer
from generator.titles import tldr_says as says_
from generator.titles import tldr_specific as specific
from generator.titles.tldr_model import (
    AUTHORS,
    CANDIDATE_KEYS,
    LogOdds,
    candidate_features,
    centroid,
    learned,
    log_odds,
    ranker_sentence_features,
    ranker_weights,
    word_probabilities,
    words,
)
from generator.titles.tldr_spell import spell_out

MAX_WORDS = compress.MAX_WORDS
MIN_WORDS = compress.MIN_WORDS


def main_clause(sentence: str) -> str:
    """The sentence from its subject on, without asides: 'In this paper, we propose X.' -> 'We propose X'."""
    return compress.main_clause(compress.strip_asides(sentence))


def candidates(sentence: str) -> list[str]:
    """The compressions of one sentence (``tldr_compress``), without the final full stop."""
    return [c for c, _ in compress.sentence_candidates(sentence)]


def abstract_sentences(text: str) -> list[str]:
    return [s for s in sentences(" ".join(strip_latex(text).split())) if words(s)]


def scored_candidates(
    text: str,
    probs: dict[str, float] | None = None,
    table: LogOdds | None = None,
    setup: frozenset[str] | None = None,
    nouns: frozenset[str] | None = None,
) -> list[tuple[str, dict[str, float]]]:
    """Every (candidate, features) of an abstract, in sentence order; ``probs``: the word model's
    probabilities (``word_probabilities``), ``table``: the log-odds (``log_odds``; the tuning passes
    both learned without this abstract), ``setup``: the set-up verbs (``setup_verbs``), ``nouns``:
    the nouns that name contributions (``contribution_nouns``)."""
    sents = abstract_sentences(text)
    if probs is None:
        probs = word_probabilities(sents) if sents else {}
    if table is None:
        table = log_odds()
    if setup is None:
        setup = setup_verbs()
    if nouns is None:
        nouns = contribution_nouns()
    whole = centroid(sents)
    first_we = next((i for i, s in enumerate(sents) if AUTHORS.search(s)), len(sents))
    defined = acronyms.table(text)
    out: list[tuple[str, dict[str, float]]] = []
    earlier: set[str] = set()
    joinable: list[list[tuple[str, dict[str, float]]]] = []
    lexical: set[str] = set()  # joinable by the lexicon's reading of the verb alone (before the ninth)
    before: list[set[str]] = []  # the words of the sentences before each
    for i, s in enumerate(sents):
        before.append(set(earlier))
        base = ranker_sentence_features(sents, i, first_we, setup)
        mine = []
        for c, how in compress.sentence_candidates(s):
            f = candidate_features(base, c, probs, table, whole) | how
            f["anaphor"] = float(compress.anaphoric(c, earlier))
            f["leans"] = float(compress.leans_back(c, earlier) or refer.unresolved(c, earlier))
            f["bare"] = float(not spell_out(c, defined)[1])
            out.append((c, f))
            if refer.joinable(c) and not how.get("trim"):
                mine.append((c, f))
                if compress.joinable(c):
                    lexical.add(c)
            # the pointer back resolved by its antecedent in the sentence before ("this problem"
            # -> "the problem of X"), a candidate of its own
            resolved = refer.resolve(c, sents[i - 1], earlier) if f["leans"] and i else ""
            # or the means as the authors' clause: "We address this problem by developing X" -> "We develop X"
            resolved = resolved or (refer.by_means(c, earlier) if f["leans"] else "")
            if resolved and len(resolved.split()) <= MAX_WORDS:
                g = candidate_features(base, resolved, probs, table, whole) | how | {"resolved": 1.0}
                g["anaphor"] = float(compress.anaphoric(resolved, earlier))
                g["leans"] = float(
                    compress.leans_back(resolved, earlier) or refer.unresolved(resolved, earlier)
                )
                g["bare"] = float(not spell_out(resolved, defined)[1])
                out.append((resolved, g))
        joinable.append(mine)
        earlier |= set(words(s))
    # Two of the authors' clauses with one subject: "We propose X" + "We show Y" -> "We propose X and
    # show Y" (the contribution with its finding), when both fit in MAX_WORDS.
    for i, first in enumerate(joinable):
        for later in joinable[i + 1 :]:
            for a, fa in first:
                for b, fb in later:
                    # a verb only the tagger reads as one ("We study X", "We present X": the framing
                    # verbs) joins only a finding: "We study X and find that Y" says what the work
                    # finds; "... and test Z" adds a second thing to read
                    # and only whole: a clause cut before its object ("We bridge network design | with
                    # differential equations") and joined loses what it was about; none after a colon
                    new = not (a in lexical and b in lexical)
                    if new and (fa.get("cut") or ":" in a or not says_.finds(b, fb)):
                        continue
                    joined = compress.join(a, b)
                    if len(joined.split()) <= MAX_WORDS:
                        base = {k: v for k, v in fa.items() if k not in CANDIDATE_KEYS}
                        feats = candidate_features(base, joined, probs, table, whole) | {"joined": 1.0}
                        feats["leans"] = max(fa["leans"], fb["leans"])
                        feats["bare"] = float(not spell_out(joined, defined)[1])
                        out.append((joined, feats))
    # A contribution with a finding reported by another subject: "We propose X" + "Experiments on Y
    # demonstrate that Z" -> "We propose X and demonstrate that Z" (the finding whole or cut before a
    # later clause), so that a pick that only names the work can say what it finds (ninth session)
    distinct = specific.specific_words(text, sents)
    for j, s in enumerate(sents):
        verb, rest = says_.reported(s)
        rest = compress.strip_asides(rest) if verb else ""
        forms = [rest, *compress.cuts(rest)] if rest else []
        for first in joinable[:j]:
            for a, fa in first:
                if fa.get("cut") or ":" in a:
                    continue  # the contribution whole (a cut one loses what it was about), and no
                    # colon: "... of a deep network: span recovery and confirm that" joins the list
                for r in forms:
                    joined = f"{a} and {verb} that {r}"
                    # the finding says something of this paper: one more of its specific words
                    # ("... and show that the proposed models outperform the state-of-the-arts" does not)
                    if len(joined.split()) > MAX_WORDS or specific.count(joined, distinct) <= specific.count(
                        a, distinct
                    ):
                        continue
                    i = int(fa.get("sent", 0))
                    base = {k: v for k, v in fa.items() if k not in CANDIDATE_KEYS}
                    feats = candidate_features(base, joined, probs, table, whole) | {"joined": 1.0}
                    feats["anaphor"] = fa["anaphor"]
                    feats["leans"] = float(
                        compress.leans_back(joined, before[i]) or refer.unresolved(joined, before[i])
                    )
                    feats["bare"] = float(not spell_out(joined, defined)[1])
                    out.append((joined, feats))
    # The contribution with the next sentence's account of it: "We propose a new model for X" + "The
    # model composes ..." -> "We propose a new model for X, which composes ..." (``tldr_refer.elaborate``)
    for i, first in enumerate(joinable[:-1]):
        # the next sentence whole, or cut before a later clause (``tldr_compress``) so that the pair
        # fits in MAX_WORDS; never trimmed of words inside its clause
        nxt = compress.sentence_candidates(sents[i + 1]) if first else []
        # a cut form has no comma ("exploits X, capitalising" and "adapts X, enforces Y" end open) and
        # ends on no word that wants an object ("is based on searching", read by the tagger)
        later = [c for c, how in nxt if not how.get("trim") and not (how.get("cut") and refer.open_end(c))]
        for a, fa in first:
            # a cut contribution takes only the sixth session's narrow forms: the new ones lost what the
            # method is for or how it works ("X, a method | for Y", "a technique that exhibits X | using
            # a transformation of Y")
            narrow = bool(fa.get("cut"))
            for b in later:
                told = refer.elaborate(a, b, nouns, narrow)
                # too long: without its degree adverbs and self-praise ("a novel", ``tldr_compress.trim``)
                trimmed = told and len(told.split()) > MAX_WORDS
                told = compress.trim(told) if trimmed else told
                if told and len(told.split()) <= MAX_WORDS:
                    base = {k: v for k, v in fa.items() if k not in CANDIDATE_KEYS}
                    feats = candidate_features(base, told, probs, table, whole) | {"joined": 1.0}
                    feats["trim"] = max(feats.get("trim", 0.0), float(trimmed))
                    feats["elaborated"] = 1.0
                    feats["anaphor"] = float(compress.anaphoric(told, before[i]))
                    feats["leans"] = float(
                        compress.leans_back(told, before[i]) or refer.unresolved(told, before[i])
                    )
                    feats["bare"] = float(not spell_out(told, defined)[1])
                    out.append((told, feats))
    # how much of what distinguishes the paper each candidate says (a reader's feature)
    # and whether it says what the work does or finds, or only names it (``tldr_says``)
    return [(c, f | {"specific": float(specific.count(c, distinct))} | says_.features(c, f)) for c, f in out]


def eligible(rows: list[tuple[str, dict[str, float]]]) -> list[tuple[str, dict[str, float]]]:
    """The candidates that may be chosen: at most ``MAX_WORDS`` words, and none that opens by pointing
    back to an earlier sentence ("Both models ...") unless every candidate does."""
    short = [(c, f) for c, f in rows if len(c.split()) <= MAX_WORDS]
    standalone = [(c, f) for c, f in short if not f.get("anaphor")]
    return standalone or short


def _shorten(text: str) -> str:
    """At most MAX_WORDS words, cut before a word that cannot end a phrase (a last resort)."""
    from generator.text.wordlists import TITLES_CLUES_TRAILING_STOP as TRAILING_STOP

    kept = text.split()[:MAX_WORDS]
    while len(kept) > MIN_WORDS and kept[-1].lower().strip(",;:") in TRAILING_STOP:
        kept.pop()
    return " ".join(kept).rstrip(" ,;:") + " …"


# Features a reader needs but ROUGE does not see: the ranker does not learn them (tldr_tune), the
# choice among near-equals (``choose``) does.
READER_FEATURES = (
    "anaphor",
    "leans",
    "bare",
    "setup",
    "resolved",
    "sent",
    "specific",
    "elaborated",
    "verbless",
    "frames",
    "says",
)


@cache
def setup_verbs() -> frozenset[str]:
    """The authors' verbs of set-up sentences ("evaluate", "test", "compare"; ``tldr_tune``)."""
    return frozenset(learned().get("setup_verbs", ()))


@cache
def contribution_nouns() -> frozenset[str]:
    """The nouns that name what papers contribute ("method", "framework"; ``tldr_tune``): "Our
    <noun> ..." after the contribution is the contribution (``tldr_refer.elaborate``)."""
    return frozenset(learned().get("contribution_nouns", ()))


def unsure_margin() -> float:
    """How far below the best score a candidate counts as equally good (set on train, tldr_tune)."""
    return float(learned().get("unsure", 0.0))


def pointer_margin() -> float:
    """How far below the best score a candidate without a pointer back still wins (set on train)."""
    return float(learned().get("pointer_unsure", 0.0))


def specific_floor() -> int:
    """Fewer specific words than this (``tldr_specific``) make a candidate vague (set on train)."""
    return int(learned().get("specific_floor", 0))


def vague_margin() -> float:
    """How far below the best score a candidate that is not vague still wins over a vague one."""
    return float(learned().get("vague_unsure", 0.0))


def told_margin() -> float:
    """How far below the best score the contribution with its account ("We propose X, which ...",
    ``tldr_refer.elaborate``) still wins over the contribution alone (set on train)."""
    return float(learned().get("told_unsure", 0.0))


def frame_margin() -> float:
    """How far below the best score a candidate that says what the work does or finds still wins
    over a pick that only names or frames it (``tldr_says``; set on train)."""
    return float(learned().get("frame_unsure", 0.0))


def choose(
    rows: list[tuple[str, dict[str, float]]],
    weights: dict[str, float],
    margin: float,
    pointers: float = 0.0,
    vague: float = 0.0,
    floor: int = 0,
    told: float = 0.0,
    frame: float = 0.0,
) -> tuple[str, dict[str, float]] | None:
    """``_told`` among the candidates with a finite verb (a verbless fragment, "The use of an
    automated scheduling system ...", only when nothing else is left); then, when the pick names or
    frames the work and says neither what it does nor what it finds ("We study the representational
    power of PWL networks", ``tldr_says``), the best candidate that does, within ``frame`` of the best
    score, that stands alone (no pointer back, not before the authors speak, no unexplained acronym)
    and says at least as many of the abstract's specific words, wins."""
    rows = [row for row in rows if not row[1].get("verbless")] or rows
    picked = _told(rows, weights, margin, pointers, vague, floor, told)
    if not frame or picked is None or not picked[1].get("frames"):
        return picked
    scored = [(sum(v * weights.get(k, 0.0) for k, v in f.items()), c, f) for c, f in eligible(rows)]
    top = max(score for score, _, _ in scored)
    better = [
        row
        for row in scored
        if row[2].get("says")
        and _speaks(row[2])
        and not row[2].get("leans")
        and not row[2].get("anaphor")
        and not row[2].get("before_we")
        and not row[2].get("bare")
        and row[2].get("specific", 0.0) >= picked[1].get("specific", 0.0)
        and row[0] >= top - frame
    ]
    if not better:
        return picked
    _, cand, feats = max(better, key=lambda row: row[0])
    return cand, feats


def _speaks(feats: dict[str, float]) -> bool:
    """Does the candidate say it without a hedge (a modal verb) or a set-up verb ("We evaluate ...")?"""
    return not feats.get("modal") and not feats.get("setup")


def _told(
    rows: list[tuple[str, dict[str, float]]],
    weights: dict[str, float],
    margin: float,
    pointers: float = 0.0,
    vague: float = 0.0,
    floor: int = 0,
    told: float = 0.0,
) -> tuple[str, dict[str, float]] | None:
    """``_choose``; then, when the pick is the authors' contribution (a form of its sentence) and that
    contribution with the next sentence's account of it ("We propose X, which composes ...",
    ``tldr_refer.elaborate``) stands alone and scores within ``told`` of the best score, the
    account wins: the readers' "content-free contribution" ("We propose a hybrid learning approach.")
    says what the approach does."""
    picked = _choose(rows, weights, margin, pointers, vague, floor)
    if not told or picked is None or picked[1].get("elaborated"):
        return picked
    scored = [(sum(v * weights.get(k, 0.0) for k, v in f.items()), c, f) for c, f in eligible(rows)]
    top = max(score for score, _, _ in scored)
    accounts = [
        row
        for row in scored
        if row[2].get("elaborated")
        and row[2].get("sent") == picked[1].get("sent")
        and not row[2].get("leans")
        and not row[2].get("anaphor")
        and row[0] >= top - told
    ]
    if not accounts:
        return picked
    _, cand, feats = max(accounts, key=lambda row: row[0])
    return cand, feats


def _choose(
    rows: list[tuple[str, dict[str, float]]],
    weights: dict[str, float],
    margin: float,
    pointers: float = 0.0,
    vague: float = 0.0,
    floor: int = 0,
) -> tuple[str, dict[str, float]] | None:
    """The best-scored eligible candidate; a candidate that points back to something it does not
    say ("We achieve this by ...", ``tldr_refer``) loses to the best one without a pointer within
    ``pointers`` of its score that is no background (``before_we``); then, among those within
    ``margin`` of the best score, one that stands alone (no pointer back inside it, "this
    problem"; no acronym left unexplained) is preferred. A pick with fewer than ``floor`` specific
    words (vague: "We propose a hybrid learning approach") loses to the candidates with at least
    ``floor`` that neither point back nor come before the authors speak, when their best is within
    ``vague`` of the best score: those of its own sentence or that extend it first, then any. First
    of equals wins: deterministic."""
    scored = [(sum(v * weights.get(k, 0.0) for k, v in f.items()), c, f) for c, f in eligible(rows)]
    if not scored:
        return None
    picked = _pick(scored, margin, pointers)
    if vague and picked[1].get("specific", 0.0) < floor:
        top = max(score for score, _, _ in scored)
        says = [
            row
            for row in scored
            if row[2].get("specific", 0.0) >= floor
            and not row[2].get("leans")
            and not row[2].get("before_we")
        ]
        # first a longer form of the picked sentence, or the pick joined with more ("We propose X and
        # show Y", "We propose X, which ..."); then any sentence
        same = [
            row for row in says if row[2].get("sent") == picked[1].get("sent") or row[1].startswith(picked[0])
        ]
        for rows_ in (same, says):
            if rows_ and max(score for score, _, _ in rows_) >= top - vague:
                return _pick(rows_, margin, pointers)
    return picked


def _pick(
    scored: list[tuple[float, str, dict[str, float]]], margin: float, pointers: float
) -> tuple[str, dict[str, float]]:
    """``choose`` without the vague guard, on scored rows."""
    top = max(score for score, _, _ in scored)
    # what may replace a pointer: a candidate without one, from where the authors speak (a problem
    # statement before they do is no better: the readers' other complaint)
    clear = [row for row in scored if not row[2].get("leans") and not row[2].get("before_we")]
    if pointers and clear and max(score for score, _, _ in clear) >= top - pointers:
        scored, top = clear, max(score for score, _, _ in clear)
    close = [(s, c, f) for s, c, f in scored if s >= top - margin]
    alone = [(s, c, f) for s, c, f in close if not f.get("leans") and not f.get("bare")]
    says = [(s, c, f) for s, c, f in alone if not f.get("setup") and not f.get("before_we")]
    # a pointer back or a set-up verb loses to a sentence that says the work; background (the
    # problem statement, before the authors speak) loses to both
    spoken = [(s, c, f) for s, c, f in close if not f.get("before_we")]
    _, cand, feats = max(says or spoken or alone or close, key=lambda row: row[0])
    return cand, feats


def with_learned_ranks(
    text: str, rows: list[tuple[str, dict[str, float]]], weights: dict[str, float]
) -> tuple[list[tuple[str, dict[str, float]]], dict[str, float]]:
    """The candidates with the trees' predicted ROUGE-1 of each (``tldr_rank``, "gbt") and the ranker's
    weights with the trees' weight; unchanged when there are no trees. Only the ``eligible``
    candidates are compared, as in training."""
    beta = rank.weight()
    if not beta or not eligible(rows):
        return rows, weights
    rows = eligible(rows)
    scores = [sum(v * weights.get(k, 0.0) for k, v in f.items()) for _, f in rows]
    pred = rank.candidate_scores(abstract_sentences(text), rows, scores)
    rows = [(c, f | {"gbt": p}) for (c, f), p in zip(rows, pred, strict=True)]
    return rows, weights | {"gbt": beta}


def tldr(text: str) -> str:
    """One sentence of at most MAX_WORDS words on what the paper does or finds; '' for no text."""
    rows = scored_candidates(text)
    if not rows:
        return ""
    rows, weights = with_learned_ranks(text, rows, ranker_weights())
    scale = rank.margin_scale() if "gbt" in weights else 1.0
    margins = (scale * unsure_margin(), scale * pointer_margin())
    picked = choose(
        rows,
        weights,
        *margins,
        vague=vague_margin(),
        floor=specific_floor(),
        told=told_margin(),
        frame=frame_margin(),
    )
    if picked is None:
        return _shorten(min((c for c, _ in rows), key=lambda c: len(c.split())))
    best = spell_out(picked[0], acronyms.table(text))[0]
    return best if best.endswith(("?", "!", ".")) else best + "."
