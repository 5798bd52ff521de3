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


def test_map_and_topic_pages_are_generated_paths(tmp_path: Path) -> None:
    from generator.write import is_owned

    assert is_owned("map.md") and is_owned("topics/index.md") and is_owned("topics/knowledge-graph.md")
    assert not is_owned("topics/../about.md") and not is_owned("topics/x/y.md") and not is_owned("maps.md")
