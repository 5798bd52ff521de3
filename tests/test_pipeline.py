from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from generator.pipeline import build
from generator.site.write import MANIFEST

from .conftest import FROZEN_SEEDS, generate


def test_frozen_seeds_give_47_papers_from_55_lines(tmp_path: Path) -> None:
    summary = build(FROZEN_SEEDS, tmp_path, quiet=True)
    assert (summary.seed_lines, summary.papers, summary.duplicates_merged) == (55, 47, 8)
    data = json.loads((tmp_path / "catalogue.json").read_text(encoding="utf-8"))
    assert len(data["papers"]) == 47
    sources = Counter((s["file"], s["line"]) for p in data["papers"] for s in p["sources"])
    assert sum(sources.values()) == 55
    assert max(sources.values()) == 1  # every seed line is on exactly one paper
    expected = {
        (f.name, n)
        for f in FROZEN_SEEDS.glob("*.txt")
        for n, text in enumerate(f.read_text(encoding="utf-8").splitlines(), 1)
        if text.strip()
    }
    assert set(sources) == expected
    assert len(list((tmp_path / "papers").glob("??????????.md"))) == 47


def test_build_is_deterministic_and_second_run_writes_nothing(tmp_path: Path) -> None:
    build(FROZEN_SEEDS, tmp_path / "one", quiet=True)
    build(FROZEN_SEEDS, tmp_path / "two", quiet=True)
    # The manifest records modification times: bookkeeping of this docs/ folder, not output.
    files_one = {p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*.*")}
    files_two = {p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two").rglob("*.*")}
    assert files_one.pop(Path(MANIFEST)) and files_two.pop(Path(MANIFEST))
    assert files_one == files_two
    again = build(FROZEN_SEEDS, tmp_path / "one", quiet=True)
    assert again.pages_written == 0 and again.removed == 0
    # Paper, keyword and topic pages are not even rendered again: only the listings are.
    papers = len(list((tmp_path / "one" / "papers").glob("??????????.md")))
    assert again.not_rendered >= papers and again.unchanged == len(files_one)


def test_removed_seed_line_removes_its_page(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("First abstract about graphs.\nSecond abstract about images.\n")
    build(seeds, tmp_path / "docs", quiet=True)
    assert len(list((tmp_path / "docs/papers").glob("??????????.md"))) == 2
    (seeds / "a.txt").write_text("First abstract about graphs.\n")
    summary = build(seeds, tmp_path / "docs", quiet=True)
    assert summary.removed >= 1
    assert len(list((tmp_path / "docs/papers").glob("??????????.md"))) == 1


def test_cli_reports_every_problem_and_writes_nothing(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_bytes(b"ok abstract\n\xff\xfe\n")
    (seeds / "b.txt").write_bytes(b"\x00\x01binary")
    docs = tmp_path / "docs"
    result = generate(seeds, docs)
    assert result.returncode == 1
    assert f"{seeds.as_posix()}/a.txt:2: is not valid UTF-8" in result.stderr
    assert f"{seeds.as_posix()}/b.txt:1: contains a NUL byte" in result.stderr
    assert "2 problem(s)" in result.stderr
    assert not docs.exists()


def test_cli_prints_one_summary_line(tmp_path: Path) -> None:
    result = generate(FROZEN_SEEDS, tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("55 seed lines read, 47 papers, 8 duplicates merged")


def test_related_papers_are_chosen_from_titled_papers(monkeypatch) -> None:
    """The link rule counts a shared concept as central when a paper's title or summary says it
    (relate/specific.py), so the related stage must run after the titles stage, never beside it."""
    import generator.pipeline as pipeline
    from generator.inputs.ingest import read_inputs

    seen: list[int] = []
    real = pipeline.related_papers

    def checked(papers):  # type: ignore[no-untyped-def]
        assert all(p.title and p.tldr for p in papers), "related papers computed before titles"
        seen.append(len(papers))
        return real(papers)

    monkeypatch.setattr(pipeline, "related_papers", checked)
    lines, metadata_source, id_lock = read_inputs(FROZEN_SEEDS)
    pipeline.catalogue_from(lines, metadata_source, id_lock=id_lock)
    assert seen == [47]
