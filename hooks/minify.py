"""MkDocs hook: every HTML page of the site is minified (minify-html), the last step of each page.

Material's templates indent every line, and the theme's markup is most of a paper page, so at
thousands of pages the whitespace alone is megabytes (bench/site_size.py; BENCHMARKS.md, "Lean
pages"). minify-html parses the page as a browser does and writes it back without the whitespace
that has no effect on rendering, optional attribute quotes, comments and character references
that a plain character can replace (the parsed page is the same). It keeps:

- closing tags and the `<html>`/`<head>` opening tags (pages stay easy to read and to test);
- the text inside `<pre>`, `<code>` and `<textarea>`, and the contents of `<script>` and `<style>`
  (minify_js and minify_css stay off: the inline scripts are Material's own, and already small);
- determinism: the same page gives the same bytes (attributes come out in a fixed order).

Pages are minified after every other hook and plugin has written them (lowest priority), also the
404 page, which MkDocs renders from a theme template.

Then the theme's navigation (the drawer and the tabs, before the page's <article>) loses what
has no effect on these short labels: each drawer link wraps its label in a <span class=md-ellipsis>
(Material's "..." and tooltip for a label too long for the drawer; "Titles A-Z" never is) between
spaces, and each tab's label has a space either side, which a block box drops. About 250 bytes of
every page (BENCHMARKS.md, "Lean pages, second round"); a label of other markup (an icon, a
subtitle, a status) is left as it is.

And the `data-search-exclude` attributes go: they tell Material's search plugin which sections of a
page to leave out of the index (the side sections of a paper page), and the plugin has read the
page before this hook sees it; no script reads them. About 7 a paper page. Only an attribute of a
tag is removed: seed text cannot hold a `<` (it is escaped), and the pattern allows no quote
between the tag's name and the attribute, so it never looks inside an attribute's value.
"""

from __future__ import annotations

import re
from typing import Any

import minify_html
from priorities import priority

OPTIONS = {"keep_closing_tags": True, "keep_html_and_head_opening_tags": True}


_HREF = r'href=(?:"[^"<>]*"|[^\s"<>]+)'
_NAV_LINK = re.compile(rf"(<a class=md-nav__link {_HREF}>) <span class=md-ellipsis> ([^<>]+?) </span> </a>")
_TAB_LINK = re.compile(rf"(<a class=md-tabs__link {_HREF}>) ([^<>]+?) </a>")


_SEARCH_EXCLUDE = re.compile(r"(<[a-z][a-z0-9]*\b[^<>\"']*?) data-search-exclude(?=[\s/>])")


def without_search_markers(html: str) -> str:
    """`html` (minified) without the `data-search-exclude` attributes of its tags."""
    return _SEARCH_EXCLUDE.sub(r"\1", html)


def lean_navigation(html: str) -> str:
    """`html` (minified) with its drawer and tab labels as plain text, outside the page's <article>."""
    start = html.find("<article")
    head, rest = (html[:start], html[start:]) if start >= 0 else (html, "")
    return _TAB_LINK.sub(r"\1\2</a>", _NAV_LINK.sub(r"\1\2</a>", head)) + rest


def minify(html: str) -> str:
    return without_search_markers(lean_navigation(minify_html.minify(html, **OPTIONS)))


def on_env(env: Any, config: Any, files: Any) -> Any:
    """`minified`: the same minification for markup a static template writes (assets/javascripts/
    page.js carries the header's palette form and search box, overrides/partials/header.html)."""
    env.filters["minified"] = lambda markup: minify_html.minify(str(markup), **OPTIONS)
    return env


@priority("minify", "post_page")
def on_post_page(output: str, page: Any, config: Any) -> str:
    return minify(output)


@priority("minify", "post_template")
def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    return minify(output_content) if template_name.endswith(".html") else output_content
