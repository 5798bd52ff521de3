"""Real temporary git repositories for tests of what the seeds' history decides (dates, ids)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

DAY1, DAY2, DAY3 = "2024-01-02T10:00:00Z", "2024-03-04T11:30:00Z", "2024-05-06T12:45:00Z"


def git(repo: Path, *args: str, when: str = DAY1) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    result = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return result.stdout


def commit(repo: Path, files: dict[str, bytes], when: str) -> None:
    for name, data in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_bytes(data)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", f"seeds at {when}", when=when)


def new_repo(path: Path) -> Path:
    path.mkdir(parents=True)
    git(path, "init", "-q", "-b", "main")
    return path
