"""Render the catalogue into page sources: one Renderer, Jinja2 templates kept in the package."""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from collections.abc import Iterable, Iterator
from functools import cache, partial
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from generator.models import (
    Catalogue,
    KeywordEntry,
    PageSource,
    Paper,
    Related,
    Source,
    Topic,
    keyword_page_threshold,
)
from generator.site import citations, escape, feeds, listing, outbound, scholar
from generator.site.listing import az_groups, az_letters, title_sort_key
from generator.site.paginate import paginate
from generator.site.topicmap import map_svg, nearby, neighbourhood_svg, topic_links
from generator.site.worddiff import word_diff
from generator.text.clean import link_spans
from generator.titles.generate import safe_title


def _finalize(value: Any) -> Any:
    """Every value printed by a template is escaped, unless a filter already made it safe markup."""
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return escape.text(value)
    return value


NEWEST_ON_HOME = 10


def _join(values: Any, separator: str = "") -> Markup:
    return Markup(escape.text(separator)).join(_finalize(v) for v in values)


@cache
def code_digest() -> str:
    """SHA-256 of the generator's code, its templates and the versions of Jinja and MarkupSafe: the
    first part of every page key, so that a new version of any of them renders every page again."""
    versions = [importlib.metadata.version(name) for name in ("jinja2", "markupsafe")]
    digest = hashlib.sha256(" ".join(versions).encode())
    for name, data in package_sources():
        digest.update(name.encode() + b"\0" + data)
    return digest.hexdigest()


def package_sources() -> list[tuple[str, bytes]]:
    """Every ``.py`` module and ``.j2`` template of the generator package, in every subpackage at any
    depth, as (path relative to the package, bytes), sorted by path: what ``code_digest`` hashes."""
    found: list[tuple[str, bytes]] = []

    def walk(folder: Traversable, prefix: str) -> None:
        for item in folder.iterdir():
            if item.is_dir():
                if item.name != "__pycache__":
                    walk(item, f"{prefix}{item.name}/")
            elif item.name.endswith((".py", ".j2")):
                found.append((prefix + item.name, item.read_bytes()))

    walk(resources.files("generator"), "")
    return sorted(found)


def page_key(*parts: object) -> str:
    """A digest of the ``repr`` of a page's inputs. Inputs are frozen dataclasses, tuples, strings
    and numbers, whose ``repr`` is stable across runs and processes (no sets, no object ids)."""
    return hashlib.sha256(repr((code_digest(), *parts)).encode("utf-8")).hexdigest()


class Renderer:
    def __init__(self) -> None:
        self.env = Environment(
            loader=PackageLoader("generator.site", "templates"),
            undefined=StrictUndefined,
            autoescape=True,
            finalize=_finalize,
            keep_trailing_newline=True,
            auto_reload=False,  # templates are package data: no stat() per page rendered
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["yaml"] = lambda v: Markup(escape.yaml_string(v))
        self.env.filters["slug"] = lambda v: Markup(escape.path_part(v))
        # Jinja's own join escapes only HTML, not Markdown: every item goes through escape.text.
        self.env.filters["join"] = _join
        self.env.filters["front_matter"] = lambda v: Markup(escape.front_matter(v))
        self.env.filters["front_matter_attribute"] = lambda v: Markup(escape.front_matter_attribute(v))
        self.env.filters["abstract"] = lambda v: escape.linked_text(link_spans(v))
        self.env.filters["worddiff"] = word_diff
        self.env.filters["klink"] = listing.keyword_link
        self.env.filters["author_slug"] = lambda v: Markup(escape.path_part(listing.author_slug(v)))
        # Multi-line text (a BibTeX entry) for a one-line <pre>: each line escaped, joined by &#10;.
        self.env.filters["lines"] = lambda v: Markup(
            "&#10;".join(escape.text(line) for line in v.split("\n"))
        )

    def render(self, catalogue: Catalogue) -> dict[str, str]:
        """Relative path under docs/ -> file content, for every generated file."""
        return {page.path: page.text() for page in self.pages(catalogue)}

    def pages(self, catalogue: Catalogue) -> Iterator[PageSource]:
        """Every generated file, lazily: rendering waits until ``content()`` is called.

        A page with a key lists what it shows: the paper (or keyword, topic) itself and, for every
        other paper it links to, the title. The pages rendered from these keys are the pages
        ``render`` returns (tests/test_render.py checks both ways give the same files).
        """
        by_id = {p.id: p for p in catalogue.papers}
        keywords = {e.keyword.text: e for e in catalogue.keywords}
        topics = {t.slug: t for t in catalogue.topics}
        listed_by = related_from(catalogue.papers)
        feed_paths = {e.keyword.text: feeds.keyword_feed_path(e) for e in feeds.feed_keywords(catalogue)}
        cards = listing.cards(catalogue)

        def titles(ids: Any) -> tuple[tuple[str, str], ...]:
            return tuple((pid, by_id[pid].title) for pid in ids)

        for paper in catalogue.papers:
            topic = topics.get(paper.topic)
            listers = listed_by.get(paper.id, [])
            key = page_key(
                "paper",
                paper,
                (topic.slug, topic.name) if topic else None,
                tuple(
                    (kw, keywords[kw].keyword, keywords[kw].has_page, keywords[kw].shared)
                    for kw in paper.keywords
                ),
                titles(r.id for r in paper.related),
                tuple(listers),
                titles(r.id for r in listers),
            )
            yield PageSource(
                f"papers/{paper.id}.md",
                key,
                partial(self._paper_page, paper, by_id, keywords, topic, listers),
            )
            if citations.citable(paper):
                for suffix, text in (
                    (".bib", citations.bibtex),
                    (".ris", citations.ris),
                    (".csl.json", citations.csl_json),
                ):
                    yield PageSource(
                        f"papers/{paper.id}{suffix}", page_key(suffix, paper), partial(text, paper)
                    )
        topic_pairs = topic_links(catalogue)
        near = nearby(topic_pairs)
        for topic in catalogue.topics:
            close = near.get(topic.slug, [])
            shown = tuple(cards[pid] for pid in topic.papers)
            members = tuple(by_id[pid] for pid in topic.papers)
            cited = tuple(p for p in members if citations.citable(p))
            yield PageSource(
                f"topics/{topic.slug}.md",
                page_key("topic", topic, shown, tuple((s, topics[s].name, n) for s, n in close), bool(cited)),
                partial(
                    self._page,
                    "topic.md.j2",
                    topic=topic,
                    cards=shown,
                    root=listing.root_of(f"topics/{topic.slug}.md"),
                    near=close,
                    topics=topics,
                    cited=len(cited),
                ),
            )
            if cited:  # the topic's citations, beside its page
                slug = escape.path_part(topic.slug)
                yield PageSource(
                    f"topics/{slug}.bib", page_key("bib", members), partial(citations.catalogue_bib, members)
                )
                yield PageSource(
                    f"topics/{slug}.csl.json",
                    page_key("csl", members),
                    partial(citations.catalogue_csl, members),
                )
        if catalogue.topics:
            yield PageSource(
                "topics/index.md", "", partial(self._page, "topics_index.md.j2", catalogue=catalogue)
            )
            yield PageSource(
                "map.md",
                "",
                lambda: self._page(
                    "map.md.j2",
                    catalogue=catalogue,
                    svg=map_svg(catalogue.topics, topic_pairs, "../"),
                    near=near,
                    topics=topics,
                ),
            )
        # Only a keyword that enough papers share has a page (models.keyword_page_threshold); one of a
        # few papers links to a search for it, one of a single paper is plain text on its paper.
        shared = tuple(e for e in catalogue.keywords if e.has_page)
        for entry in shared:
            slug = escape.path_part(entry.keyword.slug)
            for page, ids in paginate(entry.papers, f"keywords/{slug}.md", f"keywords/{slug}"):
                feed = feed_paths.get(entry.keyword.text, "") if page.number == 1 else ""
                shown = tuple(cards[pid] for pid in ids)
                yield PageSource(
                    page.path,
                    page_key("keyword", entry.keyword, len(entry.papers), page, feed, shown),
                    partial(
                        self._page,
                        "keyword.md.j2",
                        entry=entry,
                        title=keyword_title(entry),
                        feed=feed,
                        page=page,
                        root=listing.root_of(page.path),
                        cards=shown,
                    ),
                )
        few = tuple(e for e in catalogue.keywords if e.shared and not e.has_page)
        single = tuple(e for e in catalogue.keywords if not e.shared)
        listed = [("shared", e) for e in shared] + [("few", e) for e in few] + [("single", e) for e in single]
        for page, entries in paginate(listed, "keywords/index.md", "keywords/page"):
            yield PageSource(
                page.path,
                "",
                partial(
                    self._page,
                    "keywords_index.md.j2",
                    catalogue=catalogue,
                    shared=shared,
                    few=few,
                    single=single,
                    threshold=keyword_page_threshold(len(catalogue.papers)),
                    page=page,
                    root=listing.root_of(page.path),
                    entries=entries,
                ),
            )
        yield from listing.papers_index(catalogue, cards, self._page)
        yield from listing.author_pages(catalogue, cards, self._page, page_key)
        by_title = sorted(catalogue.papers, key=lambda p: (title_sort_key(p.title), p.id))
        yield PageSource(
            "index.md",
            "",
            partial(
                self._page,
                "home.md.j2",
                catalogue=catalogue,
                newest=[cards[p.id] for p in feeds.newest(catalogue.papers, NEWEST_ON_HOME)],
                first=[cards[p.id] for p in catalogue.papers[:NEWEST_ON_HOME]],
                site_name=feeds.SITE_NAME,
                feed=feeds.MAIN_FEED if feeds.has_feeds(catalogue) else "",
            ),
        )
        groups = az_groups(by_title)
        yield PageSource(
            "titles.md",
            "",
            partial(
                self._page, "titles.md.j2", catalogue=catalogue, groups=groups, letters=az_letters(groups)
            ),
        )
        yield PageSource("catalogue.json", "", partial(catalogue_json, catalogue))
        yield PageSource(citations.CATALOGUE_BIB, "", partial(citations.catalogue_bib, catalogue.papers))
        yield PageSource(citations.CATALOGUE_CSL, "", partial(citations.catalogue_csl, catalogue.papers))

    def _paper_page(
        self,
        paper: Paper,
        by_id: dict[str, Paper],
        keywords: dict[str, KeywordEntry],
        topic: Topic | None,
        listed_by: list[Related],
    ) -> str:
        return self._page(
            "paper.md.j2",
            paper=paper,
            description=scholar.description(paper.tldr or paper.text),
            citation=scholar.escaped_citation_tags(paper),
            jsonld=scholar.jsonld(paper),
            citation_files=citation_files(paper),
            by_id=by_id,
            keywords=keywords,
            links=outbound.found_links(paper) + outbound.metadata_links(paper),
            searches=outbound.search_links(paper),
            bibtex=citations.bibtex(paper),
            ris=citations.ris(paper).rstrip("\n"),
            csl_json=citations.csl_json(paper).rstrip("\n"),
            seed=shown_source(paper),
            topic=topic,
            neighbourhood=neighbourhood_svg(paper, "../"),
            listed_by=listed_by,
        )

    def _page(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)


def citation_files(paper: Paper) -> tuple[tuple[str, str, str], ...]:
    """(label, file name beside the page, download name) of the paper's citation files; none
    when the paper is not cited (citations.citable)."""
    if not citations.citable(paper):
        return ()
    key = citations.bibtex_key(paper)
    return tuple((label, paper.id + suffix, key + suffix) for suffix, label in citations.FORMATS)


def shown_source(paper: Paper) -> Source:
    """The first seed line holding the abstract the page shows (not a near-duplicate variant's)."""
    variants = {s for v in paper.variants for s in v.sources}
    return next((s for s in paper.sources if s not in variants), paper.sources[0])


MAX_LISTED_BY = 5


def related_from(papers: tuple[Paper, ...]) -> dict[str, list[Related]]:
    """For each paper, the papers that list it as related but that it does not list, best first."""
    found: dict[str, list[Related]] = {}
    for paper in papers:
        for rel in paper.related:
            found.setdefault(rel.id, []).append(Related(paper.id, rel.score, rel.shared, rel.terms))
    by_id = {p.id: p for p in papers}
    out = {}
    for pid, links in found.items():
        own = {r.id for r in by_id[pid].related}
        extra = sorted((r for r in links if r.id not in own), key=lambda r: (-r.score, r.id))
        if extra:
            out[pid] = extra[:MAX_LISTED_BY]
    return out


def keyword_title(entry: KeywordEntry) -> str:
    return safe_title(entry.keyword.label) or entry.keyword.slug


def paper_url(paper_id: str) -> str:
    return f"papers/{paper_id}/"


def catalogue_json(catalogue: Catalogue) -> Iterator[str]:
    """catalogue.json, one paper, keyword or topic a line: a one-paper change is a one-line diff, and
    every line comes from json's C encoder (``indent`` would switch to its pure-Python one, 5x
    slower). Yielded a line at a time, so the file is never one string in memory. Compact separators
    (no space after "," and ":"): about 3% of the file, which is read by programs."""
    slugs = {e.keyword.text: e.keyword.slug for e in catalogue.keywords}

    def line(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    stats = {
        "seed_files": catalogue.stats.seed_files,
        "seed_lines": catalogue.stats.seed_lines,
        "papers": catalogue.stats.papers,
        "duplicates_merged": catalogue.stats.duplicates_merged,
        "exact_duplicates": catalogue.stats.exact_duplicates,
        "near_duplicates": catalogue.stats.near_duplicates,
    }
    sections: dict[str, Iterable[object]] = {
        "papers": (_paper_json(p, slugs) for p in catalogue.papers),
        "keywords": (
            _compact(
                {
                    "keyword": e.keyword.text,
                    "acronym": e.keyword.acronym,
                    # Only keywords that enough papers share have a page (models.keyword_page_threshold).
                    "url": f"keywords/{e.keyword.slug}/" if e.has_page else None,
                    "papers": list(e.papers),
                }
            )
            for e in catalogue.keywords
            # A keyword of one paper with no page and no acronym says nothing its paper's
            # "keywords" does not (most keywords: 0.2 KB per paper).
            if e.has_page or e.keyword.acronym or len(e.papers) > 1
        ),
        "topics": (
            _compact(
                {
                    "topic": t.slug,
                    "name": t.name,
                    "url": f"topics/{t.slug}/",
                    "keywords": list(t.keywords),
                    "papers": list(t.papers),
                }
            )
            for t in catalogue.topics
        ),
    }
    yield '{\n"version": 2,\n"stats": ' + line(stats)
    for name, items in sections.items():
        yield f",\n{line(name)}: ["
        separator = "\n"
        for item in items:
            yield separator + line(item)
            separator = ",\n"
        yield "]" if separator == "\n" else "\n]"
    yield "\n}\n"


def _compact(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields with a value: a null, empty string or empty list is left out (a reader takes a
    missing field as unknown or none; catalogue.json is read by programs, at 2,000 papers every
    ``"doi":null`` is 20 KB)."""
    return {k: v for k, v in fields.items() if v is not None and v != "" and v != [] and v != {}}


def _paper_json(paper: Paper, slugs: dict[str, str]) -> dict[str, Any]:
    keys = {s: v.key for v in paper.variants for s in v.sources}
    m = paper.metadata
    return _compact(
        {
            "id": paper.id,
            "url": paper_url(paper.id),
            "title": paper.title,
            "title_generated": paper.title_generated,
            # one sentence on what the paper does or finds; tldr_generated: chosen from the abstract
            "tldr": paper.tldr,
            "tldr_generated": paper.tldr_generated,
            # the curated fields that are known (README, "Curated metadata")
            "metadata": _compact(
                {
                    "title": m.title,
                    "authors": list(m.authors),
                    "year": m.year,
                    "venue": m.venue,
                    "doi": m.doi,
                    "arxiv": m.arxiv,
                    "url": m.url,
                    "tldr": m.tldr,
                    # where an entry written by the enrich command comes from, and its match score
                    "source": m.source,
                    "score": m.score,
                }
            ),
            "code": list(paper.urls),
            "abstract": paper.text,
            "keywords": list(paper.keywords),
            "related": [
                _compact({"id": r.id, "score": r.score, "shared": list(r.shared), "terms": list(r.terms)})
                for r in paper.related
            ],
            # key: the variant each line is a copy of (lines with one key are exact duplicates); the
            # review of a seed change (generator/review.py) follows lines and ids by it.
            "sources": [
                {"file": s.file, "line": s.line, "key": keys.get(s, paper.key)} for s in paper.sources
            ],
            "variants": [
                {"file": s.file, "line": s.line, "similarity": v.similarity}
                for v in paper.variants
                for s in v.sources
            ],
            "first_seen": paper.first_seen,
            "topic": paper.topic,
        }
    )
