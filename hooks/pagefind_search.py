"""MkDocs hook: the served site (`OFFLINE=false`: GitHub Pages, `make serve`) searches with Pagefind.

Material's own search downloads one index of every page before the first result: 12.4 MB at
10,000 papers (BENCHMARKS.md). Pagefind splits its index into chunks, and a query fetches only the
few it needs. Material's search box, keyboard use, share links (?q=) and highlights (?h=) stay as
they are: only the web worker behind the box changes (Material supports a custom worker; ours is
overrides/assets/javascripts/workers/pagefind.js).

- Pagefind indexes exactly what Material's search plugin collected: its search_index.json, with
  its rules (listings have `search: exclude: true`; a heading with `data-search-exclude` leaves its
  section out). One record a page: the title, then the text of the page and its sections, with the
  page's keywords (front matter `tags`) as metadata, in site/pagefind/ (Pagefind's Python API and
  the binary of `pagefind[bin]`). Pagefind's own ready-made interfaces are not shipped.
- Material's search_index.json then keeps only its `config`, which its highlighter reads.
- Each page's `__config` names our worker instead of Material's lunr worker.

The file:// build (`OFFLINE=true`, Material's offline plugin) keeps Material's search: a browser
does not let a page opened from disk fetch Pagefind's chunks or its WebAssembly. So does a build
with PAGEFIND=false (`extra: pagefind:` in mkdocs.yml).
"""

from __future__ import annotations

import asyncio
import html
import json
import re
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

OUTPUT = "pagefind"
WORKER = "assets/javascripts/workers/pagefind.js"
# Pagefind's ready-made interfaces: this site uses Material's search box, so they are not shipped.
UNUSED = ("pagefind-ui.*", "pagefind-component-ui.*", "pagefind-modular-ui.*", "pagefind-highlight.js")

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


def plain(text: str) -> str:
    """Text of an index entry's HTML: tags dropped, character references decoded, spaces collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", text)).split())


def records(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One record a page from Material's entries (a page, then its sections `page/#anchor`)."""
    pages: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for doc in docs:
        pages[doc["location"].split("#")[0]].append(doc)
    out = []
    for location, entries in pages.items():
        head = next((d for d in entries if "#" not in d["location"]), entries[0])
        title = plain(head.get("title", ""))
        parts = [title]
        for entry in entries:
            if entry is not head:  # a section: its heading, then its text
                parts.append(plain(entry.get("title", "")))
            parts.append(plain(entry.get("text", "")))
        meta = {"title": title}
        if head.get("tags"):
            meta["tags"] = json.dumps([str(t) for t in head["tags"]], ensure_ascii=False)
        out.append({"url": location, "content": ". ".join(p for p in parts if p), "meta": meta})
    return out


async def _index(site: Path, entries: list[dict[str, Any]], language: str) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(output_path=str(site / OUTPUT), force_language=language)
    async with PagefindIndex(config=config) as index:
        await asyncio.gather(*(index.add_custom_record(language=language, **record) for record in entries))


def build_index(site: Path, docs: list[dict[str, Any]], language: str) -> None:
    """Write Pagefind's index of Material's search entries `docs` into site/pagefind/."""
    shutil.rmtree(site / OUTPUT, ignore_errors=True)
    try:
        asyncio.run(_index(site, records(docs), language))
    except Exception as err:  # the service's errors are plain exceptions
        raise PluginError(f"pagefind_search: Pagefind failed: {err}") from err
    if not (site / OUTPUT / "pagefind.js").is_file():
        raise PluginError(f"pagefind_search: Pagefind wrote no {OUTPUT}/pagefind.js")
    for pattern in UNUSED:
        for path in (site / OUTPUT).glob(pattern):
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
