"""How many papers change topic after a one-line seed edit: seeded Louvain shuffle vs StableOrder.

Usage: python bench/bench_topic_stability.py [--size 2000] [KEYPHRASE_DIR]

Builds the bench corpus (bench_corpus.make_corpus), computes the catalogue before and after
replacing its first abstract (keywords cached under .cache/bench-topics), and clusters both with
networkx's Louvain given a seeded random source (as before) and given topics.StableOrder (now).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_corpus import default_keyphrase, make_corpus, source_documents  # noqa: E402

from generator.models import SeedLine, Source  # noqa: E402
from generator.pipeline import catalogue_from  # noqa: E402
from generator.relate import topics  # noqa: E402
from generator.runtime import parallel  # noqa: E402


def changed(before: tuple, after: tuple) -> tuple[int, int]:  # type: ignore[type-arg]
    _, old = topics.with_topics(before)
    _, new = topics.with_topics(after)
    was = {pid: t.slug for t in old for pid in t.papers}
    now = {pid: t.slug for t in new for pid in t.papers}
    common = was.keys() & now.keys()
    return sum(was[p] != now[p] for p in common), len(common)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("keyphrase", nargs="?", type=Path, default=default_keyphrase())
    parser.add_argument("--size", type=int, default=2000)
    args = parser.parse_args()
    texts = make_corpus(source_documents(args.keyphrase), args.size)
    edited = [texts[0] + " This edited line was added by the benchmark.", *texts[1:]]
    with parallel.runtime(ROOT / ".cache" / "bench-topics"):
        catalogues = [
            catalogue_from(tuple(SeedLine(Source("corpus.txt", i + 1), t) for i, t in enumerate(version)))
            for version in (texts, edited)
        ]
    before, after = (c.papers for c in catalogues)
    louvain = nx.community.louvain_communities

    def seeded(graph: nx.Graph, **kwargs: object) -> list[set[str]]:
        return louvain(graph, **{**kwargs, "seed": random.Random(topics.SEED)})  # type: ignore[arg-type]

    nx.community.louvain_communities = seeded
    old_changed, total = changed(before, after)
    nx.community.louvain_communities = louvain
    new_changed, _ = changed(before, after)
    print(f"{args.size:,} abstracts, one line edited: papers whose topic changed, of {total:,}")
    print(f"  seeded shuffle (before): {old_changed:,}")
    print(f"  StableOrder (now):       {new_changed:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
