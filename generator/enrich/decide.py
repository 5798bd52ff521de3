"""Deciding and writing, shared by both ways of enriching (the indexes, a reference manager's export).

- ``decide``: a paper's verdict from the candidate records: the closest record whose abstract
  scores at least ``ACCEPT`` (the only gate) is "matched" and gives the entry; a close one is
  listed for review; a failure with no match says why;
- ``entry_for``: the entry's fields, each checked by the metadata file's own rules, completed by
  another source's record of the same paper (its DOI, arXiv id, or a venue where arXiv has none);
- ``papers``: the catalogue's papers with the ids the build gives them;
- ``checked`` / ``with_entries`` / ``review_text``: the metadata file with the new entries (only
  entries that keep it valid) and the review list.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from generator.enrich import services
from generator.enrich.services import ACCEPT, REVIEW, IndexRecord
from generator.errors import BuildError
from generator.identity.dedupe import dedupe
from generator.inputs import history, ingest, metadata
from generator.models import Metadata, MetadataSource, Paper
from generator.runtime import parallel


@dataclass(frozen=True)
class Verdict:
    paper: str
    outcome: str  # "matched", "review", "not found", "failed"
    score: float = 0.0
    record: IndexRecord | None = None
    entry: Metadata | None = None
    reason: str = ""


def _field_ok(pid: str, name: str, value: object) -> bool:
    """Whether one field passes the metadata file's own rules (index text is untrusted)."""
    text = metadata.format_entry(pid, Metadata(**{name: value}))  # type: ignore[arg-type]
    entries, problems = metadata.parse(MetadataSource("index", text), {pid})
    return not problems and pid in entries


def entry_for(pid: str, best: IndexRecord, score: float, other: IndexRecord | None) -> Metadata:
    """The metadata entry of an accepted match: the valid fields of the best record, completed by
    the other index's record when that is the same paper."""
    fields: dict[str, object] = {
        "title": best.title,
        "authors": best.authors,
        "year": best.year,
        "venue": best.venue,
        "doi": best.doi,
        "arxiv": best.arxiv,
        "url": best.url,
    }
    source = best.service
    if other is not None:
        for name in ("doi", "arxiv"):
            if not fields[name] and getattr(other, name):
                fields[name] = getattr(other, name)
                source = "arxiv+openalex"
        if other.venue and fields["venue"] in ("", "arXiv preprint") and "arxiv" not in other.venue.lower():
            fields["venue"] = other.venue
            source = "arxiv+openalex"
        if source == "arxiv+openalex" and {best.service, other.service} != {"arxiv", "openalex"}:
            source = best.service
    kept = {name: value for name, value in fields.items() if value and _field_ok(pid, name, value)}
    return Metadata(**kept, source=source, score=score)  # type: ignore[arg-type]


def _same_paper(a: IndexRecord, b: IndexRecord) -> bool:
    return (
        bool(a.arxiv and a.arxiv == b.arxiv)
        or bool(a.doi and a.doi.lower() == b.doi.lower())
        or (services.one_line(a.title).casefold() == services.one_line(b.title).casefold())
    )


def decide(
    paper: Paper, found: dict[str, list[IndexRecord]], failed: list[str], boilerplate: frozenset[str]
) -> Verdict:
    scored = sorted(
        ((services.match_score(paper.text, r, boilerplate), r) for rs in found.values() for r in rs),
        key=lambda sr: (-sr[0], sr[1].service, sr[1].key),
    )
    if not scored or scored[0][0] < ACCEPT:
        if failed:
            return Verdict(paper.id, "failed", reason="; ".join(failed))
        if scored and scored[0][0] >= REVIEW:
            score, record = scored[0]
            return Verdict(paper.id, "review", score, record, reason=f"score {score:.3f} below {ACCEPT}")
        return Verdict(paper.id, "not found", scored[0][0] if scored else 0.0)
    score, best = scored[0]
    other = next(
        (r for s, r in scored[1:] if s >= ACCEPT and r.service != best.service and _same_paper(r, best)), None
    )
    entry = entry_for(paper.id, best, score, other)
    if not entry.title:
        return Verdict(paper.id, "review", score, best, reason="the index's title breaks the metadata rules")
    if best.reference or (other is not None and other.reference):
        reference = best.reference or (other.reference if other else "")
        return Verdict(paper.id, "matched", score, best, entry, reason=f"journal reference: {reference}")
    return Verdict(paper.id, "matched", score, best, entry)


def papers(seeds_dir: Path) -> tuple[tuple[Paper, ...], MetadataSource | None]:
    """The catalogue's papers with their ids and the metadata file. The ids come from the pipeline's
    own first stage, called as ``pipeline.catalogue_from`` calls it (tests/test_enrich.py checks that
    they are the build's ids), so enrich keys entries exactly as the build reads them."""
    lines, source, lock = ingest.read_inputs(seeds_dir)
    seed_history = history.read_history(seeds_dir)
    with parallel.runtime(None, jobs=1):
        papers = dedupe(lines, lock, seed_history.first_place, seed_history.edited_from)
    if source is not None:
        _entries, found = metadata.parse(source, {p.id for p in papers})
        if found:
            raise BuildError(found)
    return papers, source


def existing_ids(source: MetadataSource | None, known: set[str]) -> set[str]:
    if source is None:
        return set()
    entries, _problems = metadata.parse(source, known)
    return set(entries)


def checked(
    source: MetadataSource | None, label: str, verdicts: list[Verdict], known: set[str]
) -> list[Verdict]:
    """Matched verdicts whose entries, added to the file, still pass its rules (unique titles);
    the others go to review."""
    verdicts = list(verdicts)
    while True:
        text = with_entries(source, verdicts)
        _entries, problems = metadata.parse(MetadataSource(label, text), known)
        bad = {
            v.paper
            for v in verdicts
            for p in problems
            if v.outcome == "matched" and f"entry {v.paper}:" in p.message
        }
        if not bad:
            return verdicts
        verdicts = [
            replace(v, outcome="review", entry=None, reason="its title is another paper's title")
            if v.paper in bad
            else v
            for v in verdicts
        ]


HEADER = (
    '# Curated metadata: real titles and bibliographic facts, keyed by paper id (see README, "Metadata").\n'
    "# Fields: title, authors, year, venue, doi, arxiv, url. Every field is optional; checked strictly.\n"
)


def with_entries(source: MetadataSource | None, verdicts: list[Verdict]) -> str:
    text = source.text if source is not None else HEADER
    added = [
        metadata.format_entry(v.paper, v.entry)
        for v in sorted(verdicts, key=lambda v: v.paper)
        if v.outcome == "matched" and v.entry is not None
    ]
    if not added:
        return text
    if text and not text.endswith("\n"):
        text += "\n"
    return text + "".join(f"\n{entry}" for entry in added)


def review_text(verdicts: list[Verdict], outcomes: tuple[str, ...] = ("review", "failed")) -> str:
    """The review list (Markdown): close matches and failures, for a person to decide, and the
    journal references of matched papers (arXiv's ``journal_ref``, kept as a reference)."""
    rows = [v for v in verdicts if v.outcome in outcomes or (v.outcome == "matched" and v.reason)]
    if not rows:
        return "Nothing to review.\n"
    out = ["| paper | outcome | score | index record | title | why |", "|---|---|---:|---|---|---|"]
    for v in sorted(rows, key=lambda v: v.paper):
        record = v.record
        where = f"{record.service} {record.key}" if record else ""
        title = record.title if record else ""
        cells = [v.paper, v.outcome, f"{v.score:.3f}" if record else "", where, title, v.reason]
        out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    """Index text in a Markdown table cell of the pull request body: code, without breaking out."""
    text = services.one_line(text)[:200].replace("`", "'").replace("|", "/")
    return f"`{text}`" if text else ""
