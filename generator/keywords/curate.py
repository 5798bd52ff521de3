"""The catalogue-level part of the keyword stage: candidates of every paper in, keywords out.

``curate(papers, candidates)``: acronyms become their expansion; singular/plural, case and hyphen
variants become one canonical keyword across the catalogue; a keyword that is a part of a better
keyword of the same paper goes, and of siblings that name one concept (``keywords.merging.same_concept``:
"face images", "facial images") one stays; each paper keeps its best keywords, 3 to 10, down to the
keyphraseness model's probability threshold (``keywords.central``), preferring those it shares with
other papers. Filler (``weak``: the written rules of ``keywords.filler``, and ``unspecific`` phrases,
free combinations of common words said once) only makes up a paper's first ``SHOWN_MIN``. The
candidates come from ``keywords.extract`` (YAKE, per abstract).
"""

from __future__ import annotations

import hashlib
import math
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from generator.keywords import acronym_evidence, central, corpus, coverage, filler, merging, reranker
from generator.keywords.grammar import crosses
from generator.keywords.packed import Packed
from generator.keywords.specificity import umbrella, unspecific
from generator.models import Paper
from generator.runtime import cache, parallel
from generator.text import generic

KEYWORDS_PER_PAPER = 10
# Filler (generator/keywords/filler.py) is used only to give a paper this many keywords.
KEYWORDS_MIN = 5
# A keyword of another paper of the catalogue ranks as if its YAKE score were this much better.
SHARED_BOOST = 0.3
COMMON_MIN_PAPERS = 30
COMMON_SHARE = 1 / 3
SIBLINGS_MERGED = True
# A kept keyword never said outside a longer sibling gives it its place (EVALUATION.md, round 5).
PIECES_REPLACED = True
# With the learned keyphraseness model (keywords/central.py), a paper shows its keywords down to the
# model's probability threshold, and at least this many where it has them.
SHOWN_MIN = 3
# Experiment (EVALUATION.md, "Keywords, round 6"): a paper's count from the sum of its candidates'
# probabilities times this factor instead of the threshold; 0 = the threshold.
EXPECTED_COUNT = 0.0


@dataclass(frozen=True, slots=True)  # slots: millions of these at 100,000 papers
class Candidate:
    """A key phrase YAKE found in one abstract: display words, canonical key, score (lower is better),
    and where it occurs, as (first token, token after the last) spans."""

    text: str
    key: str
    score: float
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Candidates:
    """What ``extract`` finds in one abstract: picklable, and a pure function of the text."""

    phrases: tuple[Candidate, ...]
    # (acronym key, expansion key, acronym as written, expansion as shown), for every acronym the
    # text defines.
    acronyms: tuple[tuple[str, str, str, str], ...] = ()


def curate(papers: tuple[Paper, ...], found: Iterable[Candidates | list]) -> tuple[Paper, ...]:  # type: ignore[type-arg]
    """Canonical, catalogue-consistent keywords for every paper, best first: at most 10, down to the
    keyphraseness threshold, and at least ``SHOWN_MIN`` where the abstract has that many key phrases.

    ``found`` (each paper's ``Candidates``, or their JSON form as cached) is read once, one paper at
    a time, into packed arrays; the passes over the catalogue
    (acronyms, then how many papers share each key, then each paper's choice) rebuild one paper's
    candidates at a time, so memory holds the packed arrays and the counts, not every candidate."""
    packed = [Packed.of(one) if isinstance(one, Candidates) else Packed.of_plain(one) for one in found]
    # Acronym -> expansion, over the whole catalogue: the expansion most papers give wins.
    expansions: dict[str, Counter[str]] = defaultdict(Counter)
    written: dict[str, Counter[str]] = defaultdict(Counter)
    fallback: dict[str, str] = {}
    for one in packed:
        for acronym_key, expansion_key, acronym, expansion in one.acronyms:
            expansions[acronym_key][expansion_key] += 1
            written[expansion_key][acronym] += 1
            fallback.setdefault(expansion_key, expansion)
    expand = {a: c.most_common(1)[0][0] for a, c in sorted(expansions.items())}
    # Each paper reads an acronym it does not define as the catalogue's long form only where its
    # abstract supports that reading (keywords/acronym_evidence.py).
    readings = [
        acronym_evidence.own_expansions(one.acronyms, one.keys, paper.text, expand, expansions)
        for one, paper in zip(packed, papers, strict=True)
    ]
    # How many papers have each key (acronyms replaced by what they stand for), and how papers
    # spell it: one Counter of (key, spelling), not a Counter per key.
    shared: Counter[str] = Counter()
    spelt: Counter[tuple[str, str]] = Counter()
    for one, own in zip(packed, readings, strict=True):
        keys = set()
        for raw, text in zip(one.keys, one.texts, strict=True):
            key = own.get(raw, raw)
            keys.add(key)
            if key == raw:
                # An acronym's expansion is spelt as the papers that write it out spell it.
                spelt[key, text] += 1
        shared.update(keys)
    # In a large catalogue, a phrase in more than a third of the papers is boilerplate or a word of
    # the whole field ("contact information", "web" on a catalogue of web papers): it tells no paper apart.
    too_common = {
        k for k, n in shared.items() if len(papers) >= COMMON_MIN_PAPERS and n > len(papers) * COMMON_SHARE
    }
    # Each paper's choice depends on its candidates and on a few facts about its keys in the
    # catalogue; it is cached under a digest of exactly those, so that after a one-line seed edit
    # only the papers whose facts changed choose again.
    limits = [coverage.threshold(paper.text) for paper in papers]
    idents = [
        _choice_ident(one, own, shared, written, too_common, limit)
        for one, own, limit in zip(packed, readings, limits, strict=True)
    ]
    choices: list[list[str]] = parallel.cached(
        idents,
        choice_key(),
        CHOICE_LABEL,
        lambda todo: [_choice(packed[i], readings[i], shared, written, too_common, limits[i]) for i in todo],
        forked=True,  # a pure function of the packed candidates: run on forked copies (runtime/parallel.py)
    )
    packed.clear()  # the packed candidates are not needed any more
    wanted = {k for chosen in choices for k in chosen}
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for (key, text), n in spelt.items():
        if key in wanted:
            spellings[key][text] = n
    out = []
    for paper, chosen in zip(papers, choices, strict=True):
        labels = tuple(_named(_spelling(k, spellings) or fallback.get(k, k)) for k in chosen)
        # "(LTD)" after a keyword only where the abstract writes that acronym
        acronyms = tuple(
            (label, acronym)
            for k, label in zip(chosen, labels, strict=True)
            if written.get(k)
            and (acronym := written[k].most_common(1)[0][0])
            and (not acronym_evidence.EVIDENCE or acronym_evidence.uses(acronym, paper.text))
        )
        out.append(replace(paper, keywords=labels, acronyms=acronyms))
    return tuple(out)


CHOICE_LABEL = "curate"


def choice_key() -> str:
    """What a paper's choice depends on besides its ident: this code, the filler rules, the phrase
    rules and the word frequencies."""
    return cache.stage_key(
        "curate",
        sys.modules[__name__],
        packages=("wordfreq",),
        data=(central.digest(), acronym_evidence.digest()),
    )


def _choice_ident(
    one: Packed,
    expand: dict[str, str],
    shared: Counter[str],
    written: dict[str, Counter[str]],
    too_common: set[str],
    limit: float = 0.0,
) -> str:
    """A digest of everything ``_choice`` reads: the paper's candidates, the expansions of its keys,
    and per key whether other papers share it, whether an acronym stands for it, whether it is too
    common, and how many papers share it relative to its other keys (only that order is compared:
    one more paper sharing "large language model" changes no other paper's ident)."""
    expanded = [expand.get(raw, raw) for raw in one.keys]
    counts = sorted({shared[k] for k in expanded})
    rank = {n: i for i, n in enumerate(counts)}
    facts = tuple(
        (k, rank[shared[k]], shared[k] > 1, k in written, k in too_common) for k in sorted(set(expanded))
    )
    # the acronyms inside its keys, spelt out when siblings are compared ("nmt model")
    inside = tuple(sorted({(w, expand[w]) for k in one.keys for w in k.split() if w in expand}))
    digest = hashlib.sha256(
        repr((one.texts, one.keys, one.acronyms, expanded, facts, inside, limit)).encode("utf-8")
    )
    for numbers in (one.scores, one.ends, one.spans):
        digest.update(numbers.tobytes())
    return digest.hexdigest()


def _choice(
    one: Packed,
    expand: dict[str, str],
    shared: Counter[str],
    written: dict[str, Counter[str]],
    too_common: set[str],
    limit: float | None = None,
) -> list[str]:
    """One paper's keywords (canonical keys, best first), down to the probability ``limit`` (by
    default the model's threshold)."""
    best = one.best(expand)
    # Filler is left out (generic words, sentence leftovers: see generator/keywords/filler.py); a word
    # written with a capital ("BERT", "FATE") is a name, never generic, and a phrase the
    # papers define an acronym for ("Internet of Things (IoT)") is a term.
    lower = {expand.get(r, r): t for r, t in zip(one.keys, one.texts, strict=True) if t.islower()}
    # A phrase of several words that other papers have too ranks higher: shared keywords are
    # what gathers papers, and a phrase that several abstracts use is more likely a term of the art.
    said = _word_counts(best)
    # "the match prediction problem": what the paper names as a problem is a concept, not a free
    # combination of common words
    named = problems(best) if NAMED_PROBLEMS else set()
    weak = {
        k
        for k in best
        if (
            (filler.has_adverb(k) and not (ACRONYM_NAMES and spelt_by(k, written[k])))
            if k in written
            else _filler(k, lower.get(k), shared[k] > 1 or (REPEATED_OWN and len(best[k][1]) > 1))
        )
        or (
            k not in written
            and k in lower
            and k not in named
            and unspecific(k, len(best[k][1]), said, lower[k])
        )
        or (k in written and umbrella(k, len(best[k][1])))
        or (
            LONE_WORDS_WEAK
            and k not in written
            and k in lower
            and reranker.lone_word(k, LONE_WORD_RATE, LONE_WORD_SEEN)
        )
    }
    score = {k: _ranked_score(best[k][0], shared[k] > 1 and " " in k) for k in best}
    ranked = sorted((k for k in best if k not in too_common), key=lambda k: (k in weak, score[k], k))
    if not WRITTEN_FILLER_FILLS:
        # a generic single word ("word", "row") is shown not even to make up the minimum: a paper with
        # fewer key phrases shows fewer keywords (EVALUATION.md, round 7)
        ranked = [k for k in ranked if " " in k or k not in lower or not filler.is_generic(k, lower[k])]
    if MODIFIED_MERGED:
        ranked = merging.unmodified(ranked, {k: v[1] for k, v in best.items()}, said, weak)
    where = {k: v[1] for k, v in best.items()}
    if ACRONYMS_MATCHED:
        capitals = {k for k, t in zip(one.keys, one.texts, strict=True) if t.isupper()}
        ranked, where = merging.initials_merged(ranked, capitals, where)
    # Near-repeats ("programming tasks", "programming problems"): the one more papers share stays.
    order = {k: i for i, k in enumerate(ranked)}
    # ... unless one of them is a cut piece of a longer candidate here ("gaussian mixture", said only
    # in "Gaussian mixture models"): the whole phrase stays
    cut = cut_pieces(where) if CUT_SIBLINGS else set()
    ranked = filler.siblings(ranked, lambda k: (k in cut, -shared[k], order[k]))
    # Siblings are compared with the acronyms inside them spelt out: "NMT models" repeats "neural
    # machine translation (NMT)", "CNN architectures" repeats "convolutional neural networks (CNNs)".
    spelt = {k: " ".join(expand.get(w, w) for w in k.split()) for k in best}
    if not _learned():
        return _choose(ranked, where, weak, spelt=spelt)
    # Fewer, surer keywords: below the model's probability threshold a keyword only makes up SHOWN_MIN.
    if limit is None:
        limit = central.threshold()
    unsure = {k for k in ranked if _probability(score[k]) < limit}
    if GENERIC_FILLS_NOT:
        # a common single word ("sequence", "nodes") never makes up the minimum, unless it is the head
        # of a phrase the paper is about (EVALUATION.md, "Keywords, seventh session, round 2")
        about = {
            k.split()[-1]
            for k in best
            if " " in k and (len(best[k][1]) > 1 or _probability(score[k]) >= limit)
        }
        ranked = [
            k
            for k in ranked
            if not (
                (k in weak or k in unsure or not GENERIC_FILL_ONLY) and k in lower and common_fill(k, about)
            )
        ]
    if EXPECTED_COUNT:
        # as many keywords as the model expects the paper to have: the sum of its probabilities
        expected = round(EXPECTED_COUNT * sum(_probability(score[k]) for k in ranked if k not in weak))
        unsure = {k for i, k in enumerate(k for k in ranked if k not in weak) if i >= expected}
    return _choose(ranked, where, weak | unsure, SHOWN_MIN, spelt, weak)


def common_fill(key: str, about: set[str] | frozenset[str]) -> bool:
    """Whether a lower-case key is a common single word that may not make up a paper's minimum: at
    least ``GENERIC_FILL_SHARE`` of SciTLDR train abstracts use it ("sequence" 5.3%, "nodes" 2.2%),
    and it is no head of a phrase the paper is about (`about`: the last words of its phrases said
    twice or shown)."""
    return (
        GENERIC_FILLS_NOT and " " not in key and key not in about and generic.share(key) >= GENERIC_FILL_SHARE
    )


def problems(best: Iterable[str]) -> set[str]:
    """The keys the abstract names as a problem: the modifier of a candidate whose head names no
    concept of its own ("match prediction" of "the match prediction problem"; ``filler.empty_head``)."""
    out = set()
    for key in best:
        words = key.split()
        if len(words) >= 3 and filler.empty_head(words[-1]):
            out.add(" ".join(words[:-1]))
    return out


def spelt_by(key: str, acronyms: Counter[str]) -> bool:
    """Whether an acronym the papers write for the phrase spells the initials of all its words
    ("DS-Softmax" for "doubly sparse softmax"): the authors' name, every word of it chosen, an adverb
    too."""
    initials = "".join(w[0] for w in key.replace("-", " ").split() if w)
    for acronym in acronyms:
        letters = "".join(ch.lower() for ch in acronym if ch.isupper())
        if letters == initials:
            return True
    return False


def _learned() -> bool:
    return central.LEARNED and bool(central.weights())


def _ranked_score(score: float, shared_phrase: bool) -> float:
    """A candidate's score in the paper's ranking (lower is better): the learned model's minus
    log-odds plus its catalogue feature (a phrase of several words other papers have), or YAKE's
    score made better by ``SHARED_BOOST`` for such a phrase."""
    if _learned():
        return score - central.weights().get(central.SHARED, 0.0) * shared_phrase
    return score * (SHARED_BOOST if shared_phrase else 1.0)


def _probability(score: float) -> float:
    """The learned probability of a ranked score (minus log-odds)."""
    return 1.0 / (1.0 + math.exp(min(score, 700.0)))


# A single word that keyphrase labels rarely take alone is weak (EVALUATION.md, "Keywords, sixth
# session"): of the corpus documents whose candidates include it, fewer than LONE_WORD_RATE have it as
# a keyphrase, among at least LONE_WORD_SEEN documents (``reranker.lone_word``; kept here, where the
# choice's cache key sees them).
LONE_WORDS_WEAK = True
LONE_WORD_RATE = 0.5
LONE_WORD_SEEN = 10
# A phrase of common English words that the paper itself says twice ("task planning") is its own
# phrase, as one that other papers share is: not a leftover (EVALUATION.md, "Keywords, sixth session").
REPEATED_OWN = True


MODIFIED_MERGED = True
# A phrase the paper names as a problem ("the match prediction problem") is never unspecific, and an
# adverb in a phrase the authors abbreviate letter by letter ("Doubly Sparse Softmax (DS-Softmax)") makes
# it no sentence piece. EVALUATION.md, "Keywords, eighth session".
NAMED_PROBLEMS = True
ACRONYM_NAMES = True
WRITTEN_FILLER_FILLS = False
ACRONYMS_MATCHED = True
# A single lower-case word at least this share of SciTLDR train abstracts use is no fill-in (below the
# threshold or weak) unless a phrase the paper says twice or shows ends on it; with GENERIC_FILL_ONLY
# off, not shown at all. EVALUATION.md, "Keywords, seventh session, round 2".
GENERIC_FILLS_NOT = True
GENERIC_FILL_ONLY = True
GENERIC_FILL_SHARE = 0.02


def _word_counts(best: dict[str, tuple[float, tuple[tuple[int, int], ...]]]) -> dict[str, int]:
    """How many times the abstract says each word of its candidates (positions read from their spans)."""
    where: dict[str, set[int]] = defaultdict(set)
    for key, (_score, spans) in best.items():
        words = key.split()
        for start, end in spans:
            if end - start == len(words):
                for i, word in enumerate(words):
                    where[word].add(start + i)
    return {w: len(p) for w, p in where.items()}


def _filler(key: str, lower: str | None, shared: bool) -> bool:
    """Whether a candidate key is filler: a leftover, or a generic word written in lower case."""
    return filler.is_leftover(key, shared) or (lower is not None and filler.is_generic(key, lower))


def _inside(spans: Iterable[tuple[int, int]], others: list[tuple[int, int]]) -> bool:
    """Whether every occurrence lies within one of the other occurrences."""
    return all(any(o0 <= s0 and s1 <= o1 for o0, o1 in others) for s0, s1 in spans)


def _choose(
    ranked: list[str],
    spans: dict[str, tuple[tuple[int, int], ...]],
    weak: set[str] | frozenset[str] = frozenset(),
    least: int = KEYWORDS_MIN,
    spelt: dict[str, str] | None = None,
    filler: set[str] | frozenset[str] | None = None,
) -> list[str]:
    """The best keywords, none of them a redundant part of another: a phrase that occurs only inside
    a better keyword ("language models" in "large language models", "large language") is left out,
    and so is a phrase that would leave a better keyword no occurrence of its own. Filler (``weak``,
    ranked last) only makes up a paper's first ``least`` keywords, never more. A sibling takes the
    place of a kept one only if it is not ``filler`` (by default ``weak``): a keyword below the
    threshold may replace a piece of itself, as it adds no keyword."""
    filler = weak if filler is None else filler
    chosen: list[str] = []
    covered: list[tuple[int, int]] = []
    said = spelt or {}
    for key in ranked:
        mine = spans[key]
        if key in weak and len(chosen) >= least:
            if key in filler or not PIECES_REPLACED:
                break
            # Below the threshold, a keyword only takes the place of a kept piece of itself.
            piece = next((c for c in chosen if _piece(c, key, spans, said)), None)
            if piece is not None:
                chosen[chosen.index(piece)] = key
                covered.extend(mine)
            continue
        if mine and covered and _inside(mine, covered):
            continue
        padded = f" {key} "
        if SIBLINGS_MERGED:
            twin = next(
                (
                    c
                    for c in chosen
                    if _repeats(key, c) or merging.same_concept(said.get(key, key), said.get(c, c))
                ),
                None,
            )
            if twin is not None:
                # One keyword of a concept (keywords/central.py): the longer phrase takes the place of
                # a single word it repeats ("gradient descent" for "descent"), else the better stays.
                # So does a longer phrase the twin is never said outside: the twin is a piece of
                # it ("stationary fluctuation-dissipation" of "... relations").
                pieces = PIECES_REPLACED and spans[twin] and _inside(spans[twin], list(mine))
                if (key not in weak and " " not in twin and " " in key) or (key not in filler and pieces):
                    chosen[chosen.index(twin)] = key
                    covered.extend(mine)
                continue
        if not mine and any(padded in f" {c} " for c in chosen):
            continue
        if any(spans[c] and f" {c} " in padded and _inside(spans[c], list(mine)) for c in chosen):
            continue
        if covered and crosses(list(mine), covered):
            continue  # a piece cut across a better keyword ("privacy-preserving natural language")
        chosen.append(key)
        covered.extend(mine)
        if len(chosen) == KEYWORDS_PER_PAPER:
            break
    return chosen


def _piece(
    short: str, long: str, spans: dict[str, tuple[tuple[int, int], ...]], said: dict[str, str]
) -> bool:
    """Whether a kept keyword is a piece of a sibling: never said outside it, and one concept
    (``merging.same_concept``: "stationary fluctuation-dissipation" of "... relations") or, with
    ``CUT_PIECES_GROW``, its words a run of the sibling's ("invariant representations" of
    "permutation invariant representations")."""
    return (
        bool(spans[short])
        and _inside(spans[short], list(spans[long]))
        and (
            merging.same_concept(said.get(short, short), said.get(long, long))
            or (CUT_PIECES_GROW and long.endswith(f" {short}"))
        )
    )


# A keyword said only inside one longer candidate of the paper is a cut piece of it: the whole phrase
# takes its place even below the threshold when it adds modifiers before it ("invariant
# representations" of "permutation invariant representations"), and wins over it among near-repeats
# when ML abstracts mostly write the piece with the longer phrase's next word (``CONTINUED_SHARE``:
# "Gaussian mixture" of "Gaussian mixture models"; not "text clustering" of "text clustering methods",
# which no abstract backs: kdd's indexers keep the short form). EVALUATION.md, "Keywords, ninth session".
CUT_PIECES_GROW = False
CUT_SIBLINGS = True
CONTINUED_SHARE = 0.5


def cut_pieces(spans: dict[str, tuple[tuple[int, int], ...]]) -> set[str]:
    """The keys said only inside a longer near-repeat (``filler.near_repeat``) of the same paper that
    ends on them, or that starts on them where ML abstracts write them so (``corpus.continued_share``)."""
    out = set()
    for short, mine in spans.items():
        if not mine:
            continue
        for long, theirs in spans.items():
            if long == short or not _inside(mine, list(theirs)):
                continue
            if not filler.near_repeat(short, long):
                continue  # a piece of another phrase is no reason to lose to a near-repeat
            if long.endswith(f" {short}") or (
                long.startswith(f"{short} ")
                and len(long.split()) == len(short.split()) + 1
                and corpus.continued_share(short, long) >= CONTINUED_SHARE
            ):
                out.add(short)
                break
    return out


def _named(label: str) -> str:
    """A label with the words ML abstracts write capitalised inside sentences capitalised ("markov
    decision processes" -> "Markov decision processes"); words already capitalised stay as written."""
    return " ".join(w if not w.islower() else (corpus.name_form(w) or w) for w in label.split(" "))


def _repeats(short: str, long: str) -> bool:
    """Whether `short`, a single word, is a word of the longer keyword `long` ("winograd" of
    "winograd-domain retraining"). Longer phrases inside longer ones stay: merging them too cost
    F1@10 on every keyphrase set's tune half (EVALUATION.md), human indexers keep both."""
    return short != long and " " not in short and short in long.replace("-", " ").split()


def _spelling(key: str, spellings: dict[str, Counter[str]]) -> str:
    """The catalogue's spelling of a keyword: the most used one; ties go to the plural, then lower case."""
    counts = spellings.get(key)
    if not counts:
        return ""
    return min(counts, key=lambda s: (-counts[s], -len(s), s.lower() != s, s))
