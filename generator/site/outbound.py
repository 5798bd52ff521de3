"""Links a reader needs on a paper page: code, the paper itself and searches for it (citations: citations.py).

Search links are plain links to arXiv, Semantic Scholar and Google Scholar; the site itself never
requests anything from them. Queries are URL-encoded with ``urllib.parse.quote_plus``.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, quote_plus, urlsplit

from generator.models import Paper
from generator.text.latex import strip_latex
from generator.text.sentences import sentences

CODE_HOSTS = (
    "github.com",
    "gitlab.com",
    "bitbucket.org",
    "codeberg.org",
    "huggingface.co",
    "sourceforge.net",
)
SEARCH_SITES = (
    ("arXiv", "https://arxiv.org/search/?searchtype=all&query="),
    ("Semantic Scholar", "https://www.semanticscholar.org/search?q="),
    ("Google Scholar", "https://scholar.google.com/scholar?q="),
)
# Words of an untitled paper's opening sentence in its "Find this paper" searches. Each of the three
# links repeats the query: at 25 words they were 0.77 KB of every paper page at 10,000 bench papers.
# Twelve words of an abstract's opening are specific enough for a search engine, and arXiv's
# search wants every word it is given to match (the enrich lookup uses 8 distinctive words).
QUERY_WORDS = 12


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    text: str = ""


def is_code_host(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in CODE_HOSTS)


def found_links(paper: Paper) -> tuple[Link, ...]:
    """Links found in the abstract: 'Code' for code hosts, 'Link' otherwise."""
    return tuple(
        Link("Code" if is_code_host(url) else "Link", url, url.removeprefix("https://")) for url in paper.urls
    )


def metadata_links(paper: Paper) -> tuple[Link, ...]:
    meta = paper.metadata
    links = []
    if meta.doi:
        links.append(Link("DOI", "https://doi.org/" + quote(meta.doi, safe="/:;()._-"), meta.doi))
    if meta.arxiv:
        links.append(Link("arXiv", "https://arxiv.org/abs/" + quote(meta.arxiv, safe="/.-"), meta.arxiv))
    if meta.url:
        links.append(Link("Paper", meta.url, meta.url.removeprefix("https://")))
    return tuple(links)


def search_query(paper: Paper) -> str:
    """The curated title, else the abstract's opening sentence (at most QUERY_WORDS words)."""
    if not paper.title_generated:
        return paper.title
    text = strip_latex(paper.text)
    opening = (sentences(text) or [text])[0]
    return " ".join(opening.split()[:QUERY_WORDS]).rstrip(".")


def search_links(paper: Paper) -> tuple[Link, ...]:
    query = quote_plus(search_query(paper))
    return tuple(Link(label, base + query, label) for label, base in SEARCH_SITES)
