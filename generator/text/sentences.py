"""Sentences of an abstract: the one splitter every stage uses.

A sentence ends at ``.``, ``!`` or ``?`` followed by white space and a capital, a digit, a quote or
an opening bracket, so "e.g. the" and "et al. and" do not end one.
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(\u201c\u2018])")


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` in order, none empty."""
    return [s for s in _SENTENCE_END.split(text) if s]
