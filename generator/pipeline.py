"""The orchestrator: ingest -> dedupe -> clean -> keywords -> links -> render -> write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator import ingest, parallel, write
from generator.clean import clean
from generator.dedupe import dedupe
from generator.keywords import keyword_index, with_keywords
from generator.links import related_papers
from generator.models import Catalogue, SeedLine, Stats
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


def catalogue_from(lines: tuple[SeedLine, ...]) -> Catalogue:
    """Every pure stage, from seed lines to the finished catalogue."""
    papers = dedupe(lines)
    papers = clean(papers)
    papers = with_titles(papers)
    papers = with_keywords(papers)
    papers = related_papers(papers)
    stats = Stats(
        seed_files=len({line.source.file for line in lines}),
        seed_lines=len(lines),
        papers=len(papers),
        duplicates_merged=len(lines) - len(papers),
    )
    return Catalogue(papers=papers, keywords=keyword_index(papers), stats=stats)


def build(
    seeds_dir: Path,
    docs_dir: Path,
    *,
    quiet: bool = False,
    cache_dir: Path | None = None,
    jobs: int | None = None,
) -> Summary:
    """Generate docs/ from the seeds; per-paper results are cached in ``cache_dir`` (None: memory only)."""
    with parallel.runtime(cache_dir, jobs=jobs, progress=not quiet) as run:
        lines = ingest.read_seeds(seeds_dir)
        catalogue = catalogue_from(lines)
    files = Renderer().render(catalogue)
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
    return summary
