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
(`tests/test_search_scope.py` compares both with the plugin's own event on every page of a site).
Taking the plugin's event over relies on MkDocs' plugin collection (`config.plugins.events`) and
on Material's handler; when either is not as expected the build stops with an error instead of
indexing pages twice or silently going without the hook (`tests/test_site_drift.py`).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from mkdocs.exceptions import PluginError
from priorities import priority

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
    """Material's search plugin, or None when the site has no search (none configured, or disabled)."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    if plugin is None or not plugin.config.get("enabled", True):
        return None
    return plugin


def take_over(config: Any) -> Any:
    """Remove the search plugin's own `on_page_context` from MkDocs' handlers of that event and
    return the plugin (None: no search). Raises PluginError when that cannot be done as expected
    (Material or MkDocs changed): the plugin would otherwise index every page twice, or the hook
    would silently stop saving the parser's work."""
    plugin = _search_plugin(config)
    if plugin is None:
        return None
    own = getattr(plugin, "on_page_context", None)
    events = getattr(config.plugins, "events", None)
    handlers = events.get("page_context") if isinstance(events, dict) else None
    problem = ""
    if not hasattr(plugin, "search_index"):
        problem = "the search plugin has no search_index after its on_config"
    elif own is None:
        problem = "the search plugin has no on_page_context"
    elif not isinstance(handlers, list):
        problem = "MkDocs' plugin collection has no list of page_context handlers (plugins.events)"
    elif handlers.count(own) != 1:
        problem = f"the search plugin's on_page_context is registered {handlers.count(own)} times, not once"
    if problem:
        raise PluginError(
            f"search_scope: {problem} (has Material or MkDocs changed? tests/test_site_drift.py; "
            "remove hooks/search_scope.py from mkdocs.yml to build without it)"
        )
    handlers.remove(own)  # run below, on the indexable part
    return plugin


def on_config(config: Any) -> Any:
    _state["plugin"] = take_over(config)
    return config


@priority("search_scope", "page_context")
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
