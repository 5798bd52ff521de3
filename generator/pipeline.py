"""The orchestrator: ingest -> dedupe -> clean -> keywords -> titles -> links -> topics -> render -> write."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from functools import partial
from itertools import chain
from pathlib import Path

from generator.errors import BuildError
from generator.identity.dedupe import dedupe, pinned_ids
from generator.inputs import history, ingest, metadata
from generator.keywords.stage import CACHE_LABEL as KEYWORDS_LABEL
from generator.keywords.stage import keyword_index, with_keywords
from generator.models import (
    Catalogue,
    History,
    Metadata,
    MetadataSource,
    PageSource,
    SeedLine,
    Stats,
)
from generator.relate.related import related_papers
from generator.relate.topics import with_topics
from generator.runtime import parallel
from generator.site import feeds, scholar, write
from generator.site.render import Renderer
from generator.text.clean import clean
from generator.titles.generate import with_titles

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Summary:
    seed_lines: int
    papers: int
    duplicates_merged: int
    keywords: int
    pages_written: int
    unchanged: int
    removed: int
    # unchanged pages whose inputs had not changed since the last build, so were not rendered
    not_rendered: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    # True when --pin-ids wrote the optional id lock (seeds/paper-ids.json); ids need no lock
    ids_pinned: bool = False
    cache_hits: int = 0
    computed: int = 0

    def line(self) -> str:
        return (
            f"{self.seed_lines} seed lines read, {self.papers} papers, "
            f"{self.duplicates_merged} duplicates merged "
            f"({self.exact_duplicates} exact, {self.near_duplicates} near-duplicates), "
            f"{self.keywords} keywords, "
            f"{self.pages_written} files written ({self.unchanged} unchanged, {self.removed} removed, "
            f"{self.not_rendered} not re-rendered), "
            f"keywords: {self.cache_hits} reused, {self.computed} extracted"
            + (f"; ids written to {ingest.ID_LOCK}" if self.ids_pinned else "")
        )


def catalogue_from(
    lines: tuple[SeedLine, ...],
    metadata_source: MetadataSource | None = None,
    seed_history: History | None = None,
    id_lock: dict[str, str] | None = None,
) -> Catalogue:
    """Every pure stage, from seed lines (curated metadata, git history, the id lock) to the finished
    catalogue."""
    seed_history = seed_history or History()
    id_lock = id_lock or {}
    papers = dedupe(lines, id_lock, seed_history.first_place, seed_history.edited_from)
    new_lock = pinned_ids(papers, id_lock)
    papers = clean(papers)
    curated: dict[str, Metadata] = {}
    if metadata_source is not None:
        curated, problems = metadata.parse(metadata_source, {p.id for p in papers})
        if problems:
            raise BuildError(problems)
    papers = with_keywords(papers)
    # Titles before the related papers: the link rule reads each paper's title and summary
    # (relate/specific.py: a shared concept counts when it is central to both papers).
    papers = with_titles(papers, curated)
    papers, topics = with_topics(related_papers(papers))
    papers = history.with_first_seen(papers, lines, seed_history)
    stats = Stats(
        seed_files=len({line.source.file for line in lines}),
        seed_lines=len(lines),
        papers=len(papers),
        duplicates_merged=len(lines) - len(papers),
        exact_duplicates=len(lines) - len(papers) - sum(len(p.variants) for p in papers),
        near_duplicates=sum(len(p.variants) for p in papers),
    )
    seed_history = replace(seed_history, note=history.undated_note(papers, seed_history))
    return Catalogue(
        papers=papers,
        keywords=keyword_index(papers),
        stats=stats,
        history=seed_history,
        id_lock=tuple(new_lock.items()),
        topics=topics,
    )


def build(
    seeds_dir: Path,
    docs_dir: Path,
    *,
    quiet: bool = False,
    site_url: str = "",
    pin_ids: bool = False,
    cache_dir: Path | None = None,
    jobs: int | None = None,
    catalogue_only: bool = False,
) -> Summary:
    """Generate the pages; with ``pin_ids``, also record new ids in the id lock beside the seeds.

    Per-paper results are cached in ``cache_dir`` (None: memory only) and computed on ``jobs`` processes.
    With ``catalogue_only``, only catalogue.json is rendered and written (for a scratch folder: the
    base of a seed change's review; other generated files in ``docs_dir`` would be removed).
    """
    lines, metadata_source, id_lock = ingest.read_inputs(seeds_dir)
    with parallel.runtime(cache_dir, jobs=jobs, progress=not quiet) as run:
        catalogue = catalogue_from(lines, metadata_source, history.read_history(seeds_dir), id_lock)
    # Pages are rendered as write asks for them (not at all when unchanged): one page in memory at a time.
    feed_files = feeds.render_feeds(catalogue, site_url)
    pages = chain(
        Renderer().pages(catalogue),
        (PageSource(path, "", partial(str, text)) for path, text in feed_files.items()),
        (PageSource("robots.txt", "", partial(scholar.robots_txt, site_url)),),
    )
    if catalogue_only:
        pages = (page for page in pages if page.path == "catalogue.json")
    # The pages are rendered on as many processes as the stages ran on (forked: they share the catalogue).
    report = write.write(docs_dir, pages, jobs=run.jobs)
    pinned = pin_ids and write.write_id_lock(seeds_dir, dict(catalogue.id_lock))
    summary = Summary(
        seed_lines=catalogue.stats.seed_lines,
        papers=catalogue.stats.papers,
        duplicates_merged=catalogue.stats.duplicates_merged,
        keywords=len(catalogue.keywords),
        pages_written=report.written,
        unchanged=report.unchanged,
        removed=report.removed,
        not_rendered=report.skipped,
        cache_hits=run.counts.get(KEYWORDS_LABEL, [0, 0])[0],
        computed=run.counts.get(KEYWORDS_LABEL, [0, 0])[1],
        exact_duplicates=catalogue.stats.exact_duplicates,
        near_duplicates=catalogue.stats.near_duplicates,
        ids_pinned=pinned,
    )
    if not quiet:
        print(summary.line())
    if catalogue.history.note:
        log.info("note: %s", catalogue.history.note)
    return summary
