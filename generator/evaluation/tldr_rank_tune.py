"""Learn the TLDR trees (generator/titles/tldr_rank.json) on the SciTLDR train split only.

Each train abstract's candidates come from ``tldr_tune.candidate_rows`` (word models out of fold).
Each candidate's target is its ROUGE-1 with the author's TLDR minus its abstract's mean (what makes
a candidate better than its neighbours, not an abstract easier); its features are
``tldr_rank.candidate_matrix``'s, among them:

- the class rates of the sentence's rhetorical role and authors' verb (``fit_rates``: the mean
  centred target of the train sentences that have it, smoothed towards 0 by ``RATE_SMOOTHING``
  pseudo-sentences), fitted on the training folds only;
- the candidate ranker's best score in the sentence, with the ranker fitted on the same folds.

A gradient-boosted regression (scikit-learn, squared loss, ``GBT`` settings, fixed random_state) is
fitted; ``tldr.with_learned_ranks`` then adds ``weight`` x the prediction to each candidate's score.
The weight is chosen on train 5-fold CV among ``WEIGHTS`` (0: the ranker alone), with the shipped
margins; then the margins' scale (``SCALES``): the smallest whose picks point back (``leans``) no
more often than the linear ranker's alone, so the reader's preferences keep their reach. When the
trees then gain less than ``tldr_ranker.MAX_LOSS`` ROUGE-1 over the linear ranker, the weight written
is 0: the trees are kept in the file but off (the fifth session's result: +0.07 at scale 3).

    python -m generator.evaluation.tldr_rank_tune ../shared/scitldr --cv   # 5-fold ROUGE-1 on train
    python -m generator.evaluation.tldr_rank_tune ../shared/scitldr        # writes tldr_rank.json
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from generator.evaluation import tldr_ranker, tldr_tune
from generator.evaluation.weights import write_weights
from generator.titles import tldr, tldr_compress, tldr_model, tldr_rank

FOLDS = tldr_ranker.FOLDS
RATE_SMOOTHING = 10.0
GBT = {
    "n_estimators": 200,
    "max_depth": 3,
    "learning_rate": 0.05,
    "subsample": 0.8,
    "min_samples_leaf": 20,
    "random_state": 0,
}
WEIGHTS = (0.0, 5.0, 10.0, 20.0, 50.0, 1000.0)
# The trees spread the scores, so the reader's margins of doubt (``tldr.choose``) shrink in effect;
# both margins are scaled by the smallest of these that keeps the picks pointing back at the linear
# ranker's count on train CV (``cross_validate``).
SCALES = (1.0, 1.5, 2.0, 3.0)

Row = tuple[list[str], list[dict[str, float]], list[float]]


def aligned_rows(records: list[dict]) -> list[tuple[list[str], Row]]:
    """(the abstract's sentences, its candidate row) of every train record, word models out of fold
    (``tldr_tune.candidate_rows``, whose rows come fold by fold)."""
    setup = frozenset(tldr_tune.fit_setup_verbs(records))
    rows = tldr_tune.candidate_rows(records, setup)
    ordered = [r for fold in range(FOLDS) for k, r in enumerate(records) if k % FOLDS == fold]
    sents = [tldr.abstract_sentences(tldr_tune.abstract(r)) for r in ordered]
    sents = [s for s in sents if s]
    if len(sents) != len(rows):
        raise ValueError(f"{len(sents)} abstracts against {len(rows)} candidate rows")
    return list(zip(sents, rows, strict=True))


def _scores(feats: list[dict[str, float]], weights: dict[str, float]) -> list[float]:
    return [sum(v * weights.get(k, 0.0) for k, v in f.items()) for f in feats]


def sentence_targets(row: Row) -> dict[int, float]:
    """Each sentence's best candidate ROUGE-1, minus the abstract's mean over its sentences."""
    best: dict[int, float] = {}
    for f, y in zip(row[1], row[2], strict=True):
        i = int(f["sent"])
        best[i] = max(best.get(i, 0.0), y)
    mean = sum(best.values()) / len(best)
    return {i: v - mean for i, v in best.items()}


def fit_rates(data: list[tuple[list[str], Row]]) -> tuple[dict[str, float], dict[str, float], float]:
    """The class rates of roles and authors' verbs: smoothed mean centred target of their sentences."""
    sums: dict[str, defaultdict[str, float]] = {"role": defaultdict(float), "verb": defaultdict(float)}
    counts: dict[str, defaultdict[str, int]] = {"role": defaultdict(int), "verb": defaultdict(int)}
    for sents, row in data:
        for i, y in sentence_targets(row).items():
            for kind, key in (
                ("role", tldr_compress.role(sents[i])),
                ("verb", tldr_compress.authors_verb(sents[i]) or "-"),
            ):
                sums[kind][key] += y
                counts[kind][key] += 1

    def table(kind: str) -> dict[str, float]:
        return {
            k: round(sums[kind][k] / (counts[kind][k] + RATE_SMOOTHING), 5)
            for k in sorted(counts[kind])
            if counts[kind][k] >= 5
        }

    return table("role"), table("verb"), 0.0


def candidate_matrix(data, weights, rates):
    """Features and targets (ROUGE-1 minus the abstract's mean) of every candidate of ``data``."""
    xs, ys = [], []
    for sents, (cands, feats, scores) in data:
        ranker = _scores(feats, weights)
        xs += tldr_rank.candidate_matrix(sents, list(zip(cands, feats, strict=True)), ranker, rates)
        mean = sum(scores) / len(scores)
        ys += [y - mean for y in scores]
    return xs, ys


def fit_trees(xs, ys):
    import numpy as np
    from sklearn.ensemble import GradientBoostingRegressor

    return GradientBoostingRegressor(**GBT).fit(np.asarray(xs), np.asarray(ys))


def export(model) -> tuple[float, list[list[list[float]]]]:
    """The fitted ensemble as (base, trees): nodes [feature, threshold, left, right, value]."""
    rate = model.learning_rate
    trees = []
    for est in model.estimators_[:, 0]:
        t = est.tree_
        trees.append(
            [
                [
                    int(t.feature[k]) if t.children_left[k] >= 0 else -1,
                    round(float(t.threshold[k]), 6),
                    int(t.children_left[k]),
                    int(t.children_right[k]),
                    round(float(t.value[k][0][0]) * rate, 7),
                ]
                for k in range(t.node_count)
            ]
        )
    return round(float(model.init_.constant_[0][0]), 7), trees


def top1(data, weights, rates, model, grid, margin, pointers) -> dict[tuple[float, float], tuple[float, int]]:
    """Mean ROUGE-1 (x 100) of ``tldr.choose`` and its picks that point back (``leans``) for each
    (weight, margin scale) of ``grid``: the weight times the trees' prediction added to the scores,
    both margins times the scale."""
    import numpy as np

    total = dict.fromkeys(grid, 0.0)
    leaning = dict.fromkeys(grid, 0)
    for sents, (cands, feats, ys) in data:
        rows = list(zip(cands, feats, strict=True))
        x = tldr_rank.candidate_matrix(sents, rows, _scores(feats, weights), rates)
        pred = model.predict(np.asarray(x))
        rows = [(c, f | {"gbt": float(p)}) for (c, f), p in zip(rows, pred, strict=True)]
        for beta, scale in grid:
            picked = tldr.choose(rows, weights | {"gbt": beta}, scale * margin, scale * pointers)
            total[beta, scale] += ys[cands.index(picked[0])] if picked else 0.0
            leaning[beta, scale] += bool(picked and picked[1].get("leans"))
    return {g: (100 * v / max(len(data), 1), leaning[g]) for g, v in total.items()}


def cross_validate(
    data, margin: float, pointers: float
) -> dict[tuple[float, float], list[tuple[float, int]]]:
    """Each (weight, margin scale)'s ROUGE-1 on each held-out fold (ranker, rates and trees fitted on
    the other folds): every weight at scale 1, every scale at each weight."""
    grid = sorted({(b, 1.0) for b in WEIGHTS} | {(b, k) for b in WEIGHTS if b for k in SCALES})
    out: dict[tuple[float, float], list[tuple[float, int]]] = {g: [] for g in grid}
    for fold in range(FOLDS):
        rest = [d for k, d in enumerate(data) if k % FOLDS != fold]
        held = [d for k, d in enumerate(data) if k % FOLDS == fold]
        weights = tldr_ranker.fit_ranker([row for _, row in rest])
        rates = fit_rates(rest)
        model = fit_trees(*candidate_matrix(rest, weights, rates))
        for g, value in top1(held, weights, rates, model, grid, margin, pointers).items():
            out[g].append(value)
        print(f"fold {fold} done", file=sys.stderr)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.evaluation.tldr_rank_tune", description=__doc__.split("\n")[0]
    )
    parser.add_argument("scitldr", type=Path, help="folder with train.jsonl (SciTLDR-A)")
    parser.add_argument("--cv", action="store_true", help="print 5-fold ROUGE-1 on train; write nothing")
    args = parser.parse_args(argv)
    records = tldr_tune.read_split(args.scitldr, "train")
    data = aligned_rows(records)
    margin, pointers = tldr.unsure_margin(), tldr.pointer_margin()
    folds = cross_validate(data, margin, pointers)
    mean = {g: sum(r for r, _ in v) / len(v) for g, v in folds.items()}
    leaning = {g: sum(n for _, n in v) for g, v in folds.items()}
    for (beta, scale), values in folds.items():
        print(
            f"train {FOLDS}-fold ROUGE-1, tree weight {beta}, margin scale {scale}: {mean[beta, scale]:.2f} "
            f"(folds {', '.join(f'{r:.2f}' for r, _ in values)}); "
            f"picks pointing back {leaning[beta, scale]} of {len(data)}"
        )
    best = max(WEIGHTS, key=lambda b: (round(mean[b, 1.0], 2), -b))
    # the reader's rule: no more picks pointing back than the linear ranker alone makes
    keeps = [k for k in SCALES if leaning.get((best, k), len(data)) <= leaning[0.0, 1.0]]
    scale = min(keeps, default=SCALES[-1])
    if mean.get((best, scale), 0.0) < mean[0.0, 1.0] + tldr_ranker.MAX_LOSS:
        best = 0.0  # with the reader's margins the trees gain less than MAX_LOSS: written, but off
    print(f"tree weight chosen: {best}; margin scale chosen: {scale}")
    if args.cv:
        return 0
    weights = tldr_model.ranker_weights()
    rates = fit_rates(data)
    model = fit_trees(*candidate_matrix(data, weights, rates))
    base, trees = export(model)
    roles, verbs, _ = rates
    payload = {"trained_on": "SciTLDR-A train", "gbt": GBT, "weight": best, "base": base}
    payload |= {"margin_scale": scale}
    payload |= {"depth": int(max(e.tree_.max_depth for e in model.estimators_[:, 0]))}
    payload |= {
        "features": list(tldr_rank.CANDIDATE_FEATURES),
        "roles": roles,
        "verbs": verbs,
        "trees": trees,
    }
    out = write_weights(tldr_rank, payload)
    print(f"{len(trees)} trees written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
