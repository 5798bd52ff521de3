"""Atom feeds (RFC 4287) of new papers: one for the catalogue, one per keyword that has a page.

Feeds are built with ElementTree, which escapes every value; characters that XML 1.0 cannot carry
at all (most C0 controls, U+FFFE, U+FFFF, lone surrogates) are dropped. Entry ids are ``urn:uuid``
derived from the paper id, so they stay the same when the site moves. Links are absolute when the
site URL is known (``SITE_URL``), else relative to the feed, as Atom allows. Feeds need first-seen
dates: without git history no feed is written and the pages say so.

Lean feeds (BENCHMARKS.md, "Lean pages, second round"): the main feed lists the 50 newest papers, a
keyword's feed its 10 newest, and an entry's summary is the paper's TLDR (one sentence, generated or
curated), else the opening of the abstract (up to ``SUMMARY_SIZE`` characters, cut at a word, "…"
marking the cut); the entry links to the paper's page, which has the whole abstract. Entries of the
main feed carry the paper's keywords as categories (a reader can filter by them); those of a
keyword's feed do not, the feed being that keyword's. Whole abstracts and categories made the
keyword feeds 2.6 KB a paper at 2,000 papers, more than any kind of page but the paper pages.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET

from generator.models import Catalogue, KeywordEntry, Paper

ATOM = "http://www.w3.org/2005/Atom"
SITE_NAME = "Paper catalogue"
FEED_SIZE = 50  # the main feed's entries
KEYWORD_FEED_SIZE = 10  # a keyword feed's entries (as many as a WordPress feed has by default)
SUMMARY_SIZE = 300  # characters of an entry's summary, at most (and the "…" of a cut)
MAIN_FEED = "feed.xml"
_NAMESPACE = uuid.UUID("5b0c5a4e-6c3f-4f55-9a8e-3f1d2f0a7c11")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

ET.register_namespace("", ATOM)


def newest(papers: tuple[Paper, ...], limit: int) -> tuple[Paper, ...]:
    """Dated papers, newest first; among papers of one commit, the later seed line first."""
    dated = [p for p in papers if p.first_seen]
    dated.sort(key=lambda p: (p.first_seen, p.sources[0]), reverse=True)
    return tuple(dated[:limit])


def has_feeds(catalogue: Catalogue) -> bool:
    return any(p.first_seen for p in catalogue.papers)


def keyword_feed_path(entry: KeywordEntry) -> str:
    # Beside sitemap.xml on purpose: with navigation.instant, Material fetches "sitemap.xml" next to
    # every <link rel="alternate"> of a page, so a feed in a folder would cost a 404 on each visit.
    return f"feed-{entry.keyword.slug}.xml"


def feed_keywords(catalogue: Catalogue) -> tuple[KeywordEntry, ...]:
    """The keywords that get a feed: those with their own page (``KeywordEntry.has_page``)."""
    if not has_feeds(catalogue):
        return ()
    return tuple(e for e in catalogue.keywords if e.has_page)


def render_feeds(catalogue: Catalogue, site_url: str = "") -> dict[str, str]:
    """Path under docs/ -> Atom document, for every feed; none without dated papers."""
    if not has_feeds(catalogue):
        return {}
    base = site_url.rstrip("/") + "/" if site_url else ""
    latest = max(p.first_seen for p in catalogue.papers if p.first_seen)
    files = {
        MAIN_FEED: _feed(
            title=f"{SITE_NAME}: new papers",
            feed_id="feed:new",
            path=MAIN_FEED,
            page="",
            papers=newest(catalogue.papers, FEED_SIZE),
            updated=latest,
            base=base,
            categories=True,
        )
    }
    by_id = {p.id: p for p in catalogue.papers}
    for entry in feed_keywords(catalogue):
        papers = newest(tuple(by_id[pid] for pid in entry.papers), KEYWORD_FEED_SIZE)
        files[keyword_feed_path(entry)] = _feed(
            title=f"{SITE_NAME}: {entry.keyword.text}",
            feed_id=f"feed:keyword:{entry.keyword.text}",
            path=keyword_feed_path(entry),
            page=f"keywords/{entry.keyword.slug}/",
            papers=papers,
            updated=papers[0].first_seen if papers else latest,
            base=base,
            categories=False,
        )
    return files


def _feed(
    *,
    title: str,
    feed_id: str,
    path: str,
    page: str,
    papers: tuple[Paper, ...],
    updated: str,
    base: str,
    categories: bool,
) -> str:
    # Without a site URL, links are relative to the feed itself (RFC 4287 section 1.2, xml:base rules).
    up = base or "../" * path.count("/")
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "title", title)
    _text(feed, "id", _urn(feed_id))
    _text(feed, "updated", updated)
    _link(feed, up + page, "alternate", "text/html")
    if base:
        _link(feed, base + path, "self", "application/atom+xml")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", SITE_NAME)
    _text(feed, "generator", "paper-catalogue")
    for paper in papers:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "title", paper.title or paper.id)
        _text(entry, "id", _urn(f"paper:{paper.id}"))
        _link(entry, f"{up}papers/{paper.id}/", "alternate", "text/html")
        _text(entry, "published", paper.first_seen)
        _text(entry, "updated", paper.first_seen)
        for keyword in paper.keywords if categories else ():
            ET.SubElement(entry, f"{{{ATOM}}}category", term=_xml_text(keyword))
        summary = _text(entry, "summary", paper.tldr or excerpt(paper.text))
        summary.set("type", "text")
    ET.indent(feed, space=" ")
    return ET.tostring(feed, encoding="unicode", xml_declaration=False).join(
        ('<?xml version="1.0" encoding="utf-8"?>\n', "\n")
    )


def excerpt(text: str, size: int = SUMMARY_SIZE) -> str:
    """`text` if it has at most `size` characters, else its opening cut at a word, then "…"
    (at most `size` characters in all; cut within a word only when its first word is that long)."""
    if len(text) <= size:
        return text
    head = text[: size - 1]
    space = head.rfind(" ")
    if space > 0:
        head = head[:space]
    return head.rstrip(" ,;:.") + "…"


def _text(parent: ET.Element, tag: str, value: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = _xml_text(value)
    return element


def _link(parent: ET.Element, href: str, rel: str, media_type: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}link", rel=rel, type=media_type, href=href or "./")


def _urn(name: str) -> str:
    return uuid.uuid5(_NAMESPACE, name).urn


def _xml_text(value: str) -> str:
    return _NOT_XML.sub("", value)
