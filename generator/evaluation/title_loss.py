"""Where the generated titles lose word F1 on SciTLDR train: the candidate set or its ranking.

For every train abstract (``title_tune.span_rows``: candidate spans and written phrases, with the
title word model and language model fitted out of fold) this compares:

- **any span**: the best run of at most ``SPAN_WORDS`` consecutive words of the abstract (the
  ceiling of any extractive title; issue 22 reports 0.66 on dev);
- **oracle**: the best of our candidates (the candidate-set ceiling);
- **chosen**: the candidate the ranker takes first, the ranker fitted on the other folds (the
  shipped ridge; a tree ranker tried in the fifth session did not beat it and was removed);

so ``any span - oracle`` is what the candidate set loses and ``oracle - chosen`` what the ranking
loses. It also counts the abstracts with a good candidate (word F1 >= 0.5) and how often the ranker
takes it, and where the best candidate stood in the ranker's order.

    python -m generator.evaluation.title_loss ../shared/scitldr [--opening]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from generator.evaluation import title_tune
from generator.evaluation.tldr_tune import abstract, read_split
from generator.text.latex import strip_latex
from generator.titles import spans

SPAN_WORDS = 10
GOOD = 0.5
_TOKEN = re.compile(r"[a-z0-9]+")


def any_span(text: str, title: str, limit: int = SPAN_WORDS) -> float:
    """Best word F1 with ``title`` of a run of at most ``limit`` consecutive tokens of ``text``."""
    words = _TOKEN.findall(text.lower())
    gold = Counter(_TOKEN.findall(title.lower()))
    size = sum(gold.values())
    best = 0.0
    for i, w in enumerate(words):
        if w not in gold:
            continue  # a best span opens on a title word
        seen: Counter[str] = Counter()
        common = 0
        for j in range(i, min(i + limit, len(words))):
            seen[words[j]] += 1
            if seen[words[j]] <= gold.get(words[j], 0):
                common += 1
            if common and words[j] in gold:
                best = max(best, 2 * common / (j - i + 1 + size))
    return best


def chosen(scores: list[list[float]], rows) -> list[int]:
    """Index of the candidate taken first of each row, as ``title_tune.top1`` takes it."""
    return [title_tune.first_index(s, row) for s, row in zip(scores, rows, strict=True)]


def report(records: list[dict], rows, picks: dict[str, list[int]]) -> str:
    n = len(rows)
    oracle = [max(y) for _, _, y in rows]
    ceiling = [any_span(strip_latex(abstract(r)), r["title"]) for r in records]
    lines = [
        f"train abstracts with candidates: {n} of {len(records)}; candidates a paper: "
        f"{sum(len(c) for c, _, _ in rows) / n:.1f}",
        f"any span of <= {SPAN_WORDS} words (ceiling of extraction): {sum(ceiling) / len(ceiling):.3f}",
        f"oracle of our candidates (candidate-set ceiling): {sum(oracle) / n:.3f}",
        f"abstracts with a candidate of word F1 >= {GOOD}: {sum(o >= GOOD for o in oracle) / n:.1%}",
    ]
    for name, pick in picks.items():
        got = [y[k] for (_, _, y), k in zip(rows, pick, strict=True)]
        ranks = []
        for (_, _, y), k in zip(rows, pick, strict=True):
            ranks.append(sum(v > y[k] for v in y))
        good = [o >= GOOD for o in oracle]
        zero = sum(v == 0 for v in got)
        taken = sum(g and v >= GOOD for g, v in zip(good, got, strict=True))
        near = sum(o - v <= 0.05 for o, v in zip(oracle, got, strict=True))
        lines += [
            f"[{name}] chosen: {sum(got) / n:.4f}; ranking loss (oracle - chosen): "
            f"{(sum(oracle) - sum(got)) / n:.3f}",
            f"[{name}] of the abstracts with a good candidate, chosen one good: "
            f"{taken / max(sum(good), 1):.1%}; chosen within 0.05 of the oracle: {near / n:.1%}; "
            f"chosen shares no word with the title: {zero / n:.1%}",
            f"[{name}] candidates better than the chosen one: median {sorted(ranks)[n // 2]}, "
            f"none {sum(r == 0 for r in ranks) / n:.1%}, 1-5 {sum(1 <= r <= 5 for r in ranks) / n:.1%}, "
            f"more {sum(r > 5 for r in ranks) / n:.1%}",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.evaluation.title_loss", description=__doc__.split("\n")[0]
    )
    parser.add_argument("scitldr", type=Path, help="folder with train.jsonl (SciTLDR-A)")
    parser.add_argument(
        "--opening",
        action="store_true",
        help="candidates of the opening and contribution sentences only (before)",
    )
    args = parser.parse_args(argv)
    spans.ALL_SENTENCES = not args.opening
    records = read_split(args.scitldr, "train")
    rows, kept = title_tune.span_rows(records, with_index=True)
    title_tune.REJECT.update(title_tune.lm_thresholds(records))
    folds = title_tune.FOLDS
    scores: dict[str, list[list[float]]] = {"ridge": [[] for _ in rows]}
    for f in range(folds):
        train = [r for k, r in enumerate(rows) if k % folds != f]
        weights = title_tune.fit(train)
        for k, row in enumerate(rows):
            if k % folds == f:
                scores["ridge"][k] = [title_tune.linear(weights, x) for x in row[1]]
    picks = {name: chosen(s, rows) for name, s in scores.items()}
    print(report([records[k] for k in kept], rows, picks))
    return 0


if __name__ == "__main__":
    sys.exit(main())
