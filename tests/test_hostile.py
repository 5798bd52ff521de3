"""The hostile seed corpus (tests/hostile/) built into real sites with `mkdocs build --strict`.

Two sites: one from the real command line, and one whose titles are the raw opening text of each
abstract and whose papers carry extra hostile keywords, built with risky Markdown extensions enabled
(snippets, attr_list, md_in_html...), so the escaping of titles and keywords is tested whatever the
title and keyword stages let through and whatever extensions a later change turns on. Every test
here fails if the escaping of its context is removed (tests/test_escape.py: the contexts one by one).
"""

from __future__ import annotations

import html
import json
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlparse

import extruct
import lxml.html
import pytest
import rispy
import yaml

from generator.enrich import command
from generator.identity.normalize import paper_id
from generator.inputs import ingest
from generator.keywords.stage import keyword_index
from generator.pipeline import catalogue_from
from generator.site import escape, write
from generator.site.listing import author_slug
from generator.site.render import Renderer
from generator.text.clean import clean_text
from generator.titles.generate import curated_title

from .conftest import HAND_WRITTEN, ROOT, BuiltSite, build_site, mkdocs_build
from .fake_index import FakeIndex
from .searchindex import engine, search_docs
from .searching import SETTLED_JS, search
from .sitehtml import PageParser, fragment, inner_html, parse, text_of
from .siteserver import SiteServer

pytestmark = pytest.mark.site

HOSTILE = ROOT / "tests" / "hostile"
ARTIFACTS = ROOT / "test-artifacts"
# Keywords no extractor should produce, added to every paper of the raw-title site.
HOSTILE_KEYWORDS = (
    "<script>window.__pwned=90</script>",
    "</title><img src=x onerror=window.__pwned=91>",
    "<!-- keyword comment",
    "{{ 7*7*7*7*7 }} kw",
    "index",
    "Index",
    "../../etc/passwd",
    '"quoted: kw\u2028title: injected',
    "x" * 100_000,
)
# The seed lines that cleaning changes on purpose, and how; every other line shows as written.
CLEANED = {
    "hostile.txt:28": ("next line title", "next line\u2026title"),  # ftfy: Windows-1252 ellipsis
    "hostile.txt:35": ('<base href="//evil.example/">', '<base href="https://evil.example/">'),
    "hostile.txt:36": ("protocol-relative //evil", "protocol-relative https://evil"),
    "hostile.txt:37": (
        r"\url{javascript:window.__pwned=37} and \textbf{<b onmouseover=window.__pwned=37>bold</b>} "
        r"and $<img src=x onerror=window.__pwned=37>$",
        "javascript:window.__pwned=37 and <b onmouseover=window.__pwned=37>bold</b> "
        "and <img src=x onerror=window.__pwned=37>",
    ),
    "hostile.txt:39": ("cafÃ© naÃ¯ve rÃ©sumÃ©", "café naïve résumé"),
    "hostile.txt:50": (r"\_ \` \#", r"_ \` #"),
}
# Where a tag, comment or character reference would start in raw HTML text.
MARKUP_START = re.compile(r"<[A-Za-z/!?]|&[#A-Za-z]")
# Text of files outside the seeds that a snippet or include would publish.
OUTSIDE = ("root:x:0:0", "markdown_extensions:", "not_in_nav:", "build-backend", "[project]")


# Markdown extensions a later change may enable, each a trap for unescaped text: snippets include
# files (--8<--), attr_list adds attributes ({ onerror=... }), md_in_html parses Markdown in HTML.
RISKY_EXTENSIONS = (
    "attr_list",
    "md_in_html",
    "footnotes",
    "abbr",
    "def_list",
    "pymdownx.snippets",
    "pymdownx.superfences",
    "pymdownx.details",
    "pymdownx.inlinehilite",
)


def with_risky_extensions(config: str) -> str:
    missing = [name for name in RISKY_EXTENSIONS if f"- {name}" not in config]
    assert "\nmarkdown_extensions:\n" in config
    return config.replace(
        "\nmarkdown_extensions:\n", "\nmarkdown_extensions:\n" + "".join(f"  - {m}\n" for m in missing), 1
    )


def build_raw_title_site(tmp: Path) -> BuiltSite:
    """The hostile corpus through every real stage, then titles and TLDRs = raw text and hostile
    keywords."""
    catalogue = catalogue_from(ingest.read_seeds(HOSTILE))
    papers = tuple(
        replace(p, title=p.text[:100], tldr=p.text[:300], keywords=p.keywords + HOSTILE_KEYWORDS)
        for p in catalogue.papers
    )
    catalogue = replace(catalogue, papers=papers, keywords=keyword_index(papers))
    docs = tmp / "docs"
    docs.mkdir(parents=True)
    for name in HAND_WRITTEN:
        src = ROOT / "docs" / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, docs / name)
    (tmp / "mkdocs.yml").write_text(with_risky_extensions((ROOT / "mkdocs.yml").read_text(encoding="utf-8")))
    if (ROOT / "overrides").is_dir():  # the theme's custom_dir
        shutil.copytree(ROOT / "overrides", tmp / "overrides")
    shutil.copytree(ROOT / "hooks", tmp / "hooks")
    write.write(docs, Renderer().render(catalogue))
    mkdocs_build(tmp)
    return BuiltSite(root=tmp, docs=docs, site=tmp / "site")


@pytest.fixture(scope="module")
def cli_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_site(tmp_path_factory.mktemp("hostile-cli"), HOSTILE)


# What an open index might send back as a paper's title, authors and venue (the enrich command).
INDEX_TITLES = (
    "<script>window.__pwned=70</script> Case {n}",
    "</title><img src=x onerror=window.__pwned=71> Case {n}",
    "**Bold** [link](javascript:window.__pwned=72) Case {n} ![x](data:text/html,x)",
    "{{{{ 7*7*7*7*7 }}}} {{% raw %}} Case {n} {{# comment",
    "<!-- Case {n} unclosed comment",
    "# Heading Case {n}\u2028title: injected",
    "Case {n} &lt;b&gt; &#60;i&#62; &amp; entity --8<-- /etc/passwd",
)
INDEX_AUTHORS = [
    "<img src=x onerror=window.__pwned=73>",
    "{{ config }}",
    "Jane [Doe](javascript:window.__pwned=74)",
]
INDEX_VENUE = "# Venue *x* <b onmouseover=window.__pwned=75>v</b> {: onclick=window.__pwned=76 }"


def index_records() -> list[dict[str, object]]:
    """A record for every hostile abstract, half on each fake index, with hostile titles."""
    return [
        {
            "services": ["arxiv"] if n % 2 else ["openalex"],
            "arxiv": f"2401.{n:05d}",
            "openalex": f"W{n}",
            "title": INDEX_TITLES[n % len(INDEX_TITLES)].format(n=n),
            "authors": INDEX_AUTHORS,
            "venue": INDEX_VENUE,
            "doi": f'10.1234/{n}"><script>alert(77)</script>',  # a valid DOI: percent-encoded in its link
            "url": f'https://example.org/{n}"><svg onload=window.__pwned=78>',  # not a valid url: dropped
            "year": 2024,
            "abstract": line.text,
        }
        for n, line in enumerate(ingest.read_seeds(HOSTILE), 1)
    ]


@pytest.fixture(scope="module")
def index_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The hostile corpus with the titles, authors and venues a fake index gave `enrich`."""
    tmp = tmp_path_factory.mktemp("hostile-index")
    seeds = tmp / "seeds"
    shutil.copytree(HOSTILE, seeds)
    fake = FakeIndex(index_records(), key="hostile-key").start()
    try:
        summary = command.run(
            seeds,
            command.Options(
                contact="hostile@example.org",
                arxiv=command.Service("arxiv", fake.arxiv_url, 0.0),
                openalex=command.Service("openalex", fake.openalex_url, 0.0),
                openalex_key="hostile-key",
                limit=1000,
                retries=0,
                cache_dir=None,
                quiet=True,
            ),
        )
    finally:
        fake.stop()
    assert summary.matched >= INDEX_MATCHED, summary
    return build_site(tmp / "project", seeds)


# Hostile papers whose abstract the fake index finds and verifies (the others: no query words, or
# a whitespace character XML cannot carry in arXiv's feed).
INDEX_MATCHED = 40


@pytest.fixture(scope="module")
def raw_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_raw_title_site(tmp_path_factory.mktemp("hostile-raw"))


@pytest.fixture(params=["cli", "raw", "index"])
def hostile(request: pytest.FixtureRequest) -> BuiltSite:
    return request.getfixturevalue(f"{request.param}_site")


def seed_lines() -> list[ingest.SeedLine]:
    lines = list(ingest.read_seeds(HOSTILE))
    assert len(lines) == 54  # every case of the corpus is read
    return lines


def expected_abstract(line: ingest.SeedLine) -> str:
    written = " ".join(line.text.split())
    if str(line.source) in CLEANED:
        before, after = CLEANED[str(line.source)]
        assert before in written
        return written.replace(before, after)
    return written


def html_pages(built: BuiltSite) -> list[Path]:
    return sorted(built.site.rglob("*.html"))


# --- the abstracts -----------------------------------------------------------------------------
def test_cleaning_leaves_every_hostile_payload_as_written() -> None:
    for line in seed_lines():
        assert clean_text(line.text) == expected_abstract(line), str(line.source)


def test_every_abstract_is_on_its_page_exactly_once_with_its_text_intact(hostile: BuiltSite) -> None:
    shown: Counter[str] = Counter()
    for page in sorted((hostile.site / "papers").glob("??????????/index.html")):  # paper ids, not listings
        source = page.read_text(encoding="utf-8")
        assert source.count("data-abstract") == 1, page
        shown[text_of(page, "abstract")] += 1
        # The abstract is an element the HTML parser sees (not swallowed by a comment or a title).
        assert any(tag == "div" and "data-abstract" in attrs for tag, attrs in parse(page).elements), page
    for line in seed_lines():
        text = expected_abstract(line)
        assert shown[text] == 1, (str(line.source), text[:80])
        page = hostile.site / "papers" / paper_id(line.text) / "index.html"
        assert text_of(page, "abstract") == text


def test_catalogue_json_and_sources_keep_the_text_and_file_names(hostile: BuiltSite) -> None:
    data = json.loads((hostile.site / "catalogue.json").read_text(encoding="utf-8"))
    assert sorted(p["abstract"] for p in data["papers"]) == sorted(expected_abstract(x) for x in seed_lines())
    page = hostile.site / "papers" / paper_id("Case 54 a seed file whose name has markup characters.")
    assert "odd name & [x](y) <b>.txt:1" in html.unescape(
        re.sub(r"<[^>]+>", "", (page / "index.html").read_text())
    )


# --- no markup, script, scheme, file or template from a seed ----------------------------------
class _Collector(PageParser):
    def __init__(self) -> None:
        super().__init__()
        self.in_script = False
        self.in_data = False
        self.scripts: list[str] = []
        # JSON-LD: data, not code (it holds an index's title as text); it must parse whole as JSON.
        self.data_blocks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        super().handle_starttag(tag, attrs)
        self.in_script = tag == "script"
        self.in_data = self.in_script and dict(attrs).get("type") == "application/ld+json"

    def handle_data(self, data: str) -> None:
        if self.in_script:
            (self.data_blocks if self.in_data else self.scripts).append(data)
            self.in_script = self.in_data = False


def _collect(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def _shapes(built: BuiltSite) -> set[tuple[str, tuple[str, ...]]]:
    return {
        (tag, tuple(sorted(attrs))) for page in html_pages(built) for tag, attrs in _collect(page).elements
    }


# An http(s) link whose query and path carry text only percent-encoded (no quote, bracket or space).
_ENCODED_URL = re.compile(r"https?://[A-Za-z0-9.-]+/[A-Za-z0-9\-._~/?#&=+%]*")


def _neighbourhood_shapes() -> set[tuple[str, tuple[str, ...]]]:
    """The element shapes of a paper's neighbourhood picture (``topicmap.neighbourhood_svg``), which
    the seed site may lack: since the pair model, few seed papers show the 3 links it needs."""
    from generator.models import Paper, Related, Source
    from generator.site.topicmap import neighbourhood_svg

    links = tuple(Related(c * 10, 0.5 - 0.1 * i, ()) for i, c in enumerate("bcd"))
    collector = _Collector()
    collector.feed(str(neighbourhood_svg(Paper("a" * 10, "x", (Source("a.txt", 1),), related=links), "../")))
    return {(tag, tuple(sorted(attrs))) for tag, attrs in collector.elements}


def test_no_element_or_attribute_is_injected(hostile: BuiltSite, seed_site: BuiltSite) -> None:
    # Every element shape (tag and attribute names) of the hostile site also occurs in the site built
    # from the ordinary seeds (or the neighbourhood picture): an injected <img onerror>, <svg onload>,
    # <iframe>... would be new.
    assert _neighbourhood_shapes()
    assert _shapes(hostile) - _shapes(seed_site) - _neighbourhood_shapes() == set()
    for page in html_pages(hostile):
        collector = _collect(page)
        for tag, attrs in collector.elements:
            assert not [name for name in attrs if name.startswith("on")], (page, tag, attrs)
            # Seed text reaches one attribute as data, the meta description: quoted and plain; and
            # an index's title or DOI reaches links (searches, doi.org) only percent-encoded.
            values = [
                str(v)
                for k, v in attrs.items()
                if not (tag == "meta" and k == "content")
                and not (k == "href" and _ENCODED_URL.fullmatch(v or ""))
            ]
            assert "__pwned" not in " ".join(values), (page, tag, attrs)
            if tag == "meta" and attrs.get("name") == "description":
                assert attrs["content"] == escape.one_line(attrs["content"] or ""), page
            for name in ("href", "src", "action", "formaction", "data"):
                value = (attrs.get(name) or "").strip()
                if value == "javascript:void(0)" and "md-search__icon" in (attrs.get("class") or ""):
                    continue  # Material's own share button
                assert urlparse(value).scheme in ("", "http", "https"), (page, tag, attrs)
        assert not [s for s in collector.scripts if "__pwned" in s or "alert(" in s], page
        for block in collector.data_blocks:
            assert isinstance(json.loads(block), dict) and "<" not in block, page


def test_abstract_links_are_real_https_links_and_nothing_else_is_a_link(hostile: BuiltSite) -> None:
    def abstract_links(first_words: str) -> list[str]:
        line = next(x for x in seed_lines() if x.text.startswith(first_words))
        page = hostile.site / "papers" / paper_id(line.text) / "index.html"
        parser = fragment(inner_html(page, attribute="data-abstract"))
        shapes = {(tag, tuple(sorted(attrs))) for tag, attrs in parser.elements}
        assert shapes <= {("a", ("href", "rel")), ("p", ())}
        assert all(attrs["rel"] == "nofollow noopener" for tag, attrs in parser.elements if tag == "a")
        return parser.links

    assert abstract_links("Case 33") == [
        "https://example.org/a",
        "https://example.org/",
        "https://example.org/x?a=1&b=2#frag",
    ]
    assert abstract_links("Case 36") == ["https://evil.example", "https://evil.example/path"]
    for case in ("Case 01", "Case 03", "Case 04", "Case 34", "Case 37", "Case 42"):
        assert all(link.startswith("https://") for link in abstract_links(case)), case


def test_no_file_content_from_outside_the_seeds(hostile: BuiltSite) -> None:
    for path in hostile.site.rglob("*"):
        if path.suffix in (".html", ".json", ".xml", ".txt"):
            content = path.read_text(encoding="utf-8")
            assert not [needle for needle in OUTSIDE if needle in content], path


def test_no_template_is_evaluated(hostile: BuiltSite) -> None:
    for path in hostile.site.rglob("*"):
        if path.suffix in (".html", ".json"):
            content = path.read_text(encoding="utf-8")
            assert "16807" not in content and "<class " not in content, path
    page = (
        hostile.site / "papers" / paper_id(next(x.text for x in seed_lines() if x.text.startswith("Case 13")))
    )
    assert "{{ 7*7*7*7*7 }} {% raw %}{{ config.site_name }}{% endraw %}" in text_of(
        page / "index.html", "abstract"
    )


def test_tldrs_of_raw_abstract_text_read_as_written_under_the_title(raw_site: BuiltSite) -> None:
    # The raw site's TLDRs are each abstract's first 300 characters as written (markup, template and
    # Markdown syntax, entities): the paper page shows them as text, nothing evaluated or formed.
    data = json.loads((raw_site.docs / "catalogue.json").read_text(encoding="utf-8"))
    shown = 0
    for paper in data["papers"]:
        page = raw_site.site / "papers" / paper["id"] / "index.html"
        parser = fragment(inner_html(page, "tldr"))
        assert {tag for tag, _ in parser.elements} <= {"strong", "span"}, page
        expected = " ".join(("TLDR generated: " + paper["tldr"]).split())
        assert " ".join(text_of(page, "tldr").split()) == expected, page
        shown += 1
    assert shown == len(data["papers"]) > 40


# --- titles, front matter, navigation, search ---------------------------------------------------
def test_front_matter_has_only_its_own_keys_and_plain_values(hostile: BuiltSite) -> None:
    for page in sorted(hostile.docs.glob("*/*.md")):
        source = page.read_text(encoding="utf-8")
        assert source.startswith("---\n"), page
        front = yaml.safe_load(source.split("---\n", 2)[1])
        # Only the generator's keys: an injected line break would add one (x: y, injected: ...).
        keys = {"title", "description", "tags", "feed", "feed_title", "search", "hide"}
        keys |= {"citation", "jsonld", "paper", "seed", "seed_line"}  # paper pages (scholar.py)
        assert "title" in front and set(front) <= keys, page
        for name, value in front.get("citation", []):  # printed raw into attributes
            assert re.fullmatch(r"citation_[a-z_]+", name) and value == escape.attribute(html.unescape(value))
        # printed raw inside a <script>: no "<" at all, and it is JSON
        assert "<" not in front.get("jsonld", "") and json.loads(front.get("jsonld", "{}")) is not None
        assert re.fullmatch(r"[0-9a-f]{10}", front.get("paper", "0" * 10)), page
        assert isinstance(front.get("seed_line", 1), int) and "\n" not in front.get("seed", ""), page
        assert front.get("hide", ["toc"]) == ["toc"], page
        assert front.get("search", {"exclude": True}) == {"exclude": True}, page
        assert all(isinstance(t, str) and t == escape.page_title(t) for t in front.get("tags", [])), page
        assert re.fullmatch(r"feed(-[a-z0-9]+(-[a-z0-9]+)*)?\.xml", front.get("feed", "feed.xml")), page
        assert front.get("feed_title", "x") == escape.one_line(front.get("feed_title", "x")), page
        assert front["title"] and front["title"] == escape.page_title(front["title"]), page
        description = front.get("description", "x")
        assert description and description == escape.attribute(html.unescape(description)), page


def test_titles_in_head_header_and_heading_carry_no_markup(hostile: BuiltSite) -> None:
    for page in sorted((hostile.site / "papers").glob("*/index.html")) + sorted(
        (hostile.site / "keywords").glob("*/index.html")
    ):
        source = page.read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", source, re.S)
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", source, re.S)
        assert title and h1, page
        for raw in (title.group(1), h1.group(1)):
            # Material prints the title raw: as the source has it, and as text once parsed (the
            # minifier may write a "<" of the text as "&lt;"), no tag or character reference starts.
            assert not MARKUP_START.search(html.unescape(raw)), (page, raw)
            assert not re.search(r"<[A-Za-z/!?]", raw), (page, raw)


def test_search_index_has_no_markup_from_seeds(hostile: BuiltSite) -> None:
    # The served site searches with Pagefind, which indexes the pages' text: a payload the page
    # shows as text is text in the index too, titles and keywords carry no markup, and every
    # hostile paper is findable. (Material's index of the file:// build: test_offline.py.)
    assert engine(hostile.site) == "pagefind"
    docs = {d["location"]: d for d in search_docs(hostile.site)}
    for doc in docs.values():
        assert not MARKUP_START.search(doc["title"]), doc["title"]
        for tag in doc["tags"]:
            assert not MARKUP_START.search(tag), tag
    data = json.loads((hostile.site / "catalogue.json").read_text(encoding="utf-8"))
    papers = {p["url"]: p for p in data["papers"]}
    assert {f"papers/{paper_id(x.text)}/" for x in seed_lines()} <= set(docs)
    for url, paper in papers.items():
        text = docs[url]["text"]
        # Pagefind drops zero-width spaces (U+200B) from the text it stores; nothing else differs.
        assert " ".join(paper["abstract"].replace("\u200b", "").split()) in text, url
        # Keywords as the page's front matter gives them (made plain, one line), as Material had them.
        source = (hostile.docs / f"papers/{paper['id']}.md").read_text(encoding="utf-8")
        assert docs[url]["tags"] == (yaml.safe_load(source.split("---\n", 2)[1]).get("tags") or []), url
    assert any("<script>window.__pwned" in d["text"] for d in docs.values())


def test_hostile_keywords_get_safe_distinct_pages(raw_site: BuiltSite) -> None:
    data = json.loads((raw_site.site / "catalogue.json").read_text(encoding="utf-8"))
    urls = {k["keyword"]: k.get("url") for k in data["keywords"]}
    hostile_urls = [urls[k] for k in HOSTILE_KEYWORDS]
    assert len(set(hostile_urls)) == len(HOSTILE_KEYWORDS)
    assert all(re.fullmatch(r"keywords/[a-z0-9]+(-[a-z0-9]+)*/", u) and len(u) < 80 for u in hostile_urls)
    assert "keywords/index/" not in urls.values()
    written = {p.relative_to(raw_site.docs).as_posix() for p in raw_site.docs.rglob("*") if p.is_file()}
    hand_written = ("about.md", "stylesheets/", "vendor/", ".generated")
    assert all(write.is_owned(p) or p.startswith(hand_written) for p in written)
    # The keyword index page is still the list of keywords, not a keyword page that overwrote it.
    index_page = (raw_site.docs / "keywords/index.md").read_text(encoding="utf-8")
    assert yaml.safe_load(index_page.split("---\n", 2)[1])["title"] == "Keywords"


# --- headless Chromium: no injected script runs ------------------------------------------------


@pytest.fixture(scope="module")
def raw_server(raw_site: BuiltSite) -> Iterator[str]:
    server = SiteServer("/").serve(raw_site.site)
    yield server.url
    server.close()


# Fire the events an injected handler would wait for on every element of the abstract and headings.
_PROVOKE = """() => {
  for (const el of document.querySelectorAll('[data-abstract], [data-abstract] *, h1, .md-header *')) {
    for (const type of ['mouseover', 'mouseenter', 'focus', 'load', 'error', 'animationstart']) {
      el.dispatchEvent(new Event(type));
    }
  }
  return [typeof window.__pwned, document.querySelectorAll('[data-abstract]').length];
}"""


@pytest.mark.browser
def test_no_injected_script_runs_in_chromium(browser, raw_server: str, raw_site: BuiltSite) -> None:
    # A canary: the same check sees a script that does run.
    page = browser.new_page()
    page.set_content("<script>window.__pwned = 1</script>")
    assert page.evaluate("typeof window.__pwned") == "number"
    page.close()

    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    foreign: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(raw_server) else foreign.append(r.url))
    # Every page whose seed text carries a payload that would run (the others are checked statically).
    shown = {
        f"papers/{paper_id(x.text)}/": expected_abstract(x)
        for x in seed_lines()
        if "__pwned" in x.text or "alert(" in x.text
    }
    assert len(shown) >= 14
    urls = ["", "papers/", "keywords/", *shown]
    data = json.loads((raw_site.site / "catalogue.json").read_text(encoding="utf-8"))
    slugs = {k["keyword"]: k.get("url") for k in data["keywords"]}
    urls += [slugs[k] for k in HOSTILE_KEYWORDS]
    for url in urls:
        page.goto(raw_server + url)
        kind, abstracts = page.evaluate(_PROVOKE)
        assert kind == "undefined", url
        if url in shown:  # the reader sees the abstract as written
            assert abstracts == 1, url
            assert page.locator("[data-abstract]").text_content() == shown[url], url
    # Search renders seed text from the index: search a payload word; results show it as text.
    page.goto(raw_server)
    page.keyboard.press("/")
    results = search(page, "script")
    assert results.count() >= 2
    assert "<script>window.__pwned" in page.locator(".md-search-result").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "hostile-search.png"))
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == []
    assert foreign == []
    page.close()


def test_index_titles_are_shown_as_curated_without_markup(index_site: BuiltSite) -> None:
    data = json.loads((index_site.site / "catalogue.json").read_text(encoding="utf-8"))
    curated = [p for p in data["papers"] if not p["title_generated"]]
    assert len(curated) >= INDEX_MATCHED
    for paper in curated:
        meta = paper["metadata"]
        assert meta["source"] in ("arxiv", "openalex") and meta["score"] >= command.ACCEPT
        assert meta["authors"] == INDEX_AUTHORS  # data, kept as sent
        # An OpenAlex venue is kept as sent; arXiv's journal_ref is a reference, not a venue.
        assert meta["venue"] == (INDEX_VENUE if meta["source"] == "openalex" else "arXiv preprint")
        assert "url" not in meta or meta["url"].startswith("https://arxiv.org/abs/")  # the bad url dropped
        # The title as the index wrote it (on one line): escaped where shown, never stripped.
        assert paper["title"] == curated_title(meta["title"]) and "Case" in paper["title"]
        page = (index_site.site / paper["url"] / "index.html").read_text(encoding="utf-8")
        assert "Title and details from" in page
        shown = " ".join(text_of(index_site.site / paper["url"] / "index.html", "paper-authors").split())
        assert shown == ", ".join(INDEX_AUTHORS)


def test_hostile_author_names_get_author_pages_as_inert_text(index_site: BuiltSite) -> None:
    """Each author an index sent has a page at authors/<slug>/ (the one slugifier), linked from the
    paper page; its name is the page's heading and title as text, never markup."""
    data = json.loads((index_site.site / "catalogue.json").read_text(encoding="utf-8"))
    curated = [p for p in data["papers"] if not p["title_generated"]]
    paper_page = index_site.site / curated[0]["url"] / "index.html"
    links = [a.get("href") for t, a in parse(paper_page).elements if t == "a"]
    for name in INDEX_AUTHORS:
        slug = author_slug(name)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
        assert f"../../authors/{slug}/" in links
        page = index_site.site / "authors" / slug / "index.html"
        source = page.read_text(encoding="utf-8")
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", source, re.S)
        assert h1 and "<img" not in h1.group(1) and "<a" not in h1.group(1)
        assert html.unescape(re.sub(r"<[^>]+>", "", h1.group(1))).replace("\u2060", "") == name
        assert source.count("<ul class=entries><li>") == 1 and len(
            re.findall(r"<li><a href=", source)
        ) == len(curated)


def test_hostile_metadata_stays_data_in_head_tags_jsonld_and_citation_files(index_site: BuiltSite) -> None:
    """Titles, authors and venues with markup, braces and line separators, from an index: the head's
    tags and JSON-LD (read by extruct and lxml) and the RIS and CSL-JSON files (rispy, json) give
    them back as text, exactly; the page gained no element from them (test_no_element_...)."""
    data = json.loads((index_site.site / "catalogue.json").read_text(encoding="utf-8"))
    curated = [p for p in data["papers"] if not p["title_generated"]]
    assert len(curated) >= INDEX_MATCHED
    for paper in curated:
        meta = paper["metadata"]
        title, authors = escape.one_line(meta["title"]), [escape.one_line(a) for a in meta["authors"]]
        path = index_site.site / paper["url"] / "index.html"
        source = path.read_text(encoding="utf-8")
        (article,) = extruct.extract(source, syntaxes=["json-ld"])["json-ld"]
        assert article["name"] == title and [a["name"] for a in article["author"]] == authors
        venue = escape.one_line(meta["venue"])  # the index's hostile venue, or arXiv's "arXiv preprint"
        assert article["isPartOf"]["name"] == venue
        tree = lxml.html.fromstring(source)
        tags = [
            (m.get("name"), m.get("content"))
            for m in tree.iter("meta")
            if m.get("name", "").startswith("citation_")
        ]
        assert ("citation_title", title) in tags and [v for n, v in tags if n == "citation_author"] == authors
        (scripts,) = [s for s in tree.iter("script") if s.get("type") == "application/ld+json"]
        assert scripts.text and json.loads(scripts.text) == article  # the element ended where it should
        if meta["year"] is None:
            continue
        (record,) = rispy.loads(
            (index_site.site / "papers" / f"{paper['id']}.ris").read_text(encoding="utf-8")
        )
        assert record["title"] == title and record["authors"] == authors
        (item,) = json.loads(
            (index_site.site / "papers" / f"{paper['id']}.csl.json").read_text(encoding="utf-8")
        )
        assert item["title"] == title and item["container-title"] == venue


@pytest.fixture(scope="module")
def index_server(index_site: BuiltSite) -> Iterator[str]:
    server = SiteServer("/").serve(index_site.site)
    yield server.url
    server.close()


@pytest.mark.browser
def test_no_script_from_an_index_runs_in_chromium(browser, index_server: str, index_site: BuiltSite) -> None:
    data = json.loads((index_site.site / "catalogue.json").read_text(encoding="utf-8"))
    authors = [f"authors/{author_slug(name)}/" for name in INDEX_AUTHORS]
    urls = ["", "titles/", "papers/by-year/", "authors/", *authors]
    urls += [p["url"] for p in data["papers"] if not p["title_generated"]]
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for url in urls:
        page.goto(index_server + url)
        page.evaluate(
            "() => { for (const el of document.querySelectorAll('.paper-authors, .paper-venue, h1, a, pre'))"
            " for (const t of ['mouseover', 'click', 'focus']) el.dispatchEvent(new Event(t)); }"
        )
        assert page.evaluate("typeof window.__pwned") == "undefined", url
    # The search box's author and venue menus list the hostile names as text.
    page.goto(index_server)
    page.keyboard.press("/")
    search(page, "case")
    menu = page.locator("select[data-filter=author]")
    menu.locator("option").nth(3).wait_for(state="attached")
    values = menu.locator("option").evaluate_all("os => os.map(o => o.value)")
    assert set(INDEX_AUTHORS) <= set(values)
    menu.select_option(value=INDEX_AUTHORS[0])
    page.evaluate(SETTLED_JS, 600)
    assert page.locator("select[data-filter=author]").input_value() == INDEX_AUTHORS[0]
    assert page.locator(".md-search-result__item").count() >= 1
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == []
    page.close()
