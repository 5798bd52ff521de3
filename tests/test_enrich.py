"""The enrich command against a local fake of arXiv and OpenAlex (tests/fake_index.py, 127.0.0.1).

Input is the frozen seed catalogue (tests/data/seeds), copied; the fixture records are in
tests/data/enrich/index.json.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from generator.enrich import command, services
from generator.enrich.command import Fetcher, Options, Service
from generator.inputs import history, ingest, metadata
from generator.models import MetadataSource, Source
from generator.pipeline import catalogue_from
from generator.site.render import Renderer

from .conftest import FROZEN_SEEDS, ROOT
from .fake_index import Canned, FakeIndex, load_records

FEDMEZO = Source("000_bf1a9b33c4f7f19a.txt", 1)  # exact on arXiv, with DOI and venue on OpenAlex
DFROT = Source("004_b78648b2e4aaaa08.txt", 1)  # the published version, reworded, on OpenAlex
FRIDO = Source("003_75e5f5b3bb00e321.txt", 5)  # only a decoy on the same subject is found
SMOOTH_DP = Source("002_3c216495a4b4224f.txt", 10)  # half the abstract matches: review
ADAM = Source("002_3c216495a4b4224f.txt", 1)  # its title carries HTML, Markdown and Jinja2
BERT = Source("000_bf1a9b33c4f7f19a.txt", 10)  # hand-written entry in metadata.yaml


@pytest.fixture
def fake() -> Iterator[FakeIndex]:
    server = FakeIndex(load_records()).start()
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
        limit=1000,
        timeout=5.0,
        retries=2,
        backoff=0.01,
        cache_dir=tmp_path / "cache",
        review_file=tmp_path / "review.md",
        quiet=True,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def ids(seeds: Path) -> dict[Source, str]:
    papers, _source = command._papers(seeds)
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


def test_verified_matches_are_written_and_the_rest_is_not(
    fake: FakeIndex, seeds: Path, tmp_path: Path
) -> None:
    before = (seeds / "metadata.yaml").read_bytes()
    summary = command.run(seeds, options(fake, tmp_path))
    pid = ids(seeds)
    found = entries(seeds)
    # Exact match on arXiv, completed by OpenAlex's record of the same paper (DOI, venue).
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
    # The published version with three sentences reworded: still the paper.
    dfrot = found[pid[DFROT]]
    assert dfrot.title.startswith("DFRot: ") and dfrot.source == "openalex"
    assert services.ACCEPT <= dfrot.score < 0.9
    assert dfrot.doi == "10.48550/arxiv.2412.00648" and dfrot.url == "https://openreview.net/forum?id=dfrot"
    # The decoy on the same subject is never accepted, nor is the half-matching record.
    assert pid[FRIDO] not in found and pid[SMOOTH_DP] not in found
    # The hand-written entry and the whole file before are kept byte for byte.
    after = (seeds / "metadata.yaml").read_bytes()
    assert after.startswith(before) and found[pid[BERT]].source == ""
    assert set(found) == {pid[BERT], pid[FEDMEZO], pid[DFROT], pid[ADAM]}
    papers = len(set(pid.values()))
    assert (summary.matched, summary.review, summary.failed) == (3, 1, 0)
    assert summary.not_found == papers - 1 - 4  # every paper but BERT (curated) and the four above
    assert summary.looked_up == papers - 1 and summary.requests == 2 * (papers - 1)
    review = (tmp_path / "review.md").read_text(encoding="utf-8")
    assert pid[SMOOTH_DP] in review and "0.465" in review and "arxiv 1802.03676" in review
    assert pid[FRIDO] not in review


def test_the_written_file_is_deterministic(fake: FakeIndex, seeds: Path, tmp_path: Path) -> None:
    command.run(seeds, options(fake, tmp_path, cache_dir=None))
    first = (seeds / "metadata.yaml").read_bytes()
    shutil.copy2(FROZEN_SEEDS / "metadata.yaml", seeds / "metadata.yaml")
    command.run(seeds, options(fake, tmp_path, cache_dir=None))
    assert (seeds / "metadata.yaml").read_bytes() == first
    # New entries come after the hand-written ones, sorted by id, each in the strict schema.
    added = first[len((FROZEN_SEEDS / "metadata.yaml").read_bytes()) :].decode()
    keys = [line[:10] for line in added.splitlines() if line and not line.startswith(" ")]
    assert keys == sorted(keys) and len(keys) == 3
    assert '  source: "arxiv+openalex"\n  score: 1.000\n' in added


def test_the_site_shows_the_real_titles_as_curated(fake: FakeIndex, seeds: Path, tmp_path: Path) -> None:
    command.run(seeds, options(fake, tmp_path))
    source = ingest.read_metadata(seeds)
    catalogue = catalogue_from(ingest.read_seeds(seeds), source, id_lock=ingest.read_id_lock(seeds))
    pid = ids(seeds)
    by_id = {p.id: p for p in catalogue.papers}
    fedmezo = by_id[pid[FEDMEZO]]
    assert fedmezo.title == "On the Convergence of Zeroth-Order Federated Tuning for Large Language Models"
    assert not fedmezo.title_generated
    assert by_id[pid[FRIDO]].title_generated  # not found: the generated title stays
    # The hostile title is shown without the characters that have markup meaning.
    adam = by_id[pid[ADAM]]
    assert not adam.title_generated and "Heavy-Tailed Class Imbalance" in adam.title
    assert not set('<>{}[]*!&#`"') & set(adam.title), adam.title
    pages = {page.path: page for page in Renderer().pages(catalogue)}
    page = pages[f"papers/{fedmezo.id}.md"].text()
    assert "Title generated from the abstract" not in page
    assert (
        "Title and details from arXiv and OpenAlex, whose abstract matches this one (score 1&#46;00)" in page
    )
    assert "Title generated from the abstract" in pages[f"papers/{pid[FRIDO]}.md"].text()
    listed = json.loads(pages["catalogue.json"].text())
    entry = next(p for p in listed["papers"] if p["id"] == fedmezo.id)
    assert entry["title_generated"] is False
    assert (entry["metadata"]["source"], entry["metadata"]["score"]) == ("arxiv+openalex", 1.0)


def test_a_second_run_asks_nothing(fake: FakeIndex, seeds: Path, tmp_path: Path) -> None:
    first = command.run(seeds, options(fake, tmp_path))
    written = (seeds / "metadata.yaml").read_bytes()
    asked = len(fake.requests)
    second = command.run(seeds, options(fake, tmp_path))
    assert len(fake.requests) == asked and second.requests == 0
    assert (seeds / "metadata.yaml").read_bytes() == written
    # What was written is not looked up again; the rest is answered from the cache.
    assert second.looked_up == first.looked_up - first.matched == second.from_cache
    assert (second.matched, second.review) == (0, 1)


def test_at_most_limit_papers_a_run_and_later_runs_continue(
    fake: FakeIndex, seeds: Path, tmp_path: Path
) -> None:
    first = command.run(seeds, options(fake, tmp_path, limit=5))
    assert first.looked_up == 5 and first.requests == 10 and first.left > 0
    assert f"{first.left} left for the next run (--limit 5)" in first.line()
    total = first.looked_up + first.left
    second = command.run(seeds, options(fake, tmp_path, limit=5))
    # The five answered from the cache cost nothing; five more are asked.
    assert second.requests == 10 and second.left == first.left - 5
    assert second.looked_up == 10 - first.matched and second.from_cache == 5 - first.matched
    assert total > 10


def test_an_interrupted_run_resumes_where_it_stopped(
    fake: FakeIndex, seeds: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    opts = options(fake, tmp_path)
    fetcher = Fetcher(opts)
    real_get = fetcher.get

    def get(service: Service, url: str, parse: Any) -> Any:
        if fetcher.requests == 6:
            raise KeyboardInterrupt
        return real_get(service, url, parse)

    fetcher.get = get  # type: ignore[method-assign]
    interrupted = command.run(seeds, opts, fetcher)
    assert interrupted.requests == 6 and interrupted.looked_up == 3 and interrupted.interrupted
    assert interrupted.line().endswith("; interrupted (run again to resume)")
    assert [(r.name, r.levelname) for r in caplog.records if "interrupted" in r.getMessage()] == [
        ("generator.enrich.command", "WARNING")
    ]
    resumed = command.run(seeds, opts)
    full = len(set(ids(seeds).values())) - 1
    assert resumed.requests == 2 * full - 6  # nothing asked twice
    assert resumed.looked_up == full - interrupted.matched


def test_a_429_is_retried_after_the_time_it_asks(fake: FakeIndex, tmp_path: Path) -> None:
    seeds = one_paper(tmp_path, FEDMEZO)
    fake.script("arxiv", Canned(429, "Rate exceeded.", {"Retry-After": "3"}))
    waits: list[float] = []
    opts = options(fake, tmp_path)
    summary = command.run(seeds, opts, Fetcher(opts, sleep=waits.append))
    assert waits == [3.0]  # Retry-After, longer than the backoff
    assert summary.matched == 1 and summary.requests == 3
    assert entries(seeds)[ids(seeds)[FEDMEZO]].source == "arxiv+openalex"


def test_backoff_doubles_and_a_persistent_500_fails_without_caching(fake: FakeIndex, tmp_path: Path) -> None:
    seeds = one_paper(tmp_path, FRIDO)
    fake.script("arxiv", *[Canned(500, "oops")] * 3)
    waits: list[float] = []
    opts = options(fake, tmp_path, backoff=1.0)
    summary = command.run(seeds, opts, Fetcher(opts, sleep=waits.append))
    assert waits == [1.0, 2.0] and summary.failed == 1 and summary.not_found == 0
    assert "arxiv: HTTP 500 (after 3 tries)" in (tmp_path / "review.md").read_text(encoding="utf-8")
    # A failure is not an answer: the next run asks arXiv again (OpenAlex's answer was cached).
    again = command.run(seeds, opts)
    assert again.requests == 1 and again.not_found == 1


def test_one_index_failing_does_not_stop_the_other_s_match(fake: FakeIndex, tmp_path: Path) -> None:
    seeds = one_paper(tmp_path, FEDMEZO)
    fake.script("arxiv", *[Canned(503, "down")] * 3)
    summary = command.run(seeds, options(fake, tmp_path))
    assert summary.matched == 1
    assert entries(seeds)[ids(seeds)[FEDMEZO]].source == "openalex"


def test_a_timeout_fails_the_call(fake: FakeIndex, tmp_path: Path) -> None:
    seeds = one_paper(tmp_path, FRIDO)
    fake.script("openalex", Canned(200, "{}", delay=1.5))
    summary = command.run(seeds, options(fake, tmp_path, timeout=0.3, retries=0))
    assert summary.failed == 1
    assert "openalex: timed out" in (tmp_path / "review.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("service", "body", "reason"),
    [
        ("arxiv", "Rate exceeded.", "arxiv: not an Atom feed"),
        ("arxiv", '<?xml version="1.0"?><rss><channel/></rss>', "arxiv: not an Atom feed"),
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
    fake.script(service, Canned(200, body, length=len(body) < 10_000))  # no Content-Length: read and cut
    summary = command.run(seeds, options(fake, tmp_path, max_bytes=4000, retries=0))
    assert summary.failed == 1 and not (seeds / "metadata.yaml").exists()
    assert reason in (tmp_path / "review.md").read_text(encoding="utf-8")
    # Not an answer: not cached, so the next run asks that index again (and only that one).
    assert command.run(seeds, options(fake, tmp_path)).requests == 1


def test_a_match_is_written_when_the_other_index_answers_garbage(fake: FakeIndex, tmp_path: Path) -> None:
    seeds = one_paper(tmp_path, FEDMEZO)
    fake.script("openalex", Canned(200, "<html>"))
    summary = command.run(seeds, options(fake, tmp_path))
    assert summary.matched == 1
    entry = next(iter(entries(seeds).values()))
    assert entry.source == "arxiv" and entry.doi == ""  # nothing from the broken answer


def test_no_result_is_not_found(fake: FakeIndex, tmp_path: Path) -> None:
    seeds = one_paper(tmp_path, Source("001_a0d296c439b9a23d.txt", 9))
    summary = command.run(seeds, options(fake, tmp_path))
    assert (summary.not_found, summary.matched, summary.failed) == (1, 0, 0)
    assert not (seeds / "metadata.yaml").exists()


def test_hostile_fields_pass_only_as_the_metadata_rules_allow(fake: FakeIndex, tmp_path: Path) -> None:
    seeds = one_paper(tmp_path, ADAM)
    command.run(seeds, options(fake, tmp_path))
    entry = entries(seeds)[ids(seeds)[ADAM]]
    record = next(r for r in load_records() if r.get("arxiv") == "2402.19449")
    assert entry.title == record["title"]  # kept as data; escaped where shown
    assert entry.authors == tuple(record["authors"])
    text = (seeds / "metadata.yaml").read_text(encoding="utf-8")
    assert '\n  title: "<script>' in text  # one double-quoted line: no YAML structure from the index


def test_a_title_that_breaks_the_rules_is_listed_not_written(fake: FakeIndex, tmp_path: Path) -> None:
    seeds = one_paper(tmp_path, ADAM)
    fake.records = [
        {**r, "title": "<<<>>> {{}} " + "x" * 400} if r.get("arxiv") == "2402.19449" else r
        for r in fake.records
    ]
    summary = command.run(seeds, options(fake, tmp_path))
    assert summary.review == 1 and not (seeds / "metadata.yaml").exists()
    assert "breaks the metadata rules" in (tmp_path / "review.md").read_text(encoding="utf-8")


def test_two_papers_matching_one_title_go_to_review(fake: FakeIndex, tmp_path: Path) -> None:
    seeds = one_paper(tmp_path, FEDMEZO, DFROT)
    fake.records = [{**r, "title": "One Title For Both"} for r in fake.records]
    summary = command.run(seeds, options(fake, tmp_path))
    assert summary.matched == 1 and summary.review == 1
    assert "another paper's title" in (tmp_path / "review.md").read_text(encoding="utf-8")
    assert len(entries(seeds)) == 1


def test_requests_name_the_project_and_the_contact(fake: FakeIndex, tmp_path: Path) -> None:
    seeds = one_paper(tmp_path, FRIDO)
    command.run(seeds, options(fake, tmp_path))
    by_service = {service: (query, headers) for service, query, headers in fake.requests}
    for _query, headers in by_service.values():
        assert headers["User-Agent"].startswith("paper-catalogue-enrich/")
        assert "mailto:catalogue-bot@example.org" in headers["User-Agent"]
    assert "mailto=catalogue-bot%40example.org" in by_service["openalex"][0]
    assert "search_query=abs%3A" in by_service["arxiv"][0] and "max_results=5" in by_service["arxiv"][0]


def test_requests_to_one_service_keep_their_interval() -> None:
    now = [100.0]
    waits: list[float] = []
    fetcher = Fetcher(
        Options(contact="x@example.org", cache_dir=None), sleep=waits.append, clock=lambda: now[0]
    )
    arxiv = Service("arxiv", "", 3.0)
    fetcher._wait_turn(arxiv)
    now[0] += 1.0
    fetcher._wait_turn(arxiv)
    fetcher._wait_turn(Service("openalex", "", 0.2))  # another service has its own turn
    assert waits == [2.0]


def test_retry_after_as_an_http_date() -> None:
    assert command._retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1445412470.0) == 10.0
    assert command._retry_after("soon", 0.0) is None
    assert command._retry_after("7", 0.0) == 7.0


def test_a_retry_after_beyond_the_limit_gives_up(fake: FakeIndex, tmp_path: Path) -> None:
    seeds = one_paper(tmp_path, FRIDO)
    fake.script("arxiv", Canned(429, "", {"Retry-After": "3600"}))
    waits: list[float] = []
    opts = options(fake, tmp_path)
    summary = command.run(seeds, opts, Fetcher(opts, sleep=waits.append))
    assert summary.failed == 1 and waits == []


def test_inverted_index_reads_back_the_abstract() -> None:
    assert services.abstract_from_inverted_index({"b": [1], "a": [0, 2], "c.": [3]}) == "a b a c."
    assert services.abstract_from_inverted_index(None) == ""
    with pytest.raises(services.Malformed):
        services.abstract_from_inverted_index({"a": [10**9]})


def test_format_entry_reads_back_as_the_same_metadata() -> None:
    entry = metadata.Metadata(
        title='A "quoted" title: with # and {{ x }}',
        authors=("Jane Doe", "O'Neil, J."),
        year=2020,
        venue="arXiv preprint",
        doi="10.1234/abc",
        arxiv="2101.00001",
        url="https://arxiv.org/abs/2101.00001",
        source="arxiv",
        score=0.75,
    )
    text = metadata.format_entry("aaaaaaaaaa", entry)
    assert metadata.parse(MetadataSource("m", text), {"aaaaaaaaaa"}) == ({"aaaaaaaaaa": entry}, [])


@pytest.mark.parametrize(
    ("value", "message"),
    [("source: crossref", "source must be one of arxiv, openalex"), ("score: 1.5", "score must be a number")],
)
def test_source_and_score_are_checked(value: str, message: str) -> None:
    _found, problems = metadata.parse(MetadataSource("m", f"aaaaaaaaaa:\n  {value}\n"), {"aaaaaaaaaa"})
    assert len(problems) == 1 and message in problems[0].message


def test_the_command_line_needs_a_contact_and_reads_urls_from_the_environment(
    fake: FakeIndex, tmp_path: Path
) -> None:
    seeds = one_paper(tmp_path, FEDMEZO)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ENRICH_")}
    command = [
        sys.executable,
        "-m",
        "generator",
        "enrich",
        "--seeds",
        str(seeds),
        "--cache",
        str(tmp_path / "c"),
    ]
    refused = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert refused.returncode == 2 and "contact address" in refused.stderr
    env |= {
        "ENRICH_CONTACT": "bot@example.org",
        "ENRICH_ARXIV_URL": fake.arxiv_url,
        "ENRICH_OPENALEX_URL": fake.openalex_url,
        "ENRICH_ARXIV_INTERVAL": "0",
    }
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        "enrich: 1 papers looked up (0 answered from the cache): 1 matched, 0 listed for review, "
        "0 not found, 0 failed; 2 requests"
    )
    assert "[1/1] " in done.stderr and " matched (arxiv 2402.05926v1, 1.000)" in done.stderr


def test_make_enrich_is_separate_from_make_site() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\nenrich: $(STAMP)\n\t$(PY) -m generator enrich" in makefile
    site_rule = makefile.split("\nsite:", 1)[1].split("\n\n", 1)[0]
    generate_rule = makefile.split("\ngenerate:", 1)[1].split("\n\n", 1)[0]
    assert "enrich" not in site_rule + generate_rule


def test_a_rejected_match_is_not_proposed_again(fake: FakeIndex, tmp_path: Path) -> None:
    seeds = one_paper(tmp_path, FEDMEZO)
    pid = ids(seeds)[FEDMEZO]
    (seeds / "metadata.yaml").write_text(f"# checked by hand\n{pid}:\n  source: rejected\n", encoding="utf-8")
    summary = command.run(seeds, options(fake, tmp_path))
    assert summary.looked_up == 0 and summary.requests == 0
    catalogue = catalogue_from(ingest.read_seeds(seeds), ingest.read_metadata(seeds))
    (paper,) = catalogue.papers
    assert paper.title_generated and paper.metadata.source == "rejected"
    page = next(p for p in Renderer().pages(catalogue) if p.path == f"papers/{pid}.md").text()
    assert "Title generated from the abstract" in page and "Title and details from" not in page


def test_entries_are_keyed_by_the_ids_the_build_gives(seeds: Path) -> None:
    papers, _source = command._papers(seeds)
    # As pipeline.build() calls it.
    built = catalogue_from(
        ingest.read_seeds(seeds),
        ingest.read_metadata(seeds),
        history.read_history(seeds),
        ingest.read_id_lock(seeds),
    )
    assert [(p.id, p.sources) for p in papers] == [(p.id, p.sources) for p in built.papers]


def test_only_the_enrich_module_talks_to_the_network() -> None:
    network = re.compile(
        r"^\s*(?:import|from)\s+(?:urllib\.request|http\.client|socket|requests|httpx)\b", re.M
    )
    talking = sorted(
        path.relative_to(ROOT / "generator").as_posix()
        for path in (ROOT / "generator").rglob("*.py")
        if network.search(path.read_text(encoding="utf-8"))
    )
    assert talking == ["enrich/command.py"]


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
        query = urllib.parse.urlencode({"search_query": "abs:confluence AND abs:federated AND abs:ushering"})
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/arxiv/api/query?{query}", timeout=10) as answer:
            (record,) = services.parse_arxiv(answer.read().decode("utf-8"))
        assert record.arxiv == "2402.05926" and record.title.startswith("On the Convergence")
    finally:
        server.terminate()
        server.wait(timeout=10)
