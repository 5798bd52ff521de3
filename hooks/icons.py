"""MkDocs hook: the theme's icons are drawn from one shared stylesheet, not inlined in every page.

Material inlines each icon of its header, navigation and search box as an SVG path: 3.3 KB of
every page, repeated on thousands of paper pages (bench/site_size.py; BENCHMARKS.md, "Lean pages").
Each such icon (`<svg xmlns=... viewBox="0 0 24 24"><path d="..."/></svg>`, outside the page's
article) becomes an empty `<svg class="i<digest>">`, which keeps Material's sizes, layout and
selectors (no viewBox: an empty <svg> draws nothing, and the rule's `aspect-ratio:1` gives the logo,
whose width Material leaves to the picture, its square; about 100 bytes of every page, BENCHMARKS.md,
"Issue 23, bytes, second round"); assets/stylesheets/icons.css, written after the build, paints it with
the path as a CSS mask in the text colour (currentColor), as Material's icons are filled, so hover
colours and the dark palette apply unchanged. The mask is a data: URL, which also works for a site
opened from disk. The class is a digest of the path, and the rules are sorted: same bytes each build.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from priorities import priority

STYLESHEET = "assets/stylesheets/icons.css"
_ICON = re.compile(r'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="([^"<>]*)"/></svg>')
_icons: dict[str, str] = {}  # class -> path data, for every icon replaced in this build
_pages: list[bool] = []  # one entry once a page (not only page.js) has been rendered in this build


def on_config(config: Any) -> Any:
    _icons.clear()
    _pages.clear()
    if STYLESHEET not in config.extra_css:
        config.extra_css.insert(0, STYLESHEET)
    return config


def _replace(match: re.Match[str]) -> str:
    path = match.group(1)
    name = "i" + hashlib.sha256(path.encode("utf-8")).hexdigest()[:6]
    if _icons.setdefault(name, path) != path:  # a site draws about ten icons: never in practice
        raise ValueError(f"icons: two icons share the class {name}")
    return f'<svg class="{name}"></svg>'


def shared_icons(html: str) -> str:
    """`html` with the theme's inline icons outside its <article> replaced by stylesheet icons."""
    start, end = html.find("<article"), html.rfind("</article>")
    if start < 0 or end < start:
        return _ICON.sub(_replace, html)
    return _ICON.sub(_replace, html[:start]) + html[start:end] + _ICON.sub(_replace, html[end:])


def stylesheet() -> str:
    rules = []
    for name, path in sorted(_icons.items()):
        svg = f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'><path d='{path}'/></svg>"
        url = 'url("data:image/svg+xml,' + quote(svg, safe=" /=:',.-") + '")'
        rules.append(
            f".{name}{{aspect-ratio:1;background-color:currentColor;"
            f"-webkit-mask:{url} center/contain no-repeat;mask:{url} center/contain no-repeat}}"
        )
    return "\n".join(rules) + "\n"


@priority("icons", "post_page")
def on_post_page(output: str, page: Any, config: Any) -> str:
    _pages[:] = [True]
    return shared_icons(output)


@priority("icons", "post_template")
def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    if not template_name.endswith(".html"):
        return output_content
    _pages[:] = [True]
    return shared_icons(output_content)


def on_env(env: Any, config: Any, files: Any) -> Any:
    """`theme_icons`: the same replacement for markup a static template writes (assets/javascripts/
    page.js carries the header's palette form and search box, overrides/partials/header.html)."""
    env.filters["theme_icons"] = shared_icons
    return env


def on_post_build(config: Any) -> None:
    if not _pages:
        # no page was rendered (a rebuild that skipped them all; page.js alone is always rendered,
        # and its icons are not all the pages use): keep the stylesheet there is
        return
    path = Path(config.site_dir) / STYLESHEET
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(stylesheet(), encoding="utf-8")
