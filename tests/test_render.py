from __future__ import annotations

import html
import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from generator.keywords.stage import keyword_index
from generator.models import Catalogue, Metadata, Paper, Related, Source, Stats, Topic
from generator.site.render import Renderer, related_from

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def fixture_catalogue() -> Catalogue:
    papers = (
        Paper(
            id="aaaaaaaaaa",
            text="Diffusion models generate images (see https://example.org).",
            sources=(Source("a.txt", 1), Source("b.txt", 3)),
            title="Diffusion models generate images",
            keywords=("diffusion models", "images", "sampling"),
            related=(Related("bbbbbbbbbb", 0.4321, ("diffusion models",)),),
            acronyms=(("diffusion models", "DMs"),),
            urls=("https://example.org",),
            topic="diffusion-models",
            tldr="Diffusion models generate images.",
        ),
        Paper(
            id="bbbbbbbbbb",
            text="Faster diffusion models: a < b & x*y*z, `code`, #1, A|B, {{ 7*7 }}.",
            sources=(Source("a.txt", 2),),
            title="Faster diffusion models",
            keywords=("diffusion models", "sampling"),
            related=(Related("aaaaaaaaaa", 0.4321, ("diffusion models",)),),
            title_generated=False,
            tldr="Faster: a < b & *x* [y](z) {{ 7*7 }}.",
            tldr_generated=False,
            metadata=Metadata(
                title="Faster diffusion models",
                authors=("Ada Lovelace", "Jane Doe"),
                year=2021,
                venue="Proceedings of Tests",
                arxiv="2101.00010",
            ),
            topic="diffusion-models",
        ),
    )
    topics = (
        Topic("diffusion-models", "diffusion models", ("diffusion models",), ("aaaaaaaaaa", "bbbbbbbbbb")),
    )
    # "diffusion models" has a page, as in a catalogue where enough papers carry it; "sampling", shared
    # by too few papers, links to a search; "images", of one paper, is plain text.
    keywords = tuple(replace(e, has_page=e.keyword.text == "diffusion models") for e in keyword_index(papers))
    return Catalogue(papers=papers, keywords=keywords, stats=Stats(2, 3, 2, 1), topics=topics)


def rendered() -> dict[str, str]:
    return Renderer().render(fixture_catalogue())


GOLDEN_FILES = [
    "papers/aaaaaaaaaa.md",
    "papers/bbbbbbbbbb.md",
    "keywords/diffusion-models.md",
    "keywords/index.md",
    "index.md",
    "titles.md",
    "topics/diffusion-models.md",
    "topics/index.md",
    "map.md",
]


@pytest.mark.parametrize("rel", GOLDEN_FILES)
def test_page_matches_golden_file(rel: str) -> None:
    """Run `make golden` to rewrite these after an intended template change, then review the diff."""
    golden = GOLDEN / rel.replace("/", "__")
    text = rendered()[rel]
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_every_generated_file_is_listed() -> None:
    assert sorted(rendered()) == [
        "authors/ada-lovelace.md",
        "authors/index.md",
        "authors/jane-doe.md",
        "catalogue.bib",
        "catalogue.csl.json",
        "catalogue.json",
        "index.md",
        "keywords/diffusion-models.md",
        "keywords/index.md",
        "map.md",
        "papers/a-z/index.md",
        "papers/aaaaaaaaaa.md",
        # the cited paper's citation files (curated authors, year and title); aaaaaaaaaa is not cited
        "papers/bbbbbbbbbb.bib",
        "papers/bbbbbbbbbb.csl.json",
        "papers/bbbbbbbbbb.md",
        "papers/bbbbbbbbbb.ris",
        "papers/by-year/index.md",
        "papers/index.md",
        "titles.md",
        "topics/diffusion-models.bib",
        "topics/diffusion-models.csl.json",
        "topics/diffusion-models.md",
        "topics/index.md",
    ]


def test_seed_text_is_escaped_not_evaluated() -> None:
    page = rendered()["papers/bbbbbbbbbb.md"]
    assert "49" not in page  # {{ 7*7 }} is data, not a template
    _, front, body = page.split("---\n", 2)
    for raw in ("a < b", "x*y*z", "`code`", "{{", "A|B", "*x*", "[y](z)"):
        assert raw not in body
    # Front matter is no Markdown, but the theme prints the description (the TLDR when there is
    # one) raw into an attribute.
    assert 'description: "Faster: a &lt; b &amp; *x* [y](z) {{ 7*7 }}."' in front
    assert "<" not in front
    assert "a &#60; b &#38; x&#42;y&#42;z" in page
    # The TLDR under the title: every character of Markdown or HTML meaning is a reference.
    assert "Faster&#58; a &#60; b &#38; &#42;x&#42; &#91;y&#93;&#40;z&#41; &#123;&#123; 7&#42;7" in body


def test_catalogue_json_has_the_documented_shape() -> None:
    data = json.loads(rendered()["catalogue.json"])
    assert data["version"] == 2
    first = data["papers"][0]
    assert set(first) >= {"id", "url", "title", "abstract", "keywords", "related", "sources"}
    assert first["title_generated"] is True
    assert (first["tldr"], first["tldr_generated"]) == ("Diffusion models generate images.", True)
    # Null, empty and unknown fields are left out: no curated metadata, no variants, no date.
    assert not {"metadata", "variants", "first_seen"} & set(first)
    assert first["url"] == "papers/aaaaaaaaaa/"
    assert first["related"] == [{"id": "bbbbbbbbbb", "score": 0.4321, "shared": ["diffusion models"]}]
    assert first["sources"] == [
        {"file": "a.txt", "line": 1, "key": ""},
        {"file": "b.txt", "line": 3, "key": ""},
    ]
    assert first["topic"] == "diffusion-models"
    assert data["topics"] == [
        {
            "topic": "diffusion-models",
            "name": "diffusion models",
            "url": "topics/diffusion-models/",
            "keywords": ["diffusion models"],
            "papers": ["aaaaaaaaaa", "bbbbbbbbbb"],
        }
    ]
    kw = {k["keyword"]: k for k in data["keywords"]}
    assert kw["diffusion models"] == {
        "keyword": "diffusion models",
        "acronym": "DMs",
        "url": "keywords/diffusion-models/",
        "papers": ["aaaaaaaaaa", "bbbbbbbbbb"],
    }
    # A keyword of one paper has no page of its own.
    # A keyword of one paper with no acronym and no page is only in its paper's keywords.
    assert "images" not in kw and "images" in data["papers"][0]["keywords"]


def test_every_keyword_links_to_its_page_or_a_search_and_labels_show_the_acronym() -> None:
    files = rendered()
    page = files["papers/aaaaaaaaaa.md"]
    # A paper page's keywords are one block of raw HTML (hooks/offline.py rewrites its links): a
    # shared keyword links to its page, any other is a search (an <a> that page.js gives its
    # `?q=` link; extra.css draws which, .k a).
    keywords = page.split('<p class="k">', 1)[1].split("</p>", 1)[0]
    assert keywords == (
        '<a href="../../keywords/diffusion-models/">diffusion models &#40;DMs&#41;</a>'
        " <a>images</a> <a>sampling</a>"
    )
    assert "k-page" in page and "k-search" in page  # the legend shows both cues
    index = files["keywords/index.md"]
    chip = '<a href="../keywords/diffusion-models/">diffusion models &#40;DMs&#41;</a>'
    assert f'- <span class="k">{chip}</span> (2)' in index
    assert '- <span class="k"><a>sampling</a></span> (2)' in index
    assert "[images](../papers/aaaaaaaaaa.md) (1)" in index
    assert "keywords/sampling.md" not in files and "keywords/images.md" not in files


def test_home_lists_entries_and_a_z_page_lists_papers_by_title() -> None:
    files = rendered()
    home = files["index.md"]
    # Undated papers (no git history): the first papers of the catalogue, as listing entries.
    assert home.index('<li><a href="papers/aaaaaaaaaa/">Diffusion models generate images</a>') < home.index(
        '<li><a href="papers/bbbbbbbbbb/">Faster diffusion models</a>'
    )
    assert "(papers/by-year/index.md)" in home and "(papers/a-z/index.md)" in home
    az = files["titles.md"]
    assert '<h2 id="letter-d">D</h2>' in az and '<h2 id="letter-f">F</h2>' in az
    assert '<a href="#letter-d">D</a> <span class="az-empty">E</span> <a href="#letter-f">F</a>' in az


def test_generated_titles_are_marked_on_the_page() -> None:
    page = rendered()["papers/aaaaaaaaaa.md"]
    assert "Title generated from the abstract" in page


def test_papers_that_list_a_paper_are_shown_on_it_when_it_does_not_list_them() -> None:
    a = Paper(id="aaaaaaaaaa", text="a", sources=(Source("a.txt", 1),), title="A")
    b = Paper(
        id="bbbbbbbbbb", text="b", sources=(Source("a.txt", 2),), title="B", related=(Related(a.id, 0.2, ()),)
    )
    c = Paper(
        id="cccccccccc",
        text="c",
        sources=(Source("a.txt", 3),),
        title="C",
        related=(Related(a.id, 0.3, ("x",)), Related(b.id, 0.1, ())),
    )
    assert related_from((a, b, c)) == {
        a.id: [Related(c.id, 0.3, ("x",)), Related(b.id, 0.2, ())],
        b.id: [Related(c.id, 0.1, ())],
    }
    b_listing_c = replace(b, related=(*b.related, Related(c.id, 0.1, ())))
    assert b.id not in related_from((a, b_listing_c, c))


def test_joined_keywords_are_escaped_for_markdown_too() -> None:
    catalogue = fixture_catalogue()
    first, second = catalogue.papers
    hostile = replace(first, related=(Related(second.id, 0.5, ("a*b*c", "x|y", "`z`")),))
    page = Renderer().render(replace(catalogue, papers=(hostile, second)))[f"papers/{first.id}.md"]
    assert "a&#42;b&#42;c&#44; x&#124;y&#44; &#96;z&#96;" in page
    assert "a*b*c" not in page and "x|y" not in page


def test_page_keys_change_exactly_when_what_a_page_shows_changes() -> None:
    catalogue = fixture_catalogue()
    before = {page.path: page.key for page in Renderer().pages(catalogue)}
    a, b = catalogue.papers[0], catalogue.papers[1]
    # b's new title shows on b's page, on a's page (b is related to a) and on listings.
    renamed = replace(catalogue, papers=(a, replace(b, title="A new title")))
    after = {page.path: page.key for page in Renderer().pages(renamed)}
    changed = {path for path in before if before[path] != after[path]}
    assert {"papers/aaaaaaaaaa.md", "papers/bbbbbbbbbb.md"} <= changed
    # So do the keyword and topic pages that list b.
    assert {"keywords/diffusion-models.md", "topics/diffusion-models.md"} <= changed
    again = {page.path: page.key for page in Renderer().pages(fixture_catalogue())}
    assert again == before  # keys are stable from one run to the next
    # The lazily rendered pages are the pages render() returns.
    assert {page.path: page.text() for page in Renderer().pages(catalogue)} == Renderer().render(catalogue)


def test_a_title_change_leaves_the_keys_of_pages_that_do_not_show_it() -> None:
    catalogue = fixture_catalogue()
    lonely = Paper(
        id="cccccccccc", text="Unrelated work on soil.", sources=(Source("c.txt", 1),), title="Soil"
    )
    catalogue = replace(catalogue, papers=(*catalogue.papers, lonely))
    before = {page.path: page.key for page in Renderer().pages(catalogue)}
    b = catalogue.papers[1]
    renamed = replace(catalogue, papers=(catalogue.papers[0], replace(b, title="Renamed"), lonely))
    after = {page.path: page.key for page in Renderer().pages(renamed)}
    assert after["papers/cccccccccc.md"] == before["papers/cccccccccc.md"]
    assert after["papers/aaaaaaaaaa.md"] != before["papers/aaaaaaaaaa.md"]


@pytest.mark.parametrize(("source", "shown"), [("bibtex", "BibTeX"), ("ris", "RIS"), ("csl", "CSL-JSON")])
def test_a_title_from_a_reference_manager_says_where_it_comes_from(source: str, shown: str) -> None:
    """enrich --from writes source: bibtex, ris or csl; the page says so, as it does for the indexes."""
    catalogue = fixture_catalogue()
    cited = replace(
        catalogue.papers[1], metadata=replace(catalogue.papers[1].metadata, source=source, score=0.97)
    )
    pages = Renderer().render(replace(catalogue, papers=(catalogue.papers[0], cited)))
    page = html.unescape(pages["papers/bbbbbbbbbb.md"])
    assert f"Title and details from a reference manager's {shown} export" in page
    assert "score 0.97" in page
