"""tools/blind_count.py: a blind reader's ratings counted from the items only."""

from .conftest import load_module

count = load_module("blind_count", "tools/blind_count.py")


def test_counts_the_items_ratings_not_the_instructions() -> None:
    text = (
        "# Blind check\n\nWrite one rating on each `Rating:` line: good, acceptable or filler-or-wrong.\n"
        "\n## 1\n\n1. pruning — Rating: good\n2. layers — Rating: filler-or-wrong — generic\n"
        "\n## 2\n\n1. pre-trained network — Rating: acceptable\n2. paper — Rating:\n"
    )
    found = count.counts(text)
    assert found == {"good": 1, "filler-or-wrong": 1, "acceptable": 1, "(none)": 1}
