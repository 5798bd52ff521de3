"""MkDocs hook for the file:// build (`OFFLINE=true`, Material's offline plugin).

- The offline plugin adds the iframe-worker shim from a CDN; the site makes no third-party request,
  so the shim is served from the site itself (docs/vendor/iframe-worker, MIT, from the npm package
  iframe-worker 1.0.4). It only acts when the page is opened from file://.
- Links inside the generated SVG pictures, and in the lists a paper page writes as raw HTML
  (keywords, related papers), are written for directory URLs (`../../papers/<id>/`); without
  directory URLs a page sits one level higher and its target is `<id>.html`, so those links are
  rewritten to match. MkDocs rewrites every Markdown link itself, and never to a folder (`.../`)
  in this build, so a relative link that ends in `/` is one of ours.
"""

from __future__ import annotations

import re
from typing import Any

from priorities import priority

SHIM = "vendor/iframe-worker/shim.js"
_SVG_LINK = re.compile(r'xlink:href="((?:\.\./)*)([^"]*?)/"')
# A relative link to a folder: `../` steps (none on the home page, whose entries link `papers/<id>/`),
# then a path without a scheme (no ":"), query or fragment.
_HTML_LINK = re.compile(r'(?<=\s)href="((?:\.\./)*)([^"./#?:][^"#?:]*?)/"')


@priority("offline", "config")
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

    def target(match: re.Match[str]) -> str:
        ups, path = match.group(1), match.group(2)
        if not is_index and ups:
            ups = ups[3:]
        return f'{ups}{path}.html"'

    html = _SVG_LINK.sub(lambda m: 'xlink:href="' + target(m), html)
    return _HTML_LINK.sub(lambda m: 'href="' + target(m), html)
