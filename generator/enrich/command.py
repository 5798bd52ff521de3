"""``python -m generator enrich``: real titles and bibliographic facts from open scholarly indexes.

For every paper that ``seeds/metadata.yaml`` has no entry for, ask the arXiv API and OpenAlex for
the abstract, and append to ``metadata.yaml`` what the index's own abstract verifies (the local
similarity check, ``services.match_score`` >= ``ACCEPT``, is the only gate). A close but lower match
is listed for review, never written; entries already in the file are never touched. Never part of
``make site``: the build stays offline. ``--from library.bib`` (``refmanager``) does the
same from a reference manager's export, without the network.

How a paper is looked up (``lookup``), asking as little as the answers allow:

1. arXiv, the opening's distinctive words ANDed (``query.strict_words``); when that finds
   no match, the abstract's rarest words ORed and ranked by relevance (``fallback_words``);
2. OpenAlex: when arXiv matched, one free look-up of the work by DOI (the paper's, or arXiv's
   ``10.48550/arXiv.<id>``); otherwise a search, strict then fallback, while its budget lasts.

Fair, bounded runs: papers are taken least-recently-tried first; at most ``limit`` of them get
fresh answers (a paper answered from the cache, or only failed by a service that stopped, does not
count); at the ``deadline`` the run writes what it has and ends with a summary. HTTP, the cache and
the services' limits are ``fetch``'s.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.enrich import arxiv, openalex
from generator.enrich.decide import (
    Verdict,
    checked,
    decide,
    existing_ids,
    review_text,
    with_entries,
)
from generator.enrich.decide import (
    papers as catalogue_papers,
)
from generator.enrich.fetch import (
    DEFAULT_CACHE,
    NAMES,
    DeadlineReached,
    Fetcher,
    FetchFailed,
    NotCached,
    Options,
    Service,
)
from generator.enrich.query import Rarity, fallback_words, strict_words
from generator.enrich.services import ACCEPT, REVIEW, IndexRecord, Malformed, match_score
from generator.identity.neardup import near_duplicates
from generator.identity.normalize import identity_text
from generator.inputs import ingest
from generator.models import Paper
from generator.site import write

log = logging.getLogger(__name__)

__all__ = ["ACCEPT", "ARXIV_URL", "DEFAULT_CACHE", "OPENALEX_URL", "REVIEW", "Fetcher", "Options", "Service"]
ARXIV_URL = arxiv.URL
OPENALEX_URL = openalex.URL


@dataclass(frozen=True)
class EnrichSummary:
    looked_up: int
    from_cache: int
    matched: int
    review: int
    not_found: int
    failed: int
    left: int
    requests: int
    limit: int
    interrupted: bool = False
    deadline: float | None = None  # set when the run stopped at its deadline (seconds)
    stopped: tuple[tuple[str, str], ...] = ()  # (service, why) not asked after that this run
    not_searched: tuple[tuple[str, str], ...] = ()  # (service, why) searched no more this run
    keyless: bool = False

    def line(self) -> str:
        left = f"; {self.left} left for the next run (--limit {self.limit})" if self.left else ""
        notes = [f"{NAMES.get(s, s)} not asked again: {why}" for s, why in self.stopped]
        notes += [f"{NAMES.get(s, s)} not searched again: {why}" for s, why in self.not_searched]
        if self.keyless and (self.stopped or self.not_searched):
            notes.append("OpenAlex was asked without an API key (--openalex-key or OPENALEX_API_KEY)")
        if self.deadline is not None:
            notes.append(f"stopped at the deadline ({self.deadline:.0f} s): run again to continue")
        if self.interrupted:
            notes.append("interrupted (run again to resume)")
        return (
            f"enrich: {self.looked_up} papers looked up ({self.from_cache} answered from the cache): "
            f"{self.matched} matched, {self.review} listed for review, {self.not_found} not found, "
            f"{self.failed} failed{left}; {self.requests} requests" + "".join(f"; {n}" for n in notes)
        )


def lookup(
    paper: Paper, fetcher: Fetcher, options: Options, rarity: Rarity, boilerplate: frozenset[str]
) -> tuple[dict[str, list[IndexRecord]], list[str]]:
    """The records both indexes give for the paper, and why an index gave none when it failed.
    Raises ``NotCached`` when offline and an answer is not in the cache."""
    found: dict[str, list[IndexRecord]] = {"arxiv": [], "openalex": []}
    failed: list[str] = []

    def ask(
        service: Service,
        url: str,
        parse: Callable[[str], list[IndexRecord]],
        *,
        retry_empty: bool = False,
        missing: int | None = None,
    ) -> list[IndexRecord]:
        try:
            return fetcher.get(service, url, parse, retry_empty=retry_empty, missing=missing)
        except Malformed as exc:
            failed.append(f"{service.name}: {exc}")
        except FetchFailed as exc:
            failed.append(str(exc))
        return []

    def accepted(records: list[IndexRecord]) -> list[IndexRecord]:
        scored = [(match_score(paper.text, r, boilerplate), r) for r in records]
        return [r for s, r in sorted(scored, key=lambda sr: -sr[0]) if s >= ACCEPT]

    strict, loose = strict_words(paper.text, rarity), fallback_words(paper.text, rarity)
    ax, ox = options.arxiv, options.openalex
    if strict:
        # An empty strict answer is not asked again: the fallback that follows asks anyway, and it
        # is the fallback's empty page (arXiv's occasional mistake) that is asked once more.
        found["arxiv"] = ask(ax, arxiv.search_url(ax.base_url, strict), arxiv.parse)
        if not accepted(found["arxiv"]) and loose and not _failed_by(failed, ax):
            url = arxiv.search_url(ax.base_url, loose, any_word=True)
            found["arxiv"] += ask(ax, url, arxiv.parse, retry_empty=True)
    matched = accepted(found["arxiv"])
    if matched:
        doi = matched[0].doi or openalex.arxiv_doi(matched[0].arxiv)
        found["openalex"] = ask(ox, openalex.work_url(ox.base_url, doi), openalex.parse_work, missing=404)
    elif strict:
        url = openalex.search_url(ox.base_url, strict)
        if fetcher.cached(url) is None and not fetcher.may_search(ox):
            why = fetcher.stopped.get(ox.name) or fetcher.no_search.get(ox.name, "")
            failed.append(f"openalex: not searched ({why})")
            return found, failed
        found["openalex"] = ask(ox, url, openalex.parse_list)
        if not accepted(found["openalex"]) and loose and not _failed_by(failed, ox):
            url = openalex.search_url(ox.base_url, loose, any_word=True)
            if fetcher.cached(url) is not None or fetcher.may_search(ox):
                found["openalex"] += ask(ox, url, openalex.parse_list)
            else:
                failed.append(f"openalex: not searched ({fetcher.no_search.get(ox.name, '')})")
    return found, failed


def _failed_by(failed: list[str], service: Service) -> bool:
    return any(f.startswith(f"{service.name}:") for f in failed)


def run(seeds_dir: Path, options: Options, fetcher: Fetcher | None = None) -> EnrichSummary:
    """Look the unannotated papers up, append the verified entries, list the close ones."""
    papers, source = catalogue_papers(seeds_dir)
    known = {p.id for p in papers}
    done = existing_ids(source, known)
    fetcher = fetcher or Fetcher(options)
    todo = [p for p in papers if p.id not in done]
    tried = fetcher.recall([f"tried:{p.id}" for p in todo])
    # Least recently tried first (never tried: first of all), then by id: a paper that failed
    # this week goes to the back of next week's queue instead of taking the same slot again.
    todo.sort(key=lambda p: (_when(tried.get(f"tried:{p.id}")), p.id))
    rarity = Rarity.of(p.text for p in papers)
    boilerplate = near_duplicates(sorted({identity_text(p.text) for p in papers})).boilerplate
    verdicts: list[Verdict] = []
    from_cache = left = 0
    interrupted = False
    deadline: float | None = None
    budget = options.limit
    label = f"{seeds_dir.as_posix().rstrip('/')}/{ingest.METADATA_FILE}"
    try:
        for n, paper in enumerate(todo):
            fetcher.offline = budget <= 0
            asked, answered = fetcher.requests, fetcher.answered
            try:
                found, failed = lookup(paper, fetcher, options, rarity, boilerplate)
            except NotCached:
                left += 1
                continue
            if fetcher.requests > asked:
                fetcher.remember(f"tried:{paper.id}", fetcher.now())
            budget -= fetcher.answered > answered  # an outage does not use up the limit
            from_cache += fetcher.requests == asked and not failed
            verdict = decide(paper, found, failed, boilerplate)
            verdicts.append(verdict)
            if not options.quiet:
                _progress(n + 1, len(todo), verdict)
    except KeyboardInterrupt:
        interrupted = True
        log.warning("enrich: interrupted; writing what was verified (run again to resume)")
    except DeadlineReached:
        deadline = options.deadline
        left = len(todo) - len(verdicts)
        log.warning("enrich: the run's deadline is reached; writing what was verified")
    verdicts = checked(source, label, verdicts, known)
    if any(v.outcome == "matched" for v in verdicts):
        write.write_metadata(seeds_dir, with_entries(source, verdicts))
    if options.review_file is not None:
        write.write_text_file(options.review_file, review_text(verdicts))
    counts = {o: sum(v.outcome == o for v in verdicts) for o in ("matched", "review", "not found", "failed")}
    return EnrichSummary(
        looked_up=len(verdicts),
        from_cache=from_cache,
        matched=counts["matched"],
        review=counts["review"],
        not_found=counts["not found"],
        failed=counts["failed"],
        left=left,
        requests=fetcher.requests,
        limit=options.limit,
        interrupted=interrupted,
        deadline=deadline,
        stopped=tuple(sorted(fetcher.stopped.items())),
        not_searched=tuple(sorted(fetcher.no_search.items())),
        keyless=not options.openalex_key,
    )


def _when(value: object) -> float:
    return float(value) if isinstance(value, (int, float)) else 0.0


def _progress(n: int, total: int, verdict: Verdict) -> None:
    what = verdict.outcome
    if verdict.record is not None:
        what += f" ({verdict.record.service} {verdict.record.key}, {verdict.score:.3f})"
    if verdict.reason:
        what += f": {verdict.reason}"
    log.info("[%d/%d] %s %s", n, total, verdict.paper, what)
