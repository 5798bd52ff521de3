"""Measure the near-duplicate threshold on the labelled pairs; prints the tables quoted in DEDUPE.md.

    .venv/bin/python bench/dedupe_threshold.py

Inputs: tests/data/near_duplicates.json (pairs labelled "merge" or "keep") and, as more pairs that
must not merge, every pair of distinct abstracts in seeds/ (47 papers, 1081 pairs).
"""

from __future__ import annotations

import json
import sys
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.identity.dedupe import exact_groups  # noqa: E402
from generator.identity.neardup import (  # noqa: E402
    THRESHOLD,
    candidate_pairs,
    jaccard,
    near_duplicates,
    shingles,
    similarity,
)
from generator.identity.normalize import identity_text  # noqa: E402
from generator.inputs.ingest import read_seeds  # noqa: E402

THRESHOLDS = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8, 0.9]


def main() -> None:
    data = json.loads((ROOT / "tests/data/near_duplicates.json").read_text(encoding="utf-8"))
    groups = exact_groups(read_seeds(ROOT / "seeds"))
    # The pairs live in one catalogue with the seeds: boilerplate is what recurs across its papers.
    corpus = sorted(
        {identity_text(p[side]) for p in data["pairs"] for side in ("a", "b")} | {g.identity for g in groups}
    )
    common = near_duplicates(corpus).boilerplate
    rows = []
    for pair in data["pairs"]:
        a, b = identity_text(pair["a"]), identity_text(pair["b"])
        sa, sb = shingles(a), shingles(b)
        found = bool(candidate_pairs([sa, sb]))
        score = similarity(sa, sb, common)
        rows.append((pair["label"], pair["kind"], a == b, score, found, pair["note"], jaccard(sa, sb)))

    print(
        f"Catalogue: {len(corpus)} distinct abstracts (labelled texts and seeds); "
        f"{len(common)} boilerplate shingles found.\n"
    )
    print("## Labelled pairs (word 3-gram Jaccard of identity texts)\n")
    print(
        "| label | kind | exact after normalization | plain Jaccard | similarity (boilerplate left out) "
        "| LSH candidate | note |"
    )
    print("|---|---|---|---:|---:|---|---|")
    for label, kind, exact, score, found, note, plain in sorted(rows, key=lambda r: (r[0], -r[3])):
        print(
            f"| {label} | {kind} | {'yes' if exact else 'no'} | {plain:.3f} | {score:.3f} "
            f"| {'yes' if found else 'no'} | {note} |"
        )

    seed_sets = [shingles(g.identity) for g in groups]
    seed_scores = [jaccard(x, y) for x, y in combinations(seed_sets, 2)]
    merge = [r[3] for r in rows if r[0] == "merge"]
    keep = [r[3] for r in rows if r[0] == "keep"]
    print(
        f"\n## Threshold sweep ({len(merge)} merge pairs, {len(keep)} keep pairs, "
        f"{len(seed_scores)} pairs of distinct seed abstracts)\n"
    )
    plain_keep = [r[6] for r in rows if r[0] == "keep"]
    print(
        "| threshold | merge pairs merged | keep pairs merged (false) | keep pairs merged by plain Jaccard "
        "| seed pairs merged (false) |"
    )
    print("|---:|---:|---:|---:|---:|")
    for t in THRESHOLDS:
        mark = " (chosen)" if t == THRESHOLD else ""
        counts = [sum(s >= t for s in scores) for scores in (merge, keep, plain_keep, seed_scores)]
        print(
            f"| {t:.2f}{mark} | {counts[0]}/{len(merge)} | {counts[1]}/{len(keep)} "
            f"| {counts[2]}/{len(keep)} | {counts[3]}/{len(seed_scores)} |"
        )
    print(
        f"\nLowest merge pair: {min(merge):.3f}; highest keep pair: {max(keep):.3f}; "
        f"highest pair of distinct seeds: {max(seed_scores):.3f}."
    )
    missed = sum(1 for r in rows if r[0] == "merge" and not r[4])
    print(f"Merge pairs LSH did not propose as candidates: {missed}/{len(merge)}.")


if __name__ == "__main__":
    main()
