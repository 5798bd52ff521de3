"""Keyword extraction with YAKE. The only module that imports yake."""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from dataclasses import replace

import yake

from generator import cache, parallel
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
    found = parallel.map_cached(extract, [p.text for p in papers], key=cache_key())
    return tuple(replace(p, keywords=tuple(kws)) for p, kws in zip(papers, found, strict=True))


def cache_key() -> str:
    """What ``extract`` depends on besides the text: any change here recomputes every paper's keywords."""
    return cache.fingerprint(
        stage="keywords",
        settings=YAKE_SETTINGS,
        per_paper=KEYWORDS_PER_PAPER,
        yake=cache.package_version("yake"),
        code=cache.source_digest(sys.modules[__name__]),
    )


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
    entries: list[KeywordEntry] = []
    taken: set[str] = set()
    for text in sorted(carriers):
        slug = slugify(text)
        if slug in taken:
            slug = f"{slug[: SLUG_MAX - 9]}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:8]}"
        taken.add(slug)
        entries.append(KeywordEntry(Keyword(text, slug), tuple(carriers[text])))
    return tuple(entries)
