"""Scaling of related papers and topics: time and peak memory at 1,000 to 100,000 abstracts.

    .venv/bin/python bench/bench_links.py                 # 1000, 10000, 100000 papers
    .venv/bin/python bench/bench_links.py 5000 20000      # chosen sizes

Each size runs in a fresh process so that its peak memory (ru_maxrss, which includes the synthetic
input) is its own. The abstracts are distinct and realistic: each one is recombined from the
sentences of two real abstracts (seeds/ and, when present, the keyphrase zips in $KEYPHRASE or
../shared/keyphrase, which are read here and never committed), and carries the YAKE keywords of its two
parents. The bound the issue sets: 100,000 abstracts in minutes within 2 GB on 2 cores.
"""

from __future__ import annotations

import os
import random
import re
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = (1_000, 10_000, 100_000)
POOL_SIZE = 1_500  # real abstracts whose keywords are extracted (YAKE costs ~8 ms each)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def real_abstracts() -> list[str]:
    texts = [
        line.strip() for f in sorted((ROOT / "seeds").glob("*.txt")) for line in f.open(encoding="utf-8")
    ]
    candidates = [Path(os.environ["KEYPHRASE"])] if os.environ.get("KEYPHRASE") else []
    candidates += [ROOT.parent / "shared" / "keyphrase", ROOT.parent.parent / "shared" / "keyphrase"]
    folder = next((c for c in candidates if c.is_dir()), None)
    for archive in sorted(folder.glob("*.zip")) if folder else []:
        with zipfile.ZipFile(archive) as zf:
            for name in sorted(zf.namelist()):
                if "/docsutf8/" in name and name.endswith(".txt"):
                    texts.append(" ".join(zf.read(name).decode("utf-8", "replace").split()))
    seen: set[str] = set()
    return [t for t in texts if len(t) > 400 and not (t in seen or seen.add(t))]


def synthetic_papers(n: int) -> tuple:
    from generator.identity.normalize import paper_id
    from generator.keywords.stage import with_keywords
    from generator.models import Paper, Source

    rng = random.Random(42)
    pool = real_abstracts()
    rng.shuffle(pool)
    pool = pool[:POOL_SIZE]
    sentences = [_SENTENCE.split(t) for t in pool]
    pool_papers = tuple(
        Paper(id=paper_id(t), text=t, sources=(Source("pool.txt", i + 1),)) for i, t in enumerate(pool)
    )
    keywords = [p.keywords for p in with_keywords(pool_papers)]
    papers, ids = [], set()
    while len(papers) < n:
        a, b = rng.randrange(len(pool)), rng.randrange(len(pool))
        first = [s for s in sentences[a] if rng.random() < 0.7] or sentences[a][:1]
        second = rng.sample(sentences[b], k=max(1, len(sentences[b]) // 3))
        text = " ".join(first[:2] + second + first[2:])
        pid = paper_id(text)
        if pid in ids:
            continue
        ids.add(pid)
        kws = tuple(dict.fromkeys(keywords[a][:5] + keywords[b][:3]))
        papers.append(Paper(id=pid, text=text, sources=(Source("bench.txt", len(papers) + 1),), keywords=kws))
    return tuple(papers), len(pool)


def run_one(n: int) -> None:
    from generator.relate.related import related_papers
    from generator.relate.topics import with_topics

    papers, pool = synthetic_papers(n)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0, c0 = time.perf_counter(), time.process_time()
    linked = related_papers(papers)
    t1, c1 = time.perf_counter(), time.process_time()
    _, topics = with_topics(linked)
    t2, c2 = time.perf_counter(), time.process_time()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    links = sum(len(p.related) for p in linked)
    print(
        f"| {n:>7,} | {pool:>5} | {t1 - t0:>7.1f} | {c1 - c0:>7.1f} | {t2 - t1:>7.1f} | {c2 - c1:>7.1f} "
        f"| {links / n:>5.2f} | {len(topics):>6} | {before:>6.0f} | {peak:>6.0f} |",
        flush=True,
    )


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        run_one(int(sys.argv[2]))
        return 0
    sizes = [int(a) for a in sys.argv[1:]] or list(SIZES)
    print(f"related papers + topics, {os.cpu_count()} CPUs; wall and CPU seconds; peak = max RSS incl. input")
    print(
        "| papers | pool | links s | links cpu | topics s | topics cpu | links/paper | topics "
        "| input MB | peak MB |"
    )
    print("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for n in sizes:
        result = subprocess.run([sys.executable, __file__, "--one", str(n)], check=False)
        if result.returncode:
            return result.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
