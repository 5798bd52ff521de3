"""``python -m generator enrich --from library.bib``: real titles from a reference manager's export.

Zotero, JabRef and Mendeley export BibTeX, RIS and CSL-JSON with each paper's abstract, title,
authors, year, venue and DOI: an offline source that the abstract itself verifies. Each entry's
abstract is scored against every paper without metadata with the same check as the indexes
(``services.match_score`` >= ``ACCEPT``); an entry that matches gives the paper ``title``,
``authors``, ``year``, ``venue``, ``doi``, ``url`` and ``arxiv`` with ``source: bibtex`` (``ris``,
``csl``). Entries that match no paper are listed, never guessed; a close one is listed for review.

Parsers: bibtexparser 2 for BibTeX (its LaTeX decoding, through pylatexenc, turns ``{\\"u}``,
``\\&`` and braces into text; maths stays ``$...$`` and becomes text where a title is shown, as
in abstracts), rispy for RIS, the standard library for CSL-JSON. Everything in an export is
untrusted text: only fields the metadata rules accept are written.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bibtexparser
import rispy
from bibtexparser import middlewares

from generator.enrich.decide import Verdict, checked, decide, existing_ids, papers, review_text, with_entries
from generator.enrich.services import (
    ACCEPT,
    REVIEW,
    IndexRecord,
    bare_arxiv,
    bare_doi,
    match_score,
    one_line,
    year_of,
)
from generator.errors import BuildError, Problem
from generator.identity.neardup import near_duplicates
from generator.identity.normalize import identity_text
from generator.inputs import ingest
from generator.site import write

log = logging.getLogger(__name__)
FORMATS = {".bib": "bibtex", ".bibtex": "bibtex", ".ris": "ris", ".json": "csl"}
_ARXIV_IN_TEXT = re.compile(
    r"(?:arxiv[:\s]*|arxiv\.org/(?:abs|pdf)/|10\.48550/arxiv\.)((?:\d{4}\.\d{4,5}|[a-z][a-z\-]*/\d{7})(?:v\d+)?)",
    re.I,
)


def read_export(path: Path) -> tuple[str, list[IndexRecord], list[str]]:
    """(format, records, problems) of an export; the format from the file's suffix."""
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise BuildError(
            [Problem(str(path), f"unknown export format {path.suffix!r}: use .bib, .ris or .json")]
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BuildError([Problem(str(path), f"cannot read the export: {exc}")]) from None
    parse = {"bibtex": parse_bibtex, "ris": parse_ris, "csl": parse_csl}[kind]
    records, problems = parse(text)
    return kind, records, problems


def _name(value: str) -> str:
    """ "Last, First" (or "Last, Jr, First") as "First Last"; other names as written."""
    parts = [p.strip() for p in value.split(",")]
    if len(parts) == 2 and all(parts):
        return f"{parts[1]} {parts[0]}"
    if len(parts) == 3 and parts[0] and parts[2]:
        return f"{parts[2]} {parts[0]} {parts[1]}".strip()
    return one_line(value)


def _arxiv_of(*texts: object) -> str:
    for text in texts:
        for found in _ARXIV_IN_TEXT.finditer(str(text or "")):
            return bare_arxiv(found.group(1))
    return ""


def _record(
    kind: str, key: str, title: object, abstract: object, authors: Iterable[object], **rest: Any
) -> IndexRecord:
    venue = one_line(str(rest.get("venue") or ""))
    if venue.lower().startswith("arxiv"):
        venue = "arXiv preprint"
    arxiv = bare_arxiv(str(rest.get("arxiv") or "")) or _arxiv_of(*rest.get("arxiv_hints", ()))
    return IndexRecord(
        service=kind,
        key=one_line(key),
        title=one_line(str(title or "")),
        abstract=one_line(str(abstract or "")),
        authors=tuple(n for n in (_name(str(a)) for a in authors if a) if n and n.lower() != "others"),
        year=year_of(rest.get("year")),
        venue=venue,
        doi=bare_doi(str(rest.get("doi") or "")),
        arxiv=arxiv,
        url=one_line(str(rest.get("url") or "")),
    )


def _braces(text: str) -> str:
    """BibTeX's protecting braces ({B}ERT) that survived decoding: not part of the text."""
    return text.replace("{", "").replace("}", "") if text.count("{") == text.count("}") else text


def parse_bibtex(text: str) -> tuple[list[IndexRecord], list[str]]:
    library = bibtexparser.parse_string(
        text,
        append_middleware=[middlewares.LatexDecodingMiddleware(), middlewares.SeparateCoAuthors()],
    )
    problems = [
        f"line {b.start_line + 1}: {one_line(str(b.error)) or 'not a BibTeX entry'}"
        for b in library.failed_blocks
    ]
    records = []
    for entry in library.entries:
        f = {field.key.lower(): field.value for field in entry.fields}
        authors = f.get("author") or []
        eprint = f.get("eprint", "") if str(f.get("archiveprefix", "arxiv")).lower() == "arxiv" else ""
        records.append(
            _record(
                "bibtex",
                entry.key,
                _braces(str(f.get("title") or "")),
                f.get("abstract"),
                authors if isinstance(authors, list) else [authors],
                year=f.get("year") or f.get("date"),
                venue=_braces(str(f.get("journal") or f.get("booktitle") or f.get("journaltitle") or "")),
                doi=f.get("doi"),
                url=f.get("url"),
                arxiv=eprint,
                arxiv_hints=(f.get("url"), f.get("doi"), f.get("journal"), f.get("note"), f.get("number")),
            )
        )
    return records, problems


def parse_ris(text: str) -> tuple[list[IndexRecord], list[str]]:
    try:
        entries = rispy.loads(text)
    except Exception as exc:  # rispy raises plain IOError/ValueError on a broken file
        return [], [f"not RIS: {exc}"]
    records = []
    for n, e in enumerate(entries, 1):
        urls = e.get("urls") or []
        records.append(
            _record(
                "ris",
                e.get("id") or f"entry {n}",
                e.get("title") or e.get("primary_title"),
                e.get("abstract"),
                e.get("authors") or e.get("first_authors") or [],
                year=e.get("year") or e.get("date") or e.get("publication_year"),
                venue=e.get("secondary_title") or e.get("journal_name") or e.get("alternate_title3"),
                doi=e.get("doi"),
                url=urls[0] if urls else "",
                arxiv_hints=(*urls, e.get("doi"), e.get("notes"), e.get("secondary_title")),
            )
        )
    return records, []


def parse_csl(text: str) -> tuple[list[IndexRecord], list[str]]:
    try:
        items = json.loads(text)
    except ValueError as exc:
        return [], [f"not CSL-JSON: {exc}"]
    if isinstance(items, dict):
        items = items.get("items", [items])
    if not isinstance(items, list):
        return [], ["not CSL-JSON: neither a list of items nor an item"]
    records, problems = [], []
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict):
            problems.append(f"item {n} is not an object")
            continue
        names = []
        for a in item.get("author") or []:
            if isinstance(a, dict):
                names.append(
                    a.get("literal") or " ".join(str(a.get(k) or "") for k in ("given", "family")).strip()
                )
        issued = item.get("issued") or {}
        parts = issued.get("date-parts") if isinstance(issued, dict) else None
        year = (
            parts[0][0]
            if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]
            else None
        )
        records.append(
            _record(
                "csl",
                str(item.get("id") or f"item {n}"),
                item.get("title"),
                item.get("abstract"),
                names,
                year=year,
                venue=item.get("container-title"),
                doi=item.get("DOI"),
                url=item.get("URL"),
                arxiv_hints=(item.get("URL"), item.get("DOI"), item.get("number"), item.get("note")),
            )
        )
    return records, problems


@dataclass(frozen=True)
class FromSummary:
    kind: str
    entries: int
    matched: int
    review: int
    unmatched: tuple[str, ...]  # "key: title" of entries that match no paper
    no_abstract: tuple[str, ...]
    problems: tuple[str, ...] = ()

    def line(self) -> str:
        out = [
            f"enrich --from ({self.kind}): {self.entries} entries: {self.matched} matched, "
            f"{self.review} listed for review, {len(self.unmatched)} match no paper, "
            f"{len(self.no_abstract)} without an abstract (not verifiable)"
        ]
        out += [f"  no match: {u}" for u in self.unmatched]
        out += [f"  no abstract: {u}" for u in self.no_abstract]
        out += [f"  unreadable: {p}" for p in self.problems]
        return "\n".join(out)


def run(seeds_dir: Path, export: Path, review_file: Path | None = None, quiet: bool = False) -> FromSummary:
    """Match the export's entries to the papers without metadata; write the verified ones."""
    kind, records, problems = read_export(export)
    catalogue, source = papers(seeds_dir)
    known = {p.id for p in catalogue}
    done = existing_ids(source, known)
    boilerplate = near_duplicates(sorted({identity_text(p.text) for p in catalogue})).boilerplate
    todo = [p for p in catalogue if p.id not in done]
    with_abstract = [r for r in records if r.abstract]
    # Every entry's best paper; every paper's candidates are the entries whose best it is.
    candidates: dict[str, list[IndexRecord]] = {}
    unmatched: list[str] = []
    for record in with_abstract:
        scored = sorted(((match_score(p.text, record, boilerplate), p.id) for p in todo), reverse=True)
        if scored and scored[0][0] >= REVIEW:
            candidates.setdefault(scored[0][1], []).append(record)
        elif not any(match_score(p.text, record, boilerplate) >= ACCEPT for p in catalogue if p.id in done):
            unmatched.append(f"{record.key}: {record.title[:120]}")
    verdicts: list[Verdict] = [
        decide(p, {kind: candidates[p.id]}, [], boilerplate) for p in todo if p.id in candidates
    ]
    label = f"{seeds_dir.as_posix().rstrip('/')}/{ingest.METADATA_FILE}"
    verdicts = checked(source, label, verdicts, known)
    if any(v.outcome == "matched" for v in verdicts):
        write.write_metadata(seeds_dir, with_entries(source, verdicts))
    if review_file is not None:
        write.write_text_file(review_file, review_text(verdicts))
    if not quiet:
        for v in verdicts:
            where = f" ({v.record.key}, {v.score:.3f})" if v.record else ""
            log.info("%s %s%s", v.paper, v.outcome, where)
    return FromSummary(
        kind=kind,
        entries=len(records),
        matched=sum(v.outcome == "matched" for v in verdicts),
        review=sum(v.outcome == "review" for v in verdicts),
        unmatched=tuple(sorted(unmatched)),
        no_abstract=tuple(sorted(f"{r.key}: {r.title[:120]}" for r in records if not r.abstract)),
        problems=tuple(problems),
    )
