"""What a reader does, in headless Chromium: search, see results, click one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .conftest import ROOT, BuiltSite
from .searching import search
from .siteserver import SiteServer

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def server(seed_site: BuiltSite) -> Iterator[str]:
    server = SiteServer("/").serve(seed_site.site)
    yield server.url
    server.close()


def test_search_finds_papers_and_a_result_opens_its_page(browser, server: str) -> None:
    page = browser.new_page()
    foreign: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(server) else foreign.append(r.url))
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server)
    page.keyboard.press("/")  # Material's shortcut to focus search
    results = search(page, "federated")
    assert results.count() >= 2
    assert "federated" in results.first.inner_text().lower()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search.png"))
    results.first.locator("a").first.click()
    page.wait_for_url("**/papers/**")
    assert "federated" in page.locator("[data-abstract]").inner_text().lower()
    assert foreign == []
    assert errors == []
    page.close()


def test_a_z_index_leads_to_a_paper_with_its_links_and_bibtex(browser, server: str) -> None:
    page = browser.new_page()
    foreign: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(server) else foreign.append(r.url))
    page.goto(server + "titles/")
    page.locator(".az-jump a", has_text="M").click()
    page.get_by_role("link", name="MoTCoder: Modular-of-Thought Coder").click()
    page.wait_for_url("**/papers/0a078a1747/")
    assert page.locator(".title-note").is_visible()
    assert page.get_by_role("link", name="github.com/dvlab-research/MoTCoder", exact=True).is_visible()
    scholar = page.get_by_role("link", name="Google Scholar").get_attribute("href") or ""
    assert scholar.startswith("https://scholar.google.com/scholar?q=Large+Language+Models+%28LLMs%29+have")
    page.goto(server + "papers/21b8094204/")
    assert page.locator(".title-note").count() == 0
    bibtex = page.locator("pre.bibtex")
    assert bibtex.locator("code").inner_text().startswith("@inproceedings{devlin2019bert,\n")
    assert bibtex.locator("button[title='Copy to clipboard']").count() == 1  # Material's copy button
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "paper-bibtex.png"), full_page=True)
    assert foreign == []


def test_topic_map_renders_with_links_in_light_and_dark_mode(browser, server: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for scheme in ("light", "dark"):
        page = browser.new_page(color_scheme=scheme, viewport={"width": 1280, "height": 1000})
        foreign: list[str] = []
        page.on("request", lambda r, f=foreign: None if r.url.startswith(server) else f.append(r.url))
        page.goto(server + "map/")
        svg = page.locator("[data-topic-map]")
        svg.wait_for(state="visible")
        box = svg.bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 150
        nodes = page.locator("[data-topic-map] a")
        assert nodes.count() >= 3
        for i in range(nodes.count()):
            assert nodes.nth(i).locator("circle").is_visible()
        # The labels are drawn in the theme's text colour, which differs between light and dark.
        fill = page.locator("[data-topic-map] .topic-map-label").first.evaluate(
            "e => getComputedStyle(e).fill"
        )
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert fill != background
        page.screenshot(path=str(ARTIFACTS / f"map-{scheme}.png"), full_page=True)
        assert foreign == []
        page.close()
    page = browser.new_page()
    page.goto(server + "map/")
    first = page.locator("[data-topic-map] a").first
    name = first.locator("title").first.text_content() or ""
    circle = first.locator("circle")
    circle.evaluate("e => e.scrollIntoView({block: 'center'})")  # clear of the sticky header
    box = circle.bounding_box()
    assert box is not None
    # the node itself, not the gap between it and its label, above its count (its own <text>)
    circle.click(position={"x": box["width"] / 2, "y": box["height"] / 5})
    page.wait_for_url("**/topics/**")
    assert page.locator("h1").inner_text().strip().lower() == name.split(":")[0].strip().lower()
    assert page.locator("article a[href*='papers/']").count() >= 2
    page.close()
