"""Read seed files into ``SeedLine`` records. The only stage that reads the disk."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.errors import BuildError, Problem
from generator.models import MetadataSource, SeedLine, Source

MAX_LINE_CHARS = 20_000
# The optional id lock: variant key -> paper id, read when present (ids come from git history without it;
# `build --pin-ids` writes one for a copy that travels without history; see DEDUPE.md section 4).
ID_LOCK = "paper-ids.json"
_KEY = re.compile(r"[0-9a-f]{16}")
_ID = re.compile(r"[0-9a-f]{10}")
METADATA_FILE = "metadata.yaml"
MAX_METADATA_BYTES = 5_000_000


def seed_files(seeds_dir: Path) -> list[Path]:
    """The seed files of a folder, in a stable order."""
    return sorted(p for p in seeds_dir.glob("*.txt"))


MAX_PROBLEMS_PER_FILE = 10
# Compressed or binary formats that may hide behind a .txt name, by their first bytes.
_MAGIC = {
    b"\x1f\x8b": "gzip-compressed",
    b"PK\x03\x04": "a zip archive",
    b"BZh": "bzip2-compressed",
    b"\xfd7zXZ\x00": "xz-compressed",
    b"(\xb5/\xfd": "zstd-compressed",
    b"7z\xbc\xaf\x27\x1c": "a 7-zip archive",
    b"%PDF-": "a PDF document",
    b"\x89PNG": "a PNG image",
}
# C0 controls other than tab and line breaks, and DEL: never part of an abstract, a sign of a
# broken or binary file. (Whitespace controls such as form feed or U+0085 become spaces.)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")


def decode_lines(name: str, data: bytes) -> tuple[list[SeedLine], list[Problem]]:
    """Split one file's bytes into seed lines; blank lines, BOM and CR/CRLF are handled silently."""
    problems: list[Problem] = []
    lines: list[SeedLine] = []
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return [], [Problem(f"{name}:1", f"is {kind} file, not UTF-8 text")]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    raw_lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
    for number, raw in enumerate(raw_lines, start=1):
        where = f"{name}:{number}"
        if b"\x00" in raw:
            problems.append(Problem(where, "contains a NUL byte (binary file?)"))
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(Problem(where, f"is not valid UTF-8 (byte {exc.start + 1})"))
            continue
        if not text.strip():
            continue
        control = _CONTROL.search(text)
        if control:
            problems.append(
                Problem(
                    where,
                    f"contains control character U+{ord(control.group()):04X} "
                    f"(column {control.start() + 1}); an abstract is plain text",
                )
            )
            continue
        if len(text) > MAX_LINE_CHARS:
            problems.append(
                Problem(where, f"line has {len(text)} characters; an abstract has at most {MAX_LINE_CHARS}")
            )
            continue
        lines.append(SeedLine(Source(name, number), text))
    if not lines and not problems:
        problems.append(Problem(name, "has no abstracts (empty file)"))
    if len(problems) > MAX_PROBLEMS_PER_FILE:
        more = len(problems) - MAX_PROBLEMS_PER_FILE
        problems = [*problems[:MAX_PROBLEMS_PER_FILE], Problem(name, f"... and {more} more problem(s)")]
    return lines, problems


def read_seeds(seeds_dir: Path) -> tuple[SeedLine, ...]:
    """Every seed line of every ``*.txt`` file; raises ``BuildError`` listing all problems."""
    if not seeds_dir.is_dir():
        raise BuildError([Problem(str(seeds_dir), "seeds folder not found")])
    files = seed_files(seeds_dir)
    if not files:
        raise BuildError([Problem(str(seeds_dir), "no *.txt seed files found")])
    root = seeds_dir.resolve()
    problems: list[Problem] = []
    lines: list[SeedLine] = []
    prefix = seeds_dir.as_posix().rstrip("/")
    for path in files:
        label = f"{prefix}/{path.name}"
        if path.is_symlink() and not path.resolve().is_relative_to(root):
            problems.append(Problem(label, "is a symlink pointing outside the seeds folder"))
            continue
        if not path.is_file():
            problems.append(Problem(label, "is not a regular file"))
            continue
        file_lines, file_problems = decode_lines(path.name, path.read_bytes())
        lines.extend(file_lines)
        problems.extend(
            Problem(f"{seeds_dir.as_posix().rstrip('/')}/{p.where}", p.message) for p in file_problems
        )
    if problems:
        raise BuildError(problems)
    return tuple(lines)


def read_id_lock(seeds_dir: Path) -> dict[str, str]:
    """The id lock beside the seeds (empty when there is none); raises ``BuildError`` when it is damaged."""
    path = seeds_dir / ID_LOCK
    if not path.is_file():
        return {}
    where = f"{seeds_dir.as_posix().rstrip('/')}/{ID_LOCK}"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BuildError([Problem(where, f"is not valid JSON ({exc})")]) from exc
    if not isinstance(data, dict):
        raise BuildError([Problem(where, "must be a JSON object of variant key to paper id")])
    problems = [
        Problem(where, f"bad entry {key!r}: {value!r} (want 16 hex digits to 10 hex digits)")
        for key, value in data.items()
        if not (isinstance(value, str) and _KEY.fullmatch(key) and _ID.fullmatch(value))
    ]
    if problems:
        raise BuildError(problems)
    return data


def read_metadata(seeds_dir: Path) -> MetadataSource | None:
    """The curated metadata file ``seeds/metadata.yaml`` if there is one; raises ``BuildError``."""
    prefix = seeds_dir.as_posix().rstrip("/")
    path = seeds_dir / METADATA_FILE
    label = f"{prefix}/{METADATA_FILE}"
    misnamed = seeds_dir / "metadata.yml"
    if misnamed.exists():
        raise BuildError([Problem(f"{prefix}/metadata.yml", f"rename to {METADATA_FILE} (the name read)")])
    if not path.exists() and not path.is_symlink():
        return None
    if path.is_symlink() and not path.resolve().is_relative_to(seeds_dir.resolve()):
        raise BuildError([Problem(label, "is a symlink pointing outside the seeds folder")])
    if not path.is_file():
        raise BuildError([Problem(label, "is not a regular file")])
    data = path.read_bytes()
    if len(data) > MAX_METADATA_BYTES:
        raise BuildError([Problem(label, f"is {len(data)} bytes; at most {MAX_METADATA_BYTES}")])
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BuildError([Problem(f"{label}:{line}", "is not valid UTF-8")]) from None
    return MetadataSource(label, text)


def read_inputs(seeds_dir: Path) -> tuple[tuple[SeedLine, ...], MetadataSource | None, dict[str, str]]:
    """The seed lines, the curated metadata and the optional id lock, with every problem of all three
    collected into one BuildError."""
    problems: list[Problem] = []
    lines: tuple[SeedLine, ...] = ()
    metadata_source: MetadataSource | None = None
    id_lock: dict[str, str] = {}
    try:
        lines = read_seeds(seeds_dir)
    except BuildError as exc:
        problems.extend(exc.problems)
    try:
        metadata_source = read_metadata(seeds_dir)
    except BuildError as exc:
        problems.extend(exc.problems)
    try:
        id_lock = read_id_lock(seeds_dir)
    except BuildError as exc:
        problems.extend(exc.problems)
    if problems:
        raise BuildError(problems)
    return lines, metadata_source, id_lock
