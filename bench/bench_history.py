"""Cost of first-seen dates: `read_history` on synthetic seed repositories of growing size.

Each repository gets COMMITS commits; each commit appends abstracts to one of FILES seed files and
rewrites one earlier line (so the log has removed lines too). Prints one row per size:
papers, commits, seconds for read_history (best of 3), and dated papers.

Run: python bench/bench_history.py  (or `make bench`)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.inputs.history import read_history

SIZES = [(1_000, 50), (10_000, 200)]
FILES = 10
WORDS = [
    "graph",
    "neural",
    "network",
    "diffusion",
    "model",
    "language",
    "attention",
    "federated",
    "learning",
    "retrieval",
]


def abstract(n: int) -> str:
    words = [WORDS[(n * 7 + i * 3) % len(WORDS)] for i in range(120)]
    return f"Abstract {n}: " + " ".join(words) + "."


def make_repo(root: Path, papers: int, commits: int) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Bench",
        "GIT_AUTHOR_EMAIL": "bench@example.org",
        "GIT_COMMITTER_NAME": "Bench",
        "GIT_COMMITTER_EMAIL": "bench@example.org",
    }
    subprocess.run(["git", "init", "-q", str(root)], check=True, env=env)
    seeds = root / "seeds"
    seeds.mkdir()
    files: list[list[str]] = [[] for _ in range(FILES)]
    per_commit = papers // commits
    for c in range(commits):
        lines = files[c % FILES]
        lines.extend(abstract(c * per_commit + i) for i in range(per_commit))
        if len(lines) > per_commit:
            lines[0] = lines[0] + " Revised."
        for i, body in enumerate(files):
            if body:
                (seeds / f"s{i:02d}.txt").write_text("\n".join(body) + "\n", encoding="utf-8")
        when = f"{1_700_000_000 + c * 3600} +0000"
        subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
        subprocess.run(
            ["git", "commit", "-q", "-m", f"c{c}"],
            cwd=root,
            check=True,
            env={**env, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when},
        )


def main() -> None:
    print(f"{'papers':>8} {'commits':>8} {'seconds':>8} {'dated':>8}")
    for papers, commits in SIZES:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            make_repo(root, papers, commits)
            best = float("inf")
            history = None
            for _ in range(3):
                start = time.perf_counter()
                history = read_history(root / "seeds")
                best = min(best, time.perf_counter() - start)
            assert history is not None
            print(f"{papers:>8} {commits:>8} {best:>8.3f} {len(history.first_added):>8}")


if __name__ == "__main__":
    main()
