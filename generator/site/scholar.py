"""What tools read in a paper page's head: Highwire ``citation_*`` tags and schema.org JSON-LD.

Google Scholar's inclusion guidelines and Zotero's page translators read the ``citation_*`` meta
tags; search engines read a ``ScholarlyArticle`` in JSON-LD. Both are given only for a paper whose
title is curated: a generated title must not be presented to them as the authors' own.

The page template (``paper.md.j2``) writes them into the front matter and the theme override
(``overrides/main.html``) prints them raw into the head, so they are escaped here for where they
end up: a tag's value for a double-quoted HTML attribute (``escape.attribute``) and the JSON-LD for
the inside of a ``<script>`` element (``jsonld_script``). The page's own address is added by the
theme (``citation_abstract_html_url``), since only MkDocs knows ``site_url``.
"""

from __future__ import annotations

import json

from generator.models import Paper
from generator.site import citations, escape

# Characters a JSON string may hold that would end or confuse a <script> element around it: "</script"
# and "<!--" (which switches the HTML parser's script states) need "<"; ">" and "&" for good measure;
# U+2028 and U+2029 are line ends to older JavaScript parsers.
_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def citation_tags(paper: Paper) -> tuple[tuple[str, str], ...]:
    """(name, raw value) of every ``citation_*`` tag the paper gets; none when its title is generated."""
    if paper.title_generated:
        return ()
    meta = paper.metadata
    tags = [("citation_title", citations.title(paper))]
    tags += [("citation_author", name) for name in meta.authors]
    if meta.year is not None:
        tags.append(("citation_publication_date", str(meta.year)))
    kind = citations.venue_kind(meta.venue)
    if kind:
        tags.append(
            ("citation_conference_title" if kind == "conference" else "citation_journal_title", meta.venue)
        )
    if meta.doi:
        tags.append(("citation_doi", meta.doi))
    if meta.arxiv:
        tags += [
            ("citation_arxiv_id", meta.arxiv),
            ("citation_pdf_url", citations.arxiv_url(meta.arxiv, "pdf")),
        ]
    return tuple(tags)


def escaped_citation_tags(paper: Paper) -> tuple[tuple[str, str], ...]:
    """``citation_tags`` with every value escaped for a double-quoted attribute, on one line."""
    return tuple((name, escape.attribute(value)) for name, value in citation_tags(paper))


def scholarly_article(paper: Paper) -> dict[str, object] | None:
    """The schema.org ScholarlyArticle of a paper with a curated title; None otherwise."""
    if paper.title_generated:
        return None
    meta = paper.metadata
    article: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "name": escape.one_line(citations.title(paper)),
        "abstract": escape.one_line(paper.text),
    }
    if meta.authors:
        article["author"] = [{"@type": "Person", "name": escape.one_line(name)} for name in meta.authors]
    if meta.year is not None:
        article["datePublished"] = str(meta.year)
    if meta.venue:
        article["isPartOf"] = {"@type": "Periodical", "name": escape.one_line(meta.venue)}
    same = [citations.doi_url(meta.doi)] if meta.doi else []
    same += [citations.arxiv_url(meta.arxiv)] if meta.arxiv else []
    same += [meta.url] if meta.url else []
    if same:
        article["sameAs"] = same
    if meta.doi:
        article["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": meta.doi}
    return article


def jsonld_script(value: object) -> str:
    """JSON for the inside of a ``<script type="application/ld+json">``: no character of it can end
    the element or open a comment, and it parses to the same value."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)


def jsonld(paper: Paper) -> str:
    article = scholarly_article(paper)
    return "" if article is None else jsonld_script(article)


def description(text: str, size: int = 160) -> str:
    """The opening of a text for a meta description: at most ``size`` characters, cut after a whole
    word and marked with an ellipsis when the text is longer."""
    head = escape.one_line(text[: size * 2 + 200])
    if len(head) < size + 40 and len(text) > size * 2 + 200:
        head = escape.one_line(text)  # only the end of a cut-off opening can differ from the whole
    if len(head) <= size:
        return head
    window = head[: size - 1]  # room for the ellipsis
    if head[size - 1] != " " and " " in window:
        window = window.rsplit(" ", 1)[0]  # the last word does not fit whole
    return window.rstrip(" ,;:.-\u2013\u2014") + "\u2026"


def robots_txt(site_url: str) -> str:
    """robots.txt: everything may be crawled, and where the sitemap is. The Sitemap line must be
    an absolute URL, so it is left out when the site's URL is unknown (SITE_URL unset). A crawler
    reads robots.txt at the host's root only: for a project site (``<user>.github.io/<repo>/``) this
    file is published but not read, and search engines find the sitemap through Search Console."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"
