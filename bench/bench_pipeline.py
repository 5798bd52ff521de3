"""Benchmark the generator and the site at 1,000, 10,000 and 100,000 abstracts (not a test).

    .venv/bin/python bench/bench_pipeline.py [KEYPHRASE_DIR] [--sizes 1000,2000,10000,100000]

Corpora are recombined at run time from seeds/ and the keyphrase datasets (zips or folders of
``*/docsutf8/*.txt``, default ../shared/keyphrase): every abstract keeps the opening and most
sentences of one real document and takes one or two sentences from another document of the same
dataset, so texts stay realistic and are all distinct. They are written under ``--work`` (default
.cache/bench, git-ignored) and never committed.

For each size: a cold generate (empty docs/ and cache) and a warm one after a one-line seed change,
each in a fresh process timing every stage of the real ``pipeline.build`` (wall time, peak RSS);
bare serial YAKE on the same cleaned texts for the ratio; ``mkdocs build`` (up to --mkdocs-max
papers) with site size, search index size and mean paper page size; time and bytes to the first
search result in headless Chromium (up to --browser-max papers). Prints Markdown tables and writes
them to --out (default .cache/bench/results.md).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import hashlib
import http.server
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_corpus import change_one_line, default_keyphrase, make_corpus, source_documents, write_seeds  # noqa: E402
from bench_tables import generate_table, goals_table, make_site_table, site_table, stage_table  # noqa: E402

STAGE_NAMES = {
    "read_seeds": "ingest",
    "dedupe": "dedupe",
    "clean": "clean",
    "with_titles": "titles",
    "with_keywords": "keywords",
    "related_papers": "links",
    "keyword_index": "keyword index",
    # Pages are rendered as write asks for them (and not at all when unchanged): one stage.
    "write": "render + write",
    "with_topics": "topics",
}
CHROMIUM = "/usr/bin/chromium"
QUERY = "neural network"


# ---------------------------------------------------------------- one generate run (child process)


class Descendants:
    """Peak memory and CPU time of this process's descendants (the pool's fork server and its
    workers), sampled from /proc every ``interval`` seconds: they are not this process's own
    children, so ``getrusage(RUSAGE_CHILDREN)`` never sees them."""

    def __init__(self, interval: float = 0.2) -> None:
        self.peak_kb = 0
        self._cpu: dict[int, float] = {}  # pid -> last seen user + system seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(interval,), daemon=True)
        self._thread.start()

    def _run(self, interval: float) -> None:
        while not self._stop.wait(interval):
            self.sample()

    def sample(self) -> None:
        parents: dict[int, int] = {}
        status: dict[int, str] = {}
        for name in os.listdir("/proc"):
            if name.isdigit():
                try:
                    text = Path(f"/proc/{name}/status").read_text()
                except OSError:
                    continue
                pid = int(name)
                status[pid] = text
                parents[pid] = int(text.split("PPid:")[1].split()[0])
        mine, grew = {os.getpid()}, True
        while grew:
            found = {pid for pid, parent in parents.items() if parent in mine} - mine
            grew = bool(found)
            mine |= found
        mine.discard(os.getpid())
        tick = os.sysconf("SC_CLK_TCK")
        for pid in mine:
            if "VmHWM:" in status[pid]:
                self.peak_kb = max(self.peak_kb, int(status[pid].split("VmHWM:")[1].split()[0]))
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            self._cpu[pid] = (int(fields[11]) + int(fields[12])) / tick

    def cpu_seconds(self) -> float:
        return sum(self._cpu.values())

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


DESCENDANTS: Descendants | None = None


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    if who == resource.RUSAGE_CHILDREN and DESCENDANTS is not None:
        return max(DESCENDANTS.peak_kb, resource.getrusage(who).ru_maxrss) / 1024
    return resource.getrusage(who).ru_maxrss / 1024


def _cpu_seconds() -> float:
    """CPU time of this process and its workers: unlike wall time, not inflated by other load."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    workers = DESCENDANTS.cpu_seconds() if DESCENDANTS is not None else 0.0
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime + workers


def child_generate(seeds: Path, docs: Path, cache: Path, jobs: int, bare_yake: bool) -> None:
    """Run pipeline.build with every stage timed; print one JSON line."""
    global DESCENDANTS
    DESCENDANTS = Descendants()
    from generator import pipeline
    from generator.inputs import ingest
    from generator.site import write

    stages: list[dict[str, Any]] = []
    captured: dict[str, Any] = {}

    def timed(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if name == "with_keywords":
                captured["texts"] = [p.text for p in args[0]]
            start, cpu = time.perf_counter(), _cpu_seconds()
            result = func(*args, **kwargs)
            stages.append(
                {
                    "stage": STAGE_NAMES.get(name, name),
                    "seconds": time.perf_counter() - start,
                    "cpu": _cpu_seconds() - cpu,
                    "peak_mb": _peak_mb(),
                    "workers_peak_mb": _peak_mb(resource.RUSAGE_CHILDREN),
                }
            )
            return result

        return wrapper

    # Wrap the stage functions the orchestrator calls, so the real pipeline.build is measured and
    # stages added later show up under their own name.
    for name, obj in list(vars(pipeline).items()):
        module = getattr(obj, "__module__", "") or ""
        stage = callable(obj) and not isinstance(obj, type) and module.startswith("generator.")
        if stage and module != "generator.pipeline":
            setattr(pipeline, name, timed(name, obj))
    ingest.read_seeds = timed("read_seeds", ingest.read_seeds)  # type: ignore[method-assign]
    write.write = timed("write", write.write)  # type: ignore[method-assign]

    start, cpu = time.perf_counter(), _cpu_seconds()
    summary = pipeline.build(seeds, docs, quiet=True, cache_dir=cache, jobs=jobs)
    total = time.perf_counter() - start
    result: dict[str, Any] = {
        "stages": stages,
        "total": total,
        "cpu": _cpu_seconds() - cpu,
        "peak_mb": _peak_mb(),
        "workers_peak_mb": _peak_mb(resource.RUSAGE_CHILDREN),
        "papers": summary.papers,
        "keywords": summary.keywords,
        "written": summary.pages_written,
        "unchanged": summary.unchanged,
        "not_rendered": summary.not_rendered,
        "removed": summary.removed,
        "cache_hits": summary.cache_hits,
        "computed": summary.computed,
    }
    if bare_yake:
        import networkx
        import numpy
        import yake
        import yake.data.core
        import yake.data.single_word

        from generator.keywords.stage import YAKE_SETTINGS

        # The library as it comes: the keyword stage swaps two of YAKE's helpers only during its calls.
        assert yake.data.core.nx is networkx and yake.data.single_word.np is numpy

        extractor = yake.KeywordExtractor(**YAKE_SETTINGS)
        start, cpu = time.perf_counter(), _cpu_seconds()
        for text in captured["texts"]:
            extractor.extract_keywords(text)
        result["bare_yake"] = time.perf_counter() - start
        result["bare_yake_cpu"] = _cpu_seconds() - cpu
    print(json.dumps(result))


def run_generate(work: Path, jobs: int, bare_yake: bool) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", str(work / "seeds"), str(work / "docs"), str(work / "cache")]
    cmd += ["--jobs", str(jobs)] + (["--bare-yake"] if bare_yake else [])
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    return json.loads(out.strip().splitlines()[-1])


# ---------------------------------------------------------------- mkdocs build and the built site


def prepare_project(work: Path, source: Path = ROOT) -> None:
    """The site's configuration and hand-written pages of the checkout ``source`` in ``work``."""
    (work / "docs").mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / "mkdocs.yml", work / "mkdocs.yml")
    for name in ("about.md", "stylesheets", "vendor"):
        src, dst = source / "docs" / name, work / "docs" / name
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True)
        elif src.exists():
            shutil.copy2(src, dst)
    # The theme's custom_dir (overrides/main.html: feed links in the page head).
    shutil.copytree(source / "overrides", work / "overrides", dirs_exist_ok=True)
    shutil.copytree(source / "hooks", work / "hooks", dirs_exist_ok=True)


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def run_baseline(work: Path, baseline: Path) -> dict[str, Any]:
    """A full `mkdocs build` of the same corpus with another checkout's generator, templates, hooks
    and mkdocs.yml (``--baseline``, e.g. a worktree of an earlier commit), in the same run.

    The baseline's docs/ is a copy of this run's when both generators are the same, else generated
    by the baseline's generator (its package imported from the checkout: `python -m` from there)."""
    base = work / "baseline"
    if base.exists():
        shutil.rmtree(base)
    if _tree_digest(baseline / "generator") == _tree_digest(ROOT / "generator"):
        shutil.copytree(work / "docs", base / "docs", ignore=shutil.ignore_patterns(".generated.json"))
    else:
        cmd = [sys.executable, "-m", "generator", "build", "--seeds", str(work / "seeds")]
        cmd += ["--docs", str(base / "docs"), "--cache", str(work / "cache"), "-q"]
        subprocess.run(cmd, check=True, cwd=baseline, capture_output=True)
    prepare_project(base, baseline)
    result = run_mkdocs(base)
    shutil.rmtree(base)
    return result


CHANGED = re.compile(r"incremental: (\d+) of (\d+) pages changed")


def run_mkdocs(
    work: Path, env: dict[str, str] | None = None, site_dir: str = "site", dirty: bool = False
) -> dict[str, Any]:
    """`mkdocs build` as the Pages workflow runs it (OFFLINE unset: the served site, Pagefind search).

    ``dirty``: `make site`'s `mkdocs build --dirty` (hooks/incremental.py): a full build without a
    record of the last one, else only the pages that changed."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    env.pop("OFFLINE", None)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(work / "mkdocs.yml")]
    cmd += ["-d", str(work / site_dir)] + (["--dirty"] if dirty else [])
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=work, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    assert proc.stderr is not None
    err = proc.stderr.read().decode()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        sys.exit(f"mkdocs build failed:\n{err}")
    site = work / site_dir
    changed = CHANGED.search(err)
    index = (site / "search/search_index.json").read_bytes()
    pages = [p.stat().st_size for p in site.glob("papers/*/index.html") if p.parent.name != "page"]
    result = {
        "seconds": seconds,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mb": usage.ru_maxrss / 1024,
        "site_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6,
        "site_files": sum(1 for p in site.rglob("*") if p.is_file()),
        "search": "material",
        "index_mb": len(index) / 1e6,
        "index_gz_mb": len(gzip.compress(index, 6)) / 1e6,
        "index_entries": len(json.loads(index)["docs"]),
        "paper_page_kb": sum(pages) / max(1, len(pages)) / 1e3,
        # pages rendered again by an incremental build (None: a full build)
        "pages_changed": int(changed.group(1)) if changed else None,
        "pages_total": int(changed.group(2)) if changed else None,
    }
    bundle = site / "pagefind"
    if (bundle / "pagefind-entry.json").is_file():
        # Pagefind's chunked index (hooks/pagefind_search.py): its files are already compressed.
        files = [p for p in bundle.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files)
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        result.update(
            search="pagefind",
            index_mb=size / 1e6,
            index_gz_mb=sum(_served_bytes(p) for p in files) / 1e6,
            index_entries=sum(lang.get("page_count", 0) for lang in entry.get("languages", {}).values()),
            index_files=len(files),
        )
    return result


def _served_bytes(path: Path) -> int:
    """Bytes a host sends for a file: gzip for text, as is for Pagefind's pre-compressed chunks."""
    return len(gzip.compress(path.read_bytes(), 6)) if path.suffix in _Quiet.COMPRESS else path.stat().st_size


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """A static host like GitHub Pages: text files gzip-compressed when the browser accepts it."""

    COMPRESS = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in self.COMPRESS and path.is_file()):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def measure_search(site: Path, query: str = QUERY) -> dict[str, Any] | None:
    """Open the home page, type a query at once, wait for the first result: time and bytes.

    Works for whichever search the site ships (Material's lunr worker or the Pagefind worker:
    both fill Material's result list). Bytes are as transferred (gzip for text, like GitHub
    Pages), counted from the home page's request to the first result.
    """
    if not Path(CHROMIUM).exists():
        return None
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page()
            received: list[int] = []
            page.on("requestfinished", lambda r: received.append(r.sizes()["responseBodySize"]))
            start = time.perf_counter()
            page.goto(url)
            loaded = time.perf_counter()
            page.keyboard.press("/")
            page.locator("input.md-search__input").press_sequentially(query, delay=20)
            typed = time.perf_counter()
            page.locator(".md-search-result__item").first.wait_for(timeout=300_000)
            first = time.perf_counter()
            result = {
                "load_s": loaded - start,
                "first_result_s": first - start,
                "after_typing_s": first - typed,
                "bytes_mb": sum(received) / 1e6,
                "requests": len(received),
                "results": page.locator(".md-search-result__item").count(),
            }
            browser.close()
            return result
    finally:
        httpd.shutdown()


def machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    cpu = platform.processor() or platform.machine()
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
        cpu = model
    except (OSError, StopIteration):
        pass
    load = os.getloadavg()
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, {mem:.0f} GB RAM, "
        f"Python {platform.python_version()}; "
        f"load average at the end {load[0]:.1f}/{load[1]:.1f}/{load[2]:.1f}"
    )


# ---------------------------------------------------------------- main


def bench_size(
    label: str, seeds: list[str] | Path, work: Path, args: argparse.Namespace, docs: list[list[str]]
) -> dict[str, Any]:
    size = len(seeds) if isinstance(seeds, list) else 0
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    if isinstance(seeds, list):
        write_seeds(work / "seeds", seeds)
    else:
        shutil.copytree(seeds, work / "seeds")
    prepare_project(work)
    bare = size == 0 or size <= args.yake_max
    cold = run_generate(work, args.jobs, bare)
    log(f"  cold generate {cold['total']:.1f} s, peak {cold['peak_mb']:.0f} MB")
    build = search = warm_build = baseline = None
    papers = cold["papers"]
    if papers <= args.mkdocs_max:
        # `make site`'s mkdocs step: without a record of a previous build, a full build.
        build = run_mkdocs(work, dirty=True)
        log(f"  mkdocs build {build['seconds']:.1f} s, peak {build['peak_mb']:.0f} MB")
        if args.baseline and papers <= args.baseline_max:
            baseline = run_baseline(work, args.baseline)
            log(f"  baseline mkdocs build {baseline['seconds']:.1f} s")
        if papers <= args.browser_max and not args.no_browser:
            search = measure_search(work / "site")
            log(f"  first search result {search and search['first_result_s']}")
    change_one_line(work / "seeds", docs)
    warm = run_generate(work, args.jobs, False)
    log(f"  warm generate {warm['total']:.1f} s")
    if build:
        warm_build = run_mkdocs(work, dirty=True)  # the incremental build after a one-line edit
        log(f"  warm mkdocs build {warm_build['seconds']:.1f} s ({warm_build['pages_changed']} pages)")
    result = {
        "label": label,
        "size": size,
        "cold": cold,
        "warm": warm,
        "build": build,
        "search": search,
        "warm_build": warm_build,
        "baseline": baseline,
    }
    if not args.keep:
        shutil.rmtree(work)
    return result


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("keyphrase", nargs="?", type=Path, default=default_keyphrase())
    parser.add_argument("--sizes", default="1000,2000,10000,100000", help="comma-separated corpus sizes")
    parser.add_argument("--work", type=Path, default=ROOT / ".cache" / "bench", help="scratch folder")
    parser.add_argument("--out", type=Path, default=None, help="write the tables here too")
    parser.add_argument("--jobs", type=int, default=0, help="generator worker processes (0: all cores)")
    parser.add_argument("--yake-max", type=int, default=10_000, help="bare YAKE comparison up to this size")
    parser.add_argument("--mkdocs-max", type=int, default=10_000, help="mkdocs build up to this size")
    parser.add_argument("--browser-max", type=int, default=10_000, help="search timing up to this size")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument(
        "--baseline",
        type=Path,
        default=None,
        help="a checkout (e.g. `git worktree add --detach ../bench-base COMMIT`) whose full mkdocs build "
        "of the same corpus is timed in the same run",
    )
    parser.add_argument("--baseline-max", type=int, default=10_000, help="baseline build up to this size")
    parser.add_argument("--keep", action="store_true", help="keep the generated corpora and sites")
    parser.add_argument("--child", nargs=3, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--bare-yake", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child_generate(*args.child, jobs=args.jobs, bare_yake=args.bare_yake)
        return 0

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.work = args.work.resolve()
    log(f"reading documents from {args.keyphrase}")
    docs = source_documents(args.keyphrase)
    log(f"{len(docs):,} usable source documents")
    command = "python bench/bench_pipeline.py " + " ".join(sys.argv[1:] if argv is None else argv)
    results: list[dict[str, Any]] = []
    out = args.out or args.work / "results.md"
    jobs = args.jobs or len(os.sched_getaffinity(0))

    def report() -> str:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.with_suffix(".json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        parts = [
            f"Command: `{command.strip()}`",
            "",
            f"Machine: {machine()}; generator with {jobs} worker processes.",
            "",
            "### Goals",
            "",
            goals_table(results),
            "",
            "### Generate",
            "",
            generate_table(results),
            "",
            "### Site",
            "",
            site_table(results),
            "",
            "### make site, cold and after a one-line edit",
            "",
            make_site_table(results),
            "",
            "### Stages",
            "",
            *[stage_table(r["cold"]["papers"], r["cold"], r["warm"], r["build"]) + "\n" for r in results],
        ]
        text = "\n".join(parts)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text + "\n", encoding="utf-8")  # after every size: a long run reports as it goes
        return text

    log("seeds/ (the real catalogue)")
    results.append(bench_size("seeds", ROOT / "seeds", args.work / "seeds", args, docs))
    report()
    for size in sizes:
        log(f"{size:,} abstracts")
        corpus = make_corpus(docs, size)
        results.append(bench_size(f"{size:,}", corpus, args.work / f"corpus-{size}", args, docs))
        report()
    print(report())
    log(f"tables written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
