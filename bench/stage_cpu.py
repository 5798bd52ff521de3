"""CPU seconds of each stage of one serial build (``--jobs 1``: every stage in this process), not a test.

    .venv/bin/python bench/stage_cpu.py SEEDS_DIR [--docs DIR] [--cache DIR] [--warm] [--jobs N]

The pipeline's stage functions are wrapped and timed with ``time.process_time`` (this process's CPU,
so the figure does not move with the machine's other load as wall time does); the related-papers
stage is split into its candidates (TF-IDF rows, neighbours, the pair model's spaces and LSA) and its
per-paper links (pair features, the model, reasons, the topics' neighbourhood). A cold build by
default (the docs and cache folders are emptied first); ``--warm`` keeps the cache, so only what it
lacks is computed. Used for BENCHMARKS.md, "Cold build, third session, round 2". A serial build is
no measure of the parallel build's wall time: see bench_cold.py for that.

With ``--jobs N`` (N > 1) the per-abstract stages run on the build's pool as in a real build, and a
second column gives the CPU seconds the pool's worker processes spent in each stage (their
``/proc/<pid>/stat``, Linux): what a cut between stages on different workers saves (BENCHMARKS.md,
"Cold build, fifth session"). Forked children (links, pages) are not counted there.
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

START = time.process_time()
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import generator.pipeline as pipeline  # noqa: E402
import generator.relate.pairmodel as pairmodel  # noqa: E402
import generator.relate.related as related  # noqa: E402

IMPORTS = time.process_time() - START
TIMES: dict[str, float] = {}
WORKERS: dict[str, float] = {}


def workers_cpu() -> float:
    """CPU seconds of the current build's pool workers so far (0 without a pool, or off Linux)."""
    from generator.runtime import parallel

    pool = parallel.current()._pool
    total = 0
    for pid in list(getattr(pool, "_processes", None) or {}):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def timed(module: Any, name: str, label: str) -> None:
    func: Callable[..., Any] | None = getattr(module, name, None)
    if func is None:  # an older commit without this function
        return

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start, pool_start = time.process_time(), workers_cpu()
        try:
            return func(*args, **kwargs)
        finally:
            TIMES[label] = TIMES.get(label, 0.0) + time.process_time() - start
            WORKERS[label] = WORKERS.get(label, 0.0) + workers_cpu() - pool_start

    setattr(module, name, wrapper)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("seeds", type=Path)
    parser.add_argument("--docs", type=Path, default=None)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--warm", action="store_true", help="keep the cache folder")
    parser.add_argument("--jobs", type=int, default=1, help="processes (default 1: serial)")
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="stage-cpu-"))
    docs, cache = args.docs or scratch / "docs", args.cache or scratch / "cache"
    shutil.rmtree(docs, ignore_errors=True)
    if not args.warm:
        shutil.rmtree(cache, ignore_errors=True)
    for name in ("dedupe", "clean", "with_keywords", "with_titles", "related_papers", "with_topics"):
        timed(pipeline, name, name)
    timed(pipeline.write, "write", "render + write")
    timed(related, "candidates", "related_papers: candidates")
    timed(pairmodel, "pairing", "related_papers: candidates: pair model spaces (LSA)")
    timed(related, "_links_of", "related_papers: links")
    start = time.process_time()
    pipeline.build(args.seeds, docs, quiet=True, cache_dir=cache, jobs=args.jobs)
    total = time.process_time() - start
    if args.jobs > 1:
        print("| Stage | CPU s (this process) | pool workers' CPU s |\n|---|---:|---:|")
        print(f"| imports | {IMPORTS:.2f} | |")
        for label, seconds in TIMES.items():
            print(f"| {label} | {seconds:.2f} | {WORKERS.get(label, 0.0):.2f} |")
        print(f"| **build** (after imports) | **{total:.2f}** | |")
    else:
        print("| Stage | CPU s |\n|---|---:|")
        print(f"| imports | {IMPORTS:.2f} |")
        for label, seconds in TIMES.items():
            print(f"| {label} | {seconds:.2f} |")
        print(f"| **build** (after imports) | **{total:.2f}** |")
    print(f"load average {os.getloadavg()[0]:.1f}")
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
