from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The frozen seed catalogue: realistic input with exact expectations. No test reads the live seeds/,
# which changes with every contribution (the workflows check it as any input: build, links, smoke).
FROZEN_SEEDS = ROOT / "tests" / "data" / "seeds"
HAND_WRITTEN = ("about.md", "stylesheets", "vendor")


def load_module(name: str, relative: str) -> Any:
    """A file of the repository that is no package module (an MkDocs hook, a tool), imported as `name`,
    with its folder on sys.path while it loads, as MkDocs loads a hook (hooks import hooks/priorities.py)."""
    path = ROOT / relative
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    # Registered before it runs, as importlib's recipe does: a dataclass of the module looks its
    # module up in sys.modules (tools/blind_sample.py).
    sys.modules[name] = module
    saved = sys.path.copy()
    sys.path.insert(0, str(path.parent))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path[:] = saved
    return module


@dataclass(frozen=True)
class BuiltSite:
    root: Path  # a copy of the project: mkdocs.yml and docs/
    docs: Path
    site: Path


def build_site(tmp: Path, seeds: Path, env: dict[str, str] | None = None) -> BuiltSite:
    """Generate from `seeds` into a copy of docs/, then `mkdocs build --strict` it into tmp/site.

    `env` adds environment variables to both steps, e.g. SITE_URL for a project site under /<repo>/.
    """
    docs = tmp / "docs"
    docs.mkdir(parents=True)
    for name in HAND_WRITTEN:
        src = ROOT / "docs" / name
        if src.is_dir():
            shutil.copytree(src, docs / name)
        else:
            shutil.copy2(src, docs / name)
    shutil.copy2(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", tmp / "overrides")
    shutil.copytree(ROOT / "hooks", tmp / "hooks")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    subprocess.run(
        [sys.executable, "-m", "generator", "build", "--seeds", str(seeds), "--docs", str(docs)],
        check=True,
        cwd=ROOT,
        env=env,
        capture_output=True,
    )
    mkdocs_build(tmp, env)
    return BuiltSite(root=tmp, docs=docs, site=tmp / "site")


def mkdocs_build(root: Path, env: dict[str, str] | None = None) -> None:
    """`mkdocs build --strict` of the project copy in `root`; fails the test with MkDocs' errors."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml")],
        cwd=root,
        env=env or {**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def generate(seeds: Path, docs: Path) -> subprocess.CompletedProcess[str]:
    """`python -m generator build` as a user runs it, its output captured (it may fail)."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", "--seeds", str(seeds), "--docs", str(docs)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium through Playwright (no browser download), one per test session."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The site built from the frozen seed catalogue (tests/data/seeds), once per test session."""
    return build_site(tmp_path_factory.mktemp("seed-site"), FROZEN_SEEDS)
