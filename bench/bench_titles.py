"""Title generation cost: the real seeds, and adversarial 20,000-character lines (the longest a seed
line may be) that once made the naming regex quadratic. Prints a table; run with `make bench`."""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator import ingest
from generator.clean import clean
from generator.dedupe import dedupe
from generator.models import Paper, Source
from generator.titles import acronym_definitions, generate_title, with_titles

ROOT = Path(__file__).resolve().parent.parent


def adversarial() -> dict[str, str]:
    rng = random.Random(1)
    words = [
        "we",
        "propose",
        "a",
        "model",
        "called",
        "the",
        "network",
        "of",
        "graphs",
        "learning",
        "data",
        "method",
    ]
    return {
        "20k chars, no punctuation": " ".join(rng.choice(words) for _ in range(4000))[:20_000],
        "20k chars, 2000 '(AB)'": " ".join(rng.choice(words) + " (AB)" for _ in range(2500))[:20_000],
        "20k chars, capitalised words": " ".join("Word" for _ in range(5000))[:20_000],
    }


def main() -> None:
    papers = clean(dedupe(ingest.read_seeds(ROOT / "seeds")))
    rows = []
    start = time.perf_counter()
    rounds = 20
    for _ in range(rounds):
        acronym_definitions.cache_clear()
        with_titles(papers)
    elapsed = (time.perf_counter() - start) / rounds
    rows.append((f"seeds: {len(papers)} papers, whole stage", elapsed * 1000, elapsed / len(papers) * 1000))
    for name, text in adversarial().items():
        paper = Paper(id="a" * 10, text=text, sources=(Source("x.txt", 1),))
        start = time.perf_counter()
        generate_title(paper)
        elapsed = time.perf_counter() - start
        rows.append((name, elapsed * 1000, elapsed * 1000))
    print(f"{'case':<40} {'total ms':>10} {'ms/paper':>10}")
    for name, total, per in rows:
        print(f"{name:<40} {total:>10.1f} {per:>10.2f}")


if __name__ == "__main__":
    main()
