"""Time to the first search result for Material's single index at a given catalogue size.

    .venv/bin/python bench/search_variants.py SITE CATALOGUE_JSON [--words 40]

SITE is a built site (e.g. of seeds/); its search index is replaced by one entry per paper of
CATALOGUE_JSON (a generated ``catalogue.json`` of any size, e.g. 10,000 papers): title plus the
whole abstract (what our pages index), and title plus the abstract's first --words words (the
"index fewer fields" option). Each variant is measured in headless Chromium like bench_pipeline.py.
The site is copied; nothing is changed in place.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pipeline import measure_search


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("catalogue", type=Path)
    parser.add_argument("--words", type=int, default=40)
    args = parser.parse_args()
    papers = json.loads(args.catalogue.read_text(encoding="utf-8"))["papers"]
    base = json.loads((args.site / "search/search_index.json").read_text(encoding="utf-8"))
    others = [d for d in base["docs"] if not d["location"].startswith("papers/")]
    print("| Papers | Indexed text | Index MB (gzip) | First result s | Downloaded MB |")
    print("|---:|---|---:|---:|---:|")
    for label, words in (("whole abstract", None), (f"first {args.words} words", args.words)):
        docs = others + [
            {
                "location": p["url"],
                "title": p["title"],
                "text": p["abstract"] if words is None else " ".join(p["abstract"].split()[:words]),
            }
            for p in papers
        ]
        data = json.dumps({"config": base["config"], "docs": docs}, separators=(",", ":")).encode()
        with tempfile.TemporaryDirectory() as tmp:
            site = Path(tmp) / "site"
            shutil.copytree(args.site, site)
            (site / "search/search_index.json").write_bytes(data)
            result = measure_search(site)
        if result is None:
            sys.exit("chromium not found at /usr/bin/chromium")
        print(
            f"| {len(papers):,} | {label} | {len(data) / 1e6:.2f} ({len(gzip.compress(data)) / 1e6:.2f}) | "
            f"{result['first_result_s']:.2f} | {result['bytes_mb']:.2f} |"
        )


if __name__ == "__main__":
    main()
