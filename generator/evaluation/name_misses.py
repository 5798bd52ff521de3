"""Where the paper's own name is lost, on the SciTLDR **train** split (never dev).

For each train paper whose real title opens with a name the abstract has ("FearNet: ...",
``evaluation.titles.real_name``), the name detector is run with weights fitted on the other folds
(``name_tune``, 5-fold) and the generated title (``generate_title``, no catalogue) is read. Each
miss falls in the first bucket that holds:

- ``no candidate``: the name (or its defined short form) is not among the eligible ``names.candidates``;
- ``ranked below``: another candidate ranks higher (by the ranker, ``names.RANKER``, else the gate);
- ``below threshold``: it ranks first but the gate's best probability is under ``names.THRESHOLD``;
- ``explicit kept``: the name the abstract gives explicitly ("called X") is kept over it;
- ``gated``: ``names.may_name`` refuses it (a field term, a cited surname);
- ``dropped at assembly``: ``own_name`` returns it but the title does not contain it.

    python -m generator.evaluation.name_misses ../shared/scitldr [--show N]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from unittest import mock

from generator.evaluation import name_tune
from generator.evaluation.titles import has_name, real_name
from generator.evaluation.tldr_tune import abstract, read_split
from generator.models import Paper, Source
from generator.text.latex import strip_latex
from generator.titles import names
from generator.titles.generate import generate_title


def bucket(text: str, real: str, title: str) -> str:
    """The bucket of one paper (``kept`` when the title has the name)."""
    if has_name(title, real):
        return "kept"
    rules = name_tune.rule_names(text)
    low = real.lower()
    feats = [(n, f) for n, f in names.features(text, rules) if names.eligible(n, f, text)]
    right = [n for n, _ in feats if low in (n.lower(), names.spelled_out(text, n).lower())]
    if not right:
        return "no candidate"
    score = names.rank_score if names.RANKER and names.rank_weights() else names.probability
    pool = names.rankable(text, feats) if names.RANKER and names.rank_weights() else feats
    best = max(pool, key=lambda nf: (score(nf[1]), len(nf[0]), nf[0]))[0]
    if best not in right:
        return "ranked below"
    if max(names.probability(f) for _, f in feats) < names.THRESHOLD:
        return "below threshold"
    chosen = names.own_name(text, rules)
    if not chosen:
        return "gated"
    if chosen.lower() != low and chosen not in right:
        return "explicit kept"
    return "dropped at assembly"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.evaluation.name_misses")
    parser.add_argument("scitldr", type=Path)
    parser.add_argument("--show", type=int, default=8, help="examples printed per bucket")
    args = parser.parse_args(argv)
    records = read_split(args.scitldr, "train")
    rows = name_tune.rows_of(records)
    folds = name_tune.FOLDS
    fold_weights = [name_tune.fit([r for k, r in enumerate(rows) if k % folds != f]) for f in range(folds)]
    fold_rank = [
        name_tune.fit_rank([r for k, r in enumerate(rows) if k % folds != f]) if names.RANKER else {}
        for f in range(folds)
    ]
    counts: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    for k, record in enumerate(records):
        text = strip_latex(abstract(record))
        real = real_name(record["title"], text)
        if not real:
            continue
        with (
            mock.patch.object(names, "weights", lambda w=fold_weights[k % folds]: w),
            mock.patch.object(names, "rank_weights", lambda w=fold_rank[k % folds]: w),
        ):
            title = generate_title(Paper(id="", text=abstract(record), sources=(Source("train", k),)))
            b = bucket(text, real, title)
            best = names.best(text, name_tune.rule_names(text))
        counts[b] += 1
        examples.setdefault(b, []).append(f"{k}: {real!r} -> {title!r} (best {best[0]!r} {best[1]:.3f})")
    total = sum(counts.values())
    print(f"train, {folds}-fold weights: {total} papers whose real title opens with a name the abstract has")
    for b, n in counts.most_common():
        print(f"  {b}: {n} ({n / total:.1%})")
        for line in examples[b][: args.show] if b != "kept" else []:
            print(f"      {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
