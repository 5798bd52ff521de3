"""Reference in a TLDR: the words of a candidate that point back to something the reader never saw.

A TLDR stands alone, so "We achieve this by ...", "This decoupling allows ...", "the proposed
method" or "our model" (the model described two sentences before) leave the reader asking what is
meant. ``pointers`` reads a candidate with the part-of-speech tagger and finds each such pointer:

- a demonstrative ("this / these / those / such", and "that" after a preposition where the tagger
  reads a determiner whose noun phrase opens no clause: "of that sample") as a **determiner** of a
  noun phrase ("this problem", "such methods") or as a **pronoun** (followed by a verb, a
  preposition or nothing: "This allows", "achieve this by"); the paper itself and its parts
  ("this paper", "this end") are not pointers;
- "the" with a **referring modifier** ("the proposed / above / aforementioned / resulting X"),
  unless the candidate proposes something before it ("We propose X and evaluate the proposed
  approach");

A pointer whose noun the candidate names before it ("a model ... this model") is resolved inside.
- **"our X"** where the abstract used X before and the candidate does not say what X is before it
  ("We propose FooNet ... our model" introduces it; "our experiments" names the paper's own part).

``resolve`` replaces a determiner pointer by its antecedent when the sentence before has a noun
phrase with the same head noun, in the same number, that says more than the head alone: "this
problem" -> "the problem of learning sparse codes"; a pronoun or a pointer without such an antecedent
stays and marks the candidate (``tldr.choose`` prefers a candidate without one).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from generator.text.nounphrases import chunks
from generator.text.tagger import NOUNS, Tagged
from generator.text.tagger import tag as _tag
from generator.text.wordlists import TITLES_CONTRIBUTION_CONTRIBUTION_VERBS as CONTRIBUTION_VERBS
from generator.text.wordlists import TLDR_DEMONSTRATIVES, TLDR_REFERRING_MODIFIERS, TLDR_SELF_NOUNS
from generator.titles.tldr_compress import _WE_VERB, lex_tag

_QUICK = re.compile(
    r"\b(?:this|these|those|such|that|our|the (?:"
    + "|".join(sorted(map(re.escape, TLDR_REFERRING_MODIFIERS)))
    + r"))\b",
    re.I,
)
_MODIFIERS = frozenset({"JJ", "JJR", "JJS", "VBN", "VBG", "CD"})
_PRONOUN_NEXT = ("VB", "MD", "IN", "TO", "RB", "CC", "WDT", ".", ",", ":")


@lru_cache(maxsize=4096)
def tag(text: str) -> Tagged:
    """The tagger's reading of a candidate, kept: ``pointers``, ``core`` and ``resolve`` read it."""
    return _tag(text)


class Pointer(NamedTuple):
    start: int  # token positions in the tagged candidate: the pointer word ...
    end: int  # ... to the head noun, inclusive (start == end for a pronoun)
    kind: str  # "determiner", "distal" ("that X"), "pronoun", "referring", "our"
    head: str  # the head noun as written ('' for a pronoun)


def _noun_head(tagged: Tagged, j: int) -> int:
    """The last noun of the noun phrase that opens at ``j`` (its modifiers skipped); -1 for none."""
    while j < len(tagged) and tagged[j][1] in _MODIFIERS and tagged[j][1] not in NOUNS:
        j += 1
    head = -1
    while j < len(tagged) and tagged[j][1] in NOUNS:
        if head >= 0 and lex_tag(tagged[j][0]).startswith(("VBZ", "VBP", "VBD")):
            break  # "Our model outperforms": the verb the tagger read as a plural noun
        head, j = j, j + 1
    return head


def _said(tagged: Tagged, i: int, head: int) -> bool:
    """Does the candidate name the pointer's head noun before it ("a model ... this model")?"""
    noun = _singular(tagged[head][0])
    return any(_singular(w) == noun for w, _ in tagged[:i])


def _singular(word: str) -> str:
    from generator.text.forms import singular

    return singular(word.lower())


def pointers(candidate: str, earlier: set[str]) -> list[Pointer]:
    """The candidate's pointers back (see the module). ``earlier``: the lower-cased words of the
    abstract's sentences before the candidate's."""
    if not _QUICK.search(candidate):
        return []
    tagged = tag(candidate)
    out: list[Pointer] = []
    for i, (token, _) in enumerate(tagged):
        word = token.lower()
        nxt = tagged[i + 1] if i + 1 < len(tagged) else (".", ".")
        if word in TLDR_DEMONSTRATIVES:
            if word == "such" and nxt[0].lower() in ("as", "that"):
                continue
            start = i + 2 if word == "such" and nxt[0].lower() in ("a", "an") else i + 1
            head = _noun_head(tagged, start)
            if head < 0:
                if word != "such" and nxt[1].startswith(_PRONOUN_NEXT):
                    out.append(Pointer(i, i, "pronoun", ""))
                continue
            if tagged[start][0].lower() not in TLDR_SELF_NOUNS and not _said(tagged, i, head):
                out.append(Pointer(i, head, "determiner", tagged[head][0]))
        elif word == "that" and tagged[i][1] == "DT" and i and tagged[i - 1][1] == "IN":
            # "of that sample": "that" as the tagger's determiner after a preposition, its noun phrase
            # not the subject of a clause ("argue that X ...", "given that data are scarce": a
            # complementizer the tagger misread)
            head = _noun_head(tagged, i + 1)
            after = tagged[head + 1][1] if 0 <= head < len(tagged) - 1 else "."
            opens = after.startswith(("VB", "MD")) or tagged[i + 1][0].lower() in TLDR_SELF_NOUNS
            if head >= 0 and not opens and not _said(tagged, i, head):
                out.append(Pointer(i, head, "distal", tagged[head][0]))
        elif word == "the" and nxt[0].lower() in TLDR_REFERRING_MODIFIERS:
            head = _noun_head(tagged, i + 1)
            proposed = any(w.lower() in CONTRIBUTION_VERBS for w, _ in tagged[:i])
            if head >= 0 and not proposed and not _said(tagged, i, head):
                out.append(Pointer(i, head, "referring", tagged[head][0]))
        elif word == "our":
            head = _noun_head(tagged, i + 1)
            if head < 0:
                continue
            first = next(k for k in range(i + 1, head + 1) if tagged[k][1] in NOUNS)
            noun = tagged[first][0].lower()  # "our model outperforms": the tagger may run on
            before = {_singular(w) for w, _ in tagged[:i]}
            named = head + 1 < len(tagged) and tagged[head + 1][0] in (",", "(") and head + 2 < len(tagged)
            named = named and tagged[head + 2][0][:1].isupper()
            used = noun in earlier or _singular(noun) in {_singular(w) for w in earlier}
            if noun not in TLDR_SELF_NOUNS and used and _singular(noun) not in before and not named:
                out.append(Pointer(i, first, "our", tagged[first][0]))
    return out


def _antecedent(previous: Tagged, head: str) -> str:
    """The last noun phrase of the previous sentence whose head is ``head`` (same number), with an
    "of" phrase after it, when it says more than the head alone; '' for none."""
    found = ""
    for run in chunks(previous):
        ends = [k for k, can_end in run if can_end and previous[k][0].lower() == head.lower()]
        if not ends:
            continue
        first, last = run[0][0], ends[-1]
        words = [w for w, _ in previous[first : last + 1]]
        if last + 2 < len(previous) and previous[last + 1][0].lower() == "of":
            tail = next((r for r in chunks(previous) if r[0][0] in (last + 2, last + 3)), None)
            if tail is not None:
                words += [w for w, _ in previous[last + 1 : tail[-1][0] + 1]]
        if len(words) > 1 and not (first == 0 and words[0].lower() in TLDR_DEMONSTRATIVES):
            found = " ".join(words)
    return found


def _span(candidate: str, tagged: Tagged, start: int, end: int) -> tuple[int, int] | None:
    """The character span of tokens ``start``..``end`` in the candidate (found by their text)."""
    pos = 0
    spans = []
    for token, _ in tagged:
        at = candidate.find(token, pos)
        if at < 0:
            return None
        spans.append((at, at + len(token)))
        pos = at + len(token)
    return spans[start][0], spans[end][1]


def resolve(candidate: str, previous: str, earlier: set[str]) -> str:
    """The candidate with each determiner pointer ("this problem", "these methods", "the proposed
    model") replaced by its antecedent in the ``previous`` sentence: the noun phrase there with the
    same head noun in the same number, when it says more ("the problem of X", "graph-based
    methods"); '' when a pointer stays unresolved (or there is none)."""
    found = pointers(candidate, earlier)
    if not found or any(p.kind not in ("determiner", "distal", "referring") for p in found):
        return ""
    tagged = tag(candidate)
    prev = tag(previous)
    out = candidate
    for p in sorted(found, key=lambda p: p.start, reverse=True):
        if tagged[p.start][0].lower() == "such":
            return ""
        np = _antecedent(prev, p.head)
        span = _span(candidate, tagged, p.start, p.end)
        if not np or span is None:
            return ""
        name = np.split()[0]
        mid_capital = name[:1].isupper() and (name[1:] != name[1:].lower() or previous.find(name) > 0)
        if not mid_capital:
            np = np[:1].lower() + np[1:]
        text = f"the {np}"  # "these methods" -> "the graph-based methods", "each of the key challenges"
        out = out[: span[0]] + text + out[span[1] :]
    return out[:1].upper() + out[1:]


def core(candidate: str, found: list[Pointer]) -> list[Pointer]:
    """The pointers that stand for what the candidate is about: a pronoun, or a pointer in its
    subject (before its first verb) or its object (the three words after that verb: "We address
    this problem", "We take advantage of this"); one in a later phrase ("as the first approach to
    this matter") leaves the sentence's claim whole, but "that X" anywhere names one thing the
    reader never saw ("a good representation of that sample")."""
    if not found:
        return []
    tagged = tag(candidate)
    verb = next(
        (k for k, (_, t) in enumerate(tagged) if t.startswith(("VB", "MD")) and t != "VBG"), len(tagged)
    )
    return [p for p in found if p.kind in ("pronoun", "distal") or p.start < verb or p.start <= verb + 3]


def unresolved(candidate: str, earlier: set[str]) -> bool:
    """Does the candidate's subject or object point back to something it does not say
    (``pointers``, ``core``)?"""
    return bool(core(candidate, pointers(candidate, earlier)))


_MEANS = re.compile(r"^We (?P<head>.+?) by (?P<verb>[a-z]+ing) (?P<rest>.+)$")


def _base(gerund: str) -> str:
    """The bare verb of an -ing form by the tagger's lexicon: developing -> develop, using -> use,
    mapping -> map (the first of the stem, the stem with "e", the stem without its doubled
    consonant that the lexicon knows as a verb or noun; else the stem)."""
    stem = gerund[:-3]
    options = [stem, stem + "e"]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        options.append(stem[:-1])
    known = [w for w in options if lex_tag(w).startswith(("VB", "NN"))]
    return known[0] if known else (options[-1] if len(options) == 3 else stem)


def by_means(candidate: str, earlier: set[str]) -> str:
    """The means as the authors' own clause when what it serves is only a pointer back: "We address
    this problem by developing an off-policy algorithm ..." -> "We develop an off-policy algorithm
    ..."; "We achieve this by modifying X" -> "We modify X"; '' otherwise."""
    m = _MEANS.match(candidate)
    if not m or not unresolved(f"We {m.group('head')}", earlier):
        return ""
    return f"We {_base(m.group('verb'))} {m.group('rest')}"


_DETERMINERS = frozenset({"this", "these", "the", "our", "such"})
_FINITE = ("VBZ", "VBD", "VBP", "MD")
_SINGULAR_FINITE = ("VBZ", "VBD", "MD")  # "which" stands for one thing: "which learns", not "which learn"
_CONTRIBUTES = re.compile(r"^We (?:also |further |first )?(?P<verb>[a-z]+) (?P<object>.+)$")
_CLAUSE_OPENERS = frozenset({"that", "which", "how", "whether", "where", "who", "what", "when", "to"})
_BE = frozenset({"is", "was", "has", "does"})
# What may open the one apposition a contribution may carry: "We present Deep SAD, a deep method for
# X", "We propose a new architecture, called SliceNet"
_APPOSITION = frozenset({"a", "an", "the", "called", "namely", "named", "dubbed", "termed"})
_SUBJECT = frozenset({"NN", "NNS", "NNP", "NNPS", "JJ", "VBN", "VBG"})
_NAME_GLUE = frozenset({"and", "of", "for"})  # inside a spelt-out name: "Divide, Conquer, and Combine"


_OPEN_END = frozenset({"VBG", "VBN", "IN", "TO", "DT", "CC", "PRP$"})


def open_end(cut: str) -> bool:
    """Does a cut of a sentence leave it open: a comma inside ("exploits X, capitalising", "adapts
    X, enforces Y": the list or the participle goes on) or a last word that wants its object ("is
    based on searching")?"""
    return "," in cut or tag(cut)[-1][1] in _OPEN_END


def _is_name(word: str) -> bool:
    """A name as authors coin one: a capital after the first letter ("CompGCN", "AdamT", "iTM-VAE")."""
    return any(c.isupper() for c in word[1:]) and any(c.isalpha() for c in word)


def _openers(words: list[str]) -> list[int]:
    """Where a clause opens among ``words``: "that", "which", "how" ...; "to" only before a verb ("to
    learn X", not "an approach to anomaly detection")."""
    out = []
    for k, w in enumerate(words):
        word = w.strip(",;:").lower()
        after = tag(" ".join(words[k : k + 3])) if word == "to" else ()
        if word == "to" and not (len(after) > 1 and after[1][1].startswith("VB")):
            continue
        if word in _CLAUSE_OPENERS:
            out.append(k)
    return out


def _bare(contribution: str) -> bool:
    """Is the contribution's object a noun phrase without a clause of its own, so that "which" after it
    can only mean what it names? At most one comma, opening an apposition ("X, a Y", "X, called Z")."""
    if _openers(contribution.split()):
        return False
    if any(mark in contribution for mark in ";:()"):
        return False
    parts = contribution.split(",")
    if len(parts) > 2:
        return False
    if len(parts) == 2:
        after = parts[1].split()
        return bool(after) and (after[0] in _APPOSITION or _is_name(after[0]))
    return True


def _initials(text: str) -> set[str]:
    """The initials of every run of capitalised words (and their hyphenated parts) in ``text``, and of
    every stretch of such a run: "Cycle-Consistent Adversarial Domain Adaptation" gives "CCADA" (and
    "CADA", "ADA", ...), so a short form of a name the contribution spells out ("CyCADA") is known."""
    runs: list[str] = []
    current = ""
    for token in text.split():
        for part in token.split("-"):
            part = part.strip(",.;:\"'")
            if part[:1].isupper():
                current += part[0]
            elif part.lower() not in _NAME_GLUE:
                runs.append(current)
                current = ""
    runs.append(current)
    return {run[i:j] for run in runs for i in range(len(run)) for j in range(i + 2, len(run) + 1)}


def contribution_head(contribution: str) -> str:
    """The head noun, singular, of the noun phrase a contribution opens with: "We propose a novel
    framework for X" -> "framework" ('' when the object opens no noun phrase or the sentence is no
    contribution). ``tldr_tune`` counts them over train: the nouns that name what papers contribute."""
    m = _CONTRIBUTES.match(contribution)
    if not m or m.group("verb") not in CONTRIBUTION_VERBS:
        return ""
    tagged = tag(m.group("object"))
    j = 0
    while j < len(tagged) and tagged[j][1] in ("DT", "PRP$", "CD"):
        j += 1
    head = _noun_head(tagged, j)
    return _singular(tagged[head][0]) if head >= 0 else ""


def _names_it(head: str, owner: str, contribution: str, tagged_head: str, nouns: frozenset[str]) -> bool:
    """Does a subject ending in ``head`` (determiner ``owner``: '', "the", "our" ...) stand for what
    the contribution names? Its head noun is a noun of the contribution (the existing rule, for a
    determiner); a name the contribution says or spells out ("CompGCN", "CyCADA" for
    "Cycle-Consistent Adversarial Domain Adaptation"); or the authors' own thing named by a singular
    noun after "our" ("Our architecture encodes ...") of those that name contributions (``nouns``,
    learned on train: "method", "framework", "architecture"; not "our intuition", "our results")."""
    # the contribution's own nouns, not the words of a name in it ("the label embedding" is not
    # "Label Embedding Network")
    said = {_singular(w.strip(",")) for w in contribution.split() if not w[:1].isupper()}
    if _is_name(head) or head.isupper():
        upper = "".join(c for c in head if c.isupper())
        return head in {w.strip(",") for w in contribution.split()} or upper in _initials(contribution)
    if not owner:
        return False
    if _singular(head) in said:
        return True
    return owner == "our" and tagged_head == "NN" and _singular(head) in nouns


def _account_of(contribution: str) -> tuple[str, str]:
    """How the next sentence's account joins the contribution's object, and the part of the object it
    is about: a noun phrase without a clause of its own (``_bare``) takes ", which ..." ("a new model
    for X, which composes ..."); a noun phrase with one relative clause of its own ("a scheme that
    allows X", "CompGCN, a framework which embeds X": "that / which", after a noun, before a singular
    finite verb) takes a second predicate of that clause, " and ..." ("a scheme that allows X and pits
    two agents ..."). ('', '') for anything else (a "that" clause after a verb, "to", "how" ...)."""
    words = contribution.split()
    openers = _openers(words)
    if not openers:
        return (", which", contribution) if _bare(contribution) else ("", "")
    k = openers[0]
    noun = words[k - 1].strip(",") if k else ""
    inner = [words[j].strip(",;:").lower() for j in openers[1:]]  # "that allows an agent to learn" is one
    if (
        any(w != "to" for w in inner)
        or words[k] not in ("that", "which")
        or not _bare(" ".join(words[:k]).rstrip(","))
    ):
        return "", ""
    if not noun or not (lex_tag(noun).startswith("NN") or _is_name(noun) or not lex_tag(noun)):
        return "", ""
    clause = tag(" ".join(words[k:]))
    verb = next((t for _, t in clause[1:4] if not t.startswith("RB")), "")
    if verb not in _SINGULAR_FINITE:
        return "", ""
    return " and", " ".join(words[:k]).rstrip(",")


def elaborate(first: str, later: str, nouns: frozenset[str] = frozenset(), narrow: bool = False) -> str:
    """The authors' contribution with the next sentence's account of it as a relative clause, when
    that sentence's subject is the thing the contribution names: "We propose a new model for document
    embedding" + "The model composes sentence vectors ..." -> "We propose a new model for document
    embedding, which composes sentence vectors ..."; "It learns X", "CompGCN leverages X" (a name the
    contribution says or spells out), "Our architecture encodes X" likewise (``_names_it``).
    ``first`` is "We <contribution verb> <a noun phrase>" without a clause of its own, at most with
    one apposition ("We present Deep SAD, a deep method for X"; ``_bare``), so "which" can only mean
    what it names; the subject of ``later`` is "it" before a verb other than "be" or a modal (not the
    expletive "It is possible"), or an optional "this / these / the / our" and at most three words
    before a finite verb, adverbs between them kept ("CompGCN also learns" -> "which also learns"),
    read by the tagger in context; '' otherwise. ``nouns``: the nouns that name contributions
    (``tldr.contribution_nouns``). ``narrow``: only the sixth session's forms (a contribution without
    a comma or clause; "It" or a determiner and a noun of the contribution as the subject), for a
    contribution that was cut (``tldr.scored_candidates``)."""
    words = later.split()
    m = _CONTRIBUTES.match(first)
    if not m or m.group("verb") not in CONTRIBUTION_VERBS or len(words) < 3:
        return ""
    joiner, about = _account_of(m.group("object"))
    if not joiner or (narrow and (joiner != ", which" or "," in first)):
        return ""
    tagged = tag(later)
    verb = next((k for k in range(1, min(len(tagged), 6)) if tagged[k][1] in _FINITE), 0)
    if not verb or [w for w, _ in tagged[: verb + 1]] != words[: verb + 1]:
        return ""  # no finite verb after a short subject, or punctuation inside it
    end = verb  # the subject ends before the adverbs that come before the verb
    while end > 1 and tagged[end - 1][1].startswith("RB"):
        end -= 1
    if words[verb].lower() in _BE and words[verb + 1 : verb + 2] == ["to"]:
        return ""  # "Our strategy is to learn X" defines the strategy, not what the contribution does
    if words[0] == "It":
        if end != 1 or tagged[verb][1] == "MD" or words[verb].lower() in _BE:
            return ""
        return f"{first}{joiner} {' '.join(words[1:])}"
    owner = words[0].lower() if words[0].lower() in _DETERMINERS else ""
    if narrow and not owner:
        return ""
    nouns = frozenset() if narrow else nouns
    subject = tagged[1 if owner else 0 : end]
    if not subject or len(subject) > 3 or any(t not in _SUBJECT for _, t in subject):
        return ""
    head, head_tag = subject[-1]
    if not _names_it(head, owner, about, head_tag, nouns):
        return ""
    # "which" takes the number of what the contribution names: "a representation, which allows"
    named = [w.strip(",") for w in about.split() if _singular(w.strip(",")) == _singular(head)]
    one = not named or all(_singular(w) == w.lower() for w in named)
    if tagged[verb][1] == ("VBP" if one else "VBZ"):
        return ""
    if joiner == " and" and tagged[verb][1] not in _SINGULAR_FINITE:
        return ""  # a second predicate of "a scheme that allows": "and pits", not "and pit"
    return f"{first}{joiner} {' '.join(words[end:])}"


def joinable(candidate: str) -> bool:
    """Does the candidate open with the authors and a finite verb ("We propose ...", "We also show")?
    The verb is read by the tagger in context: "we study", "we present", "we analyze", "we design"
    are verbs there, though the lexicon alone calls them nouns, adjectives or does not know them
    (``tldr_compress.joinable``, the lexicon's reading, missed them: such a framing contribution
    could neither take its finding, "... and find that X", nor its account, "..., which ...")."""
    m = _WE_VERB.match(candidate)
    if m is None:
        return False
    at = len(m.group(0).split()) - 1
    tagged = tag(candidate)
    return at < len(tagged) and tagged[at][1] in ("VBP", "VBD", "VB")
