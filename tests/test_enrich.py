"""The enrich command against the strict fake of arXiv and OpenAlex (tests/fake_index.py, 127.0.0.1).

Input is the frozen seed catalogue (tests/data/seeds), copied; the fixture records are in
tests/data/enrich/index.json. The numbers in the test names' comments are issue 21's points.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from generator.enrich import arxiv, command, decide, fetch, openalex, query, services
from generator.enrich.fetch import Fetcher, Options, Service
from generator.inputs import history, ingest, metadata
from generator.models import MetadataSource, Source
from generator.pipeline import catalogue_from
from generator.site.render import Renderer

from .conftest import FROZEN_SEEDS, ROOT
from .fake_index import Canned, FakeIndex, load_records, parse_query, tokens
from .gitrepo import DAY1, DAY2, commit, git, new_repo

KEY = "test-key-3f9a"
FEDMEZO = Source("000_bf1a9b33c4f7f19a.txt", 1)  # exact on arXiv; OpenAlex has DOI and venue
DFROT = Source("004_b78648b2e4aaaa08.txt", 1)  # the published version, reworded, on OpenAlex only
FRIDO = Source("003_75e5f5b3bb00e321.txt", 5)  # only a decoy on the same subject is found
SMOOTH_DP = Source("002_3c216495a4b4224f.txt", 10)  # half the abstract matches: review
ADAM = Source("002_3c216495a4b4224f.txt", 1)  # its title carries HTML, Markdown and Jinja2
BERT = Source("000_bf1a9b33c4f7f19a.txt", 10)  # hand-written entry in metadata.yaml
V2 = Source("000_bf1a9b33c4f7f19a.txt", 5)  # arXiv has a version 2 with words of its opening changed
MAIDS = Source("003_75e5f5b3bb00e321.txt", 10)  # arXiv with a journal_ref
CVPR = Source("002_3c216495a4b4224f.txt", 9)  # OpenAlex only, arXiv id in a second location
MATCHED = {FEDMEZO, DFROT, ADAM, V2, MAIDS, CVPR}


class Clock:
    """Monotonic time that moves only when the fetcher sleeps: tests never wait."""

    def __init__(self) -> None:
        self.t = 1000.0
        self.waits: list[float] = []

    def __call__(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.t += seconds


@pytest.fixture
def fake() -> Iterator[FakeIndex]:
    server = FakeIndex(load_records(), key=KEY).start()
    yield server
    server.stop()


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(FROZEN_SEEDS, folder)
    (folder / "README.md").unlink()
    return folder


def options(fake: FakeIndex, tmp_path: Path, **changes: object) -> Options:
    base = Options(
        contact="catalogue-bot@example.org",
        arxiv=Service("arxiv", fake.arxiv_url, 0.0),
        openalex=Service("openalex", fake.openalex_url, 0.0),
        openalex_key=KEY,
        limit=1000,
        timeout=5.0,
        retries=2,
        backoff=0.01,
        cache_dir=tmp_path / "cache",
        review_file=tmp_path / "review.md",
        quiet=True,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def fetcher(opts: Options, clock: Clock | None = None, now: Callable[[], float] | None = None) -> Fetcher:
    clock = clock or Clock()
    return Fetcher(opts, sleep=clock.sleep, clock=clock, now=now or (lambda: 1.8e9))


def run(
    seeds: Path, opts: Options, clock: Clock | None = None, now: Callable[[], float] | None = None
) -> Any:
    return command.run(seeds, opts, fetcher(opts, clock, now))


def ids(seeds: Path) -> dict[Source, str]:
    papers, _source = decide.papers(seeds)
    return {source: p.id for p in papers for source in p.sources}


def entries(seeds: Path) -> dict[str, metadata.Metadata]:
    source = ingest.read_metadata(seeds)
    assert source is not None
    found, problems = metadata.parse(source, set(ids(seeds).values()))
    assert problems == []
    return found


def one_paper(tmp_path: Path, *lines: Source) -> Path:
    """A seeds folder holding only the given frozen lines (at their file names and line numbers)."""
    folder = tmp_path / "one"
    folder.mkdir()
    for name in {s.file for s in lines}:
        text = (FROZEN_SEEDS / name).read_text(encoding="utf-8").splitlines()
        keep = {s.line for s in lines if s.file == name}
        (folder / name).write_text(
            "\n".join(t if n in keep else "" for n, t in enumerate(text, 1)) + "\n", encoding="utf-8"
        )
    return folder


def seed_lines() -> list[str]:
    return [
        line for path in sorted(FROZEN_SEEDS.glob("*.txt")) for line in path.read_text().splitlines() if line
    ]


def asked(fake: FakeIndex, service: str) -> list[dict[str, str]]:
    """The query parameters of each request to a service, with its path as "path"."""
    out = []
    for path_query in fake.asked(service):
        path, _, q = path_query.partition("?")
        out.append({"path": path, **{k: v[0] for k, v in urllib.parse.parse_qs(q).items()}})
    return out


# --- 1, 2: queries that real search engines answer -----------------------------------------------


def test_every_seed_lines_query_matches_its_own_abstract_on_a_strict_index() -> None:
    """1: words split as the indexes split them. All 55 lines' first queries find their own
    abstract on an AND index (the identity text's words found 33 on arXiv and 26 on OpenAlex)."""
    lines = seed_lines()
    rarity = query.Rarity.of(lines)
    assert len(lines) == 55
    for line in lines:
        have = set(tokens(line))
        words = query.strict_words(line, rarity)
        assert len(words) == query.STRICT
        arxiv_query = urllib.parse.parse_qs(urllib.parse.urlsplit(arxiv.search_url("x", words)).query)
        assert parse_query(arxiv_query["search_query"][0], prefixed=True).match(have), line[:60]
        oa_query = urllib.parse.parse_qs(urllib.parse.urlsplit(openalex.search_url("x", words)).query)
        assert parse_query(oa_query["search"][0], prefixed=False).match(have), line[:60]
    first = query.strict_words(lines[0], rarity)
    assert "privacy" in first and "preserving" in first and "privacypreserving" not in first


def test_words_are_split_like_the_indexes_and_rarity_is_measured() -> None:
    assert query.index_words("privacy-preserving fine-tuning of GPT-3.5") == [
        "privacy",
        "preserving",
        "fine",
        "tuning",
        "of",
        "gpt",
        "3.5",
    ]
    text = "The alpha method meets gamma and delta gamma"
    corpus = ["alpha beta gamma method meets", "alpha beta delta method meets", "alpha beta method", "alpha"]
    rarity = query.Rarity.of([*corpus, "alpha beta", text])
    assert rarity.common("alpha") and not rarity.common("delta")
    assert query.fallback_words(text, rarity, 2) == ["gamma", "delta"]  # rarest, in text order


def test_a_version_2_with_changed_words_is_found_by_the_ored_fallback(
    fake: FakeIndex, tmp_path: Path
) -> None:
    """2: one changed word empties the strict query; the rarest words ORed find the paper, and
    the local check (0.8) accepts it."""
    seeds = one_paper(tmp_path, V2)
    summary = run(seeds, options(fake, tmp_path))
    assert summary.matched == 1
    entry = entries(seeds)[ids(seeds)[V2]]
    assert entry.arxiv == "2005.00001" and services.ACCEPT <= entry.score < 1.0
    strict, fallback = asked(fake, "arxiv")  # the empty strict answer is not asked again
    assert " AND " in strict["search_query"] and " OR " in fallback["search_query"]
    assert fallback["sortBy"] == "relevance"


def test_verified_matches_are_written_and_no_wrong_paper_is(
    fake: FakeIndex, seeds: Path, tmp_path: Path
) -> None:
    before = (seeds / "metadata.yaml").read_bytes()
    summary = run(seeds, options(fake, tmp_path))
    pid = ids(seeds)
    found = entries(seeds)
    assert found[pid[FEDMEZO]] == metadata.Metadata(
        title="On the Convergence of Zeroth-Order Federated Tuning for Large Language Models",
        authors=("Zhenqing Ling", "Daoyuan Chen", "Liuyi Yao"),
        year=2024,
        venue="Proceedings of the 30th ACM SIGKDD Conference",
        doi="10.1145/3637528.3671865",
        arxiv="2402.05926",
        url="https://arxiv.org/abs/2402.05926",
        source="arxiv+openalex",
        score=1.0,
    )
    dfrot = found[pid[DFROT]]
    assert dfrot.title.startswith("DFRot: ") and dfrot.source == "openalex"
    assert services.ACCEPT <= dfrot.score < 0.9
    # Every paper the fake holds is matched; the decoy and the half match are not.
    assert set(found) == {pid[BERT]} | {pid[s] for s in MATCHED}
    assert pid[FRIDO] not in found and pid[SMOOTH_DP] not in found
    assert (seeds / "metadata.yaml").read_bytes().startswith(before)
    assert (summary.matched, summary.review, summary.failed) == (len(MATCHED), 1, 0)
    review = (tmp_path / "review.md").read_text(encoding="utf-8")
    assert pid[SMOOTH_DP] in review and "0.465" in review


def test_the_written_file_is_deterministic(fake: FakeIndex, seeds: Path, tmp_path: Path) -> None:
    run(seeds, options(fake, tmp_path, cache_dir=None))
    first = (seeds / "metadata.yaml").read_bytes()
    shutil.copy2(FROZEN_SEEDS / "metadata.yaml", seeds / "metadata.yaml")
    run(seeds, options(fake, tmp_path, cache_dir=None))
    assert (seeds / "metadata.yaml").read_bytes() == first
    added = first[len((FROZEN_SEEDS / "metadata.yaml").read_bytes()) :].decode()
    keys = [line[:10] for line in added.splitlines() if line and not line.startswith(" ")]
    assert keys == sorted(keys) and len(keys) == len(MATCHED)


# --- 3, 4, 5: OpenAlex as it now requires -------------------------------------------------------


def test_openalex_is_looked_up_by_id_when_arxiv_matched_and_never_searched(
    fake: FakeIndex, tmp_path: Path
) -> None:
    """4: arXiv identifies the work, so one free look-up by its arXiv DOI; no search."""
    seeds = one_paper(tmp_path, FEDMEZO)
    run(seeds, options(fake, tmp_path))
    (look_up,) = asked(fake, "openalex")
    assert look_up["path"] == "/openalex/works/doi:10.48550/arXiv.2402.05926" and "search" not in look_up
    assert "locations" in look_up["select"].split(",")
    assert len(asked(fake, "arxiv")) == 1  # the strict query found it: no fallback


def test_the_arxiv_id_is_read_from_every_location(fake: FakeIndex, tmp_path: Path) -> None:
    """5: the journal is the primary location; the arXiv id is only a second location's URL."""
    seeds = one_paper(tmp_path, CVPR)
    run(seeds, options(fake, tmp_path))
    entry = entries(seeds)[ids(seeds)[CVPR]]
    assert entry.arxiv == "1904.04745" and entry.venue.startswith("IEEE/CVF Conference")
    assert entry.doi == "10.1109/cvpr.2019.01005" and entry.source == "openalex"


def test_the_key_is_sent_but_kept_out_of_cache_keys_logs_and_messages(
    fake: FakeIndex, seeds: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """3: the key travels as api_key on every OpenAlex request and nowhere else."""
    caplog.set_level(logging.DEBUG)
    first = run(seeds, options(fake, tmp_path))
    assert fake.asked("openalex") and all(f"api_key={KEY}" in q for q in fake.asked("openalex"))
    assert not any("api_key" in q for q in fake.asked("arxiv"))
    # Another key (or none) reads the same cache: the key is not part of its keys.
    shutil.copy2(FROZEN_SEEDS / "metadata.yaml", seeds / "metadata.yaml")
    again = run(seeds, options(fake, tmp_path, openalex_key="another-key"))
    assert again.requests == 0 and again.matched == first.matched
    cache_bytes = b"".join(p.read_bytes() for p in (tmp_path / "cache").iterdir())
    texts = [caplog.text, first.line(), (tmp_path / "review.md").read_text(), repr(options(fake, tmp_path))]
    assert KEY.encode() not in cache_bytes and not any(KEY in t for t in texts)
    rows = (
        sqlite3.connect(tmp_path / "cache" / "cache.sqlite3").execute("SELECT value FROM entries").fetchall()
    )
    assert rows and not any(KEY in value for (value,) in rows)


def test_a_refused_key_stops_openalex_and_the_message_does_not_show_it(
    fake: FakeIndex, tmp_path: Path
) -> None:
    seeds = one_paper(tmp_path, DFROT, FRIDO)
    summary = run(seeds, options(fake, tmp_path, openalex_key="wrong-secret"))
    assert len(fake.asked("openalex")) == 1  # the 401, then nothing
    assert "OpenAlex refused the API key (HTTP 401)" in summary.line()
    assert "wrong-secret" not in summary.line() + (tmp_path / "review.md").read_text()


def test_a_keyless_run_with_the_budget_spent_still_writes_arxiv_matches(seeds: Path, tmp_path: Path) -> None:
    """3: keyless on a shared address whose allowance is gone: the first OpenAlex answer is a 429
    with a 15-hour Retry-After, and OpenAlex is not asked again; arXiv's matches are written and the
    summary names the cause."""
    spent = FakeIndex(load_records(), key=KEY, keyless_searches=0).start()
    try:
        summary = run(seeds, options(spent, tmp_path, openalex_key=""))
        assert len(spent.asked("openalex")) == 1
    finally:
        spent.stop()
    pid = ids(seeds)
    found = entries(seeds)
    assert {pid[FEDMEZO], pid[ADAM], pid[V2], pid[MAIDS]} <= set(found)
    assert found[pid[FEDMEZO]].source == "arxiv"
    line = summary.line()
    assert "OpenAlex not asked again: OpenAlex's allowance is spent (429, retry after 15.0 h)" in line
    assert "without an API key" in line


def test_searching_stops_when_the_headers_say_the_budget_cannot_pay(seeds: Path, tmp_path: Path) -> None:
    """3: X-RateLimit-Remaining-USD is read: after the third search of a three-search budget there
    is no fourth (and no 429); free look-ups by id still go."""
    small = FakeIndex(load_records(), keyless_searches=3).start()
    try:
        summary = run(seeds, options(small, tmp_path, openalex_key=""))
        searches = [q for q in asked(small, "openalex") if "search" in q]
        look_ups = [q for q in asked(small, "openalex") if "search" not in q]
    finally:
        small.stop()
    assert len(searches) == 3 and look_ups
    assert "OpenAlex not searched again: OpenAlex's budget is spent" in summary.line()


# --- 6, 7, 8: arXiv as it behaves in 2026 --------------------------------------------------------


def test_a_429_without_retry_after_waits_30_seconds(fake: FakeIndex, tmp_path: Path) -> None:
    seeds = one_paper(tmp_path, FEDMEZO)
    fake.arxiv_429 = 2
    clock = Clock()
    summary = run(seeds, options(fake, tmp_path), clock)
    assert clock.waits == [30.0, 60.0] and summary.matched == 1


def test_a_retry_after_is_honoured(fake: FakeIndex, tmp_path: Path) -> None:
    seeds = one_paper(tmp_path, FEDMEZO)
    fake.script("arxiv", Canned(429, "Rate exceeded.", {"Retry-After": "3"}))
    clock = Clock()
    assert run(seeds, options(fake, tmp_path), clock).matched == 1
    assert clock.waits == [3.0]


def test_an_arxiv_429_storm_stops_arxiv_for_the_run(fake: FakeIndex, seeds: Path, tmp_path: Path) -> None:
    """6: after three 429s in a row arXiv is not asked again; OpenAlex still matches; the run ends."""
    fake.arxiv_429 = -1
    clock = Clock()
    summary = run(seeds, options(fake, tmp_path), clock)
    assert len(fake.asked("arxiv")) == 3 and clock.waits == [30.0, 60.0]
    assert "arXiv not asked again: arXiv answered 429 3 times in a row" in summary.line()
    found = entries(seeds)
    pid = ids(seeds)
    assert {pid[DFROT], pid[CVPR], pid[FEDMEZO]} <= set(found)  # OpenAlex's searches
    assert pid[MAIDS] not in found and summary.failed > 0  # only on arXiv: asked again next run


def test_an_empty_page_is_asked_once_more(fake: FakeIndex, tmp_path: Path) -> None:
    """7: arXiv's mistaken empty page is not believed at once: an empty strict answer leads to the
    fallback, and an empty fallback is asked once more."""
    seeds = one_paper(tmp_path, FEDMEZO)
    fake.script("arxiv", *[Canned(200, _empty_feed())] * 2)
    assert run(seeds, options(fake, tmp_path)).matched == 1
    strict, fallback, again = asked(fake, "arxiv")
    assert " AND " in strict["search_query"] and fallback == again


def test_not_found_is_cached_for_30_days_not_for_ever(fake: FakeIndex, tmp_path: Path) -> None:
    """7: "nothing found" expires after 30 days; an answer with records stays."""
    seeds = one_paper(tmp_path, Source("001_a0d296c439b9a23d.txt", 9))
    day = 86_400.0
    first = run(seeds, options(fake, tmp_path), now=lambda: 1.8e9)
    assert first.not_found == 1 and first.requests >= 4
    assert run(seeds, options(fake, tmp_path), now=lambda: 1.8e9 + 29 * day).requests == 0
    later = run(seeds, options(fake, tmp_path), now=lambda: 1.8e9 + 31 * day)
    assert 0 < later.requests <= first.requests and later.not_found == 1


def _empty_feed() -> str:
    return (ROOT / "tests" / "data" / "enrich" / "recorded" / "arxiv-empty.atom").read_text(encoding="utf-8")


def test_journal_ref_is_kept_as_a_reference_not_the_venue(fake: FakeIndex, tmp_path: Path) -> None:
    """8: "Eur.Phys.J. C31 (2003) 17-29" is a reference with volume and pages."""
    seeds = one_paper(tmp_path, MAIDS)
    run(seeds, options(fake, tmp_path))
    entry = entries(seeds)[ids(seeds)[MAIDS]]
    assert entry.venue == "arXiv preprint" and "Eur.Phys.J" not in json.dumps(entry.__dict__)
    assert "journal reference: Eur.Phys.J. C31 (2003) 17-29" in (tmp_path / "review.md").read_text()
    (record,) = arxiv.parse((ROOT / "tests/data/enrich/recorded/arxiv-search.atom").read_text())
    assert record.reference == "Eur.Phys.J. C31 (2003) 17-29" and record.venue == "arXiv preprint"


# --- 10, 12: fair, bounded runs --------------------------------------------------------------------


def test_a_second_run_right_after_the_first_asks_nothing(
    fake: FakeIndex, seeds: Path, tmp_path: Path
) -> None:
    first = run(seeds, options(fake, tmp_path))
    written = (seeds / "metadata.yaml").read_bytes()
    count = len(fake.requests)
    second = run(seeds, options(fake, tmp_path))
    assert len(fake.requests) == count and second.requests == 0
    assert (seeds / "metadata.yaml").read_bytes() == written
    assert second.looked_up == first.looked_up - first.matched == second.from_cache


def test_papers_are_tried_least_recently_tried_first(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """10: OpenAlex always 429 (keyless, spent): the failed papers go to the back of the queue, so
    three runs at --limit 5 try fifteen different papers, not the same five three times."""
    spent = FakeIndex(load_records(), keyless_searches=0).start()
    tried: list[list[str]] = []
    real = command.lookup

    def spy(paper: Any, *args: Any) -> Any:
        tried[-1].append(paper.id)
        return real(paper, *args)

    monkeypatch.setattr(command, "lookup", spy)
    try:
        for week in range(3):
            tried.append([])
            summary = run(
                seeds, options(spent, tmp_path, openalex_key="", limit=5), now=lambda w=week: 1.8e9 + w
            )
            assert summary.left > 0
    finally:
        spent.stop()
    fresh = [[p for p in run_ids[:6]] for run_ids in tried]
    assert len({p for run_ids in fresh for p in run_ids[:5]}) == 15, fresh


def test_an_outage_does_not_use_up_the_limit(seeds: Path, tmp_path: Path) -> None:
    """10: with both services refusing, papers cost no slot of --limit: none is left waiting for
    a slot, and after the first 429s nothing more is sent."""
    down = FakeIndex(load_records(), keyless_searches=0, arxiv_429=-1).start()
    try:
        summary = run(seeds, options(down, tmp_path, openalex_key="", limit=2), Clock())
        assert len(down.asked("arxiv")) == 3 and len(down.asked("openalex")) == 1
    finally:
        down.stop()
    assert summary.left == 0 and summary.failed == summary.looked_up


def test_the_deadline_writes_what_it_has_and_says_so(fake: FakeIndex, seeds: Path, tmp_path: Path) -> None:
    """12: past the deadline the run stops asking, writes its verified entries, and reports."""
    clock = Clock()
    opts = options(fake, tmp_path, arxiv=Service("arxiv", fake.arxiv_url, 10.0), deadline=400.0)
    summary = run(seeds, opts, clock)
    assert summary.deadline == 400.0 and "stopped at the deadline (400 s)" in summary.line()
    assert 0 < summary.looked_up < 46 and summary.left == 46 - summary.looked_up
    assert summary.matched > 0 and len(entries(seeds)) == 1 + summary.matched  # BERT and the matches
    assert clock.t <= 1000.0 + 400.0


def test_an_interrupted_run_resumes_where_it_stopped(
    fake: FakeIndex, seeds: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(seeds, copy)
    full = run(copy, options(fake, tmp_path, cache_dir=tmp_path / "other"))
    opts = options(fake, tmp_path)
    fetch_ = fetcher(opts)
    real_get = fetch_.get

    def get(*args: Any, **kwargs: Any) -> Any:
        if fetch_.requests == 6:
            raise KeyboardInterrupt
        return real_get(*args, **kwargs)

    fetch_.get = get  # type: ignore[method-assign]
    interrupted = command.run(seeds, opts, fetch_)
    assert interrupted.interrupted and interrupted.line().endswith("; interrupted (run again to resume)")
    assert [(r.name, r.levelname) for r in caplog.records if "interrupted" in r.getMessage()] == [
        ("generator.enrich.command", "WARNING")
    ]
    resumed = run(seeds, opts)
    assert resumed.requests == full.requests - 6  # nothing asked twice


# --- failures, shapes, hostile text ---------------------------------------------------------------


def test_backoff_doubles_and_a_persistent_500_fails_without_caching(fake: FakeIndex, tmp_path: Path) -> None:
    seeds = one_paper(tmp_path, FRIDO)
    fake.script("arxiv", *[Canned(500, "oops")] * 3)
    clock = Clock()
    summary = run(seeds, options(fake, tmp_path, backoff=1.0), clock)
    assert clock.waits == [1.0, 2.0] and summary.failed == 1 and summary.not_found == 0
    assert "arxiv: HTTP 500 (after 3 tries)" in (tmp_path / "review.md").read_text(encoding="utf-8")
    openalex_asked = len(fake.asked("openalex"))
    again = run(seeds, options(fake, tmp_path))
    assert again.not_found == 1 and again.requests > 0
    assert len(fake.asked("openalex")) == openalex_asked  # only arXiv again: OpenAlex's were cached


def test_a_timeout_fails_the_call(fake: FakeIndex, tmp_path: Path) -> None:
    seeds = one_paper(tmp_path, FRIDO)
    fake.script("openalex", Canned(200, "{}", delay=1.5))
    summary = run(seeds, options(fake, tmp_path, timeout=0.3, retries=0))
    assert summary.failed == 1
    assert "openalex: timed out" in (tmp_path / "review.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("service", "body", "reason"),
    [
        ("arxiv", "Rate exceeded.", "arxiv: not an Atom feed"),
        (
            "arxiv",
            '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/api/errors#incorrect_id_format'
            "</id><title>Error</title><summary>incorrect id format</summary></entry></feed>",
            "arxiv: the API reports an error: incorrect id format",
        ),
        ("openalex", "<html>busy</html>", "openalex: not JSON"),
        ("openalex", '{"results": "none"}', "openalex: no results list"),
        (
            "openalex",
            '{"results": [{"title": "x", "abstract_inverted_index": [1]}]}',
            "openalex: abstract_inv",
        ),
        ("openalex", "x" * 5000, "openalex: answer of 5000 bytes; at most 4000"),
        ("arxiv", "<feed>" + "x" * 70_000, "arxiv: answer over 4000 bytes"),
    ],
)
def test_malformed_or_oversized_answers_fail_cleanly(
    fake: FakeIndex, tmp_path: Path, service: str, body: str, reason: str
) -> None:
    seeds = one_paper(tmp_path, FRIDO)
    fake.script(service, Canned(200, body, length=len(body) < 10_000))
    summary = run(seeds, options(fake, tmp_path, max_bytes=4000, retries=0))
    assert summary.failed == 1 and not (seeds / "metadata.yaml").exists()
    assert reason in (tmp_path / "review.md").read_text(encoding="utf-8")


def test_hostile_fields_pass_only_as_the_metadata_rules_allow(fake: FakeIndex, tmp_path: Path) -> None:
    seeds = one_paper(tmp_path, ADAM)
    run(seeds, options(fake, tmp_path))
    entry = entries(seeds)[ids(seeds)[ADAM]]
    record = next(r for r in load_records() if r.get("arxiv") == "2402.19449")
    assert entry.title == record["title"] and entry.authors == tuple(record["authors"])
    assert '\n  title: "<script>' in (seeds / "metadata.yaml").read_text(encoding="utf-8")


def test_two_papers_matching_one_title_go_to_review(fake: FakeIndex, tmp_path: Path) -> None:
    seeds = one_paper(tmp_path, FEDMEZO, DFROT)
    fake.records = [{**r, "title": "One Title For Both"} for r in fake.records]
    summary = run(seeds, options(fake, tmp_path))
    assert summary.matched == 1 and summary.review == 1
    assert "another paper's title" in (tmp_path / "review.md").read_text(encoding="utf-8")


def test_requests_name_the_project_and_the_contact(fake: FakeIndex, tmp_path: Path) -> None:
    seeds = one_paper(tmp_path, FRIDO)
    run(seeds, options(fake, tmp_path))
    for _service, _query, headers in fake.requests:
        assert headers["User-Agent"].startswith("paper-catalogue-enrich/")
        assert "mailto:catalogue-bot@example.org" in headers["User-Agent"]
    assert not any("mailto=" in q for q in fake.asked("openalex"))  # the polite pool is gone


def test_requests_to_one_service_keep_their_interval() -> None:
    clock = Clock()
    fetch_ = Fetcher(Options(contact="x@example.org", cache_dir=None), sleep=clock.sleep, clock=clock)
    arxiv_service = Service("arxiv", "", 3.0)
    fetch_._wait_turn(arxiv_service)
    clock.t += 1.0
    fetch_._wait_turn(arxiv_service)
    fetch_._wait_turn(Service("openalex", "", 0.2))
    assert clock.waits == [2.0]


def test_retry_after_as_an_http_date() -> None:
    assert fetch._retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1445412470.0) == 10.0
    assert fetch._retry_after("soon", 0.0) is None


def test_inverted_index_reads_back_the_abstract() -> None:
    assert openalex.abstract_from_inverted_index({"b": [1], "a": [0, 2], "c.": [3]}) == "a b a c."
    with pytest.raises(services.Malformed):
        openalex.abstract_from_inverted_index({"a": [10**9]})


@pytest.mark.parametrize(
    ("value", "message"),
    [("source: crossref", "source must be one of arxiv, openalex"), ("score: 1.5", "score must be a number")],
)
def test_source_and_score_are_checked(value: str, message: str) -> None:
    _found, problems = metadata.parse(MetadataSource("m", f"aaaaaaaaaa:\n  {value}\n"), {"aaaaaaaaaa"})
    assert len(problems) == 1 and message in problems[0].message


def test_a_rejected_match_is_not_proposed_again(fake: FakeIndex, tmp_path: Path) -> None:
    seeds = one_paper(tmp_path, FEDMEZO)
    pid = ids(seeds)[FEDMEZO]
    (seeds / "metadata.yaml").write_text(f"# checked by hand\n{pid}:\n  source: rejected\n", encoding="utf-8")
    summary = run(seeds, options(fake, tmp_path))
    assert summary.looked_up == 0 and summary.requests == 0
    catalogue = catalogue_from(ingest.read_seeds(seeds), ingest.read_metadata(seeds))
    page = next(p for p in Renderer().pages(catalogue) if p.path == f"papers/{pid}.md").text()
    assert "Title generated from the abstract" in page


def test_entries_are_keyed_by_the_ids_the_build_gives(seeds: Path) -> None:
    papers, _source = decide.papers(seeds)
    built = catalogue_from(
        ingest.read_seeds(seeds),
        ingest.read_metadata(seeds),
        history.read_history(seeds),
        ingest.read_id_lock(seeds),
    )
    assert [(p.id, p.sources) for p in papers] == [(p.id, p.sources) for p in built.papers]


def test_only_the_fetch_module_talks_to_the_network() -> None:
    network = re.compile(
        r"^\s*(?:import|from)\s+(?:urllib\.request|http\.client|socket|requests|httpx)\b", re.M
    )
    talking = sorted(
        path.relative_to(ROOT / "generator").as_posix()
        for path in (ROOT / "generator").rglob("*.py")
        if network.search(path.read_text(encoding="utf-8"))
    )
    assert talking == ["enrich/fetch.py"]


def test_modules_stay_small() -> None:
    for path in (ROOT / "generator" / "enrich").glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 500, path.name


# --- the command line -----------------------------------------------------------------------------


def cli(
    seeds: Path, tmp_path: Path, fake: FakeIndex, *extra: str, **env_extra: str
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ENRICH_", "OPENALEX_"))}
    env |= {
        "ENRICH_CONTACT": "bot@example.org",
        "ENRICH_ARXIV_URL": fake.arxiv_url,
        "ENRICH_OPENALEX_URL": fake.openalex_url,
        "ENRICH_ARXIV_INTERVAL": "0",
        **env_extra,
    }
    command_line = [
        sys.executable,
        "-m",
        "generator",
        "enrich",
        "--seeds",
        str(seeds),
        "--cache",
        str(tmp_path / "c"),
    ]
    return subprocess.run([*command_line, *extra], cwd=ROOT, env=env, capture_output=True, text=True)


def test_the_command_line_reads_the_key_from_the_environment(fake: FakeIndex, tmp_path: Path) -> None:
    seeds = one_paper(tmp_path, DFROT)
    done = cli(seeds, tmp_path, fake, OPENALEX_API_KEY=KEY)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("enrich: 1 papers looked up (0 answered from the cache): 1 matched")
    assert all(f"api_key={KEY}" in q for q in fake.asked("openalex")) and KEY not in done.stdout + done.stderr


def test_the_command_line_exits_0_at_the_deadline(fake: FakeIndex, tmp_path: Path) -> None:
    """12: under a 429 storm the command ends by its deadline with a summary and exit 0, so the
    workflow's pull request step still runs."""
    seeds = one_paper(tmp_path, FEDMEZO, FRIDO)
    fake.arxiv_429 = -1
    started = time.monotonic()
    done = cli(seeds, tmp_path, fake, "--deadline", "2", "--rate-limit-wait", "5")
    assert done.returncode == 0, done.stderr
    assert "stopped at the deadline (2 s)" in done.stdout and time.monotonic() - started < 20


def test_the_command_line_needs_a_contact(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ENRICH_")}
    refused = subprocess.run(
        [sys.executable, "-m", "generator", "enrich", "--seeds", str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 2 and "contact address" in refused.stderr


def test_make_enrich_is_separate_from_make_site() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\nenrich: $(STAMP)\n" in makefile
    site_rule = makefile.split("\nsite:", 1)[1].split("\n\n", 1)[0]
    generate_rule = makefile.split("\ngenerate:", 1)[1].split("\n\n", 1)[0]
    assert "enrich" not in site_rule + generate_rule


def test_the_fake_runs_as_a_program_for_rehearsals(tmp_path: Path) -> None:
    port_file = tmp_path / "port"
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.fake_index", "--port-file", str(port_file)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            if port_file.exists() and port_file.read_text().strip():
                break
            time.sleep(0.1)
        port = int(port_file.read_text())
        query_string = urllib.parse.urlencode(
            {"search_query": "abs:confluence AND abs:federated AND abs:ushering"}
        )
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/arxiv/api/query?{query_string}", timeout=10
        ) as answer:
            (record,) = arxiv.parse(answer.read().decode("utf-8"))
        assert record.arxiv == "2402.05926" and record.title.startswith("On the Convergence")
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_shallow_checkout_gives_other_ids_than_the_full_history(tmp_path: Path) -> None:
    """9: ids of a line edited in place come from the seeds' history: enrich keys its entries by the
    build's ids only with the full history, which is why enrich.yml checks out with fetch-depth 0."""
    line = seed_lines()[0]
    repo = new_repo(tmp_path / "origin")
    commit(repo, {"seeds/a.txt": f"{line}\n{seed_lines()[1]}\n".encode()}, DAY1)
    edited = line.replace("is ushering in", "ushers in")
    commit(repo, {"seeds/a.txt": f"{edited}\n{seed_lines()[1]}\n".encode()}, DAY2)
    full, shallow = tmp_path / "full", tmp_path / "shallow"
    git(tmp_path, "clone", "-q", repo.as_uri(), str(full))
    git(tmp_path, "clone", "-q", "--depth", "1", repo.as_uri(), str(shallow))

    def enrich_ids(checkout: Path) -> list[str]:
        return sorted(p.id for p in decide.papers(checkout / "seeds")[0])

    def build_ids(checkout: Path) -> list[str]:
        seeds = checkout / "seeds"
        built = catalogue_from(ingest.read_seeds(seeds), None, history.read_history(seeds))
        return sorted(p.id for p in built.papers)

    assert enrich_ids(full) == build_ids(full)  # what the Pages build (full history) gives
    assert enrich_ids(shallow) != build_ids(full)  # a depth-1 checkout: "no paper has this id"


@pytest.mark.parametrize(
    ("location", "found"),
    [
        ({"landing_page_url": "https://arxiv.org/abs/2101.12345v2", "source": None}, "2101.12345"),
        ({"landing_page_url": None, "pdf_url": "https://arxiv.org/pdf/1706.03762.pdf"}, "1706.03762"),
        (
            {"landing_page_url": "http://arxiv.org/abs/hep-th/9901001v1", "source": {"type": "repository"}},
            "hep-th/9901001",
        ),
        ({"landing_page_url": "https://example.org/arxiv.org/abs/2101.12345"}, ""),
    ],
)
def test_the_arxiv_id_of_a_location_in_the_shapes_openalex_sends(
    location: dict[str, Any], found: str
) -> None:
    """5: as OpenAlex records arXiv locations (source null for some, https or http, a version, a pdf)."""
    work = {
        "id": "https://openalex.org/W1",
        "title": "T",
        "primary_location": {
            "landing_page_url": "https://doi.org/10.1/x",
            "source": {"type": "journal", "display_name": "J"},
        },
        "locations": [{"landing_page_url": "https://doi.org/10.1/x"}, location],
        "abstract_inverted_index": {"a": [0]},
    }
    (record,) = openalex.parse_work(json.dumps(work))
    assert record.arxiv == found and record.venue == "J"
