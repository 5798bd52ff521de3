"""The open scholarly indexes the enrich command asks (arXiv, OpenAlex): queries, answers, matching.

Pure functions, no network and no disk (``generator/enrich/command.py`` does the asking):

- ``arxiv_query`` / ``openalex_query``: the request URL for an abstract;
- ``parse_arxiv`` (the arXiv API's Atom feed) / ``parse_openalex`` (OpenAlex's works list, abstracts
  as ``abstract_inverted_index``): the records an answer holds, as ``IndexRecord``; an answer that is
  not what the API documents raises ``Malformed``;
- ``match_score``: word 3-gram Jaccard of the index's own abstract and the seed text, boilerplate
  left out, as the near-duplicate rule (DEDUPE.md); ``ACCEPT`` and ``REVIEW`` are measured by
  ``bench/enrich_threshold.py`` (DEDUPE.md, section 7).

Everything an index says is untrusted text: it is only ever turned into metadata fields that
``generator/inputs/metadata.py`` validates, and the page escapes them like seed text.
"""

from __future__ import annotations

import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urlencode

from generator.identity.neardup import shingles, similarity
from generator.identity.normalize import identity_text

# A match at least this close is written to metadata.yaml; at least REVIEW, listed for a person.
ACCEPT = 0.8
REVIEW = 0.3
RESULTS = 5  # records asked for per query
QUERY_WORDS = 8  # distinctive words of the abstract's opening in an arXiv query
OPENALEX_QUERY_WORDS = 30
_ATOM = "{http://www.w3.org/2005/Atom}"
_ARXIV = "{http://arxiv.org/schemas/atom}"
_ARXIV_ID = re.compile(
    r"(?:https?://arxiv\.org/abs/)?((?:\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?)"
)
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", re.I)
_WORD = re.compile(r"[^\W_]+")
# Words too common to narrow an arXiv query.
_COMMON_WORDS = (
    "this that with from have these which their there about into paper propose proposed present "
    "approach method methods model models based using show shows results work also while such than "
    "more most however first both each other over only when where been being does between"
)
_COMMON = frozenset(_COMMON_WORDS.split())


class Malformed(ValueError):
    """An answer that is not in the shape the API documents."""


@dataclass(frozen=True)
class IndexRecord:
    """One paper as an index describes it (untrusted text, not yet validated)."""

    service: str  # "arxiv" or "openalex"
    key: str  # the index's own id of the record
    title: str
    abstract: str
    authors: tuple[str, ...] = ()
    year: int | None = None
    venue: str = ""
    doi: str = ""
    arxiv: str = ""
    url: str = ""


def one_line(text: str) -> str:
    """NFC, whitespace (the Atom feed's hard line wraps included) collapsed to single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def query_words(text: str, count: int = QUERY_WORDS) -> list[str]:
    """Distinctive words of the abstract's opening, in order: long, not common, no repeats."""
    seen: list[str] = []
    for word in _WORD.findall(identity_text(text)):
        if len(word) >= 5 and word not in _COMMON and word.isascii() and word not in seen:
            seen.append(word)
            if len(seen) == count:
                break
    return seen


def arxiv_query(base: str, text: str) -> str:
    """The arXiv API query (search_query over abstracts, ``abs:``) for a seed abstract."""
    terms = " AND ".join(f"abs:{w}" for w in query_words(text))
    return f"{base}?{urlencode({'search_query': terms, 'start': 0, 'max_results': RESULTS})}"


def openalex_query(base: str, text: str) -> str:
    """The OpenAlex works search for a seed abstract (the fetcher adds ``mailto``, the polite pool)."""
    words = _WORD.findall(identity_text(text))[:OPENALEX_QUERY_WORDS]
    fields = (
        "id,doi,title,display_name,publication_year,authorships,primary_location,ids,abstract_inverted_index"
    )
    params = {"search": " ".join(words), "per-page": RESULTS, "select": fields}
    return f"{base}?{urlencode(params)}"


def _year(value: object) -> int | None:
    text = str(value or "")[:4]
    return int(text) if text.isdigit() else None


def _bare_doi(value: object) -> str:
    return _DOI_PREFIX.sub("", one_line(str(value))) if isinstance(value, str) else ""


def parse_arxiv(body: str) -> list[IndexRecord]:
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
        found = _ARXIV_ID.search(entry_id)
        abstract = one_line(entry.findtext(f"{_ATOM}summary") or "")
        if not found or not title or not abstract:
            raise Malformed("an entry without id, title or summary")
        arxiv_id = found.group(1)
        bare = re.sub(r"v\d+$", "", arxiv_id)
        authors = tuple(one_line(a.findtext(f"{_ATOM}name") or "") for a in entry.findall(f"{_ATOM}author"))
        records.append(
            IndexRecord(
                service="arxiv",
                key=arxiv_id,
                title=title,
                abstract=abstract,
                authors=tuple(a for a in authors if a),
                year=_year(entry.findtext(f"{_ATOM}published")),
                venue=one_line(entry.findtext(f"{_ARXIV}journal_ref") or "") or "arXiv preprint",
                doi=_bare_doi(entry.findtext(f"{_ARXIV}doi") or ""),
                arxiv=bare,
                url=f"https://arxiv.org/abs/{bare}",
            )
        )
    return records


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


def parse_openalex(body: str) -> list[IndexRecord]:
    """The works of an OpenAlex list answer (``{"meta": ..., "results": [...]}``)."""
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise Malformed(f"not JSON ({exc})") from None
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, list):
        raise Malformed("no results list")
    records = []
    for work in results:
        if not isinstance(work, dict):
            raise Malformed("a result that is not an object")
        abstract = abstract_from_inverted_index(work.get("abstract_inverted_index"))
        title = _text(work.get("title")) or _text(work.get("display_name"))
        if not abstract or not title:
            continue  # OpenAlex has many works without an abstract: nothing to verify against
        authors = []
        for authorship in work.get("authorships") or []:
            author = authorship.get("author") if isinstance(authorship, dict) else None
            name = _text(author.get("display_name")) if isinstance(author, dict) else ""
            if name:
                authors.append(name)
        location = work.get("primary_location") if isinstance(work.get("primary_location"), dict) else {}
        source = location.get("source") if isinstance(location.get("source"), dict) else {}
        landing = _text(location.get("landing_page_url"))
        ids = work.get("ids") if isinstance(work.get("ids"), dict) else {}
        arxiv = _ARXIV_ID.fullmatch(landing.replace("http://", "https://"))
        records.append(
            IndexRecord(
                service="openalex",
                key=_text(work.get("id")),
                title=title,
                abstract=abstract,
                authors=tuple(authors),
                year=_year(work.get("publication_year")),
                venue=_text(source.get("display_name")),
                doi=_bare_doi(work.get("doi") or ids.get("doi")),
                arxiv=re.sub(r"v\d+$", "", arxiv.group(1)) if arxiv else "",
                url=landing,
            )
        )
    return records


def match_score(seed_text: str, record: IndexRecord, boilerplate: frozenset[str] = frozenset()) -> float:
    """How closely the index's abstract matches the seed text (0..1), rounded to 3 decimals."""
    return round(
        similarity(shingles(identity_text(seed_text)), shingles(identity_text(record.abstract)), boilerplate),
        3,
    )
