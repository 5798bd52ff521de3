"""HTTP for the enrich command, as the services behave in 2026: the only module on the network.

A good citizen of free APIs, and one that finishes:

- a User-Agent naming the project and a contact address, one request per ``interval`` per service
  (arXiv asks for 3 seconds), a timeout on every call, answers capped in size;
- OpenAlex's API key (``Options.openalex_key``) added only to the request sent: never in a cache
  key, a log line or a message; its ``X-RateLimit-*`` headers read after every answer, and once
  the remaining budget cannot pay for a search, no more searches this run (free look-ups by id
  still go); a 401 (the key refused) stops OpenAlex for the run;
- a 429 with a Retry-After longer than ``max_wait`` (OpenAlex's spent daily budget: hours) stops
  that service for the run at once; a 429 without Retry-After (arXiv's "Rate exceeded.") waits
  ``min_429_wait`` seconds and more (30, 60, 120), and after ``max_429`` of them in a row the
  service is not asked again this run; 5xx and network errors are retried with backoff;
- every answer cached as it arrives (an interrupted run resumes there); an answer that found
  nothing (no entries, or 404 for a look-up) only for ``not_found_days``, and arXiv's empty page
  asked once more before it is believed;
- a run deadline: a wait or a request that would end past it raises ``DeadlineReached``, so the
  command writes what it has and exits in time for the workflow to open its pull request;
- ``offline``: answers only from the cache (``NotCached`` otherwise), for papers past the per-run
  limit.

``sleep``, ``clock`` (monotonic, for intervals and the deadline) and ``now`` (wall time, for
expiries) are injectable, so tests never wait.
"""

from __future__ import annotations

import email.utils
import http.client
import logging
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlencode

from generator.runtime.cache import Cache, entry_key, fingerprint

log = logging.getLogger(__name__)
DEFAULT_CACHE = Path(".cache/enrich")
PROJECT = "paper-catalogue-enrich/1.0 (+https://github.com/; static catalogue of paper abstracts)"
T = TypeVar("T")
_RETRY = {500, 502, 503, 504}
DAY = 86_400.0
NAMES = {"arxiv": "arXiv", "openalex": "OpenAlex"}


@dataclass(frozen=True)
class Service:
    name: str  # "arxiv" or "openalex"
    base_url: str
    interval: float  # at least this many seconds between two requests to the service


@dataclass(frozen=True)
class Options:
    contact: str
    arxiv: Service = Service("arxiv", "https://export.arxiv.org/api/query", 3.0)
    openalex: Service = Service("openalex", "https://api.openalex.org/works", 0.2)
    openalex_key: str = field(default="", repr=False)
    limit: int = 50  # papers that get fresh answers from the network, per run
    deadline: float | None = 40 * 60.0  # seconds from the start of the run
    timeout: float = 30.0  # seconds, every call
    retries: int = 3  # for 5xx and network errors
    backoff: float = 2.0  # first wait before such a retry; doubled each time
    min_429_wait: float = 30.0  # first wait after a 429 without Retry-After; doubled each time
    max_429: int = 3  # 429s in a row after which a service is not asked again this run
    max_wait: float = 120.0  # a longer Retry-After stops the service for the run
    not_found_days: float = 30.0  # an answer that found nothing is asked again after this
    max_bytes: int = 2_000_000
    cache_dir: Path | None = DEFAULT_CACHE
    review_file: Path | None = None
    quiet: bool = False


class FetchFailed(Exception):
    """A service did not answer usefully; the message says why (never the URL or the key)."""


class ServiceStopped(FetchFailed):
    """The service is not asked again this run (budget spent, 429s in a row, key refused)."""


class NotCached(Exception):
    """Offline, and the answer is not in the cache."""


class DeadlineReached(Exception):
    """The run's deadline is reached (or a wait would pass it)."""


@dataclass
class Fetcher:
    """GET with the rules above. ``requests``: requests sent; ``answered``: fresh answers read."""

    options: Options
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    now: Callable[[], float] = time.time
    requests: int = 0
    answered: int = 0
    offline: bool = False
    stopped: dict[str, str] = field(default_factory=dict)  # service -> why it is not asked any more
    no_search: dict[str, str] = field(default_factory=dict)  # service -> why it is not searched
    budget: dict[str, float] = field(default_factory=dict)  # service -> remaining USD it reported
    _last: dict[str, float] = field(default_factory=dict)
    _in_a_row: dict[str, int] = field(default_factory=dict)
    _cache: Cache = field(init=False)

    def __post_init__(self) -> None:
        self._cache = Cache(self.options.cache_dir)
        self._fingerprint = fingerprint(stage="enrich-response", version=2)
        start = self.clock()
        self._deadline = None if self.options.deadline is None else start + self.options.deadline

    # --- the cache -------------------------------------------------------------------------------

    def _key(self, url: str) -> str:
        return entry_key(self._fingerprint, url)

    def cached(self, url: str) -> str | None:
        """The body cached for ``url`` (the URL without the key), unless expired."""
        hit = self._cache.get_many([self._key(url)]).get(self._key(url))
        if not isinstance(hit, dict) or not isinstance(hit.get("body"), str):
            return None
        expires = hit.get("expires")
        if isinstance(expires, (int, float)) and self.now() >= expires:
            return None
        return hit["body"]

    def remember(self, key: str, value: object) -> None:
        """Command state kept with the answers (when each paper was last tried)."""
        self._cache.put_many({entry_key(self._fingerprint, f"state:{key}"): value})

    def recall(self, keys: list[str]) -> dict[str, object]:
        hashed = {entry_key(self._fingerprint, f"state:{k}"): k for k in keys}
        return {hashed[h]: v for h, v in self._cache.get_many(list(hashed)).items()}

    # --- asking ----------------------------------------------------------------------------------

    def may_search(self, service: Service) -> bool:
        return service.name not in self.stopped and service.name not in self.no_search

    def get(
        self,
        service: Service,
        url: str,
        parse: Callable[[str], list[T]],
        *,
        retry_empty: bool = False,
        missing: int | None = None,
    ) -> list[T]:
        """The records of the answer to ``url``, cached or asked for now. An answer that parses is
        cached: for good when it has records, for ``not_found_days`` when it has none. A status
        ``missing`` (404 for a look-up by id) is an answer with no records. ``retry_empty``: an
        empty answer is asked once more before it is believed."""
        hit = self.cached(url)
        if hit is not None:
            return parse(hit)
        if self.offline:
            raise NotCached(url)
        if service.name in self.stopped:
            raise ServiceStopped(f"{service.name}: {self.stopped[service.name]}")
        retried_empty = False
        while True:
            body = self._ask(service, url, missing)
            records = parse(body) if body is not None else []
            if records or not retry_empty or retried_empty:
                break
            retried_empty = True
            log.info("%s: an empty page; asking once more", service.name)
        expires = None if records else self.now() + self.options.not_found_days * DAY
        self._cache.put_many({self._key(url): {"body": body if body is not None else "", "expires": expires}})
        return records

    def _ask(self, service: Service, url: str, missing: int | None) -> str | None:
        """The body of a successful answer (None for the ``missing`` status), after the retries."""
        sent = url
        if service.name == "openalex" and self.options.openalex_key:
            sent += ("&" if "?" in url else "?") + urlencode({"api_key": self.options.openalex_key})
        attempt = 0
        name = NAMES.get(service.name, service.name)
        while True:
            self._wait_turn(service)
            self.requests += 1
            log.debug("GET %s", url)  # never ``sent``: it has the key
            try:
                body, headers = self._once(sent)
            except FetchFailed as exc:
                raise FetchFailed(f"{service.name}: {exc}") from None
            except urllib.error.HTTPError as exc:
                self._read_budget(service, exc.headers)
                if exc.code == missing:
                    self._in_a_row[service.name] = 0
                    self.answered += 1
                    return None
                if exc.code == 401 and service.name == "openalex":
                    self._stop(service, f"{name} refused the API key (HTTP {exc.code})")
                wait = self._wait_after(service, exc, attempt)
            except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
                if attempt >= self.options.retries:
                    raise FetchFailed(f"{service.name}: {_reason(exc)}" + _after(attempt)) from None
                wait = self.options.backoff * 2**attempt
            else:
                self._in_a_row[service.name] = 0
                self._read_budget(service, headers)
                self.answered += 1
                return body
            attempt += 1
            self._pause(wait)

    def _wait_after(self, service: Service, exc: urllib.error.HTTPError, attempt: int) -> float:
        name = NAMES.get(service.name, service.name)
        header = exc.headers.get("Retry-After") if exc.headers else None
        asked = _retry_after(header.strip(), self.now()) if header else None
        if exc.code == 429:
            if asked is not None and asked > self.options.max_wait:
                self._stop(service, f"{name}'s allowance is spent (429, retry after {asked / 3600:.1f} h)")
            in_a_row = self._in_a_row.get(service.name, 0) + 1
            self._in_a_row[service.name] = in_a_row
            if in_a_row >= self.options.max_429:
                self._stop(service, f"{name} answered 429 {in_a_row} times in a row")
            if asked is not None:  # the service said how long: as asked
                return asked
            return min(self.options.min_429_wait * 2 ** (in_a_row - 1), self.options.max_wait)
        if exc.code not in _RETRY or attempt >= self.options.retries:
            raise FetchFailed(f"{service.name}: HTTP {exc.code}" + _after(attempt))
        if asked is not None and asked > self.options.max_wait:
            raise FetchFailed(f"{service.name}: HTTP {exc.code}, retry after {asked:.0f} s" + _after(attempt))
        return min(max(self.options.backoff * 2**attempt, asked or 0.0), self.options.max_wait)

    def _stop(self, service: Service, why: str) -> None:
        self.stopped[service.name] = why
        log.warning("%s; not asked again this run", why)
        raise ServiceStopped(f"{service.name}: {why}")

    def _read_budget(self, service: Service, headers: object) -> None:
        """OpenAlex's ``X-RateLimit-Remaining-USD`` and ``-Cost-USD``: searching stops when what is
        left cannot pay for one more search."""
        get = getattr(headers, "get", None)
        if get is None:
            return
        remaining, cost = _number(get("X-RateLimit-Remaining-USD")), _number(get("X-RateLimit-Cost-USD"))
        if remaining is None:
            return
        self.budget[service.name] = remaining
        search_cost = max(cost or 0.0, 0.001)
        if remaining < search_cost and service.name not in self.no_search:
            name = NAMES.get(service.name, service.name)
            self.no_search[service.name] = f"{name}'s budget is spent (${remaining:g} left)"
            log.warning("%s; no more searches this run", self.no_search[service.name])

    def _wait_turn(self, service: Service) -> None:
        last = self._last.get(service.name)
        if last is not None:
            pause = service.interval - (self.clock() - last)
            if pause > 0:
                self._pause(pause)
        self._check_deadline(0.0)
        self._last[service.name] = self.clock()

    def _pause(self, seconds: float) -> None:
        self._check_deadline(seconds)
        self.sleep(seconds)

    def _check_deadline(self, wait: float) -> None:
        if self._deadline is not None and self.clock() + wait > self._deadline:
            raise DeadlineReached()

    def _once(self, url: str) -> tuple[str, object]:
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
            headers = response.headers
        try:
            return b"".join(chunks).decode("utf-8"), headers
        except UnicodeDecodeError:
            raise FetchFailed("answer is not UTF-8") from None


def _number(value: object) -> float | None:
    try:
        return float(str(value).strip().lstrip("$")) if value is not None else None
    except ValueError:
        return None


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
