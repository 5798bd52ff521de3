"""``python -m generator enrich``: real titles and bibliographic facts from open scholarly indexes.

For every paper that ``seeds/metadata.yaml`` has no entry for, ask the arXiv API and OpenAlex for
the abstract, and append to ``metadata.yaml`` what the index's own abstract verifies (see
``generator/enrich/services.py`` for the matching, DEDUPE.md section 7 for its threshold). A close but
lower match is listed for review, never written; entries already in the file are never touched.
Never part of ``make site``: the build stays offline. This is the only module that talks to the
network, and it keeps to the codebase's disk rule: seeds are read by ``ingest``, responses kept by
``cache`` (``.cache/enrich``), ``metadata.yaml`` and the review list written by ``write``.

A good citizen of free APIs: a User-Agent naming the project and a contact address (configuration:
``--contact`` or ``ENRICH_CONTACT``), one request per ``interval`` per service (arXiv asks for 3
seconds), a timeout on every call, retries with exponential backoff on 429, 5xx and network errors
honouring ``Retry-After``, answers capped in size, every successful answer cached as it arrives
(a second run asks nothing again; an interrupted run resumes where it stopped), and at most
``limit`` papers that need the network per run.
"""

from __future__ import annotations

import email.utils
import http.client
import logging
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlencode

from generator.enrich import services
from generator.enrich.services import ACCEPT, REVIEW, IndexRecord, Malformed
from generator.errors import BuildError
from generator.identity.dedupe import dedupe
from generator.identity.neardup import near_duplicates
from generator.identity.normalize import identity_text
from generator.inputs import history, ingest, metadata
from generator.models import Metadata, MetadataSource, Paper
from generator.runtime import parallel
from generator.runtime.cache import Cache, entry_key, fingerprint
from generator.site import write

log = logging.getLogger(__name__)

ARXIV_URL = "https://export.arxiv.org/api/query"
OPENALEX_URL = "https://api.openalex.org/works"
DEFAULT_CACHE = Path(".cache/enrich")
PROJECT = "paper-catalogue-enrich/1.0 (+https://github.com/; static catalogue of paper abstracts)"
T = TypeVar("T")
# Statuses worth asking again: rate limited, or the service failing for a while.
_RETRY = {429, 500, 502, 503, 504}


@dataclass(frozen=True)
class Service:
    name: str  # "arxiv" or "openalex"
    base_url: str
    interval: float  # at least this many seconds between two requests to the service


@dataclass(frozen=True)
class Options:
    contact: str
    arxiv: Service = Service("arxiv", ARXIV_URL, 3.0)
    openalex: Service = Service("openalex", OPENALEX_URL, 0.2)
    limit: int = 50  # papers that need the network, per run
    timeout: float = 30.0  # seconds, every call
    retries: int = 3
    backoff: float = 2.0  # first wait before a retry; doubled each time
    max_wait: float = 120.0  # a longer Retry-After gives up instead (the run is retried next week)
    max_bytes: int = 2_000_000
    cache_dir: Path | None = DEFAULT_CACHE
    review_file: Path | None = None
    quiet: bool = False


class FetchFailed(Exception):
    """A service did not answer usefully after every retry; the message says why."""


@dataclass
class Fetcher:
    """GET with the User-Agent, rate limit, timeout, retries, size cap and response cache."""

    options: Options
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    requests: int = 0
    _last: dict[str, float] = field(default_factory=dict)
    _cache: Cache = field(init=False)

    def __post_init__(self) -> None:
        self._cache = Cache(self.options.cache_dir)
        self._fingerprint = fingerprint(stage="enrich-response", version=1)

    def _key(self, url: str) -> str:
        return entry_key(self._fingerprint, url)

    def cached(self, url: str) -> str | None:
        found = self._cache.get_many([self._key(url)])
        return found.get(self._key(url))

    def get(self, service: Service, url: str, parse: Callable[[str], T]) -> T:
        """``parse`` of the body of a successful answer to ``url``, cached or asked for now. Only an
        answer that parses is cached: a malformed one (``Malformed``) is asked again next run."""
        hit = self.cached(url)
        if hit is not None:
            return parse(hit)
        sent = url
        if service.name == "openalex":
            sent += "&" + urlencode({"mailto": self.options.contact})
        attempt = 0
        while True:
            self._wait_turn(service)
            self.requests += 1
            try:
                body = self._once(sent)
            except FetchFailed as exc:
                raise FetchFailed(f"{service.name}: {exc}") from None
            except urllib.error.HTTPError as exc:
                wait = self._retry_wait(exc, attempt)
                if exc.code not in _RETRY or wait is None:
                    raise FetchFailed(f"{service.name}: HTTP {exc.code}" + _after(attempt)) from None
            except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
                wait = self._retry_wait(None, attempt)
                if wait is None:
                    raise FetchFailed(f"{service.name}: {_reason(exc)}" + _after(attempt)) from None
            else:
                parsed = parse(body)
                self._cache.put_many({self._key(url): body})  # at once: an interrupted run resumes here
                return parsed
            attempt += 1
            self.sleep(wait)

    def _wait_turn(self, service: Service) -> None:
        last = self._last.get(service.name)
        if last is not None:
            pause = service.interval - (self.clock() - last)
            if pause > 0:
                self.sleep(pause)
        self._last[service.name] = self.clock()

    def _retry_wait(self, exc: urllib.error.HTTPError | None, attempt: int) -> float | None:
        """Seconds to wait before the next try, or None when it is time to give up."""
        if attempt >= self.options.retries:
            return None
        wait = self.options.backoff * 2**attempt
        header = exc.headers.get("Retry-After") if exc is not None and exc.headers else None
        if header:
            asked = _retry_after(header.strip(), time.time())
            if asked is not None:
                if asked > self.options.max_wait:
                    return None
                wait = max(wait, asked)
        return min(wait, self.options.max_wait)

    def _once(self, url: str) -> str:
        request = urllib.request.Request(
            url,
            headers={
                "User-Agent": f"{PROJECT} mailto:{self.options.contact}",
                "Accept": "application/atom+xml, application/json;q=0.9",
            },
        )
        deadline = self.clock() + self.options.timeout
        with urllib.request.urlopen(request, timeout=self.options.timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > self.options.max_bytes:
                raise FetchFailed(f"answer of {length} bytes; at most {self.options.max_bytes}")
            chunks, size = [], 0
            while chunk := response.read(65536):
                chunks.append(chunk)
                size += len(chunk)
                if size > self.options.max_bytes:
                    raise FetchFailed(f"answer over {self.options.max_bytes} bytes")
                if self.clock() > deadline:
                    raise TimeoutError("the answer took longer than the timeout")
        try:
            return b"".join(chunks).decode("utf-8")
        except UnicodeDecodeError:
            raise FetchFailed("answer is not UTF-8") from None


def _retry_after(value: str, now: float) -> float | None:
    """``Retry-After`` in seconds: delta-seconds or an HTTP date."""
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)


def _reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None) or exc
    return "timed out" if isinstance(reason, TimeoutError) or "timed out" in str(reason) else str(reason)


def _after(attempt: int) -> str:
    return f" (after {attempt + 1} tries)" if attempt else ""


# --- deciding ------------------------------------------------------------------------------------


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
    return Verdict(paper.id, "matched", score, best, entry)


# --- the command ---------------------------------------------------------------------------------


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

    def line(self) -> str:
        left = f"; {self.left} left for the next run (--limit {self.limit})" if self.left else ""
        return (
            f"enrich: {self.looked_up} papers looked up ({self.from_cache} answered from the cache): "
            f"{self.matched} matched, {self.review} listed for review, {self.not_found} not found, "
            f"{self.failed} failed{left}; {self.requests} requests"
            + ("; interrupted (run again to resume)" if self.interrupted else "")
        )


def _papers(seeds_dir: Path) -> tuple[tuple[Paper, ...], MetadataSource | None]:
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


def _existing_ids(source: MetadataSource | None, known: set[str]) -> set[str]:
    if source is None:
        return set()
    entries, _problems = metadata.parse(source, known)
    return set(entries)


def _checked(
    source: MetadataSource | None, label: str, verdicts: list[Verdict], known: set[str]
) -> list[Verdict]:
    """Matched verdicts whose entries, added to the file, still pass its rules (unique titles);
    the others go to review."""
    verdicts = list(verdicts)
    while True:
        text = _with_entries(source, verdicts)
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


def _with_entries(source: MetadataSource | None, verdicts: list[Verdict]) -> str:
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


def review_text(verdicts: list[Verdict]) -> str:
    """The review list (Markdown): close matches and failures, for a person to decide."""
    rows = [v for v in verdicts if v.outcome in ("review", "failed")]
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


def run(seeds_dir: Path, options: Options, fetcher: Fetcher | None = None) -> EnrichSummary:
    """Look the unannotated papers up, append the verified entries, list the close ones."""
    papers, source = _papers(seeds_dir)
    known = {p.id for p in papers}
    done = _existing_ids(source, known)
    todo = sorted((p for p in papers if p.id not in done), key=lambda p: p.id)
    fetcher = fetcher or Fetcher(options)
    boilerplate = near_duplicates(sorted({identity_text(p.text) for p in papers})).boilerplate
    verdicts: list[Verdict] = []
    from_cache = left = 0
    interrupted = False
    budget = options.limit
    label = f"{seeds_dir.as_posix().rstrip('/')}/{ingest.METADATA_FILE}"
    try:
        for paper in todo:
            queries = [
                (
                    options.arxiv,
                    services.arxiv_query(options.arxiv.base_url, paper.text),
                    services.parse_arxiv,
                ),
                (
                    options.openalex,
                    services.openalex_query(options.openalex.base_url, paper.text),
                    services.parse_openalex,
                ),
            ]
            cached = all(fetcher.cached(url) is not None for _s, url, _p in queries)
            if not cached:
                if budget <= 0:
                    left += 1
                    continue
                budget -= 1
            from_cache += cached
            found: dict[str, list[IndexRecord]] = {}
            failed: list[str] = []
            for service, url, parse in queries:
                try:
                    found[service.name] = fetcher.get(service, url, parse)
                except FetchFailed as exc:
                    failed.append(str(exc))
                except Malformed as exc:
                    failed.append(f"{service.name}: {exc}")
            verdict = decide(paper, found, failed, boilerplate)
            verdicts.append(verdict)
            if not options.quiet:
                _progress(len(verdicts), len(todo), verdict)
    except KeyboardInterrupt:
        interrupted = True
        log.warning("enrich: interrupted; writing what was verified (run again to resume)")
    verdicts = _checked(source, label, verdicts, known)
    if any(v.outcome == "matched" for v in verdicts):
        write.write_metadata(seeds_dir, _with_entries(source, verdicts))
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
    )


def _progress(n: int, total: int, verdict: Verdict) -> None:
    what = verdict.outcome
    if verdict.record is not None:
        what += f" ({verdict.record.service} {verdict.record.key}, {verdict.score:.3f})"
    if verdict.reason:
        what += f": {verdict.reason}"
    log.info("[%d/%d] %s %s", n, total, verdict.paper, what)
