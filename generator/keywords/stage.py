"""The keyword stage: YAKE proposes, curation keeps what a human indexer would.

The only module that imports yake. Three modules, along the stage's seams:

- ``extract(text)`` (here): the costly per-abstract part, a pure function of the text. YAKE scores
  every candidate phrase of one to three words; the candidates that are not grammatical key phrases
  (sentence fragments, verb phrases, truncated noun phrases, generic words: the word lists and rules
  of ``generator/keywords/grammar.py``) are dropped, phrases that only ever occur inside a longer candidate
  are dropped, and acronyms that the abstract defines ("Large Language Models (LLMs)") are recorded
  with their expansion.
- ``curate(papers, candidates)`` (``generator/keywords/curate.py``): the cheap catalogue-level part, canonical
  and catalogue-consistent keywords, 3 to 10 a paper.
- ``keyword_index(papers)`` (here): every keyword with its papers and its page's slug.

``with_keywords(papers)`` runs extraction and curation and is the stage the pipeline calls.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections import Counter, defaultdict
from dataclasses import replace

import yake

from generator.keywords import central, fastyake, filler, negation, pieces
from generator.keywords.concepts import topic_concept
from generator.keywords.corpus import phrase_share
from generator.keywords.curate import (
    KEYWORDS_MIN,
    KEYWORDS_PER_PAPER,
    Candidate,
    Candidates,
    curate,
)
from generator.keywords.grammar import (
    TOKEN,
    acronyms_defined,
    crosses,
    is_key_phrase,
    modifies_next,
    phrase_key,
    reads_as_verb,
    singular,
    slash_piece,
    spans_of,
    surface_forms,
)
from generator.keywords.nounphrases import noun_phrases
from generator.models import Keyword, KeywordEntry, Paper, keyword_page_threshold
from generator.relate.terms import Term, counts_of, tagged_phrases, without_urls
from generator.runtime import cache, parallel
from generator.text import generic, heads, spelling
from generator.text import slug as slugs
from generator.text.acronyms import expand_tagged, is_plural_acronym
from generator.text.tagger import Tagged, sentence_tags, tag_sentences
from generator.text.tagger import model_digest as tagger_model_digest

# Re-exported: the keyword stage's interface, as callers and tests have imported it from here.
__all__ = [
    "KEYWORDS_MIN",
    "KEYWORDS_PER_PAPER",
    "Candidate",
    "Candidates",
    "curate",
    "extract",
    "is_key_phrase",
    "keyword_index",
    "phrase_key",
    "raw_yake",
    "singular",
    "slugify",
    "with_keywords",
]

# yake 0.7.3 takes snake_case arguments; camelCase ones are silently ignored.
# dedup_lim=1.0 turns YAKE's own string-similarity deduplication off (we merge variants ourselves)
# and returns every candidate ranked, which is also faster than deduplicating.
YAKE_SETTINGS: dict[str, object] = {"lan": "en", "n": 3, "dedup_lim": 1.0, "top": 80}
# The baseline of the evaluation: YAKE as it comes, with n=3 and top=10.
RAW_YAKE_SETTINGS: dict[str, object] = {"lan": "en", "n": 3, "top": 10}
CANDIDATES_KEPT = 30
# A lower-case single word is a candidate only if the abstract says it this many times.
SINGLE_WORD_MIN = 2
SLUG_MAX = 60
# The modifier of a phrase with an empty head ("transliteration problem") is a candidate when fewer than
# this share of SciTLDR train abstracts use it (EVALUATION.md, "Keywords, round 5").
MODIFIER_SHARE = 0.01


# ---------------------------------------------------------------------------------------------
# YAKE, faster and unchanged (generator/keywords/fastyake.py).

_FAST = fastyake.FAST


def scored_phrases(text: str) -> list[tuple[str, float]]:
    """``KeywordExtractor(**YAKE_SETTINGS).extract_keywords(text)``, computed faster."""
    return fastyake.extract_keywords(_yake(), text)


# ---------------------------------------------------------------------------------------------
# The per-abstract part.

_extractor: yake.KeywordExtractor | None = None
_raw_extractor: yake.KeywordExtractor | None = None


def _yake() -> yake.KeywordExtractor:
    global _extractor
    if _extractor is None:
        _extractor = yake.KeywordExtractor(**YAKE_SETTINGS)
    return _extractor


def raw_yake(text: str) -> tuple[str, ...]:
    """YAKE as it comes (``n=3, top=10``, other arguments at their defaults): the evaluation's baseline."""
    global _raw_extractor
    if _raw_extractor is None:
        _raw_extractor = yake.KeywordExtractor(**RAW_YAKE_SETTINGS)
    return tuple(phrase for phrase, _score in _raw_extractor.extract_keywords(text))


def extract(text: str) -> Candidates:
    """The key-phrase candidates of one abstract, best first, and the acronyms it defines.

    A pure function of the text (no catalogue state), so its result can be cached by the text's hash
    and computed in a process pool.
    """
    return analyse(text)[0]


def analyse(text: str) -> tuple[Candidates, list[Term]]:
    """``extract`` and the abstract's noun-phrase terms for the related papers and topics
    (``terms.tagged_phrases``), from one tagging of the abstract."""
    text = without_urls(text)
    sentences = tag_sentences(text)
    return _candidates(text, sentences), tagged_phrases(expand_tagged(sentences, text))


def _candidates(text: str, sentences: tuple[Tagged, ...]) -> Candidates:
    phrases, defined, expansions = scored_candidates(text, sentences)
    # What the paper is about weighs up, what it only cites or mentions weighs down (keywords/central.py).
    return Candidates(central.reweigh(text, phrases, expansions), defined)


def scored_candidates(
    text: str, sentences: tuple[Tagged, ...]
) -> tuple[tuple[Candidate, ...], tuple[tuple[str, str, str, str], ...], frozenset[str]]:
    """The noun-phrase candidates with YAKE's scores, in YAKE's order, before ``central.reweigh``; the
    acronyms defined; the keys that stand for a defined acronym."""
    tokens = TOKEN.findall(text)
    lowered = [t.lower().replace("\u2019", "'") for t in tokens]
    index: dict[str, list[int]] = defaultdict(list)
    for i, word in enumerate(lowered):
        index[word].append(i)
    forms = surface_forms(tokens)
    acronyms = acronyms_defined(text)
    # YAKE scores only the abstract's noun phrases, found with the part-of-speech tagger, and proper
    # names keep their case (generator/keywords/nounphrases.py).
    defined_words = frozenset(w for _a, e_key, _w, _e in acronyms for w in e_key.split())
    nouns = noun_phrases(sentences, defined_words)
    forms.update({low: name for low, name in nouns.names.items() if forms.get(low, low) == low})
    expansion_of = {a_key: (e_key, expansion) for a_key, e_key, _a, expansion in acronyms}
    expansions = {e_key for _a, e_key, _w, _e in acronyms}
    # Where the defined expansions occur: a phrase cut across one is a piece of it.
    defined_spans = [
        span
        for _a, _e, _w, expansion in acronyms
        for span in spans_of(lowered, index, tuple(expansion.lower().split()))
    ]
    kept: dict[str, Candidate] = {}
    said_as: dict[str, str] = {}  # key -> the phrase as YAKE scored it (lower case)
    for phrase, score in scored_phrases(text):
        if len(kept) >= CANDIDATES_KEPT and (" " in phrase or phrase_key(phrase) not in expansion_of):
            continue  # enough candidates; the acronyms further down still count for their expansion
        key = phrase_key(phrase)
        if PLURAL_ACRONYMS and key not in expansion_of and is_plural_acronym(forms.get(phrase, phrase)):
            # "AEs" of "deep autoencoder (AE)": three letters are too short for the plural fold
            key = phrase_key(phrase[:-1]) if phrase_key(phrase[:-1]) in expansion_of else key
        if phrase not in nouns.phrases and key not in expansion_of and key not in expansions:
            continue  # not a noun phrase of the abstract: it crosses a verb, or ends in no noun
        if phrase in nouns.cut and key not in expansions:
            continue  # a piece of a longer name ("novo proteins" of "de novo proteins")
        if " " not in phrase and forms.get(phrase, phrase) == phrase and generic.is_generic_word(phrase):
            continue  # a word most abstracts use names no paper's subject
        if (
            " " not in phrase
            and forms.get(phrase, phrase) == phrase
            and phrase not in expansion_of
            and len(index.get(phrase, ())) < SINGLE_WORD_MIN
        ):
            continue  # a common word said once or twice is no keyword of the paper
        words = tuple(phrase.replace("\u2019", "'").split())
        spans = spans_of(lowered, index, words)
        if SLASH_NAMES and slash_piece(tokens, spans):
            continue  # one side of a slash-joined name ("CNN" of "CNN/DailyMail")
        if key in expansion_of:
            # The acronym stands for its expansion, whatever the expansion's own form.
            key, phrase = expansion_of[key]
            words = tuple(phrase.lower().split())
            spans = sorted({*spans, *spans_of(lowered, index, words)})
        elif key not in expansions and not is_key_phrase(words):
            continue
        fixed = _spelt_right(words) if TYPOS_FIXED and key not in expansions else words
        if fixed != words:
            # a typo copied from the abstract ("MNIST didgits") is shown as ML writing spells it
            key = phrase_key(" ".join(fixed))
        if key in kept:
            # Another spelling of a kept phrase ("model" after "models"): it occurs there too.
            old = kept[key]
            kept[key] = replace(old, spans=tuple(sorted({*old.spans, *spans})))
            continue
        if key not in expansions and (
            reads_as_verb(lowered, spans) or modifies_next(lowered, spans) or crosses(spans, defined_spans)
        ):
            continue
        display = nouns.named.get(phrase) or " ".join(forms.get(w, w) for w in words)
        if fixed != words:
            display = _respelt(display, words, fixed)
        kept[key] = Candidate(display, key, float(score), tuple(spans))
        said_as[key] = phrase
    if TOPIC_ADDED and kept:
        # what the authors say they work on ("we formulate this objective as contrastive learning") is
        # a candidate even when YAKE ranks it below its 80: it enters with YAKE's worst score here, and
        # the model and the topic guarantee (``central.TOPIC_SHOWN``) judge it like any other
        worst = max(c.score for c in kept.values())
        for concept in topic_concept(text):
            phrase = concept.strip()
            words = tuple(phrase.split())
            key = phrase_key(phrase)
            if len(words) < 2 or phrase not in nouns.phrases or key in kept or not is_key_phrase(words):
                continue
            if phrase_share(key) >= TOPIC_ADDED_SHARE:
                continue  # a phrase of many ML abstracts ("neural networks") is no paper's own topic
            spans = spans_of(lowered, index, words)
            if spans and not reads_as_verb(lowered, spans) and not crosses(spans, defined_spans):
                display = nouns.named.get(phrase) or " ".join(forms.get(w, w) for w in words)
                kept[key] = Candidate(display, key, worst, tuple(spans))
                said_as[key] = phrase
    # a piece of a longer noun phrase gives its place to that phrase (generator/keywords/pieces.py)
    kept = pieces.cut_continued(kept, said_as, nouns.continued, expansions, forms, lowered, index)
    pieces.drop_pieces(kept, lowered, expansions)
    # A name glossed in quotes right after it ('XGAN ("Cross-GAN")') is the same name: the gloss, said
    # only there, is no second keyword (EVALUATION.md, "Keywords, round 7").
    if ALIASES_DROPPED:
        for name, alias in _aliases(text):
            gloss = phrase_key(alias)
            if phrase_key(name) in kept and gloss in kept and len(kept[gloss].spans) <= 1:
                del kept[gloss]
    # A phrase whose head names no concept ("this transliteration problem") stands for its modifier,
    # a word the abstract may say only there: a candidate too, when ML abstracts rarely use it.
    for key, cand in list(kept.items()):
        words = key.split()
        if len(words) == 2 and filler.empty_head(words[1]) and words[0] not in kept:
            word = words[0]
            if word.isalpha() and not generic.is_generic_word(word) and generic.share(word) < MODIFIER_SHARE:
                spans = tuple(spans_of(lowered, index, (word,)))
                kept[word] = Candidate(forms.get(word, word), word, cand.score, spans)
    defined = tuple(
        (a_key, e_key, acronym, " ".join(forms.get(w.lower(), w.lower()) for w in expansion.split()))
        for a_key, e_key, acronym, expansion in acronyms
    )
    # What the abstract says the paper does without ("without adversarial training", "no
    # pre-training on ImageNet") is no keyword of it (generator/keywords/negation.py).
    said = {key: tuple(c.text.lower().split()) for key, c in kept.items() if key not in expansions}
    denied = negation.negated(sentences, said.values())
    phrases = tuple(c for key, c in kept.items() if said.get(key) not in denied)
    return phrases, defined, frozenset(expansions)


ALIASES_DROPPED = True
# A word no vocabulary knows, one edit from a word of ML writing, is a typo: the candidate is shown as
# ML writing spells it (generator/text/spelling.py; EVALUATION.md, "Keywords, eighth session").
TYPOS_FIXED = True
# An acronym written in the plural stands for the long form its singular is defined with ("AEs").
PLURAL_ACRONYMS = True


def _spelt_right(words: tuple[str, ...]) -> tuple[str, ...]:
    """The candidate's words with each typo replaced by the word ML abstracts write
    (``spelling.correction``)."""
    return tuple(spelling.correction(w) or w for w in words)


def _respelt(display: str, words: tuple[str, ...], fixed: tuple[str, ...]) -> str:
    """The shown phrase with its misspelt words replaced: word by word where the shown phrase has the
    candidate's words, else each misspelt word where it stands."""
    shown = display.split(" ")
    if len(shown) == len(words):
        return " ".join(f if w != f else s for s, w, f in zip(shown, words, fixed, strict=True))
    for w, f in zip(words, fixed, strict=True):
        if w != f:
            display = re.sub(rf"\b{re.escape(w)}\b", f, display)
    return display


# What the authors say they work on is a candidate however YAKE ranks it (EVALUATION.md, "Keywords,
# seventh session, round 2"): off, it cost kdd / www tune 0.002 / 0.001 and added "relative merits",
# "unique capabilities" next to "contrastive learning", "audio source separation" on dev.
TOPIC_ADDED = False
TOPIC_ADDED_SHARE = 0.001
SLASH_NAMES = True
_ALIAS = re.compile(r"([^\s(]+)\s*\(\s*[\"\u201c\u2018']([^\"\u201d\u2019'()]+)[\"\u201d\u2019']\s*\)")


def _aliases(text: str) -> list[tuple[str, str]]:
    """(name, gloss) for every name followed by a quoted gloss in parentheses ('XGAN ("Cross-GAN")')."""
    return [(m.group(1), m.group(2).strip()) for m in _ALIAS.finditer(text)]


def with_keywords(papers: tuple[Paper, ...]) -> tuple[Paper, ...]:
    """The keyword stage: extract per paper (cached, on a process pool), then curate over the catalogue."""
    # Read one paper's cached JSON at a time and packed by curate: never every paper's JSON at once.
    from generator.relate import concepts  # imports this module

    # The terms of the values computed here are noted for the related papers as they are decoded
    # (``concepts.note``): a build decodes each value once.
    # The tags the worker found on the way are noted for the titles stage's workers (``tags_found``).
    found = parallel.imap_cached(
        extract_plain, [p.text for p in papers], key=cache_key(), computed=concepts.note, extra=tags_found
    )
    return curate(papers, found)


def tags_found(text: str) -> list[object]:
    """What ``analyse`` tagged: ``[the text tagged, or None when it is the abstract itself, the tags
    of its sentences]`` (``tagger.sentence_tags``, from the tagger's memo: no second tagging). The
    titles stage's workers take them (``tagger.remember``) instead of tagging those sentences again
    on another process; never cached."""
    plain = without_urls(text)
    return [None if plain == text else plain, sentence_tags(plain)]


def cache_key() -> str:
    """What ``extract`` depends on besides the text: any change here recomputes every paper's keywords."""
    return cache.stage_key(
        "keywords",
        sys.modules[__name__],
        packages=("yake",),
        settings=YAKE_SETTINGS,
        data=(tagger_model_digest(), generic.digest(), central.digest(), heads.digest()),
        per_paper=KEYWORDS_PER_PAPER,
    )


def extract_plain(text: str) -> list[object]:
    """``analyse`` as JSON-able lists, the form the cache stores (floats survive JSON exactly): the
    candidates, the acronyms and, at ``TERMS_FIELD``, the terms counted ([key, as first written, how
    many times], by key), which the related papers and topics read (``generator/relate/concepts.py``)."""
    found, terms = analyse(text)
    phrases = [[c.text, c.key, c.score, [list(span) for span in c.spans]] for c in found.phrases]
    counted = [[k, shown, n] for k, (shown, n) in sorted(counts_of(terms).items())]
    return [phrases, [list(a) for a in found.acronyms], counted]


TERMS_FIELD = 2
# How the build's cache counts name this stage's values.
CACHE_LABEL = extract_plain.__name__


# ---------------------------------------------------------------------------------------------
# Keyword records for the pages.


def slugify(text: str) -> str:
    """A keyword page's slug (the toolkit's slugifier, ``generator/text/slug.py``)."""
    return slugs.slugify(text, fallback="keyword", limit=SLUG_MAX)


def keyword_index(papers: tuple[Paper, ...]) -> tuple[KeywordEntry, ...]:
    """Every keyword with the papers that carry it; slugs are unique even when two keywords slug alike.

    Every keyword has an entry; only those that enough papers share get a page (``entry.has_page``).
    """
    carriers: dict[str, list[str]] = {}
    acronyms: dict[str, Counter[str]] = defaultdict(Counter)
    for paper in papers:
        for kw in paper.keywords:
            carriers.setdefault(kw, []).append(paper.id)
        for kw, acronym in paper.acronyms:
            acronyms[kw][acronym] += 1
    taken: set[str] = {"index"}  # keywords/index.md is the list of keywords
    slugs: dict[str, str] = {}
    # A keyword that reads exactly as its slug keeps it whatever else is in the catalogue; others
    # that slug alike get a suffix from their own hash, so no two keywords share (overwrite) a page.
    for text in sorted(carriers, key=lambda t: (slugify(t) != t.lower().replace(" ", "-"), t.casefold(), t)):
        slug = slugify(text)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        width = 8
        while slug in taken:
            slug = f"{slugify(text)[: SLUG_MAX - width - 1]}-{digest[:width]}"
            width += 2
        taken.add(slug)
        slugs[text] = slug
    entries: list[KeywordEntry] = []
    threshold = keyword_page_threshold(len(papers))
    for text in sorted(carriers, key=lambda t: (t.casefold(), t)):
        acronym = min(acronyms[text], key=lambda a: (-acronyms[text][a], a)) if acronyms.get(text) else ""
        keyword = Keyword(text, slugs[text], acronym)
        entries.append(KeywordEntry(keyword, tuple(carriers[text]), len(carriers[text]) >= threshold))
    return tuple(entries)
