"""The head metadata of a paper page (generator/site/scholar.py), without a site build."""

from __future__ import annotations

import html
import json
import re

import pytest

from generator.models import Metadata, Paper, Source
from generator.site import scholar

HOSTILE_TITLE = 'A </script><script>alert(1)</script> <!-- x --> "quoted" & \u2028 title'


def paper(title_generated: bool = False, **meta: object) -> Paper:
    fields: dict[str, object] = {
        "title": HOSTILE_TITLE,
        "authors": ("</SCRIPT >Jane", 'Jo "x" <b>Doe</b>'),
        "year": 2021,
        "venue": "Journal of <i>Tests</i>",
        "doi": "10.1000/x",
        "arxiv": "2101.00010",
    }
    fields.update(meta)
    return Paper(
        id="aaaaaaaaaa",
        text="An abstract </script> with <!-- markup --> & more.",
        sources=(Source("a.txt", 1),),
        title="A title",
        title_generated=title_generated,
        metadata=Metadata(**fields),  # type: ignore[arg-type]
    )


def test_citation_tags_give_the_curated_metadata() -> None:
    tags = scholar.citation_tags(paper())
    assert tags == (
        ("citation_title", HOSTILE_TITLE),
        ("citation_author", "</SCRIPT >Jane"),
        ("citation_author", 'Jo "x" <b>Doe</b>'),
        ("citation_publication_date", "2021"),
        ("citation_journal_title", "Journal of <i>Tests</i>"),
        ("citation_doi", "10.1000/x"),
        ("citation_arxiv_id", "2101.00010"),
        ("citation_pdf_url", "https://arxiv.org/pdf/2101.00010"),
    )
    conference = scholar.citation_tags(paper(venue="Proceedings of ICML"))
    assert ("citation_conference_title", "Proceedings of ICML") in conference


def test_a_generated_title_gets_no_citation_tags_and_no_jsonld() -> None:
    generated = paper(title_generated=True)
    assert scholar.citation_tags(generated) == () and scholar.jsonld(generated) == ""


def test_escaped_tags_are_inert_in_a_double_quoted_attribute() -> None:
    for name, value in scholar.escaped_citation_tags(paper()):
        assert not set('<>"') & set(value) and "\u2028" not in value, (name, value)
        assert html.unescape(value) == " ".join(html.unescape(value).split())


def test_jsonld_cannot_end_its_script_element_and_parses_to_the_metadata() -> None:
    text = scholar.jsonld(paper())
    assert not re.search(r"</|<!--|<", text, re.I) and "\u2028" not in text
    article = json.loads(text)
    assert article["@type"] == "ScholarlyArticle"
    assert article["name"] == " ".join(HOSTILE_TITLE.split())  # on one line, as every head value
    assert [a["name"] for a in article["author"]] == ["</SCRIPT >Jane", 'Jo "x" <b>Doe</b>']
    assert article["datePublished"] == "2021"
    assert article["abstract"] == "An abstract </script> with <!-- markup --> & more."
    assert article["sameAs"] == ["https://doi.org/10.1000/x", "https://arxiv.org/abs/2101.00010"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Short text.", "Short text."),
        ("word " * 40, ("word " * 32).strip() + "\u2026"),
        ("a" * 200, "a" * 159 + "\u2026"),
        ("x" * 150 + " abcdefghijklmnop", "x" * 150 + "\u2026"),
        ("x" * 158 + ", and more words here", "x" * 158 + "\u2026"),
    ],
)
def test_description_is_cut_after_a_whole_word(text: str, expected: str) -> None:
    cut = scholar.description(text)
    assert cut == expected and len(cut) <= 160


def test_robots_txt_names_the_sitemap_when_the_site_url_is_known() -> None:
    assert scholar.robots_txt("https://u.github.io/repo/") == (
        "User-agent: *\nAllow: /\nSitemap: https://u.github.io/repo/sitemap.xml\n"
    )
    assert "Sitemap" not in scholar.robots_txt("")
