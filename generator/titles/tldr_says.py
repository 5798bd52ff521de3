"""Does a TLDR candidate say what the work does or finds, or only name or frame it? (issue 22)

Blind readers mark down summaries that set the work up ("We study the representational power of
PWL networks", "We focus on learning in the space of algorithms") where the abstract also says what
the method does or what the paper finds, and verbless fragments ("The use of an automated
scheduling system ..."). Read with the tagger (``tldr_refer.tag``, the candidate's cached tags):

- **finite**: the candidate has a finite verb (VBZ, VBD, VBP, MD) and does not open with a
  conjunction; one without, or one that opens so ("And demonstrates ..."), is a fragment;
- **finds**: it states a finding: a finding verb (``TLDR_FINDING_VERBS``) whose "that" clause
  follows ("We show that FGSM training is as effective as PGD"), or it is that clause with the
  opener dropped (``tldr_compress.drop_opener``; the candidate's ``opener`` flag and role);
- **acts**: after its first finite verb it says what its subject does in a clause of its own: a
  relative clause ("a model that learns ..."), a verb after "to" ("... to learn"), or a gerund
  after "by" ("by training ..."); a second clause joined with "and" names a second thing; the
  infinitive that completes the finite verb itself states a goal, not an act ("We aim to derive X",
  eighth session), unless the verb is a contribution verb ("We propose to train X");
- **says**: a finding, or the authors, the paper or its method speaking ("We ...", "This paper
  ...", "Our method ...") in a statement that acts;
- **frames**: the authors, the paper or its method speak and the candidate neither acts nor finds:
  it names or frames the work.

``tldr.choose`` never picks a verbless candidate when another is left, and lets a framing pick give
way to the best candidate that acts or finds within ``frame_unsure`` (set on train, ``tldr_tune``).
"""

from __future__ import annotations

from generator.text.wordlists import TITLES_CONTRIBUTION_CONTRIBUTION_VERBS as CONTRIBUTION_VERBS
from generator.text.wordlists import TLDR_FINDING_VERBS
from generator.titles.tldr_compress import authors_verb, lex_tag
from generator.titles.tldr_refer import tag

_FINITE = frozenset({"VBZ", "VBD", "VBP", "MD"})
_MEANS = frozenset({"by", "through", "via"})
_RELATIVE = frozenset({"which", "that", "who", "where"})


def finite(candidate: str) -> bool:
    """Has the candidate a finite verb, and does it open a clause (not with a conjunction: "And
    demonstrates a surprising pattern ..." is the tail of a cut)?"""
    tagged = tag(candidate)
    opens = bool(tagged) and tagged[0][1] != "CC"
    return opens and any(t in _FINITE for _, t in tagged)


def finds(candidate: str, how: dict[str, float]) -> bool:
    """Does the candidate state a finding ("We show that X", or "X" from it)?"""
    tagged = tag(candidate)
    words = [w.lower() for w, _ in tagged]
    for i, w in enumerate(words):
        if w in TLDR_FINDING_VERBS and "that" in words[i + 1 : i + 4]:
            return True
    role = next((k for k in how if k.startswith("role=")), "role=_")
    return bool(how.get("opener")) and role.partition("_")[2] in TLDR_FINDING_VERBS


def acts(candidate: str) -> bool:
    """After its first finite verb, does the candidate say what its subject does in a clause of its
    own: a relative clause ("a model that learns ...", "which composes ..."), a verb after "to"
    ("... to learn"), a gerund after "by" ("by training ...")? A second clause joined with "and"
    ("We propose X and introduce Y") names a second thing and does not count."""
    tagged = tag(candidate)
    first = next((i for i, (_, t) in enumerate(tagged) if t in _FINITE), None)
    if first is None:
        return False
    for i in range(first + 1, len(tagged)):
        t = tagged[i][1]
        before = [w.lower() for w, tg in tagged[first + 1 : i] if not tg.startswith("RB")][-1:]
        prev = before[0] if before else ""
        # the verb of a relative clause, also when the tagger read it as a plural noun ("that models")
        verb = t.startswith("VB") or lex_tag(tagged[i][0]).startswith("VB")
        relative = verb and prev in _RELATIVE
        purpose = t == "VB" and prev == "to" and not _goal(tagged, first, i)
        if relative or purpose or (t == "VBG" and prev in _MEANS):
            return True
    return False


def _goal(tagged: tuple[tuple[str, str], ...], first: int, verb: int) -> bool:
    """Is the infinitive at ``verb`` the complement of the first finite verb itself ("We aim to derive
    X", "This paper seeks to study Y"): the goal, not what the work does? Only adverbs may stand
    between that verb and "to"; a contribution verb's complement is what the authors do ("We propose
    to train X with Y")."""
    between = [t for _, t in tagged[first + 1 : verb - 1]]
    finite_verb = tagged[first][0].lower()
    return all(t.startswith("RB") for t in between) and finite_verb not in CONTRIBUTION_VERBS


def own(candidate: str) -> bool:
    """Do the authors, the paper or its method speak ("We ...", "This paper ...", "Our method ...")?"""
    return bool(authors_verb(candidate)) or candidate.startswith("Our ")


def features(candidate: str, how: dict[str, float]) -> dict[str, float]:
    """The reader's flags of one candidate: ``verbless``; ``says``: a finding, or the authors' (or
    their method's) statement that acts; ``frames``: the authors' statement that does neither. Two
    clauses joined under one subject ("We propose X and introduce Y", ``how["joined"]`` without
    ``how["elaborated"]``) say something only with a finding ("... and show that Y")."""
    if not finite(candidate):
        return {"verbless": 1.0, "frames": 0.0, "says": 0.0}
    speaks = own(candidate)
    joined = how.get("joined") and not how.get("elaborated")
    says = finds(candidate, how) or (speaks and not joined and acts(candidate))
    return {"verbless": 0.0, "frames": float(speaks and not says), "says": float(says)}


_PAST = {"showed": "show", "found": "find", "proved": "prove"}


def reported(sentence: str) -> tuple[str, str]:
    """A finding the abstract reports with another subject than the authors ("Experiments on text
    demonstrate that the GAN model produces clean interpolations", "Our results show that X"): the
    finding verb in the authors' present form and its "that" clause ("demonstrate", "the GAN model
    produces ..."), so that a contribution that only names the work can take it ("We propose X and
    demonstrate that Y", ``tldr.scored_candidates``); ("", "") for a sentence of the authors or
    without such a verb. The subject is short (at most ten words before the verb)."""
    if authors_verb(sentence):
        return "", ""
    words = sentence.split()
    for i, w in enumerate(words[1:11], start=1):
        verb = w.lower()
        if verb in TLDR_FINDING_VERBS and words[i + 1 : i + 2] == ["that"]:
            base = _PAST.get(verb, verb[:-1] if verb.endswith("s") else verb)
            rest = " ".join(words[i + 2 :]).rstrip(" .")
            return (base, rest) if len(rest.split()) >= 4 else ("", "")
    return "", ""
