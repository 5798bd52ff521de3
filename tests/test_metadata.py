from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.errors import BuildError
from generator.identity.dedupe import dedupe
from generator.inputs import ingest
from generator.inputs.metadata import parse
from generator.models import Metadata, MetadataSource
from generator.pipeline import build

from .conftest import FROZEN_SEEDS, ROOT

LABEL = "seeds/metadata.yaml"
KNOWN = {"aaaaaaaaaa", "bbbbbbbbbb"}


def problems_of(text: str) -> list[str]:
    return [str(p) for p in parse(MetadataSource(LABEL, text), KNOWN)[1]]


def test_a_full_entry_is_parsed() -> None:
    text = """\
aaaaaaaaaa:
  title: "Attention Is All You Need"
  authors: [Ashish Vaswani, Noam Shazeer]
  year: 2017
  venue: Advances in Neural Information Processing Systems
  doi: 10.5555/3295222.3295349
  arxiv: 1706.03760
  url: https://papers.nips.cc/paper/7181
"""
    entries, problems = parse(MetadataSource(LABEL, text), KNOWN)
    assert problems == []
    assert entries == {
        "aaaaaaaaaa": Metadata(
            title="Attention Is All You Need",
            authors=("Ashish Vaswani", "Noam Shazeer"),
            year=2017,
            venue="Advances in Neural Information Processing Systems",
            doi="10.5555/3295222.3295349",
            arxiv="1706.03760",  # not the float 1706.0376
            url="https://papers.nips.cc/paper/7181",
        )
    }


def test_empty_or_comment_only_file_is_fine() -> None:
    assert parse(MetadataSource(LABEL, "# nothing yet\n"), KNOWN) == ({}, [])
    assert parse(MetadataSource(LABEL, ""), KNOWN) == ({}, [])


def test_unknown_id_names_file_line_and_entry() -> None:
    assert problems_of("aaaaaaaaaa:\n  year: 2020\ncccccccccc:\n  year: 2020\n") == [
        "seeds/metadata.yaml:3: entry cccccccccc: no paper has this id"
    ]


def test_malformed_id() -> None:
    assert problems_of("Paper one:\n  year: 2020\n") == [
        "seeds/metadata.yaml:1: entry 'Paper one': not a paper id (10 lower-case hex digits)"
    ]


def test_unknown_field() -> None:
    assert problems_of("aaaaaaaaaa:\n  titel: Typo\n") == [
        "seeds/metadata.yaml:2: entry aaaaaaaaaa: unknown field 'titel' "
        "(known: title, authors, year, venue, doi, arxiv, url, tldr, source, score)"
    ]


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("year: 20", "year must be a four-digit year, got '20'"),
        ("year: 3000", "year must be between 1800 and 2100, got 3000"),
        ("year: [2020]", "year must be a four-digit year, got a sequence"),
        ("authors: Jane Doe", "authors must be a list of names"),
        ("authors: []", "authors must list at least one name"),
        ('authors: [Jane, ""]', "author 2 must not be empty"),
        ("title:", "title must be text"),
        ('title: "  "', "title must not be empty"),
        ('title: "<>"', "title has no letters or digits"),
        ("doi: https://doi.org/10.1/x", "doi must look like 10.1234/abc"),
        ("arxiv: arXiv:2101.00001", "arxiv must be an arXiv id"),
        ("url: javascript:alert(1)", "url must be an http(s) address"),
        ('url: "https://example.org/a b"', "url must be an http(s) address"),
        ("venue: {name: x}", "venue must be text"),
    ],
)
def test_bad_values(field: str, message: str) -> None:
    found = problems_of(f"aaaaaaaaaa:\n  {field}\n")
    assert len(found) == 1
    assert found[0].startswith("seeds/metadata.yaml:2: entry aaaaaaaaaa: " + message), found


def test_every_problem_is_reported_and_bad_entries_are_dropped() -> None:
    text = """\
aaaaaaaaaa:
  year: 99
  colour: blue
bbbbbbbbbb:
  year: 2020
bbbbbbbbbb:
  year: 2021
dddddddddd: {}
"""
    entries, problems = parse(MetadataSource(LABEL, text), KNOWN)
    assert [str(p) for p in problems] == [
        "seeds/metadata.yaml:2: entry aaaaaaaaaa: year must be a four-digit year, got '99'",
        "seeds/metadata.yaml:3: entry aaaaaaaaaa: unknown field 'colour' "
        "(known: title, authors, year, venue, doi, arxiv, url, tldr, source, score)",
        "seeds/metadata.yaml:6: entry bbbbbbbbbb: appears twice",
        "seeds/metadata.yaml:8: entry dddddddddd: no paper has this id",
    ]
    assert entries == {"bbbbbbbbbb": Metadata(year=2020)}


def test_two_entries_cannot_share_a_title() -> None:
    assert problems_of("aaaaaaaaaa:\n  title: Same Title\nbbbbbbbbbb:\n  title: same title\n") == [
        "seeds/metadata.yaml:3: entry bbbbbbbbbb: title is also the title of entry aaaaaaaaaa"
    ]


def test_yaml_syntax_error_names_the_line() -> None:
    found = problems_of("aaaaaaaaaa:\n  year: 2020\n  title: [unclosed\n")
    assert len(found) == 1 and found[0].startswith("seeds/metadata.yaml:")
    assert "is not valid YAML" in found[0]


def test_top_level_must_be_a_mapping() -> None:
    assert problems_of("- aaaaaaaaaa\n") == [
        "seeds/metadata.yaml:1: must map paper ids to their fields (see README, 'Metadata')"
    ]


def test_ingest_reads_metadata_and_rejects_the_yml_spelling(tmp_path: Path) -> None:
    assert ingest.read_metadata(tmp_path) is None
    (tmp_path / "metadata.yaml").write_bytes(b"\xef\xbb\xbfaaaaaaaaaa:\n  year: 2020\n")
    source = ingest.read_metadata(tmp_path)
    assert source == MetadataSource(f"{tmp_path.as_posix()}/metadata.yaml", "aaaaaaaaaa:\n  year: 2020\n")
    (tmp_path / "metadata.yml").write_text("")
    with pytest.raises(BuildError, match=r"rename to metadata\.yaml"):
        ingest.read_metadata(tmp_path)


def test_ingest_reports_invalid_utf8_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "metadata.yaml").write_bytes(b"aaaaaaaaaa:\n  title: \xff\n")
    with pytest.raises(BuildError) as info:
        ingest.read_metadata(tmp_path)
    assert [str(p) for p in info.value.problems] == [
        f"{tmp_path.as_posix()}/metadata.yaml:2: is not valid UTF-8"
    ]


# --- end to end -----------------------------------------------------------------------------------

ABSTRACT = "We propose a method of graph learning for molecules. It works well on benchmarks."


def seeds_with_metadata(tmp_path: Path, metadata: str) -> tuple[Path, str]:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(ABSTRACT + "\nAnother abstract about image segmentation and its metrics.\n")
    build(seeds, tmp_path / "probe", quiet=True)
    data = json.loads((tmp_path / "probe/catalogue.json").read_text(encoding="utf-8"))
    pid = next(p["id"] for p in data["papers"] if p["abstract"] == ABSTRACT)
    (seeds / "metadata.yaml").write_text(metadata.replace("PID", pid), encoding="utf-8")
    return seeds, pid


def test_override_reaches_the_page_and_catalogue_json(tmp_path: Path) -> None:
    seeds, pid = seeds_with_metadata(
        tmp_path,
        "PID:\n  title: Molecular Graph Learning & Friends\n  authors: [Ada Lovelace, Émile Borel]\n"
        "  year: 2021\n  venue: Proceedings of ICML\n  doi: 10.1000/xyz_1\n  arxiv: 2101.00010\n"
        '  tldr: "Graphs <b>learn</b> & {{ friends }}."\n',
    )
    docs = tmp_path / "docs"
    build(seeds, docs, quiet=True)
    data = json.loads((docs / "catalogue.json").read_text(encoding="utf-8"))
    entry = next(p for p in data["papers"] if p["id"] == pid)
    assert entry["title"] == "Molecular Graph Learning & Friends"  # as written; each surface escapes it
    assert entry["title_generated"] is False
    assert entry["tldr"] == "Graphs <b>learn</b> & {{ friends }}."  # the curated TLDR wins, as written
    assert entry["tldr_generated"] is False
    assert entry["metadata"] == {
        "title": "Molecular Graph Learning & Friends",
        "authors": ["Ada Lovelace", "Émile Borel"],
        "year": 2021,
        "venue": "Proceedings of ICML",
        "doi": "10.1000/xyz_1",
        "arxiv": "2101.00010",
        "tldr": "Graphs <b>learn</b> & {{ friends }}.",
    }  # unknown fields left out
    other = next(p for p in data["papers"] if p["id"] != pid)
    assert other["title_generated"] is True and "metadata" not in other
    assert other["tldr_generated"] is True and other["tldr"].endswith(".")
    page = (docs / f"papers/{pid}.md").read_text(encoding="utf-8")
    assert 'title: "Molecular Graph Learning &\u2060 Friends"' in page  # "&" then a word joiner: no entity
    assert "Title generated from the abstract" not in page
    tldr_line = next(line for line in page.splitlines() if 'class="tldr"' in line)
    assert "Graphs &#60;b&#62;learn&#60;&#47;b&#62; &#38; &#123;&#123; friends &#125;&#125;&#46;" in tldr_line
    assert "generated" not in tldr_line
    # Each author links to their page (the one slugifier: accents folded).
    assert 'Ada Lovelace</a>&#44; <a href="../../authors/emile-borel/">Émile Borel</a>' in page
    assert "Proceedings of ICML&#44; 2021" in page
    assert "https&#58;&#47;&#47;doi&#46;org&#47;10&#46;1000&#47;xyz&#95;1" in page
    assert "https&#58;&#47;&#47;arxiv&#46;org&#47;abs&#47;2101&#46;00010" in page
    assert "&#64;inproceedings&#123;lovelace2021molecular&#44;" in page
    assert "title &#61; &#123;Molecular Graph Learning &#92;&#38; Friends&#125;" in page  # BibTeX: \&
    assert "booktitle &#61; &#123;Proceedings of ICML&#125;" in page
    other_page = (docs / f"papers/{other['id']}.md").read_text(encoding="utf-8")
    assert "Title generated from the abstract" in other_page
    assert 'class="generated-mark"' in next(
        line for line in other_page.splitlines() if 'class="tldr"' in line
    )
    assert "Cite" not in other_page


def test_cli_reports_every_metadata_problem_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds, pid = seeds_with_metadata(tmp_path, "PID:\n  year: 12\n  venu: X\nabcdefabcd:\n  year: 2020\n")
    docs = tmp_path / "docs"
    assert main(["build", "--seeds", str(seeds), "--docs", str(docs)]) == 1
    stderr = capsys.readouterr().err
    label = f"{seeds.as_posix()}/metadata.yaml"
    assert f"{label}:2: entry {pid}: year must be a four-digit year, got '12'" in stderr
    assert f"{label}:3: entry {pid}: unknown field 'venu'" in stderr
    assert f"{label}:4: entry abcdefabcd: no paper has this id" in stderr
    assert "3 problem(s)" in stderr
    assert not docs.exists()


def test_seed_and_metadata_problems_are_reported_together(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_bytes(b"\xff\n")
    (seeds / "metadata.yml").write_text("")
    with pytest.raises(BuildError) as info:
        build(seeds, tmp_path / "docs", quiet=True)
    assert len(info.value.problems) == 2


def test_the_readme_example_and_the_shipped_file_are_valid() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", readme, re.S)
    assert example
    ids = {p.id for p in dedupe(ingest.read_seeds(FROZEN_SEEDS))}
    entries, problems = parse(MetadataSource("README.md", example.group(1)), ids)
    assert problems == [] and entries["21b8094204"].year == 2019
    shipped = ingest.read_metadata(FROZEN_SEEDS)
    assert shipped is not None and parse(shipped, ids)[1] == []
