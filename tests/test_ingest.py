from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import BuildError
from generator.inputs.ingest import MAX_LINE_CHARS, decode_lines, read_seeds


def test_lines_are_numbered_from_one_and_blank_lines_skipped() -> None:
    lines, problems = decode_lines("a.txt", b"first\n\n   \nsecond\n")
    assert problems == []
    assert [(str(x.source), x.text) for x in lines] == [("a.txt:1", "first"), ("a.txt:4", "second")]


def test_bom_crlf_and_lone_cr_are_handled_silently() -> None:
    lines, problems = decode_lines("a.txt", b"\xef\xbb\xbfone\r\ntwo\rthree")
    assert problems == []
    assert [(x.source.line, x.text) for x in lines] == [(1, "one"), (2, "two"), (3, "three")]


def test_bad_bytes_are_reported_with_file_and_line() -> None:
    _, problems = decode_lines("a.txt", b"good\nbad \xff byte\nnul \x00 here\n")
    assert [str(p) for p in problems] == [
        "a.txt:2: is not valid UTF-8 (byte 5)",
        "a.txt:3: contains a NUL byte (binary file?)",
    ]


def test_overlong_line_is_an_error() -> None:
    _, problems = decode_lines("a.txt", b"x" * (MAX_LINE_CHARS + 1))
    assert len(problems) == 1 and problems[0].where == "a.txt:1"


def test_every_problem_of_every_file_is_reported_at_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"fine\n\xff\n")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_text("also fine\n")
    with pytest.raises(BuildError) as info:
        read_seeds(tmp_path)
    wheres = [p.where for p in info.value.problems]
    assert wheres == [f"{tmp_path.as_posix()}/a.txt:2", f"{tmp_path.as_posix()}/b.txt"]


def test_symlink_outside_the_seeds_folder_is_refused(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    outside = tmp_path / "secret.txt"
    outside.write_text("secret\n")
    (seeds / "link.txt").symlink_to(outside)
    (seeds / "ok.txt").write_text("an abstract\n")
    with pytest.raises(BuildError) as info:
        read_seeds(seeds)
    assert "symlink" in str(info.value)


def test_only_txt_files_are_read_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("from b\n")
    (tmp_path / "a.txt").write_text("from a\n")
    (tmp_path / "notes.md").write_text("not a seed\n")
    assert [x.text for x in read_seeds(tmp_path)] == ["from a", "from b"]


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="not found"):
        read_seeds(tmp_path / "nope")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x1f\x8b\x08\x00abc", "gzip-compressed"),
        (b"PK\x03\x04abc", "a zip archive"),
        (b"BZh91AY", "bzip2-compressed"),
        (b"\xfd7zXZ\x00\x00", "xz-compressed"),
        (b"%PDF-1.7\n", "a PDF document"),
    ],
)
def test_compressed_or_binary_file_with_a_txt_name_is_one_clear_error(data: bytes, kind: str) -> None:
    lines, problems = decode_lines("a.txt", data + b"\n" * 50 + b"\xff\x00" * 50)
    assert lines == []
    assert [str(p) for p in problems] == [f"a.txt:1: is {kind} file, not UTF-8 text"]


def test_control_characters_are_an_error_naming_line_and_column() -> None:
    _, problems = decode_lines("a.txt", b"fine\nbell \x07 here\nescape \x1b[31m\n")
    assert [str(p) for p in problems] == [
        "a.txt:2: contains control character U+0007 (column 6); an abstract is plain text",
        "a.txt:3: contains control character U+001B (column 8); an abstract is plain text",
    ]


def test_tab_form_feed_and_unicode_line_breaks_are_text_not_errors() -> None:
    lines, problems = decode_lines("a.txt", "a\tb\x0cc\u2028d\u0085e".encode())
    assert problems == [] and len(lines) == 1


def test_a_binary_file_reports_at_most_ten_problems_and_how_many_more() -> None:
    _, problems = decode_lines("a.txt", b"\x00\n" * 25)
    assert len(problems) == 11
    assert str(problems[-1]) == "a.txt: ... and 15 more problem(s)"


def test_a_100000_character_token_is_refused_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("a fine abstract\n" + "x" * 100_000 + "\n")
    with pytest.raises(BuildError) as info:
        read_seeds(tmp_path)
    assert [str(p) for p in info.value.problems] == [
        f"{tmp_path.as_posix()}/a.txt:2: line has 100000 characters; an abstract has at most 20000"
    ]


def test_whitespace_only_file_is_empty(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbf \r\n\t\r\n")
    with pytest.raises(BuildError, match="empty file"):
        read_seeds(tmp_path)


def test_symlink_inside_the_seeds_folder_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("an abstract\n")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    assert [str(x.source) for x in read_seeds(tmp_path)] == ["a.txt:1", "b.txt:1"]


def test_symlinked_seeds_folder_member_pointing_at_a_folder_is_refused(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "ok.txt").write_text("an abstract\n")
    (seeds / "dir.txt").mkdir()
    with pytest.raises(BuildError, match="not a regular file"):
        read_seeds(seeds)
