"""Escaping of seed text for each context it reaches. Seed text is data, never markup."""

from __future__ import annotations

import html
import json
import re
import string
import unicodedata

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


# YAML's printable set (YAML 1.1, 5.1) less its line breaks; anything else is written as an escape.
_YAML_UNSAFE = re.compile("[^\t\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def yaml_string(value: str) -> str:
    """A YAML double-quoted scalar on one line: JSON escaping, plus an escape for every character
    PyYAML reads as a line break (CR, U+0085, U+2028, U+2029) or refuses. Other characters, emoji
    included, stay literal: ASCII-only JSON would split them into surrogate pairs, which PyYAML
    rejects, and MkDocs then prints the front matter as page text."""
    dumped = json.dumps(str(value), ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) < 0x10000 else "", dumped)


_PATH_PART = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def path_part(value: str) -> str:
    """An id or slug inside a link target: only lower-case ASCII letters, digits and inner hyphens."""
    if not _PATH_PART.fullmatch(value):
        raise ValueError(f"unsafe path component: {value!r}")
    return value


def link(shown: str, url: str) -> Markup:
    """A clickable link for a URL found in seed text: http(s) only, every character escaped."""
    if not re.match(r"https?://", url, re.IGNORECASE):
        return text(shown)
    return Markup(f'<a href="{text(url)}" rel="nofollow noopener">{text(shown)}</a>')


def linked_text(spans: tuple[tuple[str, str | None], ...]) -> Markup:
    """Seed text as escaped text, with its http(s) links (from ``clean.link_spans``) made clickable."""
    return Markup("").join(text(piece) if url is None else link(piece, url) for piece, url in spans)


# Characters dropped from one-line text: controls, format characters (bidi overrides, zero-width
# characters), surrogates, private use, unassigned code points, and line or paragraph separators.
_ONE_LINE_DROP = frozenset(("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))
# U+2060 WORD JOINER: invisible, and it stops "<" starting a tag or "&" starting a character reference.
_WORD_JOINER = "\u2060"
_TITLE_MARKUP = str.maketrans({"<": "<" + _WORD_JOINER, "&": "&" + _WORD_JOINER})


def one_line(value: str) -> str:
    """Text on one line with single spaces, without invisible or bidi-reordering characters."""
    value = str(value)
    if value.isprintable():
        # No character of a category dropped below, and no white space but " " (Python's printable
        # characters are those outside the C and Z categories, and the plain space): only the
        # spaces to collapse. Most titles and keywords; the same result as the loop, much faster.
        return " ".join(value.split())
    value = "".join(" " if ch.isspace() else ch for ch in value)
    kept = "".join(ch for ch in value if unicodedata.category(ch) not in _ONE_LINE_DROP)
    return " ".join(kept.split())


def page_title(value: str) -> str:
    """A title the theme prints raw as HTML element text: navigation, header, <h1>, <title> (raw, or
    after ``striptags``, which unescapes entities), search results. Entities cannot work there, so
    every "<" and "&" is followed by an invisible word joiner: it still reads as written, but no
    tag, comment or character reference can start."""
    return one_line(value).translate(_TITLE_MARKUP)


def attribute(value: str) -> str:
    """Text the theme prints raw inside a double-quoted attribute (the meta description)."""
    return html.escape(one_line(value), quote=True)


def front_matter(value: str) -> str:
    """A page title for YAML front matter."""
    return yaml_string(page_title(value))


def front_matter_attribute(value: str) -> str:
    """A page description for YAML front matter."""
    return yaml_string(attribute(value))
