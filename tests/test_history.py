"""First-seen dates from the git history of the seed files, and builds without that history."""

from __future__ import annotations

import html
import json
import logging
import re
import subprocess
from pathlib import Path

from generator.cli import main
from generator.identity.normalize import paper_id
from generator.inputs.history import parse_log, read_history
from generator.pipeline import build

from .gitrepo import DAY1, DAY2, DAY3, commit, git

ONE = "Graph neural networks learn on molecules."
TWO = "Diffusion models generate images from noise."
THREE = "Transformers translate text between languages."


def history_repo(tmp_path: Path) -> Path:
    """Three commits: ONE and TWO on day 1; day 2 adds THREE and re-spaces ONE; day 3 moves TWO."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    commit(repo, {"seeds/a.txt": f"{ONE}\n{TWO}\n".encode()}, DAY1)
    respaced = ONE.replace(" ", "  ").upper()  # same identity: whitespace and case do not count
    commit(repo, {"seeds/a.txt": f"{respaced}\n{TWO}\n{THREE}\n".encode()}, DAY2)
    commit(repo, {"seeds/a.txt": f"{respaced}\n{THREE}\n".encode(), "seeds/b.txt": TWO.encode()}, DAY3)
    return repo


def built_catalogue(docs: Path) -> dict[str, dict]:
    data = json.loads((docs / "catalogue.json").read_text(encoding="utf-8"))
    return {p["abstract"].casefold().replace("  ", " "): p for p in data["papers"]}


def test_each_paper_is_dated_by_the_commit_that_first_added_its_text(tmp_path: Path) -> None:
    repo = history_repo(tmp_path)
    build(repo / "seeds", tmp_path / "docs", quiet=True)
    papers = built_catalogue(tmp_path / "docs")
    assert papers[ONE.casefold()].get("first_seen") == DAY1  # edited whitespace and case: still day 1
    assert papers[TWO.casefold()].get("first_seen") == DAY1  # moved to another file: still day 1
    assert papers[THREE.casefold()].get("first_seen") == DAY2
    home = (tmp_path / "docs/index.md").read_text(encoding="utf-8")
    # The home page's newest papers, as listing entries: newest first, each with the day it was added.
    entries = re.findall(r"<li>(.*?)</li>", html.unescape(home.split('<ul class="entries">', 1)[1]))
    assert (
        [re.search(r"added (\d{4}-\d\d-\d\d)", e).group(1) for e in entries]
        == [  # type: ignore[union-attr]
            DAY2[:10],
            DAY1[:10],
            DAY1[:10],
        ]
    )
    newest = entries
    assert papers[THREE.casefold()]["title"] in newest[0]
    feed = (tmp_path / "docs/feed.xml").read_text(encoding="utf-8")
    assert feed.index("Transformers translate") < feed.casefold().index("graph neural")
    assert f"<updated>{DAY2}</updated>" in feed


def test_uncommitted_papers_are_undated_and_the_build_says_so(tmp_path: Path, capsys) -> None:
    repo = history_repo(tmp_path)
    (repo / "seeds/c.txt").write_text("An abstract nobody has committed yet.\n", encoding="utf-8")
    assert main(["build", "--seeds", str(repo / "seeds"), "--docs", str(tmp_path / "docs")]) == 0
    out, err = capsys.readouterr()
    assert "note: 1 paper(s) not committed yet have no first-seen date" in err
    papers = built_catalogue(tmp_path / "docs")
    assert papers["an abstract nobody has committed yet."].get("first_seen") is None
    assert len(out.strip().splitlines()) == 1  # the summary line stays one line


def test_without_git_history_the_build_works_and_says_so(tmp_path: Path, capsys) -> None:
    seeds = tmp_path / "tarball/seeds"
    seeds.mkdir(parents=True)
    (seeds / "a.txt").write_text(f"{ONE}\n{TWO}\n", encoding="utf-8")
    assert main(["build", "--seeds", str(seeds), "--docs", str(tmp_path / "docs")]) == 0
    err = capsys.readouterr().err
    assert "note: no git history for" in err and "papers are undated" in err
    docs = tmp_path / "docs"
    assert all("first_seen" not in p for p in built_catalogue(docs).values())
    assert not list(docs.glob("feed*.xml"))
    home = (docs / "index.md").read_text(encoding="utf-8")
    assert "no git history" in home and "feed.xml" not in home


def test_the_note_is_a_logged_diagnostic_that_quiet_hides(tmp_path: Path, capsys, caplog) -> None:
    seeds = tmp_path / "tarball/seeds"
    seeds.mkdir(parents=True)
    (seeds / "a.txt").write_text(f"{ONE}\n", encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="generator"):
        build(seeds, tmp_path / "docs", quiet=True, cache_dir=None)
    (note,) = [r for r in caplog.records if r.name == "generator.pipeline"]
    assert note.levelno == logging.INFO and note.getMessage().startswith("note: no git history for")
    capsys.readouterr()
    assert main(["build", "-q", "--seeds", str(seeds), "--docs", str(tmp_path / "docs")]) == 0
    assert capsys.readouterr() == ("", "")  # -q: no summary line, no note


def test_a_shallow_clone_is_reported(tmp_path: Path) -> None:
    repo = history_repo(tmp_path)
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True, capture_output=True
    )
    history = read_history(clone / "seeds")
    assert history.available and "shallow" in history.note and "fetch-depth: 0" in history.note
    # Everything before the boundary looks added by the boundary commit: dated too late, as the note says.
    assert set(history.first_added.values()) == {1714999500}


def test_feeds_disappear_when_history_does(tmp_path: Path) -> None:
    repo = history_repo(tmp_path)
    docs = tmp_path / "docs"
    build(repo / "seeds", docs, quiet=True)
    assert (docs / "feed.xml").is_file()
    subprocess.run(["rm", "-rf", str(repo / ".git")], check=True)
    summary = build(repo / "seeds", docs, quiet=True)
    assert summary.removed >= 1
    assert not (docs / "feed.xml").exists()


def test_parse_log_reads_added_lines_of_every_hunk_shape() -> None:
    when = b"\x00commit " + b"a" * 40
    output = b"\n".join(
        [
            when + b" 100",
            b"",
            b"diff --git a/seeds/a.txt b/seeds/a.txt",
            b"--- /dev/null",
            b"+++ b/seeds/a.txt",
            b"@@ -0,0 +1,3 @@",
            b"+\xef\xbb\xbfWith a BOM.\r",  # BOM and CRLF as stored in the file
            b"++++ a line that starts with plus signs",
            b"+last line without newline",
            b"\\ No newline at end of file",
            when + b" 50",
            b"",
            b"diff --git a/seeds/b.txt b/seeds/b.txt",
            b"--- a/seeds/b.txt",
            b"+++ b/seeds/b.txt",
            b"@@ -1 +1 @@",
            b"-old text",
            b"\\ No newline at end of file",
            b"+LAST   line without newline",
            b"@@ -3,0 +4 @@",
            b"+\xff not utf-8",
        ]
    )
    first = parse_log(output)
    assert first == {
        paper_id("With a BOM."): 100,
        paper_id("+++ a line that starts with plus signs"): 100,
        paper_id("last line without newline"): 50,  # the earlier commit wins, whatever the log order
        paper_id("\ufffd not utf-8"): 50,
    }
