from __future__ import annotations

from generator.keywords import KEYWORDS_PER_PAPER, extract, keyword_index, slugify
from generator.models import Paper, Source

TEXT = (
    "Federated learning trains models across many clients without sharing their data. "
    "We study federated learning with large language models and show that federated "
    "fine-tuning of large language models reduces memory use on clients."
)


def paper(pid: str, keywords: tuple[str, ...]) -> Paper:
    return Paper(id=pid, text="", sources=(Source("a.txt", 1),), keywords=keywords)


def test_extract_finds_the_topics_lower_case_and_unique() -> None:
    keywords = extract(TEXT)
    assert 0 < len(keywords) <= KEYWORDS_PER_PAPER
    assert {"federated learning", "large language models"} <= set(keywords)
    assert all(k == k.lower() for k in keywords)
    assert len(set(keywords)) == len(keywords)


def test_extract_is_deterministic() -> None:
    assert extract(TEXT) == extract(TEXT)


def test_slugify_is_safe_ascii_and_bounded() -> None:
    assert slugify("Large Language Models") == "large-language-models"
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("x" * 500) == "x" * 60
    assert slugify("日本語").startswith("keyword-")


def test_keyword_index_gathers_papers_and_keeps_slugs_unique() -> None:
    entries = keyword_index((paper("aaaaaaaaaa", ("c++", "graphs")), paper("bbbbbbbbbb", ("c", "graphs"))))
    by_text = {e.keyword.text: e for e in entries}
    assert by_text["graphs"].papers == ("aaaaaaaaaa", "bbbbbbbbbb")
    assert by_text["c"].keyword.slug != by_text["c++"].keyword.slug
    assert len({e.keyword.slug for e in entries}) == len(entries)


def test_keyword_slugs_never_take_the_index_page_nor_each_others() -> None:
    keywords = ("index", "Index", "c", "c++", "c#", "c 8f1b1a2e", "\uff43", "x" * 100_000, "x" * 100_001)
    entries = keyword_index((paper("aaaaaaaaaa", keywords),))
    slugs = [e.keyword.slug for e in entries]
    assert len(set(slugs)) == len(keywords)
    assert "index" not in slugs
    assert all(len(s) <= 60 and s == s.lower() for s in slugs)


def test_slugs_are_stable_whatever_else_is_in_the_catalogue() -> None:
    alone = keyword_index((paper("aaaaaaaaaa", ("graphs",)),))
    crowded = keyword_index((paper("aaaaaaaaaa", ("graphs", "graph s", "Graphs!")),))
    assert {e.keyword.text: e.keyword.slug for e in crowded}["graphs"] == alone[0].keyword.slug
