"""The served site's search (hooks/pagefind_search.py): Pagefind indexes what Material's search would.

Browser behaviour (the header box, keyboard, share links, highlights, phones, a sub-path) is tested
in test_reader.py against the same served build; the file:// build keeps Material's own search
(test_offline.py).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from mkdocs.exceptions import PluginError

from .conftest import BuiltSite, load_module
from .searchindex import engine, search_docs
from .sitehtml import page_config

hook = load_module("pagefind_search_hook", "hooks/pagefind_search.py")


def catalogue(built: BuiltSite) -> dict[str, Any]:
    return json.loads((built.site / "catalogue.json").read_text(encoding="utf-8"))


def test_one_record_a_page_from_materials_entries() -> None:
    docs = [
        {"location": "", "title": "Home", "text": "<p>Welcome &amp; <em>read</em></p>"},
        {
            "location": "papers/a/",
            "title": "Paper A",
            "text": "<p>Abstract &lt;script&gt; a.</p>",
            "tags": ["x, y", "z"],
        },
        {"location": "papers/a/#variants", "title": "Variants", "text": "<p>Other version.</p>"},
        {"location": "about/#faq", "title": "FAQ", "text": "<p>Q</p>"},
    ]
    records = {r["url"]: r for r in hook.records(docs)}
    assert set(records) == {"", "papers/a/", "about/"}
    assert records[""] == {"url": "", "title": "Home", "parts": ["Welcome & read"], "tags": []}
    a = records["papers/a/"]
    # The page's text, then each section's heading and text; the keywords as they are.
    assert a["parts"] == ["Abstract <script> a.", "Variants", "Other version."]
    assert a["tags"] == ["x, y", "z"]
    assert records["about/"]["title"] == "FAQ"
    # The page Pagefind indexes: seed text stays text, keywords are one JSON value.
    page = hook.record_html(a, "en")
    assert "<h1>Paper A</h1><p>Abstract &lt;script&gt; a.</p><p>Variants</p>" in page
    assert '<html lang="en">' in page
    tags = re.search(r'data-pagefind-meta="tags">(.*?)</span>', page)
    assert tags and json.loads(html.unescape(tags.group(1))) == ["x, y", "z"]
    assert [hook._source_path(u) for u in ("", "papers/a/", "papers/a.html")] == [
        "index.html",
        "papers/a/index.html",
        "papers/a.html",
    ]


def test_paper_records_alone_carry_their_filters_as_inert_text(tmp_path: Path) -> None:
    hostile = 'Eve <img src=x onerror=alert(1)>, "Jr": x'
    catalogue = {
        "papers": [
            {
                "url": "papers/a/",
                "topic": "t",
                "keywords": ["federated learning", "a, b: c"],
                "metadata": {"authors": [hostile, "Bo Li"], "year": 2021, "venue": "NeurIPS"},
            },
            {"url": "papers/b/", "topic": "", "keywords": [], "metadata": {}},
        ],
        "topics": [{"topic": "t", "name": "Topic & more"}],
    }
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(catalogue), encoding="utf-8")
    filters = hook.paper_filters(path)
    assert filters == {
        "papers/a/": {
            "topic": ["Topic & more"],
            "keyword": ["federated learning", "a, b: c"],
            "year": ["2021"],
            "author": [hostile, "Bo Li"],
            "venue": ["NeurIPS"],
        },
        "papers/b/": {},
    }
    assert hook.paper_filters(tmp_path / "missing.json") == {}
    docs = [
        {"location": "", "title": "Home", "text": "<p>Home</p>"},
        {"location": "map/", "title": "Map", "text": "<p>Map</p>"},
        {"location": "papers/a/", "title": "A", "text": "<p>a</p>"},
        {"location": "papers/b/", "title": "B", "text": "<p>b</p>"},
    ]
    # Site pages (home, map) are left out: paper pages are the results.
    records = hook.paper_records(docs, filters)
    assert [r["url"] for r in records] == ["papers/a/", "papers/b/"]
    assert [r["url"] for r in hook.paper_records(docs, {})] == ["", "map/", "papers/a/", "papers/b/"]
    page = hook.record_html(records[0], "en")
    assert "<img" not in page
    author = re.findall(r'data-pagefind-filter="author">(.*?)</span>', page)
    assert [html.unescape(a) for a in author] == [hostile, "Bo Li"]


def test_served_index_holds_paper_pages_alone_with_their_filters(seed_site: BuiltSite) -> None:
    data = catalogue(seed_site)
    pages = {p["location"]: p for p in search_docs(seed_site.site)}
    papers = {p["url"]: p for p in data["papers"]}
    assert set(pages) == set(papers)  # no map, topic, index or about page among the results
    topics = {t["topic"]: t["name"] for t in data["topics"]}
    for url, paper in papers.items():
        filters = pages[url]["filters"]
        assert filters["topic"] == [topics[paper["topic"]]]
        assert sorted(filters["keyword"]) == sorted(paper["keywords"])
        meta = paper.get("metadata", {})
        authors = sorted(meta.get("authors", []))
        assert filters.get("author", []) == authors or sorted(filters.get("author", [])) == authors
        assert filters.get("year", []) == ([str(meta["year"])] if meta.get("year") else [])


def _page() -> Any:
    return SimpleNamespace(meta={}, file=SimpleNamespace(src_uri="papers/x.md"))


def test_pages_name_the_pagefind_worker_or_the_build_fails() -> None:
    worker = "../assets/javascripts/workers/search.1234abcd.min.js"
    html = f'<script id="__config">{{"search": "{worker}"}}</script><article></article>'
    hook._state["enabled"] = True
    try:
        out = hook.on_post_page(html, _page(), None)
        assert out == html.replace(worker, "../" + hook.WORKER)
        with pytest.raises(PluginError, match="no search worker"):  # Material renamed its worker
            hook.on_post_page("<article></article>", _page(), None)
        hook._state["enabled"] = False
        assert hook.on_post_page(html, _page(), None) == html
    finally:
        hook._state["enabled"] = False


def test_served_site_ships_pagefind_behind_materials_search_box(seed_site: BuiltSite) -> None:
    site = seed_site.site
    assert engine(site) == "pagefind"
    bundle = {p.name for p in (site / "pagefind").iterdir()}
    assert {"pagefind.js", "pagefind-entry.json", "index", "fragment"} <= bundle
    assert not [
        n for n in bundle if n.startswith(("pagefind-ui", "pagefind-component-ui", "pagefind-modular"))
    ]
    assert (site / hook.WORKER).is_file()
    # Material's own index keeps its config (the ?h= highlighter reads it) and no pages.
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == [] and index["config"]["separator"]
    for page in [site / "index.html", *sorted(site.glob("papers/*/index.html"))[:5]]:
        assert page_config(page)["search"].endswith("assets/javascripts/workers/pagefind.js")


def test_pagefind_indexes_each_paper_as_materials_search_did(seed_site: BuiltSite) -> None:
    data = catalogue(seed_site)
    docs = {d["location"]: d for d in search_docs(seed_site.site)}
    papers = {p["url"]: p for p in data["papers"]}
    assert set(papers) <= set(docs)
    # Listings stay out (`search: exclude: true`), as they did from Material's index.
    for listing in ("papers/", "keywords/", "titles/"):
        assert listing not in docs
    assert not [u for u in docs if u.startswith("keywords/")]
    for url, paper in papers.items():
        text = docs[url]["text"]
        assert docs[url]["title"] == paper["title"]
        assert text.startswith(paper["title"]) and " ".join(paper["abstract"].split()) in text
        assert docs[url]["tags"] == paper["keywords"]
        # The side sections are out: links, keyword list, related papers, sources, the title note.
        assert "Find this paper" not in text and "Title generated" not in text, url
        # (a related paper's title may be a phrase of this abstract or TLDR: those are left out)
        rest = text.removeprefix(paper["title"]).replace(" ".join(paper["abstract"].split()), "")
        rest = rest.replace(paper.get("tldr", ""), "")
        for related in paper.get("related", []):
            assert papers[f"papers/{related['id']}/"]["title"] not in rest, url
        for source in paper["sources"]:
            assert Path(source["file"]).name not in text, url


def test_scratch_pages_go_to_ram_only_when_it_is_there_with_room(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = [("papers/a/index.html", "x" * 5000), ("index.html", "y")]  # 2 + 3 blocks of 4 KiB
    assert hook.scratch_parent(pages, ram=tmp_path) == str(tmp_path)
    assert hook.scratch_parent(pages, ram=tmp_path / "missing") is None
    # Room for twice the pages' blocks within half the free space, else the disk (None).
    for free, where in ((4 * 5 * 4096, str(tmp_path)), (4 * 5 * 4096 - 1, None)):
        monkeypatch.setattr(hook.shutil, "disk_usage", lambda _p, f=free: SimpleNamespace(free=f))
        assert hook.scratch_parent(pages, ram=tmp_path) == where


def test_pagefind_index_is_the_same_for_the_same_entries(tmp_path: Path) -> None:
    """The same entries give the same index bytes: no build time, random scratch name,
    (on tmpfs, which lists a folder in the order its files were made) filesystem order or (in
    filters, which Pagefind writes in hash-map order) run in it."""
    docs = [
        {"location": f"papers/p{i:03d}/", "title": f"Paper {i}", "text": f"<p>word{i} common</p>"}
        for i in range(40)
    ]
    filters = {
        f"papers/p{i:03d}/": {"topic": [f"Topic {i % 7}"], "keyword": [f"kw {i % 11}", f"kw {i % 13}"]}
        for i in range(40)
    }
    outputs = []
    for run in ("a", "b", "c"):
        site = tmp_path / run
        site.mkdir()
        hook.build_index(site, docs, "en", filters)
        outputs.append(
            {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
        )
    assert outputs[0] == outputs[1] == outputs[2]
    assert any(k.startswith("pagefind/fragment/") for k in outputs[0])
    assert len([k for k in outputs[0] if k.startswith("pagefind/filter/")]) == 2
    # The rewritten filter chunk lists its values in order, each with its pages.
    meta = hook._read(next((tmp_path / "a" / "pagefind").glob("*.pf_meta")))
    assert [name for name, _ in meta[3]] == ["keyword", "topic"]
    topic = hook._read(tmp_path / "a" / "pagefind" / "filter" / f"{dict(meta[3])['topic']}.pf_filter")
    assert [v for v, _ in topic[1]] == [f"Topic {i}" for i in range(7)]
    assert [len(pages) for _, pages in topic[1]] == [6, 6, 6, 6, 6, 5, 5]
