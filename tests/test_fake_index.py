"""The strict fake (tests/fake_index.py) against the documented answers in tests/data/enrich/recorded/:
the same elements, keys and headers, field by field, and the strictness the real services have."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from .conftest import ROOT
from .fake_index import FakeIndex, load_records, parse_query, tokens

RECORDED = ROOT / "tests" / "data" / "enrich" / "recorded"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def fake() -> Iterator[FakeIndex]:
    server = FakeIndex(load_records(), key="good-key", keyless_searches=3).start()
    yield server
    server.stop()


def get(url: str) -> tuple[int, dict[str, str], str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, dict(answer.headers.items()), answer.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers.items()), exc.read().decode("utf-8")


def shape(element: ET.Element) -> set[str]:
    """The element paths and attribute names of an Atom feed's first entry and envelope."""
    paths = {child.tag for child in element}
    entry = element.find(f"{ATOM}entry")
    if entry is not None:
        paths |= {f"entry/{c.tag}" for c in entry}
        paths |= {f"entry/{c.tag}@{a}" for c in entry for a in c.attrib}
    return paths


def test_tokens_split_like_lucenes_standard_tokenizer() -> None:
    assert tokens("privacy-preserving fine-tuning") == ["privacy", "preserving", "fine", "tuning"]
    assert tokens("GPT-3.5, e.g. U.S. don't x/y a_b") == [
        "gpt",
        "3.5",
        "e.g",
        "u.s",
        "don't",
        "x",
        "y",
        "a",
        "b",
    ]
    assert tokens("1,000 (LLMs)") == ["1,000", "llms"]


def test_queries_and_their_words_and_ors() -> None:
    have = set(tokens("privacy-preserving natural language processing"))
    assert parse_query("abs:privacy AND abs:preserving", prefixed=True).match(have)
    assert not parse_query("abs:privacypreserving AND abs:natural", prefixed=True).match(have)
    assert parse_query("abs:privacypreserving OR abs:natural", prefixed=True).match(have)
    assert parse_query("privacy preserving the", prefixed=False, stop=frozenset({"the"})).match(have)
    assert not parse_query("privacy preserving vision", prefixed=False).match(have)
    assert parse_query("(vision OR natural) AND privacy", prefixed=False).match(have)


def test_arxiv_answers_have_the_documented_shape(fake: FakeIndex) -> None:
    recorded = ET.fromstring((RECORDED / "arxiv-search.atom").read_text(encoding="utf-8"))
    query = urlencode({"search_query": "abs:confluence AND abs:ushering", "max_results": 5})
    status, headers, body = get(f"{fake.arxiv_url}?{query}")
    assert status == 200 and headers["Content-Type"].startswith("application/atom+xml")
    ours = ET.fromstring(body)
    missing = shape(recorded) - shape(ours)
    # The recorded entry has a comment and a DOI link the fixture record does not: nothing else.
    assert missing <= {
        "entry/{http://arxiv.org/schemas/atom}comment",
        "entry/{http://arxiv.org/schemas/atom}doi",
        "entry/{http://www.w3.org/2005/Atom}link@title",
    } | {f"entry/{{http://arxiv.org/schemas/atom}}{t}" for t in ("journal_ref",)}, missing
    assert shape(ours) - shape(recorded) <= set()
    empty = ET.fromstring((RECORDED / "arxiv-empty.atom").read_text(encoding="utf-8"))
    assert shape(empty) <= shape(ours)


def test_openalex_answers_have_the_documented_shape(fake: FakeIndex) -> None:
    recorded_list = json.loads((RECORDED / "openalex-search.json").read_text(encoding="utf-8"))
    recorded_work = json.loads((RECORDED / "openalex-work.json").read_text(encoding="utf-8"))
    recorded_headers = json.loads((RECORDED / "openalex-search.headers.json").read_text())["headers"]
    status, headers, body = get(
        f"{fake.openalex_url}?{urlencode({'search': 'confluence ushering', 'api_key': 'good-key'})}"
    )
    assert status == 200
    ours = json.loads(body)
    assert set(ours) == set(recorded_list) and set(ours["meta"]) == set(recorded_list["meta"])
    work = ours["results"][0]

    def keys(value: Any, prefix: str = "") -> set[str]:
        if isinstance(value, dict):
            return {f"{prefix}{k}" for k in value} | {
                x for k, v in value.items() for x in keys(v, f"{prefix}{k}.")
            }
        if isinstance(value, list) and value and isinstance(value[0], dict):
            return keys(value[0], f"{prefix}[].")
        return set()

    # Every field the fake sends is one OpenAlex documents, in the same place.
    documented = keys(recorded_list["results"][0]) - {"abstract_inverted_index.Despite"}
    sent = {k for k in keys(work) if not k.startswith("abstract_inverted_index.")}
    assert sent <= documented | {"abstract_inverted_index"}, sent - documented
    assert {"ids.openalex", "locations.[].landing_page_url", "primary_location.source.display_name"} <= sent
    assert "ids.arxiv" not in documented and "ids.arxiv" not in sent  # no arXiv key in ids
    for name in (
        "X-RateLimit-Limit-USD",
        "X-RateLimit-Remaining-USD",
        "X-RateLimit-Cost-USD",
        "X-RateLimit-Reset",
    ):
        assert name in recorded_headers and name in headers
    # One work by DOI: the Work object itself.
    status, _h, body = get(f"{fake.openalex_url}/doi:10.48550/arXiv.2402.05926")
    single = json.loads(body)
    assert status == 200 and keys(single) - {
        k for k in keys(single) if k.startswith("abstract_inverted_index.")
    } <= (keys(recorded_work) | {"abstract_inverted_index"})
    # The arXiv id only in a location's landing page, the journal first.
    assert single["primary_location"]["source"]["type"] != "repository"
    assert any("arxiv.org/abs/2402.05926" in loc["landing_page_url"] for loc in single["locations"])
    status, _h, body = get(f"{fake.openalex_url}/doi:10.9999/none")
    assert status == 404 and set(json.loads(body)) == set(
        json.loads((RECORDED / "openalex-404.json").read_text())
    )


def test_select_is_honoured(fake: FakeIndex) -> None:
    query = urlencode({"search": "confluence ushering", "select": "id,title", "api_key": "good-key"})
    _s, _h, body = get(f"{fake.openalex_url}?{query}")
    assert set(json.loads(body)["results"][0]) == {"id", "title"}


def test_keyless_budget_runs_out_with_a_long_retry_after(fake: FakeIndex) -> None:
    recorded = json.loads((RECORDED / "openalex-429.headers.json").read_text())["headers"]
    search = f"{fake.openalex_url}?{urlencode({'search': 'confluence'})}"
    remaining = [float(get(search)[1]["X-RateLimit-Remaining-USD"]) for _ in range(3)]
    assert remaining == sorted(remaining, reverse=True) and remaining[-1] < 0.001
    status, headers, body = get(search)
    assert status == 429 and float(headers["Retry-After"]) > 3600
    assert set(recorded) <= set(headers) and set(json.loads(body)) == set(
        json.loads((RECORDED / "openalex-429.json").read_text())
    )
    assert get(f"{fake.openalex_url}/W4391826001")[0] == 429  # singletons too, once it is spent
    assert get(f"{search}&api_key=good-key")[0] == 200  # a key has its own budget
    assert get(f"{search}&api_key=bad")[0] == 401


def test_arxiv_429_without_retry_after_and_one_empty_page(fake: FakeIndex) -> None:
    recorded = json.loads((RECORDED / "arxiv-429.headers.json").read_text())
    fake.arxiv_429, fake.empty_once = 2, True
    query = f"{fake.arxiv_url}?{urlencode({'search_query': 'abs:confluence AND abs:ushering'})}"
    for _ in range(2):
        status, headers, body = get(query)
        assert (status, body) == (recorded["status"], (RECORDED / "arxiv-429.txt").read_text())
        assert "Retry-After" not in headers
    status, _h, body = get(query)
    assert status == 200 and ET.fromstring(body).find(f"{ATOM}entry") is None  # the empty page
    status, _h, body = get(query)
    assert len(ET.fromstring(body).findall(f"{ATOM}entry")) == 1  # then the answer


def test_id_list_look_up(fake: FakeIndex) -> None:
    _s, _h, body = get(f"{fake.arxiv_url}?{urlencode({'id_list': '2402.05926'})}")
    (entry,) = ET.fromstring(body).findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}id", "").endswith("2402.05926v1")


def test_recorded_files_are_what_the_readme_lists() -> None:
    names = {p.name for p in Path(RECORDED).iterdir()}
    assert {"arxiv-search.atom", "arxiv-empty.atom", "openalex-work.json", "openalex-429.json"} <= names
