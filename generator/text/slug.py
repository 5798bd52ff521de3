"""Slugs for page names: the one slugifier for keywords, topics and authors."""

from __future__ import annotations

import hashlib
import re
import unicodedata

SLUG_MAX = 60


def slugify(text: str, fallback: str = "page", limit: int = SLUG_MAX) -> str:
    """ASCII slug of lower-case letters, digits and hyphens, at most ``limit`` characters; never empty:
    text with no ASCII letter or digit gets ``fallback`` and a short hash of the text."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].strip("-")
    return slug or f"{fallback}-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
