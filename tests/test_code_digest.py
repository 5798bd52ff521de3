"""Every page key starts with the digest of the generator's code (generator/site/render.py,
code_digest): an edit of any module or template, in any subpackage, renders every page again."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from generator.site import render

from .conftest import FROZEN_SEEDS, ROOT

PACKAGE = ROOT / "generator"


def test_package_sources_are_every_module_and_template_of_every_subpackage() -> None:
    on_disk = sorted(
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*")
        if p.suffix in (".py", ".j2") and "__pycache__" not in p.parts
    )
    listed = [name for name, _ in render.package_sources()]
    assert listed == on_disk
    assert {name.split("/")[0] for name in listed if "/" in name} >= {"keywords", "site", "text", "relate"}
    assert "keywords/filler.py" in listed and "site/templates/paper.md.j2" in listed


def copy_package(tmp: Path) -> Path:
    """A copy of the generator package that a Python started in the returned folder imports."""
    root = tmp / "copy"
    shutil.copytree(PACKAGE, root / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    return root


def python(root: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SITE_URL")}
    proc = subprocess.run(
        [sys.executable, *args], cwd=root, env=env, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def digest(root: Path) -> str:
    where, value = python(
        root, "-c", "import generator.site.render as r; print(r.__file__); print(r.code_digest())"
    ).split()
    assert where.startswith(str(root)), where  # the copy, not the installed package
    return value


def edited(path: Path) -> str:
    original = path.read_text(encoding="utf-8")
    path.write_text(original + "\n# an edit that changes nothing but the bytes\n", encoding="utf-8")
    return original


def test_an_edit_of_a_module_or_template_in_a_subpackage_changes_the_code_digest(tmp_path: Path) -> None:
    root = copy_package(tmp_path)
    before = digest(root)
    for rel in ("keywords/filler.py", "text/forms.py", "site/templates/paper.md.j2"):
        path = root / "generator" / rel
        original = edited(path)
        assert digest(root) != before, rel
        path.write_text(original, encoding="utf-8")
    assert digest(root) == before


def not_rendered(summary: str) -> int:
    found = re.search(r"(\d+) not re-rendered", summary)
    assert found, summary
    return int(found.group(1))


def test_editing_a_module_inside_a_subpackage_renders_the_pages_again(tmp_path: Path) -> None:
    root = copy_package(tmp_path)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for source in sorted(FROZEN_SEEDS.glob("*.txt"))[:2]:
        shutil.copy2(source, seeds / source.name)
    build = ["-m", "generator", "build", "--seeds", str(seeds), "--docs", str(tmp_path / "docs")]
    build += ["--no-cache", "-j", "1"]
    assert not_rendered(python(root, *build)) == 0  # the first build renders every page
    assert not_rendered(python(root, *build)) > 5  # the same code: paper, keyword, topic pages skipped
    edited(root / "generator" / "keywords" / "filler.py")
    assert not_rendered(python(root, *build)) == 0
