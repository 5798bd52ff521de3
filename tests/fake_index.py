"""A local fake of the arXiv API and OpenAlex (127.0.0.1), serving fixture records in the real shapes.

- ``/arxiv/api/query?search_query=abs:w1 AND abs:w2 ...``: an Atom feed as the arXiv API user manual
  documents it (``<feed>`` with ``opensearch:totalResults``, ``<entry>`` with ``id``, ``published``,
  ``title``, ``summary``, ``author/name``, ``arxiv:doi``, ``arxiv:journal_ref``, links, categories;
  hard-wrapped title and summary, as arXiv sends them);
- ``/openalex/works?search=...``: a works list (``meta``, ``results``) with ``display_name``,
  ``publication_year``, ``authorships``, ``primary_location.source``, ``ids`` and the abstract as
  ``abstract_inverted_index``.

A record is found by a query when most of the query's words are in its abstract, so a decoy on the
same subject is found too. ``FakeIndex.script(service, ...)`` queues canned answers (429 with
Retry-After, 500, a slow answer, malformed or oversized bodies) served before the normal ones.
Records: ``tests/data/enrich/index.json`` (abstracts taken from the frozen seeds, edited as said).

As a program, for rehearsing the enrich workflow::

    python -m tests.fake_index --port-file /tmp/fake-port [--fixtures F] [--seeds tests/data/seeds]
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape, quoteattr

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "data" / "enrich" / "index.json"
FROZEN_SEEDS = ROOT / "tests" / "data" / "seeds"
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


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


def atom_feed(query: str, records: list[dict[str, Any]]) -> str:
    entries = []
    for r in records:
        authors = "".join(
            f"\n    <author>\n      <name>{escape(a)}</name>\n    </author>" for a in r["authors"]
        )
        doi = f"\n    <arxiv:doi>{escape(r['doi'])}</arxiv:doi>" if r.get("doi") else ""
        ref = f"\n    <arxiv:journal_ref>{escape(r['venue'])}</arxiv:journal_ref>" if r.get("venue") else ""
        entries.append(
            f"""  <entry>
    <id>http://arxiv.org/abs/{r["arxiv"]}v{r.get("version", 1)}</id>
    <updated>{r["year"]}-03-01T10:00:00Z</updated>
    <published>{r["year"]}-02-01T10:00:00Z</published>
    <title>{escape(wrap(r["title"]))}</title>
    <summary>  {escape(wrap(r["abstract"]))}
</summary>{authors}{doi}{ref}
    <link href="http://arxiv.org/abs/{r["arxiv"]}v1" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/{r["arxiv"]}v1" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
  </entry>
"""
        )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <link href={quoteattr("http://arxiv.org/api/query?" + query)} rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: {escape(query)}</title>
  <id>http://arxiv.org/api/fake</id>
  <updated>2026-12-01T00:00:00-05:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">{len(records)}</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">5</opensearch:itemsPerPage>
{"".join(entries)}</feed>
"""


def inverted_index(text: str) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for position, word in enumerate(text.split()):
        index.setdefault(word, []).append(position)
    return index


def openalex_works(records: list[dict[str, Any]]) -> str:
    results = [
        {
            "id": f"https://openalex.org/{r['openalex']}",
            "doi": f"https://doi.org/{r['doi']}" if r.get("doi") else None,
            "title": r["title"],
            "display_name": r["title"],
            "publication_year": r["year"],
            "type": "article",
            "ids": {"openalex": f"https://openalex.org/{r['openalex']}"},
            "authorships": [
                {"author_position": "first" if i == 0 else "middle", "author": {"display_name": a}}
                for i, a in enumerate(r["authors"])
            ],
            "primary_location": {
                "landing_page_url": r.get("url")
                or (f"https://arxiv.org/abs/{r['arxiv']}" if r.get("arxiv") else None),
                "source": {
                    "display_name": r.get("venue") or "arXiv (Cornell University)",
                    "type": "repository",
                },
            },
            "abstract_inverted_index": inverted_index(r["abstract"]),
        }
        for r in records
    ]
    meta = {"count": len(results), "db_response_time_ms": 12, "page": 1, "per_page": 5}
    return json.dumps({"meta": meta, "results": results, "group_by": []})


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
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)  # service, query, headers
    _scripts: dict[str, deque[Canned]] = field(
        default_factory=lambda: {"arxiv": deque(), "openalex": deque()}
    )

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

    def _found(self, service: str, terms: set[str]) -> list[dict[str, Any]]:
        hits = []
        for r in self.records:
            if service not in r.get("services", ["arxiv", "openalex"]) or not terms:
                continue
            found = words(r["abstract"])
            share = len(terms & found) / len(terms)
            if share >= 0.6:  # best first: most of the query, then most of the record, in the query
                hits.append((-share, -len(terms & found) / len(found), r["title"], r))
        return [hit[-1] for hit in sorted(hits, key=lambda h: h[:3])][:5]

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        params = parse_qs(parts.query)
        if parts.path == "/arxiv/api/query":
            service = "arxiv"
            query = params.get("search_query", [""])[0]
            terms = {t.removeprefix("abs:").casefold() for t in query.split(" AND ") if t}
        elif parts.path == "/openalex/works":
            service = "openalex"
            query = params.get("search", [""])[0]
            terms = words(query)
        else:
            self._send(handler, Canned(404, "not found"))
            return
        self.requests.append((service, parts.query, dict(handler.headers.items())))
        if self._scripts[service]:
            self._send(handler, self._scripts[service].popleft())
            return
        found = self._found(service, terms)
        if service == "arxiv":
            body = atom_feed(parts.query, [r for r in found if r.get("arxiv")])
            self._send(handler, Canned(200, body, {"Content-Type": "application/atom+xml; charset=utf-8"}))
        else:
            body = openalex_works([r for r in found if r.get("openalex")])
            self._send(handler, Canned(200, body, {"Content-Type": "application/json"}))

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixtures", type=Path, default=FIXTURES)
    parser.add_argument(
        "--seeds", type=Path, default=FROZEN_SEEDS, help="where the fixtures' `from` lines are"
    )
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file", type=Path, help="write the port here once listening")
    args = parser.parse_args()
    fake = FakeIndex(load_records(args.fixtures, args.seeds)).start(args.port)
    if args.port_file:
        args.port_file.write_text(f"{fake.port}\n", encoding="utf-8")
    print(f"fake arXiv at {fake.arxiv_url}, fake OpenAlex at {fake.openalex_url}", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
