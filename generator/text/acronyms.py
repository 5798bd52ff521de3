"""Acronyms an abstract defines: the one detector every stage uses.

"Graph Neural Networks (GNNs)" defines GNN. A parenthesised token is an acronym when it has two
capitals or more, or a capital and a digit; its long form is found after Schwartz and Hearst (2003), after
the words whose initials spell it when there are such ("Enhanced Experimental Signal (EES)", not
"Experimental Signal"):
each letter of the acronym, from the last, is found in the words before the parenthesis from their
end, and the first letter starts a word. The long form stays inside its clause, has at most two words
more than the acronym has letters, does not start with a function word, and is two words or more (or
one hyphenated word). Also defined: "NASA (National Aeronautics and Space Administration)" (the
long form in the parenthesis, its initials spelling the acronym before it) and "the high or low dream
recall group (HDR and LDR resp.)" (two acronyms, each spelt by the initials of words before them,
words between passed over: "high dream recall", "low dream recall").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from generator.text.wordlists import ACRONYMS_FUNCTION_WORDS as _FUNCTION_WORDS

if TYPE_CHECKING:
    from generator.text.tagger import Tagged

_PARENTHESIS = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9\-]{0,14}[A-Za-z0-9]?)\s*\)")
# "NASA (National Aeronautics and Space Administration)": the acronym first, its long form after.
_REVERSED = re.compile(r"\b([A-Z][A-Za-z0-9\-]{1,12})\s*\(\s*([A-Za-z][^()]{3,100}?)\s*\)")
# "(HDR and LDR resp.)": two acronyms of words said before, respectively.
_PAIR = re.compile(
    r"\(\s*([A-Z][A-Za-z0-9]{1,9})\s*(?:,|and|or|/)\s*([A-Z][A-Za-z0-9]{1,9})\s*,?\s*(?:resp(?:ectively)?\.?)?\s*\)"
)
# Words a "respectively" long form may pass over ("high or low dream recall": "or low" for HDR).
PAIR_SKIPS = 3
_CLAUSE_BREAK = re.compile(r"[.;:()\"\u201c\u201d]|, ")
# Quote marks around or inside a long form ('a "Zero-Shot" medical image Artifact Reduction (ZSAR)').
QUOTED_LONG_FORMS = True
_QUOTES_AS_SPACES = str.maketrans({q: " " for q in '"\u201c\u201d`'})
_EDGE_QUOTES = "'`\u2018\u2019 "


@dataclass(frozen=True)
class Definition:
    """``long (short)`` in the text: both as written, and where the long form starts and the
    parenthesis ends."""

    short: str
    long: str
    start: int
    end: int

    @property
    def letters(self) -> str:
        """The acronym without a plural ``s``: GNNs -> GNN."""
        short = self.short
        return short[:-1] if short.endswith("s") and len(short) > 2 and short[-2].isupper() else short


def is_plural_acronym(token: str) -> bool:
    """An acronym in the plural, capitals before the ``s``: "DCTs", "RFs", "GP-GNNs" (not "RaGANs",
    "ASNets")."""
    stem = token[:-1]
    return (
        token.endswith("s")
        and len(stem) >= 2
        and stem[0].isupper()
        and stem[-1].isupper()
        and not any(ch.islower() for ch in stem)
    )


def is_acronym(token: str) -> bool:
    return sum(ch.isupper() for ch in token) >= 2 or (token[:1].isupper() and any(c.isdigit() for c in token))


def _initials(letters: list[str], words: list[str], skips: int = 0) -> list[int] | None:
    """Positions of the words, from the end of `words`, whose first letters spell `letters` (function
    words between them passed over, and at most `skips` other words: "high or low dream recall" for
    HDR); None when they do not. The last word always counts."""

    def match(s: int, k: int, left: int) -> list[int] | None:
        if s < 0:
            return []
        if k < 0:
            return None
        word = words[k]
        if word[:1].lower() == letters[s]:
            found = match(s - 1, k - 1, left)
            if found is not None:
                return [*found, k]
        if s == len(letters) - 1:
            return None  # the long form ends right before the parenthesis
        if word.lower() in _FUNCTION_WORDS and word.lower() not in {"a", "an", "the"}:
            return match(s, k - 1, left)
        return match(s, k - 1, left - 1) if left > 0 else None

    return match(len(letters) - 1, len(words) - 1, skips) if letters else None


def long_form(short: str, candidate: str) -> str | None:
    """The words before ``short`` whose initials spell it ("Enhanced Experimental Signal" for EES,
    function words between them allowed), else Schwartz-Hearst: the shortest end of ``candidate``
    whose letters spell ``short``; None when neither."""
    letters = [c.lower() for c in short if c.isalnum()]
    if short.endswith("s") and len(short) > 2 and short[-2].isupper():
        letters = letters[:-1]
    words = candidate.split()
    initial = _initials(letters, words) if len(letters) >= 2 else None
    if initial and len(initial) >= 2 and words[initial[0]].lower() not in _FUNCTION_WORDS:
        return " ".join(words[initial[0] :])
    i = len(candidate) - 1
    for s in range(len(letters) - 1, -1, -1):
        ch = letters[s]
        while i >= 0 and (candidate[i].lower() != ch or (s == 0 and i > 0 and candidate[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
    start = candidate.rfind(" ", 0, i + 1) + 1
    found = candidate[start:].strip()
    words = found.split()
    if not words or words[0].lower() in _FUNCTION_WORDS or len(words) > len(letters) + 2:
        return None
    if len(words) < 2 and "-" not in words[0] and not compound(letters, words[0]):
        return None
    return found


# The shortest part of a compound word ``compound`` reads as a word of its own.
COMPOUND_PART = 3
# Longer single words are tried as no compound (the splits grow with the length).
COMPOUND_MAX = 30


def compound(letters: list[str], word: str) -> bool:
    """Whether one word is a compound whose parts the acronym's letters open, each part a word ML
    abstracts use ("autoencoder" for AE: "auto" + "encoder"; "backpropagation" for BP): then it is a
    long form, as "auto-encoder" is. A single word whose letters merely occur in it is not
    ("approach" for AP)."""
    from generator.text import generic  # the corpus counts load only when a one-word form is tried

    def split(rest: str, k: int) -> bool:
        if k == len(letters):
            return not rest
        if not rest or rest[0] != letters[k]:
            return False
        if k == len(letters) - 1:
            return len(rest) >= COMPOUND_PART and generic.share(rest) > 0
        return any(
            generic.share(rest[:cut]) > 0 and split(rest[cut:], k + 1)
            for cut in range(COMPOUND_PART, len(rest) - COMPOUND_PART + 1)
        )

    return (
        ONE_WORD_COMPOUNDS
        and len(letters) >= 2
        and len(word) <= COMPOUND_MAX
        and word.isalpha()
        and split(word.lower(), 0)
    )


# A one-word compound is a long form ("deep autoencoder (AE)"); EVALUATION.md, "Keywords, eighth session".
ONE_WORD_COMPOUNDS = True


@lru_cache(maxsize=256)
def definitions(text: str) -> tuple[Definition, ...]:
    """Every acronym definition in the text, in order; an acronym defined twice counts once."""
    found: list[Definition] = []
    seen: set[str] = set()
    for match in _PARENTHESIS.finditer(text):
        short = match.group(1)
        if not is_acronym(short) or short in seen:
            continue
        window_start = max(0, match.start() - 400)
        before = text[window_start : match.start()]
        if QUOTED_LONG_FORMS:
            # a long form in quotes ('"ADaptive Structural Fingerprint" (ADSF)') is read without them:
            # each quote mark becomes a space, so offsets stay those of the text
            before = before.translate(_QUOTES_AS_SPACES)
        before = before.rstrip()
        words = before.split(" ")
        window = min(len(short) + 5, len(short) * 2)
        candidate = _CLAUSE_BREAK.split(" ".join(words[-window:]))[-1].strip()
        long = long_form(short, candidate)
        if long:
            seen.add(short)
            start = window_start + len(before) - len(long)
            if QUOTED_LONG_FORMS:
                # single quotes at its edges ("``Diversity is All You Need''") are no part of it
                bare = long.lstrip(_EDGE_QUOTES)
                start += len(long) - len(bare)
                long = bare.rstrip(_EDGE_QUOTES)
            found.append(Definition(short, " ".join(long.split()), start, match.end()))
    for match in _REVERSED.finditer(text):
        short, long = match.group(1), match.group(2)
        words = long.split()
        letters = [c.lower() for c in short if c.isalnum()]
        if short.endswith("s") and len(short) > 2 and short[-2].isupper():
            letters = letters[:-1]
        if short in seen or not is_acronym(short) or len(words) < 2 or words[0].lower() in _FUNCTION_WORDS:
            continue
        picked = _initials(letters, words)
        if picked and picked[0] == 0 and picked[-1] == len(words) - 1:
            seen.add(short)
            found.append(Definition(short, long, match.start(2), match.end()))
    for match in _PAIR.finditer(text):
        # "the high or low dream recall group (HDR and LDR resp.)": each acronym's initials, in order,
        # among the words before (the shared words said once): "high dream recall", "low dream recall".
        before = text[max(0, match.start() - 200) : match.start()]
        clause = _CLAUSE_BREAK.split(before)[-1].split()
        for short in match.groups():
            if not is_acronym(short) or short in seen:
                continue
            letters = [c.lower() for c in short if c.isalnum()]
            for end in range(len(clause), max(0, len(clause) - 3), -1):
                picked = _initials(letters, clause[:end], PAIR_SKIPS)
                if picked and len(picked) >= 2:
                    long = " ".join(clause[k] for k in picked)
                    seen.add(short)
                    found.append(Definition(short, long, match.start(), match.end()))
                    break
    return tuple(found)


def lower_common(phrase: str) -> str:
    """'Named entity recognition' -> 'named entity recognition'; 'Internet of Things' stays."""
    words = phrase.split()
    if (
        len(words) > 1
        and words[0][:1].isupper()
        and words[0][1:].islower()
        and words[1][:1].islower()
        and words[1] not in {"of", "and", "for", "in", "on", "to"}
    ):
        return phrase[:1].lower() + phrase[1:]
    return phrase


def table(text: str) -> dict[str, str]:
    """Acronym -> long form, for each acronym the text defines (also its singular: GNNs and GNN)."""
    found: dict[str, str] = {}
    for d in definitions(text):
        long = lower_common(d.long)
        found.setdefault(d.short, long)
        if d.letters != d.short:
            found.setdefault(d.letters, long[:-1] if long.endswith("s") else long)
    return found


def expand(text: str) -> str:
    """The text with every later use of an acronym it defines replaced by its long form."""
    defined = table(text)
    if not defined:
        return text
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(s) for s in sorted(defined, key=len, reverse=True)) + r")s?\b"
    )
    return pattern.sub(lambda m: defined[m.group(1)], text)


def expand_tagged(sentences: tuple[Tagged, ...], text: str) -> tuple[Tagged, ...]:
    """``expand`` on tagged sentences, without tagging again: every token that is an acronym `text`
    defines (or one with an ``s`` after it) becomes the words of its long form, tagged as they were
    where the long form is written (as nouns where it is not found as written). Tokens are whole
    words, so an acronym inside a hyphenated word ("GNN-based") stays as it is."""
    defined = table(text)
    if not defined:
        return sentences
    tags = {long: _long_form_tags(sentences, long) for long in set(defined.values())}
    out: list[Tagged] = []
    for sentence in sentences:
        words: list[tuple[str, str]] = []
        for token, tag in sentence:
            short = token if token in defined else token[:-1] if token[-1:] == "s" else ""
            if short in defined:
                words.extend(tags[defined[short]])
            else:
                words.append((token, tag))
        out.append(tuple(words))
    return tuple(out)


def _long_form_tags(sentences: tuple[Tagged, ...], long: str) -> Tagged:
    """The long form's words with the tags they have where the abstract writes them."""
    words = long.split()
    lowered = [w.lower() for w in words]
    n = len(words)
    for sentence in sentences:
        tokens = [t.lower() for t, _ in sentence]
        for i in range(len(tokens) - n + 1):
            if tokens[i : i + n] == lowered:
                return tuple((w, tag) for w, (_t, tag) in zip(words, sentence[i : i + n], strict=True))
    return tuple((w, "NNS" if w.endswith("s") and k == n - 1 else "NN") for k, w in enumerate(words))
