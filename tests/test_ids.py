"""Paper ids from the seeds' git history alone: the copy committed first names the paper.

Every test builds a real temporary git repository; no file besides the seed files is committed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from generator.identity.dedupe import dedupe
from generator.identity.normalize import paper_id
from generator.inputs import ingest
from generator.inputs.history import read_history
from generator.pipeline import build

from .gitrepo import DAY1, DAY2, DAY3, commit, git, new_repo

BASE = (
    "Graph neural networks learn representations of nodes by passing messages along edges. "
    "We show that deeper message passing over-smooths node features and propose a residual "
    "gating scheme that keeps them distinct. On six node classification benchmarks the method "
    "improves accuracy by four points over strong baselines."
)
# A version 2: longer (so it is the shown text), one number changed.
V2 = BASE.replace("four points", "4.5 points") + " Code and data are released with the paper."
OTHER = "Diffusion models generate images by reversing a noising process step by step, one at a time."
THIRD = "Transformers translate text between languages with attention over every source word."
LABELS = {BASE: "base", V2: "v2", V2.replace("4.5", "4.7"): "v3", OTHER: "other", THIRD: "third"}


def ids(seeds: Path) -> dict[str, str]:
    """'base+v2' -> id: each paper named by the texts it merges, as the build computes it."""
    history = read_history(seeds)
    papers = dedupe(
        ingest.read_seeds(seeds), ingest.read_id_lock(seeds), history.first_place, history.edited_from
    )
    by_source = {line.source: LABELS[line.text] for line in ingest.read_seeds(seeds)}
    return {"+".join(sorted({by_source[s] for s in p.sources})): p.id for p in papers}


def seeds_repo(tmp_path: Path) -> Path:
    """Day 1: BASE and OTHER in b.txt. The ids are their own texts' ids."""
    repo = new_repo(tmp_path / "repo")
    commit(repo, {"seeds/b.txt": f"{BASE}\n{OTHER}\n".encode()}, DAY1)
    return repo


def test_a_later_variant_keeps_the_id_also_when_more_complete_shown_and_sorting_first(tmp_path: Path) -> None:
    repo = seeds_repo(tmp_path)
    assert ids(repo / "seeds") == {"base": paper_id(BASE), "other": paper_id(OTHER)}
    # Not committed yet (a local build before the commit): the committed copy still names it.
    (repo / "seeds/000.txt").write_text(V2 + "\n", encoding="utf-8")
    assert ids(repo / "seeds") == {"base+v2": paper_id(BASE), "other": paper_id(OTHER)}
    commit(repo, {}, DAY2)
    assert ids(repo / "seeds") == {"base+v2": paper_id(BASE), "other": paper_id(OTHER)}
    papers = dedupe(ingest.read_seeds(repo / "seeds"), {}, read_history(repo / "seeds").first_place)
    assert next(p for p in papers if p.variants).text == V2  # shown, yet not the name


def test_unrelated_edits_change_no_id(tmp_path: Path) -> None:
    repo = seeds_repo(tmp_path)
    commit(repo, {"seeds/000.txt": f"{V2}\n".encode()}, DAY2)
    before = ids(repo / "seeds")
    # A paper inserted above, another removed: line numbers shift, files change.
    commit(repo, {"seeds/b.txt": f"{THIRD}\n{BASE}\n".encode()}, DAY3)
    after = ids(repo / "seeds")
    assert after == {"base+v2": before["base+v2"], "third": paper_id(THIRD)}


def test_moving_a_line_or_renaming_a_file_changes_no_id(tmp_path: Path) -> None:
    repo = seeds_repo(tmp_path)
    commit(repo, {"seeds/c.txt": f"{V2}\n".encode()}, DAY2)
    before = ids(repo / "seeds")
    git(repo, "mv", "seeds/b.txt", "seeds/zz-renamed.txt")
    commit(repo, {}, DAY3)
    assert ids(repo / "seeds") == before
    # BASE moves to a file that sorts last, behind its longer variant's file.
    (repo / "seeds/zz-renamed.txt").write_text(f"{OTHER}\n", encoding="utf-8")
    (repo / "seeds/zzz.txt").write_text(f"{BASE}\n", encoding="utf-8")
    commit(repo, {}, "2024-07-01T00:00:00Z")
    assert ids(repo / "seeds") == before == {"base+v2": paper_id(BASE), "other": paper_id(OTHER)}


def test_two_variants_first_committed_together_the_earlier_line_of_that_commit_names_the_paper(
    tmp_path: Path,
) -> None:
    repo = new_repo(tmp_path / "repo")
    commit(repo, {"seeds/a.txt": f"{OTHER}\n{BASE}\n".encode(), "seeds/b.txt": f"{V2}\n".encode()}, DAY1)
    assert ids(repo / "seeds")["base+v2"] == paper_id(BASE)  # a.txt:2 comes before b.txt:1
    # Reordering and renaming later (BASE now last) does not undo what that first commit says.
    git(repo, "mv", "seeds/a.txt", "seeds/z.txt")
    commit(repo, {"seeds/z.txt": f"{OTHER}\n{BASE}\n".encode()}, DAY2)
    assert ids(repo / "seeds")["base+v2"] == paper_id(BASE)


def test_rewritten_history_follows_the_new_history(tmp_path: Path) -> None:
    """Squashing BASE (day 1, b.txt) and its later variant (day 2, 000.txt) into one commit makes
    them 'first committed together': the squashed commit's first line (000.txt) names the paper."""
    repo = seeds_repo(tmp_path)
    commit(repo, {"seeds/000.txt": f"{V2}\n".encode()}, DAY2)
    assert ids(repo / "seeds")["base+v2"] == paper_id(BASE)
    git(repo, "reset", "-q", "--soft", git(repo, "rev-list", "--max-parents=0", "HEAD").strip())
    git(repo, "commit", "-q", "--amend", "-m", "squashed", when=DAY3)
    assert ids(repo / "seeds")["base+v2"] == paper_id(V2)


def test_without_git_the_shown_text_names_the_paper_and_a_lock_is_read_when_present(tmp_path: Path) -> None:
    tarball = tmp_path / "tarball/seeds"
    tarball.mkdir(parents=True)
    (tarball / "b.txt").write_text(f"{BASE}\n{OTHER}\n", encoding="utf-8")
    (tarball / "c.txt").write_text(f"{V2}\n", encoding="utf-8")
    assert ids(tarball) == {"base+v2": paper_id(V2), "other": paper_id(OTHER)}
    # An id lock written from a checkout with history (--pin-ids) carries its ids into the tarball;
    # a paper it does not list (THIRD) is no error and gets its id by the rule.
    repo = seeds_repo(tmp_path)
    commit(repo, {"seeds/c.txt": f"{V2}\n".encode()}, DAY2)
    build(repo / "seeds", tmp_path / "docs", quiet=True, pin_ids=True)
    lock = json.loads((repo / "seeds" / ingest.ID_LOCK).read_text(encoding="utf-8"))
    assert set(lock.values()) == {paper_id(BASE), paper_id(OTHER)}
    shutil.copy2(repo / "seeds" / ingest.ID_LOCK, tarball / ingest.ID_LOCK)
    (tarball / "d.txt").write_text(f"{THIRD}\n", encoding="utf-8")
    assert ids(tarball) == {"base+v2": paper_id(BASE), "other": paper_id(OTHER), "third": paper_id(THIRD)}


def test_a_shallow_clone_names_papers_by_its_boundary_commit(tmp_path: Path) -> None:
    """A depth-1 clone sees every line added by its one commit: as if the history were squashed
    (so CI checks out the whole history, fetch-depth: 0); the build says the history is shallow."""
    repo = seeds_repo(tmp_path)
    commit(repo, {"seeds/000.txt": f"{V2}\n".encode()}, DAY2)
    full = tmp_path / "full"
    shallow = tmp_path / "shallow"
    for depth, target in ((None, full), ("1", shallow)):
        command = [
            "git",
            "clone",
            "-q",
            *(["--depth", depth] if depth else []),
            f"file://{repo}",
            str(target),
        ]
        subprocess.run(command, check=True, capture_output=True)
    assert ids(full / "seeds")["base+v2"] == paper_id(BASE)
    assert ids(shallow / "seeds")["base+v2"] == paper_id(V2)
    assert "shallow" in read_history(shallow / "seeds").note


def test_a_line_edited_in_place_into_a_near_duplicate_keeps_the_id_and_a_new_abstract_does_not(
    tmp_path: Path,
) -> None:
    repo = seeds_repo(tmp_path)
    commit(repo, {"seeds/b.txt": f"{V2}\n{OTHER}\n".encode()}, DAY2)  # BASE edited into its version 2
    assert ids(repo / "seeds") == {"v2": paper_id(BASE), "other": paper_id(OTHER)}
    commit(repo, {"seeds/b.txt": f"{V2.replace('4.5', '4.7')}\n{OTHER}\n".encode()}, DAY3)  # and again
    assert list(ids(repo / "seeds").values()) == [paper_id(BASE), paper_id(OTHER)]
    # An unrelated abstract written over a line is a new paper, not the old one under a new text.
    commit(repo, {"seeds/b.txt": f"{THIRD}\n{OTHER}\n".encode()}, "2024-07-01T00:00:00Z")
    assert ids(repo / "seeds") == {"third": paper_id(THIRD), "other": paper_id(OTHER)}
