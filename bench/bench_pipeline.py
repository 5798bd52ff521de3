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
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.identity.normalize import paper_id  # noqa: E402

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
LINES_PER_FILE = 500
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
CHROMIUM = "/usr/bin/chromium"
QUERY = "neural network"


# ---------------------------------------------------------------- corpus


def source_documents(keyphrase: Path) -> list[list[str]]:
    """Real abstracts as lists of sentences: seeds/ plus every dataset document long enough."""
    texts: list[str] = []
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        texts += [line for line in seed.read_text(encoding="utf-8").splitlines() if line.strip()]
    for item in sorted(keyphrase.iterdir()) if keyphrase.is_dir() else []:
        if item.suffix == ".zip":
            with zipfile.ZipFile(item) as archive:
                names = sorted(n for n in archive.namelist() if "/docsutf8/" in n and n.endswith(".txt"))
                texts += [archive.read(n).decode("utf-8", "replace") for n in names]
        elif item.is_dir():
            files = sorted(item.glob("docsutf8/*.txt"))
            texts += [p.read_text(encoding="utf-8", errors="replace") for p in files]
    docs = []
    for text in texts:
        sentences = [s for s in SENTENCE.split(" ".join(text.split())) if s]
        if len(sentences) >= 3 and 300 <= sum(map(len, sentences)) <= 3000:
            docs.append(sentences)
    if len(docs) < 100:
        sys.exit(f"error: only {len(docs)} usable documents; is {keyphrase} the keyphrase folder?")
    return docs


def _thirds(sentences: list[str]) -> tuple[list[str], list[str], list[str]]:
    n = len(sentences)
    a, b = max(1, n // 3), max(2, (2 * n) // 3)
    return sentences[:a], sentences[a:b], sentences[b:]


def make_corpus(docs: list[list[str]], size: int) -> list[str]:
    """``size`` distinct abstracts: the real documents first, then recombined ones.

    A recombined abstract is the opening third of one real abstract, the middle third of a second
    and the closing third of a third, so each reads like an abstract (an opening, a method, a
    result). Two of them share at most one third, a word-3-gram Jaccard similarity of about 0.2:
    below the near-duplicate merge (0.5) and its candidate search (0.3), so a corpus of N abstracts
    makes a catalogue of N papers (a few real duplicates in seeds/ aside).
    """
    n = len(docs)
    out: list[str] = []
    seen: set[str] = set()
    i = 0
    while len(out) < size:
        if i < n:
            sentences = docs[i]
        else:
            # Round r pairs document a with a + r and a + 3r: for r below n / 2 no two abstracts
            # share two of the three parts, and the three parts come from three documents.
            r, a = divmod(i, n)
            b, c = (a + r) % n, (a + 3 * r) % n
            sentences = _thirds(docs[a])[0] + _thirds(docs[b])[1] + _thirds(docs[c])[2]
        text = " ".join(sentences)
        pid = paper_id(text)
        if pid not in seen:
            seen.add(pid)
            out.append(text)
        i += 1
    return out


def write_seeds(folder: Path, abstracts: list[str]) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for n, start in enumerate(range(0, len(abstracts), LINES_PER_FILE)):
        lines = abstracts[start : start + LINES_PER_FILE]
        (folder / f"part-{n:04d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def change_one_line(folder: Path, docs: list[list[str]]) -> None:
    """Replace the first abstract of the first seed file by a new one (a one-line seed edit)."""
    first = sorted(folder.glob("*.txt"))[0]
    lines = first.read_text(encoding="utf-8").splitlines()
    lines[0] = " ".join(docs[0]) + " This edited line was added by the warm benchmark run."
    first.write_text("\n".join(lines) + "\n", encoding="utf-8")


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


# ---------------------------------------------------------------- report


def fmt_s(seconds: float) -> str:
    return f"{seconds:.2f}" if seconds < 10 else f"{seconds:.1f}"


def stage_table(size: int, cold: dict[str, Any], warm: dict[str, Any], build: dict[str, Any] | None) -> str:
    rows = [
        f"#### {size:,} abstracts ({cold['papers']:,} papers, {cold['keywords']:,} keywords)",
        "",
        "| Stage | Cold wall s | Cold CPU s | Cold peak MB | Warm wall s | Warm CPU s | Warm peak MB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    warm_by = {s["stage"]: s for s in warm["stages"]}
    for stage in cold["stages"]:
        w = warm_by.get(stage["stage"], {"seconds": 0.0, "cpu": 0.0, "peak_mb": 0.0})
        rows.append(
            f"| {stage['stage']} | {fmt_s(stage['seconds'])} | {fmt_s(stage['cpu'])} | "
            f"{stage['peak_mb']:.0f} | "
            f"{fmt_s(w['seconds'])} | {fmt_s(w['cpu'])} | {w['peak_mb']:.0f} |"
        )
    rows.append(
        f"| **generate total** | **{fmt_s(cold['total'])}** | **{fmt_s(cold['cpu'])}** | "
        f"**{cold['peak_mb']:.0f}** (workers {cold['workers_peak_mb']:.0f}) | **{fmt_s(warm['total'])}** | "
        f"**{fmt_s(warm['cpu'])}** | **{warm['peak_mb']:.0f}** |"
    )
    if build:
        rows.append(
            f"| mkdocs build | {fmt_s(build['seconds'])} | {fmt_s(build['cpu'])} | "
            f"{build['peak_mb']:.0f} | | | |"
        )
    rows += [
        "",
        f"Files written: cold {cold['written']:,}; warm {warm['written']:,} "
        f"({warm['unchanged']:,} unchanged, {warm['removed']:,} removed, "
        f"{warm.get('not_rendered', 0):,} not re-rendered). "
        f"Keyword cache: cold {cold['computed']:,} computed; warm {warm['cache_hits']:,} reused, "
        f"{warm['computed']:,} computed.",
    ]
    return "\n".join(rows)


def _kw(run: dict[str, Any]) -> dict[str, Any]:
    return next((x for x in run["stages"] if x["stage"] == "keywords"), {"seconds": 0.0, "cpu": 0.0})


def generate_table(results: list[dict[str, Any]]) -> str:
    rows = [
        "| Abstracts | Papers | Cold generate s (CPU s) | Warm generate s (CPU s) "
        "| Warm/cold wall (CPU) | Keywords stage s | Bare serial YAKE s (CPU s) "
        "| Keywords/YAKE | Generate/YAKE | Peak MB (workers) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        cold, warm = r["cold"], r["warm"]
        yake_s = cold.get("bare_yake")
        cells = [
            r["label"],
            f"{cold['papers']:,}",
            f"{fmt_s(cold['total'])} ({fmt_s(cold['cpu'])})",
            f"{fmt_s(warm['total'])} ({fmt_s(warm['cpu'])})",
            f"{warm['total'] / cold['total']:.1%} ({warm['cpu'] / max(cold['cpu'], 1e-9):.1%})",
            fmt_s(_kw(cold)["seconds"]),
            f"{fmt_s(yake_s)} ({fmt_s(cold['bare_yake_cpu'])})" if yake_s else "-",
            f"{_kw(cold)['seconds'] / yake_s:.2f}x" if yake_s else "-",
            f"{cold['total'] / yake_s:.2f}x" if yake_s else "-",
            f"{cold['peak_mb']:.0f} ({cold['workers_peak_mb']:.0f})",
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def site_table(results: list[dict[str, Any]]) -> str:
    rows = [
        "| Papers | mkdocs build s (CPU s) | Peak MB | Site MB (files) | Search index MB (gzip) "
        "| Index entries | Mean paper page KB | First search result s (bytes downloaded MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        b, q = r.get("build"), r.get("search")
        if not b:
            continue
        cells = [
            f"{r['cold']['papers']:,}",
            f"{fmt_s(b['seconds'])} ({fmt_s(b['cpu'])})",
            f"{b['peak_mb']:.0f}",
            f"{b['site_mb']:.1f} ({b['site_files']:,})",
            f"{b['index_mb']:.2f} ({b['index_gz_mb']:.2f}) {b.get('search', '')}".rstrip(),
            f"{b['index_entries']:,}",
            f"{b['paper_page_kb']:.1f}",
            f"{q['first_result_s']:.2f} ({q['bytes_mb']:.2f})" if q else "-",
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def make_site(r: dict[str, Any], key: str = "wall") -> tuple[float, float] | None:
    """Cold and warm `make site` seconds (``key`` "wall" or "cpu"): generate plus `mkdocs build
    --dirty` (None: not built). CPU seconds are not inflated by other load on the machine."""
    if not r.get("build") or not r.get("warm_build"):
        return None
    gen, build = ("total", "seconds") if key == "wall" else ("cpu", "cpu")
    return r["cold"][gen] + r["build"][build], r["warm"][gen] + r["warm_build"][build]


def make_site_table(results: list[dict[str, Any]]) -> str:
    rows = [
        "| Papers | Site KB per paper | Files per paper | Cold make site s (generate + mkdocs) "
        "| Warm make site s (generate + mkdocs; pages rendered) | Warm/cold wall (CPU) "
        "| Full mkdocs build s (CPU s) | Baseline full mkdocs build s (CPU s) "
        "| This/baseline | mkdocs peak MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        b, w, base = r.get("build"), r.get("warm_build"), r.get("baseline")
        times, cpu = make_site(r), make_site(r, "cpu")
        if not b:
            continue
        papers = r["cold"]["papers"]
        cells = [
            f"{papers:,}",
            f"{b['site_mb'] * 1e3 / papers:.1f}",
            f"{b['site_files'] / papers:.2f}",
            f"{fmt_s(times[0])} ({fmt_s(r['cold']['total'])} + {fmt_s(b['seconds'])})" if times else "-",
            f"{fmt_s(times[1])} ({fmt_s(r['warm']['total'])} + {fmt_s(w['seconds'])}; "
            f"{w['pages_changed']:,} of {w['pages_total']:,})"
            if times and w and w.get("pages_total")
            else "-",
            f"{times[1] / times[0]:.1%} ({cpu[1] / cpu[0]:.1%})" if times and cpu else "-",
            f"{fmt_s(b['seconds'])} ({fmt_s(b['cpu'])})",
            f"{fmt_s(base['seconds'])} ({fmt_s(base['cpu'])})" if base else "-",
            f"{b['seconds'] / base['seconds']:.2f}" if base else "-",
            f"{b['peak_mb']:.0f}",
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def goals_table(results: list[dict[str, Any]]) -> str:
    by = {r["size"]: r for r in results}
    seeds = next((r for r in results if r["label"] == "seeds"), None)
    rows = ["| Goal | Target | Measured | Met |", "|---|---|---|---|"]

    def add(goal: str, target: str, value: float | None, ok: bool | None, shown: str) -> None:
        rows.append(
            f"| {goal} | {target} | {shown if value is not None else 'not measured'} | "
            f"{'-' if value is None else ('yes' if ok else '**no**')} |"
        )

    r = by.get(2000)
    ratio = r["cold"]["total"] / r["cold"]["bare_yake"] if r and r["cold"].get("bare_yake") else None
    add(
        "Cold generate, 2,000 abstracts, vs bare serial YAKE",
        "<= 0.70x",
        ratio,
        ratio is not None and ratio <= 0.7,
        f"{ratio:.2f}x" if ratio else "",
    )
    for size, r in sorted(by.items()):
        if size:
            w = r["warm"]["total"] / r["cold"]["total"]
            add(f"Warm generate after one-line change, {size:,}", "<= 10% of cold", w, w <= 0.10, f"{w:.1%}")
    r = by.get(100_000)
    peak = r["cold"]["peak_mb"] if r else None
    add(
        "Peak memory of generate, 100,000 abstracts",
        "<= 1,536 MB",
        peak,
        peak is not None and peak <= 1536,
        f"{peak:.0f} MB (this process; each pool worker {r['cold']['workers_peak_mb']:.0f} MB)"
        if peak and r
        else "",
    )
    for size in (2000, 10_000):
        b = by.get(size, {}).get("build")
        kb = b["site_mb"] * 1e3 / by[size]["cold"]["papers"] if b else None
        add(
            f"Site bytes per paper, {size:,}",
            "<= 20 KB",
            kb,
            kb is not None and kb <= 20,
            f"{kb:.1f} KB" if kb else "",
        )
        files = b["site_files"] / by[size]["cold"]["papers"] if b else None
        add(
            f"Files per paper, {size:,}",
            "<= 2.5",
            files,
            files is not None and files <= 2.5,
            f"{files:.2f}" if files else "",
        )
        times = make_site(by[size]) if size in by else None
        cpu = make_site(by[size], "cpu") if size in by else None
        ratio = times[1] / times[0] if times else None
        add(
            f"make site after a one-line edit, {size:,}",
            "<= 15% of cold",
            ratio,
            ratio is not None and ratio <= 0.15,
            f"{ratio:.1%} wall ({cpu[1] / cpu[0]:.1%} CPU)" if ratio is not None and cpu else "",
        )
    a, b = by.get(1000, {}).get("build"), by.get(10_000, {}).get("build")
    growth = b["seconds"] / a["seconds"] if a and b else None
    add(
        "Full mkdocs build growth 1,000 -> 10,000",
        "<= 10.5x",
        growth,
        growth is not None and growth <= 10.5,
        f"{growth:.1f}x" if growth else "",
    )
    base = by.get(10_000, {}).get("baseline")
    half = b["seconds"] / base["seconds"] if b and base else None
    add(
        "Full mkdocs build at 10,000 vs the baseline checkout (same run)",
        "<= 0.5x",
        half,
        half is not None and half <= 0.5,
        f"{half:.2f}x ({b['seconds']:.1f} s vs {base['seconds']:.1f} s)" if half and b and base else "",
    )
    r = by.get(100_000)
    big = r and r.get("build")
    peak = max(r["cold"]["peak_mb"], big["peak_mb"]) if r and big else None
    add(
        "100,000: generate and full site finish; peak memory",
        "<= 4,096 MB",
        peak,
        peak is not None and peak <= 4096,
        f"{peak:.0f} MB (generate {r['cold']['peak_mb']:.0f}, mkdocs {big['peak_mb']:.0f}); "
        f"generate {r['cold']['total']:.0f} s + mkdocs {big['seconds']:.0f} s"
        if peak and r and big
        else "",
    )
    small = seeds and seeds.get("build")
    change = b["paper_page_kb"] / small["paper_page_kb"] - 1 if b and small else None
    add(
        "Mean paper page size at 10,000 vs at 47 (seeds/)",
        "within 20%",
        change,
        change is not None and abs(change) <= 0.2,
        f"{change:+.1%}" if change is not None else "",
    )
    return "\n".join(rows)


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


def default_keyphrase() -> Path:
    """../shared/keyphrase beside the repository (or beside the folder of worktrees)."""
    for up in (ROOT.parent, ROOT.parent.parent):
        if (up / "shared" / "keyphrase").is_dir():
            return up / "shared" / "keyphrase"
    return ROOT.parent / "shared" / "keyphrase"


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
