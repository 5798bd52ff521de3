"""Small helpers to read a built site: links, resources and text of its HTML pages."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
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


def text_of(path: Path, css_class: str) -> str:
    """Text content of the first element with the given class (a simple, non-nesting match)."""
    source = path.read_text(encoding="utf-8")
    match = re.search(rf'<div class="{css_class}"[^>]*>(.*?)</div>', source, re.S)
    assert match, f"no {css_class} in {path}"
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1)))
