"""The learned TLDR ranker: gradient-boosted trees over each candidate in its sentence and abstract.

The candidate ranker (``tldr.choose``, a conditional logit) picks the oracle sentence of a dev
abstract half the time; the sentence it picks loses about 6 ROUGE-1 to the oracle sentence, and the
compression it picks within its sentence about 2 more than the best one (``tools/tldr_diagnose.py``).
A linear score of one candidate cannot say "the best of this abstract" or "long for its sentence";
trees over relative features can. Each candidate gets (``candidate_matrix``):

- its own features (``tldr.scored_candidates``: the word models' expected ROUGE-1 F / precision /
  recall, log-odds, centroid cosine, what the compression did, pointers back, set-up, background),
  its length, the offset from the authors' first sentence;
- its linear ranker score against the abstract's best and its sentence's best, and its rank; its
  expected F against the abstract's best and its sentence's best;
- its sentence's features among the abstract's sentences (``sentence_features``): position,
  length, the class rate of its rhetorical role and of its authors' verb (learned on train:
  ``role_rates``), the best of its candidates' features and their gap to the best sentence's.

The trees (``tldr_rank.json``: feature index, threshold, children, leaf value of each node) are
fitted by ``generator.evaluation.tldr_rank_tune`` on SciTLDR train only (scikit-learn's gradient
boosting, squared loss on each candidate's ROUGE-1 minus its abstract's mean, fixed random_state)
and walked here with numpy, every tree at once (``predict_all``): no pickles, no scikit-learn at
build time. ``tldr.with_learned_ranks`` adds ``weight`` x the prediction to each candidate's
score, so the margins of ``tldr.choose`` (pointers back, set-up sentences) still apply.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path

from generator.runtime.cache import file_digest
from generator.runtime.trees import Packed, leaf_sums, pack
from generator.titles import tldr_compress as compress

WEIGHTS_FILE = "tldr_rank.json"
# the per-candidate features aggregated over a sentence's candidates (their best)
_BEST = ("eF", "eP", "eR", "lo_mean", "lo_sum", "centroid", "score")
# ... and also relative to the abstract's best sentence (difference and rank)
_RELATIVE = ("eF", "eR", "lo_sum", "centroid", "score")
FEATURES = (
    "i",
    "from_end",
    "relpos",
    "n",
    "offset_we",
    "before_we",
    "startswe",
    "words",
    "role_rate",
    "verb_rate",
    "setup",
    "leans_all",
    *(f"best_{k}" for k in _BEST),
    *(f"gap_{k}" for k in _RELATIVE),
    *(f"rank_{k}" for k in _RELATIVE),
)


@cache
def _model() -> dict:
    path = resources.files(__package__).joinpath(WEIGHTS_FILE)
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def weights_digest() -> str:
    path = Path(__file__).with_name(WEIGHTS_FILE)
    return file_digest(path) if path.is_file() else ""


def weight() -> float:
    """How much the sentence's prediction adds to its candidates' scores (set on train)."""
    return float(_model().get("weight", 0.0))


def margin_scale() -> float:
    """How much wider ``tldr.choose``'s margins of doubt are with the trees' scores added: the trees
    spread the scores, so the reader's preferences (pointers back, set-up) need wider margins to
    keep their reach (the smallest scale whose train CV picks point back no more often than the
    linear ranker's alone: ``tldr_rank_tune``)."""
    return float(_model().get("margin_scale", 1.0))


def role_rates() -> tuple[dict[str, float], dict[str, float], float]:
    """The class rates learned on train: of each rhetorical role and each authors' verb, how far the
    sentences that have it score above their abstract's mean (smoothed); and the default (0)."""
    model = _model()
    return model.get("roles", {}), model.get("verbs", {}), 0.0


def sentence_features(
    sents: list[str],
    rows: list[tuple[int, dict[str, float], float]],
    rates: tuple[dict[str, float], dict[str, float], float] | None = None,
) -> dict[int, list[float]]:
    """The ``FEATURES`` of each sentence that has a candidate; ``rows``: (sentence index, candidate
    features, candidate ranker score) of the abstract's candidates."""
    roles, verbs, default = rates if rates is not None else role_rates()
    n = len(sents)
    first_we = next((i for i, s in enumerate(sents) if compress.authors_verb(s)), n)
    best: dict[int, dict[str, float]] = {}
    leans: dict[int, bool] = {}
    for i, f, score in rows:
        values = {k: f.get(k, 0.0) for k in _BEST[:-1]} | {"score": score}
        mine = best.setdefault(i, dict(values))
        for k, v in values.items():
            mine[k] = max(mine[k], v)
        leans[i] = leans.get(i, True) and bool(f.get("leans") or f.get("anaphor"))
    top = {k: max(b[k] for b in best.values()) for k in _RELATIVE}
    order = {k: sorted({b[k] for b in best.values()}, reverse=True) for k in _RELATIVE}
    out = {}
    for i, b in sorted(best.items()):
        s = sents[i]
        lower = s.lower()
        feats = {
            "i": float(i),
            "from_end": float(n - 1 - i),
            "relpos": i / max(n - 1, 1),
            "n": float(n),
            "offset_we": float(i - first_we) if first_we < n else -9.0,
            "before_we": float(i < first_we),
            "startswe": float(lower.startswith(("we ", "in this paper", "in this work", "this paper"))),
            "words": float(len(s.split())),
            "role_rate": roles.get(compress.role(s), default),
            "verb_rate": verbs.get(compress.authors_verb(s) or "-", default),
            "setup": float(any(f.get("setup") for j, f, _ in rows if j == i)),
            "leans_all": float(leans[i]),
        }
        feats |= {f"best_{k}": b[k] for k in _BEST}
        feats |= {f"gap_{k}": b[k] - top[k] for k in _RELATIVE}
        feats |= {f"rank_{k}": float(min(order[k].index(b[k]), 5)) for k in _RELATIVE}
        out[i] = [feats[k] for k in FEATURES]
    return out


# the candidate's own features (``tldr.scored_candidates``), as numbers
_NUMERIC = (
    "startswe", "first_we", "before_we", "setup", "centroid", "modal", "nums", "lo_mean", "lo_sum",
    "eF", "eP", "eR", "asides", "lead", "cut", "anaphor", "leans", "bare", "opener", "joined",
    "resolved", "trim",
)  # fmt: skip
CANDIDATE_FEATURES = (
    *_NUMERIC,
    "from_we",
    "cand_words",
    "score",
    "gap_top",
    "gap_sentence",
    "gap_eF",
    "gap_sentence_eF",
    "rank",
    *(f"s_{k}" for k in FEATURES),
)


def candidate_matrix(
    sents: list[str],
    rows: list[tuple[str, dict[str, float]]],
    scores: list[float],
    rates: tuple[dict[str, float], dict[str, float], float] | None = None,
) -> list[list[float]]:
    """The ``CANDIDATE_FEATURES`` of each candidate (``rows``: candidate and features, ``scores``: the
    candidate ranker's): its own features, its length, its ranker score against the abstract's best
    and its sentence's best (and rank), its expected F against theirs, and its sentence's features."""
    keyed = [(int(f.get("sent", 0)), f, s) for (_, f), s in zip(rows, scores, strict=True)]
    by_sentence = sentence_features(sents, keyed, rates)
    top, top_f = max(scores), max(f.get("eF", 0.0) for _, f in rows)
    best: dict[int, list[float]] = {}
    for (_, f), s in zip(rows, scores, strict=True):
        b = best.setdefault(int(f.get("sent", 0)), [s, f.get("eF", 0.0)])
        b[0], b[1] = max(b[0], s), max(b[1], f.get("eF", 0.0))
    order = sorted(set(scores), reverse=True)
    out = []
    for (cand, f), s in zip(rows, scores, strict=True):
        i = int(f.get("sent", 0))
        since = next((k.partition("=")[2] for k in f if k.startswith("from_we=")), "none")
        x = [f.get(k, 0.0) for k in _NUMERIC] + [float(since) if since != "none" else -9.0]
        x += [float(len(cand.split())), s, s - top, s - best[i][0], f.get("eF", 0.0) - top_f]
        x += [f.get("eF", 0.0) - best[i][1], float(min(order.index(s), 8))]
        out.append(x + by_sentence[i])
    return out


def predict(x: list[float], trees: list[list[list[float]]]) -> float:
    """One tree ensemble's sum of leaves for one feature vector (a reference for ``predict_all``).
    A tree is a list of nodes [feature, threshold, left, right, value]; feature -1 is a leaf."""
    total = 0.0
    for tree in trees:
        node = tree[0]
        while node[0] >= 0:
            node = tree[int(node[2] if x[int(node[0])] <= node[1] else node[3])]
        total += node[4]
    return total


@cache
def _arrays() -> Packed:
    """The shipped trees (node lists [feature, threshold, left, right, value], feature -1 a leaf)
    packed for ``runtime.trees``."""
    model = _model()
    trees = [
        {
            k: [node[i] for node in tree]
            for i, k in enumerate(("feature", "threshold", "left", "right", "value"))
        }
        for tree in model.get("trees", [])
    ]
    return pack(trees, int(model.get("depth", 0)))


def predict_all(matrix: list[list[float]]) -> list[float]:
    """The shipped ensemble's prediction for each row of ``matrix``: every tree walked at once."""
    import numpy as np

    return list(_model().get("base", 0.0) + leaf_sums(_arrays(), np.asarray(matrix, dtype=float)))


def candidate_scores(
    sents: list[str], rows: list[tuple[str, dict[str, float]]], scores: list[float]
) -> list[float]:
    """Each candidate's predicted ROUGE-1 above its abstract's mean (none without a model)."""
    if not _model().get("trees") or not rows:
        return []
    return predict_all(candidate_matrix(sents, rows, scores))
