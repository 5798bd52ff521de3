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
- Paper pages are the results: when docs/catalogue.json lists the papers, every other page (map,
  topics, listings, about) is left out of Pagefind's index (the file:// build's lunr index keeps
  them). Each paper's record carries Pagefind filters from catalogue.json (FILTERS: its topic and
  keywords, and the year, authors and venue of its curated metadata), which the search box narrows
  by (assets/javascripts/search-filters.js writes them into the query as `topic:"..."` terms, so
  Material's ?q= share link carries them; the worker reads them back out).
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

import gzip
import hashlib
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

import cbor2
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from priorities import priority

OUTPUT = "pagefind"
WORKER = "assets/javascripts/workers/pagefind.js"
COUNT = "assets/javascripts/pagefind-count.js"  # "20 of 1,534 matching documents"
FILTERS_UI = "assets/javascripts/search-filters.js"  # the filter menus under the search box
# Pagefind filters of a paper's record, in the order the search box offers them.
FILTERS = ("topic", "keyword", "year", "author", "venue")
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
    if _state["enabled"]:
        present = [str(script) for script in config.extra_javascript]
        for name in (COUNT, FILTERS_UI):
            if name not in present:
                # deferred: needed only once a search runs, so they do not hold up the first paint
                # (Lighthouse's render-blocking audit, make audit)
                script = ExtraScriptValue(name)
                script.defer = True
                config.extra_javascript.append(script)
    return config


@priority("pagefind_search", "post_page")
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


@priority("pagefind_search", "post_template")
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


def paper_filters(catalogue: Path) -> dict[str, dict[str, list[str]]]:
    """The Pagefind filters of every paper page, by its location (``papers/<id>/``), read from
    catalogue.json: topic (its name), keywords, and the curated year, authors and venue. {} when
    there is no catalogue.json (a site without generated papers)."""
    if not catalogue.is_file():
        return {}
    data = json.loads(catalogue.read_text(encoding="utf-8"))
    topics = {t["topic"]: t["name"] for t in data.get("topics", [])}
    out = {}
    for paper in data.get("papers", []):
        meta = paper.get("metadata") or {}
        values = {
            "topic": [topics[paper["topic"]]] if paper.get("topic") in topics else [],
            "keyword": list(paper.get("keywords") or []),
            "year": [str(meta["year"])] if meta.get("year") else [],
            "author": list(meta.get("authors") or []),
            "venue": [meta["venue"]] if meta.get("venue") else [],
        }
        # Values are data, kept as written (record_html escapes them): only white space collapsed.
        spaced = {k: [" ".join(str(v).split()) for v in vs] for k, vs in values.items()}
        out[paper["url"]] = {k: [v for v in vs if v] for k, vs in spaced.items() if any(vs)}
    return out


def _location(url: str) -> str:
    """A page's location as the directory-URL form catalogue.json uses (papers/x.html -> papers/x/)."""
    return url[: -len(".html")] + "/" if url.endswith(".html") and not url.endswith("index.html") else url


def record_html(record: dict[str, Any], language: str) -> str:
    """A record as the minimal page Pagefind indexes: its title (h1), text, keywords (metadata) and
    filters (record["filters"]: name -> values, each an element of its own, so no value's commas
    or colons are read as Pagefind's syntax)."""
    body = [f"<h1>{html.escape(record['title'])}</h1>"] + [
        f"<p>{html.escape(p)}</p>" for p in record["parts"]
    ]
    if record["tags"]:
        tags = html.escape(json.dumps(record["tags"], ensure_ascii=False))
        body.append(f'<span hidden data-pagefind-ignore data-pagefind-meta="tags">{tags}</span>')
    for name, values in (record.get("filters") or {}).items():
        body += [
            f'<span hidden data-pagefind-ignore data-pagefind-filter="{name}">{html.escape(v)}</span>'
            for v in values
        ]
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


def paper_records(
    docs: list[dict[str, Any]], filters: dict[str, dict[str, list[str]]]
) -> list[dict[str, Any]]:
    """The records of paper pages only, each with its filters; every record when `filters` is
    empty (no catalogue.json)."""
    found = records(docs)
    if not filters:
        return found
    return [{**r, "filters": filters[_location(r["url"])]} for r in found if _location(r["url"]) in filters]


def build_index(
    site: Path,
    docs: list[dict[str, Any]],
    language: str,
    filters: dict[str, dict[str, list[str]]] | None = None,
) -> None:
    """Write Pagefind's index of Material's search entries `docs` into site/pagefind/: with
    `filters` (paper_filters), of the paper pages alone, with their filters.

    Each page's record is written as a minimal HTML file into a scratch folder, which the Pagefind
    binary indexes (its Python API answers one record per 0.1 s, 17 minutes at 10,000 papers)."""
    output = site / OUTPUT
    shutil.rmtree(output, ignore_errors=True)
    pages = [(_source_path(r["url"]), record_html(r, language)) for r in paper_records(docs, filters or {})]
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
    normalize_filters(output)


SIGNATURE = b"pagefind_dcd"


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise PluginError(f"pagefind_search: {path.name} is not a Pagefind index file")
    return cbor2.loads(data[len(SIGNATURE) :])


def _write(path: Path, value: Any) -> bytes:
    data = SIGNATURE + cbor2.dumps(value)
    path.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return data


def _digest(data: bytes, size: int) -> str:
    return hashlib.sha256(data).hexdigest()[:size]


def normalize_filters(output: Path) -> None:
    """Rewrite Pagefind's filter chunks with each filter's values in sorted order, and its
    metadata file (which names them) with the filters sorted by name: Pagefind 1.5 writes both in
    the order of a Rust hash map, which differs on every run, so the same pages gave different
    files. Files are named by a digest of their content, as Pagefind names them; the entry file
    names the new metadata file. Searching reads the same filters (tests/test_search.py)."""
    entry_path = output / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        meta_path = output / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = []
        for name, chunk in meta[3]:
            path = output / "filter" / f"{chunk}.pf_filter"
            index = _read(path)
            index[1] = sorted(index[1], key=lambda value: value[0])
            path.unlink()
            data = SIGNATURE + cbor2.dumps(index)
            fixed = f"{language}_{_digest(data, 7)}"
            _write(output / "filter" / f"{fixed}.pf_filter", index)
            filters.append([name, fixed])
        meta[3] = sorted(filters)
        meta_path.unlink()
        data = SIGNATURE + cbor2.dumps(meta)
        info["hash"] = f"{language}_{_digest(data, 10)}"
        _write(output / f"pagefind.{info['hash']}.pf_meta", meta)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _search_plugin(config: Any) -> Any:
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return plugin if plugin is not None and hasattr(plugin, "search_index") else None


@priority("pagefind_search", "post_build")
def on_post_build(config: Any) -> None:
    """Pagefind's index from the search plugin's entries in memory; the plugin then writes a
    search_index.json of its `config` alone (no copy of every page's text is made or read back)."""
    if not _state["enabled"]:
        return
    plugin = _search_plugin(config)
    if plugin is None:
        raise PluginError("pagefind_search: Pagefind indexes what Material's search plugin collects")
    site = Path(config.site_dir)
    language = str(config.theme.get("language") or "en").split("-")[0]
    filters = paper_filters(Path(config.docs_dir) / "catalogue.json")
    build_index(site, plugin.search_index.entries, language, filters)
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
