"""The process pool gives the serial results, and a rebuild rewrites only files whose bytes change."""

from __future__ import annotations

import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from generator.inputs import ingest
from generator.pipeline import build, catalogue_from
from generator.runtime import parallel
from generator.site.render import Renderer

from .conftest import FROZEN_SEEDS

POOLS: list[int] = []


class RecordingPool(ProcessPoolExecutor):
    def __init__(self, max_workers: int | None = None, **kwargs: object) -> None:
        POOLS.append(max_workers or 0)
        super().__init__(max_workers=max_workers, **kwargs)  # type: ignore[arg-type]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_parallel_catalogue_and_pages_equal_serial_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 2)
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", RecordingPool)
    POOLS.clear()
    lines = ingest.read_seeds(FROZEN_SEEDS)
    with parallel.runtime(None, jobs=1):
        serial = catalogue_from(lines)
    assert POOLS == []
    with parallel.runtime(None, jobs=2):
        pooled = catalogue_from(lines)
    assert POOLS == [2]  # the pool really ran
    assert pooled == serial
    assert Renderer().render(pooled) == Renderer().render(serial)


def test_one_line_change_rewrites_only_changed_files(tmp_path: Path) -> None:
    seeds, docs, store = tmp_path / "seeds", tmp_path / "docs", tmp_path / "cache"
    shutil.copytree(FROZEN_SEEDS, seeds)
    cold = build(seeds, docs, quiet=True, cache_dir=store)
    assert cold.computed == cold.papers
    before = snapshot(docs)
    for path in docs.rglob("*"):
        if path.is_file():
            os.utime(path, (1_000_000, 1_000_000))
    first = sorted(seeds.glob("*.txt"))[0]
    lines = first.read_text(encoding="utf-8").splitlines()
    lines[0] = "Sparse autoencoders find interpretable features in the activations of language models."
    first.write_text("\n".join(lines) + "\n", encoding="utf-8")

    warm = build(seeds, docs, quiet=True, cache_dir=store)

    assert (warm.cache_hits, warm.computed) == (cold.papers - 1, 1)  # only the new line is extracted
    after = snapshot(docs)
    kept = {rel for rel in before.keys() & after.keys() if before[rel] == after[rel]}
    changed = {rel for rel in after if rel not in kept}
    # A one-line edit leaves files alone. Few, in a catalogue of 47: the replaced paper sat in related
    # lists, keyword pages, a topic and every listing (12 of 77 files are kept, 65 change: the papers
    # index in three orders, and author pages whose entries show a renamed topic; before listing
    # entries 11 of 69 were kept and 58 changed; before keywords of 2-4 papers lost their pages and
    # feeds, 44 of 103 were kept and 59 changed). At 10,000 abstracts a one-line edit writes about
    # 60 of 25,000 files (BENCHMARKS.md).
    assert len(kept) >= 10 and len(changed) <= 67
    for rel in kept:
        assert (docs / rel).stat().st_mtime == 1_000_000, rel
    for rel in changed - {".generated.json"}:
        assert (docs / rel).stat().st_mtime > 1_000_000, rel
    assert warm.pages_written == len(changed - {".generated.json"})
    assert warm.removed == len(before.keys() - after.keys()) >= 1


def _pid_and_square(todo: list[int]) -> list[list[int]]:
    return [[i * i, os.getpid()] for i in todo]


def test_forked_compute_gives_the_serial_values_from_other_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 2)
    idents = [f"paper-{i}" for i in range(40)]
    with parallel.runtime(None, jobs=1):
        serial = parallel.cached(idents, "k", "squares", _pid_and_square, forked=True)
    with parallel.runtime(None, jobs=2):
        forked = parallel.cached(idents, "k", "squares", _pid_and_square, forked=True)
    assert [v[0] for v in forked] == [v[0] for v in serial] == [i * i for i in range(40)]
    assert {v[1] for v in serial} == {os.getpid()}
    assert os.getpid() not in {v[1] for v in forked}  # computed in the forked copies
    # a thunk that is no string (a file in pieces) is left to the caller
    assert list(parallel.ahead([lambda: "a", lambda: ["b"]] * 2, jobs=2)) == ["a", None, "a", None]


def test_pages_rendered_ahead_are_the_files_written_serially(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 2)
    with parallel.runtime(None, jobs=1):
        catalogue = catalogue_from(ingest.read_seeds(FROZEN_SEEDS))
    from generator.site import write

    serial = write.write(tmp_path / "serial", Renderer().pages(catalogue), jobs=1)
    ahead = write.write(tmp_path / "ahead", Renderer().pages(catalogue), jobs=2)
    assert serial == ahead and serial.written > 20
    manifest = write.MANIFEST
    assert {k: v for k, v in snapshot(tmp_path / "ahead").items() if k != manifest} == {
        k: v for k, v in snapshot(tmp_path / "serial").items() if k != manifest
    }
    # unchanged pages are neither rendered ahead nor rewritten
    again = write.write(tmp_path / "ahead", Renderer().pages(catalogue), jobs=2)
    keyed = sum(1 for page in Renderer().pages(catalogue) if page.key)
    assert (again.written, again.unchanged, again.skipped) == (0, serial.written, keyed)
