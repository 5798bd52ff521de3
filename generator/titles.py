"""Display titles for untitled abstracts: for now, the opening words, made safe for every context."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from generator.models import Paper

TITLE_WORDS = 10
TITLE_MAX = 80
# Titles reach the navigation, <title> and front matter unescaped by the theme, so they keep only
# characters that carry no markup meaning in HTML, Markdown or YAML.
_UNSAFE = re.compile(r"[^\w\s\-,.;:()/+%']", re.UNICODE)


def safe_title(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] not in "CZ" or ch == " ")
    text = _UNSAFE.sub(" ", text)
    return " ".join(text.split())


def opening_words(text: str) -> str:
    words = safe_title(text).split()
    title = " ".join(words[:TITLE_WORDS])
    if len(title) > TITLE_MAX:
        title = title[:TITLE_MAX].rsplit(" ", 1)[0]
    title = title.rstrip(",.;:-")
    return f"{title}…" if len(words) > TITLE_WORDS or len(title) < len(" ".join(words)) else title


def with_titles(papers: tuple[Paper, ...]) -> tuple[Paper, ...]:
    return tuple(replace(p, title=opening_words(p.text) or p.id) for p in papers)
