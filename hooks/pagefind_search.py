"""MkDocs hook: the served site (`OFFLINE=false`: GitHub Pages, `make serve`) searches with Pagefind.

Material's own search downloads one index of every page before the first result: 12.4 MB at
10,000 papers (BENCHMARKS.md). Pagefind splits its index into chunks, and a query fetches only the
few it needs. Material's search box, keyboard use, share links (?q=) and highlights (?h=) stay as
they are: only the web worker behind the box changes (Material supports a custom worker; ours is
overrides/assets/javascripts/workers/pagefind.js).

- Pagefind indexes exactly what Material's search plugin collected (its search index), with
  its rules (listings have `search: exclude: true`; a heading with `data-search-exclude` leaves its
  section out). One record a page: the title, then the text of the page and its sections, with the
  page's keywords (front matter `tags`) as metadata, indexed by the Pagefind binary of
  `pagefind[bin]` into site/pagefind/. Pagefind's own ready-made interfaces are not shipped.
- Material's search_index.json then keeps only its `config`, which its highlighter reads: the
  entries are taken from the plugin in memory before it writes the file, and then emptied.
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
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from mkdocs.config.config_options import ExtraScriptValue
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
    if _state["enabled"] and COUNT not in [str(script) for script in config.extra_javascript]:
        # deferred: the count is needed only once a search runs, so it does not hold up the first
        # paint (Lighthouse's render-blocking audit, make audit)
        script = ExtraScriptValue(COUNT)
        script.defer = True
        config.extra_javascript.append(script)
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


# A RAM-backed folder (Linux's /dev/shm) for the scratch pages: removing a folder costs ~3 ms on
# some disks (ext4 mounted with `discard`, as here), 6 s for the 2,000 folders of 2,000 papers.
# Pagefind numbers pages in the order it finds their files, and tmpfs lists a folder in the order
# its files were made (page order here), so the index is the same on every machine; a disk folder
# lists in its own hash order (the same bytes on one machine, not across machines).
SCRATCH_RAM = Path("/dev/shm")


def scratch_parent(pages: list[tuple[str, str]], ram: Path = SCRATCH_RAM) -> str | None:
    """Where the scratch folder goes: `ram` if it is a writable folder with room for `pages`
    (tmpfs stores a file in whole 4 KiB pages; half its free space at most), else the system's
    temporary folder (None)."""
    if not ram.is_dir() or not os.access(ram, os.W_OK | os.X_OK):
        return None
    need = sum(len(text.encode("utf-8")) // 4096 + 2 for _, text in pages) * 4096 * 2
    try:
        free = shutil.disk_usage(ram).free
    except OSError:
        return None
    return str(ram) if need <= free // 2 else None


def build_index(site: Path, docs: list[dict[str, Any]], language: str) -> None:
    """Write Pagefind's index of Material's search entries `docs` into site/pagefind/.

    Each page's record is written as a minimal HTML file into a scratch folder, which the Pagefind
    binary indexes (its Python API answers one record per 0.1 s, 17 minutes at 10,000 papers)."""
    output = site / OUTPUT
    shutil.rmtree(output, ignore_errors=True)
    pages = [(_source_path(r["url"]), record_html(r, language)) for r in records(docs)]
    with tempfile.TemporaryDirectory(prefix="pagefind-", dir=scratch_parent(pages)) as tmp:
        for rel, text in pages:
            path = Path(tmp) / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        del pages
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


def _search_plugin(config: Any) -> Any:
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return plugin if plugin is not None and hasattr(plugin, "search_index") else None


@event_priority(50)  # after the incremental hook (100) has put the whole index together, before
def on_post_build(config: Any) -> None:  # the search plugin (0) writes it
    """Pagefind's index from the search plugin's entries in memory; the plugin then writes a
    search_index.json of its `config` alone (no copy of every page's text is made or read back)."""
    if not _state["enabled"]:
        return
    plugin = _search_plugin(config)
    if plugin is None:
        raise PluginError("pagefind_search: Pagefind indexes what Material's search plugin collects")
    site = Path(config.site_dir)
    language = str(config.theme.get("language") or "en").split("-")[0]
    build_index(site, plugin.search_index.entries, language)
    plugin.search_index.entries = []
    prune(site)


def prune(site: Path) -> None:
    """Remove the theme's assets that a Pagefind build never loads (UNUSED_ASSETS)."""
    for pattern in UNUSED_ASSETS:
        for path in sorted(site.glob(pattern), reverse=True):
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
