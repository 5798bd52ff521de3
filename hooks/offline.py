"""MkDocs hook for the file:// build (`OFFLINE=true`, Material's offline plugin).

- The offline plugin adds the iframe-worker shim from a CDN; the site makes no third-party request,
  so the shim is served from the site itself (docs/vendor/iframe-worker, MIT, from the npm package
  iframe-worker 1.0.4). It only acts when the page is opened from file://.
- Links inside the generated SVG pictures are raw HTML written for directory URLs
  (`../../papers/<id>/`); without directory URLs a page sits one level higher and its target is
  `<id>.html`, so those links are rewritten to match. MkDocs rewrites every Markdown link itself.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.plugins import event_priority

SHIM = "vendor/iframe-worker/shim.js"
_SVG_LINK = re.compile(r'xlink:href="((?:\.\./)*)([^"]*?)/"')


@event_priority(-100)  # after the offline plugin has added its CDN shim
def on_config(config: Any) -> Any:
    polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
    if any(p for p in config.plugins if p.endswith("offline")) and not config.use_directory_urls:
        polyfills.append(SHIM)
    config.extra["polyfills"] = polyfills
    return config


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    if config.use_directory_urls:
        return html
    is_index = page.file.name == "index"

    def fix(match: re.Match[str]) -> str:
        ups, path = match.group(1), match.group(2)
        if not is_index and ups:
            ups = ups[3:]
        return f'xlink:href="{ups}{path}.html"'

    return _SVG_LINK.sub(fix, html)
