"""Keyword extraction with YAKE. The only module that imports yake."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import replace

import yake

from generator.models import Keyword, KeywordEntry, Paper

# yake 0.7.3 takes snake_case arguments; camelCase ones are silently ignored.
YAKE_SETTINGS: dict[str, object] = {"lan": "en", "n": 3, "dedup_lim": 0.7, "top": 10}
KEYWORDS_PER_PAPER = 8
SLUG_MAX = 60


def extract(text: str) -> tuple[str, ...]:
    """The paper's keywords, best first, in a canonical lower-case form, without repeats."""
    extractor = yake.KeywordExtractor(**YAKE_SETTINGS)
    seen: list[str] = []
    for phrase, _score in extractor.extract_keywords(text):
        canonical = " ".join(phrase.split()).lower()
        if canonical and canonical not in seen:
            seen.append(canonical)
    return tuple(seen[:KEYWORDS_PER_PAPER])


def with_keywords(papers: tuple[Paper, ...]) -> tuple[Paper, ...]:
    return tuple(replace(p, keywords=extract(p.text)) for p in papers)


def slugify(text: str) -> str:
    """ASCII slug of lower-case letters, digits and hyphens; never empty, never too long for a file name."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:SLUG_MAX].strip("-")
    return slug or "keyword-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def keyword_index(papers: tuple[Paper, ...]) -> tuple[KeywordEntry, ...]:
    """Every keyword with the papers that carry it; slugs are unique even when two keywords slug alike."""
    carriers: dict[str, list[str]] = {}
    for paper in papers:
        for kw in paper.keywords:
            carriers.setdefault(kw, []).append(paper.id)
    taken: set[str] = {"index"}  # keywords/index.md is the list of keywords
    slugs: dict[str, str] = {}
    # A keyword that reads exactly as its slug keeps it whatever else is in the catalogue; others
    # that slug alike get a suffix from their own hash, so no two keywords share (overwrite) a page.
    for text in sorted(carriers, key=lambda t: (slugify(t) != t.replace(" ", "-"), t)):
        slug = slugify(text)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        width = 8
        while slug in taken:
            slug = f"{slugify(text)[: SLUG_MAX - width - 1]}-{digest[:width]}"
            width += 2
        taken.add(slug)
        slugs[text] = slug
    return tuple(KeywordEntry(Keyword(text, slugs[text]), tuple(carriers[text])) for text in sorted(carriers))
