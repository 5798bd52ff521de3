"""Listing entries: what every listing (papers index, topic, keyword, author and home pages) shows of
a paper, and the orders and author groups the listings are built from.

A ``Card`` holds exactly what an entry shows (title, one-line summary, year or date added, topic, a
few keywords), so a listing page's key is the tuple of its cards: a page is rendered again when,
and only when, something it shows changed. Cards are plain frozen records; the template macro
``entry`` (templates/_macros.j2) turns one into markup, escaping every piece of seed text.
"""

from __future__ import annotations

import posixpath
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from generator.models import Catalogue, KeywordEntry, PageSource, Paper, Topic
from generator.site import escape
from generator.site.paginate import paginate
from generator.text.slug import slugify

# A summary is the paper's TLDR or the opening of its abstract, cut at a word at most this long.
SUMMARY_MAX = 170
SUMMARY_MIN = 120
# Keywords shown in an entry (one more is kept, for the keyword page that leaves its own out).
ENTRY_KEYWORDS = 3


@dataclass(frozen=True)
class KeywordLink:
    """A keyword as an entry links it: to its page (``has_page``) or to a search for ``text``."""

    label: str
    slug: str
    text: str
    has_page: bool


@dataclass(frozen=True)
class Card:
    id: str
    title: str
    generated: bool  # the title is made from the abstract, not the authors' own
    summary: str
    year: int | None  # curated publication year
    added: str  # date added (YYYY-MM-DD) when there is no curated year, else ""
    topic_slug: str
    topic_name: str
    keywords: tuple[KeywordLink, ...]


def summary(paper: Paper, limit: int = SUMMARY_MAX) -> str:
    """The paper's one-line summary: its TLDR when it has one, else the opening of its abstract, cut
    at a word (at most `limit` characters, with an ellipsis when cut)."""
    text = escape.one_line(paper.tldr or paper.text[: limit * 3])
    if len(text) <= limit and (paper.tldr or len(paper.text) <= limit * 3):
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[: limit + 1] else text[:limit]
    if len(cut) < SUMMARY_MIN // 2:  # one very long token: cut inside it
        cut = text[:limit]
    return cut.rstrip(" ,;:-\u2013\u2014") + "…"


def keyword_link(entry: KeywordEntry) -> KeywordLink:
    return KeywordLink(entry.keyword.label, entry.keyword.slug, entry.keyword.text, entry.has_page)


def cards(catalogue: Catalogue) -> dict[str, Card]:
    """Every paper's card, by id."""
    topics: dict[str, Topic] = {t.slug: t for t in catalogue.topics}
    keywords = {e.keyword.text: e for e in catalogue.keywords}
    out = {}
    for paper in catalogue.papers:
        topic = topics.get(paper.topic)
        links = tuple(
            keyword_link(keywords[k]) for k in paper.keywords[: ENTRY_KEYWORDS + 1] if k in keywords
        )
        year = paper.metadata.year
        out[paper.id] = Card(
            id=paper.id,
            title=paper.title,
            generated=paper.title_generated,
            summary=summary(paper),
            year=year,
            added="" if year else paper.first_seen[:10],
            topic_slug=topic.slug if topic else "",
            topic_name=topic.name if topic else "",
            keywords=links,
        )
    return out


def newest_first(papers: Sequence[Paper]) -> list[Paper]:
    """Newest added first (the commit that added the abstract); undated papers last; ties in
    catalogue order (a stable sort, reversed)."""
    return sorted(papers, key=lambda p: p.first_seen, reverse=True)


def a_to_z(papers: Sequence[Paper]) -> list[Paper]:
    return sorted(papers, key=lambda p: (title_sort_key(p.title), p.id))


def by_year(papers: Sequence[Paper]) -> list[tuple[str, Paper]]:
    """(year, paper) for the papers with a curated publication year, latest year first, each year
    newest added first. The papers without one are the newest-first listing's alone: a by-year
    listing of them would be that listing again (every paper, when no metadata has years)."""
    dated = [p for p in newest_first(papers) if p.metadata.year]
    dated.sort(key=lambda p: -(p.metadata.year or 0))
    return [(str(p.metadata.year), p) for p in dated]


@dataclass(frozen=True)
class Author:
    slug: str
    name: str  # the most common spelling (ties: the first in sort order)
    names: tuple[str, ...]  # every spelling that shares the slug, sorted
    papers: tuple[str, ...]  # ids, newest added first


def author_slug(name: str) -> str:
    """The one slug of an author's name (generator/text/slug.py), as on the paper page's links."""
    return slugify(escape.one_line(name), fallback="author")


def authors(papers: Iterable[Paper]) -> tuple[Author, ...]:
    """Every author named in curated metadata, one per slug (spellings that differ only in case,
    accents or punctuation are one author), sorted by slug."""
    spellings: dict[str, dict[str, int]] = {}
    listed: dict[str, list[str]] = {}
    for paper in newest_first(list(papers)):
        for name in dict.fromkeys(escape.one_line(n) for n in paper.metadata.authors):
            if not name:
                continue
            slug = author_slug(name)
            spellings.setdefault(slug, {}).setdefault(name, 0)
            spellings[slug][name] += 1
            if paper.id not in listed.setdefault(slug, []):
                listed[slug].append(paper.id)
    out = []
    for slug in sorted(spellings):
        counts = spellings[slug]
        name = sorted(counts, key=lambda n: (-counts[n], n))[0]
        out.append(Author(slug, name, tuple(sorted(counts)), tuple(listed[slug])))
    return tuple(out)


# The papers index in its three orders: (key, label, first page, folder of the pages after it).
ORDERS = (
    ("newest", "Newest first", "papers/index.md", "papers/page"),
    ("year", "By year", "papers/by-year/index.md", "papers/by-year"),
    ("az", "A\u2013Z", "papers/a-z/index.md", "papers/a-z"),
)


def root_of(path: str) -> str:
    """From the URL of the page made of `path` (directory URLs: ``papers/page/2.md`` is
    ``papers/page/2/``) back to the site's root, for the raw HTML links of entries."""
    depth = path.count("/") + (0 if posixpath.basename(path) == "index.md" else 1)
    return "../" * depth


def relative(target: str, page: str) -> str:
    """A Markdown link from page `page` to page `target`, both relative to docs/."""
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


@dataclass(frozen=True)
class SortLink:
    label: str
    href: str  # "" for the order shown


def sort_links(order: str, path: str) -> tuple[SortLink, ...]:
    return tuple(
        SortLink(label, "" if key == order else relative(first, path)) for key, label, first, _ in ORDERS
    )


def papers_index(
    catalogue: Catalogue, cards: dict[str, Card], render: Callable[..., str]
) -> Iterator[PageSource]:
    """The papers index newest first (papers/index.md, the default), by year and A-Z: static pages,
    paginated (generator/site/paginate.py)."""
    newest = newest_first(catalogue.papers)
    orders: dict[str, list[tuple[str, Paper]]] = {
        "newest": [("", p) for p in newest],
        "year": by_year(catalogue.papers),
        "az": [("", p) for p in a_to_z(catalogue.papers)],
    }
    for key, _label, first, folder in ORDERS:
        for page, items in paginate(orders[key], first, folder):
            yield PageSource(
                page.path,
                "",
                partial(
                    render,
                    "papers_index.md.j2",
                    catalogue=catalogue,
                    order=key,
                    undated=sum(1 for p in catalogue.papers if not p.metadata.year),
                    sorts=sort_links(key, page.path),
                    # titles.md is out of the navigation (one tab fewer on every page): linked here
                    titles=relative("titles.md", page.path),
                    page=page,
                    root=root_of(page.path),
                    groups=groups(items, cards),
                ),
            )


def groups(items: Sequence[tuple[str, Paper]], cards: dict[str, Card]) -> list[tuple[str, str, list[Card]]]:
    """Consecutive items of one group label as (label, its anchor, cards); "" labels no group."""
    out: list[tuple[str, str, list[Card]]] = []
    for label, paper in items:
        if not out or out[-1][0] != label:
            anchor = f"year-{label}" if label else ""
            out.append((label, anchor, []))
        out[-1][2].append(cards[paper.id])
    return out


def author_pages(
    catalogue: Catalogue, cards: dict[str, Card], render: Callable[..., str], page_key: Callable[..., str]
) -> Iterator[PageSource]:
    """authors/index.md, and authors/<slug>.md for every author named in curated metadata (keyed by
    `page_key` on what they show: the author and the cards of their papers)."""
    found = authors(catalogue.papers)
    for author in found:
        for page, ids in paginate(author.papers, f"authors/{author.slug}.md", f"authors/{author.slug}"):
            shown = tuple(cards[pid] for pid in ids)
            yield PageSource(
                page.path,
                page_key("author", author.slug, author.name, author.names, len(author.papers), page, shown),
                partial(
                    render,
                    "author.md.j2",
                    author=author,
                    page=page,
                    root=root_of(page.path),
                    cards=shown,
                ),
            )
    for page, listed in paginate(found, "authors/index.md", "authors/page"):
        yield PageSource(
            page.path, "", partial(render, "authors_index.md.j2", count=len(found), authors=listed, page=page)
        )


# --- A-Z index -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AzGroup:
    label: str  # "A" ... "Z", or "0-9" for titles that do not start with a letter
    anchor: str
    papers: tuple[Paper, ...]


def title_sort_key(title: str) -> str:
    """Accents folded, case folded: 'Éclair' sorts with 'eclair'."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return (folded or title).casefold()


def az_groups(papers: tuple[Paper, ...] | list[Paper]) -> tuple[AzGroup, ...]:
    """Papers grouped by the first letter of their title, groups and papers in A-Z order."""
    groups: dict[str, list[Paper]] = {}
    for paper in sorted(papers, key=lambda p: (title_sort_key(p.title), p.id)):
        first = next((ch for ch in title_sort_key(paper.title) if ch.isalnum()), "")
        letter = first.upper() if "a" <= first <= "z" else "0-9"
        groups.setdefault(letter, []).append(paper)
    order = sorted(groups, key=lambda g: (g != "0-9", g))
    return tuple(
        AzGroup(label, "letter-" + label.lower() if label != "0-9" else "letter-0-9", tuple(groups[label]))
        for label in order
    )


def az_letters(groups: tuple[AzGroup, ...]) -> tuple[tuple[str, str], ...]:
    """The jump bar: '0-9' when used, then every letter A-Z with its anchor ('' when no title)."""
    anchors = {g.label: g.anchor for g in groups}
    labels = (["0-9"] if "0-9" in anchors else []) + [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    return tuple((label, anchors.get(label, "")) for label in labels)
