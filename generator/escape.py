"""Escaping of seed text for each context it reaches. Seed text is data, never markup."""

from __future__ import annotations

import json
import re
import string

from markupsafe import Markup

# Every ASCII punctuation character becomes a numeric character reference. The result is inert as
# HTML (element text or quoted attribute) and as Markdown (no emphasis, code span, link, attribute
# list, heading, list, table or snippet syntax can form), yet reads exactly as written.
_ENTITIES = {ord(ch): f"&#{ord(ch)};" for ch in string.punctuation}
_ENTITIES[ord("\n")] = " "
_ENTITIES[ord("\r")] = " "


def text(value: str) -> Markup:
    """Seed text for a Markdown body or an HTML element or attribute."""
    return Markup(str(value).translate(_ENTITIES))


def yaml_string(value: str) -> str:
    """A YAML scalar for front matter: JSON is YAML, and ASCII-only JSON has no line breaks to inject."""
    return json.dumps(str(value), ensure_ascii=True)


_PATH_PART = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def path_part(value: str) -> str:
    """An id or slug inside a link target: only lower-case ASCII letters, digits and inner hyphens."""
    if not _PATH_PART.fullmatch(value):
        raise ValueError(f"unsafe path component: {value!r}")
    return value
