"""The reader's experience in headless Chromium: search, keyboard, sharing, palettes, phones, sub-paths.

Every page a test opens is watched: a console error, a failed request or a request to any host but
the site's own fails the test. Screenshots go to test-artifacts/ (git-ignored).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import FROZEN_SEEDS, ROOT, BuiltSite, build_site
from .searchindex import search_docs
from .searching import RESULT, SEARCH, SETTLED_JS, search
from .siteserver import SiteServer

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts"
PREFIX = "/paper-catalogue/"
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}

CONTRAST_JS = (Path(__file__).parent / "contrast.js").read_text(encoding="utf-8")
# What must stay readable, and the least contrast ratio for it (WCAG AAA for body text, AA otherwise).
READABLE = {
    ".abstract p": 7.0,
    ".md-content li": 7.0,
    ".md-content a:not(.headerlink)": 4.5,
    ".related-score": 4.5,
    ".first-seen": 4.5,
    ".title-note": 4.5,
    ".md-content code": 4.5,
    ".md-header__topic": 4.5,
    # No footer: overrides/main.html leaves Material's empty footer bar out (BENCHMARKS.md, "Issue 23,
    # bytes, second round").
}


@dataclass
class Watch:
    """Console errors, failed requests and requests to other hosts, of every page of a context."""

    origin: str
    problems: list[str] = field(default_factory=list)

    def attach(self, page: Any) -> Any:
        page.on("console", lambda m: self._note(m.type == "error", f"console: {m.text}"))
        page.on("pageerror", lambda e: self._note(True, f"page error: {e}"))
        page.on("requestfailed", self._failed)
        page.on("response", lambda r: self._note(r.status >= 400, f"HTTP {r.status}: {r.url}"))
        page.on("request", lambda r: self._note(not self._own(r.url), f"foreign: {r.url}"))
        return page

    def _note(self, bad: bool, problem: str) -> None:
        if bad:
            self.problems.append(problem)

    def _failed(self, request: Any) -> None:
        # A request cancelled because the page moved on (net::ERR_ABORTED) is not a failure.
        if "ERR_ABORTED" not in (request.failure or ""):
            self.problems.append(f"failed: {request.url} {request.failure}")

    def _own(self, url: str) -> bool:
        return url.startswith(self.origin) or url.startswith(("data:", "blob:", "about:"))


@pytest.fixture(scope="module")
def site(seed_site: BuiltSite) -> Iterator[str]:
    server = SiteServer("/").serve(seed_site.site)
    yield server.url
    server.close()


@dataclass(frozen=True)
class ProjectSite:
    """The site built for SITE_URL=http://127.0.0.1:<port>/paper-catalogue/ and served only there."""

    built: BuiltSite
    server: SiteServer

    @property
    def url(self) -> str:
        return self.server.url


@pytest.fixture(scope="module")
def project_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProjectSite]:
    server = SiteServer(PREFIX)
    built = build_site(tmp_path_factory.mktemp("project-site"), FROZEN_SEEDS, {"SITE_URL": server.url})
    server.serve(built.site)
    yield ProjectSite(built, server)
    server.close()


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    """open_page(url, **context options) -> a watched page; every page is checked when the test ends."""
    contexts: list[tuple[Any, Watch]] = []

    def opener(url: str, **options: Any) -> Any:
        context = browser.new_context(**options)
        parts = urlsplit(url)
        watch = Watch(f"{parts.scheme}://{parts.netloc}/")
        contexts.append((context, watch))
        page = watch.attach(context.new_page())
        page.goto(url)
        return page

    yield opener
    problems = [p for _, watch in contexts for p in watch.problems]
    for context, _ in contexts:
        context.close()
    assert problems == []


def catalogue(built: BuiltSite) -> dict[str, Any]:
    return json.loads((built.site / "catalogue.json").read_text(encoding="utf-8"))


# Sideways scrolling, as a reader meets it: the page itself, or any box in it wider than the screen
# (a table that scrolls inside its wrapper counts too).
OVERFLOW_JS = """
() => {
  const width = document.documentElement.clientWidth;
  window.scrollTo(10000, window.scrollY);
  const scrolled = window.scrollX;
  window.scrollTo(0, window.scrollY);
  const wide = [...document.querySelectorAll('.md-main *, .md-header *, .md-search__output *')]
    // The search overlay's backdrop is drawn oversized on purpose and clipped; it never scrolls.
    .filter((e) => !e.matches('.md-search__overlay'))
    .filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > width + 1)
    .filter((e) => getComputedStyle(e).visibility !== 'hidden')
    .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
  return {scrolled, wide: wide.slice(0, 5)};
}
"""


def sideways(page: Any) -> dict[str, Any]:
    return page.evaluate(OVERFLOW_JS)


def screenshot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


def test_search_results_show_title_keywords_and_a_snippet(open_page, site: str, seed_site: BuiltSite) -> None:
    papers = {p["title"]: p for p in catalogue(seed_site)["papers"]}
    page = open_page(site, viewport={"width": 1280, "height": 900})
    screenshot(page, "desktop.png")
    page.keyboard.press("/")
    first = search(page, "federated").first.locator("article").first
    title = first.locator("h1").inner_text()
    paper = papers[title]  # the result's heading is the paper's title
    tags = [" ".join(t.text_content().split()) for t in first.locator(".md-tag").all()]
    assert tags == paper["keywords"]
    snippet = first.locator(":scope > p").first
    # A piece of the page's text: the TLDR line and the abstract, from their start or from just
    # before the first match when that is far in.
    shown = snippet.text_content().removeprefix("… ")
    text = f"TLDR generated: {paper['tldr']} {paper['abstract']}" if paper.get("tldr") else paper["abstract"]
    assert shown[:80] in text
    assert "federated" in snippet.locator("mark").first.text_content().lower()
    # A snippet, not the whole abstract: at most three lines show.
    shown, full, line = snippet.evaluate(
        "e => [e.clientHeight, e.scrollHeight, parseFloat(getComputedStyle(e).lineHeight)]"
    )
    assert shown <= 3.5 * line < full
    screenshot(page, "desktop-search.png")


def test_keyboard_alone_reaches_search_and_opens_a_result(open_page, site: str) -> None:
    page = open_page(site)
    for _ in range(8):  # Tab from the top of the page reaches the search box
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('input.md-search__input')"):
            break
    else:
        pytest.fail("Tab never reached the search box")
    search(page, "attention")
    page.keyboard.press("ArrowDown")
    page.wait_for_function(
        "document.activeElement.classList.contains('md-search-result__link')", timeout=5_000
    )
    href = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(href)
    assert "/papers/" in page.url and "attention" in page.locator("[data-abstract]").inner_text().lower()
    # The "/" shortcut focuses search from anywhere on a page, too.
    page.locator("body").press("/")
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")


def test_a_keyword_of_a_few_papers_opens_a_search_that_lists_them(
    open_page, site: str, seed_site: BuiltSite
) -> None:
    # Keywords too rare for a page of their own (models.keyword_page_threshold) link to a search:
    # clicked on a paper page (instant navigation on), the search opens with the keyword and its
    # papers among the results.
    data = catalogue(seed_site)
    titles = {p["id"]: p["title"] for p in data["papers"]}
    kw = next(
        k for k in data["keywords"] if len(k["papers"]) >= 2 and not k.get("url") and " " in k["keyword"]
    )
    page = open_page(f"{site}papers/{kw['papers'][0]}/")
    page.locator("a[target=_top]", has_text=kw["keyword"]).first.click()
    page.locator(RESULT).first.wait_for(timeout=15_000)
    page.evaluate(SETTLED_JS, 400)
    assert page.locator(SEARCH).input_value() == kw["keyword"]
    shown = page.locator(f"{RESULT} h1").all_inner_texts()
    assert {titles[pid] for pid in kw["papers"]} <= set(shown), (kw, shown)


ICONS_JS = """
() => [...document.querySelectorAll('.md-header svg, .md-nav--primary .md-nav__title svg')]
  .filter((e) => e.getClientRects().length)
  .map((e) => ({
    mask: getComputedStyle(e).webkitMaskImage || getComputedStyle(e).maskImage,
    width: e.getBoundingClientRect().width,
    paths: e.querySelectorAll('path').length,
  }))
"""


def test_slim_pages_draw_the_theme_icons_and_open_the_navigation_on_a_phone(
    open_page, site: str, seed_site: BuiltSite
) -> None:
    # hooks/icons.py: the header's icons are empty <svg>s painted by one shared stylesheet.
    paper = catalogue(seed_site)["papers"][0]
    for scheme in ("light", "dark"):
        page = open_page(f"{site}{paper['url']}", color_scheme=scheme, **PHONE)
        icons = page.evaluate(ICONS_JS)
        assert len(icons) >= 3, icons  # menu, palette toggle, search
        for icon in icons:
            assert icon["mask"].startswith('url("data:image/svg+xml'), icon
            assert icon["width"] >= 16 and icon["paths"] == 0, icon
        # No table of contents on a paper page; the drawer still opens the site navigation.
        assert page.locator(".md-sidebar--secondary").count() == 0
        page.locator("label.md-header__button[for=__drawer]").click()
        nav = page.locator(".md-nav--primary .md-nav__link", has_text="Keywords").first
        nav.wait_for(state="visible")
        screenshot(page, f"phone-drawer-{scheme}.png")
        nav.click()
        page.wait_for_url("**/keywords/")


def test_a_query_downloads_a_few_index_chunks_not_the_whole_catalogue(open_page, site: str) -> None:
    # The served site searches with Pagefind (hooks/pagefind_search.py): Material's index file
    # holds no pages, and a query fetches index chunks and one fragment per result shown.
    page = open_page(site)
    fetched: list[str] = []
    page.on("requestfinished", lambda r: fetched.append(r.url.removeprefix(site).split("?")[0]))
    page.keyboard.press("/")
    results = search(page, "federated")
    assert 1 <= results.count() <= 20
    chunks = [u for u in fetched if u.startswith("pagefind/index/")]
    fragments = {u for u in fetched if u.startswith("pagefind/fragment/")}
    assert chunks and len(fragments) >= results.count()
    index = json.loads(page.request.get(site + "search/search_index.json").text())
    assert index["docs"] == [] and index["config"]["separator"]


def test_the_count_says_how_many_match_beyond_the_best_20(open_page, site: str, seed_site: BuiltSite) -> None:
    page = open_page(site)
    page.keyboard.press("/")
    search(page, "the")
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.includes(' of ')")
    shown, total = re.fullmatch(r"(\d+) of ([\d,]+) matching documents", meta.inner_text()).groups()
    pages = search_docs(seed_site.site)
    assert int(shown) == 20 and 20 < int(total.replace(",", "")) <= len(pages)
    # A query with few matches keeps Material's own count.
    page.locator(SEARCH).fill("")
    search(page, "federated")
    page.wait_for_function(
        "/^\\d+ matching documents?$/.test(document.querySelector('.md-search-result__meta').textContent)"
    )


def test_an_opened_result_highlights_the_query_on_its_page(open_page, site: str) -> None:
    page = open_page(site)
    page.keyboard.press("/")
    search(page, "federated").first.locator("a").first.click()
    page.wait_for_url("**/papers/**")
    assert parse_qs(urlsplit(page.url).query)["h"] == ["federated"]
    marks = page.locator("article mark[data-md-highlight]")
    marks.first.wait_for(timeout=5_000)
    assert {m.lower() for m in marks.all_text_contents()} == {"federated"}
    # Search goes on working after the in-page (instant) navigation, count included.
    page.keyboard.press("/")
    page.locator(SEARCH).fill("")
    search(page, "the")
    count = "document.querySelector('.md-search-result__meta').textContent"
    page.wait_for_function(f"{count}.startsWith('20 of ')")


def test_share_link_reopens_the_same_search(open_page, site: str) -> None:
    page = open_page(site)
    page.keyboard.press("/")
    first_title = search(page, "graph neural").first.locator("h1").inner_text()
    share = page.locator("[data-md-component=search-share]").get_attribute("href")
    assert share and share.startswith(site)
    assert parse_qs(urlsplit(share).query)["q"] == ["graph neural"]
    again = open_page(share)
    again.locator(RESULT).first.wait_for(timeout=15_000)
    assert again.locator(SEARCH).input_value() == "graph neural"
    assert again.locator(RESULT).first.locator("h1").inner_text() == first_title


def readable(page: Any) -> dict[str, float]:
    """Contrast ratio of the first visible element of each READABLE selector on the page."""
    ratios = {}
    for selector in READABLE:
        element = page.locator(f"{selector}:visible").first
        if element.count():
            ratios[selector] = round(element.evaluate(CONTRAST_JS), 2)
    return ratios


def test_light_and_dark_palettes_toggle_and_stay_readable(open_page, site: str, seed_site: BuiltSite) -> None:
    paper = next(p for p in catalogue(seed_site)["papers"] if p["related"] and p["title_generated"])
    url = f"{site}{paper['url']}"
    page = open_page(url, color_scheme="light", viewport={"width": 1280, "height": 900})
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    light = readable(page)
    page.locator("form[data-md-component=palette] label:visible").click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.reload()  # the reader's choice is remembered
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    dark = readable(page)
    screenshot(page, "dark.png")
    # A reader whose system is dark gets the dark palette without asking.
    assert open_page(url, color_scheme="dark").evaluate("document.body.dataset.mdColorScheme") == "slate"
    print(f"contrast ratios: light {light}, dark {dark}")
    for name, ratios in (("light", light), ("dark", dark)):
        assert set(ratios) == set(READABLE), (name, ratios)
        low = {sel: r for sel, r in ratios.items() if r < READABLE[sel]}
        assert low == {}, f"{name} palette: contrast too low {low}"


# Prepended to Material's bundle: what the page holds at the moment the bundle starts to run.
BEFORE_BUNDLE_JS = (
    "window.__beforeBundle = {scheme: document.body.dataset.mdColorScheme,"
    " config: JSON.parse(document.getElementById('__config').textContent)};\n"
)


def test_the_shared_page_script_sets_the_palette_and_configuration_before_the_bundle(
    open_page, site: str, seed_site: BuiltSite
) -> None:
    # assets/javascripts/page.js (overrides/partials/javascripts/) does what Material's inline
    # scripts did: the palette a reader chose is on the body before Material's bundle runs (so a
    # dark page is never painted light first), and #__config is whole when the bundle reads it.
    paper = catalogue(seed_site)["papers"][0]
    page = open_page(f"{site}{paper['url']}", color_scheme="light")
    page.locator("form[data-md-component=palette] label:visible").click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"

    def prefixed(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=BEFORE_BUNDLE_JS + response.text())

    page.route("**/assets/javascripts/bundle.*.min.js", prefixed)
    page.goto(f"{site}keywords/")  # a full load of another page: the palette is stored per site
    before = page.evaluate("window.__beforeBundle")
    assert before["scheme"] == "slate", before
    config = before["config"]
    assert config["base"] == "..", config
    assert config["search"].endswith("assets/javascripts/workers/pagefind.js"), config
    assert "navigation.instant" in config["features"] and "search.share" in config["features"], config
    assert config["translations"]["search.result.one"] == "1 matching document", config
    assert page.evaluate("__md_scope.href") == site
    # Search still works from this page, Material's and Pagefind's parts reading the same config.
    page.keyboard.press("/")
    assert search(page, "federated").count() >= 1


def test_phone_width_never_scrolls_sideways(open_page, site: str, seed_site: BuiltSite) -> None:
    data = catalogue(seed_site)
    longest = max(data["papers"], key=lambda p: max(map(len, p["abstract"].split())))
    busiest = max(data["keywords"], key=lambda k: len(k["papers"]))
    page = open_page(site, **PHONE)
    for path in ["", "papers/", "keywords/", "titles/", "about/", longest["url"], busiest["url"]]:
        page.goto(site + path)
        assert sideways(page) == {"scrolled": 0, "wide": []}, path
    page.goto(site)
    screenshot(page, "phone.png")
    page.locator("label.md-header__button[for=__search]").click()
    search(page, "language models")
    assert sideways(page) == {"scrolled": 0, "wide": []}
    screenshot(page, "phone-search.png")


def test_project_site_works_under_its_sub_path(open_page, project_site: ProjectSite) -> None:
    base = project_site.url
    project_site.server.requests.clear()
    page = open_page(base)
    page.keyboard.press("/")
    results = search(page, "federated")
    results.first.locator("a").first.click()
    page.wait_for_url(f"{base}papers/**")
    assert "federated" in page.locator("[data-abstract]").inner_text().lower()
    # The feed announced in the head is served under the prefix, with absolute links there too.
    if (ROOT / ".git").exists():  # feeds need the seeds' git history
        page.goto(base)
        feed = page.locator("link[rel=alternate][type='application/atom+xml']").evaluate("e => e.href")
        assert feed == f"{base}feed.xml"
        assert f'href="{base}papers/' in page.request.get(feed).text()
    # GitHub Pages answers a miss with 404.html: it must find its styles and scripts under the prefix.
    lost = page.context.browser.new_page()
    statuses: list[tuple[int, str]] = []
    lost.on("response", lambda r: statuses.append((r.status, r.url)))
    missing = lost.goto(f"{base}no/such/page/")
    assert missing is not None and missing.status == 404
    assert lost.locator(".md-header").is_visible()
    assert [u for status, u in statuses if status >= 400] == [f"{base}no/such/page/"]
    assert any(u.endswith(".css") for _, u in statuses)
    lost.close()
    outside = [r for r in project_site.server.requests if not r.startswith(PREFIX)]
    assert outside == []


LINKCHECKER_RC = """
[checking]
threads=4
maxrequestspersecond=1000
[filtering]
checkextern=0
[AnchorCheck]
"""


def linkcheck(url: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "linkcheckerrc"
    config.write_text(LINKCHECKER_RC, encoding="utf-8")
    linkchecker = Path(sys.executable).parent / "linkchecker"
    return subprocess.run(
        [str(linkchecker), "-f", str(config), "--no-status", "-o", "text", url],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def test_link_check_of_the_whole_project_site_is_clean(project_site: ProjectSite, tmp_path: Path) -> None:
    result = linkcheck(project_site.url, tmp_path)
    assert "0 warnings found. 0 errors found." in result.stdout, result.stdout[-5000:]
    assert result.returncode == 0
    checked = int(result.stdout.split(" links in ")[0].rsplit("\n", 1)[-1].split()[-1])
    pages = len(list(project_site.built.site.rglob("*.html")))
    assert checked > pages  # it crawled the whole site, not one page


def test_link_checker_finds_broken_links_and_anchors(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<html><body><a href="page.html#here">ok</a> <a href="page.html#nowhere">bad anchor</a>'
        ' <a href="missing.html">missing</a></body></html>',
        encoding="utf-8",
    )
    (site / "page.html").write_text('<html><body><h2 id="here">Here</h2></body></html>', encoding="utf-8")
    server = SiteServer(PREFIX).serve(site)
    try:
        result = linkcheck(server.url, tmp_path)
    finally:
        server.close()
    assert result.returncode != 0
    assert "missing.html" in result.stdout and "nowhere" in result.stdout
