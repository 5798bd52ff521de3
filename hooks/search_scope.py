"""MkDocs hook: Material's search plugin parses only the part of a page it can index.

The plugin feeds every page's whole HTML to a pure-Python HTML parser, then drops each section
whose heading has `data-search-exclude`: on a paper page that is everything after the abstract
(links, keywords, related papers and their picture, sources), three quarters of its HTML and
about a sixth of a full `mkdocs build` (BENCHMARKS.md, "100,000 papers").

When every heading from some point of the page on carries `data-search-exclude`, no section after
that point can be indexed, so the plugin is handed the page up to there. This hook runs the
plugin's own page event (which it takes over) on that part, then gives the page back its whole
HTML with the plugin's one change to it (`data-search-*="..."` attributes removed) applied to the
rest as well. The index entries and the page are those of the plugin alone
(`tests/test_search.py` compares both with the plugin's own event on every page of a site).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from mkdocs.plugins import event_priority

# A heading's start tag, anywhere (the plugin starts a section at every one, nested or not).
_HEADING = re.compile(r"<h[1-6](?=[\s/>])[^>]*>", re.IGNORECASE)
# What Material's search plugin removes from a page once it is indexed (its on_page_context).
_SEARCH_ATTRIBUTE = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")
_state: dict[str, Any] = {"plugin": None}


class _StartTag(HTMLParser):
    """The attributes of one start tag, read as the plugin's parser (html.parser) reads them."""

    def __init__(self, tag: str) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str | None] = {}
        self.feed(tag)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs = dict(attrs)


def searchable_end(html: str) -> int:
    """Where the indexable part of `html` ends: the start of a heading at the start of a line
    (where Python-Markdown puts a block) from which every heading is excluded from search, or the
    end of `html`."""
    end = len(html)
    for match in reversed(list(_HEADING.finditer(html))):
        if "data-search-exclude" not in _StartTag(match.group(0)).attrs:
            break
        if match.start() == 0 or html[match.start() - 1] == "\n":
            end = match.start()
    return end


def _search_plugin(config: Any) -> Any:
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    if plugin is None or not hasattr(plugin, "search_index") or not plugin.config.get("enabled", True):
        return None
    return plugin


def on_config(config: Any) -> Any:
    plugin = _search_plugin(config)
    handlers = config.plugins.events["page_context"]
    own = getattr(plugin, "on_page_context", None)
    if plugin is not None and own in handlers:
        handlers.remove(own)  # run below, on the indexable part
        _state["plugin"] = plugin
    else:
        _state["plugin"] = None
    return config


@event_priority(0)  # where the plugin's own event ran: after hooks/memory.py (1000) gives the HTML back
def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    plugin = _state["plugin"]
    if plugin is None or page.content is None:
        return context
    html = page.content
    end = searchable_end(html)
    page.content = html[:end]
    try:
        plugin.on_page_context(context, page=page, config=config, nav=nav)
    finally:
        page.content = page.content + _SEARCH_ATTRIBUTE.sub("", html[end:])
    return context
