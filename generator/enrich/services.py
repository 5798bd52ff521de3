"""What the enrich command's sources have in common: the record, its validation errors, matching.

- ``IndexRecord``: one paper as a source describes it (arXiv, OpenAlex or a reference manager's
  export), untrusted text not yet validated;
- ``Malformed``: an answer that is not in the shape the source documents;
- ``match_score``: word 3-gram Jaccard of the source's own abstract and the seed text, boilerplate
  left out, as the near-duplicate rule (DEDUPE.md); ``ACCEPT`` and ``REVIEW`` are measured by
  ``bench/enrich_threshold.py`` (DEDUPE.md, section 7). It is the only gate on what is written:
  a query, a look-up by id or a reference manager only proposes candidates.

Pure functions, no network and no disk. The services' own shapes are in ``arxiv`` and
``openalex``, the query words in ``query``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from generator.identity.neardup import shingles, similarity
from generator.identity.normalize import identity_text

# A match at least this close is written to metadata.yaml; at least REVIEW, listed for a person.
ACCEPT = 0.8
REVIEW = 0.3
RESULTS = 5  # records asked for per query
ARXIV_ID = re.compile(
    r"(?:https?://(?:export\.)?arxiv\.org/(?:abs|pdf)/)?"
    r"((?:\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?)(?:\.pdf)?"
)
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", re.I)


class Malformed(ValueError):
    """An answer that is not in the shape the source documents."""


@dataclass(frozen=True)
class IndexRecord:
    """One paper as a source describes it (untrusted text, not yet validated)."""

    service: str  # "arxiv", "openalex", "bibtex", "ris" or "csl"
    key: str  # the source's own id of the record
    title: str
    abstract: str
    authors: tuple[str, ...] = ()
    year: int | None = None
    venue: str = ""
    doi: str = ""
    arxiv: str = ""
    url: str = ""
    # arXiv's journal_ref: free text with volume and pages ("Eur.Phys.J. C31 (2003) 17-29"), a
    # reference to the published version, not a venue; shown in the review list, never written.
    reference: str = ""


def one_line(text: str) -> str:
    """NFC, whitespace (the Atom feed's hard line wraps included) collapsed to single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def bare_doi(value: object) -> str:
    return _DOI_PREFIX.sub("", one_line(value)) if isinstance(value, str) else ""


def bare_arxiv(value: str) -> str:
    """The arXiv id in an id, an abs or pdf URL, without its version; "" if there is none."""
    found = ARXIV_ID.fullmatch(one_line(value).replace("http://", "https://"))
    return re.sub(r"v\d+$", "", found.group(1)) if found else ""


def year_of(value: object) -> int | None:
    text = str(value or "")[:4]
    return int(text) if text.isdigit() else None


def match_score(seed_text: str, record: IndexRecord, boilerplate: frozenset[str] = frozenset()) -> float:
    """How closely the record's abstract matches the seed text (0..1), rounded to 3 decimals."""
    return round(
        similarity(shingles(identity_text(seed_text)), shingles(identity_text(record.abstract)), boilerplate),
        3,
    )
