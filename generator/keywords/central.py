"""What a paper is about, and what it only mentions: per-abstract weights on the keyword candidates.

``reweigh(text, candidates)`` runs at the end of ``keywords.extract`` on the candidates YAKE scored
(lower score is better) and returns them re-scored, best first, without those that are no keyword:

- **central**: a phrase of the abstract's contribution sentence (the sentence the one-line summary
  scorer of ``generator/titles/tldr.py`` ranks first: its learned position and cue weights) weighs up
  (``CENTRAL_FACTOR``), and so does a phrase the abstract repeats in several sentences;
- **incidental**: a phrase said only inside a citation ("(Chen et al., 2018)"), or only in an example
  ("e.g. segmentation", "such as X") weighs down (``INCIDENTAL_FACTOR``); one said only in the
  background sentences before the paper's first "we"/"this paper" sentence weighs down less
  (``BACKGROUND_FACTOR``). A capitalised word next to "et al." or inside a parenthesis with a year
  is a cited author's surname and goes;
- **generic phrase**: a phrase of several words that many SciTLDR train abstracts use ("training set",
  "design choices": ``phrase_share`` above ``GENERIC_PHRASE_SHARE``) weighs down unless the
  contribution sentence says it;
- **fragment**: a phrase whose first word is a participle after an auxiliary or an adverb ("has
  largely evaded scrutiny"), or a word that ML abstracts write almost only after the word before it
  here ("de novo", "from scratch": ``FIXED_SHARE``, measured on SciTLDR train), goes.

The phrase statistics (``data/phrasedf.json.gz``) are built by ``tools/build_phrasedf.py`` from the
SciTLDR train split only; ``name_form`` gives the capitalised form of a word those abstracts write
capitalised inside sentences ("Markov", "Q-learning", "Reddit").
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from generator.keywords import filler, generic
from generator.keywords.grammar import TOKEN
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
_YEAR = re.compile(r"^(1[89]|20)\d\d[a-z]?$")
_EXAMPLE_CUES = (("e", ".", "g"), ("such", "as"), ("for", "example"), ("for", "instance"), ("including",))
_CLAUSE_END = frozenset({",", ";", ")", ".", ":", "?", "!"})


@cache
def _table() -> tuple[int, dict[str, int], dict[str, str]]:
    with gzip.open(PHRASEDF_PATH, "rt", encoding="utf-8") as handle:
        data = json.load(handle)
    return data["documents"], data["df"], data["names"]


@cache
def digest() -> str:
    return hashlib.sha256(PHRASEDF_PATH.read_bytes()).hexdigest()


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
    for i in range(len(tokens) - 1):
        if lowered[i] == "et" and lowered[i + 1] == "al":
            j = i - 1
            while j >= 0 and (tokens[j][:1].isupper() or lowered[j] in {"and", "&", "-"}):
                if tokens[j][:1].isupper():
                    surnames.add(j)
                incidental.add(j)
                j -= 1
    # Examples: from "e.g." / "such as" / "for example" to the end of the clause.
    for i in range(len(tokens)):
        for cue in _EXAMPLE_CUES:
            if tuple(lowered[i : i + len(cue)]) == cue:
                j = i + len(cue)
                if j < len(tokens) and tokens[j] == ".":
                    j += 1
                if j < len(tokens) and tokens[j] == ",":
                    j += 1
                while j < len(tokens) and tokens[j] not in _CLAUSE_END:
                    incidental.add(j)
                    j += 1
    return incidental, surnames


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


def reweigh(
    text: str, phrases: tuple[Candidate, ...], protected: frozenset[str] = frozenset()
) -> tuple[Candidate, ...]:
    """The candidates re-scored by what the paper is about, best first; incidental names and fragments
    left out. ``protected``: keys that stand for a defined acronym (never dropped)."""
    if not phrases:
        return phrases
    tokens, where, sents = _sentence_of_tokens(text)
    lowered = [t.lower() for t in tokens]
    best, first = _contribution(sents)
    incidental, surnames = incidental_tokens(tokens)
    out: list[Candidate] = []
    for cand in phrases:
        spans = tuple(s for s in cand.spans if s[1] <= len(tokens))
        factor = 1.0
        # The phrase as the abstract writes it ("neural networks"), or its key, whichever is commoner.
        common = max(phrase_share(cand.key), phrase_share(cand.text))
        if spans:
            if cand.key not in protected and all(all(j in surnames for j in range(a, b)) for a, b in spans):
                continue  # a cited author's name
            if cand.key not in protected and _fragment(tokens, lowered, spans):
                continue
            places = {where[a] for a, _b in spans}
            central = best in places
            if all(any(j in incidental for j in range(a, b)) for a, b in spans):
                factor *= INCIDENTAL_FACTOR
            elif first > 0 and max(places) < first:
                factor *= BACKGROUND_FACTOR
            if central:
                factor *= CENTRAL_FACTOR
            elif " " in cand.key and common > FIELD_PHRASE_SHARE:
                factor *= FIELD_FACTOR
            elif " " in cand.key and common > GENERIC_PHRASE_SHARE:
                factor *= GENERIC_FACTOR
            if len(places) >= 3:
                factor *= REPEATED_FACTOR
        out.append(replace(cand, score=cand.score * factor) if factor != 1.0 else cand)
    return tuple(sorted(out, key=lambda c: (c.score, c.key))) if out else ()


def same_concept(a: str, b: str) -> bool:
    """Whether two keys of one paper name one concept: they share most words by stem, and every word
    only one of them has adds no concept. A word adds none when it is common in general English
    ("intrinsic factor dimension" beside "intrinsic dimension"), or when it is the head of its phrase
    and a word of most ML abstracts ("backbone networks", "intrinsic dimension issue" beside
    "backbone", "intrinsic dimension"). Stems match loosely ("face images", "facial images").
    "recurrent neural networks" and "neural networks" stay apart: "recurrent" names a concept. A single
    word is one concept with every keyword that has it."""
    if a == b:
        return True
    wa, wb = a.replace("-", " ").split(), b.replace("-", " ").split()
    if len(wa) == 1 or len(wb) == 1:
        # A single word said again inside a longer keyword ("pruning", "network pruning").
        word, other = (wa[0], wb) if len(wa) == 1 else (wb[0], wa)
        return any(_alike(word, w) for w in other)
    only_a = [(x, i == len(wa) - 1) for i, x in enumerate(wa) if not any(_alike(x, y) for y in wb)]
    only_b = [(y, i == len(wb) - 1) for i, y in enumerate(wb) if not any(_alike(x, y) for x in wa)]
    if len(only_a) + len(only_b) >= max(len(wa), len(wb)):
        return False  # most words differ
    return all(_no_concept(w, head) for w, head in only_a + only_b)


def _no_concept(word: str, head: bool) -> bool:
    if filler.zipf(word) >= filler.COMMON_ZIPF:
        return True
    return head and generic.is_generic_word(word)


def _alike(x: str, y: str) -> bool:
    """Two words of one stem: equal singulars, or a common start of at least three letters that is all
    but the last letter of the shorter ("face"/"facial", "backbone"/"backbones")."""
    x, y = x.rstrip("s") or x, y.rstrip("s") or y
    if x == y:
        return True
    k = min(len(x), len(y))
    shared = min(4, max(k - 1, 3))
    return k >= 4 and x[:shared] == y[:shared] and (len(x) - shared <= 3 and len(y) - shared <= 3)
