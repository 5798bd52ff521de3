"""Citations (BibTeX, RIS, CSL-JSON) read back by real parsers of each format, hostile metadata included."""

from __future__ import annotations

import json
import re

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from generator.models import Metadata, Paper, Source
from generator.site import citations
from generator.site.escape import one_line


def paper(pid: str = "aaaaaaaaaa", title_generated: bool = False, **meta: object) -> Paper:
    fields: dict[str, object] = {
        "title": "Graph Search at Scale",
        "authors": ("Ada Lovelace", "Ludwig van Beethoven", "Doe, Jane"),
        "year": 2021,
        "venue": "Proceedings of the Conference on Tests",
        "doi": "10.1000/x_y",
        "arxiv": "2101.00010",
        "url": "https://example.org/p",
    }
    fields.update(meta)
    return Paper(
        id=pid,
        text="An abstract.",
        sources=(Source("a.txt", 1),),
        title=str(fields["title"]) or "Generated title",
        title_generated=title_generated,
        metadata=Metadata(**fields),  # type: ignore[arg-type]
    )


# Titles, names and venues as an open index or a careless edit might give them: markup, braces,
# TeX and RIS syntax, JSON and HTML comment breakers, line and paragraph separators.
HOSTILE = {
    "title": "Graphs & {Trees}: <b>50%</b> of #1 in C_x^2 ~ \\o }{ </script><!-- \u2028ER  - x",
    "authors": ("<img src=x onerror=alert(1)>", "Jane {Doe} and } John", "Émile\u2029AU  - Injected"),
    "venue": 'Proceedings of <i>NeurIPS</i> {: x } "quoted" $math$',
    "doi": "10.1000/a}b{c",
}


def as_written(value: str) -> str:
    """What every format keeps of a text: the text on one line (line separators become spaces)."""
    return one_line(value)


def bib_fields(text: str, decode: bool = True) -> list[dict[str, str]]:
    """Entries as bibtexparser reads them; with ``decode``, TeX turned back into text (pylatexenc)."""
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()] if decode else [])
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    return [
        {f.key: f.value for f in entry.fields} | {"ID": entry.key, "ENTRYTYPE": entry.entry_type}
        for entry in library.entries
    ]


@pytest.mark.parametrize("meta", [{}, HOSTILE], ids=["plain", "hostile"])
def test_bibtex_reads_back_with_equal_fields(meta: dict[str, object]) -> None:
    cited = paper(**meta)
    (entry,) = bib_fields(citations.bibtex(cited))
    m = cited.metadata
    assert entry["ENTRYTYPE"] == "inproceedings" and entry["ID"] == citations.bibtex_key(cited)
    # pylatexenc decodes \textasciicircum (LaTeX's "^" in text) as U+02C6, the modifier letter
    assert entry["title"].replace("\u02c6", "^") == as_written(m.title)
    assert entry["author"] == " and ".join(as_written(a) for a in m.authors)
    assert entry["year"] == "2021" and entry["booktitle"] == as_written(m.venue)
    # fields biblatex reads verbatim (no TeX decoding): braces percent-encoded, nothing else touched
    (raw,) = bib_fields(citations.bibtex(cited), decode=False)
    assert raw["doi"] == m.doi.replace("{", "%7B").replace("}", "%7D")
    assert raw["eprint"] == m.arxiv and raw["url"] == m.url


@pytest.mark.parametrize("meta", [{}, HOSTILE], ids=["plain", "hostile"])
def test_ris_reads_back_with_equal_fields(meta: dict[str, object]) -> None:
    cited = paper(**meta)
    text = citations.ris(cited)
    (record,) = rispy.loads(text)
    m = cited.metadata
    assert record["type_of_reference"] == "CPAPER"
    assert record["title"] == as_written(m.title)
    assert record["authors"] == [as_written(a) for a in m.authors]
    assert record["year"] == "2021" and record["secondary_title"] == as_written(m.venue)
    assert record["doi"] == m.doi and record["urls"] == [m.url, "https://arxiv.org/abs/2101.00010"]
    # every line is one tag: a line separator in a value started no record or tag of its own
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in text.splitlines())
    assert text.count("ER  - ") == 1


@pytest.mark.parametrize("meta", [{}, HOSTILE], ids=["plain", "hostile"])
def test_csl_json_reads_back_with_equal_fields_and_renders(meta: dict[str, object]) -> None:
    cited = paper(**meta)
    (item,) = json.loads(citations.csl_json(cited))
    m = cited.metadata
    assert item["type"] == "paper-conference" and item["title"] == as_written(m.title)
    assert item["issued"] == {"date-parts": [[2021]]} and item["container-title"] == as_written(m.venue)
    assert item["DOI"] == m.doi and item["URL"] == m.url and item["archive_location"] == m.arxiv
    # citeproc-py reads the item and formats it with a bundled style
    source = CiteProcJSON([item])
    bibliography = CitationStylesBibliography(
        CitationStylesStyle("harvard-cite-them-right", validate=False), source, formatter.plain
    )
    bibliography.register(Citation([CitationItem(item["id"])]))
    (formatted,) = [str(entry) for entry in bibliography.bibliography()]
    assert "2021" in formatted and as_written(m.title)[:10] in formatted


def test_csl_names_follow_bibtex_name_rules() -> None:
    (item,) = json.loads(citations.csl_json(paper()))
    assert item["author"] == [
        {"family": "Lovelace", "given": "Ada"},
        {"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"},
        {"family": "Doe", "given": "Jane"},
    ]


def test_only_papers_with_curated_authors_year_and_title_are_cited() -> None:
    assert citations.citable(paper())
    for uncited in (paper(title_generated=True), paper(authors=()), paper(year=None)):
        assert not citations.citable(uncited)
        assert citations.bibtex(uncited) == citations.ris(uncited) == citations.csl_json(uncited) == ""
    assert citations.missing(paper(title_generated=True, year=None)) == ("year", "title")


def test_catalogue_files_hold_every_cited_paper_with_unique_keys_and_list_the_others() -> None:
    papers = (
        paper("aaaaaaaaaa"),
        paper("bbbbbbbbbb"),  # same author, year and first word: the same key
        paper("cccccccccc", title_generated=True, authors=()),
    )
    bib = citations.catalogue_bib(papers)
    entries = bib_fields(bib)
    assert [e["ID"] for e in entries] == ["lovelace2021graph", "lovelace2021graph-bbbbbbbbbb"]
    assert "%   cccccccccc: authors, title" in bib
    items = json.loads(citations.catalogue_csl(papers))
    assert [i["id"] for i in items] == [e["ID"] for e in entries]
    assert citations.catalogue_csl(papers[2:]) == "[]\n"
