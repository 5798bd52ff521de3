"""hooks/search_scope.py: Material's search plugin parses a page only up to where every remaining
section is excluded from search, and the site is byte for byte what the plugin alone makes."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import load_module
from .test_incremental import Project, tree

hook = load_module("search_scope_hook", "hooks/search_scope.py")


@pytest.mark.parametrize(
    ("html", "end"),
    [
        ("<h1>T</h1>\n<p>a</p>\n<h2 data-search-exclude id=x>L</h2>\n<p>b</p>", 20),
        ('<h1>T</h1>\n<h2 data-search-exclude="">A</h2>\n<h2 id="k" data-search-exclude>B</h2>', 11),
        # A heading that is indexed after an excluded one: nothing can be cut.
        ("<h1>T</h1>\n<h2 data-search-exclude>A</h2>\n<h2>B</h2>\n<p>c</p>", None),
        # ... nested in a block too (the plugin starts a section at every heading).
        ("<h1>T</h1>\n<h2 data-search-exclude>A</h2>\n<div><h3>B</h3></div>", None),
        # The attribute named in another attribute's value does not exclude.
        ('<h1>T</h1>\n<h2 title=" data-search-exclude">A</h2>', None),
        # A cut only where a block starts (a line's start); the heading inside a block is not one.
        ("<h1>T</h1>\n<div><h2 data-search-exclude>A</h2></div>", None),
        ("<p>no heading</p>", None),
    ],
)
def test_searchable_end(html: str, end: int | None) -> None:
    assert hook.searchable_end(html) == (len(html) if end is None else end)


@pytest.mark.parametrize("offline", ["false", "true"])
def test_site_and_search_index_are_the_plugins_own(tmp_path: Path, offline: str) -> None:
    """The frozen seeds' site built with and without the hook, with Material's own search index
    (PAGEFIND=false: the served build keeps every entry; OFFLINE=true: the file:// build)."""
    project = Project(tmp_path / "p", offline, tmp_path / "cache")
    project.generate()
    project.env["PAGEFIND"] = "false"
    project.mkdocs()
    with_hook = tree(project.site)
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - hooks/search_scope.py\n" in text
    config.write_text(text.replace("  - hooks/search_scope.py\n", ""), encoding="utf-8")
    project.mkdocs()
    without = tree(project.site)
    assert with_hook.keys() == without.keys()
    assert [k for k in with_hook if with_hook[k] != without[k]] == []
    index = next(k for k in with_hook if k.endswith("search_index.json"))
    assert b'"location":"papers/' in with_hook[index] and b"Find this paper" not in with_hook[index]
