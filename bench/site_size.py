"""Where a built site's bytes go: bytes and files per paper by kind of file (not a test).

    .venv/bin/python bench/site_size.py [--site site]                 # read a built site/
    .venv/bin/python bench/site_size.py --build 2000 [KEYPHRASE_DIR]  # build one first

With ``--build N`` it recombines N abstracts from seeds/ and the keyphrase datasets as
bench/bench_pipeline.py does, generates them into a scratch project (``--work``, default
.cache/site-size, git-ignored) and runs ``mkdocs build --strict`` there with OFFLINE=false, as the
Pages workflow does (seeds committed to a scratch git repository, so papers are dated and have
feeds; SITE_URL set); ``--keep`` keeps the scratch folder. It then prints, per kind of file (paper
pages, keyword pages, topics, listings, assets, search index, sitemap, feeds, ...), the files, the
bytes, and both per paper (whole kind / papers), and the mean size of a file, as a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_corpus import default_keyphrase, make_corpus, source_documents, write_seeds  # noqa: E402
from bench_pipeline import prepare_project  # noqa: E402

# Kinds in the order they are printed; a file is the first kind whose pattern matches its path.
KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("paper pages", re.compile(r"papers/[0-9a-f]{10}(/index)?\.html$")),
    ("paper listings", re.compile(r"papers/(index\.html|page/|by-year/|a-z/)")),
    ("keyword listings", re.compile(r"keywords/(index\.html|page/)")),
    ("keyword pages", re.compile(r"keywords/")),
    ("topic pages", re.compile(r"topics/")),
    ("author pages", re.compile(r"authors/")),
    ("other pages", re.compile(r"[^/]*(/index)?\.html$")),
    ("feeds", re.compile(r"feed[^/]*\.xml$")),
    ("sitemap", re.compile(r"sitemap\.xml(\.gz)?$")),
    ("search index", re.compile(r"(search|pagefind)/")),
    ("catalogue.json", re.compile(r"catalogue\.json$")),
    ("assets", re.compile(r"(assets|stylesheets|vendor)/")),
]


def kind_of(path: str) -> str:
    for kind, pattern in KINDS:
        if pattern.match(path):
            return kind
    return "other"


def measure(site: Path) -> dict[str, object]:
    """Files and bytes of `site` by kind, and its paper count (from catalogue.json)."""
    papers = len(json.loads((site / "catalogue.json").read_text(encoding="utf-8"))["papers"])
    files: dict[str, int] = defaultdict(int)
    sizes: dict[str, int] = defaultdict(int)
    for path in site.rglob("*"):
        if path.is_file():
            kind = kind_of(path.relative_to(site).as_posix())
            files[kind] += 1
            sizes[kind] += path.stat().st_size
    return {"papers": papers, "files": dict(files), "bytes": dict(sizes)}


def table(result: dict[str, object]) -> str:
    papers = int(result["papers"])  # type: ignore[call-overload]
    files: dict[str, int] = result["files"]  # type: ignore[assignment]
    sizes: dict[str, int] = result["bytes"]  # type: ignore[assignment]
    rows = [
        f"Papers: {papers:,}",
        "",
        "| Kind | Files | MB | KB per paper | Files per paper | Mean KB per file |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    order = [k for k, _ in KINDS] + ["other"]
    for kind in sorted(files, key=order.index):
        n, size = files[kind], sizes[kind]
        rows.append(
            f"| {kind} | {n:,} | {size / 1e6:.2f} | {size / papers / 1e3:.2f} | "
            f"{n / papers:.3f} | {size / n / 1e3:.2f} |"
        )
    n, size = sum(files.values()), sum(sizes.values())
    rows.append(
        f"| **all** | **{n:,}** | **{size / 1e6:.2f}** | **{size / papers / 1e3:.2f}** | "
        f"**{n / papers:.3f}** | {size / n / 1e3:.2f} |"
    )
    return "\n".join(rows)


SITE_URL = "https://example.github.io/paper-catalogue/"
DATE = "2026-01-01T12:00:00Z"


def commit_seeds(work: Path) -> None:
    """Commit the seeds in a scratch repository, as the Pages workflow's full clone has them: papers
    are dated, so the site has its feeds (one commit, a fixed date: the same bytes every run)."""
    env = {**os.environ, "GIT_AUTHOR_DATE": DATE, "GIT_COMMITTER_DATE": DATE}
    env |= {"GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.org"}
    env |= {"GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}
    for cmd in (["init", "-q"], ["add", "seeds"], ["commit", "-q", "-m", "seeds"]):
        subprocess.run(["git", *cmd], check=True, cwd=work, env=env)


def build(size: int, keyphrase: Path, work: Path, cache: Path) -> Path:
    """Generate `size` recombined abstracts into a scratch project and build it as Pages does."""
    if work.exists():
        shutil.rmtree(work)
    write_seeds(work / "seeds", make_corpus(source_documents(keyphrase), size))
    prepare_project(work)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "OFFLINE": "false", "SITE_URL": SITE_URL}
    commit_seeds(work)
    start = time.perf_counter()
    cmd = [sys.executable, "-m", "generator", "build", "--seeds", str(work / "seeds")]
    cmd += ["--docs", str(work / "docs"), "--cache", str(cache)]
    subprocess.run(cmd, check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    generated = time.perf_counter()
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(work / "mkdocs.yml")]
    subprocess.run(cmd, check=True, cwd=work, env=env)
    print(
        f"generate {generated - start:.1f} s, mkdocs build {time.perf_counter() - generated:.1f} s "
        f"(load average {os.getloadavg()[0]:.1f})",
        file=sys.stderr,
    )
    return work / "site"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("keyphrase", nargs="?", type=Path, default=default_keyphrase())
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="a built site to measure")
    parser.add_argument("--build", type=int, default=0, help="build a site of this many abstracts first")
    parser.add_argument("--work", type=Path, default=ROOT / ".cache" / "site-size")
    parser.add_argument("--cache", type=Path, default=ROOT / ".cache" / "site-size-cache")
    parser.add_argument("--keep", action="store_true", help="keep the scratch project of --build")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    site = build(args.build, args.keyphrase, args.work, args.cache) if args.build else args.site
    result = measure(site)
    print(json.dumps(result, sort_keys=True) if args.json else table(result))
    if args.build and not args.keep:
        shutil.rmtree(args.work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
