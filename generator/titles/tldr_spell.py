"""Abbreviations in a one-line summary: the first use of each acronym the abstract defines is spelt
out ("NMT" -> "neural machine translation (NMT)"), or put after its long form when the summary says
that first, within the summary's length (``tldr_compress.MAX_WORDS``). The acronym table itself is
the text toolkit's (``generator.text.acronyms``); this module only applies it to a summary.
"""

from __future__ import annotations

import re

from generator.text import acronyms
from generator.text.forms import indefinite_article
from generator.titles import tldr_compress as compress

MAX_WORDS = compress.MAX_WORDS


def _article(first: str, word: str) -> str:
    """The indefinite article for ``word``, in the case of ``first`` ('A' / 'a')."""
    return first + indefinite_article(word)[1:]


def _standalone(text: str, long: str) -> re.Match[str] | None:
    """The first place the text says ``long`` as a phrase of its own, not inside a longer name
    ("Batch Normalization" in "Moving Average Batch Normalization" is not; the sentence's first
    word is no name)."""
    for m in re.finditer(r"(?<![\w\-])" + re.escape(long) + r"(?![\w\-])", text, re.I):
        before = text[: m.start()].split()
        if not (len(before) > 1 and before[-1][:1].isupper()):
            return m
    return None


def spell_out(text: str, defined: dict[str, str]) -> tuple[str, bool]:
    """The text with the first use of each acronym the abstract defines (``acronyms.table``) spelt
    out, "NMT" -> "neural machine translation (NMT)", unless the acronym is part of a name or a
    compound ("Partially-Connected DARTS", "DRL-based"). When the text says the long form before
    it ("We introduce Structured World Models and evaluate C-SWMs"), the acronym is put after the
    long form instead ("... Structured World Models (C-SWMs) and evaluate C-SWMs"); a long form
    inside a longer name explains nothing ("Moving Average Batch Normalization ... vanilla BN").
    An expansion that would take the text past ``MAX_WORDS`` words is not made, except an acronym
    said once, which gives its place to the long form alone when that fits. The flag: every such
    acronym is now explained."""
    if not defined or not any(short in text for short in defined):
        return text, True
    shorts = "|".join(re.escape(a) for a in sorted(defined, key=len, reverse=True))
    pattern = re.compile(r"(?<![\w\-])(" + shorts + r")(?![\w\-])")
    budget = MAX_WORDS - len(text.split())
    complete = True
    seen: set[str] = set()
    uses = [m.group(1) for m in pattern.finditer(text)]
    # the long form said before the acronym: the acronym goes after it, once
    for short in sorted(set(uses), key=uses.index):
        said = _standalone(text, defined[short])
        first = re.search(r"(?<![\w\-\(])" + re.escape(short) + r"(?![\w\-])", text)
        if said is None or first is None or f"({short})" in text or short in seen:
            continue
        seen.add(short)
        if said.end() <= first.start() and budget >= 1:
            budget -= 1
            text = f"{text[: said.end()]} ({short}){text[said.end() :]}"
        elif said.end() > first.start():
            seen.discard(short)  # said after its first use: spelt out there
    lower = text.lower()

    def first_use(m: re.Match[str]) -> str:
        nonlocal budget, complete
        short = m.group(1)
        long = defined[short]
        before = text[: m.start()].split()
        in_name = len(before) > 1 and before[-1][:1].isupper()  # not the sentence's capital
        if short in seen or f"{long.lower()} ({short.lower()})" in lower or in_name:
            return short  # explained, or part of a name ("Partially-Connected DARTS")
        seen.add(short)
        if len(long.split()) > budget:
            plural = acronyms.is_plural_acronym(short) and not long.endswith("s")
            if uses.count(short) == 1 and len(long.split()) - 1 <= budget and not plural:
                budget -= len(long.split()) - 1  # said once: its long form alone
                return compress.upper_first(long) if m.start() == 0 else long
            complete = False
            return short
        budget -= len(long.split())
        spelt = f"{long} ({short})"
        return compress.upper_first(spelt) if m.start() == 0 else spelt

    text = pattern.sub(first_use, text)
    for short in sorted(seen):  # "an NMT system" spelt out is "a neural machine translation (NMT) system"
        long = re.escape(defined[short])
        text = re.sub(
            r"\b([Aa])n? (?=(?i:" + long + r")(?![\w\-]))",
            lambda m, s=short: _article(m.group(1), defined[s]) + " ",
            text,
        )
    return text, complete
