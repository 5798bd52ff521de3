"""Split long listings into pages of ``PAGE_SIZE`` items, so no page grows with the catalogue.

Page 1 keeps the listing's own path (``papers/index.md``, ``keywords/<slug>.md``); page n >= 2 is
``<folder>/<n>.md`` beside it (``papers/page/2.md``, ``keywords/<slug>/2.md``). A slug never contains
``/``, so these paths cannot collide with a keyword page. Every page links to the first, previous,
next and last page and to its neighbours: the pager's size is bounded too.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

PAGE_SIZE = 200
NEIGHBOURS = 2  # page numbers shown either side of the current one

T = TypeVar("T")
_SAFE_PATH = re.compile(r"[a-z0-9][a-z0-9./-]*")


@dataclass(frozen=True)
class Link:
    label: str
    href: str  # relative to the page holding the link; "" for the current page


@dataclass(frozen=True)
class Page:
    path: str  # relative to docs/
    number: int
    pages: int
    links: tuple[Link, ...]

    @property
    def base(self) -> str:
        """Prefix from this page back to the docs root, for links like ``{base}papers/<id>.md``."""
        return "../" * self.path.count("/")


def page_path(first: str, folder: str, number: int) -> str:
    return first if number == 1 else f"{folder}/{number}.md"


def paginate(
    items: Sequence[T], first: str, folder: str, size: int = PAGE_SIZE
) -> list[tuple[Page, Sequence[T]]]:
    """``(page, its items)`` for each page; a listing that fits one page gets one page without links."""
    count = max(1, -(-len(items) // size))
    out = []
    for number in range(1, count + 1):
        path = page_path(first, folder, number)
        links = _links(path, first, folder, number, count) if count > 1 else ()
        page = Page(path, number, count, links)
        out.append((page, items[(number - 1) * size : number * size]))
    return out


def _links(path: str, first: str, folder: str, number: int, count: int) -> tuple[Link, ...]:
    def href(n: int) -> str:
        rel = posixpath.relpath(page_path(first, folder, n), posixpath.dirname(path) or ".")
        if not _SAFE_PATH.fullmatch(rel.replace("../", "a/")):
            raise ValueError(f"unsafe pager link: {rel!r}")
        return rel

    links: list[Link] = []
    if number > 1:
        links += [Link("« First", href(1)), Link("Previous", href(number - 1))]
    for n in range(max(1, number - NEIGHBOURS), min(count, number + NEIGHBOURS) + 1):
        links.append(Link(str(n), "" if n == number else href(n)))
    if number < count:
        links += [Link("Next", href(number + 1)), Link("Last »", href(count))]
    return tuple(links)
