"""Measure the enrich command's thresholds (accept, review); prints the tables quoted in DEDUPE.md, section 7.

    .venv/bin/python bench/enrich_threshold.py

The question: how close must an index's abstract be to a seed abstract to be the same paper, with
no wrong paper ever accepted? Pairs (seed text, index text):

- same paper: the 22 "merge" pairs of tests/data/near_duplicates.json (typo fixes, an added or
  missing sentence, version-2 abstracts, a truncated copy: what an index may hold of a seed) and the
  fixture records of tests/data/enrich/index.json that are the seed's paper;
- wrong paper: the 11 "keep" pairs (same topic, shared boilerplate, one template), the fixture
  decoys, and every pair of distinct abstracts of the frozen seeds (an index returning another
  paper of the catalogue).

The score is ``generator.enrich.services.match_score``: word 3-gram Jaccard with the catalogue's boilerplate
left out (the catalogue: the frozen seeds and the labelled texts, as bench/dedupe_threshold.py);
plain Jaccard is shown beside it, the score when the catalogue does not know the boilerplate.
"""

from __future__ import annotations

import json
import sys
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.enrich.services import ACCEPT, REVIEW, IndexRecord, match_score  # noqa: E402
from generator.identity.dedupe import exact_groups  # noqa: E402
from generator.identity.neardup import jaccard, near_duplicates, shingles  # noqa: E402
from generator.identity.normalize import identity_text  # noqa: E402
from generator.inputs.ingest import read_seeds  # noqa: E402
from tests.fake_index import load_records  # noqa: E402

FROZEN = ROOT / "tests" / "data" / "seeds"
THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]


def main() -> None:
    labelled = json.loads((ROOT / "tests/data/near_duplicates.json").read_text(encoding="utf-8"))["pairs"]
    lines = read_seeds(FROZEN)
    seeds = [g.lines[0].text for g in exact_groups(lines)]
    by_source = {f"{line.source.file}:{line.source.line}": line.text for line in lines}
    texts = [p[side] for p in labelled for side in ("a", "b")] + seeds
    corpus = sorted({identity_text(t) for t in texts})
    common = near_duplicates(corpus).boilerplate

    rows: list[tuple[str, str, float, float, str]] = []  # label, kind, score, plain, note

    def add(label: str, kind: str, seed: str, found: str, note: str) -> None:
        record = IndexRecord("bench", "", "", found)
        plain = jaccard(shingles(identity_text(seed)), shingles(identity_text(found)))
        rows.append((label, kind, match_score(seed, record, common), plain, note))

    for pair in labelled:
        add("same" if pair["label"] == "merge" else "wrong", pair["kind"], pair["a"], pair["b"], pair["note"])
    raw = json.loads((ROOT / "tests/data/enrich/index.json").read_text(encoding="utf-8"))["records"]
    for spec, record in zip(raw, load_records(), strict=True):
        seed = by_source.get(spec.get("from", ""))
        if seed is not None:
            label = "review" if "review" in spec["case"] else "same"
            add(label, "fixture", seed, record["abstract"], spec["case"])
        else:  # the decoy: the seed it was written against is the one with its opening sentence
            seed = next(t for t in seeds if t.startswith(record["abstract"][:60]))
            add("wrong", "fixture", seed, record["abstract"], spec["case"])
    seed_pairs = [match_score(a, IndexRecord("bench", "", "", b), common) for a, b in combinations(seeds, 2)]

    print(f"Catalogue: {len(corpus)} distinct abstracts; {len(common)} boilerplate shingles.\n")
    print("## Pairs (seed text, index text)\n")
    print("| pair | kind | score (boilerplate left out) | plain Jaccard | decision | note |")
    print("|---|---|---:|---:|---|---|")
    for label, kind, score, plain, note in sorted(rows, key=lambda r: (r[0], -r[2])):
        decision = "written" if score >= ACCEPT else "review" if score >= REVIEW else "not found"
        print(f"| {label} | {kind} | {score:.3f} | {plain:.3f} | {decision} | {note} |")

    same = [r for r in rows if r[0] == "same"]
    wrong = [r for r in rows if r[0] == "wrong"]
    counts = f"{len(same)} same-paper pairs, {len(wrong)} wrong-paper pairs, {len(seed_pairs)} seed pairs"
    print(f"\n## Sweep ({counts})\n")
    print(
        "| threshold | same paper at or above | wrong paper at or above (score) "
        "| wrong paper at or above (plain Jaccard) | seed pairs at or above |"
    )
    print("|---:|---:|---:|---:|---:|")
    for t in THRESHOLDS:
        mark = " (accept)" if t == ACCEPT else " (review)" if t == REVIEW else ""
        print(
            f"| {t:.2f}{mark} | {sum(r[2] >= t for r in same)}/{len(same)} "
            f"| {sum(r[2] >= t for r in wrong)}/{len(wrong)} | {sum(r[3] >= t for r in wrong)}/{len(wrong)} "
            f"| {sum(s >= t for s in seed_pairs)}/{len(seed_pairs)} |"
        )
    print(
        f"\nLowest same-paper score: {min(r[2] for r in same):.3f}; highest wrong-paper score: "
        f"{max(r[2] for r in wrong):.3f} (plain Jaccard {max(r[3] for r in wrong):.3f}); "
        f"highest seed pair: {max(seed_pairs):.3f}."
    )


if __name__ == "__main__":
    main()
