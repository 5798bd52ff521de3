"""What tools read from the built site (issue 23): read with extruct, as search engines read pages.

Every kind of page has an OpenGraph and Twitter card, a "page · catalogue" <title>, a description
cut at a word and the catalogue's own favicon; a paper page with a curated title has citation_*
tags and a ScholarlyArticle equal to its metadata, and no other page has them; cited papers have
their citation files; paper pages link to their seed line and to a new issue when the repository
is known, and not otherwise; robots.txt names the sitemap.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import bibtexparser
import extruct
import lxml.html
import pytest

from .conftest import FROZEN_SEEDS, BuiltSite, build_site
from .siteserver import SiteServer

pytestmark = pytest.mark.site

SITE_URL = "https://example.org/paper-catalogue/"
REPOSITORY = "octo-org/paper-catalogue"
CURATED = "21b8094204"  # the frozen seeds' paper with curated metadata (tests/data/seeds/metadata.yaml)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The published kind of build: directory URLs, SITE_URL, built in a GitHub workflow."""
    env = {"SITE_URL": SITE_URL, "GITHUB_REPOSITORY": REPOSITORY, "OFFLINE": "false"}
    return build_site(tmp_path_factory.mktemp("head-served"), FROZEN_SEEDS, env)


@pytest.fixture(scope="module")
def bare(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """No repository known (not in a workflow, no repo_url) and no SITE_URL."""
    env = {"SITE_URL": "", "GITHUB_REPOSITORY": "", "OFFLINE": "false"}
    return build_site(tmp_path_factory.mktemp("head-bare"), FROZEN_SEEDS, env)


def catalogue(built: BuiltSite) -> dict:
    return json.loads((built.site / "catalogue.json").read_text(encoding="utf-8"))


def page_kinds(built: BuiltSite) -> dict[str, Path]:
    """One page of every kind the site has."""
    papers = catalogue(built)["papers"]
    generated = next(p for p in papers if p["title_generated"])
    keyword = next(k for k in catalogue(built)["keywords"] if k.get("url"))
    topic = catalogue(built)["topics"][0]
    kinds = {
        "home": "",
        "paper (curated)": f"papers/{CURATED}/",
        "paper (generated title)": generated["url"],
        "keyword": keyword["url"],
        "topic": topic["url"],
        "papers index": "papers/",
        "keywords index": "keywords/",
        "topics index": "topics/",
        "titles": "titles/",
        "map": "map/",
        "about": "about/",
    }
    return {kind: built.site / url / "index.html" for kind, url in kinds.items()}


def head(path: Path) -> tuple[dict, dict[str, list[str]], str]:
    """extruct's reading of a page (JSON-LD, microdata, OpenGraph), its <meta name> values, <title>."""
    source = path.read_text(encoding="utf-8")
    data = extruct.extract(source, syntaxes=["json-ld", "microdata", "opengraph"], uniform=True)
    tree = lxml.html.fromstring(source)
    names: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        if meta.get("name"):
            names.setdefault(meta.get("name"), []).append(meta.get("content"))
    return data, names, tree.findtext(".//title")


def test_every_page_kind_has_a_card_a_title_and_a_description_cut_at_a_word(served: BuiltSite) -> None:
    for kind, path in page_kinds(served).items():
        data, names, title = head(path)
        (card,) = data["opengraph"]
        assert card["@type"] == ("article" if kind == "paper (curated)" else "website"), kind
        (canonical,) = lxml.html.fromstring(path.read_text(encoding="utf-8")).xpath(
            "//link[@rel='canonical']"
        )
        assert canonical.get("href").startswith(SITE_URL), kind  # what card readers take as og:url
        assert card["og:description"] == names["description"][0], kind
        assert names["twitter:card"] == ["summary"], kind
        if kind == "home":
            assert title == card["og:title"] == "Paper catalogue"
            h1 = lxml.html.fromstring(path.read_text(encoding="utf-8")).find(".//h1")
            assert h1.text_content().strip("¶ ") == "Paper catalogue"  # not "Home"
        else:
            assert title == f"{card['og:title']} · Paper catalogue" and card["og:title"], kind
    for paper in catalogue(served)["papers"]:
        _, names, _ = head(served.site / paper["url"] / "index.html")
        (description,) = names["description"]
        # The one-line summary (TLDR) describes the paper; the abstract only when there is none.
        abstract = " ".join((paper.get("tldr") or paper["abstract"]).split())
        if description.endswith("\u2026"):
            kept = description[:-1]
            assert len(description) <= 160 and abstract.startswith(kept), paper["id"]
            assert abstract[len(kept)] in " ,;:.-", (paper["id"], description)  # after a whole word
        else:
            assert description == abstract


def test_the_favicon_is_the_catalogues_own_svg(served: BuiltSite) -> None:
    for path in page_kinds(served).values():
        (icon,) = lxml.html.fromstring(path.read_text(encoding="utf-8")).xpath("//link[@rel='icon']")
        assert icon.get("type") == "image/svg+xml" and icon.get("href").endswith("assets/images/favicon.svg")
        target = (path.parent / icon.get("href")).resolve()
        assert target.read_bytes().startswith(b"<svg") and b"favicon" not in target.read_bytes()


def test_a_curated_paper_is_a_scholarly_article_with_citation_tags_equal_to_its_metadata(
    served: BuiltSite,
) -> None:
    # the metadata as the generator read it from tests/data/seeds/metadata.yaml
    meta = next(p for p in catalogue(served)["papers"] if p["id"] == CURATED)["metadata"]
    url = f"{SITE_URL}papers/{CURATED}/"
    data, names, _ = head(served.site / "papers" / CURATED / "index.html")
    (article,) = data["json-ld"]
    assert article["@type"] == "ScholarlyArticle"
    assert article["name"] == meta["title"]
    assert [a["name"] for a in article["author"]] == meta["authors"]
    assert article["datePublished"] == str(meta["year"])
    assert article["abstract"].startswith("We introduce a new language representation model called BERT")
    assert article["sameAs"][:2] == [
        f"https://doi.org/{meta['doi']}",
        f"https://arxiv.org/abs/{meta['arxiv']}",
    ]
    citation = {name: values for name, values in names.items() if name.startswith("citation_")}
    assert citation == {
        "citation_title": [meta["title"]],
        "citation_author": meta["authors"],
        "citation_publication_date": [str(meta["year"])],
        "citation_conference_title": [meta["venue"]],
        "citation_doi": [meta["doi"]],
        "citation_arxiv_id": [meta["arxiv"]],
        "citation_pdf_url": [f"https://arxiv.org/pdf/{meta['arxiv']}"],
        "citation_abstract_html_url": [url],
    }


def test_no_other_page_carries_citation_tags_or_an_article(served: BuiltSite) -> None:
    for path in served.site.rglob("*.html"):
        if path.parent.name == CURATED:
            continue
        data, names, _ = head(path)
        assert not [n for n in names if n.startswith("citation_")], path
        assert data["json-ld"] == [] and data["microdata"] == [], path


def test_cited_papers_have_citation_files_and_the_catalogue_files_list_the_rest(served: BuiltSite) -> None:
    page = served.site / "papers" / CURATED / "index.html"
    tree = lxml.html.fromstring(page.read_text(encoding="utf-8"))
    downloads = {a.text_content(): a for a in tree.xpath("//a[@download]")}
    assert sorted(downloads) == ["BibTeX", "CSL-JSON", "RIS"]
    for link in downloads.values():
        target = (page.parent / link.get("href")).resolve()
        assert target.is_file() and target.name.startswith(CURATED), link.get("href")
        assert link.get("download").startswith("devlin2019bert.")
    # copyable: each format is shown in a code block (Material adds the copy button)
    assert len(tree.xpath("//pre[@class='bibtex' or @class='ris' or @class='csl-json']/code")) == 3
    papers = catalogue(served)["papers"]
    bib = (served.site / "catalogue.bib").read_text(encoding="utf-8")
    library = bibtexparser.parse_string(bib)
    assert [e.key for e in library.entries] == ["devlin2019bert"] and not library.failed_blocks
    for paper in papers:
        if paper["id"] != CURATED:
            assert f"%   {paper['id']}: " in bib
            assert not (served.site / "papers" / f"{paper['id']}.bib").exists()
    (item,) = json.loads((served.site / "catalogue.csl.json").read_text(encoding="utf-8"))
    assert item["id"] == "devlin2019bert" and item["title"].startswith("BERT")
    # per topic: the topic of the cited paper links to its files; other topics have none
    for topic in catalogue(served)["topics"]:
        page = served.site / topic["url"] / "index.html"
        links = lxml.html.fromstring(page.read_text(encoding="utf-8")).xpath("//a[@download]")
        bib = served.site / "topics" / f"{topic['topic']}.bib"
        if CURATED in topic["papers"]:
            assert [a.get("download") for a in links] == [
                f"{topic['topic']}.bib",
                f"{topic['topic']}.csl.json",
            ]
            assert all((page.parent / a.get("href")).resolve().is_file() for a in links)
            assert [e.key for e in bibtexparser.parse_string(bib.read_text(encoding="utf-8")).entries] == [
                "devlin2019bert"
            ]
        else:
            assert links == [] and not bib.exists()


def test_robots_txt_names_the_sitemap(served: BuiltSite, bare: BuiltSite) -> None:
    robots = (served.site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots.splitlines()
    assert (served.site / "sitemap.xml").is_file()
    assert "Sitemap" not in (bare.site / "robots.txt").read_text(encoding="utf-8")  # no absolute URL known


def fix_links(path: Path) -> dict[str, str]:
    tree = lxml.html.fromstring(path.read_text(encoding="utf-8"))
    return {a.text_content(): a.get("href") for a in tree.xpath("//p[@class='paper-fix']/a")}


def test_paper_pages_link_to_their_seed_line_and_to_a_new_issue(served: BuiltSite) -> None:
    for paper in catalogue(served)["papers"]:
        links = fix_links(served.site / paper["url"] / "index.html")
        assert sorted(links) == ["Edit this abstract", "Report a problem"], paper["id"]
        edit = urlsplit(links["Edit this abstract"])
        source = paper["sources"][0]
        assert (edit.scheme, edit.netloc) == ("https", "github.com")
        assert edit.path == f"/{REPOSITORY}/blob/HEAD/seeds/{source['file']}"
        assert edit.fragment == f"L{source['line']}"
        line = (FROZEN_SEEDS / source["file"]).read_text(encoding="utf-8").splitlines()[source["line"] - 1]
        assert " ".join(line.split())[:40] in " ".join(paper["abstract"].split()) or paper.get("variants")
        report = urlsplit(links["Report a problem"])
        assert report.path == f"/{REPOSITORY}/issues/new"
        query = parse_qs(report.query)
        assert paper["id"] in query["title"][0]
        assert paper["id"] in query["body"][0] and f"{SITE_URL}{paper['url']}" in query["body"][0]
    # none on other pages
    for kind, path in page_kinds(served).items():
        if not kind.startswith("paper"):
            assert fix_links(path) == {}, kind


def test_no_edit_or_report_link_without_a_repository(bare: BuiltSite) -> None:
    for paper in catalogue(bare)["papers"]:
        source = (bare.site / paper["url"] / "index.html").read_text(encoding="utf-8")
        assert fix_links(bare.site / paper["url"] / "index.html") == {}
        assert "Edit this abstract" not in source and "github.com" not in source.split("</head>")[0]


@pytest.fixture(scope="module")
def served_url(served: BuiltSite) -> Iterator[str]:
    server = SiteServer("/paper-catalogue/").serve(served.site)
    yield server.url
    server.close()


@pytest.mark.browser
def test_citations_copy_and_download_and_the_fix_links_show_in_chromium(browser, served_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(served_url + f"papers/{CURATED}/")
    for fmt, first in (("ris", "TY  - CPAPER"), ("csl-json", "[")):
        block = page.locator(f"details.cite:has(pre.{fmt})")
        block.locator("summary").click()
        assert block.locator("code").inner_text().startswith(first)
        assert block.locator("button[title='Copy to clipboard']").count() == 1  # Material's copy button
    for label, suffix in (("BibTeX", ".bib"), ("RIS", ".ris"), ("CSL-JSON", ".csl.json")):
        link = page.locator("a[download]", has_text=label)
        with page.expect_download() as download:
            link.click()
        assert download.value.suggested_filename == "devlin2019bert" + suffix
        assert Path(download.value.path()).read_text(encoding="utf-8").strip()
    edit = page.get_by_role("link", name="Edit this abstract")
    report = page.get_by_role("link", name="Report a problem")
    assert edit.is_visible() and report.is_visible()
    assert (edit.get_attribute("href") or "").startswith(f"https://github.com/{REPOSITORY}/blob/HEAD/seeds/")
    assert CURATED in (report.get_attribute("href") or "")
    page.close()
