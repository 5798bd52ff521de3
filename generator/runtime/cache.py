"""Content-addressed cache of per-paper results. Besides ingest and write, the only module touching disk.

A value is stored under the SHA-256 of its *fingerprint* (what computed it: stage name, settings,
library version, source of the code) and its *input text* (the cleaned abstract). Change the text,
a setting, the library or the code, and the key changes: stale values are never read, only left
behind. Values are JSON. Everything lives in one SQLite file, ``.cache/generator/cache.sqlite3``
(git-ignored; the Pages workflow restores ``.cache/generator`` with ``actions/cache``), because one
file and one transaction per build are much faster than 100,000 small files and stay consistent if
a build is interrupted or two builds run at once. A damaged or unreadable cache file is treated as
empty and replaced: the cache only ever saves time, it never changes a result.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import sqlite3
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

DEFAULT_DIR = Path(".cache/generator")
FILE_NAME = "cache.sqlite3"
_BATCH = 500  # keys per SELECT ... IN (...), below SQLite's variable limit


def fingerprint(**parts: Any) -> str:
    """A stable digest of what computes a value (settings, versions...), given as JSON-able parts."""
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def source_digest(module: ModuleType) -> str:
    """SHA-256 of a module's source file: editing the code that computes a value invalidates it."""
    path = getattr(module, "__file__", None)
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest() if path else ""
    except OSError:
        return ""


def package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return ""


def code_digest(*modules: ModuleType) -> str:
    """SHA-256 of the modules' source files and of every ``generator`` module they use, followed
    through their imports: editing a shared text rule invalidates every stage that uses it. The
    runtime (this cache, the process pool) computes no value and is left out."""
    digests: dict[str, str] = {}
    todo = list(modules)
    while todo:
        module = todo.pop()
        if module.__name__ in digests:
            continue
        digests[module.__name__] = source_digest(module)
        for value in vars(module).values():
            used = (
                value
                if isinstance(value, ModuleType)
                else sys.modules.get(getattr(value, "__module__", "") or "")
            )
            if (
                used is not None
                and used.__name__.startswith("generator.")
                and not used.__name__.startswith("generator.runtime")
                and used.__name__ not in digests
            ):
                todo.append(used)
    return fingerprint(**digests)


def file_digest(*paths: Path) -> str:
    """What a stage's cached values depend on besides its code: the bytes of its data files (learned
    weights, corpus statistics). A file that is absent counts as empty."""
    found = hashlib.sha256()
    for path in paths:
        found.update(path.read_bytes() if path.is_file() else b"")
        found.update(b"\0")
    return found.hexdigest()[:16]


def stage_key(stage: str, *modules: ModuleType, packages: Iterable[str] = (), **settings: Any) -> str:
    """The fingerprint of a cached stage: its name, the code of ``modules`` (and what they use), the
    versions of the ``packages`` it calls and its ``settings``. Every cached stage keys on this."""
    versions = {name: package_version(name) for name in packages}
    return fingerprint(stage=stage, code=code_digest(*modules), packages=versions, **settings)


def encode(value: Any) -> str:
    """A value as the cache stores it: compact JSON."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def entry_key(fingerprint_hex: str, text: str) -> str:
    return hashlib.sha256(f"{fingerprint_hex}\0{text}".encode()).hexdigest()


class Cache:
    """Key -> JSON value. ``Cache(None)`` keeps values in memory only (tests, ``--no-cache``)."""

    def __init__(self, directory: Path | None) -> None:
        self.path = directory / FILE_NAME if directory is not None else None
        self._memory: dict[str, str] = {}
        self.hits = 0
        self.misses = 0

    def get_many(self, keys: Iterable[str]) -> dict[str, Any]:
        wanted = list(dict.fromkeys(keys))
        found: dict[str, str] = {k: self._memory[k] for k in wanted if k in self._memory}
        rest = [k for k in wanted if k not in found]
        if rest and self.path is not None and self.path.is_file():
            try:
                with self._connect() as db:
                    for start in range(0, len(rest), _BATCH):
                        batch = rest[start : start + _BATCH]
                        marks = ",".join("?" * len(batch))
                        rows = db.execute(f"SELECT key, value FROM entries WHERE key IN ({marks})", batch)
                        found.update(rows)
            except sqlite3.DatabaseError:
                self._discard()
        self.hits += len(found)
        self.misses += len(wanted) - len(found)
        return {k: json.loads(v) for k, v in found.items()}

    def put_many(self, items: dict[str, Any]) -> None:
        self.put_encoded({k: encode(v) for k, v in items.items()})

    def put_encoded(self, encoded: dict[str, str]) -> None:
        """``put_many`` of values already encoded by ``encode``."""
        if self.path is None:
            self._memory.update(encoded)
            return
        try:
            self._store(encoded)
        except sqlite3.DatabaseError:
            self._discard()
            self._store(encoded)

    def _store(self, encoded: dict[str, str]) -> None:
        assert self.path is not None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.executemany("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)", encoded.items())

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        assert self.path is not None
        db = sqlite3.connect(self.path, timeout=60)
        try:
            db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            with db:  # one transaction: committed on success, rolled back on error
                yield db
        finally:
            db.close()

    def _discard(self) -> None:
        """Forget a damaged cache file; the next write starts a fresh one."""
        if self.path is not None:
            self.path.unlink(missing_ok=True)
