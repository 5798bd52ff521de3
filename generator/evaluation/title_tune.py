"""Learn the title span scorer (generator/titles/span_weights.json) on the SciTLDR train split only.

Every candidate span of every train abstract (``generator.titles.spans.candidate_spans``) is labelled
by its word F1 with the paper's real title (``evaluation.titles.word_f1``); the target is that F1
minus the abstract's mean, so the model learns which span of an abstract is the better title. A
ridge regression (``ALPHA``, numpy, closed form) fits the weights; sparse word features (first and
last word, the word before, the part-of-speech pattern) seen in fewer than ``MIN_COUNT`` spans are
dropped.

``fit_logit`` is the listwise alternative (conditional logit over each abstract's candidates, as the
TLDR ranker); on train 5-fold it ties the ridge (EVALUATION.md, "Title spans, round 4"), so the
closed form stays.

The title language model (``generator/titles/title_lm.py``) learns from the same train titles and
is written to ``title_lm.json``, with its rejection thresholds (the 1% quantile of each fluency
figure over train titles, each scored by a model fitted on the other folds); the span features use a
language model and a title word model fitted without the abstract's fold.

    python -m generator.evaluation.title_tune ../shared/scitldr          # writes the weights
    python -m generator.evaluation.title_tune ../shared/scitldr --cv     # 5-fold word F1 on train only
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from generator.evaluation.titles import word_f1
from generator.evaluation.tldr_tune import abstract, read_split
from generator.evaluation.weights import conditional_logit, write_weights
from generator.text.latex import strip_latex
from generator.titles import span_order, spans, title_lm, tldr, tldr_model

MIN_COUNT = 20
WORD_MIN_COUNT = 30
ALPHA = 100.0
TAU = 0.1  # the conditional logit's temperature over word F1
L2 = 1.0
FOLDS = 5
ROOM = 80  # generate.TITLE_MAX
REJECT: dict[str, float] = {}  # the title language model's rejection thresholds (``lm_thresholds``)
MARGINS = (0.0, 0.01, 0.02, 0.04, 0.08)  # ``span_order.complete_first`` margins compared by ``--cv``
_SPARSE = ("f0=", "fl=", "prev=", "pos=", "gov=", "gin=")
# flags the stage orders by, not features the ridge weighs (``span_order.CONTRAST_LAST``: as a feature too
# it changed train 5-fold word F1 by +0.0001; EVALUATION.md "Titles, eighth session")
ORDER_ONLY = frozenset({"contrast", "vague"})


def fit_words(records: list[dict]) -> dict[str, float]:
    """The title word model: which abstract words the real title uses (logistic regression)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows, labels = [], []
    for record in records:
        gold = set(tldr_model.rouge_words(record["title"]))
        for word, feats in tldr_model.word_features(
            tldr.abstract_sentences(strip_latex(abstract(record)))
        ).items():
            rows.append(feats)
            labels.append(int(word in gold))
    counts = Counter(k for f in rows for k in f if k.startswith("lex="))
    rows = [
        {k: v for k, v in f.items() if not k.startswith("lex=") or counts[k] >= WORD_MIN_COUNT} for f in rows
    ]
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=1.0, max_iter=3000).fit(vectorizer.fit_transform(rows), labels)
    weights = {k: round(float(v), 6) for k, v in zip(vectorizer.feature_names_, model.coef_[0], strict=True)}
    weights[""] = round(float(model.intercept_[0]), 6)
    return {k: v for k, v in sorted(weights.items()) if v}


def lm_thresholds(records: list[dict]) -> dict[str, float]:
    """The title language model's rejection thresholds: the ``title_lm.REJECT_QUANTILE`` quantile of
    each fluency feature (mean, opening, end) over the train titles, each scored by a model fitted on
    the other folds."""
    scores: dict[str, list[float]] = {k: [] for k in title_lm.REJECT_ON}
    for fold in range(FOLDS):
        lm = title_lm.Models(title_lm.fit(r["title"] for k, r in enumerate(records) if k % FOLDS != fold))
        for record in (r for k, r in enumerate(records) if k % FOLDS == fold):
            f = title_lm.features(title_lm.tagged(title_lm.description(record["title"])), lm)
            for key, values in scores.items():
                values.append(f[key])
    return {k: round(sorted(v)[int(title_lm.REJECT_QUANTILE * len(v))], 4) for k, v in sorted(scores.items())}


def span_rows(records: list[dict], with_index: bool = False):
    """(spans, features, word F1 with the real title) of each record that has candidates; the title
    word model's probabilities and the title language model out of fold. ``with_index``: also the
    index of each row's record."""
    out = []
    kept = []
    for fold in range(FOLDS):
        rest = [r for k, r in enumerate(records) if k % FOLDS != fold]
        word_weights = fit_words(rest)
        lm = title_lm.Models(title_lm.fit(r["title"] for r in rest))
        for index, record in ((k, r) for k, r in enumerate(records) if k % FOLDS == fold):
            text = strip_latex(abstract(record))
            rows = spans.candidate_spans(text, spans.title_word_probabilities(text, word_weights), lm)
            if rows:
                labels = [word_f1(s, record["title"]) for s, _ in rows]
                out.append(([s for s, _ in rows], [f for _, f in rows], labels))
                kept.append(index)
    return (out, kept) if with_index else out


def _matrix(rows) -> tuple[list[str], Any]:
    """The feature names (sparse ones seen at least ``MIN_COUNT`` times) and the dense design matrix,
    one line a candidate."""
    import numpy as np

    feats = [f for _, fs, _ in rows for f in fs]
    counts = Counter(k for f in feats for k in f if k.startswith(_SPARSE))
    names = sorted(
        {
            k
            for f in feats
            for k in f
            if k not in ORDER_ONLY and (not k.startswith(_SPARSE) or counts[k] >= MIN_COUNT)
        }
    )
    column = {k: c for c, k in enumerate(names)}
    x = np.zeros((len(feats), len(names)))
    for r, f in enumerate(feats):
        for k, v in f.items():
            if k in column:
                x[r, column[k]] = v
    return names, x


def _sparse(rows) -> tuple[list[str], Any]:
    """``_matrix`` as a scipy sparse matrix (a candidate has about 46 of some 1,250 features)."""
    from scipy.sparse import csr_matrix

    feats = [f for _, fs, _ in rows for f in fs]
    counts = Counter(k for f in feats for k in f if k.startswith(_SPARSE))
    names = sorted(
        {
            k
            for f in feats
            for k in f
            if k not in ORDER_ONLY and (not k.startswith(_SPARSE) or counts[k] >= MIN_COUNT)
        }
    )
    column = {k: c for c, k in enumerate(names)}
    data, cols, starts = [], [], [0]
    for f in feats:
        for k, v in sorted(f.items()):
            if k in column:
                cols.append(column[k])
                data.append(v)
        starts.append(len(cols))
    return names, csr_matrix((data, cols, starts), shape=(len(feats), len(names)))


def fit(rows) -> dict[str, float]:
    """Ridge regression (numpy, closed form) of each span's word F1 minus its abstract's mean."""
    import numpy as np

    names, x = _sparse(rows)
    target = np.concatenate([np.array(y) - np.mean(y) for _, _, y in rows])
    # centred columns, as a ridge with an unpenalised intercept (the intercept itself does not
    # rank): (X - 1m)'(X - 1m) = X'X - n m m', from the sparse matrix without densifying it
    n = x.shape[0]
    mean = np.asarray(x.mean(axis=0)).ravel()
    gram = (x.T @ x).toarray() - n * np.outer(mean, mean)
    centred = target - target.mean()
    coef = np.linalg.solve(gram + ALPHA * np.eye(len(names)), x.T @ centred - mean * centred.sum())
    weights = {k: round(float(v), 6) for k, v in zip(names, coef, strict=True)}
    return {k: v for k, v in sorted(weights.items()) if v}


def fit_logit(rows, tau: float = TAU, l2: float = L2) -> dict[str, float]:
    """Conditional logit (numpy features, scipy's L-BFGS): a softmax over each abstract's candidates
    fitted to the softmax of their word F1 at temperature ``tau``, with an L2 penalty ``l2``; the
    listwise alternative to ``fit``, as the TLDR ranker is fitted (``tldr_ranker.fit_ranker``)."""

    names, x = _matrix(rows)
    coef = conditional_logit(x, rows, tau, l2, 500)
    weights = {k: round(float(v), 6) for k, v in zip(names, coef, strict=True)}
    return {k: v for k, v in sorted(weights.items()) if v}


def linear(weights: dict[str, float], feats: dict[str, float]) -> float:
    """The ridge's score of one candidate (without the bias, which does not rank)."""
    return sum(v * weights.get(k, 0.0) for k, v in feats.items())


def first_index(ranked: list[float], row, margin: float | None = None) -> int:
    """Index of the candidate the stage takes first of one row scored ``ranked``: fluent ones first
    (``title_lm``), best score first, then ``span_order.complete_first`` at ``margin``."""
    cands, feats, _ = row
    margin = span_order.COMPLETE_MARGIN if margin is None else margin
    fluent = [spans.REJECT_DISFLUENT and not title_lm.fluent(f, REJECT) for f in feats]
    # a candidate the 80-character limit would cut is none (``spans.ranked_spans``' room)
    # a contrasted phrase after every other (``span_order.CONTRAST_LAST``), as ``spans.ranked_spans``
    contrasted = [span_order.CONTRAST_LAST and bool(f.get("contrast")) for f in feats]
    order = sorted(
        (i for i in range(len(cands)) if len(cands[i]) <= ROOM),
        key=lambda i: (fluent[i], contrasted[i], -ranked[i], i),
    ) or [0]
    first = span_order.complete_first(
        [cands[i] for i in order],
        [ranked[i] for i in order],
        margin,
        [not feats[i].get("open_end") for i in order],
    )
    order.insert(0, order.pop(first))
    # a counted or relational first candidate gives its place to its complement
    # (``span_order.complement_first``)
    first = span_order.complement_first(
        [cands[i] for i in order],
        [int(feats[i].get("vague", 0)) for i in order],
        [not fluent[i] and not contrasted[i] for i in order],
    )
    return order[first]


def top1(weights: dict[str, float], rows, margin: float = 0.0) -> float:
    """Mean word F1 of the candidate the stage takes first (``first_index``) under a linear scorer."""
    total = 0.0
    for row in rows:
        ranked = [linear(weights, f) for f in row[1]]
        total += row[2][first_index(ranked, row, margin)]
    return total / max(len(rows), 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.evaluation.title_tune", description=__doc__.split("\n")[0]
    )
    parser.add_argument("scitldr", type=Path, help="folder with train.jsonl (SciTLDR-A)")
    parser.add_argument("--cv", action="store_true", help="print 5-fold span word F1 on train; write nothing")
    args = parser.parse_args(argv)
    records = read_split(args.scitldr, "train")
    rows = span_rows(records)
    global REJECT
    REJECT = lm_thresholds(records)
    if args.cv:
        fitted = [fit([r for k, r in enumerate(rows) if k % FOLDS != f]) for f in range(FOLDS)]
        oracle = sum(max(y) for _, _, y in rows) / len(rows)
        for reject in (False, True):
            spans.REJECT_DISFLUENT = reject
            for margin in MARGINS:
                folds = [
                    top1(fitted[f], [r for k, r in enumerate(rows) if k % FOLDS == f], margin)
                    for f in range(FOLDS)
                ]
                print(
                    f"train {FOLDS}-fold word F1 of the top span (reject disfluent {reject}, "
                    f"complete margin {margin}): {sum(folds) / FOLDS:.4f} "
                    f"(oracle {oracle:.3f}, {len(rows)} abstracts)"
                )
        return 0
    payload = {
        "trained_on": "SciTLDR-A train",
        "min_count": MIN_COUNT,
        "alpha": ALPHA,
        "word_min_count": WORD_MIN_COUNT,
        "words": fit_words(records),
        "weights": fit(rows),
    }
    counts = title_lm.fit(r["title"] for r in records)
    counts["trained_on"] = "SciTLDR-A train"
    counts["reject_quantile"] = title_lm.REJECT_QUANTILE
    counts["reject_below"] = lm_thresholds(records)
    lm_out = Path(title_lm.__file__).with_name(title_lm.LM_FILE)
    lm_out.write_text(json.dumps(counts, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"title language model written to {lm_out}: {counts['reject_below']}", file=sys.stderr)
    out = write_weights(spans, payload)
    print(f"{len(payload['weights'])} weights written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
