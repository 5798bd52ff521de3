"""MkDocs hook: an incremental site build that equals a full one (`make site` runs `mkdocs build --dirty`).

MkDocs' own `--dirty` re-renders a page when its Markdown is newer than its HTML and otherwise
skips it, plugins' page events included: Material's search index then holds only the re-rendered
pages, pages that are gone stay in site/, and a change to the theme, the hooks or mkdocs.yml is not
seen at all. This hook makes `--dirty` safe:

- It keeps a record of the last successful build beside the project (`.cache/site-build/`, never in
  site/, so it is not published): a fingerprint of everything every page shares (mkdocs.yml as
  resolved, with SITE_URL and OFFLINE; the theme's custom_dir and the hooks, by content; the
  versions of MkDocs, Material, Markdown, Pagefind...), per page the digest of its Markdown and its
  search-index entries, every output file the build's file list produced, and a digest of site/'s
  listing (paths and sizes).
- `--dirty` with a record whose fingerprint and listing match: only pages whose Markdown changed (or
  is new) are read, rendered and written; the search index is put together from the new entries and
  the recorded ones, in page order, so Material's search_index.json and the Pagefind index built
  from it (hooks/pagefind_search.py) are those of a full build; files of pages and static files
  that are gone are removed. Static files of docs/ are always copied (a few, catalogue.json and the
  feeds among them); the theme's assets as MkDocs decides (their mtime).
- Otherwise (no record, anything shared changed, site/ not as left, or a plain `mkdocs build`):
  site/ is emptied and every page is built, and the record is written for the next run.
- Sitemap, 404 page and search index are rebuilt on every run. The record is removed when a build
  starts and written only when it ends without error (strict mode's warnings included).

What it relies on in MkDocs (each checked by tests/test_site_drift.py, no site built): the build
asks `file.is_modified()` of each page on a --dirty build, and this hook sets that method per file;
the warning MkDocs logs on every --dirty build starts with DIRTY_WARNING; `utils.clean_directory`;
Material's search plugin keeps its entries in `search_index.entries`.

The content is not looked at: what a page looks like is the theme's and the other hooks' business,
and a change to either is a full build. `tests/test_incremental.py` compares whole site/ trees.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache
from mkdocs import utils
from mkdocs.commands import build as mkdocs_build
from priorities import priority

STATE = Path(".cache") / "site-build" / "state.jsonl"
FORMAT = 2
# Distributions whose code shapes every page or the search index.
DISTRIBUTIONS = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "pygments")
DISTRIBUTIONS += ("pagefind", "pagefind-bin", "babel")

# "mkdocs.hooks.incremental": under MkDocs' own logger, whatever the package is called (a fork renames it).
log = logging.getLogger(mkdocs_build.log.name.split(".")[0] + ".hooks.incremental")
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
_run: dict[str, Any] = {}


# The start of the warning mkdocs.commands.build.build() logs on every --dirty build.
DIRTY_WARNING = "A 'dirty' build is being performed"


class _QuietDirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build may be inaccurate; this hook makes it accurate, and in
    strict mode the warning would fail the build. The filter sits on the logger object of MkDocs'
    build module (not looked up by name), so it is the one that logs the warning."""

    def filter(self, record: logging.LogRecord) -> bool:
        return DIRTY_WARNING not in record.getMessage()


_FILTER = _QuietDirtyWarning()
mkdocs_build.log.addFilter(_FILTER)


def on_startup(command: str, dirty: bool) -> None:
    _run.clear()
    _run.update(active=command == "build", dirty=dirty)


def _yes() -> bool:
    return True


def _no() -> bool:
    return False


def _digest_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


def fingerprint(config: Any) -> str:
    """A digest of every input all pages share (see the module docstring)."""
    root = Path(config.config_file_path).resolve().parent
    theme_dir = config.theme.custom_dir
    hooks = sorted(str(p) for p in (config.get("hooks") or []))
    shared = {
        "format": FORMAT,
        "python": sys.version,
        "versions": {name: _version(name) for name in DISTRIBUTIONS},
        "mkdocs.yml": _digest_bytes(Path(config.config_file_path).read_bytes()),
        "site_dir": str(Path(config.site_dir).resolve()),
        "docs_dir": str(Path(config.docs_dir).resolve()),
        "site_url": config.site_url,
        "use_directory_urls": config.use_directory_urls,
        "extra": json.dumps(dict(config.extra), sort_keys=True, default=str),
        "extra_css": [str(x) for x in config.extra_css],
        "extra_javascript": [str(x) for x in config.extra_javascript],
        "plugins": {
            name: json.dumps(dict(getattr(p, "config", {})), sort_keys=True, default=str)
            for name, p in config.plugins.items()
        },
        "theme": _tree_digest(Path(theme_dir)) if theme_dir else "",
        "hooks": [(h, _digest_bytes((root / h).read_bytes()) if (root / h).is_file() else "") for h in hooks],
        "hooks_dir": _tree_digest(root / "hooks"),
    }
    # A plugin's option may be an object shown with its address: the same every run without it.
    return _digest_bytes(_ADDRESS.sub("", json.dumps(shared, sort_keys=True)).encode())


def _listing(site: Path) -> str:
    """A digest of site/'s files: paths and sizes (strings, not Path objects: 5,000 files at
    2,000 papers, read twice a build)."""
    items: list[str] = []
    root = os.fspath(site)
    cut = len(root) + 1
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = os.scandir(folder)
        except OSError:
            continue
        with entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                else:
                    rel = entry.path[cut:].replace(os.sep, "/")
                    items.append(f"{rel}\0{entry.stat(follow_symlinks=False).st_size}")
    items.sort()
    return _digest_bytes("\n".join(items).encode())


def _state_path(config: Any) -> Path:
    return Path(config.config_file_path).resolve().parent / STATE


def _read_state(path: Path) -> dict[str, Any] | None:
    """The record of the last build: a header line, then one line per page, then the outputs."""
    try:
        with path.open(encoding="utf-8") as handle:
            header = json.loads(handle.readline())
            if header.get("format") != FORMAT:
                return None
            pages: dict[str, tuple[str, list[Any]]] = {}
            outputs: list[str] = []
            for line in handle:
                kind, *rest = json.loads(line)
                if kind == "page":
                    pages[rest[0]] = (rest[1], rest[2])
                elif kind == "output":
                    outputs.append(rest[0])
    except (OSError, ValueError, TypeError, AttributeError):
        return None
    return {**header, "pages": pages, "outputs": outputs}


def _search_plugin(config: Any) -> Any:
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and hasattr(index, "entries") and getattr(plugin.config, "enabled", True):
            return plugin
    return None


@priority("incremental", "config")
def on_config(config: Any) -> Any:
    if not _run.get("active"):
        return config
    _run["fingerprint"] = fingerprint(config)
    return config


@priority("incremental", "pre_build")
def on_pre_build(config: Any) -> None:
    if not _run.get("active"):
        return
    path = _state_path(config)
    state = _read_state(path) if _run["dirty"] else None
    path.unlink(missing_ok=True)  # a build that fails leaves no record: the next one is a full build
    site = Path(config.site_dir)
    reason = ""
    if not _run["dirty"]:
        reason = "not a --dirty build"
    elif state is None:
        reason = "no record of a previous build"
    elif state.get("fingerprint") != _run["fingerprint"]:
        reason = "the configuration, theme, hooks or packages changed"
    elif state.get("listing") != _listing(site):
        reason = "site/ is not as the last build left it"
    if reason:
        if _run["dirty"]:
            utils.clean_directory(config.site_dir)
        _run.update(incremental=False, state=None)
        log.info(f"incremental: full build ({reason})")
    else:
        _run.update(incremental=True, state=state)


@priority("incremental", "files")
def on_files(files: Any, config: Any) -> Any:
    if not _run.get("active"):
        return files
    state = _run.get("state")
    previous = state["pages"] if state else {}
    docs_dir = os.path.realpath(config.docs_dir)
    digests: dict[str, str] = {}
    changed = 0
    for file in files:
        if file.is_documentation_page():
            digest = _digest_bytes(Path(file.abs_src_path).read_bytes())
            digests[file.src_uri] = digest
            same = file.src_uri in previous and previous[file.src_uri][0] == digest
            if not same:
                changed += 1
            file.is_modified = _no if same and _run["incremental"] else _yes
        elif _run["incremental"] and file.abs_src_path and os.path.realpath(file.src_dir) == docs_dir:
            file.is_modified = _yes  # docs/'s static files: always copied (a few)
    _run.update(files=files, digests=digests, entries={}, counted=0)
    if _run["incremental"]:
        log.info(f"incremental: {changed} of {len(digests)} pages changed")
    return files


def on_env(env: Any, config: Any, files: Any) -> Any:
    """Compiled theme templates are kept (Jinja's bytecode cache, keyed by each template's source):
    compiling Material's templates is about a second of every build, whatever its size."""
    if _run.get("active"):
        folder = _state_path(config).parent / "jinja"
        folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env


@priority("incremental", "page_context")
def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    if not _run.get("active"):
        return context
    plugin = _search_plugin(config)
    if plugin is not None:
        entries = plugin.search_index.entries
        _run["entries"][page.file.src_uri] = entries[_run["counted"] :]
        _run["counted"] = len(entries)
    return context


@priority("incremental", "post_build")
def on_post_build(config: Any) -> None:
    if not _run.get("active"):
        return
    files = _run["files"]
    pages = [f.src_uri for f in files.documentation_pages()]
    _run.update(built=True, config=config)
    state = _run.get("state")
    new = _run["entries"]
    if state:
        old = state["pages"]
        merged = {src: new[src] if src in new else old.get(src, ("", []))[1] for src in pages}
        _run["entries"] = merged
        plugin = _search_plugin(config)
        if plugin is not None:
            plugin.search_index.entries = [e for src in pages for e in merged[src]]
        site = Path(config.site_dir)
        current = {f.dest_uri for f in files}
        for rel in sorted(set(state["outputs"]) - current):
            target = site / rel
            if target.is_file() or target.is_symlink():
                target.unlink()
                _prune(target.parent, site)


def _prune(folder: Path, site: Path) -> None:
    while folder != site and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _write_state(config: Any) -> None:
    path = _state_path(config)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    files = _run["files"]
    header = {
        "format": FORMAT,
        "fingerprint": _run["fingerprint"],
        "listing": _listing(Path(config.site_dir)),
    }
    with tmp.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps(header) + "\n")
        entries = _run["entries"]
        for src, digest in _run["digests"].items():
            handle.write(json.dumps(["page", src, digest, entries.get(src, [])], default=str) + "\n")
        for rel in sorted(f.dest_uri for f in files):
            handle.write(json.dumps(["output", rel]) + "\n")
    os.replace(tmp, path)


def on_build_error(error: Exception) -> None:
    _run["failed"] = True


def on_shutdown() -> None:
    """After everything has written to site/ (Pagefind, the offline plugin), and only after a build
    that ended without error: the record for the next run."""
    if _run.get("active") and _run.get("built") and not _run.get("failed"):
        _write_state(_run["config"])
    _run.clear()
