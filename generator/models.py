"""Immutable records passed between pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Source:
    """Where a copy of an abstract was found: seed file name and 1-based line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class SeedLine:
    """One non-blank line of a seed file, as read (decoded, line ending stripped)."""

    source: Source
    text: str


@dataclass(frozen=True)
class Keyword:
    """A keyword as shown to readers; ``slug`` names its page."""

    text: str
    slug: str


@dataclass(frozen=True)
class Related:
    """A link from one paper to another, with the reason for it."""

    id: str
    score: float
    shared: tuple[str, ...]


@dataclass(frozen=True)
class Metadata:
    """Curated facts about a paper from ``seeds/metadata.yaml``; empty fields are unknown."""

    title: str = ""
    authors: tuple[str, ...] = ()
    year: int | None = None
    venue: str = ""
    doi: str = ""
    arxiv: str = ""
    url: str = ""


@dataclass(frozen=True)
class MetadataSource:
    """The curated metadata file as read: its label for messages (``seeds/metadata.yaml``) and text."""

    label: str
    text: str


@dataclass(frozen=True)
class Paper:
    """One distinct abstract and everything derived from it."""

    id: str
    text: str
    sources: tuple[Source, ...]
    title: str = ""
    keywords: tuple[str, ...] = ()
    related: tuple[Related, ...] = ()
    # https links found in the cleaned abstract, in order of appearance (filled by the clean stage).
    urls: tuple[str, ...] = ()
    # False when the title comes from curated metadata rather than from the abstract.
    title_generated: bool = True
    metadata: Metadata = Metadata()


@dataclass(frozen=True)
class KeywordEntry:
    """A keyword of the catalogue and the papers that carry it, best first."""

    keyword: Keyword
    papers: tuple[str, ...]


@dataclass(frozen=True)
class Stats:
    seed_files: int
    seed_lines: int
    papers: int
    duplicates_merged: int


@dataclass(frozen=True)
class Catalogue:
    papers: tuple[Paper, ...]
    keywords: tuple[KeywordEntry, ...]
    stats: Stats
