"""Listing entries, the papers index's orders and author pages (generator/site/listing.py)."""

from __future__ import annotations

import re
from dataclasses import replace

from generator.models import Metadata, Paper, Related, Source
from generator.site import listing
from generator.site.render import Renderer
from generator.site.topicmap import neighbourhood_svg

from .test_render import fixture_catalogue

ENTRY = re.compile(r'<li><a href="[^"]*papers/([0-9a-f]{10})/">')


def paper(pid: str, text: str = "text", **kw: object) -> Paper:
    return Paper(id=pid, text=text, sources=(Source("a.txt", 1),), title=pid, **kw)  # type: ignore[arg-type]


def test_summary_is_the_tldr_or_the_abstracts_opening_cut_at_a_word() -> None:
    words = "Federated learning trains one model across many clients without sharing their data. " * 6
    cut = listing.summary(paper("a" * 10, words))
    assert cut.endswith("…") and listing.SUMMARY_MIN <= len(cut) <= listing.SUMMARY_MAX + 1
    assert words.startswith(cut[:-1]) and words[len(cut) - 1] == " "  # ends at a word
    assert listing.summary(paper("a" * 10, "Short abstract.")) == "Short abstract."
    tldr = "We train across clients."
    assert listing.summary(paper("a" * 10, words, tldr=tldr)) == tldr


def test_orders_newest_first_by_year_and_a_to_z() -> None:
    a = paper("aaaaaaaaaa", first_seen="2024-01-01T00:00:00Z", metadata=Metadata(year=2019))
    b = paper("bbbbbbbbbb", first_seen="2025-06-01T00:00:00Z")
    c = paper("cccccccccc", first_seen="2023-01-01T00:00:00Z", metadata=Metadata(year=2021))
    d = paper("dddddddddd")  # undated
    assert [p.id for p in listing.newest_first([a, b, c, d])] == [b.id, a.id, c.id, d.id]
    groups = listing.by_year([a, b, c, d])
    assert [(g, p.id) for g, p in groups] == [("2021", c.id), ("2019", a.id)]
    titled = [replace(a, title="Zeta"), replace(b, title="éclair"), replace(c, title="Alpha")]
    assert [p.title for p in listing.a_to_z(titled)] == ["Alpha", "éclair", "Zeta"]


def test_authors_are_grouped_by_the_one_slug_with_their_papers() -> None:
    a = paper("aaaaaaaaaa", first_seen="2024", metadata=Metadata(authors=("Jane Doe", "Zoë Ng")))
    b = paper("bbbbbbbbbb", first_seen="2025", metadata=Metadata(authors=("jane doe", "Jane Doe")))
    found = {x.slug: x for x in listing.authors([a, b])}
    assert set(found) == {"jane-doe", "zoe-ng"}
    assert found["jane-doe"].papers == (b.id, a.id)  # newest added first
    assert found["jane-doe"].name == "Jane Doe" and found["jane-doe"].names == ("Jane Doe", "jane doe")


def test_every_listing_shows_entries_with_summary_year_or_date_topic_and_keywords() -> None:
    files = Renderer().render(fixture_catalogue())
    for rel in (
        "index.md",
        "papers/index.md",
        "papers/by-year/index.md",
        "papers/a-z/index.md",
        "topics/diffusion-models.md",
        "keywords/diffusion-models.md",
        "authors/jane-doe.md",
    ):
        assert '<ul class="entries">' in files[rel], rel
    keyword_page = files["keywords/diffusion-models.md"]
    # The curated year; the topic; the paper's other keywords (not the page's own), each a link.
    entry_b = keyword_page.split('papers/bbbbbbbbbb/">', 1)[1].split("</li>", 1)[0]
    assert '<small>2021 · <a href="../../topics/diffusion-models/">diffusion models</a>' in entry_b
    assert '<span class="k"><a>sampling</a></span>' in entry_b
    assert "keywords/diffusion-models/" not in entry_b
    # A topic page leaves its own topic out of its entries.
    assert "topics/diffusion-models/" not in files["topics/diffusion-models.md"].split("entries", 1)[1]
    by_year = files["papers/by-year/index.md"]
    assert ENTRY.findall(by_year) == ["bbbbbbbbbb"]  # the paper with a year; the other is linked to
    assert 'id="year-2021"' in by_year
    assert "the 1 without one are in the [newest-first listing](../index.md)" in by_year
    assert "Sort: [Newest first](../index.md) · **By year** · [A\u2013Z](../a-z/index.md)" in by_year


def test_dated_entries_show_the_date_added_when_there_is_no_year() -> None:
    catalogue = fixture_catalogue()
    first, second = catalogue.papers
    dated = replace(catalogue, papers=(replace(first, first_seen="2026-02-03T04:05:06Z"), second))
    home = Renderer().render(dated)["index.md"]
    assert "added 2026&#45;02&#45;03" in home


def test_author_pages_list_their_papers_and_paper_pages_link_them() -> None:
    files = Renderer().render(fixture_catalogue())
    assert ENTRY.findall(files["authors/ada-lovelace.md"]) == ["bbbbbbbbbb"]
    assert "[Ada Lovelace](../authors/ada-lovelace.md) (1)" in files["authors/index.md"]
    page = files["papers/bbbbbbbbbb.md"]
    assert '<a href="../../authors/ada-lovelace/">Ada Lovelace</a>' in page


def test_hostile_author_names_are_inert_everywhere() -> None:
    catalogue = fixture_catalogue()
    first, second = catalogue.papers
    name = '<script>alert(1)</script> "Bob" & [x](javascript:y) {{ 7*7 }}'
    hostile = replace(second, metadata=replace(second.metadata, authors=(name,)))
    files = Renderer().render(replace(catalogue, papers=(first, hostile)))
    slug = listing.author_slug(name)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
    for rel in (f"authors/{slug}.md", "authors/index.md", "papers/bbbbbbbbbb.md"):
        body = files[rel].split("---\n", 2)[2]
        for raw in ("<script", '"Bob"', "[x](", "{{", "49"):
            assert raw not in body, (rel, raw)
    front = files[f"authors/{slug}.md"].split("---\n", 2)[1]
    assert "<script" not in front


def test_the_neighbourhood_picture_needs_three_related_papers() -> None:
    page = Renderer().render(fixture_catalogue())["papers/aaaaaaaaaa.md"]
    assert "paper-neighbourhood" not in page  # one related paper: the list alone
    assert '— shares: diffusion models <span class="related-score">' in page
    two = tuple(Related(pid, 0.5, ("x",)) for pid in ("bbbbbbbbbb", "cccccccccc"))
    assert neighbourhood_svg(paper("aaaaaaaaaa", related=two), "../") == ""  # a line: the list says it
    three = (*two, Related("dddddddddd", 0.2, ("x",)))
    assert "<svg" in str(neighbourhood_svg(paper("aaaaaaaaaa", related=three), "../"))


def test_the_neighbourhood_picture_is_centred_lean_and_links_each_related_paper() -> None:
    # Lean markup (BENCHMARKS.md, "Issue 23, bytes, second round"): a view box centred on the paper,
    # lines from SVG's default origin, whole-unit coordinates, links relative to the papers' folder.
    ids = ["bbbbbbbbbb", "cccccccccc", "dddddddddd", "eeeeeeeeee"]
    related = tuple(Related(pid, score, ("x",)) for pid, score in zip(ids, (0.6, 0.4, 0.3, 0.1), strict=True))
    svg = str(neighbourhood_svg(paper("aaaaaaaaaa", related=related), "../"))
    assert 'viewBox="-120 -120 240 240"' in svg and svg.endswith('<circle r="13"></circle></svg></div>')
    assert re.findall(r'xlink:href="([^"]*)"', svg) == [f"../{pid}/" for pid in ids]
    lines = re.findall(r'<line x2="(-?\d+)" y2="(-?\d+)" stroke-width="[\d.]+"></line>', svg)
    node = r'<circle cx="(-?\d+)" cy="(-?\d+)" r="10"></circle><text x="\1" y="\2">(\d)</text>'
    nodes = re.findall(node, svg)
    assert lines == [(x, y) for x, y, _ in nodes] and [n for _, _, n in nodes] == ["1", "2", "3", "4"]
    # the best-scored paper is nearest (straight up), a weaker one further away
    assert lines[0] == ("0", "-50") and int(lines[2][1]) > 50 and "-0" not in svg
    assert neighbourhood_svg(paper("aaaaaaaaaa", related=related[:2]), "../") == ""


def test_no_two_topics_of_the_map_share_a_spot() -> None:
    # Eleven topics and one link: Kamada-Kawai put two nodes on one spot (found by the browser test
    # that clicks the map's first node); the layout falls back to a ring.
    from generator.site import topicmap
    from generator.site.topicmap import TopicLink

    slugs = [f"t{i:02d}" for i in range(11)]
    out = topicmap._layout(slugs, (TopicLink("t00", "t01", 1, 0.5),))
    assert not topicmap._collide(list(out.values()))
    assert topicmap._collide([(0.0, 0.0), (1.0, 1.0), (0.0, 0.001)])
