"""Learn the TLDR sentence ranker (generator/titles/tldr_rank.json) on the SciTLDR train split only.

Each train abstract's candidates come from ``tldr_tune.candidate_rows`` (word models out of fold).
For each sentence with a candidate, the target is the ROUGE-1 of its best candidate against the gold
TLDRs, minus the abstract's mean over its sentences (what makes a sentence better than its
neighbours, not an abstract easier). The features (``tldr_rank.sentence_features``) include:

- the class rates of the sentence's rhetorical role and authors' verb (``fit_rates``: the mean
  centred target of the train sentences that have it, smoothed towards 0 by ``RATE_SMOOTHING``
  pseudo-sentences), fitted on the training folds only;
- the candidate ranker's best score in the sentence, with the ranker fitted on the same folds.

A gradient-boosted regression (scikit-learn, squared loss, ``GBT`` settings, fixed random_state) is
fitted; ``tldr.choose`` then adds ``weight`` x the sentence's prediction to each of its candidates'
scores. The weight is chosen on train 5-fold CV among ``WEIGHTS`` (0: the ranker alone), with the
shipped margins.

    python -m generator.evaluation.tldr_rank_tune ../shared/scitldr --cv   # 5-fold ROUGE-1 on train
    python -m generator.evaluation.tldr_rank_tune ../shared/scitldr        # writes tldr_rank.json
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from generator.evaluation import tldr_tune
from generator.evaluation.weights import write_weights
from generator.titles import tldr, tldr_compress, tldr_rank

FOLDS = tldr_tune.FOLDS
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


def top1(data, weights, rates, model, beta, margin, pointers) -> float:
    """Mean ROUGE-1 (x 100) of ``tldr.choose`` with ``beta`` x the trees' prediction added."""
    import numpy as np

    total = 0.0
    for sents, (cands, feats, ys) in data:
        rows = list(zip(cands, feats, strict=True))
        x = tldr_rank.candidate_matrix(sents, rows, _scores(feats, weights), rates)
        pred = model.predict(np.asarray(x))
        rows = [(c, f | {"gbt": float(p)}) for (c, f), p in zip(rows, pred, strict=True)]
        picked = tldr.choose(rows, weights | {"gbt": beta}, margin, pointers)
        total += ys[cands.index(picked[0])] if picked else 0.0
    return 100 * total / max(len(data), 1)


def cross_validate(data, margin: float, pointers: float) -> dict[float, list[float]]:
    out: dict[float, list[float]] = {b: [] for b in WEIGHTS}
    for fold in range(FOLDS):
        rest = [d for k, d in enumerate(data) if k % FOLDS != fold]
        held = [d for k, d in enumerate(data) if k % FOLDS == fold]
        weights = tldr_tune.fit_ranker([row for _, row in rest])
        rates = fit_rates(rest)
        model = fit_trees(*candidate_matrix(rest, weights, rates))
        for beta in WEIGHTS:
            out[beta].append(top1(held, weights, rates, model, beta, margin, pointers))
        print(f"fold {fold}: " + ", ".join(f"{b}: {v[-1]:.2f}" for b, v in out.items()), file=sys.stderr)
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
    for beta, values in folds.items():
        print(
            f"train {FOLDS}-fold ROUGE-1, sentence weight {beta}: {sum(values) / len(values):.2f} "
            f"(folds {', '.join(f'{v:.2f}' for v in values)})"
        )
    best = max(WEIGHTS, key=lambda b: (round(sum(folds[b]) / FOLDS, 2), -b))
    print(f"sentence weight chosen: {best}")
    if args.cv:
        return 0
    weights = tldr.ranker_weights()
    rates = fit_rates(data)
    model = fit_trees(*candidate_matrix(data, weights, rates))
    base, trees = export(model)
    roles, verbs, _ = rates
    payload = {"trained_on": "SciTLDR-A train", "gbt": GBT, "weight": best, "base": base}
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
