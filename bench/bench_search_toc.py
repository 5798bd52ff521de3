"""Is Material's search plugin O(T^2) on a page with T headings? (not a test; a few seconds)

    .venv/bin/python bench/bench_search_toc.py

Indexes one page with T ``##`` headings (a tags-index layout: one heading per keyword) through
Material's ``SearchIndex.add_entry_from_context``, for doubling T, and the same T items as one list
(our layout: keywords are list items on paginated index pages, never headings). Quadratic cost shows
as about 4x time per doubling; linear cost as about 2x.
"""

from __future__ import annotations

import time
from types import SimpleNamespace

import markdown
from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.toc import get_toc

SIZES = (500, 1000, 2000, 4000)


def index_seconds(source: str) -> float:
    md = markdown.Markdown(extensions=["toc"])
    html = md.convert(source)
    page = SimpleNamespace(
        meta={}, content=html, toc=get_toc(md.toc_tokens), url="keywords/", title="Keywords"
    )
    index = SearchIndex(lang=["en"], separator=r"[\s\-]+", pipeline=[], fields={})
    start = time.perf_counter()
    index.add_entry_from_context(page)
    return time.perf_counter() - start


def main() -> None:
    print("| T | headings: s | x previous | list items: s | x previous |")
    print("|---:|---:|---:|---:|---:|")
    prev_h = prev_l = 0.0
    for t in SIZES:
        words = [f"keyword {i:05d}" for i in range(t)]
        headings = index_seconds("\n\n".join(f"## {w}\n\n- [a paper](p.md)" for w in words))
        items = index_seconds("\n".join(f"- [{w}](k.md) (3)" for w in words))
        ratio_h = f"{headings / prev_h:.1f}" if prev_h else "-"
        ratio_l = f"{items / prev_l:.1f}" if prev_l else "-"
        print(f"| {t:,} | {headings:.3f} | {ratio_h} | {items:.4f} | {ratio_l} |")
        prev_h, prev_l = headings, items


if __name__ == "__main__":
    main()
