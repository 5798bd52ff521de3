"""The TLDR ranker and the train-CV grids that set ``tldr.choose``'s margins (``tldr_tune`` steps 2,
4, 6 and 7).

The ranker (``fit_ranker``) is a conditional logit over each abstract's candidates: a softmax fitted to
the softmax of their ROUGE-1 (temperature ``TAU``, L2 penalty ``LAMBDA``), sparse features seen in
fewer than ``MIN_COUNT`` candidates dropped. Each grid refits it on all folds but one (``FOLDS``) and
scores the picks ``tldr.choose`` makes on the held-out fold at each value of a margin: near-equals
(``MARGINS``), pointers back (``POINTER_MARGINS``), vague picks (``SPECIFIC_FLOORS`` x
``VAGUE_MARGINS``), the told contribution (``TOLD_MARGINS``) and frames (``FRAME_MARGINS``); the widest
value at most ``MAX_LOSS`` below none is chosen.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TextIO

from generator.evaluation.weights import conditional_logit
from generator.titles import tldr

MIN_COUNT = 60
TAU = 0.1
LAMBDA = 0.3
FOLDS = 5
_SPARSE = ("w=", "f0=", "f1=", "f2=", "cut=", "role=")
# Near-equals: at least e^-0.3 = 3/4 as likely as the best under the ranker's softmax; wider margins
# cost no train ROUGE either (0.5, 0.8: 38.89, 38.87) but let weaker sentences in ("We anticipate ...").
MARGINS = (0.0, 0.1, 0.2, 0.3)
# Pointers back (round 6): a candidate without one wins when its score is within this of the best
# (on top of ``MARGINS``' choice); the widest costing at most ``MAX_LOSS`` on train CV.
POINTER_MARGINS = (0.0, 0.3, 0.5, 0.8, 1.2)
MAX_LOSS = 0.1  # ROUGE-1 points (train CV) the reader's preference may cost
# Vague picks (sixth session, round 2; ``tldr_specific``): a pick with fewer than a floor of the
# abstract's specific words loses to the best candidate with at least that many within a margin; the
# pair whose picks say the most specific words on train CV at most ``MAX_LOSS`` below no guard.
SPECIFIC_FLOORS = (1, 2, 3)
VAGUE_MARGINS = (0.3, 0.5, 0.8, 1.2)
# The contribution with its account (seventh session; ``tldr_refer.elaborate``): "We propose X, which
# composes ..." wins over the contribution alone within this margin; the widest costing at most
# ``MAX_LOSS`` on train CV against none.
TOLD_MARGINS = (0.0, 0.3, 0.5, 0.8, 1.2, 2.0, 3.0)
# A pick that only names or frames the work (seventh session, round 3; ``tldr_says``) gives way to the
# best candidate that says what the work does or finds within this margin; the widest costing at most
# ``MAX_LOSS`` on train CV against none (verbless candidates are never picked in either).
FRAME_MARGINS = (0.0, 0.3, 0.5, 0.8, 1.2, 2.0)


def rounded(names: list[str], coef, intercept: float) -> dict[str, float]:
    weights = {k: round(float(v), 6) for k, v in zip(names, coef, strict=True)}
    weights[""] = round(float(intercept), 6)
    return {k: v for k, v in sorted(weights.items()) if v}


def fit_ranker(rows: list[tuple[list[str], list[dict[str, float]], list[float]]]) -> dict[str, float]:
    """The conditional logit's weights over the candidates of ``rows``."""
    from sklearn.feature_extraction import DictVectorizer

    feats = [{k: v for k, v in f.items() if k not in tldr.READER_FEATURES} for _, fs, _ in rows for f in fs]
    counts = Counter(k for f in feats for k in f if k.startswith(_SPARSE))
    feats = [
        {k: v for k, v in f.items() if not k.startswith(_SPARSE) or counts[k] >= MIN_COUNT} for f in feats
    ]
    vectorizer = DictVectorizer()
    X = vectorizer.fit_transform(feats).tocsr()
    coef = conditional_logit(X, rows, TAU, LAMBDA, 1000)
    return rounded(list(vectorizer.feature_names_), coef, 0.0)


def top1(
    weights: dict[str, float],
    rows,
    margin: float = 0.0,
    pointers: float = 0.0,
    vague: float = 0.0,
    floor: int = 0,
    told: float = 0.0,
) -> float:
    """Mean ROUGE-1 (x 100) of the candidate ``tldr.choose`` picks with the weights and margins."""
    return picks(weights, rows, margin, pointers, vague, floor, told)[0]


def picks(
    weights: dict[str, float],
    rows,
    margin: float = 0.0,
    pointers: float = 0.0,
    vague: float = 0.0,
    floor: int = 0,
    told: float = 0.0,
) -> tuple[float, float]:
    """Mean ROUGE-1 (x 100) and mean specific words (``tldr_specific``) of the candidates
    ``tldr.choose`` picks with the weights, margins and vague guard."""
    total = said = 0.0
    for cands, feats, scores in rows:
        picked = tldr.choose(
            list(zip(cands, feats, strict=True)), weights, margin, pointers, vague, floor, told
        )
        total += scores[cands.index(picked[0])] if picked else 0.0
        said += picked[1].get("specific", 0.0) if picked else 0.0
    return 100 * total / max(len(rows), 1), said / max(len(rows), 1)


def vague_grid(rows, margin: float, pointers: float) -> dict[tuple[int, float], list[tuple[float, float]]]:
    """Each (floor, vague margin)'s (ROUGE-1, mean specific words) of each held-out fold, the ranker
    fitted on the other folds; (0, 0.0) is no guard."""
    grid = [(0, 0.0)] + [(f, v) for f in SPECIFIC_FLOORS for v in VAGUE_MARGINS]
    out: dict[tuple[int, float], list[tuple[float, float]]] = {g: [] for g in grid}
    for fold in range(FOLDS):
        weights = fit_ranker([r for k, r in enumerate(rows) if k % FOLDS != fold])
        held = [r for k, r in enumerate(rows) if k % FOLDS == fold]
        for floor, vague in grid:
            out[(floor, vague)].append(picks(weights, held, margin, pointers, vague, floor))
    return out


def pick_vague(grid: dict[tuple[int, float], list[tuple[float, float]]]) -> tuple[int, float]:
    """The (floor, margin) whose picks say the most specific words at most ``MAX_LOSS`` below no guard."""

    def mean(g: tuple[int, float], k: int) -> float:
        return sum(f[k] for f in grid[g]) / len(grid[g])

    base = mean((0, 0.0), 0)
    fine = [g for g in grid if mean(g, 0) >= base - MAX_LOSS]
    return max(fine, key=lambda g: (round(mean(g, 1), 4), -g[1], -g[0]))


def told_grid(rows, margin: float, pointers: float, vague: float, floor: int) -> dict[float, list[tuple]]:
    """``rule_grid`` of the told margin: how far below the best score "We propose X, which ..." still
    beats the bare contribution."""
    return rule_grid(
        rows, TOLD_MARGINS, lambda rf, w, t: tldr.choose(rf, w, margin, pointers, vague, floor, t)
    )


def frame_grid(rows, margin: float, pointers: float, vague: float, floor: int, told: float) -> dict:
    """``rule_grid`` of the frame margin: how far below the best score a candidate that says what the
    work does or finds still beats a pick that only frames it."""
    return rule_grid(
        rows, FRAME_MARGINS, lambda rf, w, f: tldr.choose(rf, w, margin, pointers, vague, floor, told, f)
    )


def rule_grid(rows, values: tuple[float, ...], pick: Callable) -> dict[float, list[tuple]]:
    """Each value's (ROUGE-1, picks changed against the value 0, their ROUGE-1 sum, what the same
    abstracts' picks score at 0) of each held-out fold, the ranker fitted on the other folds.
    ``pick(candidates with features, weights, value)`` is the choice with the rule at that value."""
    out: dict[float, list[tuple]] = {t: [] for t in values}
    for fold in range(FOLDS):
        weights = fit_ranker([r for k, r in enumerate(rows) if k % FOLDS != fold])
        held = [r for k, r in enumerate(rows) if k % FOLDS == fold]
        plain = [pick(list(zip(c, f, strict=True)), weights, 0.0) for c, f, _ in held]
        for value in values:
            total = n = gain = was = 0.0
            for (cands, feats, scores), before in zip(held, plain, strict=True):
                picked = pick(list(zip(cands, feats, strict=True)), weights, value)
                r = scores[cands.index(picked[0])] if picked else 0.0
                total += r
                if picked and before and picked[0] != before[0]:
                    n += 1
                    gain += r
                    was += scores[cands.index(before[0])]
            out[value].append((100 * total / max(len(held), 1), n, 100 * gain, 100 * was))
    return out


def cross_validate(
    rows, margins: tuple[float, ...] = (0.0,), pointers: tuple[float, ...] = (0.0,)
) -> tuple[dict[float, list[float]], dict[float, list[float]]]:
    """Each margin's ROUGE-1 of each held-out fold (the ranker fitted on the other folds), with the
    pointer margin 0; and each pointer margin's with the margin ``margins[-1]``."""
    out: dict[float, list[float]] = {m: [] for m in margins}
    by_pointer: dict[float, list[float]] = {p: [] for p in pointers}
    for fold in range(FOLDS):
        weights = fit_ranker([r for k, r in enumerate(rows) if k % FOLDS != fold])
        held = [r for k, r in enumerate(rows) if k % FOLDS == fold]
        for m in margins:
            out[m].append(top1(weights, held, m))
        for p in pointers:
            by_pointer[p].append(top1(weights, held, margins[-1], p))
    return out, by_pointer


def pick_margin(folds: dict[float, list[float]]) -> float:
    """The widest margin whose CV ROUGE-1 is at most ``MAX_LOSS`` below the margin 0's. The pointer
    margins are judged against the pointer margin 0 at the chosen near-equals margin, the same choice
    without the rule (until the eighth session against the near-equals margin 0: a second rule's
    cost was charged to the pointer rule)."""
    base = sum(folds[0.0]) / len(folds[0.0])
    return max(m for m, f in folds.items() if sum(f) / len(f) >= base - MAX_LOSS)


def widest_margin(name: str, grid: dict, stream: TextIO) -> float:
    """Print a margin's train-CV grid (ROUGE-1 per fold; the picks it changes and their ROUGE-1 against
    the picks they replace) and return the widest margin within ``MAX_LOSS`` of none."""
    for t, folds in grid.items():
        changed = sum(f[1] for f in folds)
        print(
            f"train {FOLDS}-fold, {name} margin {t}: ROUGE-1 {sum(f[0] for f in folds) / FOLDS:.2f} "
            f"(folds {', '.join(f'{f[0]:.2f}' for f in folds)}); picks changed {changed:.0f}, their "
            f"ROUGE-1 {sum(f[2] for f in folds) / max(changed, 1):.1f} against "
            f"{sum(f[3] for f in folds) / max(changed, 1):.1f}",
            file=stream,
        )
    base = sum(f[0] for f in grid[0.0]) / FOLDS
    chosen = max(t for t, f in grid.items() if sum(x[0] for x in f) / FOLDS >= base - MAX_LOSS)
    print(f"{name} margin chosen: {chosen}", file=stream)
    return chosen
