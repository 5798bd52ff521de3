"""tools/blind_pairs.py: the paired old/new reading's file, key and count."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import blind_pairs

OLD = {f"p{i}": {"title": f"Old title {i}", "tldr": "Same.", "abstract": f"Abstract {i}."} for i in range(6)}
NEW = {
    k: {**v, "title": v["title"].replace("Old", "New") if k != "p0" else v["title"]} for k, v in OLD.items()
}


def test_pairs_show_only_changed_papers_and_the_key_says_which_is_new() -> None:
    text, key = blind_pairs.pairs(OLD, NEW, "title", n=10, seed="t")
    assert [k["changed"] for k in key] == [5] * 5 and "p0" not in {k["paper_id"] for k in key}
    assert "Old" not in text.split("---")[0] and "new" not in text.split("---")[0].lower().replace("news", "")
    for entry in key:
        block = text.split(f"## {entry['item']}\n")[1].split("\n## ")[0]
        a_line = next(line for line in block.splitlines() if line.startswith("Title A:"))
        assert ("New title" in a_line) == (entry["A"] == "new")
    # Both orders occur, and the same seed draws the same file.
    assert {k["A"] for k in key} == {"new", "old"}
    assert blind_pairs.pairs(OLD, NEW, "title", n=10, seed="t") == (text, key)


def test_count_maps_letters_back_to_versions() -> None:
    text, key = blind_pairs.pairs(OLD, NEW, "title", n=3, seed="t")
    letter_of_new = {k["item"]: "A" if k["A"] == "new" else "B" for k in key}
    answers = {1: letter_of_new[1], 2: "same", 3: "B" if letter_of_new[3] == "A" else "A"}
    rated = text
    for item, answer in answers.items():
        head, tail = rated.split(f"## {item}\n", 1)
        tail = tail.replace("Better:", f"Better: {answer}", 1)
        rated = f"{head}## {item}\n{tail}"
    assert blind_pairs.count(rated, key) == {"new": 1, "old": 1, "same": 1, "(none)": 0}
    assert blind_pairs.count(text, key)["(none)"] == 3


def test_keyword_pairs_and_dumps_without_the_field() -> None:
    old = {k: {**v, "keywords": "alpha; beta"} for k, v in OLD.items()}
    new = {
        k: {**v, "keywords": "alpha; " + ("gamma" if k in ("p1", "p2") else "beta")} for k, v in OLD.items()
    }
    text, key = blind_pairs.pairs(old, new, "keywords", n=10, seed="t")
    assert sorted(k["paper_id"] for k in key) == ["p1", "p2"]
    assert "Keywords A: alpha; " in text and "keyword lists" in text.split("---")[0]
    # An old dump made before keywords were dumped: every paper whose new dump lists some differs.
    _text, key = blind_pairs.pairs(OLD, new, "keywords", n=10, seed="t")
    assert len(key) == 6


def test_related_lists_are_shown_each_under_its_heading() -> None:
    old = {k: {**v, "related": "   1. X: opening. (Reason: shared: x)"} for k, v in OLD.items()}
    new = {k: {**v, "related": "   1. Y: other. (Reason: similar wording)"} for k, v in OLD.items()}
    new["p3"] = old["p3"]
    text, key = blind_pairs.pairs(old, new, "related", n=10, seed="t")
    assert len(key) == 5 and "p3" not in {k["paper_id"] for k in key}
    block = text.split("## 1\n")[1]
    assert "Related A:\n\n   1. " in block and "Related B:\n\n   1. " in block
