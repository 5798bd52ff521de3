"""Titles written from the contribution sentence's grammar, not lifted as n-grams (issue 22, round 4).

Real ML titles mostly say what the paper does: "<Method / Verb-ing> <object> <with / for / via> <key
idea or setting>". This module reads the authors' clauses ("we propose X to improve Y by using Z")
of the contribution sentence (``contribution.contribution_sentence``) and the other sentences where
the authors speak, by their part-of-speech tags, and turns them into title phrases:

- ``object``: the object noun phrase of the authors' verb with its attached prepositional phrases
  (of / for / with / via / to / from / on / in ...): "we propose a variational message-passing
  algorithm for variational inference" -> "variational message-passing algorithm for variational
  inference" (articles and the paper's praise of itself dropped), and the shorter variants without
  the later phrases;
- ``gerund``: an action of the authors as a gerund title: "we learn X from Y" -> "learning X from Y";
  "we propose to use X" -> "using X";
- ``purpose``: a purpose clause as a gerund title: "... to improve the robustness of X" -> "improving
  the robustness of X" (also "for improving ..." and "that improves ...");
- ``means``: the means joined to the action: "we improve X by using Y" -> "improving X via Y";
  "... X with Y" -> "... X with Y";
- ``purpose via object``: the purpose reached through the contribution: "we propose Y to improve X"
  -> "improving X via Y";
- ``object for problem``: the contribution's object for the problem it addresses: "we propose Y to
  improve X" -> "Y for X";
- ``object for topic`` and ``topic via object``: the contribution's head noun group and the topic a
  background sentence opens with as its subject: "Unsupervised domain adaptation aims ... We propose
  a prototypical network ..." -> "prototypical network for unsupervised domain adaptation",
  "unsupervised domain adaptation via prototypical network".

Eighth session: a joined means that is a bare generic kind ("... via method") is none (``specific``).

Only grammatical transformations from tags (the verb's -ing form by ``text.forms.gerund``); the
learned span scorer (``spans.py``) ranks these phrases with the abstract's noun-phrase spans, each
marked by where it comes from.
"""

from __future__ import annotations

from generator.text import generic
from generator.text.forms import gerund
from generator.text.nounphrases import continues
from generator.text.sentences import sentences
from generator.text.wordlists import TITLES_CONTRIBUTION_CONTRIBUTION_VERBS as CONTRIBUTION_VERBS
from generator.text.wordlists import TITLES_CONTRIBUTION_SELF_PRAISE as SELF_PRAISE
from generator.text.wordlists import TITLES_SPANS_NEGATION as NEGATION
from generator.text.wordlists import TLDR_ANAPHORS as ANAPHORS
from generator.text.wordlists import TLDR_FINDING_VERBS as FINDING_VERBS
from generator.titles import contribution

Tagged = list[tuple[str, str]]

MAX_WORDS = 14
MAX_CHARS = 70  # titles are cut at 80 characters (generate.TITLE_MAX), a name and colon included
MIN_WORDS = 3
SENTENCES = 3  # the authors' sentences read besides the contribution sentence
_NOUNS = frozenset({"NN", "NNS", "NNP", "NNPS"})
_MODIFIERS = frozenset({"JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "FW", "VBN", "VBG", "POS"})
_SKIP = frozenset({"DT", "PRP$", "PDT"})
# prepositions that attach a phrase to a noun in a title ("X for Y", "X of Y", "X with Y")
ATTACH = frozenset(
    {"of", "for", "with", "via", "to", "from", "on", "in", "under", "over", "between", "across"}
)
_MEANS = frozenset({"by", "using", "via", "through", "with"})
_AUTHORS = frozenset({"we"})
GENERIC_SHARE = 0.05
# a variant that stops where its phrase goes on is none (``text.nounphrases.continues``; spans.CONTINUED)
CONTINUED = True
# eighth session: a part joined by "via" / "with" is no bare kind (``specific``): never "via method"
SPECIFIC_JOINS = True
# ninth session: "we propose X to reduce Y" gives "X for reducing Y", keeping the purpose's verb, not
# "X for Y", which drops it and can say the opposite ("augmentation scheme for noise")
PURPOSE_VERB = True
# verbs that say what a thing is done with, not what for ("by using X", "... which uses X"): no purpose
MEANS_VERBS = frozenset({"using", "leveraging", "exploiting", "employing"})


def specific(words: list[str]) -> bool:
    """Whether a joined phrase names something: not a bare kind, one content word that more than
    ``generic.GENERIC_SHARE`` (10%) of SciTLDR train abstracts use ("method", "model", "approach").
    A modified one ("generative model", "deep learning", "device emulator") or a coined one
    ("PushSum") names its means; a bare kind only points back at the sentence the title leaves out."""
    content = [
        w
        for w in words
        if any(ch.isalpha() for ch in w) and w.lower() not in ATTACH | {"a", "an", "the", "and", "or"}
    ]
    return (
        len(content) != 1
        or not generic.is_generic_word(content[0].lower())
        or content[0][1:].lower() != content[0][1:]
    )


def _nominal_gerund(s: Tagged, j: int) -> bool:
    """A gerund that heads a noun group ("loss scaling", "for clustering."): no object after it."""
    return s[j][1] == "VBG" and (j + 1 >= len(s) or s[j + 1][1] not in _MODIFIERS | _SKIP | {"PRP"})


def _skipped(s: Tagged, k: int) -> bool:
    """An article, possessive or word of self-praise before a noun group ("a novel", "very simple")."""
    if s[k][1] in _SKIP or s[k][0].lower() in SELF_PRAISE:
        return True
    return s[k][1] == "RB" and k + 1 < len(s) and s[k + 1][0].lower() in SELF_PRAISE


def _in_group(s: Tagged, j: int, k: int) -> bool:
    """Whether the word at ``j`` continues the noun group opened at ``k``: a noun, adjective or
    number; a participle before its noun ("learned representations"); a gerund that modifies the
    next noun at the start ("training data") or heads the group ("loss scaling")."""
    t = s[j][1]
    if not any(ch.isalnum() for ch in s[j][0]):
        return False
    if t in _NOUNS or t in {"CD", "FW", "POS"} or t.startswith("JJ"):
        return True
    before_noun = j + 1 < len(s) and s[j + 1][1] in _MODIFIERS - {"POS"}
    if t == "VBN":
        return before_noun and (j == k or s[j - 1][1] not in _NOUNS)
    if t == "VBG":
        return (j == k and j + 1 < len(s) and s[j + 1][1] in _NOUNS) or (j > k and _nominal_gerund(s, j))
    return False


def noun_group(s: Tagged, k: int) -> tuple[int, int]:
    """(start, end) of the noun group at ``k`` after its articles and self-praise ("a novel deep
    generative model" -> "deep generative model"), ending on its last noun; (k, k) when none."""
    while k < len(s) and _skipped(s, k):
        k += 1
    j, last = k, -1
    while j < len(s) and _in_group(s, j, k):
        t = s[j][1]
        if t in _NOUNS or (t == "VBG" and j > k and _nominal_gerund(s, j)) or (t == "CD" and j > k):
            last = j
        j += 1
    return (k, last + 1) if last >= k else (k, k)


def _bracket_end(s: Tagged, j: int) -> int:
    """Past a bracketed aside right at ``j`` ("(GLO)"), else ``j``."""
    if j < len(s) and s[j][0] == "(":
        close = next((m for m in range(j + 1, min(j + 12, len(s))) if s[m][0] == ")"), -1)
        if close > 0:
            return close + 1
    return j


def phrase_variants(s: Tagged, k: int, attach: bool = True) -> list[tuple[list[str], int]]:
    """The noun phrase at ``k`` as words, then with each further attached prepositional phrase
    ("X", "X for Y", "X for Y in Z"), each with the position after it; articles inside are dropped."""
    start, end = noun_group(s, k)
    if end <= start:
        return []
    words = [w for w, _ in s[start:end]]
    out = [(list(words), end)]
    j = _bracket_end(s, end)
    while attach and j < len(s) and len(words) < MAX_WORDS:
        prep = s[j][0].lower()
        if prep not in ATTACH or s[j][1] not in {"IN", "TO"}:
            break
        m = j + 1
        lead: list[str] = []
        if m < len(s) and s[m][1] == "VBG" and not _nominal_gerund(s, m):  # "for quantifying the X"
            lead, m = [s[m][0]], m + 1
        a, b = noun_group(s, m)
        # "to" before a verb the tagger read as a noun ("to model a large matrix") opens a purpose
        verbal = s[j][1] == "TO" and (s[m][1] == "VB" or (b == a + 1 and b < len(s) and s[b][1] in _SKIP))
        if b <= a or verbal:
            break
        words = [*words, s[j][0], *lead, *(w for w, _ in s[a:b])]
        if len(words) > MAX_WORDS:
            break
        out.append((list(words), b))
        j = _bracket_end(s, b)
    if CONTINUED:  # no variant that stops where its phrase goes on ("... with range" of "range of X")
        whole = [variant for variant in out if not continues(s, variant[1])]
        return whole or out[-1:]
    return out


def _authors_verbs(s: Tagged) -> list[int]:
    """Positions of the verbs whose subject is the authors: the first verb after "we" (past adverbs
    and modals) and the verbs joined to it by "and"."""
    out = []
    for i, (w, _t) in enumerate(s):
        if w.lower() not in _AUTHORS:
            continue
        j = i + 1
        while j < len(s) and (
            s[j][1] in {"RB", "MD"} or s[j][0].lower() in {"also", "further", "then", "first"}
        ):
            j += 1
        if j < len(s) and s[j][1].startswith("VB") and s[j][1] != "VBG":
            out.append(j)
            m = j + 1
            while m < len(s) and s[m][1] not in {"PRP", "WDT", "WP", "."} and s[m][0] not in {";"}:
                if s[m][1] in {"VB", "VBP", "VBD", "VBZ"} and s[m - 1][1] == "CC":
                    out.append(m)
                m += 1
    return sorted(set(out))


def _infinitive_at(s: Tagged, j: int) -> bool:
    """Does "to" and a verb open at ``j`` ("allow the agent | to learn")?"""
    return j + 1 < len(s) and s[j][1] == "TO" and s[j + 1][1] == "VB"


def _clause_after(s: Tagged, j: int) -> tuple[str, int] | None:
    """The purpose or means that opens at ``j`` (past a comma): ("purpose", position of its verb)
    for "to VB", "for VBG", "that/which VBZ"; ("means", position of its object) for "by VBG",
    "by", "using", "via", "through", "with"."""
    if j < len(s) and s[j][0] == ",":
        j += 1
    if j + 1 >= len(s):
        return None
    w, t = s[j][0].lower(), s[j][1]
    nxt = s[j + 1][1]
    if w == "to" and t == "TO" and nxt == "VB":
        return "purpose", j + 1
    if w in {"for"} and nxt == "VBG" and not _nominal_gerund(s, j + 1):
        return "purpose", j + 1
    if (
        w in {"that", "which"}
        and nxt in {"VBZ", "VBP"}
        and s[j + 1][0].lower() not in {"is", "are", "has", "have"}
    ):
        # "... which uses X": what it is done with (ninth session, ``PURPOSE_VERB``)
        if PURPOSE_VERB and gerund(s[j + 1][0].lower(), nxt) in MEANS_VERBS:
            return "means", j + 2
        return "purpose", j + 1
    if w == "by" and nxt == "VBG":
        return "means", j + 2 if s[j + 1][0].lower() in MEANS_VERBS else j + 1
    if w in _MEANS and w != "by" and (t in {"IN", "VBG"}):
        return "means", j + 1
    return None


def _action(s: Tagged, v: int) -> list[tuple[list[str], int]]:
    """The verb at ``v`` with its object as gerund phrases: "improve the X of Y" -> "improving X of
    Y" (each attached-phrase variant), with the position after each."""
    verb = gerund(s[v][0].lower(), s[v][1])
    k = v + 1
    while k < len(s) and s[k][1] == "RB":
        k += 1
    return [([verb, *words], end) for words, end in phrase_variants(s, k)]


def _longest(variants: list[tuple[list[str], int]]) -> tuple[list[str], int] | None:
    return variants[-1] if variants else None


def structures(s: Tagged) -> list[tuple[str, str]]:
    """(phrase, source) of every title phrase the authors' clauses of one tagged sentence give."""
    out: list[tuple[str, str]] = []

    def add(words: list[str], source: str, joined: list[str] | None = None) -> None:
        # a phrase the title's length limit would cut is no candidate: "... via Generative Adversarial"
        if not (MIN_WORDS <= len(words) <= MAX_WORDS and len(" ".join(words)) <= MAX_CHARS):
            return
        # a part this module joins ("... via <means>") that names nothing of its own: "Learning
        # robust joint representations via method" (eighth session)
        if SPECIFIC_JOINS and joined is not None and not specific(joined):
            return
        out.append((" ".join(words), source))

    for v in _authors_verbs(s):
        verb = s[v][0].lower()
        if verb in FINDING_VERBS or (
            v + 1 < len(s) and s[v + 1][0].lower() in {"that", "how", "whether", "why"}
        ):
            continue
        if any(s[m][0].lower() in NEGATION for m in range(max(v - 2, 0), v)):
            continue
        if verb in CONTRIBUTION_VERBS:
            if v + 2 < len(s) and s[v + 1][1] == "TO" and s[v + 2][1] == "VB":  # "we propose to use X"
                actions = _action(s, v + 2)
                for words, _ in actions:
                    add(words, "gerund")
                found = _longest(actions)
                after = _clause_after(s, found[1]) if found else None
                if found and after and after[0] == "means":
                    for means, _ in phrase_variants(s, after[1])[:2]:
                        add([*found[0], "via", *means], "means", means)
                continue
            objects = phrase_variants(s, v + 1)
            for words, _ in objects:
                add(words, "object")
            if not objects:
                continue
            core = objects[0][0]
            # "X, a Y ...": the apposition says what the named thing is
            j = _bracket_end(s, objects[-1][1])
            if j + 1 < len(s) and s[j][0] == "," and s[j + 1][1] == "DT":
                appos = phrase_variants(s, j + 1)
                for words, _ in appos:
                    add(words, "object")
                if appos:
                    core = appos[0][0]
                    j = _bracket_end(s, appos[-1][1])
            after = _clause_after(s, j)
            if after and after[0] == "purpose":
                purposes = _action(s, after[1])
                if PURPOSE_VERB:
                    # never "allowing agent" of "to allow the agent to learn ...": the verb's object
                    # goes on into its own infinitive
                    purposes = [p for p in purposes if not _infinitive_at(s, p[1])]
                for words, _ in purposes:
                    add(words, "purpose")
                    add([*words, "via", *core], "purpose via object", core)
                if not PURPOSE_VERB:
                    problems = phrase_variants(s, after[1] + 1)[:2]
                elif purposes and purposes[0][0][0].lower() not in MEANS_VERBS:
                    problems = purposes[:2]
                else:
                    problems = []
                for words, _ in problems:
                    add([*core, "for", *words], "object for problem")
            elif after and after[0] == "means":
                for words, _ in phrase_variants(s, after[1])[:2]:
                    add([*core, "via", *words], "means", words)
            continue
        # any other action of the authors: "we learn X from Y" -> "learning X from Y"
        actions = _action(s, v)
        for words, _ in actions:
            add(words, "gerund")
        found = _longest(actions)
        if not found:
            continue
        after = _clause_after(s, _bracket_end(s, found[1]))
        if after and after[0] == "means":
            prep = "with" if s[after[1] - 1][0].lower() == "with" else "via"
            for means, _ in phrase_variants(s, after[1])[:2]:
                add([*found[0], prep, *means], "means", means)
        elif after and after[0] == "purpose":
            core = actions[0][0][1:]
            for words, _ in _action(s, after[1]):
                add(words, "purpose")
                add([*words, "via", *core], "purpose via object", core)
    # a purpose the sentence opens with: "To address X, we ..." -> "addressing X"
    if len(s) > 2 and s[0][0].lower() == "to" and s[1][1] == "VB":
        for words, _ in _action(s, 1):
            add(words, "purpose")
    return list(dict.fromkeys(out))


def contribution_object(s: Tagged) -> list[str]:
    """What the authors make with every attached phrase, however long ("neural architecture for
    learning structural correspondences between graphs"); [] when none."""
    for v in _authors_verbs(s):
        if s[v][0].lower() in CONTRIBUTION_VERBS:
            variants = phrase_variants(s, v + 1)
            if variants:
                return variants[-1][0]
    return []


def contribution_core(s: Tagged) -> list[str]:
    """The head noun group of what the authors make ("we propose a novel prototypical network for
    X" -> "prototypical network"; "we present X, a family of Y" -> "family"); [] when none."""
    for v in _authors_verbs(s):
        if s[v][0].lower() not in CONTRIBUTION_VERBS:
            continue
        variants = phrase_variants(s, v + 1, attach=False)
        if not variants:
            continue
        j = _bracket_end(s, variants[0][1])
        # "a method called adaptive quantization": the name it is given is the thing
        if j + 1 < len(s) and s[j][0].lower() in {"called", "named", "dubbed", "termed"}:
            named = phrase_variants(s, j + 1, attach=False)
            if named:
                return named[0][0]
        # a lone generic word ("method", "approach") names no contribution
        if len(variants[0][0]) == 1 and generic.share(variants[0][0][0]) > GENERIC_SHARE:
            return []
        if j + 1 < len(s) and s[j][0] == "," and s[j + 1][1] == "DT":
            appos = phrase_variants(s, j + 1, attach=False)
            if appos and len(appos[0][0]) >= 2:
                return appos[0][0]
        return variants[0][0]
    return []


def topic(s: Tagged) -> list[list[str]]:
    """The noun phrase a sentence opens with as its subject ("Unsupervised domain adaptation aims
    to ..."), alone and with its first attached phrase; [] when the sentence opens otherwise."""
    # a subject that points back ("Such approaches", "These methods") names no topic of its own
    if not s or s[0][0].lower() in ANAPHORS:
        return []
    k = 1 if s[0][1] == "DT" else 0
    variants = phrase_variants(s, k)[:2]
    if not variants or noun_group(s, k)[0] != k:
        return []
    end = _bracket_end(s, variants[0][1])
    if end >= len(s) or not (s[end][1] in {"VBZ", "VBP", "VBD", "MD"} or s[end][0] == ","):
        # the subject ends where its verb begins: a phrase cut elsewhere is no topic
        if not (
            len(variants) > 1
            and variants[1][1] < len(s)
            and s[variants[1][1]][1] in {"VBZ", "VBP", "VBD", "MD"}
        ):
            return []
        variants = variants[1:]
    return [words for words, _ in variants if len(words) >= 2 or any(ch.isupper() for ch in words[0][1:])]


def composed(text: str) -> list[tuple[str, str, int]]:
    """(phrase, source, sentence index) of the contribution sentence's title phrases, then those of
    up to ``SENTENCES`` further sentences where the authors speak, in reading order; and the
    contribution's object "for" the topic a background sentence opens with ("prototypical network
    for unsupervised domain adaptation")."""
    found = contribution.contribution_sentence(text)
    sents = sentences(text)
    chosen = [found[0]] if found else []
    for i, sentence in enumerate(sents):
        if len(chosen) > SENTENCES:
            break
        if i not in chosen and " we " in f" {sentence.lower()} ":
            chosen.append(i)
    out: list[tuple[str, str, int]] = []
    for i in sorted(chosen):
        for phrase, source in structures(contribution.tagged(sents[i])):
            out.append((phrase, source, i))
    if found:
        core = " ".join(contribution_core(found[1]))
        said = set(core.lower().split())
        for i in range(found[0]):
            for words in topic(contribution.tagged(sents[i])) if core else []:
                if (
                    not said.issuperset(w.lower() for w in words)
                    and len(core.split()) + len(words) < MAX_WORDS
                    and len(core) + len(" ".join(words)) + 5 <= MAX_CHARS
                ):
                    out.append((f"{core} for {' '.join(words)}", "object for topic", found[0]))
                    if not SPECIFIC_JOINS or specific(core.split()):
                        out.append((f"{' '.join(words)} via {core}", "topic via object", found[0]))
    seen: set[str] = set()
    return [row for row in out if not (row[0].lower() in seen or seen.add(row[0].lower()))]
