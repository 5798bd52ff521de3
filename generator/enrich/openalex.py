"""OpenAlex (https://developers.openalex.org): query URLs, its works list and its Work object.

- ``search_url``: a works search (costs money from the daily budget: $0.001 a call in 2026);
- ``work_url``: one work by DOI (``/works/doi:10.48550/arXiv.<id>`` for an arXiv paper), free;
- ``parse_list`` / ``parse_work``: ``IndexRecord`` from the answers, the abstract rebuilt from
  ``abstract_inverted_index``. The arXiv id is read from every location's landing page (``ids``
  has no arXiv key, and the primary location is the journal once the paper is published); the
  venue is the first location that is not a repository.

The API key is never part of these URLs: the fetcher adds it when it sends a request, so it stays
out of the cache's keys, the logs and the messages.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote, urlencode

from generator.enrich.services import RESULTS, IndexRecord, Malformed, bare_arxiv, bare_doi, one_line, year_of

URL = "https://api.openalex.org/works"
SELECT = (
    "id,doi,title,display_name,publication_year,authorships,primary_location,locations,ids,"
    "abstract_inverted_index"
)


def search_url(base: str, words: list[str], any_word: bool = False) -> str:
    """Works whose title or abstract has every word (or, ``any_word``, ranked by relevance)."""
    search = (" OR " if any_word else " ").join(words)
    return f"{base}?{urlencode({'search': search, 'per-page': RESULTS, 'select': SELECT})}"


def work_url(base: str, doi: str) -> str:
    """One work by DOI: a singleton request, which OpenAlex does not charge for."""
    return f"{base}/doi:{quote(doi, safe='/.:-_()')}?{urlencode({'select': SELECT})}"


def arxiv_doi(arxiv_id: str) -> str:
    return f"10.48550/arXiv.{arxiv_id}"


def abstract_from_inverted_index(index: object) -> str:
    """OpenAlex's ``abstract_inverted_index`` (word -> positions) back to the text."""
    if index is None:
        return ""
    if not isinstance(index, dict):
        raise Malformed("abstract_inverted_index is not an object")
    at: dict[int, str] = {}
    for word, positions in index.items():
        if not isinstance(positions, list) or not all(isinstance(p, int) and p >= 0 for p in positions):
            raise Malformed("abstract_inverted_index positions are not a list of numbers")
        for position in positions:
            at[position] = str(word)
    if at and max(at) > 50_000:
        raise Malformed("abstract_inverted_index has positions beyond any abstract")
    return one_line(" ".join(at[p] for p in sorted(at)))


def _text(value: object) -> str:
    return one_line(value) if isinstance(value, str) else ""


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _record(work: object) -> IndexRecord | None:
    if not isinstance(work, dict):
        raise Malformed("a result that is not an object")
    abstract = abstract_from_inverted_index(work.get("abstract_inverted_index"))
    title = _text(work.get("title")) or _text(work.get("display_name"))
    if not abstract or not title:
        return None  # many works have no abstract: nothing to verify against
    authors = [
        _text(_dict(_dict(a).get("author")).get("display_name")) for a in work.get("authorships") or []
    ]
    primary = _dict(work.get("primary_location"))
    locations = [primary] + [_dict(x) for x in work.get("locations") or [] if isinstance(x, dict)]
    arxiv = next(
        (
            found
            for loc in locations
            for found in (
                bare_arxiv(_text(loc.get("landing_page_url"))),
                bare_arxiv(_text(loc.get("pdf_url"))),
            )
            if found
        ),
        "",
    )
    published = [loc for loc in locations if _dict(loc.get("source")).get("type") not in (None, "repository")]
    venue = _text(_dict(published[0].get("source")).get("display_name")) if published else ""
    ids = _dict(work.get("ids"))
    return IndexRecord(
        service="openalex",
        key=_text(work.get("id")),
        title=title,
        abstract=abstract,
        authors=tuple(a for a in authors if a),
        year=year_of(work.get("publication_year")),
        venue=venue,
        doi=bare_doi(work.get("doi") or ids.get("doi")),
        arxiv=arxiv,
        url=_text((published[0] if published else primary).get("landing_page_url")),
    )


def _json(body: str) -> object:
    try:
        return json.loads(body)
    except ValueError as exc:
        raise Malformed(f"not JSON ({exc})") from None


def parse_list(body: str) -> list[IndexRecord]:
    """The works of a list answer (``{"meta": ..., "results": [...]}``)."""
    data = _json(body)
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, list):
        raise Malformed("no results list")
    return [r for r in map(_record, results) if r is not None]


def parse_work(body: str) -> list[IndexRecord]:
    """One Work object (a singleton answer), as a list of at most one record."""
    data = _json(body)
    if not isinstance(data, dict) or "id" not in data:
        raise Malformed("not a work")
    record = _record(data)
    return [record] if record is not None else []
