"""The figures behind the link thresholds (docs/about.md): scores of the pairs readers expect, on the
frozen seed copy (tests/data/seeds: the live seeds change with every contribution).

    .venv/bin/python bench/bench_link_threshold.py

Prints, for each expected pair, its blended score, its text-only part and its rank in both papers'
lists; then the distribution of all other pairs and what each candidate threshold would leave.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.identity.dedupe import dedupe  # noqa: E402
from generator.inputs import ingest  # noqa: E402
from generator.keywords.stage import with_keywords  # noqa: E402
from generator.relate import related, space  # noqa: E402
from generator.text.clean import clean  # noqa: E402
from generator.titles.generate import with_titles  # noqa: E402

GROUPS = {
    "diffusion": ["Diffusion models (DMs)", "Diffusion models are a class"],
    "kg embedding": [
        "Recently decades have witnessed",
        "Representation learning on a knowledge graph",
        "Knowledge graph embedding (KGE)",
    ],
    "federated": [
        "The confluence of Federated",
        "Federated Learning (FL) is",
        "The incredible development of fed",
    ],
    "plm surveys": [
        "Recently, the emergence of pre-trained models",
        "Transformer-based pretrained language models",
    ],
}
HEALTH = (
    "With the advances of data-driven",
    ["Graph Neural Networks (GNNs) have been", "Graph Neural Networks (GNNs) have recently"],
)
LONER = "Multi-agent influence diagrams"


def similarity(papers: tuple, keyword_weight: float) -> np.ndarray:
    saved = space.KEYWORD_WEIGHT
    space.KEYWORD_WEIGHT = keyword_weight
    try:
        matrix = space.feature_matrix(papers)
    finally:
        space.KEYWORD_WEIGHT = saved
    scores = (matrix @ matrix.T).toarray()
    np.fill_diagonal(scores, 0)
    return scores


def main() -> int:
    papers = with_keywords(with_titles(clean(dedupe(ingest.read_seeds(ROOT / "tests" / "data" / "seeds")))))

    def find(prefix: str) -> int:
        (index,) = [i for i, p in enumerate(papers) if p.text.startswith(prefix)]
        return index

    blended = similarity(papers, space.KEYWORD_WEIGHT)
    text_only = similarity(papers, 0.0) * (1 - space.KEYWORD_WEIGHT)
    pairs: list[tuple[str, int, int]] = []
    for name, prefixes in GROUPS.items():
        pairs += [(name, a, b) for a, b in itertools.combinations([find(p) for p in prefixes], 2)]
    pairs += [("healthcare-gnn", find(HEALTH[0]), find(p)) for p in HEALTH[1]]
    print(
        f"KEYWORD_WEIGHT={space.KEYWORD_WEIGHT} FIRST_MIN_SCORE={related.FIRST_MIN_SCORE} "
        f"SIMILAR_MIN_SCORE={related.SIMILAR_MIN_SCORE} "
        f"MAX_RELATED={related.MAX_RELATED}"
    )
    print("| pair | score | text part | rank in first's list | rank in second's list |")
    print("|---|---:|---:|---:|---:|")
    for name, a, b in pairs:
        s = blended[a, b]
        rank_a = int((blended[a] > s).sum()) + 1
        rank_b = int((blended[b] > s).sum()) + 1
        print(f"| {name} | {s:.4f} | {text_only[a, b]:.4f} | {rank_a} | {rank_b} |")
    expected = {frozenset((a, b)) for _, a, b in pairs}
    n = len(papers)
    others = np.array(
        [blended[i, j] for i in range(n) for j in range(i + 1, n) if frozenset((i, j)) not in expected]
    )
    print(
        f"\nother pairs: {len(others)}; percentiles 50/90/95/99: "
        + " / ".join(f"{np.percentile(others, q):.4f}" for q in (50, 90, 95, 99))
    )
    print(f"best score of '{LONER}...': {blended[find(LONER)].max():.4f}")
    print("\n| threshold | expected pairs kept | papers with no link | mean links per paper |")
    print("|---:|---:|---:|---:|")
    top = -np.sort(-blended, axis=1)[:, : related.MAX_RELATED]
    for t in (0.03, 0.04, 0.045, 0.05, 0.06, 0.08):
        kept = sum(1 for _, a, b in pairs if blended[a, b] >= t)
        counts = (top >= t).sum(axis=1)
        print(f"| {t} | {kept}/{len(pairs)} | {(counts == 0).sum()} | {counts.mean():.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
