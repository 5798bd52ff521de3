"""Curated paper metadata (``seeds/metadata.yaml``): parsed and validated strictly, without disk access.

The file maps paper ids to facts the abstract does not carry::

    f443affe7b:
      title: "Federated Fine-Tuning of LLMs on the Very Edge"
      authors: [Jane Doe, John Smith]
      year: 2024
      venue: ArXiv preprint
      doi: 10.1234/abcd.5678
      arxiv: 2402.12345
      url: https://example.org/paper
      tldr: "We fine-tune LLMs on edge devices with forward passes only."

The ``tldr`` is one sentence on what the paper does or finds; it wins over the generated one.
Every field is optional. Entries written by ``python -m generator enrich`` also say where their facts
come from and how closely the index's abstract matched the seed text::

      source: arxiv
      score: 0.982

An unknown id, an unknown field or a bad value is an error that names the
file, line and entry; every problem is reported, not just the first.

``format_entry`` writes an entry back as YAML (deterministic, every text double-quoted), so what the
enrich command writes is read by this same strict parser.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection
from urllib.parse import urlsplit

import yaml

from generator.errors import Problem
from generator.models import Metadata, MetadataSource
from generator.titles.generate import safe_title

FIELDS = ("title", "authors", "year", "venue", "doi", "arxiv", "url", "tldr", "source", "score")
# The open indexes the enrich command reads; ``source`` names the one(s) an entry's facts come from.
INDEXES = ("arxiv", "openalex", "arxiv+openalex")
# ``enrich --from``: a reference manager's export (BibTeX, RIS, CSL-JSON) whose abstract matched.
EXPORTS = ("bibtex", "ris", "csl")
# ``source: rejected``: a person found the index's match wrong; enrich leaves the paper alone.
SOURCES = (*INDEXES, *EXPORTS, "rejected")
YEAR_RANGE = (1800, 2100)
MAX_TEXT = 300
_ID = re.compile(r"[0-9a-f]{10}")
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_ARXIV = re.compile(r"(?:\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?")
_NULL = "tag:yaml.org,2002:null"


class _Invalid(ValueError):
    """A bad value; the message says what is wrong and what is expected."""


def _text(node: yaml.Node, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or node.tag == _NULL:
        raise _Invalid(f"{what} must be text")
    value = unicodedata.normalize("NFC", node.value).strip()
    if not value:
        raise _Invalid(f"{what} must not be empty")
    if len(value) > MAX_TEXT:
        raise _Invalid(f"{what} has {len(value)} characters; at most {MAX_TEXT}")
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        raise _Invalid(f"{what} contains a control character or line break")
    return value


def _title(node: yaml.Node) -> str:
    value = _text(node, "title")
    if not safe_title(value):
        raise _Invalid("title has no letters or digits")
    return value


def _tldr(node: yaml.Node) -> str:
    value = _text(node, "tldr")
    if not any(ch.isalnum() for ch in value):
        raise _Invalid("tldr has no letters or digits")
    return value


def _authors(node: yaml.Node) -> tuple[str, ...]:
    if not isinstance(node, yaml.SequenceNode):
        raise _Invalid("authors must be a list of names, e.g. [Jane Doe, John Smith]")
    if not node.value:
        raise _Invalid("authors must list at least one name")
    return tuple(_text(item, f"author {n}") for n, item in enumerate(node.value, 1))


def _year(node: yaml.Node) -> int:
    if not isinstance(node, yaml.ScalarNode) or not re.fullmatch(r"\d{4}", node.value.strip()):
        raise _Invalid(f"year must be a four-digit year, got {_shown(node)}")
    year = int(node.value)
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise _Invalid(f"year must be between {YEAR_RANGE[0]} and {YEAR_RANGE[1]}, got {year}")
    return year


def _doi(node: yaml.Node) -> str:
    value = _text(node, "doi")
    if not _DOI.fullmatch(value):
        raise _Invalid(f"doi must look like 10.1234/abc (without https://doi.org/), got {value!r}")
    return value


def _arxiv(node: yaml.Node) -> str:
    value = _text(node, "arxiv")
    if not _ARXIV.fullmatch(value):
        raise _Invalid(f"arxiv must be an arXiv id such as 2106.09685 or cs/0112017, got {value!r}")
    return value


def _url(node: yaml.Node) -> str:
    value = _text(node, "url")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or re.search(r"[\s\"'<>`\\]", value):
        raise _Invalid(f"url must be an http(s) address without spaces or quotes, got {value!r}")
    return value


def _source(node: yaml.Node) -> str:
    value = _text(node, "source")
    if value not in SOURCES:
        raise _Invalid(f"source must be one of {', '.join(SOURCES)}, got {value!r}")
    return value


def _score(node: yaml.Node) -> float:
    value = node.value.strip() if isinstance(node, yaml.ScalarNode) else ""
    if not re.fullmatch(r"(?:0(?:\.\d{1,3})?|1(?:\.0{1,3})?)", value):
        raise _Invalid(f"score must be a number from 0 to 1 with at most 3 decimals, got {_shown(node)}")
    return float(value)


def _shown(node: yaml.Node) -> str:
    return repr(node.value) if isinstance(node, yaml.ScalarNode) else f"a {node.id}"


_PARSERS: dict[str, Callable[[yaml.Node], object]] = {
    "title": _title,
    "authors": _authors,
    "year": _year,
    "venue": lambda node: _text(node, "venue"),
    "doi": _doi,
    "arxiv": _arxiv,
    "url": _url,
    "tldr": _tldr,
    "source": _source,
    "score": _score,
}


def parse(source: MetadataSource, known_ids: Collection[str]) -> tuple[dict[str, Metadata], list[Problem]]:
    """The valid entries of the file and every problem found in it."""
    label = source.label
    try:
        root = yaml.compose(source.text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{label}:{mark.line + 1}" if mark is not None else label
        reason = getattr(exc, "problem", None) or str(exc)
        return {}, [Problem(where, f"is not valid YAML: {reason}")]
    if root is None or (isinstance(root, yaml.ScalarNode) and root.tag == _NULL):
        return {}, []
    if not isinstance(root, yaml.MappingNode):
        return {}, [Problem(f"{label}:1", "must map paper ids to their fields (see README, 'Metadata')")]
    entries: dict[str, Metadata] = {}
    problems: list[Problem] = []
    seen: set[str] = set()
    titles: dict[str, str] = {}  # titles must stay unique across the catalogue
    for key, value in root.value:
        where = f"{label}:{key.start_mark.line + 1}"
        pid = key.value if isinstance(key, yaml.ScalarNode) else "?"
        if not isinstance(key, yaml.ScalarNode) or not _ID.fullmatch(pid):
            problems.append(Problem(where, f"entry {_shown(key)}: not a paper id (10 lower-case hex digits)"))
            continue
        if pid in seen:
            problems.append(Problem(where, f"entry {pid}: appears twice"))
            continue
        seen.add(pid)
        if pid not in known_ids:
            problems.append(Problem(where, f"entry {pid}: no paper has this id"))
            continue
        record, entry_problems = _entry(pid, value, label)
        problems.extend(entry_problems)
        if record is not None and not entry_problems:
            clash = titles.get(safe_title(record.title).casefold()) if record.title else None
            if clash:
                problems.append(Problem(where, f"entry {pid}: title is also the title of entry {clash}"))
                continue
            if record.title:
                titles[safe_title(record.title).casefold()] = pid
            entries[pid] = record
    return entries, problems


def _entry(pid: str, node: yaml.Node, label: str) -> tuple[Metadata | None, list[Problem]]:
    where = f"{label}:{node.start_mark.line + 1}"
    if not isinstance(node, yaml.MappingNode) or not node.value:
        return None, [Problem(where, f"entry {pid}: must be a mapping of fields ({', '.join(FIELDS)})")]
    fields: dict[str, object] = {}
    problems: list[Problem] = []
    for key, value in node.value:
        where = f"{label}:{key.start_mark.line + 1}"
        name = key.value if isinstance(key, yaml.ScalarNode) else _shown(key)
        if name not in _PARSERS:
            problems.append(
                Problem(where, f"entry {pid}: unknown field {name!r} (known: {', '.join(FIELDS)})")
            )
            continue
        if name in fields:
            problems.append(Problem(where, f"entry {pid}: field {name!r} appears twice"))
            continue
        try:
            fields[name] = _PARSERS[name](value)
        except _Invalid as exc:
            problems.append(Problem(f"{label}:{value.start_mark.line + 1}", f"entry {pid}: {exc}"))
            fields[name] = None
    if problems:
        return None, problems
    return Metadata(**fields), []  # type: ignore[arg-type]


def _quoted(value: str) -> str:
    """A double-quoted YAML scalar on one line (PyYAML escapes what needs it)."""
    return yaml.safe_dump(value, default_style='"', allow_unicode=True, width=1_000_000).rstrip("\n")


def format_entry(pid: str, entry: Metadata) -> str:
    """One entry of ``metadata.yaml`` as text, fields in ``FIELDS`` order: deterministic, and read
    back by ``parse`` as the same ``Metadata``."""
    lines = [f"{pid}:"]
    if entry.title:
        lines.append(f"  title: {_quoted(entry.title)}")
    if entry.authors:
        lines.append(f"  authors: [{', '.join(_quoted(a) for a in entry.authors)}]")
    if entry.year is not None:
        lines.append(f"  year: {entry.year}")
    for name in ("venue", "doi", "arxiv", "url", "tldr", "source"):
        value = getattr(entry, name)
        if value:
            lines.append(f"  {name}: {_quoted(value)}")
    if entry.score is not None:
        lines.append(f"  score: {entry.score:.3f}")
    return "\n".join(lines) + "\n"
