"""The GitHub workflows: valid (JSON schema and actionlint) and doing what the README promises."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main

from .conftest import ROOT
from .gitrepo import DAY1, DAY2, DAY3, commit, git, new_repo

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
    assert {f.name for f in files} >= {"pages.yml", "test.yml", "enrich.yml"}
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
    build_step = next(s for s in steps(pages, "build") if "make site" in s.get("run", ""))
    assert "SITE_URL" in build_step["env"]
    assert "::add-matcher::.github/seed-problems.json" in build_step["run"]  # seed problems as annotations


def test_pages_deploys_a_seed_only_push_gated_on_what_data_can_break() -> None:
    pages = load("pages.yml")
    runs = [s.get("run", "") for s in steps(pages, "build")]
    test = next(r for r in runs if "bash .ci/run" in r)
    assert 'if bash .ci/seed-only "$BASE"; then' in test  # the suite runs unless only seeds/ changed
    order = [
        next(i for i, r in enumerate(runs) if needle in r)
        for needle in ("bash .ci/run", "make site", ".ci/review-seeds", "tools/check_site.py")
    ]
    assert order == sorted(order)
    review = next(s for s in steps(pages, "build") if ".ci/review-seeds" in s.get("run", ""))
    assert review["env"]["BASE"] == "${{ github.event.before }}" and "cancelled()" in review["if"]
    upload = [i for i, s in enumerate(steps(pages, "build")) if "upload-pages-artifact" in s.get("uses", "")]
    assert upload[0] > max(order)  # nothing is uploaded before the site passed its checks
    test_on = triggers(load("test.yml"))
    assert test_on["push"]["paths-ignore"] == ["seeds/**"]  # code pushes run the suite, seed pushes not
    pr_review = next(s for s in steps(load("test.yml"), "test") if ".ci/review-seeds" in s.get("run", ""))
    assert pr_review["env"]["BASE"] == "${{ github.event.pull_request.base.sha }}"


def test_seed_only_and_base_commit_tell_a_seed_push_from_a_code_push(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    shutil.copytree(ROOT / ".ci", repo / ".ci")
    commit(repo, {"seeds/a.txt": b"One abstract.\n", "generator/x.py": b"x = 1\n"}, DAY1)
    first = git(repo, "rev-parse", "HEAD").strip()

    def seed_only(base: str) -> bool:
        return subprocess.run(["bash", ".ci/seed-only", base], cwd=repo, check=False).returncode == 0

    assert not seed_only("")  # the first commit has no parent: no base, so not seed-only
    commit(repo, {"seeds/b.txt": b"Another abstract.\n"}, DAY2)
    assert seed_only(first) and seed_only("") and seed_only("0" * 40) and seed_only("f" * 40)
    commit(repo, {"generator/x.py": b"x = 2\n"}, DAY3)
    assert not seed_only(first) and not seed_only("")
    base = subprocess.run(["bash", ".ci/base-commit", "0" * 40], cwd=repo, capture_output=True, text=True)
    assert base.stdout.strip() == git(repo, "rev-parse", "HEAD^").strip()


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
    build = next(
        i
        for i, s in enumerate(steps(pages, "build"))
        if re.search(r"^\s*make site\b", s.get("run", ""), re.M)
    )
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


@pytest.mark.parametrize("name", ["pages.yml", "test.yml", "enrich.yml"])
def test_jobs_have_timeouts(name: str) -> None:
    assert all("timeout-minutes" in job for job in load(name)["jobs"].values())


def zizmor(*paths: Path) -> subprocess.CompletedProcess[str]:
    config = ROOT / ".github/zizmor.yml"
    return run(BIN / "zizmor", "--offline", "--no-progress", "--color", "never", "--config", config, *paths)


def test_workflows_pass_zizmor() -> None:
    # The policy (GitHub's actions by tag, every other action by commit) is in .github/zizmor.yml.
    result = zizmor(ROOT / ".github")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_zizmor_catches_an_action_pinned_by_tag_and_persisted_credentials(tmp_path: Path) -> None:
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "bad.yml").write_text(
        "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v6\n      - uses: peter-evans/create-pull-request@v8\n",
        encoding="utf-8",
    )
    result = zizmor(workflows / "bad.yml")
    assert result.returncode != 0
    assert "unpinned-uses" in result.stdout and "artipacked" in result.stdout


def test_enrich_workflow_proposes_one_pull_request_with_least_privilege() -> None:
    enrich = load("enrich.yml")
    on = triggers(enrich)
    assert "workflow_dispatch" in on and on["schedule"][0]["cron"]
    assert enrich["permissions"] == {}
    job = enrich["jobs"]["enrich"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert enrich["concurrency"]["group"] and enrich["concurrency"]["cancel-in-progress"] is False
    commands = "\n".join(s.get("run", "") for s in steps(enrich, "enrich"))
    assert "make enrich" in commands and "set -o pipefail" in commands
    assert "${{" not in commands  # no expression inside a script (injection): values come through env
    assert job["env"]["CONFIGURED_CONTACT"] == "${{ vars.ENRICH_CONTACT }}"
    (proposal,) = uses(enrich, "enrich", "peter-evans/create-pull-request")
    assert re.fullmatch(r"peter-evans/create-pull-request@[0-9a-f]{40}", proposal["uses"])
    assert proposal["with"]["add-paths"] == "seeds/metadata.yaml"
    assert proposal["with"]["branch"] == "enrich/metadata"  # one branch: the pull request is updated
    checkout = uses(enrich, "enrich", "actions/checkout")[0]
    assert checkout["with"]["persist-credentials"] is False
    saved = uses(enrich, "enrich", "actions/cache/save")[0]
    assert saved["if"] == "always()" and saved["with"]["path"] == ".cache/enrich"
    assert uses(enrich, "enrich", "actions/cache/restore")[0]["with"]["path"] == ".cache/enrich"
    # Never part of the site build.
    assert "enrich" not in json.dumps(load("pages.yml")) and "enrich" not in json.dumps(load("test.yml"))


def test_enrich_workflow_gives_the_build_s_ids_keeps_its_cache_and_ends_in_time() -> None:
    """Issue 21, points 9, 11, 12 and the key."""
    enrich = load("enrich.yml")
    job = enrich["jobs"]["enrich"]
    # 9: full history, as the Pages build, so ids of lines edited in place are the same.
    checkout = uses(enrich, "enrich", "actions/checkout")[0]
    assert checkout["with"]["fetch-depth"] == 0
    assert uses(load("pages.yml"), "build", "actions/checkout")[0]["with"]["fetch-depth"] == 0
    # 11: runs at most 4 days apart, so the answers cache (evicted after 7 unread days) survives.
    (cron,) = [entry["cron"] for entry in triggers(enrich)["schedule"]]
    days = sorted(int(d) for d in cron.split()[4].split(","))
    gaps = [(b - a) % 7 or 7 for a, b in zip(days, days[1:] + days[:1], strict=True)]
    assert max(gaps) <= 4, cron
    # The key: a secret, given only to the step that asks OpenAlex.
    (step,) = [s for s in steps(enrich, "enrich") if "make -s enrich" in s.get("run", "")]
    assert step["env"]["OPENALEX_API_KEY"] == "${{ secrets.OPENALEX_API_KEY }}"
    assert "OPENALEX_API_KEY" not in json.dumps(job.get("env", {}))
    # 12: the command's deadline ends well inside the job's timeout, so the pull request step runs.
    assert int(step["env"]["ENRICH_DEADLINE"]) <= (job["timeout-minutes"] - 15) * 60
