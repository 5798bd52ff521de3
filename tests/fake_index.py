"""A local fake of the arXiv API and OpenAlex (127.0.0.1), as strict as the real services.

Shapes (compared field by field with the documented answers in ``tests/data/enrich/recorded/`` by
tests/test_fake_index.py):

- ``/arxiv/api/query?search_query=...`` or ``?id_list=...``: an Atom feed as the arXiv API user
  manual documents it (``opensearch:totalResults``, ``<entry>`` with ``id``, ``published``, ``title``,
  ``summary``, ``author/name``, ``arxiv:doi``, ``arxiv:journal_ref``, links, categories; hard-wrapped
  title and summary, as arXiv sends them);
- ``/openalex/works?search=...``: a works list (``meta``, ``results``), ``select`` honoured as
  OpenAlex does (a field not selected is not sent); ``/openalex/works/doi:...`` or ``/works/W...``:
  one work (free), 404 when unknown. A work's ``ids`` has no arXiv key; an arXiv id appears only as
  a location's ``landing_page_url``, and the primary location is the journal when there is one.

Strict where the real services are strict:

- **Search semantics**: text is split into words as Lucene's standard tokenizer splits it (UAX #29:
  on hyphens, slashes and other punctuation; "3.5", "e.g" and "don't" stay one word), lowercased.
  Query words are ANDed (arXiv's ``abs:a AND abs:b``, OpenAlex's words without an operator); ``OR``
  and parentheses work as documented, and OR queries are ranked by relevance (summed idf of the words
  a record has). OpenAlex drops English stop words; neither index matches a glued word
  ("privacypreserving") to its hyphenated form.
- **OpenAlex's budget**: with ``key`` set, a request with a wrong ``api_key`` gets 401. A keyless
  caller has ``keyless_searches`` searches (list requests cost a tenth of that); singletons are free.
  Every answer carries ``X-RateLimit-Limit-USD``, ``-Remaining-USD``, ``-Cost-USD`` and ``-Reset``;
  once the budget is spent every request, singletons included, gets 429 with a Retry-After of hours.
- **arXiv's rate limiting**: ``arxiv_429`` answers "Rate exceeded." with 429 and no Retry-After,
  that many times in a row (``-1``: for ever); ``empty_once`` answers one search with a valid feed of
  no entries (arXiv's occasional mistake).

``FakeIndex.script(service, ...)`` queues canned answers served before the normal ones.
Records: ``tests/data/enrich/index.json`` (abstracts taken from the frozen seeds, edited as said).

As a program, for rehearsing the enrich workflow::

    python -m tests.fake_index --port-file /tmp/fake-port [--key K] [--keyless-searches N]
        [--arxiv-429 N] [--empty-once]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit
from xml.sax.saxutils import escape, quoteattr

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "data" / "enrich" / "index.json"
FROZEN_SEEDS = ROOT / "tests" / "data" / "seeds"
# Written out here, not imported from generator/enrich/query.py: the fake stands for the services,
# so a wrong tokenizer or stop list in the client must show as a test failure, not be shared.
# Lucene's standard tokenizer (UAX #29 word boundaries), close enough for abstracts: letters and
# digits joined by "." or an apostrophe stay one word, digits joined by "," too; anything else splits.
_TOKEN = re.compile(r"[^\W_]+(?:(?:[.'\u2019]|(?<=\d),(?=\d))[^\W_]+)*")
# Lucene's English stop words (EnglishAnalyzer.ENGLISH_STOP_WORDS_SET), which OpenAlex drops.
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "if",
        "in",
        "into",
        "is",
        "it",
        "no",
        "not",
        "of",
        "on",
        "or",
        "such",
        "that",
        "the",
        "their",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "will",
        "with",
    ]
)
SEARCH_USD = 0.001  # OpenAlex's price of a search (list requests: 0.0001)
LIST_USD = 0.0001
LONG_WAIT = "54000"  # seconds: a spent daily budget waits until midnight UTC


def tokens(text: str) -> list[str]:
    """Words as Lucene's standard analyzer indexes them: UAX #29 words, lowercased."""
    return [t.lower() for t in _TOKEN.findall(text)]


def words(text: str) -> set[str]:
    return set(tokens(text))


def load_records(fixtures: Path = FIXTURES, seeds: Path = FROZEN_SEEDS) -> list[dict[str, Any]]:
    """The fixture records, each abstract taken from a frozen seed line (``from``) and edited."""
    records = json.loads(fixtures.read_text(encoding="utf-8"))["records"]
    out = []
    for record in records:
        record = dict(record)
        if "from" in record:
            name, line = record.pop("from").rsplit(":", 1)
            text = (seeds / name).read_text(encoding="utf-8").splitlines()[int(line) - 1]
            for old, new in record.pop("edits", []):
                assert old in text, f"fixture edit {old!r} not in {name}:{line}"
                text = text.replace(old, new)
            record["abstract"] = text
        out.append(record)
    return out


def wrap(text: str, width: int = 80) -> str:
    """Hard-wrapped as arXiv's feed is: lines of about ``width`` characters, indented."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) > width:
            lines.append(line)
            line = ""
        line = f"{line} {word}" if line else word
    return "\n  ".join([*lines, line])


def atom_feed(query: str, records: list[dict[str, Any]], total: int | None = None) -> str:
    entries = []
    for r in records:
        authors = "".join(
            f"\n    <author>\n      <name>{escape(a)}</name>\n    </author>" for a in r["authors"]
        )
        doi = f"\n    <arxiv:doi>{escape(r['doi'])}</arxiv:doi>" if r.get("doi") else ""
        ref = r.get("journal_ref") or r.get("venue")
        ref_tag = f"\n    <arxiv:journal_ref>{escape(ref)}</arxiv:journal_ref>" if ref else ""
        entries.append(
            f"""  <entry>
    <id>http://arxiv.org/abs/{r["arxiv"]}v{r.get("version", 1)}</id>
    <updated>{r["year"]}-03-01T10:00:00Z</updated>
    <published>{r["year"]}-02-01T10:00:00Z</published>
    <title>{escape(wrap(r["title"]))}</title>
    <summary>  {escape(wrap(r["abstract"]))}
</summary>{authors}{doi}{ref_tag}
    <link href="http://arxiv.org/abs/{r["arxiv"]}v1" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/{r["arxiv"]}v1" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
  </entry>
"""
        )
    total = len(records) if total is None else total
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <link href={quoteattr("http://arxiv.org/api/query?" + query)} rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: {escape(query)}</title>
  <id>http://arxiv.org/api/fake</id>
  <updated>2026-12-01T00:00:00-05:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">{total}</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">5</opensearch:itemsPerPage>
{"".join(entries)}</feed>
"""


def inverted_index(text: str) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for position, word in enumerate(text.split()):
        index.setdefault(word, []).append(position)
    return index


def _source(name: str, kind: str) -> dict[str, Any]:
    return {"id": "https://openalex.org/S0", "display_name": name, "type": kind}


def openalex_work(r: dict[str, Any], score: float | None = None) -> dict[str, Any]:
    """One work in OpenAlex's shape (the fields the enrich command may select, and a few more)."""
    arxiv_location = (
        {
            "is_oa": True,
            "landing_page_url": f"http://arxiv.org/abs/{r['arxiv']}",
            "pdf_url": f"http://arxiv.org/pdf/{r['arxiv']}",
            "source": _source("arXiv (Cornell University)", "repository"),
            "version": "submittedVersion",
        }
        if r.get("arxiv")
        else None
    )
    journal_location = (
        {
            "is_oa": False,
            "landing_page_url": r.get("url") or (f"https://doi.org/{r['doi']}" if r.get("doi") else None),
            "pdf_url": None,
            "source": _source(r["venue"], "conference" if "Conference" in r["venue"] else "journal"),
            "version": "publishedVersion",
        }
        if r.get("venue")
        else None
    )
    locations = [loc for loc in (journal_location, arxiv_location) if loc]
    doi = r.get("doi") or (f"10.48550/arxiv.{r['arxiv']}" if r.get("arxiv") else None)
    work: dict[str, Any] = {
        "id": f"https://openalex.org/{r['openalex']}",
        "doi": f"https://doi.org/{doi}" if doi else None,
        "title": r["title"],
        "display_name": r["title"],
        "publication_year": r["year"],
        "publication_date": f"{r['year']}-02-01",
        "type": "article",
        "ids": {"openalex": f"https://openalex.org/{r['openalex']}"}
        | ({"doi": f"https://doi.org/{doi}"} if doi else {}),
        "authorships": [
            {
                "author_position": "first" if i == 0 else "middle",
                "author": {"id": f"https://openalex.org/A{i}", "display_name": a},
                "raw_author_name": a,
            }
            for i, a in enumerate(r["authors"])
        ],
        "primary_location": locations[0] if locations else None,
        "locations": locations,
        "locations_count": len(locations),
        "abstract_inverted_index": inverted_index(r["abstract"]),
    }
    if score is not None:
        work["relevance_score"] = round(score, 4)
    return work


# --- query parsing -------------------------------------------------------------------------------


def _query_tokens(query: str) -> list[str]:
    return re.findall(r'\(|\)|"[^"]*"|[^\s()]+', query)


@dataclass(frozen=True)
class Node:
    op: str  # "term", "AND", "OR", "ANDNOT"
    words: tuple[str, ...] = ()
    children: tuple[Node, ...] = ()

    def match(self, have: set[str]) -> bool:
        if self.op == "term":
            return bool(self.words) and all(w in have for w in self.words)
        if self.op == "AND":
            return all(c.match(have) for c in self.children)
        if self.op == "ANDNOT":
            return self.children[0].match(have) and not self.children[1].match(have)
        return any(c.match(have) for c in self.children)

    def terms(self) -> list[tuple[str, ...]]:
        if self.op == "term":
            return [self.words]
        return [t for c in self.children for t in c.terms()]


def parse_query(query: str, prefixed: bool, stop: frozenset[str] = frozenset()) -> Node:
    """Boolean query: operators AND, OR, ANDNOT (arXiv) or NOT, parentheses; words side by side
    are ANDed. ``prefixed``: terms carry a field (``abs:word``), as arXiv's do."""
    items = _query_tokens(query)
    pos = 0

    def term(text: str) -> Node:
        if prefixed:
            _field, _, text = text.partition(":")
        found = tuple(t for t in tokens(text.strip('"')) if t not in stop)
        return Node("term", found)

    def primary() -> Node:
        nonlocal pos
        item = items[pos]
        pos += 1
        if item == "(":
            node = expression()
            if pos < len(items) and items[pos] == ")":
                pos += 1
            return node
        return term(item)

    def expression() -> Node:
        nonlocal pos
        node = primary()
        while pos < len(items) and items[pos] != ")":
            op = items[pos]
            if op in ("AND", "OR", "ANDNOT", "NOT"):
                pos += 1
            else:
                op = "AND"  # words side by side
            right = primary()
            if op == "NOT":
                op = "ANDNOT"
            node = Node(op, children=(node, right))
        return node

    if not items:
        return Node("term")
    node = expression()
    # Terms that were only stop words match everything, as Lucene drops them from the query.
    return _drop_empty(node)


def _drop_empty(node: Node) -> Node:
    if node.op == "term":
        return node
    kept = tuple(_drop_empty(c) for c in node.children if not (c.op == "term" and not c.words))
    if not kept:
        return Node("term")
    if len(kept) == 1 and node.op != "ANDNOT":
        return kept[0]
    return Node(node.op, node.words, kept)


# --- the server ----------------------------------------------------------------------------------


@dataclass
class Canned:
    status: int = 200
    body: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    length: bool = True  # False: no Content-Length, the body ends when the connection closes


@dataclass
class FakeIndex:
    """Both fakes on one local server: base URLs ``arxiv_url`` and ``openalex_url``."""

    records: list[dict[str, Any]]
    key: str | None = None  # the OpenAlex API key it accepts (None: no key is valid)
    keyless_searches: int = 10  # a keyless caller's daily budget, in searches ($0.01 at $0.001)
    keyed_searches: int = 1000
    arxiv_429: int = 0  # answer this many arXiv requests in a row with 429, no Retry-After (-1: all)
    empty_once: bool = False  # answer one arXiv search with an empty feed
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)  # service, query, headers
    _scripts: dict[str, deque[Canned]] = field(
        default_factory=lambda: {"arxiv": deque(), "openalex": deque()}
    )
    _spent: dict[str, float] = field(default_factory=dict)  # USD spent per caller ("" keyless)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self, port: int = 0) -> FakeIndex:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                fake._answer(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def arxiv_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/arxiv/api/query"

    @property
    def openalex_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/openalex/works"

    def script(self, service: str, *answers: Canned) -> None:
        self._scripts[service].extend(answers)

    def asked(self, service: str) -> list[str]:
        return [query for s, query, _h in self.requests if s == service]

    def _idf(self, word: str, held: list[dict[str, Any]]) -> float:
        df = sum(word in words(r["abstract"]) for r in held)
        return math.log(1 + (len(held) + 1) / (df + 0.5))

    def search(self, service: str, node: Node, count: int) -> list[tuple[float, dict[str, Any]]]:
        """Records whose abstract satisfies the query, best first: summed idf of the terms found."""
        held = [r for r in self.records if service in r.get("services", ["arxiv", "openalex"])]
        held = [r for r in held if r.get("arxiv" if service == "arxiv" else "openalex")]
        if node.op == "term" and not node.words:
            return []
        hits = []
        for r in held:
            have = words(r["abstract"])
            if node.match(have):
                score = sum(self._idf(w, held) for term in node.terms() for w in term if w in have)
                hits.append((score, r))
        hits.sort(key=lambda sr: (-sr[0], sr[1]["title"]))
        return hits[:count]

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        params = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if parts.path == "/arxiv/api/query":
            service = "arxiv"
        elif parts.path.startswith("/openalex/works"):
            service = "openalex"
        else:
            self._send(handler, Canned(404, "not found"))
            return
        with self._lock:
            self.requests.append(
                (service, unquote(parts.path) + "?" + parts.query, dict(handler.headers.items()))
            )
            if self._scripts[service]:
                canned = self._scripts[service].popleft()
            elif service == "arxiv":
                canned = self._arxiv(parts.query, params)
            else:
                canned = self._openalex(unquote(parts.path), params)
        self._send(handler, canned)

    def _arxiv(self, query: str, params: dict[str, str]) -> Canned:
        if self.arxiv_429:
            self.arxiv_429 -= 1 if self.arxiv_429 > 0 else 0
            return Canned(429, "Rate exceeded.", {"Content-Type": "text/plain"})
        atom = {"Content-Type": "application/atom+xml; charset=utf-8"}
        count = int(params.get("max_results", "10") or 10)
        if "id_list" in params:
            wanted = {i.strip() for i in params["id_list"].split(",") if i.strip()}
            found = [
                r
                for r in self.records
                if r.get("arxiv") in wanted and "arxiv" in r.get("services", ["arxiv"])
            ]
            return Canned(200, atom_feed(query, found[:count]), atom)
        node = parse_query(params.get("search_query", ""), prefixed=True)
        found = [r for _s, r in self.search("arxiv", node, count)]
        if self.empty_once and found:
            self.empty_once = False
            return Canned(200, atom_feed(query, [], total=0), atom)
        return Canned(200, atom_feed(query, found), atom)

    def _openalex(self, path: str, params: dict[str, str]) -> Canned:
        key = params.get("api_key")
        if key is not None and key != self.key:
            return Canned(401, json.dumps({"error": "Invalid API key"}), {"Content-Type": "application/json"})
        caller = key or ""
        limit = 0.001 * (self.keyed_searches if key else self.keyless_searches)
        single = path != "/openalex/works"
        cost = 0.0 if single else (SEARCH_USD if "search" in params else LIST_USD)
        spent = self._spent.get(caller, 0.0)
        remaining = round(limit - spent, 6)
        if remaining < max(cost, 1e-9):  # spent: every request, singletons included
            body = {"error": "Rate limit exceeded", "message": "Daily budget exhausted."}
            headers = {
                "Content-Type": "application/json",
                "Retry-After": LONG_WAIT,
                "X-RateLimit-Limit-USD": f"{limit:g}",
                "X-RateLimit-Remaining-USD": "0",
                "X-RateLimit-Cost-USD": f"{cost:g}",
                "X-RateLimit-Reset": LONG_WAIT,
            }
            return Canned(429, json.dumps(body), headers)
        self._spent[caller] = spent + cost
        headers = {
            "Content-Type": "application/json",
            "X-RateLimit-Limit-USD": f"{limit:g}",
            "X-RateLimit-Remaining-USD": f"{remaining - cost:.4f}",
            "X-RateLimit-Cost-USD": f"{cost:g}",
            "X-RateLimit-Reset": LONG_WAIT,
        }
        select = [s for s in params.get("select", "").split(",") if s]
        if single:
            work = self._singleton(path.removeprefix("/openalex/works/"))
            if work is None:
                body = {"error": "Not found", "message": "Work not found"}
                return Canned(404, json.dumps(body), headers)
            return Canned(200, json.dumps(_selected(openalex_work(work), select)), headers)
        count = int(params.get("per-page", params.get("per_page", "25")) or 25)
        search = params.get("search", "")
        node = parse_query(search, prefixed=False, stop=STOP_WORDS)
        found = self.search("openalex", node, count) if search else []
        results = [_selected(openalex_work(r, score), select) for score, r in found]
        meta = {
            "count": len(results),
            "db_response_time_ms": 12,
            "page": 1,
            "per_page": count,
            "groups_count": None,
        }
        return Canned(200, json.dumps({"meta": meta, "results": results, "group_by": []}), headers)

    def _singleton(self, which: str) -> dict[str, Any] | None:
        held = [
            r for r in self.records if r.get("openalex") and "openalex" in r.get("services", ["openalex"])
        ]
        which = which.removeprefix("https://openalex.org/")
        for r in held:
            doi = (r.get("doi") or "").lower()
            arxiv_doi = f"10.48550/arxiv.{r['arxiv']}" if r.get("arxiv") else ""
            if which == r["openalex"] or (
                which.lower().startswith("doi:") and which[4:].lower() in {doi, arxiv_doi} - {""}
            ):
                return r
        return None

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, canned: Canned) -> None:
        if canned.delay:
            time.sleep(canned.delay)
        data = canned.body.encode("utf-8")
        try:
            handler.send_response(canned.status)
            for name, value in canned.headers.items():
                handler.send_header(name, value)
            if canned.length:
                handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)


def _selected(work: dict[str, Any], select: list[str]) -> dict[str, Any]:
    return {k: v for k, v in work.items() if k in select} if select else work


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixtures", type=Path, default=FIXTURES)
    parser.add_argument(
        "--seeds", type=Path, default=FROZEN_SEEDS, help="where the fixtures' `from` lines are"
    )
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file", type=Path, help="write the port here once listening")
    parser.add_argument("--key", help="the OpenAlex API key it accepts")
    parser.add_argument("--keyless-searches", type=int, default=10)
    parser.add_argument("--arxiv-429", type=int, default=0, help="429s in a row from arXiv (-1: always)")
    parser.add_argument("--empty-once", action="store_true", help="one empty arXiv page")
    args = parser.parse_args()
    fake = FakeIndex(
        load_records(args.fixtures, args.seeds),
        key=args.key,
        keyless_searches=args.keyless_searches,
        arxiv_429=args.arxiv_429,
        empty_once=args.empty_once,
    ).start(args.port)
    if args.port_file:
        args.port_file.write_text(f"{fake.port}\n", encoding="utf-8")
    print(f"fake arXiv at {fake.arxiv_url}, fake OpenAlex at {fake.openalex_url}", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
