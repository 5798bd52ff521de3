"""axe-core finds no WCAG 2 A/AA violation on each kind of page, in light and in dark."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import FROZEN_SEEDS, BuiltSite, build_site
from .siteserver import SiteServer

pytestmark = pytest.mark.browser

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def frozen_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_site(tmp_path_factory.mktemp("frozen-site"), FROZEN_SEEDS)


@pytest.fixture(scope="module")
def server(frozen_site: BuiltSite) -> Iterator[str]:
    server = SiteServer("/").serve(frozen_site.site)
    yield server.url
    server.close()


def pages(site: Path) -> dict[str, str]:
    """One page of each kind: a paper whose abstract has a link, a keyword, a topic."""
    data = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    papers = data["papers"] if isinstance(data, dict) else data
    with_link = next(p for p in papers if p.get("code"))
    topic = next(path for path in sorted((site / "topics").glob("*/index.html")))
    keyword = next(path for path in sorted((site / "keywords").glob("*/index.html")))
    author = next(path for path in sorted((site / "authors").glob("*/index.html")))
    return {
        "home": "",
        "paper": with_link["url"],
        "keyword": keyword.parent.relative_to(site).as_posix() + "/",
        "topics": "topics/",
        "topic": topic.parent.relative_to(site).as_posix() + "/",
        "map": "map/",
        "papers": "papers/",
        "papers by year": "papers/by-year/",
        "author": author.parent.relative_to(site).as_posix() + "/",
    }


def test_axe_finds_no_wcag_a_or_aa_violation(browser, server: str, frozen_site: BuiltSite) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found: list[str] = []
    for scheme in ("light", "dark"):
        page = browser.new_page(color_scheme=scheme)
        for kind, url in pages(frozen_site.site).items():
            page.goto(server + url)
            page.wait_for_load_state("load")
            results = axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
            for violation in results.response["violations"]:
                targets = [", ".join(node["target"]) for node in violation["nodes"]][:3]
                found.append(f"{scheme} {kind} ({url}): {violation['id']}: {targets}")
        page.close()
    assert found == [], "\n".join(found)
