"""Bad input: every problem reported in one run, naming file:line, and the previous docs/ kept."""

from __future__ import annotations

import gzip
from pathlib import Path

from generator.pipeline import build

from .conftest import generate


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_a_failed_run_lists_every_problem_and_leaves_the_previous_docs_intact(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text(
        "Graph neural networks learn on molecules.\nDiffusion models make images.\n"
    )
    docs = tmp_path / "docs"
    build(seeds, docs, quiet=True)
    before = snapshot(docs)
    assert "catalogue.json" in before and len(before) > 5

    # Now a pull request brings every kind of bad input at once, next to an edit of a good file.
    (seeds / "good.txt").write_text("Graph neural networks learn on molecules.\nA new abstract.\n")
    (seeds / "latin1.txt").write_bytes("fine line\ncaf\xe9 in Latin-1\n".encode("latin-1"))
    (seeds / "archive.txt").write_bytes(gzip.compress(b"an abstract\n" * 100))
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "long.txt").write_text("ok\n" + "y" * 100_000 + "\n")
    (seeds / "control.txt").write_text("ok line\nbell \x07 here\n")
    (seeds / "nul.txt").write_bytes(b"a\x00b\n")
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    (seeds / "link.txt").symlink_to(secret)

    result = generate(seeds, docs)
    assert result.returncode == 1
    where = seeds.as_posix()
    assert result.stderr.splitlines() == [
        f"{where}/archive.txt:1: is gzip-compressed file, not UTF-8 text",
        f"{where}/control.txt:2: contains control character U+0007 (column 6); an abstract is plain text",
        f"{where}/empty.txt: has no abstracts (empty file)",
        f"{where}/latin1.txt:2: is not valid UTF-8 (byte 4)",
        f"{where}/link.txt: is a symlink pointing outside the seeds folder",
        f"{where}/long.txt:2: line has 100000 characters; an abstract has at most 20000",
        f"{where}/nul.txt:1: contains a NUL byte (binary file?)",
        "error: 7 problem(s) in the seeds; nothing was written",
    ]
    assert snapshot(docs) == before
    assert "root:x" not in result.stderr + result.stdout
