"""The site built from the frozen seed catalogue (tests/data/seeds) with `mkdocs build --strict`."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from generator.models import KEYWORD_PAGE_MIN
from generator.site.topicmap import NEIGHBOURHOOD_MIN

from .conftest import BuiltSite
from .searchindex import search_docs
from .sitehtml import fragment, inner_html, parse, resolve, text_of

pytestmark = pytest.mark.site


def catalogue(built: BuiltSite) -> dict:
    return json.loads((built.site / "catalogue.json").read_text(encoding="utf-8"))


def test_every_paper_page_shows_its_abstract(seed_site: BuiltSite) -> None:
    data = catalogue(seed_site)
    assert len(data["papers"]) == 47
    for paper in data["papers"]:
        page = seed_site.site / paper["url"] / "index.html"
        assert text_of(page, "abstract") == paper["abstract"]


def test_paper_page_links_to_existing_keyword_and_related_pages(seed_site: BuiltSite) -> None:
    data = catalogue(seed_site)
    keyword_urls = {k["keyword"]: k.get("url") for k in data["keywords"]}
    paper = next(p for p in data["papers"] if p.get("related") and keyword_urls[p["keywords"][0]])
    page = seed_site.site / paper["url"] / "index.html"
    targets = {resolve(seed_site.site, page, href) for href in parse(page).links}
    keyword_page = seed_site.site / keyword_urls[paper["keywords"][0]] / "index.html"
    related_page = seed_site.site / f"papers/{paper['related'][0]['id']}/index.html"
    assert keyword_page in targets and keyword_page.is_file()
    assert related_page in targets and related_page.is_file()


def test_every_internal_link_resolves(seed_site: BuiltSite) -> None:
    broken = []
    for page in seed_site.site.rglob("*.html"):
        for href in parse(page).links:
            target = resolve(seed_site.site, page, href)
            if target is not None and not target.exists():
                broken.append((str(page.relative_to(seed_site.site)), href))
    assert broken == []


def test_no_third_party_resources(seed_site: BuiltSite) -> None:
    external = set()
    for page in seed_site.site.rglob("*.html"):
        for ref in parse(page).resources:
            if urlparse(ref).scheme or ref.startswith("//"):
                external.add(ref)
    assert external == set()
    for css in seed_site.site.rglob("*.css"):
        assert "fonts.googleapis" not in css.read_text(encoding="utf-8")


def test_paper_pages_stay_out_of_the_navigation(seed_site: BuiltSite) -> None:
    data = catalogue(seed_site)
    home = (seed_site.site / "index.html").read_text(encoding="utf-8")
    # The home page's navigation does not carry the catalogue: no paper page is linked from it
    # outside the page content (which lists the papers by title).
    outside = re.sub(r"<article .*?</article>", "", home, flags=re.S)
    assert "<article" in home and len(outside) < len(home)
    assert not any(f'href="{p["url"]}"' in outside for p in data["papers"])
    sizes = [(seed_site.site / p["url"] / "index.html").stat().st_size for p in data["papers"]]
    assert max(sizes) < 60_000


def test_search_index_has_paper_pages(seed_site: BuiltSite) -> None:
    locations = {doc["location"].split("#")[0] for doc in search_docs(seed_site.site)}
    assert {p["url"] for p in catalogue(seed_site)["papers"]} <= locations


def test_catalogue_json_is_published(seed_site: BuiltSite) -> None:
    assert (seed_site.site / "catalogue.json").read_bytes() == (
        seed_site.docs / "catalogue.json"
    ).read_bytes()
    assert Path(seed_site.site / "keywords/index.html").is_file()


def test_keyword_pages_exist_only_for_keywords_enough_papers_share(seed_site: BuiltSite) -> None:
    data = catalogue(seed_site)
    pages = {p.parent.name for p in (seed_site.site / "keywords").glob("*/index.html")} - {"page"}
    paged = [k for k in data["keywords"] if len(k["papers"]) >= KEYWORD_PAGE_MIN]
    few = [k for k in data["keywords"] if 2 <= len(k["papers"]) < KEYWORD_PAGE_MIN]
    single = [k for k in data["keywords"] if len(k["papers"]) == 1]
    assert paged and few
    assert pages == {k["url"].split("/")[1] for k in paged}
    assert all(k.get("url") is None for k in few + single)
    # A keyword of a few papers is a search for it on each of its papers (and the index): an <a>
    # without href in the page's keyword chips, which page.js makes `?q=<keyword>` (test_browser_listings).
    kw = next(k for k in few if not k.get("acronym") and re.fullmatch(r"[\w -]+", k["keyword"]))
    chip = f"<a>{kw['keyword']}</a>"
    for pid in kw["papers"]:
        assert chip in inner_html(seed_site.site / f"papers/{pid}/index.html", css_class="k"), pid
    index_pages = [
        seed_site.site / "keywords/index.html",
        *(seed_site.site / "keywords/page").glob("*/index.html"),
    ]
    assert any(chip in page.read_text(encoding="utf-8") for page in index_pages)
    # A single-paper keyword is a search chip on its paper too, and the index links it to that paper.
    kw = single[0]
    page = seed_site.site / f"papers/{kw['papers'][0]}/index.html"
    assert kw["keyword"] in html.unescape(page.read_text(encoding="utf-8"))
    llm = next(k for k in data["keywords"] if k["keyword"] == "large language models")
    index = html.unescape((seed_site.site / "keywords/index.html").read_text(encoding="utf-8"))
    assert f"large language models (LLMs)</a></span> ({len(llm['papers'])})" in index


def test_papers_index_in_each_order_and_a_z_titles_list_every_paper(seed_site: BuiltSite) -> None:
    data = catalogue(seed_site)
    for page in ("papers/index.html", "papers/a-z/index.html", "titles/index.html"):
        parsed = parse(seed_site.site / page)
        targets = {resolve(seed_site.site, seed_site.site / page, href) for href in parsed.links}
        for paper in data["papers"]:
            assert seed_site.site / paper["url"] / "index.html" in targets, (page, paper["title"])
    titles = [p["title"] for p in data["papers"]]
    assert len(set(titles)) == len(titles) == 47
    curated = [p for p in data["papers"] if not p["title_generated"]]  # from tests/data/seeds/metadata.yaml
    assert [p["id"] for p in curated] == ["21b8094204"]
    mo = next(p for p in data["papers"] if p["title"].startswith("MoTCoder:"))
    page = (seed_site.site / mo["url"] / "index.html").read_text(encoding="utf-8")
    assert f"<title>{mo['title']} · Paper catalogue</title>" in page
    assert "Title generated from the abstract" in page
    links = parse(seed_site.site / mo["url"] / "index.html").links
    assert "https://github.com/dvlab-research/MoTCoder" in links
    assert any(
        href.startswith("https://scholar.google.com/scholar?q=Large+Language+Models+%28LLMs%29")
        for href in links
    )


def test_curated_metadata_of_the_seeds_is_shown(seed_site: BuiltSite) -> None:
    bert = next(p for p in catalogue(seed_site)["papers"] if p["id"] == "21b8094204")
    assert bert["title"] == "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding"
    assert bert["metadata"]["year"] == 2019 and bert["metadata"]["arxiv"] == "1810.04805"
    page = seed_site.site / bert["url"] / "index.html"
    source = page.read_text(encoding="utf-8")
    assert f"<title>{bert['title']} · Paper catalogue</title>" in source
    assert "Title generated from the abstract" not in source
    assert "https://doi.org/10.18653/v1/N19-1423" in parse(page).links
    assert html.unescape(text_of(page, "bibtex")).startswith(
        "@inproceedings{devlin2019bert,\n  title = {BERT"
    )


def test_seed_abstracts_read_cleanly_with_working_code_links(seed_site: BuiltSite) -> None:
    linked = 0
    for paper in catalogue(seed_site)["papers"]:
        page = seed_site.site / paper["url"] / "index.html"
        abstract = text_of(page, "abstract")
        for residue in ("``", "\\url", "$", "}", " //", "\\"):
            assert residue not in abstract, (paper["id"], residue)
        hrefs = [href for href in parse_fragment(inner_html(page, attribute="data-abstract")) if href]
        shown = [word.rstrip(".,;)") for word in abstract.split() if word.startswith("https://")]
        assert hrefs == shown, paper["id"]
        linked += len(hrefs)
    assert linked >= 7  # the seeds cite their code on GitHub (7 distinct papers)


def parse_fragment(source: str) -> list[str]:
    parser = fragment(source)
    assert all(attrs.get("rel") == "nofollow noopener" for tag, attrs in parser.elements if tag == "a")
    return parser.links


def test_every_paper_page_names_its_topic_and_the_home_page_lists_topics(seed_site: BuiltSite) -> None:
    data = catalogue(seed_site)
    topics = {t["topic"]: t for t in data["topics"]}
    assert sorted(pid for t in data["topics"] for pid in t["papers"]) == sorted(
        p["id"] for p in data["papers"]
    )
    for paper in data["papers"]:
        page = seed_site.site / paper["url"] / "index.html"
        topic_page = seed_site.site / topics[paper["topic"]]["url"] / "index.html"
        assert topic_page in {resolve(seed_site.site, page, href) for href in parse(page).links}
        assert topic_page.is_file()
    home = seed_site.site / "index.html"
    home_targets = {resolve(seed_site.site, home, href) for href in parse(home).links}
    text = home.read_text(encoding="utf-8")
    for topic in data["topics"]:
        assert seed_site.site / topic["url"] / "index.html" in home_targets
        assert f"({len(topic['papers'])})" in text


def test_map_page_has_an_svg_whose_nodes_link_to_topic_pages_and_a_table(seed_site: BuiltSite) -> None:
    page = seed_site.site / "map/index.html"
    source = page.read_text(encoding="utf-8")
    assert source.count("<svg") >= 1
    svg_part = inner_html(page, attribute="data-topic-map")
    assert "<script" not in svg_part
    hrefs = svg_links(svg_part)
    data = catalogue(seed_site)
    drawn = [t for t in data["topics"] if t.get("keywords")]
    assert len(hrefs) == len(drawn)
    for href in hrefs:
        target = resolve(seed_site.site, page, href)
        assert target is not None and target.is_file(), href
    assert "<table>" in source.split("</svg>", 1)[1]


def svg_links(source: str) -> list[str]:
    """Targets of the SVG links (xlink:href) in a page's source."""
    return [str(attrs["xlink:href"]) for tag, attrs in fragment(source).elements if "xlink:href" in attrs]


def test_every_svg_link_resolves(seed_site: BuiltSite) -> None:
    checked = 0
    for page in seed_site.site.rglob("*.html"):
        for href in svg_links(page.read_text(encoding="utf-8")):
            target = resolve(seed_site.site, page, href)
            assert target is not None and target.is_file(), (str(page), href)
            checked += 1
    # The map's nodes (one a topic drawn) and, in each paper's neighbourhood picture (papers with
    # NEIGHBOURHOOD_MIN related papers or more), one link a related paper.
    data = catalogue(seed_site)
    pictured = sum(
        len(p.get("related", [])) for p in data["papers"] if len(p.get("related", [])) >= NEIGHBOURHOOD_MIN
    )
    # Since the pair model (EVALUATION.md, "Related papers, round 4") few seed papers show 3 links, so
    # the pictures may be absent here; the map's links are always checked.
    assert checked > 0 and checked == sum(1 for t in data["topics"] if t.get("keywords")) + pictured


def test_pages_are_minified_and_share_the_theme_icons(seed_site: BuiltSite) -> None:
    # hooks/minify.py and hooks/icons.py: no indentation, no inline icon path; every icon class a
    # page uses has its rule in the one shared stylesheet.
    css = (seed_site.site / "assets/stylesheets/icons.css").read_text(encoding="utf-8")
    rules = set(re.findall(r"^\.(i[0-9a-f]{6})\{aspect-ratio:1;", css, re.M))
    assert len(rules) >= 5
    pages = sorted(seed_site.site.rglob("*.html"))
    for page in pages:
        source = page.read_text(encoding="utf-8")
        assert "\n  " not in source.split("<pre", 1)[0], page
        assert "<path" not in source, page  # no page draws a path: icons come from the stylesheet
        used = {
            c
            for tag, a in parse(page).elements
            for c in (a.get("class") or "").split()
            if re.fullmatch(r"i[0-9a-f]{6}", c)
        }
        assert used <= rules, page
    assert any(re.search(r"<svg class=i[0-9a-f]{6}></svg>", p.read_text(encoding="utf-8")) for p in pages)


_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S)


def test_pages_share_materials_scripts_and_configuration_from_one_file(seed_site: BuiltSite) -> None:
    # overrides/partials/javascripts/: no page inlines Material's scope and palette scripts or the
    # configuration every page shares; its #__config (in the head) holds only the base URL and
    # the search worker, and assets/javascripts/page.js, loaded once in the header after the
    # palette form and before Material's bundle, adds the features and translations.
    script = (seed_site.site / "assets/javascripts/page.js").read_text(encoding="utf-8")
    assert "__md_scope=new URL(" in script and 'var palette=__md_get("__palette")' in script
    shared = json.loads(
        re.search(r"Object\.assign\(JSON\.parse\(e\.textContent\),(\{.*?\})\)\)", script).group(1)
    )
    assert shared["features"][0] == "navigation.instant" and "content.code.copy" in shared["features"]
    assert shared["translations"]["search.result.none"] == "No matching documents"
    assert "{%" not in script and "{{" not in script  # rendered as a template, not copied
    # The header's palette form and search box, inserted around page.js's own script element:
    # minified, the theme's icons as stylesheet classes, the search dialog named (aria-dialog-name).
    inserted = r'insertAdjacentHTML\("(?:beforebegin|afterend)",("(?:[^"\\]|\\.)*")\)'
    before, after = (json.loads(m) for m in re.findall(inserted, script))
    assert before.startswith("<form class=md-header__option data-md-component=palette>")
    assert before.count("type=radio") == 2 and "<path" not in before and "<svg class=i" in before
    assert re.search(r"<div aria-label=Search class=md-search data-md-component=search role=dialog>", after)
    assert "for=__search" in after and "md-search__input" in after and "<path" not in after
    assert "\n  " not in before + after
    pages = sorted(seed_site.site.rglob("*.html"))
    assert len(pages) > 47  # the paper pages and the others
    for page in pages:
        source = page.read_text(encoding="utf-8")
        scripts = _SCRIPT.findall(source)
        # JSON-LD (a cited paper's ScholarlyArticle) is data for search engines, not a script
        inline = [(attrs, body) for attrs, body in scripts if body.strip() and "ld+json" not in attrs]
        assert len(inline) == 1 and "id=__config" in inline[0][0] and "application/json" in inline[0][0], page
        config = json.loads(inline[0][1])
        assert set(config) == {"base", "search"}, page
        assert source.index("id=__config") < source.index("</head>"), page
        srcs = [re.search(r"src=(\S+)", attrs).group(1) for attrs, body in scripts if "src=" in attrs]
        assert [s.rsplit("/", 1)[-1] for s in srcs if s.endswith("page.js")] == ["page.js"], page
        loaded = resolve(seed_site.site, page, next(s for s in srcs if s.endswith("page.js")))
        assert loaded == seed_site.site / "assets/javascripts/page.js", page
        at = source.index("page.js")
        assert source.index("data-md-component=header-topic") < at < source.index("</header>"), page
        # partials/header.html: the palette form and search box come from page.js, not the page
        assert "data-md-component=palette" not in source and "md-search" not in source, page
        assert at < source.index("bundle."), page
        assert "name=generator" not in source, page
    # hooks/minify.py: the drawer's labels are plain text; no tabs repeat them (mkdocs.yml).
    paper = (seed_site.site / "papers/0a078a1747/index.html").read_text(encoding="utf-8")
    assert "<a class=md-nav__link href=../../keywords/>Keywords</a>" in paper
    assert "md-tabs" not in paper


def test_the_served_site_ships_no_asset_that_no_page_loads(seed_site: BuiltSite) -> None:
    # hooks/pagefind_search.py: Pagefind serves the search, so Material's lunr worker, lunr's
    # language files and the source maps are left out.
    assets = {p.relative_to(seed_site.site).as_posix() for p in (seed_site.site / "assets").rglob("*")}
    assert not [a for a in assets if "lunr" in a or a.endswith(".map") or "workers/search." in a]
    assert "assets/javascripts/workers/pagefind.js" in assets
    for page in (seed_site.site / "index.html", seed_site.site / "papers/0a078a1747/index.html"):
        for ref in parse(page).resources:
            target = resolve(seed_site.site, page, ref)
            assert target is None or target.is_file(), (page, ref)
