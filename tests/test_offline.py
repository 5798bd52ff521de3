"""`make site` builds a site that works opened straight from disk (file://), search included."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import FROZEN_SEEDS, BuiltSite, build_site
from .searching import search
from .sitehtml import page_config, parse, resolve
from .test_browser import ARTIFACTS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_site(tmp_path_factory.mktemp("offline-site"), FROZEN_SEEDS, env={"OFFLINE": "true"})


def test_offline_build_uses_html_urls_and_no_third_party_shim(offline_site: BuiltSite) -> None:
    site = offline_site.site
    data = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    assert (site / f"papers/{data['papers'][0]['id']}.html").is_file()
    assert (site / "search/search_index.js").is_file()
    # Material's own search: a page opened from disk cannot fetch Pagefind's chunks or WebAssembly.
    assert not (site / "pagefind").exists()
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert {f"papers/{p['id']}.html" for p in data["papers"]} <= {d["location"] for d in index["docs"]}
    worker = page_config(site / "index.html")["search"]
    assert re.fullmatch(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js", worker)
    home = parse(site / "index.html")
    assert "vendor/iframe-worker/shim.js" in home.resources
    assert "unpkg.com" not in (site / "index.html").read_text(encoding="utf-8")


def test_every_internal_link_opens_a_file_from_disk(offline_site: BuiltSite) -> None:
    """A page opened from disk cannot open a folder: every link to the site, Markdown's and the raw
    HTML the generator writes (paper pages' keyword and related lists, the SVG pictures), names a
    file that exists."""
    site = offline_site.site
    broken: list[str] = []
    checked = 0
    for page in sorted(site.rglob("*.html")):
        if "assets" in page.relative_to(site).parts:
            continue
        parsed = parse(page)
        hrefs = parsed.links + [a.get("xlink:href") or "" for t, a in parsed.elements if t == "a"]
        for href in hrefs:
            if not href or href.startswith(("#", "?")):
                continue
            target = resolve(site, page, href.split("#")[0])
            if target is None:
                continue
            checked += 1
            if href.split("#")[0].endswith("/") or not target.is_file():
                broken.append(f"{page.relative_to(site)}: {href}")
    assert broken == [] and checked > 1000


def test_search_and_links_work_from_the_file_system(browser, offline_site: BuiltSite) -> None:
    page = browser.new_page()
    foreign: list[str] = []
    page.on("request", lambda r: None if r.url.startswith("file://") else foreign.append(r.url))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((offline_site.site / "index.html").as_uri())
    page.keyboard.press("/")
    results = search(page, "federated")
    assert "federated" in results.first.inner_text().lower()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "offline-search.png"))
    results.first.locator("a").first.click()
    page.wait_for_url("**/papers/*.html*")
    assert "federated" in page.locator("[data-abstract]").inner_text().lower()
    # A node of the paper's neighbourhood picture (raw SVG links) opens a related paper's page.
    node = page.locator("svg a").first
    if node.count():
        node.click()
        page.wait_for_url("**/papers/*.html")
        assert page.locator("[data-abstract]").count() == 1
    # The topic map's nodes open topic pages.
    page.goto((offline_site.site / "map.html").as_uri())
    page.locator("svg a").first.click()
    page.wait_for_url("**/topics/*.html")
    assert Path(page.url.replace("file://", "")).is_file()
    assert foreign == []
    assert errors == []
    page.close()
