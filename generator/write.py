"""Write generated files into docs/. The only stage that writes to the disk.

The generator owns ``index.md``, ``titles.md``, ``catalogue.json``, ``map.md``, ``papers/``,
``keywords/``, ``topics/``, ``feed.xml`` and ``feed-*.xml`` under docs/ and nothing else.
Everything is rendered in memory first, so a run that fails before writing writes nothing; then
every changed file is first written to a temporary file beside its target and only when all of
them are written are they renamed into place, so a failure while writing (disk full) also leaves
the previous docs/ intact. A file is rewritten only when its bytes change (unchanged files keep
their modification time), and generated files that the new catalogue no longer has are removed.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

MANIFEST = ".generated.json"
_OWNED = re.compile(
    r"index\.md|titles\.md|catalogue\.json|papers/(?:index|[0-9a-f]{10})\.md|keywords/[a-z0-9]+(?:-[a-z0-9]+)*\.md"
    r"|map\.md|topics/[a-z0-9]+(?:-[a-z0-9]+)*\.md"
    # Atom feeds (generator/feeds.py)
    r"|feed(?:-[a-z0-9]+)*\.xml"
    # pages 2, 3... of a paginated listing (generator/paginate.py)
    r"|(?:papers/page|keywords/page|keywords/[a-z0-9]+(?:-[a-z0-9]+)*)/[1-9][0-9]*\.md"
)


@dataclass(frozen=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int


def is_owned(rel: str) -> bool:
    return _OWNED.fullmatch(rel) is not None


def write(docs_dir: Path, files: dict[str, str]) -> WriteReport:
    for rel in files:
        if not is_owned(rel):
            raise ValueError(f"refusing to write outside generated paths: {rel!r}")
    for folder in ("papers", "keywords"):
        if (docs_dir / folder).is_symlink():  # a committed symlink would send pages outside docs/
            raise ValueError(f"refusing to write through a symlink: {docs_dir / folder}")
    docs_dir.mkdir(parents=True, exist_ok=True)
    previous = _read_manifest(docs_dir)
    changed: dict[Path, bytes] = {}
    unchanged = 0
    for rel in sorted(files):
        data = files[rel].encode("utf-8")
        target = docs_dir / rel
        if target.is_file() and not target.is_symlink() and target.read_bytes() == data:
            unchanged += 1
        else:
            changed[target] = data
    # Phase 1: every changed file goes to a temporary file beside its target. Any failure here
    # (disk full, permissions) removes them all and leaves docs/ exactly as it was.
    staged: list[tuple[str, Path]] = []
    try:
        for target, data in changed.items():
            staged.append((_stage(target, data), target))
    except BaseException:
        for tmp, _target in staged:
            Path(tmp).unlink(missing_ok=True)
        raise
    # Phase 2: only renames, which do not need space and replace each file atomically.
    for tmp, target in staged:
        if target.is_symlink():
            target.unlink()
        os.replace(tmp, target)
    removed = 0
    for rel in sorted(previous - files.keys()):
        target = docs_dir / rel
        if is_owned(rel) and (target.is_file() or target.is_symlink()):
            target.unlink()
            removed += 1
    _atomic_write(docs_dir / MANIFEST, (json.dumps(sorted(files), indent=0) + "\n").encode("utf-8"))
    return WriteReport(len(staged), unchanged, removed)


def _read_manifest(docs_dir: Path) -> set[str]:
    try:
        names = json.loads((docs_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {n for n in names if isinstance(n, str)}


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


def _atomic_write(target: Path, data: bytes) -> None:
    tmp = _stage(target, data)
    if target.is_symlink():
        target.unlink()
    os.replace(tmp, target)


def write_id_lock(seeds_dir: Path, lock: dict[str, str]) -> bool:
    """Rewrite the id lock beside the seeds when it changed (one entry a line, sorted: small diffs)."""
    data = (json.dumps(dict(sorted(lock.items())), indent=0) + "\n").encode("utf-8")
    target = seeds_dir / "paper-ids.json"
    if target.is_file() and target.read_bytes() == data:
        return False
    _atomic_write(target, data)
    return True
