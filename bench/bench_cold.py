"""Cold ``python -m generator build`` against bare serial YAKE, whole processes, in one run (not a test).

    .venv/bin/python bench/bench_cold.py [KEYPHRASE_DIR] [--size 2000] [--repeat 3]

The goal of issues 20 and 22: a cold build of N papers (a fresh process, empty cache, empty docs/,
start-up and imports included, every stage: tagger, keywords, titles, TLDRs, links, topics, pages)
takes at most as long as bare serial YAKE on the same texts in a fresh process (``import yake`` and
one ``KeywordExtractor(lan="en", n=3, top=10)`` call per abstract, the library's defaults). The
corpus is bench_pipeline's: real keyphrase documents recombined so all texts are distinct. The two
commands alternate, the median of ``--repeat`` runs counts; wall and CPU (user + sys of the child)
are both reported, with the machine's load before and after. The CPU column counts the whole process
tree, the build's pool workers and their server included: this process becomes their subreaper
(Linux ``PR_SET_CHILD_SUBREAPER``), so a descendant that outlives its parent is reparented here and
reaped, and every reaped descendant's CPU time is in ``RUSAGE_CHILDREN``. Elsewhere the column may
leave out the workers. On a loaded machine the CPU ratio is the figure to trust; wall is the goal.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_corpus import ROOT, default_keyphrase, make_corpus, source_documents, write_seeds

YAKE_SCRIPT = """
import json, sys, yake
texts = json.load(open(sys.argv[1], encoding="utf-8"))
extractor = yake.KeywordExtractor(lan="en", n=3, top=10)
for text in texts:
    extractor.extract_keywords(text)
"""


PR_SET_CHILD_SUBREAPER = 36


def adopt_descendants() -> bool:
    """Make this process the subreaper of its descendants (Linux), so that the CPU time of a pool
    worker or server whose parent exits first is still counted; False where that is not possible."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def reap_descendants() -> None:
    """Wait for every descendant reparented to this process (see ``adopt_descendants``)."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child and all its descendants) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env, cwd=ROOT)
    wall = time.perf_counter() - start
    reap_descendants()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("keyphrase", nargs="?", type=Path, default=None)
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=0, help="generator workers (default: every core)")
    args = parser.parse_args(argv)
    if not adopt_descendants():
        print("note: cannot adopt descendants; the CPU column may leave out the pool's workers")
    docs = source_documents(args.keyphrase or default_keyphrase())
    texts = make_corpus(docs, args.size)
    with tempfile.TemporaryDirectory(prefix="bench-cold-") as tmp:
        work = Path(tmp)
        write_seeds(work / "seeds", texts)
        (work / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
        load_before = os.getloadavg()
        builds, yakes = [], []
        for i in range(args.repeat):
            shutil.rmtree(work / "docs", ignore_errors=True)
            shutil.rmtree(work / "cache", ignore_errors=True)
            build = [sys.executable, "-m", "generator", "build", "-q", "--seeds", str(work / "seeds")]
            build += ["--docs", str(work / "docs"), "--cache", str(work / "cache")]
            if args.jobs:
                build += ["--jobs", str(args.jobs)]
            yake_cmd = [sys.executable, "-c", YAKE_SCRIPT, str(work / "texts.json")]
            order = (
                [("build", build), ("yake", yake_cmd)]
                if i % 2 == 0
                else [("yake", yake_cmd), ("build", build)]
            )
            for name, cmd in order:
                (builds if name == "build" else yakes).append(timed(cmd))
        load_after = os.getloadavg()
    b_wall = statistics.median(w for w, _ in builds)
    b_cpu = statistics.median(c for _, c in builds)
    y_wall = statistics.median(w for w, _ in yakes)
    y_cpu = statistics.median(c for _, c in yakes)
    print("| papers | build wall s | build CPU s | YAKE wall s | YAKE CPU s | wall ratio | CPU ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {len(texts)} | {b_wall:.1f} | {b_cpu:.1f} | {y_wall:.1f} | {y_cpu:.1f} "
        f"| {b_wall / y_wall:.2f} | {b_cpu / y_cpu:.2f} |"
    )
    print(
        f"load average before {load_before[0]:.1f}, after {load_after[0]:.1f}; median of {args.repeat} runs"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
