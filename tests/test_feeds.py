"""Atom feeds: valid against RFC 4287's RELAX NG schema, complete, safe with hostile text."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
import rnc2rng
from lxml import etree

from generator.keywords.stage import keyword_index
from generator.models import Catalogue, History, Paper, Source, Stats
from generator.site.feeds import SUMMARY_SIZE, excerpt, render_feeds

from .conftest import ROOT, BuiltSite
from .sitehtml import parse, resolve

SCHEMA = Path(__file__).parent / "schemas/atom.rnc"
A = "{http://www.w3.org/2005/Atom}"
ATOM_TYPE = "application/atom+xml"
# RFC 4287 section 3.3: an RFC 3339 date-time, "T" and "Z" in upper case.
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)")


@functools.cache
def atom_schema() -> etree.RelaxNG:
    # rnc2rng declares xmlns:local="" for the RFC's `namespace local = ""`, which XML forbids; the
    # grammar itself already says ns="" where it matters.
    rng = re.sub(r'\s+xmlns:local=""', "", rnc2rng.dumps(rnc2rng.load(str(SCHEMA))))
    return etree.RelaxNG(etree.fromstring(rng.encode("utf-8")))


def assert_valid_atom(data: bytes) -> etree._Element:
    root = etree.fromstring(data)
    schema = atom_schema()
    assert schema.validate(root), schema.error_log
    # The RFC's Schematron rule: a feed without an author needs one in every entry.
    entries = root.findall(f"{A}entry")
    assert root.find(f"{A}author") is not None or all(e.find(f"{A}author") is not None for e in entries)
    for date in root.iter(f"{A}updated", f"{A}published"):
        assert RFC3339.fullmatch(date.text or ""), date.text
    ids = [e.findtext(f"{A}id") for e in entries]
    assert len(ids) == len(set(ids))
    return root


def test_the_schema_rejects_what_atom_forbids() -> None:
    """The validator is real: a feed without id and with a bad date fails."""
    bad = b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><updated>2024-13-01</updated></feed>'
    assert not atom_schema().validate(etree.fromstring(bad))


# Feeds need the seeds' git history; from a source tarball the site has none (test_history covers that).
needs_git = pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout: no dates, no feeds")


@needs_git
def test_every_published_feed_is_valid_atom_and_links_to_real_pages(seed_site: BuiltSite) -> None:
    data = json.loads((seed_site.site / "catalogue.json").read_text(encoding="utf-8"))
    # A keyword with its own page has a feed (models.keyword_page_threshold); no other keyword has.
    paged = {k.get("url").split("/")[1] for k in data["keywords"] if k.get("url")}
    feeds = {p.stem.removeprefix("feed-") for p in seed_site.site.glob("feed-*.xml")}
    assert feeds == paged and len(feeds) >= 2
    dated = sorted((p.get("first_seen"), p["id"]) for p in data["papers"])
    assert all(d for d, _ in dated), "the test site is built in a git checkout: every paper is dated"
    for path in [seed_site.site / "feed.xml", *sorted(seed_site.site.glob("feed-*.xml"))]:
        root = assert_valid_atom(path.read_bytes())
        entries = root.findall(f"{A}entry")
        assert entries, path
        for entry in entries:
            href = entry.find(f"{A}link").get("href")
            target = resolve(seed_site.site, path, href)
            assert target is not None and target.is_file(), (path, href)
    main = etree.fromstring((seed_site.site / "feed.xml").read_bytes())
    assert len(main.findall(f"{A}entry")) == min(len(dated), 50)


@needs_git
def test_pages_announce_their_feed_with_a_link_that_resolves(seed_site: BuiltSite) -> None:
    data = json.loads((seed_site.site / "catalogue.json").read_text(encoding="utf-8"))
    keyword = next(k for k in data["keywords"] if k.get("url"))
    few = next(k for k in data["keywords"] if len(k["papers"]) >= 2 and not k.get("url"))
    for url, feed in [("", "feed.xml"), (keyword["url"], f"feed-{keyword['url'].split('/')[1]}.xml")]:
        page = seed_site.site / url / "index.html"
        alternates = [
            attrs
            for tag, attrs in parse(page).elements
            if tag == "link" and (attrs.get("rel"), attrs.get("type")) == ("alternate", ATOM_TYPE)
        ]
        assert len(alternates) == 1, page
        assert resolve(seed_site.site, page, alternates[0]["href"] or "") == seed_site.site / feed
        assert any(resolve(seed_site.site, page, href) == seed_site.site / feed for href in parse(page).links)
    # A keyword of one paper, or of too few papers for a page, has no page and so no feed either.
    assert few.get("url") is None
    assert not any(k.get("url") for k in data["keywords"] if len(k["papers"]) == 1)
    paged = [k for k in data["keywords"] if k.get("url")]
    assert len(list(seed_site.site.glob("feed-*.xml"))) == len(paged)


def hostile_catalogue() -> Catalogue:
    text = 'A <script>alert(1)</script> & "quotes" ]]> \x01\x0b bell\x07 \ufffe end'
    papers = (
        Paper(
            id="aaaaaaaaaa",
            text=text,
            sources=(Source("a.txt", 1),),
            title="A script alert(1) quotes",
            keywords=("<b>bold</b> & co", "plain"),
            first_seen="2024-01-02T10:00:00Z",
        ),
        Paper(
            id="bbbbbbbbbb",
            text="Plain abstract.",
            sources=(Source("a.txt", 2),),
            title="Plain abstract.",
            keywords=("<b>bold</b> & co",),
            first_seen="2024-02-03T10:00:00Z",
        ),
    )
    # The shared keyword gets a page and a feed, as in a catalogue where enough papers carry it.
    keywords = tuple(replace(e, has_page=e.shared) for e in keyword_index(papers))
    return Catalogue(papers, keywords, Stats(1, 2, 2, 0), History(available=True))


def test_hostile_text_stays_text_and_xml_stays_valid() -> None:
    files = render_feeds(hostile_catalogue())
    assert sorted(files) == ["feed-b-bold-b-co.xml", "feed.xml"]
    root = assert_valid_atom(files["feed.xml"].encode("utf-8"))
    entries = root.findall(f"{A}entry")
    assert [e.findtext(f"{A}title") for e in entries] == ["Plain abstract.", "A script alert(1) quotes"]
    summary = entries[1].findtext(f"{A}summary")
    assert summary == 'A <script>alert(1)</script> & "quotes" ]]>  bell  end'
    assert root.find(f"{A}script") is None and "<script>" not in files["feed.xml"]
    terms = [c.get("term") for c in entries[1].findall(f"{A}category")]
    assert terms == ["<b>bold</b> & co", "plain"]
    assert_valid_atom(files["feed-b-bold-b-co.xml"].encode("utf-8"))


def test_links_are_absolute_with_a_site_url_and_relative_without() -> None:
    catalogue = hostile_catalogue()
    relative = etree.fromstring(render_feeds(catalogue)["feed-b-bold-b-co.xml"].encode("utf-8"))
    assert [link.get("href") for link in relative.iter(f"{A}link")] == [
        "keywords/b-bold-b-co/",
        "papers/bbbbbbbbbb/",
        "papers/aaaaaaaaaa/",
    ]
    absolute = etree.fromstring(
        render_feeds(catalogue, "https://user.github.io/repo")["feed-b-bold-b-co.xml"].encode("utf-8")
    )
    links = {(link.get("rel"), link.get("href")) for link in absolute.iter(f"{A}link")}
    assert ("self", "https://user.github.io/repo/feed-b-bold-b-co.xml") in links
    assert ("alternate", "https://user.github.io/repo/papers/aaaaaaaaaa/") in links
    # Entry ids do not depend on where the site is hosted.
    assert [e.findtext(f"{A}id") for e in relative.iter(f"{A}entry")] == [
        e.findtext(f"{A}id") for e in absolute.iter(f"{A}entry")
    ]


@pytest.mark.parametrize("history", [History(), History(available=True)])
def test_no_dated_paper_means_no_feed(history: History) -> None:
    papers = tuple(Paper(id=p.id, text=p.text, sources=p.sources) for p in hostile_catalogue().papers)
    assert render_feeds(Catalogue(papers, (), Stats(1, 2, 2, 0), history)) == {}


def dated_catalogue(count: int, text: str) -> Catalogue:
    """`count` papers sharing one keyword (with a page), paper i first seen on day i."""
    papers = tuple(
        Paper(
            id=f"{i:010x}",
            text=f"{text} {i}",
            sources=(Source("a.txt", i + 1),),
            title=f"Paper {i}",
            keywords=("shared",),
            first_seen=f"2024-01-{i + 1:02d}T10:00:00Z",
        )
        for i in range(count)
    )
    keywords = tuple(replace(e, has_page=True) for e in keyword_index(papers))
    return Catalogue(papers, keywords, Stats(1, count, count, 0), History(available=True))


def test_a_keyword_feed_lists_its_10_newest_papers_and_the_main_feed_its_50_newest() -> None:
    files = render_feeds(dated_catalogue(25, "Short abstract."))
    keyword = assert_valid_atom(files["feed-shared.xml"].encode("utf-8"))
    titles = [e.findtext(f"{A}title") for e in keyword.findall(f"{A}entry")]
    assert titles == [f"Paper {i}" for i in range(24, 14, -1)]
    main = assert_valid_atom(files["feed.xml"].encode("utf-8"))
    assert len(main.findall(f"{A}entry")) == 25
    # The main feed's entries carry their keywords; a keyword feed's entries do not repeat its own.
    assert all(e.find(f"{A}category").get("term") == "shared" for e in main.findall(f"{A}entry"))
    assert keyword.find(f".//{A}category") is None


def test_a_summary_is_the_opening_of_a_long_abstract_cut_at_a_word() -> None:
    long = "Word " * 100 + "end."
    files = render_feeds(dated_catalogue(2, long.strip()))
    for name in files:
        root = assert_valid_atom(files[name].encode("utf-8"))
        for entry in root.findall(f"{A}entry"):
            summary = entry.findtext(f"{A}summary")
            assert summary.endswith("Word…") and len(summary) <= SUMMARY_SIZE, summary
            assert (summary[:-1] + " ").startswith("Word " * 10)
            assert summary[:-1].rstrip() == " ".join(["Word"] * summary.count("Word"))
    # A short abstract is the whole summary (test_hostile_text_stays_text_and_xml_stays_valid).
    assert excerpt("Short.") == "Short."
    assert excerpt("x" * 400) == "x" * (SUMMARY_SIZE - 1) + "…"
    assert excerpt("One, two three.", 12) == "One, two…"


def test_a_summary_is_the_tldr_when_the_paper_has_one_and_stays_text() -> None:
    catalogue = hostile_catalogue()
    hostile_tldr = 'We <img src=x onerror=alert(2)> {{ 7*7 }} & ]]> "it" \x01works.'
    papers = (replace(catalogue.papers[0], tldr=hostile_tldr), catalogue.papers[1])
    files = render_feeds(replace(catalogue, papers=papers))
    root = assert_valid_atom(files["feed.xml"].encode("utf-8"))
    entries = root.findall(f"{A}entry")
    # XML cannot carry \x01: dropped; the rest reads as written, no element formed
    assert entries[1].findtext(f"{A}summary") == 'We <img src=x onerror=alert(2)> {{ 7*7 }} & ]]> "it" works.'
    assert "<img" not in files["feed.xml"] and root.find(f".//{A}img") is None
    # without a TLDR the summary is still the abstract's opening
    assert entries[0].findtext(f"{A}summary") == "Plain abstract."
