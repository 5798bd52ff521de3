"""The Pages workflow's gate on a built site: what a data change can break, before it is published.

    python tools/check_site.py site [--site-url URL]

Serves site/ on 127.0.0.1 under the path of its URL (as GitHub Pages does, 404.html on misses), then
1. smoke-checks a few published pages: home, titles, search, 404, and the first, middle and last
   papers of catalogue.json (each answers 200, shows its title and the start of its abstract);
2. checks every internal link and anchor of every page from the files (href and src attributes,
   resolved as a browser does, against the files and the ids of the target page): fast enough for
   10,000 papers; links to the site's own URL count as internal, links that leave its path fail;
3. runs linkchecker over HTTP as well when the site has at most LINKCHECKER_MAX pages (or always,
   --linkchecker always): a second, independent crawl. No request leaves the machine.
Prints what failed and exits non-zero, else one line of what was checked.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.siteserver import SiteServer  # the server the tests use

LINKCHECKER_MAX = 3000
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


class _Attributes(HTMLParser):
    """href/src and id/name values of a page, read as a browser does: minified pages leave most
    attribute values unquoted, which a pattern over quoted values would silently skip."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.links: set[str] = set()
        self.ids: set[str] = set()
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src"):
                self.links.add(value)
            elif name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)


def _read(page: Path) -> _Attributes:
    return _Attributes(page.read_text(encoding="utf-8", errors="replace"))


LINKCHECKER_RC = """
[checking]
threads=8
maxrequestspersecond=1000
[filtering]
checkextern=0
[AnchorCheck]
"""


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", errors="replace")


def page_text(markup: str) -> str:
    """The visible text of a page, roughly: tags dropped, entities decoded, whitespace collapsed."""
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S | re.I)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def smoke(base: str, site: Path) -> tuple[list[str], int]:
    problems: list[str] = []
    catalogue = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    papers = catalogue["papers"]
    if not papers:
        problems.append("catalogue.json lists no papers")
    pages = {"": "Paper catalogue", "titles/": "", "catalogue.json": ""}
    for paper in {id(p): p for p in (papers[:1] + papers[len(papers) // 2 :][:1] + papers[-1:])}.values():
        pages[paper["url"]] = paper["title"]
    checked = 0
    for url, title in pages.items():
        path = url
        if url.endswith("/") and not (site / url / "index.html").is_file():
            path = url.rstrip("/") + ".html"  # a build for file:// (OFFLINE=true): papers/<id>.html
        status, body = fetch(base + path)
        checked += 1
        if status != 200:
            problems.append(f"{base}{path}: HTTP {status}")
            continue
        text = page_text(body) if not path.endswith(".json") else body
        paper = next((p for p in papers if p["url"] == url), None)
        if title and title not in text:
            problems.append(f"{base}{path}: does not show {title!r}")
        if paper is not None:
            opening = " ".join(paper["abstract"].split()[:8])
            if opening not in text:
                problems.append(f"{base}{path}: does not show its abstract ({opening!r} ...)")
    status, body = fetch(base + "no/such/page/")
    checked += 1
    if status != 404 or "md-header" not in body:
        problems.append(f"{base}no/such/page/: HTTP {status}, not the site's 404 page")
    search = [p for p in ("pagefind/pagefind.js", "search/search_index.json") if (site / p).is_file()]
    if not search:
        problems.append("no search index in the site (pagefind/ or search/search_index.json)")
    return problems, checked


def internal_links(site: Path, site_url: str = "") -> tuple[list[str], int]:
    """Every broken internal link or anchor of the site's pages, and how many links were checked."""
    prefix = urlsplit(site_url).path or "/"
    ids: dict[Path, set[str]] = {}
    problems: list[str] = []
    checked = 0
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        for raw in sorted(_read(page).links):
            href = raw.strip()
            if site_url and href.startswith(site_url):
                href = prefix + href[len(site_url) :]
            elif not href or href == "#" or href.startswith("//") or _SCHEME.match(href):
                continue
            checked += 1
            parts = urlsplit(urljoin(prefix + rel, href))
            path = unquote(parts.path)
            if not path.startswith(prefix):
                problems.append(f"{rel}: link {href!r} leaves the site's path {prefix}")
                continue
            target = site / path[len(prefix) :]
            if path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                problems.append(f"{rel}: broken link {href!r}")
                continue
            if parts.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = _read(target).ids
                if unquote(parts.fragment) not in ids[target]:
                    problems.append(f"{rel}: link {href!r}: no anchor #{parts.fragment} in the target page")
    return problems, checked


def linkcheck(url: str) -> tuple[bool, str]:
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "linkcheckerrc"
        config.write_text(LINKCHECKER_RC, encoding="utf-8")
        linkchecker = Path(sys.executable).parent / "linkchecker"
        result = subprocess.run(
            [str(linkchecker), "-f", str(config), "--no-status", "-o", "text", url],
            capture_output=True,
            text=True,
            check=False,
        )
    ok = result.returncode == 0 and "0 errors found" in result.stdout
    return ok, result.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("site", type=Path, help="the built site (mkdocs build's site_dir)")
    parser.add_argument("--site-url", default="", help="its public URL: it is served under that path")
    parser.add_argument("--no-linkcheck", action="store_true", help="the smoke check only")
    parser.add_argument(
        "--linkchecker",
        choices=("auto", "always", "never"),
        default="auto",
        help=f"also crawl with linkchecker (auto: sites of at most {LINKCHECKER_MAX} pages)",
    )
    args = parser.parse_args(argv)
    server = SiteServer(urlsplit(args.site_url).path or "/").serve(args.site)
    try:
        started = time.monotonic()
        problems, checked = smoke(server.url, args.site)
        summary = f"smoke check: {checked} pages"
        pages = sum(1 for _ in args.site.rglob("*.html"))
        if not args.no_linkcheck:
            broken, links = internal_links(args.site, args.site_url)
            problems += broken[:50] + (
                [f"... and {len(broken) - 50} more broken links"] if len(broken) > 50 else []
            )
            summary += f"; {links} internal links of {pages} pages"
        crawl = args.linkchecker == "always" or (args.linkchecker == "auto" and pages <= LINKCHECKER_MAX)
        if not args.no_linkcheck and crawl:
            ok, report = linkcheck(server.url)
            if not ok:
                problems.append("link check failed:\n" + report[-8000:])
            counted = re.search(r"(\d+) links? in (\d+) URLs? checked", report)
            summary += f"; linkchecker: {counted.group(0) if counted else 'see above'}"
    finally:
        server.close()
    for problem in problems:
        print(f"::error::{problem}" if "\n" not in problem else problem)
    if problems:
        return 1
    print(f"site OK ({summary}, {time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
