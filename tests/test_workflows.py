"""The GitHub workflows: valid (JSON schema and actionlint) and doing what the README promises."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main

from .conftest import ROOT

WORKFLOWS = ROOT / ".github/workflows"
BIN = Path(sys.executable).parent


def load(name: str) -> dict[Any, Any]:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # PyYAML reads the bare key `on` as the boolean True (YAML 1.1).
    return workflow.get("on", workflow.get(True))


def steps(workflow: dict[Any, Any], job: str) -> list[dict[str, Any]]:
    return workflow["jobs"][job]["steps"]


def uses(workflow: dict[Any, Any], job: str, action: str) -> list[dict[str, Any]]:
    return [s for s in steps(workflow, job) if s.get("uses", "").split("@")[0] == action]


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, check=False, cwd=ROOT)


def workflow_files() -> list[Path]:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert {f.name for f in files} >= {"pages.yml", "test.yml"}
    return files


def test_workflows_match_githubs_schema() -> None:
    result = run(BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", *workflow_files())
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_pass_actionlint() -> None:
    result = run(BIN / "actionlint", "-no-color", *workflow_files())
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_validators_catch_broken_workflows(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v6\n        with:\n          fetch-dept: 0\n"
        "      - run: echo ${{ github.nonexistent_context_value }}\n"
        "    permissions:\n      contents: maybe\n",
        encoding="utf-8",
    )
    assert run(BIN / "actionlint", "-no-color", broken).returncode != 0
    schema = run(BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", broken)
    assert schema.returncode != 0


def test_pages_workflow_publishes_on_seed_changes_with_least_privilege() -> None:
    pages = load("pages.yml")
    on = triggers(pages)
    assert "workflow_dispatch" in on
    assert on["push"]["branches"] == ["main"]
    paths = set(on["push"]["paths"])
    assert {"seeds/**", "generator/**", "docs/**", "mkdocs.yml", "pyproject.toml", "constraints.txt"} <= paths
    # The site's hooks (offline links, Pagefind search) and theme overrides change the site too.
    assert {"hooks/**", "overrides/**"} <= paths
    assert pages["permissions"] == {}  # nothing unless a job asks
    assert pages["concurrency"]["group"]
    build, deploy = pages["jobs"]["build"], pages["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert uses(pages, "deploy", "actions/deploy-pages")
    assert uses(pages, "build", "actions/upload-pages-artifact")[0]["with"]["path"] == "site"
    checkout = uses(pages, "build", "actions/checkout")[0]
    assert checkout["with"]["fetch-depth"] == 0  # first-seen dates need the whole history
    commands = "\n".join(s.get("run", "") for s in steps(pages, "build"))
    assert "bash .ci/run" in commands and "make site" in commands
    assert "make test" in (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert re.search(r"^site: .*\n(?:.*\n)*?\t.*mkdocs build --strict", makefile(), re.M)
    build_step = next(s for s in steps(pages, "build") if s.get("run") == "make site")
    assert "SITE_URL" in build_step["env"]


def test_pages_workflow_caches_pip_and_the_generator_cache() -> None:
    pages = load("pages.yml")
    caches = {c["with"]["path"]: c["with"] for c in uses(pages, "build", "actions/cache")}
    assert "~/.cache/pip" in caches
    generator = caches[".cache/generator"]
    assert "hashFiles('seeds/**', 'generator/**'" in generator["key"]
    assert generator["restore-keys"].strip()


def test_pages_workflow_restores_the_previous_site_for_an_incremental_build() -> None:
    """`make site` runs `mkdocs build --dirty` (hooks/incremental.py), which renders only changed
    pages when the previous site/ and its record are in place: the workflow restores both."""
    pages = load("pages.yml")
    caches = [c["with"] for c in uses(pages, "build", "actions/cache")]
    site = next(c for c in caches if "site" in c["path"].split())
    assert ".cache/site-build" in site["path"].split()
    assert "github.sha" in site["key"] and site["restore-keys"].strip()
    assert re.search(r"^site: .*\n(?:.*\n)*?\t.*mkdocs build --strict --dirty", makefile(), re.M)
    names = [s.get("uses", "") for s in steps(pages, "build")]
    site_cache = next(
        i for i, s in enumerate(steps(pages, "build")) if s.get("with", {}).get("path") == site["path"]
    )
    build = next(i for i, s in enumerate(steps(pages, "build")) if s.get("run") == "make site")
    assert site_cache < build and "actions/upload-pages-artifact@v5" in names[build:]


def test_every_pull_request_runs_make_test() -> None:
    test = load("test.yml")
    on = triggers(test)
    assert "pull_request" in on and (on["pull_request"] or {}).get("paths") is None
    commands = "\n".join(s.get("run", "") for s in steps(test, "test"))
    assert "bash .ci/run" in commands
    assert test["permissions"] == {"contents": "read"}


def test_problem_matcher_turns_seed_errors_into_annotations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    matcher = json.loads((ROOT / ".github/seed-problems.json").read_text(encoding="utf-8"))
    pattern = matcher["problemMatcher"][0]["pattern"][0]
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "bad.txt").write_bytes(b"fine abstract\n\xff broken\n")
    monkeypatch.chdir(tmp_path)  # as in CI: the generator runs from the repository root
    assert main(["build", "--seeds", "seeds", "--docs", "docs"]) == 1
    found = [re.match(pattern["regexp"], line) for line in capsys.readouterr().err.splitlines()]
    hits = [(m.group(pattern["file"]), m.group(pattern["line"])) for m in found if m]
    assert hits == [("seeds/bad.txt", "2")]


def makefile() -> str:
    return (ROOT / "Makefile").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["pages.yml", "test.yml"])
def test_jobs_have_timeouts(name: str) -> None:
    assert all("timeout-minutes" in job for job in load(name)["jobs"].values())
