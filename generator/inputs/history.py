"""When each abstract first appeared: read from the git history of the seed files (ingest side).

A paper's first-seen time is the commit time of the earliest commit that added a line with its
text (same identity as dedupe: NFC, collapsed whitespace, case-folded) to any ``*.txt`` seed file.
Moving a line to another file or editing whitespace keeps its date; a line removed and re-added
keeps the earlier one. Only this module runs git, and only to read.

Without git history (a tarball, no git, not a repository) the build still works: ``History`` says
so in ``note`` and papers stay undated. A shallow clone dates everything before its boundary at the
boundary commit, which the note says too.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from generator.identity.normalize import paper_id
from generator.models import History, Paper, Place, SeedLine

FULL_HISTORY_HINT = "fetch the full history (actions/checkout with fetch-depth: 0)"
_HUNK = re.compile(rb"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_COMMIT = re.compile(rb"^\x00commit ([0-9a-f]{40}) (-?\d+)$")


def read_history(seeds_dir: Path) -> History:
    """The first-seen times of every abstract ever committed to ``seeds_dir/*.txt``."""
    where = seeds_dir.as_posix().rstrip("/") or "."
    try:
        inside = _git(seeds_dir, "rev-parse", "--is-inside-work-tree")
    except OSError:
        return History(note=f"git is not installed: no history for {where}/, papers are undated")
    if inside.returncode != 0 or inside.stdout.strip() != b"true":
        reason = _first_line(inside.stderr) or "not a git checkout"
        return History(note=f"no git history for {where}/ ({reason}): papers are undated")
    log = _git(
        seeds_dir,
        "-c",
        "core.quotePath=false",
        "log",
        "--no-color",
        "--no-ext-diff",
        "--no-textconv",
        "--no-renames",
        "--diff-filter=AM",
        "--unified=0",
        "-p",
        "--format=%x00commit %H %ct",
        "--",
        ":(glob)*.txt",
    )
    if log.returncode != 0:
        # A repository without commits yet, or an unreadable one: nothing is dated.
        reason = _first_line(log.stderr) or "git log failed"
        return History(available=True, note=f"no commits for {where}/ yet ({reason}): papers are undated")
    note = ""
    shallow = _git(seeds_dir, "rev-parse", "--is-shallow-repository")
    if shallow.returncode == 0 and shallow.stdout.strip() == b"true":
        note = f"the git history is shallow: papers older than it are dated too late; {FULL_HISTORY_HINT}"
    places, edits = parse_history(log.stdout)
    return History(
        first_added={pid: place[0] for pid, place in places.items()},
        first_place=places,
        edited_from=edits,
        available=True,
        note=note,
    )


def parse_log(output: bytes) -> dict[str, int]:
    """paper id -> earliest commit time, from ``git log -p --unified=0`` output in our format."""
    return {pid: place[0] for pid, place in parse_places(output).items()}


def parse_places(output: bytes) -> dict[str, Place]:
    """paper id -> where it was first committed: (commit time, -(commit's index in the log), path,
    line in that commit); the smallest tuple wins, so the order is a fact of the history alone."""
    return parse_history(output)[0]


def parse_history(output: bytes) -> tuple[dict[str, Place], dict[str, tuple[str, ...]]]:
    """The first places (``parse_places``) and the lines edited in place: paper id of an added line ->
    the texts of the lines a hunk removed at the same offset (its old version, if it is one)."""
    first: dict[str, Place] = {}
    edits: dict[str, set[str]] = {}
    removed: list[bytes] = []
    added_index = 0
    when: int | None = None
    commits = 0
    path = ""
    line = 0
    added_left = 0  # '+' or '-' lines still expected in the current hunk
    for raw in output.split(b"\n"):
        if added_left > 0:
            if raw.startswith(b"\\"):  # "\ No newline at end of file"
                continue
            if raw.startswith((b"+", b"-")):
                added_left -= 1
                if raw.startswith(b"-"):
                    removed.append(raw[1:])
                elif when is not None:
                    pid = _record(first, raw[1:], (when, -commits, path, line))
                    if pid and added_index < len(removed):
                        old = _text(removed[added_index])
                        if old.strip() and paper_id(old) != pid:
                            edits.setdefault(pid, set()).add(old)
                    added_index += 1
                    line += 1
                continue
            added_left = 0
        commit = _COMMIT.match(raw)
        if commit:
            when = int(commit.group(2))
            commits += 1
            continue
        if raw.startswith(b"+++ "):
            name = raw[4:].decode("utf-8", errors="replace")
            path = name[2:] if name.startswith("b/") else name
            continue
        hunk = _HUNK.match(raw)
        if hunk:
            # With --unified=0 a hunk is its removed lines, then its added lines: count both.
            old_lines = int(hunk.group(2)) if hunk.group(2) is not None else 1
            new_lines = int(hunk.group(4)) if hunk.group(4) is not None else 1
            added_left = old_lines + new_lines
            line = int(hunk.group(3))
            removed, added_index = [], 0
    return first, {pid: tuple(sorted(texts)) for pid, texts in edits.items()}


def _text(raw: bytes) -> str:
    return raw.rstrip(b"\r").decode("utf-8", errors="replace").lstrip("\ufeff")


def _record(first: dict[str, Place], raw: bytes, place: Place) -> str:
    text = _text(raw)
    if not text.strip():
        return ""
    pid = paper_id(text)
    if pid not in first or place < first[pid]:
        first[pid] = place
    return pid


def with_first_seen(
    papers: tuple[Paper, ...], lines: tuple[SeedLine, ...], history: History
) -> tuple[Paper, ...]:
    """Each paper dated by the earliest first-added time of any of its copies ("" when none is known)."""
    by_source = {line.source: history.first_added.get(paper_id(line.text)) for line in lines}
    out = []
    for paper in papers:
        times = [t for t in (by_source.get(s) for s in paper.sources) if t is not None]
        out.append(replace(paper, first_seen=iso_time(min(times)) if times else ""))
    return tuple(out)


def undated_note(papers: tuple[Paper, ...], history: History) -> str:
    """The history's note, or which papers lack a date because their lines are not committed yet."""
    if history.note or not history.available:
        return history.note
    undated = sum(1 for p in papers if not p.first_seen)
    if undated:
        return f"{undated} paper(s) not committed yet have no first-seen date"
    return ""


def iso_time(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)


def _first_line(data: bytes) -> str:
    lines = data.decode("utf-8", errors="replace").strip().splitlines()
    return lines[0].removeprefix("fatal: ").strip() if lines else ""
