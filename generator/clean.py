"""Clean the text of each paper for display: Unicode NFC and tidy whitespace."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from generator.models import Paper

_SPACE = re.compile(r"\s+")
# http(s) URLs and protocol-relative ``//host/path`` links, without trailing sentence punctuation.
_URL = re.compile(r"(?:(?<=\s)|^)(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?:/[^\s]*)?")
_TRAILING = ".,;:!?)]}'\""


def clean_text(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def find_urls(text: str) -> tuple[str, ...]:
    """Links in the text as https URLs, in order, each once."""
    found: list[str] = []
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(_TRAILING)
        url = "https:" + url if url.startswith("//") else url
        if url not in found:
            found.append(url)
    return tuple(found)


def clean(papers: tuple[Paper, ...]) -> tuple[Paper, ...]:
    out = []
    for paper in papers:
        text = clean_text(paper.text)
        out.append(replace(paper, text=text, urls=find_urls(text)))
    return tuple(out)
