"""The grammar of a key phrase: word lists and the rules that tell a noun phrase from a sentence fragment.

Used by the keyword stage (``generator/keywords/stage.py``: YAKE's candidates are kept or dropped by these
rules, and acronyms the abstract defines are found here) and by the curation
(``generator/keywords/curate.py``).
Pure functions of words and token lists; no YAKE, no catalogue state. Every word list is hand-made and
measured with `make eval` (see EVALUATION.md); editing this file changes the keyword cache's key
(``keywords.cache_key``), so every abstract's candidates are extracted again.
"""

from __future__ import annotations

import re
from functools import lru_cache

from generator.text.acronyms import definitions
from generator.text.forms import phrase_key, singular
from generator.text.wordlists import KEYWORDS_GRAMMAR_ADJECTIVES as _ADJECTIVES
from generator.text.wordlists import KEYWORDS_GRAMMAR_AFTER_VERB as _AFTER_VERB
from generator.text.wordlists import KEYWORDS_GRAMMAR_BEFORE_VERB as _BEFORE_VERB
from generator.text.wordlists import KEYWORDS_GRAMMAR_EVALUATIVE as _EVALUATIVE
from generator.text.wordlists import KEYWORDS_GRAMMAR_GENERIC as _GENERIC
from generator.text.wordlists import KEYWORDS_GRAMMAR_LY_NOUNS as _LY_NOUNS
from generator.text.wordlists import KEYWORDS_GRAMMAR_NOUN_GERUNDS as _NOUN_GERUNDS
from generator.text.wordlists import KEYWORDS_GRAMMAR_NOUNS_LIKE_ADJECTIVES as _NOUNS_LIKE_ADJECTIVES
from generator.text.wordlists import KEYWORDS_GRAMMAR_STOP as _STOP
from generator.text.wordlists import KEYWORDS_GRAMMAR_VERBS as _VERBS

__all__ = ["phrase_key", "singular"]  # re-exported: the keyword stage's callers read them here


# ---------------------------------------------------------------------------------------------
# Word lists. Hand-made, measured with `make eval` (see EVALUATION.md).

# Words that YAKE's phrase may end with only if they are nouns: adjective endings, with the nouns
# that share them.
_ADJECTIVE_END = re.compile(r"(?:al|ous|ive|ic|ful|less|able|ible|ary|ant|ent)$")
# Words, and each punctuation mark as a token of its own (a phrase never spans one).
TOKEN = re.compile(r"[^\W_](?:[\w'\u2019-]*[^\W_])?|[^\w\s]", re.UNICODE)
_NOT_A_WORD = re.compile(r"^[\d.,%-]+$|[^\x00-\x7f]{2,}|^.$|[.']")
# Links are no key phrases: they go before YAKE sees the text.
URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|org|net|io|edu)(?:/\S*)?", re.IGNORECASE)


def _is_adjective_end(word: str) -> bool:
    return (
        len(word) > 4 and _ADJECTIVE_END.search(word) is not None and word not in _NOUNS_LIKE_ADJECTIVES
    ) or (word.endswith("ly") and len(word) > 4 and word not in _NOUNS_LIKE_ADJECTIVES)


def _is_adverb(word: str) -> bool:
    return word.endswith("ly") and len(word) > 4 and word not in _LY_NOUNS


@lru_cache(maxsize=1 << 17)  # pure; the same phrases recur across a catalogue's abstracts
def is_key_phrase(words: tuple[str, ...]) -> bool:
    """Whether lower-case words read as a key phrase (a noun phrase), not as a sentence fragment."""
    if not words or len(words) > 3:
        return False
    first, last = words[0], words[-1]
    if first in _STOP or last in _STOP or first in _EVALUATIVE or (len(words) == 1 and last in _GENERIC):
        return False
    for word in words:
        if word in _VERBS or word in _EVALUATIVE or _is_adverb(word) or _NOT_A_WORD.search(word):
            return False
    # Inside a phrase only "of" and "and" may join nouns ("theory of mind", "search and rescue").
    if any(w in _STOP and w not in ("of", "and") for w in words[1:-1]):
        return False
    if (last.endswith("ed") and not last.endswith("eed")) or _is_adjective_end(last) or last in _ADJECTIVES:
        return False
    if len(words) > 1 and first.endswith("ing") and first not in _NOUN_GERUNDS:
        return False
    # "X and Y" is two keywords, and "variety of applications" is none.
    if "and" in words or ("of" in words and first in _GENERIC):
        return False
    return not (last in _GENERIC and all(w in _GENERIC or _is_adjective_end(w) for w in words[:-1]))


def _keeps_case(token: str) -> bool:
    """Acronyms and names with inner capitals keep their case ("LLMs", "FedMeZO", "U-Net", "GPT-4");
    capitalised words ("Zeroth-Order", "Large", "E-commerce") are written in lower case."""
    parts = [p for p in token.split("-") if p]
    if any(any(c.isupper() for c in part[1:]) for part in parts):
        return True
    return len(parts) > 1 and sum(part[0].isupper() for part in parts) > 1 and any(len(p) == 1 for p in parts)


def surface_forms(tokens: list[str]) -> dict[str, str]:
    """How each lower-case word is shown."""
    forms: dict[str, str] = {}
    for token in tokens:
        low = token.lower()
        if low == token:
            forms.setdefault(low, low)
        elif forms.get(low, low) == low:
            forms[low] = token if _keeps_case(token) else low
    return forms


def acronyms_defined(text: str) -> tuple[tuple[str, str, str, str], ...]:
    """(acronym key, expansion key, acronym, expansion) for every "Expansion Words (EW)" in the text
    (the toolkit's detector, ``generator/text/acronyms.py``), acronyms of two capitals or more."""
    found = [
        (phrase_key(d.short), phrase_key(d.long), d.short, d.long)
        for d in definitions(text)
        if sum(c.isupper() for c in d.short) >= 2 and len(d.short) <= 12
    ]
    return tuple(dict.fromkeys(found))


def spans_of(
    lowered: list[str], index: dict[str, list[int]], words: tuple[str, ...]
) -> list[tuple[int, int]]:
    """Where the words occur in the text, as (first token, token after the last)."""
    n = len(words)
    return [(i, i + n) for i in index.get(words[0], ()) if tuple(lowered[i : i + n]) == words]


def reads_as_verb(lowered: list[str], spans: list[tuple[int, int]]) -> bool:
    """Whether the phrase's first word follows "we", "can"... or its last word precedes "the", "how"...:
    then it begins or ends with a verb ("we build models", "transformers balance the")."""
    for start, end in spans:
        if start > 0 and lowered[start - 1] in _BEFORE_VERB:
            return True
        if end < len(lowered) and lowered[end] in _AFTER_VERB:
            return True
    return False


def crosses(spans: list[tuple[int, int]], others: list[tuple[int, int]]) -> bool:
    """Whether every occurrence overlaps one of the others without either containing the other."""
    return bool(spans) and all(
        any(o0 < s0 < o1 < s1 or s0 < o0 < s1 < o1 for o0, o1 in others) for s0, s1 in spans
    )


def modifies_next(lowered: list[str], spans: list[tuple[int, int]]) -> bool:
    """Whether the phrase, said more than once, is always followed by one same noun, whose modifier it
    then is: a truncation of a longer phrase ("large language" before "models")."""
    if len(spans) < 2:
        return False
    following = {lowered[end] if end < len(lowered) else "" for _start, end in spans}
    if len(following) != 1:
        return False
    word = following.pop()
    return word[:1].isalnum() and word not in _STOP and word not in _VERBS and not _is_adverb(word)


def slash_piece(tokens: list[str], spans: list[tuple[int, int]]) -> bool:
    """Whether every occurrence is one side of a name joined by "/" to another capitalised token
    ("CNN" and "DailyMail dataset" of "CNN/DailyMail dataset"): the two are one name, neither a term
    of its own."""

    def piece(start: int, end: int) -> bool:
        before = start >= 2 and tokens[start - 1] == "/" and tokens[start - 2][:1].isupper()
        after = end + 1 < len(tokens) and tokens[end] == "/" and tokens[end + 1][:1].isupper()
        return (before and tokens[start][:1].isupper()) or (after and tokens[end - 1][:1].isupper())

    return bool(spans) and all(piece(s, e) for s, e in spans)


# A noun the tagger reads right after "to" or a modal, before an object, is the infinitive's verb when
# ML abstracts write the word as a verb: "to complement CNNs with ...", "to model the user's ..."
# (EVALUATION.md, "Keywords, seventh session, round 2"). The tagger's treebanks tag the "to" of such
# clauses as a preposition ("to" IN), so the infinitive is read from the word itself: SciTLDR train
# abstracts that write it after "we" or a modal (``corpus.verb_documents``), at least this many.
VERB_AFTER_TO = True
VERB_EVIDENCE = 2
# Words before a base verb (a subject or a modal), from the list of words before a verb.
BASE_VERB_BEFORE = tuple(sorted(_BEFORE_VERB - {"has", "had", "have", "been", "also"}))
_INFINITIVE_BEFORE = frozenset({"to", *BASE_VERB_BEFORE})
# Tags that open the verb's object: a plural or proper noun, an adjective, a number, a determiner, a
# pronoun (a singular noun after it would make a compound: "applied to model compression").
_OBJECT_START = frozenset({"NNS", "NNPS", "NNP", "JJ", "JJR", "JJS", "CD", "DT", "PRP$", "PRP"})


def infinitive_verb(sentence: tuple[tuple[str, str], ...], index: int) -> bool:
    """Whether the word at `index` of a tagged sentence, which the tagger read as a singular noun, is
    a verb: it follows "to" or a modal, an object follows it, it is written in lower case, and ML
    abstracts write it as a verb ("we complement", "can model": ``VERB_EVIDENCE`` documents)."""
    from generator.keywords.corpus import verb_documents

    if not VERB_AFTER_TO or index == 0 or index + 1 >= len(sentence):
        return False
    token, tag = sentence[index]
    if tag != "NN" or not token.isalpha() or not token.islower():
        return False
    if sentence[index - 1][0].lower() not in _INFINITIVE_BEFORE:
        return False
    if sentence[index + 1][1] not in _OBJECT_START:
        return False
    return verb_documents(token, BASE_VERB_BEFORE) >= VERB_EVIDENCE
