"""Immutable records passed between pipeline stages."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


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
    # The acronym a paper of the catalogue defines for it ("LLMs" for "large language models").
    acronym: str = ""

    @property
    def label(self) -> str:
        """How readers see it: the expansion with its acronym, so that search finds either."""
        return f"{self.text} ({self.acronym})" if self.acronym else self.text


@dataclass(frozen=True)
class Related:
    """A link from one paper to another, with the reason for it."""

    id: str
    score: float
    shared: tuple[str, ...]
    # When no keyword is shared: distinctive words or word pairs both abstracts use.
    terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Variant:
    """A merged near-duplicate copy whose text differs from the paper's shown text."""

    text: str
    sources: tuple[Source, ...]
    # Jaccard similarity of word 3-grams with the shown text (generator/identity/neardup.py), 0..1.
    similarity: float
    # Names this variant in the id lock (generator/identity/normalize.py ``variant_key``).
    key: str = ""


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
    # A one-sentence summary written by a person; it wins over the generated one.
    tldr: str = ""
    # Written by the enrich command: the index the facts come from ("arxiv", "openalex",
    # "arxiv+openalex") and how closely its abstract matched the seed text (0..1); hand-written
    # entries have neither.
    source: str = ""
    score: float | None = None


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
    # The wider neighbourhood the topic graph is built from (related-papers stage; never shown).
    similar: tuple[Related, ...] = ()
    # Why no related paper is shown, when none is (filled by the related-papers stage).
    related_note: str = ""
    # https links found in the cleaned abstract, in order of appearance (filled by the clean stage).
    urls: tuple[str, ...] = ()
    # Near-duplicate copies merged into this paper, other than the shown text (filled by dedupe).
    variants: tuple[Variant, ...] = ()
    # The id-lock key of the shown text's variant (filled by dedupe).
    key: str = ""
    # False when the title comes from curated metadata rather than from the abstract.
    title_generated: bool = True
    metadata: Metadata = Metadata()
    # (keyword, acronym) for keywords whose acronym this abstract writes (filled by the keyword stage).
    acronyms: tuple[tuple[str, str], ...] = ()
    # When the abstract first appeared: UTC time (ISO 8601, "2026-01-31T12:00:00Z") of the commit that
    # first added one of its lines to the seed files; "" when unknown (no git history, not committed).
    first_seen: str = ""
    # Slug of the paper's topic (filled by the topics stage).
    topic: str = ""
    # One sentence on what the paper does or finds (filled by the titles stage; a curated tldr wins).
    tldr: str = ""
    # False when the TLDR comes from curated metadata rather than from the abstract.
    tldr_generated: bool = True


# A keyword gets its own page (and feed) when at least KEYWORD_PAGE_MIN papers, and at least one in
# KEYWORD_PAGE_PER of the catalogue's papers, carry it (BENCHMARKS.md, "Lean pages": the pages and
# feeds of every keyword of 2 papers or more were 5 files a paper at 2,000 papers).
KEYWORD_PAGE_MIN = 5
KEYWORD_PAGE_PER = 1000


def keyword_page_threshold(papers: int) -> int:
    """How many papers must carry a keyword for it to get a page, in a catalogue of `papers` papers."""
    return max(KEYWORD_PAGE_MIN, -(-papers // KEYWORD_PAGE_PER))


@dataclass(frozen=True)
class KeywordEntry:
    """A keyword of the catalogue and the papers that carry it, best first.

    ``has_page``: the keyword has its own page and feed (see ``keyword_page_threshold``). A keyword
    that fewer papers share links to a search for it; a keyword of one paper is plain text."""

    keyword: Keyword
    papers: tuple[str, ...]
    has_page: bool = False

    @property
    def shared(self) -> bool:
        """Several papers carry the keyword."""
        return len(self.papers) >= 2


@dataclass(frozen=True)
class Topic:
    """A group of closely linked papers, named by their most telling keywords; ``slug`` names its page."""

    slug: str
    name: str
    keywords: tuple[str, ...]
    # Paper ids, the most connected within the topic first.
    papers: tuple[str, ...]


@dataclass(frozen=True)
class Stats:
    seed_files: int
    seed_lines: int
    papers: int
    duplicates_merged: int
    # duplicates_merged = exact_duplicates + near_duplicates
    exact_duplicates: int = 0
    near_duplicates: int = 0


# Where a text was first committed: (commit time, -(the commit's index in the log, newest 1), seed path,
# line in that commit). Ordered: the smallest is the earliest (generator/inputs/history.py).
Place = tuple[int, int, str, int]


@dataclass(frozen=True)
class History:
    """When each abstract first appeared in the seed files' git history (generator/inputs/history.py)."""

    # paper_id(text of an added line) -> commit time in seconds since the epoch, earliest commit.
    first_added: dict[str, int] = field(default_factory=dict)
    # paper_id(text) -> where it was first committed; the earliest copy names a paper (dedupe).
    first_place: dict[str, Place] = field(default_factory=dict)
    # paper_id(text) -> the texts of the lines it replaced in place (same hunk, same offset): a line
    # edited into a near-duplicate of itself keeps its paper's id (dedupe).
    edited_from: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # False when there is no usable git history (a tarball, no git): nothing can be dated.
    available: bool = False
    # For the reader and the build log: why dates are missing or may be late; "" when all is well.
    note: str = ""


@dataclass(frozen=True)
class Catalogue:
    papers: tuple[Paper, ...]
    keywords: tuple[KeywordEntry, ...]
    stats: Stats
    history: History = field(default_factory=History)
    # The id lock after this build, (variant key, paper id) sorted by key (see dedupe.pinned_ids).
    id_lock: tuple[tuple[str, str], ...] = ()
    topics: tuple[Topic, ...] = ()


@dataclass(frozen=True)
class PageSource:
    """A generated file, rendered on demand.

    ``key`` digests everything the page shows (the generator's code and templates included), so a
    page whose key is unchanged since the last build need not be rendered again; "" means the
    page has no key and is always rendered (listings and other pages made from the whole catalogue).
    """

    path: str
    key: str
    # The file's text, or its pieces in order (a large file is then written without ever being
    # one string in memory: catalogue.json is 270 MB at 100,000 papers).
    content: Callable[[], str | Iterable[str]]

    def text(self) -> str:
        content = self.content()
        return content if isinstance(content, str) else "".join(content)
