"""The incremental site build (hooks/incremental.py, `make site` = `mkdocs build --strict --dirty`).

After each change to the frozen seeds (an added paper, an edited line, a removed paper) the
incremental build's whole site/ is compared byte for byte with a full build of the same docs/ in
the same place: every page, the sitemap, Material's search index and Pagefind's index included.
The incremental build must also have skipped pages (or it proves nothing), and fall back to a full
build whenever what the pages share changed or site/ is not as it was left.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FROZEN_SEEDS, HAND_WRITTEN, ROOT

NEW_ABSTRACT = (
    "We study incremental static site generation for catalogues of research abstracts. A build "
    "records digests of every page source and re-renders only the pages whose sources changed, "
    "while the search index is assembled from recorded entries. On catalogues of ten thousand "
    "papers the rebuild after a one-line change takes a small fraction of a full build."
)
CHANGED = re.compile(r"incremental: (\d+) of (\d+) pages changed")


class Project:
    """A copy of the project (mkdocs.yml, hooks, overrides, hand-written docs) with its own seeds."""

    def __init__(self, root: Path, offline: str, cache: Path) -> None:
        self.root = root
        self.cache = cache
        self.docs = root / "docs"
        self.seeds = self.root / "seeds"  # the copy's own seeds, never the live ones
        self.site = root / "site"
        self.docs.mkdir(parents=True)
        for name in HAND_WRITTEN:
            src = ROOT / "docs" / name
            (shutil.copytree if src.is_dir() else shutil.copy2)(src, self.docs / name)
        shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(ROOT / "overrides", root / "overrides")
        shutil.copytree(ROOT / "hooks", root / "hooks")
        shutil.copytree(FROZEN_SEEDS, self.seeds)
        self.env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "OFFLINE": offline}
        self.env.pop("SITE_URL", None)

    def generate(self) -> None:
        cmd = [
            sys.executable,
            "-m",
            "generator",
            "build",
            "--seeds",
            str(self.seeds),
            "--docs",
            str(self.docs),
        ]
        cmd += ["--cache", str(self.cache), "-q"]
        subprocess.run(cmd, cwd=ROOT, env=self.env, check=True, capture_output=True)

    def mkdocs(self, *flags: str, ok: bool = True) -> str:
        cmd = [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            *flags,
            "-f",
            str(self.root / "mkdocs.yml"),
        ]
        proc = subprocess.run(cmd, cwd=self.root, env=self.env, capture_output=True, text=True)
        assert (proc.returncode == 0) == ok, proc.stderr
        return proc.stderr

    def incremental(self) -> tuple[int, int]:
        """`mkdocs build --dirty` that must be incremental: (pages changed, pages)."""
        log = self.mkdocs("--dirty")
        found = CHANGED.search(log)
        assert found, log
        return int(found.group(1)), int(found.group(2))


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One generator cache for the module (content-addressed): YAKE runs once per abstract."""
    return tmp_path_factory.mktemp("generator-cache")


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def assert_same_tree(incremental: dict[str, bytes], full: dict[str, bytes]) -> None:
    assert sorted(incremental) == sorted(full), (
        f"only in the incremental build: {sorted(incremental.keys() - full.keys())[:10]}; "
        f"only in the full build: {sorted(full.keys() - incremental.keys())[:10]}"
    )
    differ = [rel for rel in full if incremental[rel] != full[rel]]
    assert not differ, f"{len(differ)} files differ, e.g. {differ[:10]}"


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def add_paper(seeds: Path) -> None:
    first = sorted(seeds.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + NEW_ABSTRACT + "\n", encoding="utf-8")


def edit_line(seeds: Path) -> None:
    path = sorted(seeds.glob("*.txt"))[1]
    lines = lines_of(path)
    lines[0] = lines[0].replace(" the ", " this ", 1) + " We also release an edited benchmark."
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def remove_paper(seeds: Path) -> None:
    path = sorted(seeds.glob("*.txt"))[2]
    lines = lines_of(path)
    others = [line for p in sorted(seeds.glob("*.txt")) if p != path for line in lines_of(p)]
    # a line that is the only copy of its paper (the frozen seeds hold exact duplicates)
    victim = next(i for i, line in enumerate(lines) if line not in others and lines.count(line) == 1)
    del lines[victim]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# The served site (Pagefind) after each kind of change; the file:// build (`make site`'s default,
# Material's offline search) after an edit.
@pytest.mark.parametrize(
    ("offline", "changes"),
    [("false", (add_paper, edit_line, remove_paper)), ("true", (edit_line,))],
    ids=["served-pagefind", "file-offline"],
)
def test_incremental_build_equals_full_build(
    tmp_path: Path, cache: Path, offline: str, changes: tuple
) -> None:
    project = Project(tmp_path / "project", offline, cache)
    project.generate()
    assert "incremental: full build (no record of a previous build)" in project.mkdocs("--dirty")
    for change in changes:
        before = {p.relative_to(project.docs).as_posix() for p in project.docs.rglob("*.md")}
        change(project.seeds)
        project.generate()
        after = {p.relative_to(project.docs).as_posix() for p in project.docs.rglob("*.md")}
        changed, pages = project.incremental()
        assert 0 < changed < pages, (change.__name__, changed, pages)
        if change is add_paper:
            assert after - before, "adding a paper adds a page"
        if change is remove_paper:
            assert before - after, "removing a paper removes a page"
        incremental = tree(project.site)
        project.mkdocs()  # a full build of the same docs/ in the same place
        full = tree(project.site)
        assert_same_tree(incremental, full)
        if offline == "false":
            assert any(rel.startswith("pagefind/") for rel in full)
        assert not any(".cache" in rel or "state" in rel for rel in full)


def test_full_build_when_shared_inputs_change_or_site_was_touched(tmp_path: Path, cache: Path) -> None:
    project = Project(tmp_path / "project", "false", cache)
    project.generate()
    project.mkdocs("--dirty")
    assert project.incremental()[0] == 0
    # a template of the theme's custom_dir changed: every page changes
    main = project.root / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8") + "\n{# changed #}\n", encoding="utf-8")
    assert "full build (the configuration, theme, hooks or packages changed)" in project.mkdocs("--dirty")
    # SITE_URL changes every canonical link
    project.env["SITE_URL"] = "https://example.org/catalogue/"
    assert "full build (the configuration" in project.mkdocs("--dirty")
    # a page of site/ removed or edited by hand (a partial cache restore): a full build puts it back
    page = next(project.site.glob("papers/*/index.html"))
    page.unlink()
    assert "full build (site/ is not as the last build left it)" in project.mkdocs("--dirty")
    assert page.is_file()
    # a stale file in site/ is removed by the full build
    (project.site / "stale.html").write_text("old", encoding="utf-8")
    assert "full build (site/ is not as" in project.mkdocs("--dirty")
    assert not (project.site / "stale.html").exists()
    # a failed build leaves no record
    record = project.root / ".cache" / "site-build" / "state.jsonl"
    assert record.is_file()
    # a broken link is a warning, and strict mode fails the build after every page was written
    about = project.docs / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[gone](no-such-page.md)\n", encoding="utf-8")
    project.mkdocs("--dirty", ok=False)
    assert not record.exists()
    # so the next build is a full one, and fails the same way instead of skipping the page
    assert "full build (no record" in project.mkdocs("--dirty", ok=False)
