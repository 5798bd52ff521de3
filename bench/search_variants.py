"""Material's single search index against Pagefind's chunked one, on the same generated catalogue.

    .venv/bin/python bench/search_variants.py --size 10000 [--work DIR] [--words 40] [--query Q]

Generates a corpus of --size abstracts like bench_pipeline.py (once: an existing WORK/docs is
reused), then builds the served site (OFFLINE=false) twice: with Material's own search
(PAGEFIND=false) and with what the site ships (Pagefind, hooks/pagefind_search.py). A third
variant is Material's index cut to each paper's title plus its first --words words ("index fewer
fields"). Each is measured in headless Chromium with bench_pipeline.measure_search: time from
requesting the home page to the first result, and bytes transferred until then (gzip for text).
Timings are wall time: say how loaded the machine was when you quote them.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_corpus import ROOT, default_keyphrase, make_corpus, source_documents, write_seeds
from bench_pipeline import QUERY, machine, measure_search, prepare_project, run_mkdocs


def generate(work: Path, size: int, keyphrase: Path) -> None:
    if (work / "docs" / "papers").is_dir():
        return
    write_seeds(work / "seeds", make_corpus(source_documents(keyphrase), size))
    prepare_project(work)
    cmd = [sys.executable, "-m", "generator", "build", "--seeds", str(work / "seeds")]
    subprocess.run([*cmd, "--docs", str(work / "docs"), "--cache", str(work / "cache")], check=True, cwd=ROOT)


def cut_index(site: Path, words: int) -> Path:
    """A copy of a Material-search site whose index keeps only a paper's first `words` words."""
    cut = site.with_name(site.name + f"-{words}w")
    shutil.rmtree(cut, ignore_errors=True)
    shutil.copytree(site, cut)
    path = cut / "search/search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    for doc in index["docs"]:
        if doc["location"].startswith("papers/"):
            doc["text"] = " ".join(doc["text"].split()[:words])
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
    return cut


def index_sizes(site: Path) -> dict[str, Any]:
    data = (site / "search/search_index.json").read_bytes()
    return {"index_mb": len(data) / 1e6, "index_gz_mb": len(gzip.compress(data, 6)) / 1e6}


def row(label: str, build: dict[str, Any], search: dict[str, Any] | None) -> str:
    files = f", {build['index_files']:,} files" if "index_files" in build else ""
    found = (
        f"{search['first_result_s']:.2f} | {search['bytes_mb']:.3f} | {search['requests']}"
        if search
        else "- | - | -"
    )
    return (
        f"| {build['index_entries']:,} | {label} "
        f"| {build['index_mb']:.2f} ({build['index_gz_mb']:.2f}){files} "
        f"| {found} | {build['seconds']:.0f} ({build['cpu']:.0f}) |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000, help="abstracts in the corpus")
    parser.add_argument("--work", type=Path, default=None, help="default .cache/bench/search-SIZE")
    parser.add_argument("--keyphrase", type=Path, default=default_keyphrase())
    parser.add_argument("--words", type=int, default=40)
    parser.add_argument("--query", default=QUERY)
    parser.add_argument("--runs", type=int, default=2, help="browser runs per variant (the best is shown)")
    args = parser.parse_args()
    work = (args.work or ROOT / ".cache" / "bench" / f"search-{args.size}").resolve()
    generate(work, args.size, args.keyphrase)
    prepare_project(work)  # the current mkdocs.yml, hooks and overrides

    def best(site: Path) -> dict[str, Any] | None:
        runs = [measure_search(site, args.query) for _ in range(args.runs)]
        done = [r for r in runs if r]
        return min(done, key=lambda r: r["first_result_s"]) if done else None

    rows = []
    material = run_mkdocs(work, {"OFFLINE": "false", "PAGEFIND": "false"}, "site-material")
    rows.append(row("Material (lunr), title + abstract", material, best(work / "site-material")))
    cut = cut_index(work / "site-material", args.words)
    cut_build = {**material, **index_sizes(cut)}
    rows.append(row(f"Material (lunr), title + first {args.words} words", cut_build, best(cut)))
    pagefind = run_mkdocs(work, {"OFFLINE": "false"}, "site-pagefind")
    rows.append(row("Pagefind (shipped)", pagefind, best(work / "site-pagefind")))
    print(f"Query {args.query!r}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {machine()}")
    print()
    print(
        "| Entries | Search | Index MB (served, gzip) | First result s | Transferred MB | Requests "
        "| mkdocs build s (CPU s) |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
