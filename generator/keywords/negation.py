"""What an abstract says a paper does *not* use: a phrase said only in a negation's scope is no keyword.

"Without the need for ... adversarial training", "no pre-training on different datasets (e.g.
ImageNet) is performed", "does not require labelled data", "rather than pixels", "instead of
backpropagation", "unlike GANs": the phrase names what the paper avoids or contrasts with. A phrase
whose every mention is inside such a scope is left out of
the paper's keywords (one mention outside keeps it, but not in the background before the first
sentence about the paper's own work: "Imitation learning relies on expert demonstrations. We ...
without expert demonstrations"). Only negations in sentences about the paper's
own work count ("we", "our", "this paper", "the proposed method"): elsewhere a negation states the
gap in earlier work ("Existing works ... do not capture long-range correlations"), often the
paper's subject.

The scope, from the part-of-speech tags (``generator/text/tagger.py``): it opens after a cue
(``without``, ``no`` as a determiner, ``not``/``never``/``nor`` after the verbs that follow them,
``instead of``, ``rather than``, ``unlike``) and runs through the noun phrase that follows with its
prepositional phrases, examples in parentheses and coordinated noun phrases ("over a latent space or
adversarial training"), up to a verb, a relative pronoun or the end of the clause (a comma, a
semicolon, a colon or the sentence's end outside parentheses). "not only" and "no more/less/longer"
open no scope, nor does "without" before a gerund ("Without considering the corrupted images,
previous methods ...": what other work fails to do is often the paper's subject).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from generator.text.tagger import Tagged

# Tags a negation's scope runs through: nouns, adjectives, determiners, numbers, prepositions,
# conjunctions, participles and gerunds used as modifiers, possessives, adverbs inside a phrase.
_INSIDE = frozenset(
    {"NN", "NNS", "NNP", "NNPS", "JJ", "JJR", "JJS", "DT", "PDT", "CD", "IN", "CC", "VBG", "VBN",
     "PRP$", "POS", "RB", "HYPH", "-LRB-", "-RRB-", "FW", "SYM", "TO"}
)  # fmt: skip
_CLAUSE_END = frozenset({",", ";", ":", ".", "?", "!"})
_OPEN, _CLOSE = frozenset({"(", "["}), frozenset({")", "]"})
# "not only", "no longer", "no more than": comparisons and additions, not negations of a phrase.
_NOT_CUE_AFTER = frozenset({"only", "just", "merely", "longer", "more", "less", "fewer", "other", "matter"})
_NOUNISH = frozenset({"NN", "NNS", "NNP", "NNPS", "JJ", "JJR", "JJS"})
_VERB = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD", "RP"})


def _opens(sentence: Tagged, i: int) -> int:
    """The position where a negation's scope starts if a cue is at `i`, else -1."""
    low = sentence[i][0].lower()
    following = sentence[i + 1][0].lower() if i + 1 < len(sentence) else ""
    if following in _NOT_CUE_AFTER:
        return -1
    if low in {"without", "unlike"}:
        # "Without considering X, previous methods ...": a gerund clause says what others fail to
        # do, often the paper's own subject; only a noun phrase is negated.
        return -1 if i + 1 < len(sentence) and sentence[i + 1][1] == "VBG" else i + 1
    if low == "no" and sentence[i][1] == "DT":
        return i + 1
    if (low, following) in {("instead", "of"), ("rather", "than")}:
        return i + 2
    if low in {"not", "n't", "never", "nor"}:
        # Past the verbs and particles the negation is on ("does not require", "need not rely on").
        j = i + 1
        while j < len(sentence) and (sentence[j][1] in _VERB or sentence[j][1] == "RB"):
            following_tag = sentence[j + 1][1] if j + 1 < len(sentence) else "."
            if j > i + 1 and sentence[j][1] in {"VBN", "VBG"} and following_tag in _NOUNISH:
                break  # a participle before its noun ("not require labelled data")
            j += 1
        if j < len(sentence) and sentence[j][1] in {"IN", "TO"} and j > i + 1:
            j += 1  # "rely on", "need to"
        return j if j > i + 1 else -1
    return -1


def scope(sentence: Tagged) -> list[bool]:
    """For each token of a tagged sentence, whether it is inside a negation's scope."""
    inside = [False] * len(sentence)
    i = 0
    while i < len(sentence):
        start = _opens(sentence, i)
        if start < 0:
            i += 1
            continue
        depth, j = 0, start
        while j < len(sentence):
            token, tag = sentence[j]
            if token in _OPEN:
                depth += 1
            elif token in _CLOSE:
                if depth == 0:
                    break
                depth -= 1
            elif depth == 0 and (token in _CLAUSE_END or tag not in _INSIDE):
                break
            inside[j] = True
            j += 1
        i = max(j, i + 1)
    return inside


def negated(sentences: Iterable[Tagged], phrases: Iterable[tuple[str, ...]]) -> frozenset[tuple[str, ...]]:
    """The phrases (lower-case word tuples) that the abstract says, and says only inside a negation's
    scope."""
    wanted = {p for p in phrases if p}
    if not wanted:
        return frozenset()
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for p in wanted:
        by_first.setdefault(p[0], []).append(p)
    said_in: set[tuple[str, ...]] = set()
    said_out: set[tuple[str, ...]] = set()
    started = False  # past the first sentence about the paper's own work
    for sentence in _joined(sentences):
        # Only a sentence about the paper's own work says what the paper does without; elsewhere a
        # negation states the gap in earlier work ("They do not capture long-range correlations").
        own = _says_own_work(sentence)
        started = started or own
        flags = scope(sentence) if own else [False] * len(sentence)
        if not any(flags):
            if OWN_MENTIONS_ONLY and not started:
                continue  # the background before the paper's own work ("... rely on expert demonstrations")
            lowered = [t.lower() for t, _ in sentence]
            for k, word in enumerate(lowered):
                for p in by_first.get(word, ()):
                    if tuple(lowered[k : k + len(p)]) == p:
                        said_out.add(p)
            continue
        lowered = [t.lower() for t, _ in sentence]
        for k, word in enumerate(lowered):
            for p in by_first.get(word, ()):
                if tuple(lowered[k : k + len(p)]) == p:
                    (said_in if all(flags[k : k + len(p)]) else said_out).add(p)
    return frozenset(said_in - said_out)


# A phrase the paper's own work says only in a negation's scope is no keyword even when the background
# before the first sentence about the paper's own work names it: it says what the paper does without
# (EVALUATION.md, "Keywords, fifth session, round 2").
OWN_MENTIONS_ONLY = True


def _says_own_work(sentence: Tagged) -> bool:
    """A sentence about the paper's own work: "we", "our", "this paper", "the proposed method"."""
    lowered = [t.lower() for t, _ in sentence]
    if any(w in _WE for w in lowered):
        return True
    return any(a == "this" and b in _WORK for a, b in itertools.pairwise(lowered))


_WE = frozenset({"we", "our", "us", "proposed"})
_WORK = frozenset({"paper", "work", "study", "article", "letter", "thesis"})


def _joined(sentences: Iterable[Tagged]) -> list[Tagged]:
    """The sentences, with one that ends inside an open parenthesis joined to the next (the splitter
    ends a sentence at "(e.g." and the example is in the next)."""
    out: list[Tagged] = []
    depth = 0
    for sentence in sentences:
        if out and depth > 0:
            out[-1] = (*out[-1], *sentence)
        else:
            out.append(sentence)
            depth = 0
        for token, _tag in sentence:
            depth += token in _OPEN
            depth -= token in _CLOSE and depth > 0
    return out
