"""Write generated files into docs/. The only stage that writes to the disk.

The generator owns ``index.md``, ``titles.md``, ``catalogue.json``, ``papers/``, ``keywords/``,
``feed.xml`` and ``feed-*.xml`` under docs/ and nothing else. Everything is rendered in memory
first, so a failed run writes nothing. A file is rewritten only when its bytes change (unchanged
files keep their modification time), and generated files that the new catalogue no longer has are
removed.
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
    docs_dir.mkdir(parents=True, exist_ok=True)
    previous = _read_manifest(docs_dir)
    written = unchanged = removed = 0
    for rel in sorted(files):
        data = files[rel].encode("utf-8")
        target = docs_dir / rel
        if target.is_file() and not target.is_symlink() and target.read_bytes() == data:
            unchanged += 1
            continue
        _atomic_write(target, data)
        written += 1
    for rel in sorted(previous - files.keys()):
        target = docs_dir / rel
        if is_owned(rel) and (target.is_file() or target.is_symlink()):
            target.unlink()
            removed += 1
    _atomic_write(docs_dir / MANIFEST, (json.dumps(sorted(files), indent=0) + "\n").encode("utf-8"))
    return WriteReport(written, unchanged, removed)


def _read_manifest(docs_dir: Path) -> set[str]:
    try:
        names = json.loads((docs_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {n for n in names if isinstance(n, str)}


def _atomic_write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_symlink():
        target.unlink()
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_id_lock(seeds_dir: Path, lock: dict[str, str]) -> bool:
    """Rewrite the id lock beside the seeds when it changed (one entry a line, sorted: small diffs)."""
    data = (json.dumps(dict(sorted(lock.items())), indent=0) + "\n").encode("utf-8")
    target = seeds_dir / "paper-ids.json"
    if target.is_file() and target.read_bytes() == data:
        return False
    _atomic_write(target, data)
    return True
