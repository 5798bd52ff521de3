"""Write generated files into docs/. The only stage that writes to the disk.

The generator owns ``index.md``, ``titles.md``, ``catalogue.json``, ``catalogue.bib``,
``catalogue.csl.json``, ``robots.txt``, ``map.md``, ``papers/``,
``keywords/``, ``topics/``, ``feed.xml`` and ``feed-*.xml`` under docs/ and nothing else.
Files arrive as a stream of ``PageSource`` (rendered on demand) and are written in two phases:
every changed file first goes to a temporary file beside its target, and only when the whole
stream is through are they renamed into place. So a run that fails while rendering or writing
(disk full) removes its temporary files and leaves the previous docs/ intact, and memory holds one
page at a time, not the whole site. A file is rewritten only when its bytes change (unchanged files
keep their modification time), and generated files that the new catalogue no longer has are removed.

The manifest (``.generated.json``) records, per file, the page's key (a digest of its inputs, see
``render.page_key``) and the file's size and modification time as written. A page whose key, size
and modification time all match is not even rendered: that is what makes a rebuild after a
one-line change fast. A file edited or touched by hand no longer matches and is rendered and
compared again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat as stat_module
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from generator.models import PageSource
from generator.runtime import parallel

MANIFEST = ".generated.json"
_OWNED = re.compile(
    r"index\.md|titles\.md|catalogue\.(?:json|bib|csl\.json)|robots\.txt|papers/(?:index|[0-9a-f]{10})\.md|"
    # a cited paper's citation files beside its page (generator/site/citations.py)
    r"papers/[0-9a-f]{10}\.(?:bib|ris|csl\.json)|keywords/[a-z0-9]+(?:-[a-z0-9]+)*\.md"
    r"|map\.md|topics/[a-z0-9]+(?:-[a-z0-9]+)*\.(?:md|bib|csl\.json)"
    # the papers index by year and A-Z, and author pages (generator/site/listing.py)
    r"|papers/(?:by-year|a-z)/index\.md|authors/(?:index|[a-z0-9]+(?:-[a-z0-9]+)*)\.md"
    # Atom feeds (generator/site/feeds.py)
    r"|feed(?:-[a-z0-9]+)*\.xml"
    # pages 2, 3... of a paginated listing (generator/site/paginate.py)
    r"|(?:papers/page|papers/by-year|papers/a-z|keywords/page|authors/page"
    r"|(?:keywords|authors)/[a-z0-9]+(?:-[a-z0-9]+)*)/[1-9][0-9]*\.md"
)


@dataclass(frozen=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int
    # unchanged files whose key matched the manifest, so they were not rendered at all
    skipped: int = 0


def is_owned(rel: str) -> bool:
    return _OWNED.fullmatch(rel) is not None


# What the manifest remembers of a file: its page key, size and modification time (ns).
Entry = tuple[str, int, int]


def write(docs_dir: Path, files: Iterable[PageSource] | Mapping[str, str], jobs: int = 1) -> WriteReport:
    """Write the generated files (a stream of pages, or path -> content); see the module docstring.
    With ``jobs`` > 1 the pages to render are rendered ahead on that many forked processes
    (``parallel.ahead``), and written here in the same order, with the same bytes."""
    pages: Iterable[PageSource] = (
        (PageSource(rel, "", lambda text=text: text) for rel, text in files.items())
        if isinstance(files, Mapping)
        else files
    )
    for folder in ("papers", "keywords"):
        if (docs_dir / folder).is_symlink():  # a committed symlink would send pages outside docs/
            raise ValueError(f"refusing to write through a symlink: {docs_dir / folder}")
    docs_dir.mkdir(parents=True, exist_ok=True)
    previous = _read_manifest(docs_dir)
    if jobs > 1:
        pages = _rendered_ahead(docs_dir, pages, previous, jobs)
    seen: dict[str, str] = {}  # path -> key, in the order pages came
    kept: dict[str, Entry] = {}
    staged: list[tuple[str, Path]] = []
    unchanged = skipped = 0
    # Phase 1: every changed file goes to a temporary file beside its target. Any failure here
    # (a page that fails to render, disk full, permissions) removes them all and leaves docs/
    # exactly as it was.
    try:
        for page in pages:
            rel = page.path
            if not is_owned(rel):
                raise ValueError(f"refusing to write outside generated paths: {rel!r}")
            if rel in seen:
                raise ValueError(f"two generated files at one path: {rel!r}")
            seen[rel] = page.key
            target = docs_dir / rel
            stat = _stat(target)
            if page.key and stat is not None and previous.get(rel) == (page.key, *stat):
                kept[rel] = (page.key, *stat)
                unchanged += 1
                skipped += 1
                continue
            content = page.content()
            if isinstance(content, str):
                data = content.encode("utf-8")
                if stat is not None and stat[0] == len(data) and target.read_bytes() == data:
                    kept[rel] = (page.key, *stat)
                    unchanged += 1
                else:
                    staged.append((_stage(target, data), target))
                continue
            # A file in pieces is staged as it comes, then compared by digest with the old one.
            tmp, size, digest = _stage_pieces(target, content)
            if stat is not None and stat[0] == size and _digest(target) == digest:
                Path(tmp).unlink()
                kept[rel] = (page.key, *stat)
                unchanged += 1
            else:
                staged.append((tmp, target))
    except BaseException:
        for tmp, _target in staged:
            Path(tmp).unlink(missing_ok=True)
        raise
    # Phase 2: only renames, which do not need space and replace each file atomically.
    for tmp, target in staged:
        if target.is_symlink():
            target.unlink()
        os.replace(tmp, target)
        rel = target.relative_to(docs_dir).as_posix()
        stat = _stat(target)
        if stat is not None:
            kept[rel] = (seen[rel], *stat)
    removed = 0
    for rel in sorted(previous.keys() - seen.keys()):
        target = docs_dir / rel
        if is_owned(rel) and (target.is_file() or target.is_symlink()):
            target.unlink()
            removed += 1
    entries = ",\n".join(f"{json.dumps(rel)}: {json.dumps(list(kept[rel]))}" for rel in sorted(kept))
    manifest = '{"version": 2, "files": {\n' + entries + "\n}}\n"  # one file a line
    _atomic_write(docs_dir / MANIFEST, manifest.encode("utf-8"))
    return WriteReport(len(staged), unchanged, removed, skipped)


def _rendered_ahead(
    docs_dir: Path, pages: Iterable[PageSource], previous: Mapping[str, Entry | None], jobs: int
) -> Iterator[PageSource]:
    """The pages, those that ``write`` will render (no key, or not as the manifest recorded it)
    with their text rendered ahead on ``jobs`` processes; a page in pieces is left to ``write``."""
    sources = list(pages)
    todo = [page for page in sources if not _recorded(docs_dir, page, previous)]
    rendered = iter(parallel.ahead([page.content for page in todo], jobs))
    todo_ids = {id(page) for page in todo}
    for page in sources:
        if id(page) in todo_ids:
            text = next(rendered)
            if text is not None:
                page = PageSource(page.path, page.key, partial(str, text))
        yield page


def _recorded(docs_dir: Path, page: PageSource, previous: Mapping[str, Entry | None]) -> bool:
    """The page's file is as the manifest recorded it, key included (``write`` does not render it)."""
    stat = _stat(docs_dir / page.path)
    return bool(page.key) and stat is not None and previous.get(page.path) == (page.key, *stat)


def _stat(target: Path) -> tuple[int, int] | None:
    """Size and modification time (ns) of a regular file that is not a symlink, else None."""
    try:
        st = target.lstat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns) if stat_module.S_ISREG(st.st_mode) else None


def _read_manifest(docs_dir: Path) -> dict[str, Entry | None]:
    """Path -> what was recorded of it; None for a file the manifest names without a record
    (a manifest written before records existed: a plain list of paths)."""
    try:
        data = json.loads((docs_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if isinstance(data, list):
        return {n: None for n in data if isinstance(n, str)}
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        return {}
    out: dict[str, Entry | None] = {}
    for rel, entry in files.items():
        ok = isinstance(entry, list) and len(entry) == 3 and isinstance(entry[0], str)
        out[rel] = (
            (entry[0], entry[1], entry[2]) if ok and all(isinstance(x, int) for x in entry[1:]) else None
        )
    return out


def _stage(target: Path, data: bytes) -> str:
    """Write ``data`` to a new temporary file in ``target``'s folder; return its path."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _stage_pieces(target: Path, pieces: Iterable[str]) -> tuple[str, int, bytes]:
    """``_stage`` for text given in pieces: the temporary file's path, size and SHA-256."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    digest, size = hashlib.sha256(), 0
    try:
        with os.fdopen(fd, "wb") as handle:
            for piece in pieces:
                data = piece.encode("utf-8")
                digest.update(data)
                size += len(data)
                handle.write(data)
        os.chmod(tmp, 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp, size, digest.digest()


def _digest(path: Path) -> bytes:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.digest()


def _atomic_write(target: Path, data: bytes) -> None:
    tmp = _stage(target, data)
    if target.is_symlink():
        target.unlink()
    os.replace(tmp, target)


def _write_if_changed(target: Path, data: bytes) -> bool:
    """Replace ``target`` with ``data`` atomically unless it already holds exactly that."""
    if target.is_file() and target.read_bytes() == data:
        return False
    _atomic_write(target, data)
    return True


def write_id_lock(seeds_dir: Path, lock: dict[str, str]) -> bool:
    """Rewrite the id lock beside the seeds when it changed (one entry a line, sorted: small diffs)."""
    data = (json.dumps(dict(sorted(lock.items())), indent=0) + "\n").encode("utf-8")
    return _write_if_changed(seeds_dir / "paper-ids.json", data)


def write_metadata(seeds_dir: Path, text: str) -> bool:
    """Replace ``seeds/metadata.yaml`` with ``text`` (atomically) when it changed (the enrich command)."""
    return _write_if_changed(seeds_dir / "metadata.yaml", text.encode("utf-8"))


def write_text_file(target: Path, text: str) -> None:
    """A report outside docs/ and seeds/ (the enrich command's review list), written atomically."""
    _atomic_write(target, text.encode("utf-8"))
