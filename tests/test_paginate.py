"""Listings are split into pages of PAGE_SIZE; every pager link leads to a generated page."""

from __future__ import annotations

import posixpath
import re

from generator.keywords.stage import keyword_index
from generator.models import Catalogue, Paper, Source, Stats
from generator.site.paginate import PAGE_SIZE, paginate
from generator.site.render import Renderer
from generator.site.write import is_owned

ENTRY = re.compile(r'<li><a href="([^"]+)">([^<]+)</a>')
HREF = re.compile(r'href="([^"?#]+)"')
LINK = re.compile(r"\]\(([^)]+)\)")


def test_items_split_into_pages_with_bounded_pagers() -> None:
    pages = paginate(list(range(1050)), "papers/index.md", "papers/page", size=100)
    assert [p.path for p, _ in pages[:3]] == ["papers/index.md", "papers/page/2.md", "papers/page/3.md"]
    assert [len(items) for _, items in pages] == [100] * 10 + [50]
    assert [x for _, items in pages for x in items] == list(range(1050))
    assert max(len(p.links) for p, _ in pages) <= 9  # first, previous, 5 numbers, next, last
    middle = pages[5][0]
    assert [link.label for link in middle.links] == [
        "« First",
        "Previous",
        "4",
        "5",
        "6",
        "7",
        "8",
        "Next",
        "Last »",
    ]
    assert paginate([1, 2], "papers/index.md", "papers/page")[0][0].links == ()


def catalogue(n: int) -> Catalogue:
    papers = tuple(
        Paper(
            id=f"{i:010x}",
            text=f"Abstract {i}.",
            sources=(Source("a.txt", i + 1),),
            title=f"Paper {i}",
            keywords=("shared topic", f"topic {i}"),
        )
        for i in range(n)
    )
    return Catalogue(papers=papers, keywords=keyword_index(papers), stats=Stats(1, n, n, 0))


def test_rendered_listings_are_paginated_and_links_resolve() -> None:
    n = PAGE_SIZE * 2 + 1
    files = Renderer().render(catalogue(n))
    assert {
        "papers/page/2.md",
        "papers/page/3.md",
        "keywords/page/2.md",
        "keywords/shared-topic/3.md",
    } <= set(files)
    assert "papers/page/4.md" not in files
    assert all(is_owned(rel) for rel in files)
    # The papers index in each of its orders: newest first (undated papers: catalogue order) and A-Z,
    # each paginated the same way; by year holds only papers with a curated year (none here).
    assert "papers/a-z/3.md" in files and "papers/a-z/4.md" not in files
    assert "papers/by-year/index.md" in files and "papers/by-year/2.md" not in files
    listed = ENTRY.findall(files["papers/page/3.md"])
    assert listed == [(f"../../../papers/{n - 1:010x}/", f"Paper {n - 1}")]
    orders = (
        "papers/index.md",
        "papers/page/2.md",
        "papers/by-year/index.md",
        "papers/a-z/index.md",
        "keywords/page/3.md",
        "keywords/shared-topic/2.md",
    )
    for rel in orders:
        text = files[rel]
        assert "exclude: true" in text.split("---")[1]  # listings stay out of the search index
        for target in LINK.findall(text):
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target))
            assert resolved in files or resolved == "about.md", (rel, target)
        # Raw HTML links of entries are relative to the page's URL (directory URLs).
        url = rel[: -len("index.md")] if rel.endswith("index.md") else rel[: -len(".md")] + "/"
        for target in HREF.findall(text):
            resolved = posixpath.normpath(posixpath.join(url, target))
            assert f"{resolved}.md" in files or f"{resolved}/index.md" in files, (rel, target)
