"""The order of the site's hooks: every event handler in hooks/*.py with its MkDocs event priority.

Not a hook itself (mkdocs.yml does not list it): each hook imports it (MkDocs puts a hook's folder
on sys.path while it loads the hook) and takes its priorities from here, `@priority("memory",
"page_context")`, so the order they agree on is written in one place.

MkDocs runs an event's handlers from the highest priority down; a handler without one has 0, as
have all of Material's (its search and offline plugins); equal priorities run in the order they
were registered: mkdocs.yml's plugins, then its hooks, top to bottom. A handler listed here at 0
has no decorator. tests/test_site_drift.py checks that every `on_*` function of every hook is in
this table with the priority MkDocs reads from it, and README.md ("The site layer") shows the
same numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from mkdocs.plugins import event_priority

F = TypeVar("F", bound=Callable[..., object])

# hook (file name without .py) -> event (without "on_") -> priority. The comment says why.
PRIORITIES: dict[str, dict[str, int]] = {
    "memory": {
        "pre_build": 0,
        "page_content": -1000,  # after every other handler has seen the HTML: then it is compressed
        "page_context": 1000,  # before every other reader of the page: the HTML is put back first
        "post_page": -2000,  # after every other on_post_page (minify at -1000): the HTML is dropped
    },
    "offline": {
        "config": -100,  # after the offline plugin (0) has added its CDN shim, which this replaces
        "page_content": 0,
    },
    "pagefind_search": {
        "config": 0,
        "post_page": -100,  # after the theme has written __config; before icons (-900) and minify
        "post_template": -100,  # the 404 page, as post_page
        "post_build": 50,  # after incremental (100) has merged the index, before search (0) writes it
    },
    "search_scope": {
        "config": 0,  # removes the search plugin's on_page_context (registered before the hooks)
        "page_context": 0,  # where the plugin's own handler ran: after memory (1000) gives the HTML back
    },
    "incremental": {
        "startup": 0,
        "config": -100,  # after every other on_config: offline and pagefind_search change it
        "pre_build": -100,
        "files": -100,  # after the other hooks and plugins have added their files
        "env": 0,
        "page_context": -100,  # after search_scope (0) has added the page's search entries
        "post_build": 100,  # before pagefind_search (50) reads the index and search (0) writes it
        "build_error": 0,
        "shutdown": 0,
    },
    "icons": {
        "config": 0,
        "post_page": -900,  # after pagefind_search (-100), before minify (-1000)
        "post_template": -900,
        "env": 0,  # the theme_icons filter for page.js (static templates are rendered after on_env)
        "post_build": 0,
    },
    "repository": {
        "config": 0,  # sets config.extra.repository for the edit and report links (any order)
    },
    "minify": {
        "post_page": -1000,  # the last change to a page's HTML (memory's -2000 only lets go of it)
        "post_template": -1000,
        "env": 0,  # the minified filter for page.js, as icons' theme_icons
    },
}


def priority(hook: str, event: str) -> Callable[[F], F]:
    """MkDocs' `event_priority` with this table's number for `hook`'s handler of `event`."""
    return event_priority(PRIORITIES[hook][event])
