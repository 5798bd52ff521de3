"""The suite passes after a seed change: a copy of the repository takes every kind of seed commit, then
runs the checks that used to read the live seeds/ (and the workflow's gate on the live seeds)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.identity.normalize import paper_id

from .conftest import ROOT
from .gitrepo import DAY1, DAY2, commit, git

# The modules that asserted facts about the live seeds/ before they owned their inputs.
SEED_DEPENDENT = [
    "tests/test_pipeline.py",
    "tests/test_titles.py",
    "tests/test_neardup.py",
    "tests/test_variants_site.py",
    "tests/test_metadata.py",
    "tests/test_site.py",
]
NEW = [
    "Speculative decoding speeds up autoregressive generation by letting a small draft model propose "
    "several tokens that the large model verifies in one pass, raising throughput by a fifth.",
    "Weather forecasting with learned models rivals numerical prediction at medium range; a graph "
    "network trained on forty years of reanalysis data drifts less in ten-day rollouts.",
]


def copy_of_repository(target: Path) -> Path:
    """The project's files as they are now (tracked and new, not ignored) in a fresh repository."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, (n.decode() for n in listed)):
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    git(target, "init", "-q", "-b", "main")
    commit(target, {}, DAY1)
    return target


def ids_and_texts(docs: Path) -> dict[str, str]:
    data = json.loads((docs / "catalogue.json").read_text(encoding="utf-8"))
    return {p["id"]: p["abstract"] for p in data["papers"]}


@pytest.mark.site
def test_every_kind_of_seed_commit_leaves_the_suite_and_the_gate_passing(tmp_path: Path) -> None:
    repo = copy_of_repository(tmp_path / "repo")
    seeds = repo / "seeds"
    run = {"cwd": repo, "capture_output": True, "text": True, "check": False}
    generate = [sys.executable, "-m", "generator", "build", "--seeds", "seeds", "--docs", "docs", "-q"]
    assert subprocess.run(generate, **run).returncode == 0
    before = ids_and_texts(repo / "docs")
    files = sorted(seeds.glob("*.txt"))
    first, second = files[0], files[1]
    lines = first.read_text(encoding="utf-8").splitlines()
    longer = f"{lines[0]} An extended version adds experiments on two more datasets."
    # Each change committed alone, as a maintainer would on GitHub.
    commit(repo, {"seeds/005_contributed.txt": f"{NEW[0]}\n{longer}\n".encode()}, DAY2)  # new file
    text = second.read_text(encoding="utf-8")  # a line appended (after a final newline, as editors add)
    second.write_text(text + ("" if text.endswith("\n") else "\n") + NEW[1] + "\n", encoding="utf-8")
    commit(repo, {}, DAY2)
    removed = second.read_text(encoding="utf-8").splitlines()
    gone = removed.pop(1)
    commit(repo, {f"seeds/{second.name}": ("\n".join(removed) + "\n").encode()}, DAY2)  # a line removed
    git(repo, "mv", f"seeds/{first.name}", "seeds/010_renamed.txt")  # a file renamed
    commit(repo, {}, DAY2)

    assert subprocess.run(generate, **run).returncode == 0
    after = ids_and_texts(repo / "docs")
    gone_id = paper_id(gone)
    still_there = any(gone_id == paper_id(t) for t in after.values()) or gone in after.values()
    expected = (set(before) - ({gone_id} if not still_there else set())) | {paper_id(t) for t in NEW}
    assert set(after) == expected  # every id that should stay stays; the longer version made none
    assert after[paper_id(lines[0])] == longer  # ... and is shown under the old paper's id

    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *SEED_DEPENDENT], **run
    )
    assert tests.returncode == 0, tests.stdout[-4000:] + tests.stderr[-2000:]
    # The workflow's gate on the live seeds: strict build, then the smoke check of the built site.
    mkdocs = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], **run)
    assert mkdocs.returncode == 0, mkdocs.stderr
    check = subprocess.run([sys.executable, "tools/check_site.py", "site", "--no-linkcheck"], **run)
    assert check.returncode == 0, check.stdout
