"""The arXiv API (https://info.arxiv.org/help/api/user-manual.html): query URLs and its Atom feed.

- ``search_url``: ``search_query`` over abstracts (``abs:``), the words ANDed, or ORed and sorted
  by relevance for the fallback;
- ``parse``: the entries of an answer as ``IndexRecord``; an error entry or anything that is not an
  Atom feed raises ``Malformed``. ``journal_ref`` is kept as ``reference``, never as the venue.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import urlencode

from generator.enrich.services import RESULTS, IndexRecord, Malformed, bare_arxiv, bare_doi, one_line, year_of

URL = "https://export.arxiv.org/api/query"
_ATOM = "{http://www.w3.org/2005/Atom}"
_ARXIV = "{http://arxiv.org/schemas/atom}"


def search_url(base: str, words: list[str], any_word: bool = False) -> str:
    """The query for abstracts holding every word (or, ``any_word``, the most of them first)."""
    terms = (" OR " if any_word else " AND ").join(f"abs:{w}" for w in words)
    params: dict[str, object] = {"search_query": terms, "start": 0, "max_results": RESULTS}
    if any_word:
        params |= {"sortBy": "relevance", "sortOrder": "descending"}
    return f"{base}?{urlencode(params)}"


def parse(body: str) -> list[IndexRecord]:
    """The entries of an arXiv API Atom feed (``<feed><entry>...``)."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise Malformed(f"not an Atom feed ({exc})") from None
    if root.tag != f"{_ATOM}feed":
        raise Malformed(f"not an Atom feed (root element {root.tag!r})")
    records = []
    for entry in root.findall(f"{_ATOM}entry"):
        entry_id = entry.findtext(f"{_ATOM}id") or ""
        title = one_line(entry.findtext(f"{_ATOM}title") or "")
        if "/api/errors" in entry_id or (title == "Error" and not entry.findtext(f"{_ATOM}published")):
            raise Malformed(f"the API reports an error: {one_line(entry.findtext(f'{_ATOM}summary') or '')}")
        arxiv_id = bare_arxiv(entry_id)
        abstract = one_line(entry.findtext(f"{_ATOM}summary") or "")
        if not arxiv_id or not title or not abstract:
            raise Malformed("an entry without id, title or summary")
        authors = tuple(one_line(a.findtext(f"{_ATOM}name") or "") for a in entry.findall(f"{_ATOM}author"))
        records.append(
            IndexRecord(
                service="arxiv",
                key=one_line(entry_id).rsplit("/abs/", 1)[-1],
                title=title,
                abstract=abstract,
                authors=tuple(a for a in authors if a),
                year=year_of(entry.findtext(f"{_ATOM}published")),
                venue="arXiv preprint",
                doi=bare_doi(entry.findtext(f"{_ARXIV}doi") or ""),
                arxiv=arxiv_id,
                url=f"https://arxiv.org/abs/{arxiv_id}",
                reference=one_line(entry.findtext(f"{_ARXIV}journal_ref") or ""),
            )
        )
    return records
