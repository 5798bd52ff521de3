from __future__ import annotations

import os
from functools import partial
from pathlib import Path

import pytest

from generator.models import PageSource
from generator.site.write import MANIFEST, write


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
    import generator.site.write as write_module

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
    from generator.site.write import is_owned

    assert is_owned("map.md") and is_owned("topics/index.md") and is_owned("topics/knowledge-graph.md")
    assert not is_owned("topics/../about.md") and not is_owned("topics/x/y.md") and not is_owned("maps.md")


def _pages(contents: dict[str, str], keys: dict[str, str], rendered: list[str]) -> list[PageSource]:
    def render(rel: str) -> str:
        rendered.append(rel)
        return contents[rel]

    return [PageSource(rel, keys.get(rel, ""), partial(render, rel)) for rel in contents]


def test_a_page_whose_key_and_file_are_unchanged_is_not_rendered(tmp_path: Path) -> None:
    contents = {"papers/0123456789.md": "paper\n", "index.md": "home\n"}
    keys = {"papers/0123456789.md": "k1"}
    rendered: list[str] = []
    assert write(tmp_path, _pages(contents, keys, rendered)).written == 2
    rendered.clear()
    report = write(tmp_path, _pages(contents, keys, rendered))
    # The keyless home page is rendered and compared; the keyed paper page is not rendered at all.
    assert rendered == ["index.md"]
    assert (report.written, report.unchanged, report.skipped) == (0, 2, 1)


def test_a_new_key_renders_the_page_again(tmp_path: Path) -> None:
    rendered: list[str] = []
    write(tmp_path, _pages({"papers/0123456789.md": "old\n"}, {"papers/0123456789.md": "k1"}, rendered))
    report = write(
        tmp_path, _pages({"papers/0123456789.md": "new\n"}, {"papers/0123456789.md": "k2"}, rendered)
    )
    assert report.written == 1 and (tmp_path / "papers/0123456789.md").read_text() == "new\n"


@pytest.mark.parametrize("edit", ["content", "touch"])
def test_a_generated_file_changed_by_hand_is_rendered_and_restored(tmp_path: Path, edit: str) -> None:
    contents, keys = {"papers/0123456789.md": "paper\n"}, {"papers/0123456789.md": "k1"}
    rendered: list[str] = []
    write(tmp_path, _pages(contents, keys, rendered))
    page = tmp_path / "papers/0123456789.md"
    if edit == "content":
        page.write_text("edited by hand, longer\n")
    else:
        os.utime(page, ns=(page.stat().st_mtime_ns + 10**9,) * 2)
    rendered.clear()
    report = write(tmp_path, _pages(contents, keys, rendered))
    assert rendered == ["papers/0123456789.md"]
    assert page.read_text() == "paper\n"
    assert report.written == (1 if edit == "content" else 0)


def test_a_page_failing_to_render_leaves_docs_untouched_and_no_temporary_files(tmp_path: Path) -> None:
    write(tmp_path, {"index.md": "home\n", "papers/0123456789.md": "old\n"})
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}

    def fail() -> str:
        raise RuntimeError("template error")

    pages = [
        PageSource("papers/0123456789.md", "", lambda: "new\n"),
        PageSource("index.md", "", fail),
    ]
    with pytest.raises(RuntimeError):
        write(tmp_path, pages)
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_a_manifest_from_before_page_keys_still_removes_stale_pages(tmp_path: Path) -> None:
    (tmp_path / "papers").mkdir()
    (tmp_path / "papers/abcdefabcd.md").write_text("old\n")
    (tmp_path / MANIFEST).write_text('["papers/abcdefabcd.md"]\n')
    report = write(tmp_path, {"papers/0123456789.md": "new\n"})
    assert report.removed == 1 and not (tmp_path / "papers/abcdefabcd.md").exists()


def test_a_file_given_in_pieces_is_written_and_kept_when_unchanged(tmp_path: Path) -> None:
    def pieces(*parts: str) -> list[PageSource]:
        return [PageSource("catalogue.json", "", lambda: iter(parts))]

    assert write(tmp_path, pieces('{"a":', " 1}\n")).written == 1
    target = tmp_path / "catalogue.json"
    assert target.read_text() == '{"a": 1}\n'
    os.utime(target, (1_000_000, 1_000_000))
    report = write(tmp_path, pieces('{"a": ', "1}\n"))  # same bytes, cut elsewhere
    assert (report.written, report.unchanged) == (0, 1) and target.stat().st_mtime == 1_000_000
    assert write(tmp_path, pieces('{"a": 2}\n')).written == 1 and target.read_text() == '{"a": 2}\n'
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".tmp-")] == []
