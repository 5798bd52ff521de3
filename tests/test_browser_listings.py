"""Listings, filtered search, author pages and the pictures on a phone, in headless Chromium
(issue 23): what a reader choosing papers does."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote_plus, urljoin

import pytest

from generator.site.listing import title_sort_key
from generator.site.topicmap import NEIGHBOURHOOD_MIN

from .conftest import BuiltSite
from .searching import SETTLED_JS, search
from .siteserver import SiteServer

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
QUERY = "input.md-search__input"


@pytest.fixture(scope="module")
def server(seed_site: BuiltSite) -> Iterator[str]:
    server = SiteServer("/").serve(seed_site.site)
    yield server.url
    server.close()


@pytest.fixture(scope="module")
def data(seed_site: BuiltSite) -> dict[str, Any]:
    return json.loads((seed_site.site / "catalogue.json").read_text(encoding="utf-8"))


def entry_titles(page: Any) -> list[str]:
    return page.locator("ul.entries > li > a").all_inner_texts()


def test_papers_index_sorts_newest_first_by_year_and_a_z_without_javascript(
    browser: Any, server: str, data: dict[str, Any]
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "papers/")
    papers = data["papers"]
    newest = sorted(papers, key=lambda p: p.get("first_seen") or "", reverse=True)
    assert entry_titles(page)[0] == newest[0]["title"]
    entry = page.locator("ul.entries > li").first
    assert "added " + newest[0]["first_seen"][:10] in entry.inner_text()  # no curated year: date added
    assert entry.locator("small .k a").count() >= 1  # its keywords
    page.get_by_role("link", name="A\u2013Z", exact=True).click()
    page.wait_for_url("**/papers/a-z/")
    titles = entry_titles(page)
    assert len(titles) == len(papers)
    assert titles == sorted(titles, key=title_sort_key)
    page.get_by_role("link", name="By year", exact=True).click()
    page.wait_for_url("**/papers/by-year/")
    with_year = [p for p in papers if p.get("metadata", {}).get("year")]
    assert entry_titles(page) == [p["title"] for p in sorted(with_year, key=lambda p: -p["metadata"]["year"])]
    assert page.locator("h2", has_text=str(with_year[0]["metadata"]["year"])).count() == 1
    year = page.locator("ul.entries > li small").first.inner_text()
    assert year.startswith(str(with_year[0]["metadata"]["year"]))
    page.get_by_role("link", name="Newest first", exact=True).click()
    page.wait_for_url("**/papers/")
    context.close()


def chosen(page: Any, name: str) -> str:
    return page.locator(f"select[data-filter={name}]").input_value()


def result_locations(page: Any, server: str) -> set[str]:
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
    return {h.split("#")[0].split("?")[0].removeprefix(server) for h in hrefs}


def test_filters_combine_and_a_filtered_search_is_shared_by_its_link(
    browser: Any, server: str, data: dict[str, Any]
) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server)
    page.keyboard.press("/")
    search(page, "language")
    topics = {t["topic"]: t["name"] for t in data["topics"]}
    page.locator("select[data-filter=topic] option").nth(1).wait_for(state="attached")
    topic = page.locator("select[data-filter=topic] option").nth(1).get_attribute("value") or ""
    page.select_option("select[data-filter=topic]", value=topic)
    page.wait_for_function(f"() => document.querySelector('{QUERY}').value.includes('topic:')")
    page.evaluate(SETTLED_JS, 600)
    in_topic = {p["url"] for p in data["papers"] if topics.get(p["topic"]) == topic}
    found = result_locations(page, server)
    assert found and found <= in_topic
    # A second filter narrows the first: the keyword menu offers only values of the results left.
    keyword = page.locator("select[data-filter=keyword] option").nth(1).get_attribute("value") or ""
    page.select_option("select[data-filter=keyword]", value=keyword)
    page.wait_for_function(f"() => document.querySelector('{QUERY}').value.includes('keyword:')")
    page.evaluate(SETTLED_JS, 600)
    both = {p["url"] for p in data["papers"] if p["url"] in in_topic and keyword in p["keywords"]}
    combined = result_locations(page, server)
    assert combined and combined <= both
    query = page.locator("input.md-search__input").input_value()
    assert query.startswith("language ") and "topic:" in query and "keyword:" in query
    link = page.locator(".search-filters__link").get_attribute("href") or ""
    assert link.startswith("?q=")
    page.close()
    # The link opens the same search: the query, the menus and the results.
    shared = browser.new_page()
    shared.goto(urljoin(server, link))
    shared.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    shared.evaluate(SETTLED_JS, 600)
    assert shared.locator("input.md-search__input").input_value() == query
    shared.wait_for_function("() => document.querySelector('select[data-filter=topic]').value !== ''")
    assert chosen(shared, "topic") == topic and chosen(shared, "keyword") == keyword
    assert result_locations(shared, server) == combined
    shared.close()
    assert errors == []


def test_search_for_a_topics_words_lists_papers_only(browser: Any, server: str, data: dict[str, Any]) -> None:
    page = browser.new_page()
    page.goto(server)
    page.keyboard.press("/")
    name = next(t["name"] for t in data["topics"] if len(t["papers"]) >= 2)
    search(page, name.lower())
    papers = {p["url"] for p in data["papers"]}
    found = result_locations(page, server)
    assert found and found <= papers  # no topic page, map, index or about page among them
    page.close()


def test_author_names_link_to_author_pages_listing_their_papers(
    browser: Any, server: str, data: dict[str, Any]
) -> None:
    paper = next(p for p in data["papers"] if p.get("metadata", {}).get("authors"))
    page = browser.new_page()
    page.goto(server + paper["url"])
    author = paper["metadata"]["authors"][0]
    page.locator(".paper-authors").get_by_role("link", name=author, exact=True).click()
    page.wait_for_url("**/authors/**")
    assert page.locator("h1").inner_text() == author
    assert paper["title"] in entry_titles(page)
    page.locator("ul.entries > li > a", has_text=paper["title"]).click()
    page.wait_for_url("**/" + paper["url"])
    page.goto(server + "authors/")
    assert page.get_by_role("link", name=author, exact=True).count() == 1
    page.close()


def test_keyword_links_show_where_they_lead(browser: Any, server: str, data: dict[str, Any]) -> None:
    page = browser.new_page()
    paged = {k["keyword"] for k in data["keywords"] if k.get("url")}
    paper = next(p for p in data["papers"] if set(p["keywords"]) & paged and set(p["keywords"]) - paged)
    page.goto(server + paper["url"])
    to_page = page.locator("p.k a:not([target])").first
    to_search = page.locator("p.k a[target=_top]").first

    def cue(link: Any) -> dict[str, Any]:
        return link.evaluate(
            """a => { const s = getComputedStyle(a, '::before');
                      return {mask: s.maskImage || s.webkitMaskImage, width: parseFloat(s.width),
                              border: getComputedStyle(a).borderStyle}; }"""
        )

    page_cue, search_cue = cue(to_page), cue(to_search)
    assert page_cue["width"] > 4 and search_cue["width"] > 4  # an icon that shows, not a tooltip
    assert page_cue["mask"] != search_cue["mask"] and page_cue["border"] != search_cue["border"]
    assert page.locator(".k-legend").is_visible()
    # page.js made the search chip a link to a search for the keyword (not its label with an acronym).
    label = to_search.inner_text()
    text = next(k for k in paper["keywords"] if label.startswith(k) and k not in paged)
    assert to_search.get_attribute("href") == "?q=" + quote_plus(text)
    href = to_page.get_attribute("href") or ""
    to_page.click()
    page.wait_for_url("**/keywords/**")
    assert href.rstrip("/").split("/")[-1] in page.url
    page.close()


def test_neighbourhood_graph_and_map_on_a_phone(browser: Any, server: str, data: dict[str, Any]) -> None:
    page = browser.new_page(viewport=PHONE)
    # Since the pair model few seed papers show NEIGHBOURHOOD_MIN links; the picture is checked when
    # one does, the reason and score of a link always.
    many = next((p for p in data["papers"] if len(p.get("related", [])) >= NEIGHBOURHOOD_MIN), None)
    if many is not None:
        page.goto(server + many["url"])
        graph = page.locator(".paper-neighbourhood svg")
        graph.wait_for(state="visible")
        box = graph.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert page.locator(".paper-neighbourhood a").count() == len(many["related"])
    else:
        linked = next(p for p in data["papers"] if p.get("related"))
        page.goto(server + linked["url"])
    # The reason in words ("shares: ...", "both mention: ..." or "similar wording"), the score after it.
    first = page.locator("ol.related > li").first.inner_text()
    assert "shares:" in first or "both mention:" in first or "similar wording" in first
    assert first.index("—") < first.rindex(".")
    few = next((p for p in data["papers"] if 0 < len(p.get("related", [])) < 3), None)
    if few is not None:
        page.goto(server + few["url"])
        assert page.locator(".paper-neighbourhood").count() == 0
        assert page.locator("ol.related > li").count() == len(few["related"])
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # The map: wider than the phone, it pans inside its box, and a visible line says so.
    page.goto(server + "map/")
    hint = page.locator(".map-pan")
    assert hint.is_visible() and "sideways" in hint.inner_text()
    region = page.locator(".topic-map")
    sizes = region.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert sizes[0] > sizes[1]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    nodes = page.locator("[data-topic-map] a circle")
    rightmost = max(range(nodes.count()), key=lambda i: (nodes.nth(i).bounding_box() or {"x": 0})["x"])
    region.evaluate("e => { e.scrollLeft = e.scrollWidth }")
    box = nodes.nth(rightmost).bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    page.close()
    # On a wide screen the line is not shown.
    wide = browser.new_page(viewport={"width": 1280, "height": 900})
    wide.goto(server + "map/")
    assert not wide.locator(".map-pan").is_visible()
    wide.close()
