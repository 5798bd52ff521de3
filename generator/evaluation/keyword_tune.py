"""Learn the keyphraseness model (generator/keywords/keyphraseness_weights.json) on tune data only.

    .venv/bin/python -m generator.evaluation.keyword_tune ../shared/keyphrase ../shared/scitldr

A logistic model over each candidate's features (``keywords.central.features``: YAKE's score and
rank, first position, the contribution sentence, how many sentences say it, citation/example and
background contexts, phrase and head-word document frequency over SciTLDR train, commonness in
English, length, capitals, a defined acronym) plus the catalogue feature ``shared`` (a phrase of
several words another paper of the catalogue has), fitted with numpy on two kinds of tune data:

- the keyphrase sets' **tune** halves (``splits.keyphrase_split``): a candidate is positive when its
  stemmed form is one of the document's human keyphrases;
- SciTLDR **train**: a candidate is positive when all its stemmed words occur in the paper's real
  title or gold TLDRs (an in-domain stand-in for "what the paper is about").

Each of the four sources weighs the same in the fit, except that SemEval2017 (whose indexers keep
long, rare phrases the other sets do not: the sets disagree on the ranking) weighs ``SEMEVAL_WEIGHTS``
times more. That weight and the probability threshold under which a paper shows no more keywords
(``curate.SHOWN_MIN`` at least) are chosen together on the same tune data: the largest mean over the
three keyphrase tune halves of F1@10 relative to the hand-set weighting, among the settings whose
SciTLDR train proxy (share of shown keywords whose words the title/TLDRs have) is at least
``MIN_PROXY`` (more keywords raise SemEval2017's recall and the blind readers' filler alike); gains
within ``TIE`` of each other go to the setting with the higher proxy. The
report halves and SciTLDR dev are never read here.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import pickle
from collections import Counter
from dataclasses import replace
from pathlib import Path

from generator.evaluation import keyphrases
from generator.evaluation.splits import TUNE, keyphrase_split
from generator.evaluation.weights import write_weights
from generator.keywords import central, curate, merging, reranker
from generator.keywords.contexts import sentence_of_tokens
from generator.keywords.curate import Candidate, Candidates
from generator.keywords.stage import scored_candidates
from generator.models import Paper, Source
from generator.relate.terms import without_urls
from generator.text.tagger import tag_sentences

log = logging.getLogger(__name__)

L2 = 1.0
THRESHOLDS = (0.0, 0.1, 0.125, 0.15, 0.175, 0.2, 0.25, 0.3)
SEMEVAL_WEIGHTS = (1.0, 2.0, 3.0, 5.0)
# The reader's goal is filler, not F1: a setting is chosen only if at least this share of the keywords it
# shows on SciTLDR train have every word in the title or TLDRs (the model chosen in round 3: 0.355).
MIN_PROXY = 0.35
# Gains (mean F1@10 relative to the hand-set weighting) closer than this are a tie, broken by the proxy.
TIE = 0.001
Row = tuple[Candidate, dict[str, float]]
# Features of ``reranker.EXTRA`` left out of the fit (``--drop``).
DROPPED: set[str] = set()


def analysed(text: str) -> tuple[list[Row], tuple[tuple[str, str, str, str], ...]]:
    text = without_urls(text)
    phrases, defined, expansions = scored_candidates(text, tag_sentences(text))
    return central.features(text, phrases, expansions), defined


def load_sets(keyphrase_dir: Path, scitldr_dir: Path, cache_file: Path | None) -> dict[str, list]:
    """Per source: (text, rows, acronyms, gold) for every tune document."""
    if cache_file and cache_file.is_file():
        return pickle.loads(cache_file.read_bytes())
    sets: dict[str, list] = {}
    for name, path in keyphrases.datasets(keyphrase_dir):
        docs = [d for d in keyphrases.load(path) if keyphrase_split(name, d.name) == TUNE]
        sets[name] = [(d.text, *analysed(d.text), d.keys) for d in docs]
        log.info("%s: %d tune documents", name, len(docs))
    with (scitldr_dir / "train.jsonl").open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    sets["scitldr"] = [
        (" ".join(r["source"]), *analysed(" ".join(r["source"])), (r["title"], *r["target"])) for r in records
    ]
    if cache_file:
        cache_file.write_bytes(pickle.dumps(sets))
    return sets


def _words(texts: tuple[str, ...]) -> set[str]:
    return {w for t in texts for w in keyphrases.stemmed(t).split()}


def label(source: str, cand: Candidate, gold: tuple[str, ...]) -> float:
    if source == "scitldr":
        words = keyphrases.stemmed(cand.text).split()
        return float(bool(words) and set(words) <= _words(gold))
    return float(keyphrases.stemmed(cand.key) in {keyphrases.stemmed(k) for k in gold})


def shared_counts(docs: list) -> Counter[str]:
    return Counter(k for _t, rows, _a, _g in docs for k in {c.key for c, _f in rows})


def matrix(sets: dict[str, list], semeval: float = 1.0):  # type: ignore[no-untyped-def]
    import numpy as np

    extra = [n for n in reranker.EXTRA if n not in DROPPED] if central.RERANKED else []
    names = [*central.FEATURES, *extra, central.SHARED]
    xs, ys, ws = [], [], []
    for source, docs in sorted(sets.items()):
        shared = shared_counts(docs)
        total = sum(len(rows) for _t, rows, _a, _g in docs)
        for _text, rows, _acr, gold in docs:
            for cand, feats in rows:
                row = dict(feats, shared=float(shared[cand.key] > 1 and " " in cand.key))
                xs.append([row[n] for n in names])
                ys.append(label(source, cand, gold))
                ws.append((semeval if source == "SemEval2017" else 1.0) / total)
    return names, np.array(xs), np.array(ys), np.array(ws) / np.sum(ws) * len(ws)


def keyphraseness_counts(sets: dict[str, list]) -> tuple[dict[str, list[int]], dict[str, list[float]]]:
    """Per candidate key, over the tune documents: [documents of SciTLDR train with it, of those where
    it was positive, documents of the keyphrase tune halves with it, of those where it was a human
    keyphrase], and each kind's base rate by length class (``reranker.corpus_features``)."""
    counts: dict[str, list[int]] = {}
    for source, docs in sorted(sets.items()):
        at = 0 if source == "scitldr" else 2
        for _text, rows, _acr, gold in docs:
            for key, positive in sorted({c.key: label(source, c, gold) for c, _f in rows}.items()):
                entry = counts.setdefault(key, [0, 0, 0, 0])
                entry[at] += 1
                entry[at + 1] += int(positive)
    prior: dict[str, list[float]] = {}
    for length in ("1", "2", "3"):
        rows = [c for k, c in counts.items() if reranker.length_class(k) == length]
        seen_ml, hit_ml, seen_gold, hit_gold = (sum(c[i] for c in rows) for i in range(4))
        prior[length] = [round(hit_ml / max(seen_ml, 1), 6), round(hit_gold / max(seen_gold, 1), 6)]
    return counts, prior


def with_extras(
    sets: dict[str, list], counts: dict[str, list[int]], prior: dict[str, list[float]]
) -> dict[str, list]:
    """The tune documents with ``reranker.EXTRA`` features, the corpus keyphraseness left one out (a
    document's own label never counts for it)."""
    saved = reranker.table
    reranker.table = lambda: {"prior": prior, "keys": {}}  # type: ignore[method-assign,assignment]
    out: dict[str, list] = {}
    try:
        for source, docs in sorted(sets.items()):
            at = 0 if source == "scitldr" else 2
            rows_out = []
            for text, rows, acr, gold in docs:
                n_tokens = len(sentence_of_tokens(without_urls(text))[0])
                new_rows = []
                for cand, feats in rows:
                    own = list(counts.get(cand.key, [0, 0, 0, 0]))
                    own[at] -= 1
                    own[at + 1] -= int(label(source, cand, gold))
                    extra = reranker.extra_features(cand.key, cand.text, cand.spans, n_tokens, own)
                    new_rows.append((cand, {**feats, **extra}))
                rows_out.append((text, new_rows, acr, gold))
            out[source] = rows_out
    finally:
        reranker.table = saved  # type: ignore[method-assign]
    return out


def write_table(counts: dict[str, list[int]], prior: dict[str, list[float]]) -> Path:
    """The corpus keyphraseness table (keys seen in at least ``reranker.MIN_SEEN`` documents of a kind)."""
    import gzip

    keys = {k: v for k, v in sorted(counts.items()) if v[0] >= reranker.MIN_SEEN or v[2] >= reranker.MIN_SEEN}
    payload = json.dumps({"prior": prior, "keys": keys}, sort_keys=True, separators=(",", ":"))
    with gzip.GzipFile(reranker.KEYPHRASENESS_PATH, "wb", mtime=0) as handle:
        handle.write(payload.encode("utf-8"))
    return reranker.KEYPHRASENESS_PATH


def boost(names, x, y, w, base, n_trees: int, depth: int, rate: float, min_leaf: int):  # type: ignore[no-untyped-def]
    """Gradient-boosted regression trees on the logistic loss from the linear model's log-odds ``base``
    (Friedman's algorithm, Newton leaf values; scikit-learn grows each tree, random_state 0). The
    catalogue feature ``shared`` stays linear: the trees do not see it."""
    import numpy as np
    from sklearn.tree import DecisionTreeRegressor

    cols = [i for i, n in enumerate(names) if n != central.SHARED]
    xt = x[:, cols].astype(np.float32)
    margin = base.copy()
    trees = []
    for _ in range(n_trees):
        p = 1 / (1 + np.exp(-margin))
        g, h = y - p, p * (1 - p)
        tree = DecisionTreeRegressor(max_depth=depth, min_samples_leaf=min_leaf, random_state=0)
        tree.fit(xt, g, sample_weight=w)
        leaves = tree.apply(xt)
        t = tree.tree_
        value = np.zeros(t.node_count)
        for leaf in np.unique(leaves):
            mask = leaves == leaf
            value[leaf] = float((w[mask] * g[mask]).sum() / ((w[mask] * h[mask]).sum() + 1.0))
        margin = margin + rate * value[leaves]
        trees.append(
            {
                "feature": [int(f) if f >= 0 else -1 for f in t.feature],
                "threshold": [
                    round(float(v), 7) if f >= 0 else 0.0 for f, v in zip(t.feature, t.threshold, strict=True)
                ],
                "left": [int(v) for v in t.children_left],
                "right": [int(v) for v in t.children_right],
                "value": [round(float(v), 6) for v in value],
            }
        )
    return {"features": [names[i] for i in cols], "rate": rate, "depth": depth, "trees": trees}


def linear_margin(names, x, weights):  # type: ignore[no-untyped-def]
    import numpy as np

    return weights[""] + x @ np.array([weights[n] for n in names])


def fit(names: list[str], x, y, w) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """L2-regularised logistic regression by Newton's method (deterministic)."""
    import numpy as np

    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / std])
    beta = np.zeros(z.shape[1])
    reg = np.full(z.shape[1], L2)
    reg[0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-z @ beta))
        grad = z.T @ (w * (p - y)) + reg * beta
        hess = (z * (w * p * (1 - p))[:, None]).T @ z + np.diag(reg)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-9:
            break
    coef = beta[1:] / std
    out = {n: round(float(c), 6) for n, c in zip(names, coef, strict=True)}
    out[""] = round(float(beta[0] - (coef * mean).sum()), 6)
    return out


def candidates_with(
    rows: list[Row], acronyms, weights: dict[str, float] | None, limit: float = 0.0, trees=None
) -> Candidates:  # type: ignore[no-untyped-def]
    if weights is None:
        scored = [central._hand_weighted(c, f) for c, f in rows]
    else:
        values = central.logits([f for _c, f in rows], weights, trees)
        scored = [replace(c, score=-round(v, 9)) for (c, _f), v in zip(rows, values, strict=True)]
        # the paper's own concept and its topics are shown, as in ``central.reweigh``
        scored = central.guaranteed(scored, [f for _c, f in rows], limit)
    return Candidates(tuple(sorted(scored, key=lambda c: (c.score, c.key))), acronyms)


def shown(docs: list, weights: dict[str, float] | None, limit: float, trees=None) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    """Each document's keywords as the stage would show them, the documents as one catalogue."""
    papers = tuple(Paper(id=f"{i:010x}", text=d[0], sources=(Source(str(i), 1),)) for i, d in enumerate(docs))
    found = [candidates_with(rows, acr, weights, limit, trees) for _t, rows, acr, _g in docs]
    saved = (central.LEARNED, central.weights, central.threshold, curate.choice_key)
    central.LEARNED = weights is not None
    central.weights = lambda: weights or {}  # type: ignore[method-assign,assignment]
    central.threshold = lambda: limit  # type: ignore[method-assign,assignment]
    # Each setting is a different computation for the choice cache.
    key = saved[3]() + repr(
        (sorted((weights or {}).items()), limit, curate.SHOWN_MIN, merging.HEAD_EXTENSIONS_MERGED, id(trees))
    )
    curate.choice_key = lambda: key  # type: ignore[method-assign,assignment]
    try:
        return [p.keywords for p in curate.curate(papers, found)]
    finally:
        central.LEARNED, central.weights, central.threshold, curate.choice_key = saved  # type: ignore[assignment]


def proxy(docs: list, predicted: list[tuple[str, ...]]) -> float:
    """Share of shown keywords all of whose stemmed words the title/TLDRs have."""
    hits = total = 0
    for (_t, _r, _a, gold), keys in zip(docs, predicted, strict=True):
        words = _words(gold)
        for k in keys:
            total += 1
            hits += set(keyphrases.stemmed(k).split()) <= words
    return hits / (total or 1)


def f1(docs: list, predicted: list[tuple[str, ...]]) -> tuple[float, float]:
    gold_docs = [keyphrases.Document(str(i), d[0], d[3]) for i, d in enumerate(docs)]
    s = keyphrases.score(gold_docs, predicted, 0.0)
    return s.f1, s.per_doc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.evaluation.keyword_tune")
    parser.add_argument("keyphrase_dir", type=Path)
    parser.add_argument("scitldr_dir", type=Path)
    parser.add_argument("--cache", type=Path, help="keep the analysed tune documents here (pickle)")
    parser.add_argument("--dry-run", action="store_true", help="print, write no weights")
    parser.add_argument(
        "--criterion",
        choices=("mean", "least"),
        default="mean",
        help="choose by the mean (default) or the smallest F1@10 relative to the hand-set weighting",
    )
    parser.add_argument(
        "--min-proxy",
        type=float,
        default=MIN_PROXY,
        help="only settings whose SciTLDR train proxy is at least this are chosen (fewer, surer keywords)",
    )
    parser.add_argument("--trees", type=int, default=0, help="boosted trees on top of the linear model")
    parser.add_argument("--depth", type=int, default=3)
    parser.add_argument("--rate", type=float, default=0.1)
    parser.add_argument("--min-leaf", type=int, default=200)
    parser.add_argument("--no-rerank", action="store_true", help="without the fifth session's features")
    parser.add_argument("--semeval", type=float, nargs="+", default=list(SEMEVAL_WEIGHTS))
    parser.add_argument("--thresholds", type=float, nargs="+", default=list(THRESHOLDS))
    parser.add_argument("--drop", nargs="*", default=[], help="features of reranker.EXTRA left out")
    args = parser.parse_args(argv)
    DROPPED.update(args.drop)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    sets = load_sets(args.keyphrase_dir, args.scitldr_dir, args.cache)
    counts, prior = keyphraseness_counts(sets)
    central.RERANKED = not args.no_rerank
    if central.RERANKED:
        sets = with_extras(sets, counts, prior)
    hand = {s: shown(d, None, 0.0) for s, d in sets.items()}
    base = {s: f1(d, hand[s])[0] for s, d in sets.items() if s != "scitldr"}
    print("hand-set: " + "  ".join(f"{s} F1 {v:.3f}" for s, v in sorted(base.items())), end="")
    print(f"  scitldr proxy {proxy(sets['scitldr'], hand['scitldr']):.3f}")
    best: tuple[float, float, dict[str, float], float] = (-math.inf, 0.0, {}, 1.0)
    best_proxy, best_trees = 0.0, None
    for semeval in args.semeval:
        names, x, y, w = matrix(sets, semeval)
        weights = fit(names, x, y, w)
        model, packed = None, None
        if args.trees and central.RERANKED:
            start = linear_margin(names, x, weights)
            model = boost(names, x, y, w, start, args.trees, args.depth, args.rate, args.min_leaf)
            packed = reranker.packed(model)
        for limit in args.thresholds:
            out = {s: shown(d, weights, limit, packed) for s, d in sets.items()}
            scores = {s: f1(d, out[s]) for s, d in sets.items() if s != "scitldr"}
            ratios = [scores[s][0] / base[s] for s in scores]
            gain = sum(ratios) / len(ratios) if args.criterion == "mean" else min(ratios)
            print(
                f"SemEval x{semeval:g} t={limit:.3f} "
                + "  ".join(f"{s} F1 {v[0]:.3f} ({v[1]:.1f}/doc)" for s, v in sorted(scores.items()))
                + f"  {args.criterion} rel {gain:.3f}"
                + f"  scitldr proxy {proxy(sets['scitldr'], out['scitldr']):.3f}"
                + f" ({sum(map(len, out['scitldr'])) / len(out['scitldr']):.1f}/doc)",
                flush=True,
            )
            share = proxy(sets["scitldr"], out["scitldr"])
            # Settings within TIE of the best gain are one: the surer (higher proxy) is chosen.
            better = gain > best[0] + TIE or (gain > best[0] - TIE and share > best_proxy)
            if share >= args.min_proxy and better:
                best, best_proxy = (gain, limit, weights, semeval), share
                best_trees = (model, packed)
    weights = best[2]
    print(f"{len(y)} candidates, {int(y.sum())} positive; chosen:")
    for n in ["", *names]:
        print(f"  {n or '(bias)':>12} {weights[n]:+.3f}")
    print(f"threshold {best[1]}, SemEval2017 x{best[3]:g}")
    merging.HEAD_EXTENSIONS_MERGED = False
    out = {s: shown(d, weights, best[1], best_trees[1] if best_trees else None) for s, d in sets.items()}
    merging.HEAD_EXTENSIONS_MERGED = True
    print(
        "without merging head extensions: "
        + "  ".join(f"{s} F1 {f1(d, out[s])[0]:.3f}" for s, d in sorted(sets.items()) if s != "scitldr")
        + f"  scitldr proxy {proxy(sets['scitldr'], out['scitldr']):.3f}"
    )
    if not args.dry_run:
        payload = {"weights": weights, "threshold": best[1], "l2": L2, "semeval_weight": best[3]}
        if best_trees and best_trees[0]:
            payload["trees"] = best_trees[0]
        path = write_weights(central, payload)
        print(f"wrote {path}")
        if central.RERANKED:
            print(f"wrote {write_table(counts, prior)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
