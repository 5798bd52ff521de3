"""The orchestrator: ingest -> dedupe -> clean -> keywords -> titles -> links -> render -> write."""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path

from generator import feeds, history, ingest, metadata, parallel, write
from generator.clean import clean
from generator.dedupe import dedupe
from generator.errors import BuildError, Problem
from generator.keywords import keyword_index, with_keywords
from generator.links import related_papers
from generator.models import Catalogue, History, Metadata, MetadataSource, SeedLine, Stats
from generator.render import Renderer
from generator.titles import with_titles


@dataclass(frozen=True)
class Summary:
    seed_lines: int
    papers: int
    duplicates_merged: int
    keywords: int
    pages_written: int
    unchanged: int
    removed: int
    cache_hits: int = 0
    computed: int = 0

    def line(self) -> str:
        return (
            f"{self.seed_lines} seed lines read, {self.papers} papers, "
            f"{self.duplicates_merged} duplicates merged, {self.keywords} keywords, "
            f"{self.pages_written} files written ({self.unchanged} unchanged, {self.removed} removed), "
            f"cache: {self.cache_hits} reused, {self.computed} computed"
        )


def catalogue_from(
    lines: tuple[SeedLine, ...],
    metadata_source: MetadataSource | None = None,
    seed_history: History | None = None,
) -> Catalogue:
    """Every pure stage, from seed lines (curated metadata, git history) to the finished catalogue."""
    seed_history = seed_history or History()
    papers = dedupe(lines)
    papers = clean(papers)
    curated: dict[str, Metadata] = {}
    if metadata_source is not None:
        curated, problems = metadata.parse(metadata_source, {p.id for p in papers})
        if problems:
            raise BuildError(problems)
    papers = with_keywords(papers)
    papers = with_titles(papers, curated)
    papers = related_papers(papers)
    papers = history.with_first_seen(papers, lines, seed_history)
    stats = Stats(
        seed_files=len({line.source.file for line in lines}),
        seed_lines=len(lines),
        papers=len(papers),
        duplicates_merged=len(lines) - len(papers),
    )
    seed_history = replace(seed_history, note=history.undated_note(papers, seed_history))
    return Catalogue(papers=papers, keywords=keyword_index(papers), stats=stats, history=seed_history)


def build(
    seeds_dir: Path,
    docs_dir: Path,
    *,
    quiet: bool = False,
    site_url: str = "",
    cache_dir: Path | None = None,
    jobs: int | None = None,
) -> Summary:
    """Generate docs/ from the seeds; per-paper results are cached in ``cache_dir`` (None: memory only)."""
    problems: list[Problem] = []
    lines: tuple[SeedLine, ...] = ()
    metadata_source = None
    try:
        lines = ingest.read_seeds(seeds_dir)
    except BuildError as exc:
        problems.extend(exc.problems)
    try:
        metadata_source = ingest.read_metadata(seeds_dir)
    except BuildError as exc:
        problems.extend(exc.problems)
    if problems:
        raise BuildError(problems)
    with parallel.runtime(cache_dir, jobs=jobs, progress=not quiet) as run:
        catalogue = catalogue_from(lines, metadata_source, history.read_history(seeds_dir))
    files = Renderer().render(catalogue)
    files.update(feeds.render_feeds(catalogue, site_url))
    report = write.write(docs_dir, files)
    summary = Summary(
        seed_lines=catalogue.stats.seed_lines,
        papers=catalogue.stats.papers,
        duplicates_merged=catalogue.stats.duplicates_merged,
        keywords=len(catalogue.keywords),
        pages_written=report.written,
        unchanged=report.unchanged,
        removed=report.removed,
        cache_hits=run.cache.hits,
        computed=run.cache.misses,
    )
    if not quiet:
        print(summary.line())
        if catalogue.history.note:
            print(f"note: {catalogue.history.note}", file=sys.stderr)
    return summary
