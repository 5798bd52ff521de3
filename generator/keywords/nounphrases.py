"""Noun phrases of an abstract, from its part-of-speech tags: the only phrases YAKE may score.

A noun phrase is a run of adjectives, nouns, names and participles used as modifiers ("pre-trained",
"the weighted graph") that ends in a noun or a name (an acronym, a word with inner capitals or digits:
"BERT", "GANSynth", "code2seq"). A candidate is any part of such a run of up to ``MAX_WORDS`` words
that ends in a noun: so no candidate crosses a verb, a preposition or a determiner, and none ends in an
adjective ("deep neural") or cuts a word (the tokens are the tagger's, hyphenated words whole).

Proper names keep their case: a capitalised word inside a sentence that the tagger reads as a proper
noun ("Wasserstein", "Atari", "English Wikipedia") or an adjective made from a name ("Bayesian",
"Gaussian"), that the abstract never writes in lower case, none of whose parts is a common word in
the tagger's lexicon ("Zeroth-Order", "In-context" are title case) and that is no word of a defined
acronym's expansion ("Generative Adversarial Networks (GANs)" is written in lower case).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.keywords import generic
from generator.text import tagger
from generator.text.tagger import NOUNS, Tagged

MAX_WORDS = 4
_ADJECTIVES = frozenset({"JJ", "JJR", "JJS"})
_PARTICIPLES = frozenset({"VBN", "VBG"})
# A participle modifies the next noun when it follows one of these ("the trained model").
_BEFORE_MODIFIER = frozenset({"DT", "PRP$", "POS", "CD", *_ADJECTIVES})
# A gerund followed by one of these has an object: a verb ("using deep networks").
_OBJECT_START = frozenset({"DT", "PRP", "PRP$", "CD", "JJ", "JJR", "JJS", "PDT", "WDT", "WP", "EX"})
_NOUN_PHRASE_TAGS = frozenset({*NOUNS, *_ADJECTIVES, "VBG", "VBN"})
# A participle after these is a verb ("models trained on", "we trained", "which learned"); before a
# noun elsewhere it modifies it ("study federated learning").
_SUBJECTS = frozenset({*NOUNS, "PRP", "WDT", "WP"})
_HEADS = frozenset({*NOUNS, "VBG"})
# Adjectives made from a name keep its capital: Bayesian, Gaussian, Euclidean, Hamiltonian.
_NAME_ADJECTIVE = ("ian", "ean")
_COMMON = frozenset(
    {"NN", "NNS", "JJ", "JJR", "JJS", "RB", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "IN", "DT"}
)


@dataclass(frozen=True)
class NounPhrases:
    phrases: frozenset[str]  # lower-case, words joined by one space
    names: dict[str, str]  # lower-case word -> as the abstract writes it, for proper names


def _named(token: str) -> bool:
    """An acronym or a name with inner capitals or digits: "BERT", "GANSynth", "code2seq", "GPT-2"."""
    letters = [c for c in token if c.isalpha()]
    if len(letters) < 2:
        return False
    return any(c.isupper() for c in token[1:]) or (any(c.isdigit() for c in token) and token[0].isalpha())


def _nominal(sentence: Tagged, index: int) -> bool:
    """A noun, a name, or a gerund used as a noun ("data mining", "dynamic time warping", "for
    clustering."): after a noun or an adjective, or with no object after it."""
    token, tag = sentence[index]
    if tag in NOUNS or (_named(token) and not tag.startswith("V")):
        return True
    if tag != "VBG":
        return False
    following = sentence[index + 1][1] if index + 1 < len(sentence) else "."
    if following in _OBJECT_START:
        return False
    previous = sentence[index - 1][1] if index else ""
    return (
        previous in NOUNS
        or previous in _ADJECTIVES
        or previous == "VBN"
        or following not in _NOUN_PHRASE_TAGS
    )


def chunks(sentence: Tagged) -> list[list[tuple[str, bool]]]:
    """Maximal runs of noun-phrase words in one tagged sentence: (word, whether it can end a phrase)."""
    runs: list[list[tuple[str, bool]]] = []
    current: list[tuple[str, bool]] = []
    for index, (token, tag) in enumerate(sentence):
        previous = sentence[index - 1][1] if index else ""
        if _nominal(sentence, index):
            current.append((token, True))
            continue
        following = sentence[index + 1][1] if index + 1 < len(sentence) else "."
        if (tag in _ADJECTIVES and any(c.isalpha() for c in token)) or (
            tag in _PARTICIPLES
            and (
                "-" in token
                or previous in _BEFORE_MODIFIER
                or (previous not in _SUBJECTS and following in _HEADS)
            )
        ):
            current.append((token, False))
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return runs


def noun_phrases(sentences: tuple[Tagged, ...], defined: frozenset[str] = frozenset()) -> NounPhrases:
    """The candidate phrases and proper names of a tagged abstract; `defined`: lower-case words of the
    expansions of the acronyms it defines."""
    phrases: set[str] = set()
    for sentence in sentences:
        for run in chunks(sentence):
            words = [token.lower() for token, _ in run]
            for end, (_token, head) in enumerate(run):
                if not head:
                    continue
                for start in range(max(0, end - MAX_WORDS + 1), end + 1):
                    phrases.add(" ".join(words[start : end + 1]))
    return NounPhrases(frozenset(phrases), _names(sentences, defined))


def _common(token: str, lexicon: dict[str, str]) -> bool:
    """Whether a word (or a part of a hyphenated word) is a common word: in the tagger's lexicon with
    a common tag, or written in lower case by most ML abstracts that use it (``generic.written_lower``)."""
    return any(
        lexicon.get(tagger.normalize(part)) in _COMMON or generic.written_lower(part)
        for part in token.split("-")
        if part
    )


def _title_case(sentence: Tagged, lexicon: dict[str, str]) -> set[int]:
    """Positions of words in runs of capitalised words with a common word among them: title case
    ("Visual Genome", "Factorization Machines", "Bidirectional Encoder Representations")."""
    found: set[int] = set()
    run: list[int] = []
    for index, (token, _tag) in enumerate([*sentence, (".", ".")]):
        if token[:1].isupper() and not token.isupper():
            run.append(index)
            continue
        if len(run) > 1 and any(_common(sentence[k][0], lexicon) for k in run):
            found.update(run)
        run = []
    return found


def _names(sentences: tuple[Tagged, ...], defined: frozenset[str]) -> dict[str, str]:
    lower = {token for sentence in sentences for token, _ in sentence if token.islower()}
    lexicon = tagger.model().lexicon
    names: dict[str, str] = {}
    for sentence in sentences:
        title = _title_case(sentence, lexicon)
        for index, (token, tag) in enumerate(sentence):
            low = token.lower()
            adjective = tag == "JJ" and low.endswith(_NAME_ADJECTIVE)
            if (
                index == 0
                or not token[:1].isupper()
                or token.isupper()
                or not (tag in {"NNP", "NNPS"} or adjective)
                or (index in title and not adjective)
                or low in lower
                or low in defined
                or _common(token, lexicon)
            ):
                continue
            names.setdefault(low, token)
    return names
