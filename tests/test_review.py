"""The review of a seed change (python -m generator diff): what each kind of change reports."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from generator import review
from generator.cli import main
from generator.identity.normalize import paper_id
from generator.pipeline import build

from .gitrepo import DAY1, DAY2, commit, git, new_repo
from .test_ids import BASE, OTHER, THIRD, V2

SITE = "https://example.github.io/catalogue/"
FOURTH = (
    "Speculative decoding lets a small draft model propose tokens that a large model verifies in one pass."
)
SHORTER = BASE.replace(" On six node classification benchmarks", " On six benchmarks")


class Repo:
    """A seeds repository whose catalogue is built after every commit."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp = tmp_path
        self.path = new_repo(tmp_path / "repo")
        self.builds = 0

    def commit(self, files: dict[str, str], when: str = DAY1) -> dict[str, Any]:
        commit(self.path, {name: text.encode() for name, text in files.items()}, when)
        return self.catalogue()

    def catalogue(self) -> dict[str, Any]:
        self.builds += 1
        docs = self.tmp / f"docs{self.builds}"
        build(self.path / "seeds", docs, quiet=True, cache_dir=None, jobs=1)
        return json.loads((docs / "catalogue.json").read_text(encoding="utf-8"))


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path)


def first_state(repo: Repo) -> dict[str, Any]:
    return repo.commit({"seeds/b.txt": f"{BASE}\n{OTHER}\n"})


def test_a_new_seed_file_lists_the_papers_added_with_keywords_and_urls(repo: Repo) -> None:
    base = first_state(repo)
    head = repo.commit({"seeds/c.txt": f"{THIRD}\n{FOURTH}\n"}, DAY2)
    result = review.review(base, head, site_url=SITE)
    assert result.counts == {"added": 2, "removed": 0, "exact": 0, "near": 0, "ids_changed": 0, "problems": 0}
    text = result.markdown
    assert "### Papers added (2)" in text
    for abstract in (THIRD, FOURTH):
        paper = next(p for p in head["papers"] if p["abstract"] == abstract)
        row = next(line for line in text.splitlines() if f"papers/{paper['id']}/" in line)
        assert row.startswith("| [") and f"`{SITE}papers/{paper_id(abstract)}/`" in row
        assert review.md(paper["keywords"][0]) in row and review.md(paper["title"]) in row
    assert "2 papers before, 4 papers after (4 seed lines)" in text
    assert "None: every paper kept its id and URL." in text
    assert result.annotations == ()


def test_an_appended_copy_is_an_exact_duplicate_and_an_appended_abstract_a_new_paper(repo: Repo) -> None:
    base = first_state(repo)
    head = repo.commit({"seeds/b.txt": f"{BASE}\n{OTHER}\n{THIRD}\n{OTHER.upper()}\n"}, DAY2)
    result = review.review(base, head)
    assert (result.counts["added"], result.counts["exact"], result.counts["near"]) == (1, 1, 0)
    (line,) = [x for x in result.markdown.splitlines() if "identical lines" in x]
    assert "2 identical lines (`seeds/b.txt:2`, `seeds/b.txt:4`), shown once" in line


def test_a_longer_version_joins_the_paper_keeps_its_id_and_is_a_notice_on_its_line(repo: Repo) -> None:
    base = first_state(repo)
    head = repo.commit({"seeds/000.txt": f"{V2}\n", "seeds/d.txt": f"{SHORTER}\n"}, DAY2)
    result = review.review(base, head, site_url=SITE)
    assert result.counts == {"added": 0, "removed": 0, "exact": 0, "near": 2, "ids_changed": 0, "problems": 0}
    joined = [line for line in result.markdown.splitlines() if " joins " in line]
    assert joined[0].startswith("- `seeds/000.txt:1` joins [") and f"({paper_id(BASE)})" in joined[0]
    assert "the most complete version, now shown" in joined[0]
    assert re.search(r"similarity 0\.\d\d to the earlier text", joined[0]), joined[0]
    assert joined[1].startswith("- `seeds/d.txt:1` joins ") and "similarity 0.64" in joined[1]
    first, second = result.annotations
    assert first.startswith("::notice file=seeds/000.txt,line=1::Near-duplicate of “")
    assert f"({SITE}papers/{paper_id(BASE)}/)" in first
    assert second.startswith("::notice file=seeds/d.txt,line=1::") and "similarity 0.64" in second


def test_a_removed_line_lists_the_paper_removed(repo: Repo) -> None:
    base = first_state(repo)
    head = repo.commit({"seeds/b.txt": f"{OTHER}\n"}, DAY2)
    result = review.review(base, head)
    assert result.counts["removed"] == 1 and result.counts["added"] == 0
    assert f"({paper_id(BASE)}): its page goes away" in result.markdown


def test_a_renamed_file_changes_nothing(repo: Repo) -> None:
    base = first_state(repo)
    git(repo.path, "mv", "seeds/b.txt", "seeds/a-renamed.txt")
    head = repo.commit({}, DAY2)
    result = review.review(base, head)
    assert set(result.counts.values()) == {0}
    assert result.markdown.count("None.") == 5 and "every paper kept its id" in result.markdown


def test_a_changed_id_is_called_out(repo: Repo) -> None:
    base = first_state(repo)
    head = copy.deepcopy(base)
    paper = next(p for p in head["papers"] if p["abstract"] == BASE)
    old_id, paper["id"], paper["url"] = paper["id"], "0123456789", "papers/0123456789/"
    result = review.review(base, head)
    assert result.counts["ids_changed"] == 1 and result.counts["added"] == result.counts["removed"] == 0
    assert "**Warning: 1 paper(s) changed id, so their URLs change**" in result.markdown
    assert f"- {old_id} → [" in result.markdown


def test_a_failed_build_lists_its_problems_with_file_and_line(tmp_path: Path, capsys) -> None:
    log = tmp_path / "build.log"
    log.write_text(
        "::add-matcher::x\nseeds/bad.txt:2: line is not valid UTF-8 (byte 0)\nseeds/bad.txt:2: line is not "
        "valid UTF-8 (byte 0)\nseeds/empty.txt: has no abstracts\nerror: 2 problem(s) in the seeds\n",
        encoding="utf-8",
    )
    base = tmp_path / "base.json"
    base.write_text(json.dumps({"stats": {"seed_lines": 0}, "papers": []}), encoding="utf-8")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    args = ["diff", str(base), str(tmp_path / "missing.json"), "--log", str(log), "--summary", str(summary)]
    assert main(args) == 0
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## What this seed change does")  # appended, as GitHub expects
    assert "**The build failed: nothing is published** until the 2 problem(s)" in text
    assert (
        "- `seeds/bad.txt:2: line is not valid UTF-8 (byte 0)`\n- `seeds/empty.txt: has no abstracts`" in text
    )
    assert capsys.readouterr().out == ""


def test_seed_text_stays_text_in_the_summary_and_the_annotations() -> None:
    hostile = "<script>alert(1)</script> | [x](javascript:1) **bold** `code`"
    assert "<" not in review.md(hostile).replace("\\<", "") and "|" not in review.md(hostile).replace(
        "\\|", ""
    )
    assert review.code("a`b|c") == "`a'b\\|c`"
    note = review.notice("seeds/a,b:c.txt", 3, "line one\nline two 100%")
    assert note == "::notice file=seeds/a%2Cb%3Ac.txt,line=3::line one%0Aline two 100%25"


def test_long_lists_are_cut_to_fit_githubs_summary_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(review, "MOST", 2)
    papers = [
        {
            "id": f"{n:010x}",
            "url": f"papers/{n:010x}/",
            "title": f"T{n}",
            "keywords": [],
            "variants": [],
            "sources": [{"file": "a.txt", "line": n, "key": f"k{n}"}],
        }
        for n in range(5)
    ]
    result = review.review({"papers": []}, {"stats": {"seed_lines": 5}, "papers": papers})
    assert result.counts["added"] == 5 and result.markdown.count("| [T") == 2
    assert "... and 3 more (see catalogue.json)" in result.markdown


def test_the_base_of_a_review_is_built_as_catalogue_json_alone(repo: Repo) -> None:
    full = first_state(repo)
    docs = repo.tmp / "base-docs"
    build(repo.path / "seeds", docs, quiet=True, cache_dir=None, jobs=1, catalogue_only=True)
    assert {p.name for p in docs.iterdir() if not p.name.startswith(".")} == {"catalogue.json"}
    assert json.loads((docs / "catalogue.json").read_text(encoding="utf-8")) == full
