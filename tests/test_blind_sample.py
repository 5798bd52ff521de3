"""tools/blind_sample.py: the blind reader's samples, drawn by paper id and written without the answers."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from .conftest import ROOT, load_module

blind = load_module("blind_sample", "tools/blind_sample.py")

DATA = ROOT / "tests" / "data" / "blind" / "dev-sample.jsonl"
FILES = ("keywords.md", "related.md", "titles.md", "tldr.md")


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("blind")
    args = ["--n-keywords", "3", "--n-related", "4", "--n-titles", "5", "--n-tldr", "3"]
    assert blind.main([str(folder), "--scitldr", str(DATA), *args]) == 0
    return folder


def test_draws_depend_on_paper_ids_only() -> None:
    records = blind.read_records(DATA)
    drawn = blind.draw(records, "titles", 5)
    assert len(drawn) == 5
    # Other texts, other order, other lines: the same papers in the same order.
    changed = tuple(replace(r, sentences=("Other text.",), line=99 - r.line) for r in reversed(records))
    assert [r.paper_id for r in blind.draw(changed, "titles", 5)] == [r.paper_id for r in drawn]
    # Each file has its own draw; a larger sample extends a smaller one.
    orders = {
        tuple(r.paper_id for r in blind.draw(records, kind, 8)) for kind in ("keywords", "titles", "tldr")
    }
    assert len(orders) > 1
    assert blind.draw(records, "tldr", 6)[:3] == blind.draw(records, "tldr", 3)
    # A fresh sample (--skip) holds none of the papers an earlier reading rated.
    assert blind.draw(records, "tldr", 3, skip=3) == blind.draw(records, "tldr", 6)[3:]


def test_files_hold_the_drawn_papers_with_a_slot_each(out: Path) -> None:
    key = json.loads((out / "key.json").read_text(encoding="utf-8"))
    records = {r.paper_id: r for r in blind.read_records(DATA)}
    for name, kind, n in (("keywords.md", "keywords", 3), ("titles.md", "titles", 5), ("tldr.md", "tldr", 3)):
        text = (out / name).read_text(encoding="utf-8")
        drawn = [r.paper_id for r in blind.draw(tuple(records.values()), kind, n)]
        assert [item["paper_id"] for item in key[kind]] == drawn
        for item in key[kind]:
            assert f"> {records[item['paper_id']].abstract}" in text
        assert text.count("\n## ") == n
    keywords = (out / "keywords.md").read_text(encoding="utf-8")
    assert keywords.count(" — Rating:") == sum(len(item["keywords"]) for item in key["keywords"]) > 0
    related = (out / "related.md").read_text(encoding="utf-8")
    links = [link for item in key["related"] for link in item["related"]]
    assert links, "the fixture's pairs of papers should be related"
    assert related.count("   Rating:") == related.count("   Reason: ") == len(links)
    for link in links:
        assert f"**{link['shown_title']}**" in related
        assert f"Reason: {link['reason']}" in related


def test_reader_never_sees_real_titles_or_gold_summaries(out: Path) -> None:
    shown = "".join((out / name).read_text(encoding="utf-8") for name in FILES)
    for record in blind.read_records(DATA):
        assert record.title not in shown
        assert all(target not in shown for target in record.targets)
    key = json.loads((out / "key.json").read_text(encoding="utf-8"))
    assert all(item["real_title"] for item in key["titles"])


def test_the_code_s_tldrs_are_shown_as_the_summaries(out: Path) -> None:
    """The generator writes TLDRs: each sampled paper shows its own, with no note that none exist."""
    text = (out / "tldr.md").read_text(encoding="utf-8")
    key = json.loads((out / "key.json").read_text(encoding="utf-8"))
    assert key["tldr_mode"] == "tldr"
    assert blind.NO_TLDR_NOTE not in text
    records = {r.paper_id: r for r in blind.read_records(DATA)}
    for item in key["tldr"]:
        assert item["is_tldr"] and item["shown"]
        assert f"Summary: {item['shown']}" in text
        # one sentence of the abstract, not the listing's "title — opening"
        assert " — " not in item["shown"] and item["shown"].endswith((".", "…"))
        assert item["shown"].split()[-1].rstrip(".") in records[item["paper_id"]].abstract
        assert len(item["shown"].split()) <= 31


def test_without_tldrs_the_listing_text_is_shown_and_the_note_says_so() -> None:
    """The "before" run (code without TLDRs): a catalogue whose papers have no TLDR shows what the
    listings show in its place, title and abstract opening, and says so."""
    records = blind.read_records(DATA)
    catalogue = blind.build_catalogue(records, jobs=1)
    bare = replace(catalogue, papers=tuple(replace(p, tldr="") for p in catalogue.papers))
    writer = blind.Writer(records, bare)
    sample = blind.draw(records, "tldr", 3)
    text = writer.tldr(sample)
    assert writer.key["tldr_mode"] != "tldr"
    assert blind.NO_TLDR_NOTE in text
    for item in writer.key["tldr"]:
        assert not item["is_tldr"]
        assert f"Summary: {item['shown']}" in text
        assert len(item["shown"]) <= len(item["shown"].split(" — ")[0]) + 3 + blind.SUMMARY_CHARS


def test_reruns_are_byte_identical(out: Path, tmp_path: Path) -> None:
    args = ["--n-keywords", "3", "--n-related", "4", "--n-titles", "5", "--n-tldr", "3"]
    assert blind.main([str(tmp_path), "--scitldr", str(DATA), *args]) == 0
    for name in (*FILES, "key.json"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name
