"""When a generated title is broken (issue 22): the rules the titles stage avoids and ``make eval`` counts.

A title is broken when it has (EVALUATION.md, "Title rules"):

- ``short``: two words or fewer ("Large batch", "Loss term");
- ``function word``: a function word at the end (determiner, preposition, conjunction, pronoun,
  "to", a modal, "there", by the part-of-speech tagger: "... of the"), or at the start one that no
  title opens with (conjunction, "to", pronoun, modal: "And robust ..."; an article, a preposition
  or "how" may open one: "A survey of ...", "On the convergence of ...", "How ...");
- ``verb``: a verb at the end ("... to prove", "Objective function and prove": tags VB, VBD, VBP,
  VBZ) or a finite one at the start ("Outperforms ..."), or inside, where the tagger read a verb as
  a plural noun that ML abstracts never use as one ("Model and outperforms ...",
  ``heads.verb_like``); a gerund or participle is no verb here ("Learning to rank", "X revisited"),
  nor an imperative opening ("Teach ...");
- ``hex``: a parenthesised hex string a reader cannot explain ("... (a94acc)");
- ``cut off``: an ellipsis, an unclosed bracket, an end on "-based", "-free", "based", "using"
  and the like, or on a word ML abstracts use only before its noun ("... several few-shot");
- ``repeated name``: the name before the colon again after it ("ARM: Augment-REINFORCE-merge and ...").
"""

from __future__ import annotations

import re
from functools import lru_cache

from generator.text import generic as generic_words
from generator.text import heads
from generator.text.tagger import model, normalize, tag
from generator.text.wordlists import TITLES_CLUES_TRAILING_STOP as TRAILING_STOP

FUNCTION_TAGS = frozenset(
    {"DT", "IN", "CC", "TO", "PRP", "PRP$", "WDT", "WP", "WP$", "WRB", "MD", "EX", "PDT"}
)
# A title may open with an article or a preposition ("A survey of ...", "On the convergence of ...",
# "Towards ..."), never with a conjunction, "to", a pronoun or a modal ("And robust ...").
OPENING_TAGS = FUNCTION_TAGS - {"DT", "IN", "WRB"}
VERB_TAGS = frozenset({"VB", "VBD", "VBP", "VBZ"})
_HEX = re.compile(r"\((?=[0-9a-f]*\d)[0-9a-f]{5,}\)")
_DANGLING = re.compile(r"(?:…|\.\.\.|-(?:free|based|aware|like|specific|oriented|driven|of|and|to))$", re.I)


@lru_cache(maxsize=512)
def tagged(title: str) -> tuple[tuple[str, str], ...]:
    """(token, tag) of a title, remembered: the titles stage and these rules read each candidate."""
    return tuple(tag(title))


def _words(title: str) -> list[tuple[str, str]]:
    """(token, tag) of the title's words (punctuation left out)."""
    return [(w, t) for w, t in tagged(title) if any(ch.isalnum() for ch in w)]


_NOMINAL = frozenset({"NN", "NNS", "JJ", "JJR", "JJS"})


def _modifier_end(word: str) -> bool:
    """Does the title end on a word ML abstracts use before its noun, never as one ("Study of the
    stability of several few-shot", "... deep")? By corpus evidence (``text.heads``, SciTLDR
    train), the same test a keyword's last word passes."""
    return bool(word) and word.replace("-", "").isalpha() and not heads.trusted(word)


def broken(title: str) -> list[str]:
    """The rules ``title`` breaks, in the order of the module docstring; [] when it is whole."""
    reasons = []
    body = _HEX.sub("", title).strip()
    words = _words(body)
    if len(words) <= 2:
        reasons.append("short")
    if words:
        if words[0][1] in OPENING_TAGS or words[-1][1] in FUNCTION_TAGS:
            reasons.append("function word")
        # after "and" / "to" a word read in isolation is judged by its most frequent tag: "and prove"
        after_link = len(words) > 1 and words[-2][1] in {"CC", "TO"}
        usual = model().lexicon.get(normalize(words[-1][0]), "")
        if (
            words[-1][1] in VERB_TAGS
            or words[0][1] in VERB_TAGS - {"VB"}
            or (after_link and usual in VERB_TAGS)
        ) or any(t == "NNS" and heads.verb_like(w) for w, t in words[1:]):
            reasons.append("verb")
    if _HEX.search(title):
        reasons.append("hex")
    last = words[-1][0].lower() if words else ""
    if (
        _DANGLING.search(title.rstrip(" ."))
        or title.count("(") != title.count(")")
        or last in TRAILING_STOP
        or (bool(words) and "verb" not in reasons and words[-1][1] in _NOMINAL and _modifier_end(last))
    ):
        reasons.append("cut off")
    name, sep, rest = title.partition(": ")
    if sep and name.strip() and re.search(rf"(?<!\w){re.escape(name.strip())}(?!\w)", rest, re.I):
        reasons.append("repeated name")
    return reasons


def generic(title: str) -> bool:
    """Does the title name nothing a reader could tell the paper by: no name before a colon, and every
    content word one that more than ``generic.GENERIC_SHARE`` of ML abstracts use ("Deep neural
    networks", "Approach for learning")? Measured on SciTLDR train (``text.generic``), not listed.
    The titles stage takes such a title only when no other whole one is left."""
    if ": " in title:
        return False
    content = [w for w, t in _words(title) if t not in FUNCTION_TAGS]
    return bool(content) and all(generic_words.is_generic_word(w) for w in content)


# The flags below say a title leans on text it does not show (moved from ``generate.py``, which
# re-exports ``title_flags``); the titles stage tries a candidate with flags last.
# Words that point back at text the title does not show ("these two types", "such models"), and a
# noun phrase headed by the pro-form "one(s)" ("Isotropic normal one": one what?)
_ANAPHOR = re.compile(
    r"\b(?:these|this|those|such|the (?:two|three|four|latter|former)|aforementioned|latter|former)\b"
    r"|(?<![\w-])\w+\s+ones?$",
    re.I,
)
# A title ending with one of these leaves the reader waiting for the rest.
_FLAG_DANGLING = re.compile(r"(?:-(?:free|based|aware|like|specific|oriented|driven)|…|\.\.\.)$", re.I)
_DANGLING_WORDS = TRAILING_STOP | {"free", "related", "based", "aware", "specific", "like", "etc", "both"}
# "Topic: fragment": two key phrases joined by a colon where the first is no name.
_KEY_PHRASE_COLON = re.compile(r"^[A-Za-z][a-z\-]*(?:\s[a-z\-]+)+:\s")


def title_flags(title: str) -> list[str]:
    """What makes a generated title lean on text it does not show: 'anaphor', 'dangling end',
    'key phrases' (a 'Topic: fragment' of two key phrases, where the part before the colon is no
    name), or 'clause' (a finite verb inside: a cut clause, not a noun phrase). Empty when the title
    stands alone. The rules are written in EVALUATION.md."""
    flags = []
    if _ANAPHOR.search(title):
        flags.append("anaphor")
    words = title.split()
    if words and (words[-1].lower().strip(",;:") in _DANGLING_WORDS or _FLAG_DANGLING.search(words[-1])):
        flags.append("dangling end")
    if _KEY_PHRASE_COLON.match(title):
        flags.append("key phrases")
    # a finite verb inside makes a noun-phrase title a cut clause ("Code completion tool allows
    # developers", "Stochastic gradient descent find minima"); a question title ("How X balance Y")
    # is a clause by design
    _name, colon, body = title.partition(": ")
    if not (body or title).lower().startswith(("how ", "why ", "what ", "when ", "where ", "which ")):
        pairs = tagged(title)  # the rules tag the same title
        if colon:
            pairs = pairs[next((k + 1 for k, (w, _) in enumerate(pairs) if w == ":"), 0) :]
        tags = [t for w, t in pairs if any(ch.isalnum() for ch in w)]
        if any(t in {"VBZ", "VBP", "VBD", "MD"} for t in tags[1:]):
            flags.append("clause")
    return flags
