"""MkDocs hook: the served site (`OFFLINE=false`: GitHub Pages, `make serve`) searches with Pagefind.

Material's own search downloads one index of every page before the first result: 12.4 MB at
10,000 papers (BENCHMARKS.md). Pagefind splits its index into chunks, and a query fetches only the
few it needs. Material's search box, keyboard use, share links (?q=) and highlights (?h=) stay as
they are: only the web worker behind the box changes (Material supports a custom worker; ours is
overrides/assets/javascripts/workers/pagefind.js).

- Pagefind indexes exactly what Material's search plugin collected: its search_index.json, with
  its rules (listings have `search: exclude: true`; a heading with `data-search-exclude` leaves its
  section out). One record a page: the title, then the text of the page and its sections, with the
  page's keywords (front matter `tags`) as metadata, indexed by the Pagefind binary of
  `pagefind[bin]` into site/pagefind/. Pagefind's own ready-made interfaces are not shipped.
- Material's search_index.json then keeps only its `config`, which its highlighter reads.
- Each page's `__config` names our worker instead of Material's lunr worker (which is removed with
  lunr's files and the source maps, UNUSED_ASSETS), and each page loads
  assets/javascripts/pagefind-count.js: the worker lists the best 20 results, and the count
  under the box says how many pages match in all.

The file:// build (`OFFLINE=true`, Material's offline plugin) keeps Material's search: a browser
does not let a page opened from disk fetch Pagefind's chunks or its WebAssembly. So does a build
with PAGEFIND=false (`extra: pagefind:` in mkdocs.yml).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

OUTPUT = "pagefind"
WORKER = "assets/javascripts/workers/pagefind.js"
COUNT = "assets/javascripts/pagefind-count.js"  # "20 of 1,534 matching documents"
# Pagefind's ready-made interfaces: this site uses Material's search box, so they are not shipped.
UNUSED = ("pagefind-ui.*", "pagefind-component-ui.*", "pagefind-modular-ui.*", "pagefind-highlight.js")
# Material's lunr search (its worker and lunr's language files) serves no page of a Pagefind build,
# and source maps only a developer's tools: 2.2 MB and 40 files of a site that has 2.5 MB of assets.
UNUSED_ASSETS = ("assets/javascripts/lunr", "assets/javascripts/workers/search.*", "assets/**/*.map")

_WORKER_URL = re.compile(r'("search":\s*")([^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')
_TAG = re.compile(r"<[^>]*>")
_state = {"enabled": False}


def enabled(config: Any) -> bool:
    """Pagefind serves the search unless the site is built to open from disk (the offline plugin)
    or `extra: pagefind:` (env PAGEFIND) is false."""
    offline = config.plugins.get("material/offline")
    if offline is not None and offline.config.enabled:
        return False
    return str(config.extra.get("pagefind", True)).lower() not in ("false", "0", "no", "off")


def on_config(config: Any) -> Any:
    _state["enabled"] = enabled(config)
    if _state["enabled"] and COUNT not in config.extra_javascript:
        config.extra_javascript.append(COUNT)
    return config


@event_priority(-100)
def on_post_page(output: str, page: Any, config: Any) -> str:
    if not _state["enabled"]:
        return output
    output, n = _WORKER_URL.subn(lambda m: f'{m.group(1)}{m.group(2)}{WORKER}"', output, count=1)
    if n != 1:
        where = page.file.src_uri
        raise PluginError(
            f"pagefind_search: no search worker in the __config of {where} (has Material changed?)"
        )
    return output


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """The 404 page, rendered from a theme template, names our worker too (Material's is removed)."""
    if not _state["enabled"] or not template_name.endswith(".html"):
        return output_content
    return _WORKER_URL.sub(lambda m: f'{m.group(1)}{m.group(2)}{WORKER}"', output_content, count=1)


def plain(text: str) -> str:
    """Text of an index entry's HTML: tags dropped, character references decoded, spaces collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", text)).split())


def records(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One record a page from Material's entries (a page, then its sections `page/#anchor`):
    its location, title, text parts (a section's heading, then its text) and keywords."""
    pages: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for doc in docs:
        pages[doc["location"].split("#")[0]].append(doc)
    out = []
    for location, entries in pages.items():
        head = next((d for d in entries if "#" not in d["location"]), entries[0])
        parts = []
        for entry in entries:
            if entry is not head:
                parts.append(plain(entry.get("title", "")))
            parts.append(plain(entry.get("text", "")))
        tags = [str(t) for t in head.get("tags") or []]
        out.append(
            {
                "url": location,
                "title": plain(head.get("title", "")),
                "parts": [p for p in parts if p],
                "tags": tags,
            }
        )
    return out


def record_html(record: dict[str, Any], language: str) -> str:
    """A record as the minimal page Pagefind indexes: its title (h1), text and keywords (metadata)."""
    body = [f"<h1>{html.escape(record['title'])}</h1>"] + [
        f"<p>{html.escape(p)}</p>" for p in record["parts"]
    ]
    if record["tags"]:
        tags = html.escape(json.dumps(record["tags"], ensure_ascii=False))
        body.append(f'<span hidden data-pagefind-ignore data-pagefind-meta="tags">{tags}</span>')
    head = f'<!doctype html><html lang="{language}"><head><meta charset="utf-8"></head>'
    return f"{head}<body>{''.join(body)}</body></html>"


def _source_path(location: str) -> str:
    """Where a page of `location` (papers/x/, papers/x.html, or "" for the home page) would be."""
    return location + "index.html" if location == "" or location.endswith("/") else location


def build_index(site: Path, docs: list[dict[str, Any]], language: str) -> None:
    """Write Pagefind's index of Material's search entries `docs` into site/pagefind/.

    Each page's record is written as a minimal HTML file into a scratch folder, which the Pagefind
    binary indexes (its Python API answers one record per 0.1 s, 17 minutes at 10,000 papers)."""
    output = site / OUTPUT
    shutil.rmtree(output, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="pagefind-") as tmp:
        for record in records(docs):
            path = Path(tmp) / _source_path(record["url"])
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(record_html(record, language), encoding="utf-8")
        cmd = [sys.executable, "-m", "pagefind", "--site", tmp, "--output-path", str(output)]
        cmd += ["--force-language", language, "--silent"]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode or not (output / "pagefind.js").is_file():
        raise PluginError(
            f"pagefind_search: Pagefind failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}"
        )
    for pattern in UNUSED:
        for path in output.glob(pattern):
            path.unlink()


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config: Any) -> None:
    if not _state["enabled"]:
        return
    site = Path(config.site_dir)
    path = site / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    language = str(config.theme.get("language") or "en").split("-")[0]
    build_index(site, index["docs"], language)
    path.write_text(json.dumps({"config": index["config"], "docs": []}), encoding="utf-8")
    prune(site)


def prune(site: Path) -> None:
    """Remove the theme's assets that a Pagefind build never loads (UNUSED_ASSETS)."""
    for pattern in UNUSED_ASSETS:
        for path in sorted(site.glob(pattern), reverse=True):
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
