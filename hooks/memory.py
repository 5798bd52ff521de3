"""MkDocs hook: a page's HTML is held compressed between MkDocs' read phase and its write phase.

MkDocs reads and renders every page's Markdown before it writes any (`commands/build.py`: gather
everything, then write), and keeps each page's Markdown source and HTML to the end of the build:
24 KB a page in memory at 2,000 papers (11.5 KB of Markdown, 12.6 KB of HTML as Python strings),
2.8 GB at 100,000 papers (BENCHMARKS.md, "100,000 papers"). No page needs another page's source
or HTML, so:

- once a page is rendered (after every other `on_page_content`), its Markdown is dropped and its
  HTML is kept zlib-compressed (about a quarter of its size);
- just before its own template is rendered (before every other `on_page_context`: the search
  plugin reads it there) the HTML is put back, and once the page is written it is dropped again.

What a page looks like does not change: the template sees the same `page.content`.
"""

from __future__ import annotations

import zlib
from typing import Any

from priorities import priority

_held: dict[str, bytes] = {}  # a page's src_uri -> its compressed HTML, between the two phases


def on_pre_build(config: Any) -> None:
    _held.clear()


@priority("memory", "page_content")
def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    _held[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
    page.markdown = ""  # not None: MkDocs reads a page with no Markdown as one not read yet (no title)
    return ""


@priority("memory", "page_context")
def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    held = _held.pop(page.file.src_uri, None)
    if held is not None:
        page.content = zlib.decompress(held).decode("utf-8")
    return context


@priority("memory", "post_page")
def on_post_page(output: str, page: Any, config: Any) -> str:
    page.content = None
    return output
