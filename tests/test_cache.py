"""The content-addressed cache: hits, invalidation by text and by settings, damaged files."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.keywords import curate, stage
from generator.models import Paper, Source
from generator.runtime import cache, parallel
from generator.runtime.cache import Cache
from generator.text.clean import clean
from generator.titles.generate import with_titles

CALLS: list[str] = []


def shout(text: str) -> list[str]:
    CALLS.append(text)
    return [text.upper()]


def papers(*texts: str) -> tuple[Paper, ...]:
    return tuple(
        Paper(id=f"{i:010x}", text=t, sources=(Source("a.txt", i + 1),)) for i, t in enumerate(texts)
    )


TEXTS = (
    "Federated learning trains models across many clients without sharing their data.",
    "Diffusion models generate images by reversing a gradual noising process.",
    "Graph neural networks pass messages along the edges of a graph.",
)


def test_second_run_reads_every_value_from_disk(tmp_path: Path) -> None:
    CALLS.clear()
    with parallel.runtime(tmp_path, jobs=1) as run:
        assert parallel.map_cached(shout, ["a", "b", "a"], key="k") == [["A"], ["B"], ["A"]]
    assert CALLS == ["a", "b"]  # a repeated text is computed once
    assert (run.cache.hits, run.cache.misses) == (0, 2)
    assert (tmp_path / cache.FILE_NAME).is_file()
    with parallel.runtime(tmp_path, jobs=1) as run:
        assert parallel.map_cached(shout, ["b", "a", "c"], key="k") == [["B"], ["A"], ["C"]]
    assert CALLS == ["a", "b", "c"]  # only the new text
    assert (run.cache.hits, run.cache.misses) == (2, 1)


def test_another_key_is_another_value(tmp_path: Path) -> None:
    CALLS.clear()
    with parallel.runtime(tmp_path, jobs=1):
        parallel.map_cached(shout, ["a"], key="k1")
        parallel.map_cached(shout, ["a"], key="k2")
    assert CALLS == ["a", "a"]


def test_keywords_are_cached_and_a_changed_line_recomputes_only_itself(tmp_path: Path) -> None:
    with parallel.runtime(tmp_path, jobs=1) as cold:
        first = stage.with_keywords(papers(*TEXTS))
    assert cold.counts[stage.CACHE_LABEL] == [0, 3] and cold.counts[curate.CHOICE_LABEL] == [0, 3]
    edited = (TEXTS[0], TEXTS[1] + " It also edits them.", TEXTS[2])
    with parallel.runtime(tmp_path, jobs=1) as warm:
        second = stage.with_keywords(papers(*edited))
    assert warm.counts[stage.CACHE_LABEL] == [2, 1]
    # The other two papers share no key with the edited one: their choices come from the cache.
    assert warm.counts[curate.CHOICE_LABEL] == [2, 1]
    assert second[0].keywords == first[0].keywords and second[2].keywords == first[2].keywords
    assert all(isinstance(p.keywords, tuple) and p.keywords for p in second)


def test_a_settings_change_invalidates_every_keyword(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with parallel.runtime(tmp_path, jobs=1):
        stage.with_keywords(papers(*TEXTS))
    extracted: list[str] = []
    real_analyse = stage.analyse  # the per-abstract part: candidates and terms from one tagging
    monkeypatch.setattr(stage, "analyse", lambda text: extracted.append(text) or real_analyse(text))
    with parallel.runtime(tmp_path, jobs=1):
        stage.with_keywords(papers(*TEXTS))
    assert extracted == []  # unchanged settings: every paper from the cache
    monkeypatch.setattr(stage, "YAKE_SETTINGS", {**stage.YAKE_SETTINGS, "n": 1})
    with parallel.runtime(tmp_path, jobs=1) as run:
        stage.with_keywords(papers(*TEXTS))
    assert run.counts[stage.CACHE_LABEL] == [0, 3]
    assert extracted == list(TEXTS)  # really extracted again
    monkeypatch.setattr(stage, "KEYWORDS_PER_PAPER", 2)
    with parallel.runtime(tmp_path, jobs=1) as run:
        stage.with_keywords(papers(*TEXTS))
    assert run.counts[stage.CACHE_LABEL] == [0, 3]


def test_cached_keywords_equal_fresh_ones(tmp_path: Path) -> None:
    fresh = stage.with_keywords(papers(*TEXTS))  # no runtime: memory only
    with parallel.runtime(tmp_path, jobs=1):
        stage.with_keywords(papers(*TEXTS))
    with parallel.runtime(tmp_path, jobs=1) as run:
        cached = stage.with_keywords(papers(*TEXTS))
    assert run.counts[stage.CACHE_LABEL] == [3, 0] and run.counts[curate.CHOICE_LABEL] == [3, 0]
    assert cached == fresh


def test_a_damaged_cache_file_is_ignored_and_replaced(tmp_path: Path) -> None:
    (tmp_path / cache.FILE_NAME).write_bytes(b"this is not a database" * 100)
    CALLS.clear()
    with parallel.runtime(tmp_path, jobs=1):
        assert parallel.map_cached(shout, ["a"], key="k") == [["A"]]
    with parallel.runtime(tmp_path, jobs=1) as run:
        assert parallel.map_cached(shout, ["a"], key="k") == [["A"]]
    assert CALLS == ["a"] and run.cache.hits == 1


def test_memory_cache_writes_nothing(tmp_path: Path) -> None:
    store = Cache(None)
    store.put_many({"k": [1, "x"]})
    assert store.get_many(["k", "other"]) == {"k": [1, "x"]}
    assert list(tmp_path.iterdir()) == []


def _clean_and_title(texts: tuple[str, ...]) -> tuple[Paper, ...]:
    return with_titles(stage.with_keywords(clean(papers(*texts))))


def test_cleaned_texts_and_titles_are_cached_per_paper(tmp_path: Path) -> None:
    with parallel.runtime(tmp_path, jobs=1) as cold:
        first = _clean_and_title(TEXTS)
    assert cold.counts["_clean_plain"] == [0, 3] and cold.counts["_title_plain"] == [0, 3]
    with parallel.runtime(tmp_path, jobs=1) as warm:
        second = _clean_and_title(TEXTS)
    assert warm.counts["_clean_plain"] == [3, 0] and warm.counts["_title_plain"] == [3, 0]
    assert second == first == _clean_and_title(TEXTS)  # the last one: no cache at all
    assert all(p.title for p in second)
    edited = (TEXTS[0], TEXTS[1] + " It runs in \\textbf{one} step.", TEXTS[2])
    with parallel.runtime(tmp_path, jobs=1) as run:
        third = _clean_and_title(edited)
    assert run.counts["_clean_plain"] == [2, 1] and "\\textbf" not in third[1].text


def test_a_new_cleaning_library_version_cleans_every_text_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with parallel.runtime(tmp_path, jobs=1):
        clean(papers(*TEXTS))
    real = cache.package_version
    monkeypatch.setattr(cache, "package_version", lambda name: "99" if name == "ftfy" else real(name))
    with parallel.runtime(tmp_path, jobs=1) as run:
        clean(papers(*TEXTS))
    assert run.counts["_clean_plain"] == [0, 3]


def _frozen_texts() -> list[str]:
    from tests.conftest import FROZEN_SEEDS

    lines = (
        line
        for path in sorted(FROZEN_SEEDS.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    )
    return list(dict.fromkeys(lines))  # distinct lines: equal texts share one cached choice


def test_cached_keyword_choices_equal_fresh_ones_after_an_edit(tmp_path: Path) -> None:
    """A paper's cached choice is reused only when nothing it depends on changed: after an edit that
    makes the first paper a copy of the second plus a sentence (so the second's keys become shared,
    and counts across the catalogue move), the cached run equals a run with no cache at all."""
    texts = _frozen_texts()
    with parallel.runtime(tmp_path, jobs=1) as cold:
        stage.with_keywords(papers(*texts))
    assert cold.counts[curate.CHOICE_LABEL] == [0, len(texts)]
    edited = [texts[1] + " We also release the code.", *texts[1:]]
    with parallel.runtime(tmp_path, jobs=1) as warm:
        cached = stage.with_keywords(papers(*edited))
    reused, chosen = warm.counts[curate.CHOICE_LABEL]
    with parallel.runtime(None, jobs=1) as fresh_run:
        fresh = stage.with_keywords(papers(*edited))
    assert fresh_run.counts[curate.CHOICE_LABEL] == [0, len(texts)]
    assert cached == fresh
    # the edited paper and the papers whose keys' facts changed chose again, not every paper
    assert 2 <= chosen < len(texts) and reused + chosen == len(texts)


def test_file_digest_follows_the_data_files_bytes(tmp_path: Path) -> None:
    """Every stage keys its cached values on its data files (weights, corpus statistics) through
    ``file_digest``: a refitted file must give a new key, the same bytes the same key."""
    from generator.runtime.cache import file_digest

    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text("{}")
    b.write_text("[]")
    first = file_digest(a, b)
    assert first == file_digest(a, b)
    assert first != file_digest(b, a) and first != file_digest(a)
    a.write_text('{"w": 1}')
    assert file_digest(a, b) != first
    assert file_digest(tmp_path / "missing.json") == file_digest(tmp_path / "absent.json")
