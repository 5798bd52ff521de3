"""hooks/memory.py: a page's HTML is held compressed between MkDocs' read and write phases, and the
page its template sees is the same (the whole-site comparison is test_incremental.py's)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from .conftest import load_module

hook = load_module("memory_hook", "hooks/memory.py")


def _page(name: str, markdown: str) -> Any:
    return SimpleNamespace(file=SimpleNamespace(src_uri=name), markdown=markdown, content=None)


def test_html_is_held_compressed_and_given_back_for_its_own_template() -> None:
    hook.on_pre_build(None)
    html = "<h1>Ünïcode &amp; title</h1>" + "<p>text of a paper page</p>" * 200
    a, b = _page("papers/a.md", "# A\n" * 50), _page("papers/b.md", "# B")
    a.content = hook.on_page_content(html, a, None, None)
    b.content = hook.on_page_content("<p>b</p>", b, None, None)
    # Between the phases: no Markdown and no HTML as strings, the HTML compressed in far fewer bytes.
    assert a.content == "" and a.markdown == "" and a.markdown is not None
    assert len(hook._held["papers/a.md"]) < len(html) // 10
    context = {"page": a}
    assert hook.on_page_context(context, a, None, None) is context
    assert a.content == html and "papers/a.md" not in hook._held
    assert hook.on_post_page("<html>out</html>", a, None) == "<html>out</html>" and a.content is None
    hook.on_page_context({}, b, None, None)
    assert b.content == "<p>b</p>" and not hook._held


def test_a_page_that_was_not_read_this_build_is_left_alone() -> None:
    """`--dirty`: an unchanged page is neither read nor written; nothing is held for it."""
    hook.on_pre_build(None)
    page = _page("papers/c.md", "")
    page.content = "kept"
    hook.on_page_context({}, page, None, None)
    assert page.content == "kept"
