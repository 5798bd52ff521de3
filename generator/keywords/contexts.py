"""Where an abstract only mentions something: its tokens by sentence, citations ("(Chen et al.,
2018)", "Frankle & Carbin (2019)") with their cited surnames, and example and baseline contexts
("e.g.", "such as", "compared with", "than") up to the clause's end."""

from __future__ import annotations

import re
from functools import lru_cache

from generator.keywords.concepts import CLAUSE_END as _CLAUSE_END
from generator.keywords.grammar import TOKEN
from generator.text.sentences import sentences

_YEAR = re.compile(r"^(1[89]|20)\d\d[a-z]?$")
_EXAMPLE_CUES = (
    # "e.g." and its spelling without inner dots, "eg." (the period after it is passed over)
    ("e", ".", "g"), ("eg", "."),
    ("such", "as"), ("for", "example"), ("for", "instance"), ("including",), ("like",),
    # what the paper's work is measured against: a baseline, not its subject
    ("compared", "with"), ("compared", "to"), ("than",), ("outperforms",), ("outperform",),
    ("outperforming",), ("outperformed",), ("surpasses",), ("surpassing",),
)  # fmt: skip
# The cues by their first word: a token is checked against the cues it can open only.
_CUES_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {}
for _cue in _EXAMPLE_CUES:
    _CUES_BY_FIRST[_cue[0]] = (*_CUES_BY_FIRST.get(_cue[0], ()), _cue)


def sentence_of_tokens(text: str) -> tuple[list[str], list[int], list[str]]:
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
                if all(_YEAR.match(lowered[j]) or tokens[j] in ",;" for j in inside):
                    # A narrative citation, "Frankle & Carbin (2019)": the names before the year.
                    names = _names_before(tokens, start)
                    incidental.update(names)
                    surnames.update(j for j in names if tokens[j][:1].isupper())
    for i in range(len(tokens) - 1):
        if lowered[i] == "et" and lowered[i + 1] == "al":
            j = i - 1
            while j >= 0 and (tokens[j][:1].isupper() or lowered[j] in {"and", "&", "-"}):
                if tokens[j][:1].isupper():
                    surnames.add(j)
                incidental.add(j)
                j -= 1
    # Examples and baselines: from "e.g." / "such as" / "compared with" / "than" to the clause's end.
    for i in range(len(tokens)):
        for cue in _CUES_BY_FIRST.get(lowered[i], ()):
            if tuple(lowered[i : i + len(cue)]) == cue:
                j = i + len(cue)
                if cue == ("like",) and (j >= len(tokens) or lowered[j] == "to"):
                    continue  # "would like to": a verb
                if j < len(tokens) and tokens[j] == ".":
                    j += 1
                if j < len(tokens) and tokens[j] == ",":
                    j += 1
                depth = 0
                while j < len(tokens) and (
                    tokens[j] not in _CLAUSE_END or _listed(tokens, j) or (depth and tokens[j] not in ")]")
                ):
                    if EXAMPLE_PARENTHESES and not depth and tokens[j] in "([":
                        # an example's parenthesis runs to its closing mark, if near
                        end = min(len(tokens), j + _PARENTHESIS_MAX)
                        depth = int(any(tokens[k] in ")]" for k in range(j + 1, end)))
                    incidental.add(j)
                    j += 1
    return incidental, surnames


# A parenthesis opened inside an example is part of the example up to its closing mark, across the
# periods of "vs." and the sentences inside it ("a licensing environment like negation ('Sue doesn't
# have any cats' vs. '*Sue has any cats')": "Sue" is an example's word). EVALUATION.md, "Keywords,
# ninth session".
EXAMPLE_PARENTHESES = True
_PARENTHESIS_MAX = 40


def _listed(tokens: list[str], at: int) -> bool:
    """Whether the comma at `at` separates the items of a list of names ("such as VGG, Resnet,
    Densenet etc.", "than BERT, GPT-2 and XLNet"): the next word ("and"/"or"/"etc" passed over) is
    capitalised or has a digit; otherwise the clause ends there ("than X, which ...")."""
    if tokens[at] != ",":
        return False
    k = at + 1
    while k < len(tokens) and tokens[k].lower() in {"and", "or", "etc"}:
        k += 1
    return k < len(tokens) and any(ch.isupper() or ch.isdigit() for ch in tokens[k])


@lru_cache(maxsize=4096)  # the name detector asks once per name it weighs
def cited_surnames(text: str) -> frozenset[str]:
    """The surnames the abstract cites ("Bertinetto et al. [2019]", "as proposed by Friston (2010)"),
    as written: never a keyword, never the paper's own name (``titles/names.py``)."""
    tokens = sentence_of_tokens(text)[0]
    return frozenset(tokens[j] for j in incidental_tokens(tokens)[1])


def _names_before(tokens: list[str], at: int) -> list[int]:
    """Positions of the capitalised words (with "&", "and", "," between them) just before position
    `at`, that is "Frankle & Carbin" before "(2019)"; none when the word before is not capitalised."""
    found: list[int] = []
    j = at - 1
    while j >= 0 and (tokens[j][:1].isupper() or (tokens[j] in {"&", "and", ","} and found)):
        found.append(j)
        j -= 1
    while found and not tokens[found[-1]][:1].isupper():
        found.pop()
    return found
