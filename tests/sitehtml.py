"""Small helpers to read a built site: links, resources and text of its HTML pages."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlparse


class PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.resources: list[str] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"] or "")
        if tag in ("script", "img", "iframe", "source", "audio", "video") and attributes.get("src"):
            self.resources.append(attributes["src"] or "")
        if tag == "link" and attributes.get("href"):
            self.resources.append(attributes["href"] or "")


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def page_url(site: Path, page: Path) -> str:
    return "http://site.test/" + page.relative_to(site).as_posix()


def resolve(site: Path, page: Path, href: str) -> Path | None:
    """The file a relative link of `page` points to inside the site, or None for external links."""
    url = urljoin(page_url(site, page), href)
    parsed = urlparse(url)
    if parsed.netloc != "site.test":
        return None
    target = site / parsed.path.lstrip("/")
    if parsed.path.endswith("/"):
        target = target / "index.html"
    return target


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Element(HTMLParser):
    """Finds the first element carrying `css_class` (or the attribute `attribute`) and records its
    inner source, with offsets, as the HTML parser sees it: minified pages drop attribute quotes."""

    def __init__(self, source: str, css_class: str = "", attribute: str = "") -> None:
        super().__init__(convert_charrefs=True)
        self.source, self.css_class, self.attribute = source, css_class, attribute
        self._lines = [0]
        for line in source.splitlines(keepends=True):
            self._lines.append(self._lines[-1] + len(line))
        self.depth = 0
        self.start = self.end = -1
        self.feed(source)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.end >= 0 or tag in VOID:
            return
        if self.depth:
            self.depth += 1
            return
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        wanted = self.css_class in classes if self.css_class else self.attribute in attributes
        if wanted:
            self.depth = 1
            self.start = self._offset() + len(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if self.depth and self.end < 0:
            self.depth -= 1
            if self.depth == 0:
                self.end = self._offset()


def inner_html(path: Path, css_class: str = "", attribute: str = "") -> str:
    """Source inside the first element with the given class (or attribute), nesting respected."""
    found = _Element(path.read_text(encoding="utf-8"), css_class, attribute)
    assert found.start >= 0 and found.end >= 0, f"no {css_class or attribute} in {path}"
    return found.source[found.start : found.end]


def text_of(path: Path, css_class: str) -> str:
    """Text content of the first element with the given class."""
    return html.unescape(re.sub(r"<[^>]+>", "", inner_html(path, css_class)))


def page_config(path: Path) -> dict[str, Any]:
    """Material's configuration of a page: the JSON in its <script id="__config">."""
    source = path.read_text(encoding="utf-8")
    found = re.search(r"<script\b[^>]*\bid=\"?__config\"?[^>]*>(.*?)</script>", source, re.S)
    assert found, f"no __config in {path}"
    return json.loads(found.group(1))


def fragment(source: str) -> PageParser:
    """The links, resources and elements of a piece of a page."""
    parser = PageParser()
    parser.feed(source)
    return parser
