from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.write import write


def test_unchanged_files_keep_bytes_and_mtime(tmp_path: Path) -> None:
    files = {"index.md": "home\n", "papers/0123456789.md": "paper\n"}
    assert write(tmp_path, files).written == 2
    page = tmp_path / "papers/0123456789.md"
    os.utime(page, (1_000_000, 1_000_000))
    report = write(tmp_path, files)
    assert (report.written, report.unchanged) == (0, 2)
    assert page.stat().st_mtime == 1_000_000


def test_stale_generated_pages_are_removed_and_hand_written_files_kept(tmp_path: Path) -> None:
    (tmp_path / "papers").mkdir()
    hand = tmp_path / "papers" / "notes.md"
    hand.write_text("mine\n")
    write(tmp_path, {"papers/0123456789.md": "a\n", "papers/abcdefabcd.md": "b\n"})
    report = write(tmp_path, {"papers/0123456789.md": "a\n"})
    assert report.removed == 1
    assert not (tmp_path / "papers/abcdefabcd.md").exists()
    assert hand.read_text() == "mine\n"


@pytest.mark.parametrize("rel", ["../escape.md", "papers/../../x.md", "about.md", "papers/x/y.md", "/etc/x"])
def test_refuses_paths_outside_generated_ones(tmp_path: Path, rel: str) -> None:
    with pytest.raises(ValueError):
        write(tmp_path, {rel: "x"})
    assert list(tmp_path.iterdir()) == []


def test_a_failure_while_writing_leaves_the_previous_docs_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.write as write_module

    old = {"index.md": "old home\n", "papers/0123456789.md": "old a\n", "papers/abcdefabcd.md": "old b\n"}
    write(tmp_path, old)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    real_stage = write_module._stage
    calls = []

    def failing_stage(target: Path, data: bytes) -> str:
        calls.append(target)
        if len(calls) == 3:  # the disk fills up on the third file
            raise OSError(28, "No space left on device")
        return real_stage(target, data)

    monkeypatch.setattr(write_module, "_stage", failing_stage)
    new = {"index.md": "new home\n", "papers/0123456789.md": "new a\n", "papers/fedcbafedc.md": "new c\n"}
    with pytest.raises(OSError, match="No space"):
        write(tmp_path, new)
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before  # same files, same bytes, no temporary files left behind
    monkeypatch.undo()
    write(tmp_path, new)
    assert (tmp_path / "index.md").read_text() == "new home\n"
    assert not (tmp_path / "papers/abcdefabcd.md").exists()


def test_keyword_slugs_that_are_not_owned_paths_are_refused(tmp_path: Path) -> None:
    for rel in ("keywords/Index.md", "keywords/a b.md", "keywords/-x.md", "keywords/" + "x/" * 3 + "y.md"):
        with pytest.raises(ValueError):
            write(tmp_path, {rel: "x"})


def test_refuses_to_write_through_a_symlinked_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "papers").symlink_to(outside)
    with pytest.raises(ValueError, match="symlink"):
        write(docs, {"papers/0123456789.md": "x\n"})
    assert list(outside.iterdir()) == []


def test_map_and_topic_pages_are_generated_paths(tmp_path: Path) -> None:
    from generator.write import is_owned

    assert is_owned("map.md") and is_owned("topics/index.md") and is_owned("topics/knowledge-graph.md")
    assert not is_owned("topics/../about.md") and not is_owned("topics/x/y.md") and not is_owned("maps.md")
