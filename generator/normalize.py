"""Identity of an abstract: the normalized text and the id derived from it."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")


def identity_text(text: str) -> str:
    """Unicode NFC, collapsed whitespace, case-folded: two copies with equal identity are one paper."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


def paper_id(text: str) -> str:
    """First 10 hex digits of SHA-256 of the identity text: stable across runs and seed edits."""
    return hashlib.sha256(identity_text(text).encode("utf-8")).hexdigest()[:10]
