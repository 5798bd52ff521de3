"""Real titles are shown as written (issue 21): "?", "&", "!", quotes, "*" and "$" are kept and
escaped for each surface, never stripped; LaTeX maths becomes text as in abstracts. Hostile
titles stay inert: tests/test_hostile.py builds and browses a site of them."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
import yaml

from generator.identity.normalize import paper_id
from generator.inputs import ingest, metadata
from generator.models import Catalogue, Metadata, MetadataSource
from generator.pipeline import catalogue_from
from generator.site import escape, feeds
from generator.site.render import Renderer
from generator.titles.generate import curated_title

from .conftest import FROZEN_SEEDS

WORD_JOINER = "\u2060"
TITLES = {
    1: ("Are Sixteen Heads Really Better than One?", "Are Sixteen Heads Really Better than One?"),
    2: (
        'Rock & Roll! "Quoted" and \u2018single\u2019 *Stars*',
        'Rock & Roll! "Quoted" and \u2018single\u2019 *Stars*',
    ),
    3: (
        r"Learning $\alpha$-Divergences for $x^2$ \& More: 100\% Sure?",
        "Learning \u03b1-Divergences for x^2 & More: 100% Sure?",
    ),
    4: (
        "Costs in $ and \u20ac: a <b>Tagged</b> {{ Title }}",
        "Costs in $ and \u20ac: a <b>Tagged</b> {{ Title }}",
    ),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalogue, dict[int, str]]:
    seeds = tmp_path_factory.mktemp("real-titles") / "seeds"
    shutil.copytree(FROZEN_SEEDS, seeds)
    lines = (seeds / "001_a0d296c439b9a23d.txt").read_text(encoding="utf-8").splitlines()
    papers = catalogue_from(ingest.read_seeds(seeds)).papers
    by_line = {s.line: p.id for p in papers for s in p.sources if s.file == "001_a0d296c439b9a23d.txt"}
    entries = "".join(
        metadata.format_entry(by_line[n], Metadata(title=title, authors=("Ann Author",), year=2020))
        for n, (title, _shown) in TITLES.items()
    )
    assert lines and entries
    source = MetadataSource("seeds/metadata.yaml", entries)
    built = catalogue_from(ingest.read_seeds(seeds), source)
    dated = tuple(
        replace(p, first_seen=f"2026-01-0{i % 9 + 1}T00:00:00Z") for i, p in enumerate(built.papers)
    )
    return replace(built, papers=dated), by_line


def shown(catalogue: Catalogue, pid: str) -> str:
    return next(p.title for p in catalogue.papers if p.id == pid)


@pytest.mark.parametrize("n", sorted(TITLES))
def test_the_title_is_kept_as_written(built: tuple[Catalogue, dict[int, str]], n: int) -> None:
    catalogue, by_line = built
    _written, expected = TITLES[n]
    assert shown(catalogue, by_line[n]) == expected


def test_curated_title_only_reflows_and_turns_latex_into_text() -> None:
    assert curated_title("  Why?\nBecause!\u2028Now  ") == "Why? Because! Now"
    assert curated_title(r"$\mathcal{O}(n)$ Sorting") == "\U0001d4aa(n) Sorting"
    assert curated_title("a\x00b\u200bc") == "abc"


def test_every_surface_shows_the_title_escaped(built: tuple[Catalogue, dict[int, str]]) -> None:
    catalogue, by_line = built
    pages = {page.path: page.text() for page in Renderer().pages(catalogue)}
    listed = {p["id"]: p for p in json.loads(pages["catalogue.json"])["papers"]}
    feed = ET.fromstring(feeds.render_feeds(catalogue)[feeds.MAIN_FEED])
    feed_titles = {
        e.findtext("{http://www.w3.org/2005/Atom}title")
        for e in feed.iter("{http://www.w3.org/2005/Atom}entry")
    }
    for n in TITLES:
        pid = by_line[n]
        title = shown(catalogue, pid)
        page = pages[f"papers/{pid}.md"]
        front = yaml.safe_load(page.split("---", 2)[1])
        # Front matter (navigation, <title>, header): as written, with an invisible word joiner
        # after each "<" and "&", so no tag or character reference can start.
        assert front["title"] == escape.page_title(title) and front["title"].replace(WORD_JOINER, "") == title
        assert listed[pid]["title"] == title  # catalogue.json: JSON escaping only
        assert title in feed_titles  # the Atom feed: XML escaping only
        assert escape.text(title) in pages["titles.md"]  # the A-Z list: every sign a character reference
    assert "<b>" not in pages[f"papers/{by_line[4]}.md"].split("---", 2)[2]


def test_a_curated_title_is_still_checked_for_letters() -> None:
    pid = paper_id("x")
    _found, problems = metadata.parse(MetadataSource("m", f'{pid}:\n  title: "?!&"\n'), {pid})
    assert problems and "no letters or digits" in problems[0].message
