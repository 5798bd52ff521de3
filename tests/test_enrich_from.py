"""``enrich --from``: a reference manager's export (tests/data/enrich/exports, Zotero-style BibTeX, RIS
and CSL-JSON of frozen seed papers, with hostile values, an unrelated entry, one without an
abstract and a broken one). Offline and deterministic, so tested for real."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.enrich import decide, refmanager
from generator.errors import BuildError
from generator.inputs import ingest, metadata
from generator.models import Source
from generator.pipeline import catalogue_from
from generator.site.render import Renderer

from .conftest import FROZEN_SEEDS, ROOT

EXPORTS = ROOT / "tests" / "data" / "enrich" / "exports"
HEADS = Source("001_a0d296c439b9a23d.txt", 1)
FL = Source("002_3c216495a4b4224f.txt", 6)
GATES = Source("004_b78648b2e4aaaa08.txt", 10)
TINY = Source("001_a0d296c439b9a23d.txt", 9)
BERT = Source("000_bf1a9b33c4f7f19a.txt", 10)


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(FROZEN_SEEDS, folder)
    (folder / "README.md").unlink()
    return folder


def written(seeds: Path) -> tuple[dict[Source, str], dict[str, metadata.Metadata]]:
    papers, _source = decide.papers(seeds)
    pid = {s: p.id for p in papers for s in p.sources}
    source = ingest.read_metadata(seeds)
    assert source is not None
    found, problems = metadata.parse(source, set(pid.values()))
    assert problems == []
    return pid, found


def test_bibtex_entries_whose_abstract_matches_are_written_with_their_fields(
    seeds: Path, tmp_path: Path
) -> None:
    before = (seeds / "metadata.yaml").read_bytes()
    summary = refmanager.run(seeds, EXPORTS / "library.bib", review_file=tmp_path / "review.md", quiet=True)
    pid, found = written(seeds)
    heads = found[pid[HEADS]]
    # LaTeX in the fields is text: {\"u}, \&, ``quotes'', protecting braces.
    assert heads == metadata.Metadata(
        title="Are Sixteen Heads Really Better than One? Transformers & "
        "Sch\u00f6lkopf's \u201cQuoted\u201d Analysis!",
        authors=("J\u00f6rg M\u00fcller", "Ann O'Neil", "Research Group"),
        year=2021,
        venue="Journal of Machine Learning Research",
        doi="10.5555/jmlr.2021.001",
        url="https://jmlr.org/papers/v22/vig21a.html",
        source="bibtex",
        score=1.0,
    )
    fl = found[pid[FL]]
    assert (
        fl.arxiv == "2301.01234" and fl.venue.startswith("Proceedings of the 40th") and fl.source == "bibtex"
    )
    assert fl.title == r"Federated Learning with $\alpha$-Fair Aggregation"  # maths: text where shown
    # Hostile values are data; the ones the rules refuse (year, DOI, a javascript: URL) are dropped.
    tiny = found[pid[TINY]]
    assert tiny.title.startswith("<script>") and tiny.year is None and tiny.doi == "" and tiny.url == ""
    # The others are listed, never guessed; the hand-written entry is untouched.
    assert summary.matched == 3 and summary.unmatched == ("unrelated_2019: A Paper Nobody Here Wrote",)
    assert summary.no_abstract == ("no_abstract_2018: A Book Without an Abstract",)
    assert len(summary.problems) == 1 and "line 49" in summary.problems[0]
    assert (seeds / "metadata.yaml").read_bytes().startswith(before) and found[pid[BERT]].source == ""
    assert "no match: unrelated_2019" in summary.line()


def test_ris_entries(seeds: Path) -> None:
    summary = refmanager.run(seeds, EXPORTS / "library.ris", quiet=True)
    pid, found = written(seeds)
    gates = found[pid[GATES]]
    assert gates.title == "Attention Gated Networks: Learning to Leverage Salient Regions in Medical Images?!"
    assert (gates.authors, gates.year, gates.venue) == (
        ("Jo Schlemper", "Ozan Oktay"),
        2019,
        "Medical Image Analysis",
    )
    assert (gates.doi, gates.arxiv, gates.source) == ("10.1016/j.media.2019.01.012", "1808.08114", "ris")
    hostile = found[pid[FL]]
    assert hostile.title == '<b onmouseover=alert(1)>Federated</b> {% raw %} & "Learning"'
    assert hostile.authors == ("{{ config }}",) and hostile.venue == "# Heading *venue*"
    assert summary.matched == 2 and len(summary.unmatched) == 1


def test_csl_json_items(seeds: Path) -> None:
    summary = refmanager.run(seeds, EXPORTS / "library.json", quiet=True)
    pid, found = written(seeds)
    assert found[pid[HEADS]].title == 'Are Sixteen Heads Really Better than One? Transformers & "Quotes"!'
    assert found[pid[HEADS]].authors == ("J\u00f6rg M\u00fcller", "Research Group")
    gates = found[pid[GATES]]
    assert (gates.arxiv, gates.year, gates.source) == ("1808.08114", 2018, "csl")
    assert summary.matched == 2 and summary.problems == ("item 4 is not an object",)


def test_the_written_titles_are_shown_as_written_and_inert(seeds: Path) -> None:
    refmanager.run(seeds, EXPORTS / "library.bib", quiet=True)
    pid, _found = written(seeds)
    catalogue = catalogue_from(ingest.read_seeds(seeds), ingest.read_metadata(seeds))
    by_id = {p.id: p for p in catalogue.papers}
    assert by_id[pid[FL]].title == "Federated Learning with \u03b1-Fair Aggregation"
    page = next(p for p in Renderer().pages(catalogue) if p.path == f"papers/{pid[TINY]}.md").text()
    body = page.split("---", 2)[2]
    assert "<script>" not in page and "<img" not in body and "{{" not in body


def test_a_close_entry_goes_to_review_not_to_the_file(seeds: Path, tmp_path: Path) -> None:
    text = (FROZEN_SEEDS / GATES.file).read_text(encoding="utf-8").splitlines()[GATES.line - 1]
    half = text[: len(text) // 2] + " We study the migration of birds across the Sahara and wind patterns."
    export = tmp_path / "close.json"
    export.write_text(
        f'[{{"id": "x", "title": "Close", "abstract": {half!r}}}]'.replace("'", '"'), encoding="utf-8"
    )
    summary = refmanager.run(seeds, export, review_file=tmp_path / "review.md", quiet=True)
    assert (summary.matched, summary.review) == (0, 1)
    assert "Close" in (tmp_path / "review.md").read_text(encoding="utf-8")
    _pid, found = written(seeds)
    assert set(found) == {_pid[BERT]}


def test_a_second_import_adds_nothing(seeds: Path) -> None:
    refmanager.run(seeds, EXPORTS / "library.bib", quiet=True)
    first = (seeds / "metadata.yaml").read_bytes()
    again = refmanager.run(seeds, EXPORTS / "library.bib", quiet=True)
    assert (seeds / "metadata.yaml").read_bytes() == first and again.matched == 0
    assert again.unmatched == ("unrelated_2019: A Paper Nobody Here Wrote",)  # the others are curated


def test_an_unknown_or_unreadable_export_is_an_error(seeds: Path, tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="unknown export format"):
        refmanager.run(seeds, tmp_path / "library.xml")
    with pytest.raises(BuildError, match="cannot read"):
        refmanager.run(seeds, tmp_path / "missing.bib")


def test_make_enrich_from_runs_offline(seeds: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ENRICH_", "OPENALEX_"))}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "enrich",
            "--seeds",
            str(seeds),
            "--from",
            str(EXPORTS / "library.ris"),
            "-q",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("enrich --from (ris): 3 entries: 2 matched")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert '$(if $(FROM),--from "$(FROM)")' in makefile
