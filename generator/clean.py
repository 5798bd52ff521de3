"""Clean the text of each paper for display: Unicode NFC and tidy whitespace."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from generator.models import Paper

_SPACE = re.compile(r"\s+")


def clean_text(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def clean(papers: tuple[Paper, ...]) -> tuple[Paper, ...]:
    return tuple(replace(p, text=clean_text(p.text)) for p in papers)
