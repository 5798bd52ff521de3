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
"""

from __future__ import annotations

from typing import Any

import minify_html
from mkdocs.plugins import event_priority

OPTIONS = {"keep_closing_tags": True, "keep_html_and_head_opening_tags": True}


def minify(html: str) -> str:
    return minify_html.minify(html, **OPTIONS)


@event_priority(-1000)  # after pagefind_search (-100), which rewrites the page's __config
def on_post_page(output: str, page: Any, config: Any) -> str:
    return minify(output)


@event_priority(-1000)
def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    return minify(output_content) if template_name.endswith(".html") else output_content
