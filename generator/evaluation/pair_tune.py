"""Learn the related-papers pair model (generator/relate/pair_weights.json) on tune data only.

    .venv/bin/python -m generator.evaluation.pair_tune ../shared/keyphrase --scitldr ../shared/scitldr
    # --examples FILE keeps the extracted pairs (pickle) for a rerun; --no-write prints only;
    # --cross: each group's cells from a model fitted on the other groups (leave one group out);
    # --held-out FILE: the chosen model's cells on the held-out sets (pairs kept in FILE), report only

Tune data: SciTLDR **train** in three thirds of 664 papers (each one
catalogue, the size of dev), labelled by the title-and-TLDR proxy (``linkproxy``), and the **tune**
halves of SemEval2017, kdd and www, labelled by a shared human keyphrase (pairs where either paper
has none are left out). Each set is built as the pipeline builds it; every paper's candidates
(``related.candidates``) give one example a pair with the features of ``relate/pairs.py``.

1. **Fit**: a logistic regression (scikit-learn, L2, C=``C``) on standardised features, each set
   weighted equally (SciTLDR's three thirds count as one set, as large as the keyphrase halves
   together), its weights written back in the raw features' units. The hub features
   (``SECOND_STAGE``: the candidate's in-degree) are fitted after it on the SciTLDR thirds only, with
   the first stage's logit as an offset (their weights and a shift of the intercept): the keyphrase
   labels of kdd and www are mostly ACM categories ("information search and retrieval"), which a
   hub shares with everything, so they reward hubs; the SciTLDR proxy (a specific shared phrase)
   does not.
   ``--cross`` refits once per group (SciTLDR, SemEval2017, kdd, www) without it and scores that
   group with the result: a cross-domain check on tune data of whether a feature or model carries
   beyond the labels it was fitted on (in-sample cells flatter every added feature).
2. **Bounds**: for each ``show`` and ``floor`` on a grid, the links each set would show
   (``pairmodel.choose``), the share its label calls related, and the share of papers left with
   none. ``floor``: the lowest grid value from which papers' best candidates, in bins of FLOOR_BIN
   probability, are related at least FLOOR_RATE of the time (SciTLDR and the keyphrase halves
   weighted equally): below it a best candidate is implausible. ``show``: the best mean share over
   the six sets at that floor among those that keep at least MIN_LINKS links a SciTLDR paper.
"""

from __future__ import annotations

import argparse
import pickle
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from generator.evaluation import linkproxy, relating, splits
from generator.evaluation.keyphrases import datasets
from generator.evaluation.weights import write_weights
from generator.models import Paper, Source
from generator.relate import pairmodel
from generator.relate.pairs import FEATURES

C = 1.0
SHOWS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
FLOORS = (0.0, 0.04, 0.06, 0.08, 0.1, 0.15, 0.2)
MIN_LINKS = 1.0
# A paper's best candidate is still plausible when papers whose best candidate has that probability
# have a related one (by the labels) at least FLOOR_RATE of the time: ten times a random pair's rate
# (0.9% of random SciTLDR train pairs are related by the proxy).
FLOOR_RATE = 0.1
FLOOR_BIN = 0.05
# Fitted in a second stage on the SciTLDR thirds only (see the docstring); a small ridge keeps it stable.
SECOND_STAGE = ("indegree",)
SECOND_STAGE_RIDGE = 1e-3


@dataclass
class Example:
    i: int
    j: int
    features: dict[str, float]
    label: bool | None


@dataclass
class TuneSet:
    name: str
    group: str  # sets of one group share one weight
    papers: int
    examples: list[Example]


def extract(name: str, texts: tuple[str, ...], label, group: str) -> TuneSet:
    from generator.keywords.stage import with_keywords
    from generator.relate import related
    from generator.runtime import parallel
    from generator.titles.generate import with_titles

    papers = tuple(Paper(id=f"{i:010x}", text=t, sources=(Source(name, i + 1),)) for i, t in enumerate(texts))
    with parallel.runtime(None, jobs=1):
        papers = with_titles(with_keywords(papers))
        found = related.candidates(papers)
    examples = [
        Example(i, j, feats, label(i, j))
        for i in range(len(papers))
        for j, _s, feats, _sp in found.features(i)
    ]
    return TuneSet(name, group, len(papers), examples)


def tune_sets(keyphrase_dir: Path, scitldr_dir: Path) -> list[TuneSet]:
    found = []
    train = relating.scitldr(scitldr_dir, "train")
    proxy = linkproxy.labeller(train.labels)
    for third in range(3):
        keep = [i for i in range(len(train.texts)) if i % 3 == third]
        texts = tuple(train.texts[i] for i in keep)
        found.append(
            extract(f"scitldr-train/{third}", texts, lambda a, b, k=keep: proxy(k[a], k[b]), "scitldr")
        )
    return found + keyphrase_sets(keyphrase_dir, splits.TUNE)


def held_out_sets(keyphrase_dir: Path, scitldr_dir: Path) -> list[TuneSet]:
    """The held-out sets as pairs, labelled as the tune sets are: SciTLDR dev by the proxy, the
    keyphrase report halves by a shared keyphrase. Their cells at the chosen bounds are the links,
    label shares and papers alone that ``make eval`` reports; for reporting, never for choosing."""
    found = []
    dev = relating.scitldr(scitldr_dir, "dev")
    found.append(extract(dev.name, dev.texts, linkproxy.labeller(dev.labels), "scitldr"))
    return found + keyphrase_sets(keyphrase_dir, splits.REPORT)


def keyphrase_sets(keyphrase_dir: Path, which: str) -> list[TuneSet]:
    """One half of each keyphrase set as pairs, labelled by a shared human keyphrase (None when
    either document has none)."""
    found = []
    for name, path in datasets(keyphrase_dir):
        half = relating.keyphrase_half(name, path, which)
        g = half.gold
        found.append(
            extract(
                half.name, half.texts, lambda a, b, g=g: bool(g[a] & g[b]) if g[a] and g[b] else None, name
            )
        )
    return found


def leave_one_group_out(
    sets: list[TuneSet], c: float = C, features: tuple[str, ...] = FEATURES
) -> dict[str, dict[str, float]]:
    """Each group's weights fitted on the other groups only (``fit``; without SciTLDR the second
    stage has nothing to fit on, so its features are left out)."""
    out = {}
    for group in sorted({s.group for s in sets}):
        rest = [s for s in sets if s.group != group]
        usable = (
            features
            if any(s.group == "scitldr" for s in rest)
            else tuple(f for f in features if f not in SECOND_STAGE)
        )
        out[group] = fit(rest, c, usable)
    return out


def _load(path: Path | None, build) -> list[TuneSet]:
    if path and path.is_file():
        return pickle.loads(path.read_bytes())
    found = build()
    if path:
        path.write_bytes(pickle.dumps(found))
    return found


def _cells(sets: list[TuneSet], weights_of, show: float, floor: float) -> str:
    cells = [curve(s, weights_of(s), show, floor) for s in sets]
    mean = sum(c[1] for c in cells) / len(cells)
    return f"mean share {100 * mean:.2f}% | " + " | ".join(
        f"{s.name}: {n}, {100 * p:.1f}%, {100 * a:.1f}%, {h}"
        for (n, p, a, h), s in zip(cells, sets, strict=True)
    )


def fit(sets: list[TuneSet], c: float = C, features: tuple[str, ...] = FEATURES) -> dict[str, float]:
    """Logistic-regression weights on the raw features (intercept under ""); ``features``: a subset
    of FEATURES to fit (the others weigh nothing), for an ablation. SECOND_STAGE features are fitted
    by ``second_stage``."""
    first = tuple(f for f in features if f not in SECOND_STAGE)
    weights = pooled(sets, c, first)
    extra = tuple(f for f in features if f in SECOND_STAGE)
    return second_stage([s for s in sets if s.group == "scitldr"], weights, extra) if extra else weights


def second_stage(sets: list[TuneSet], weights: dict[str, float], extra: tuple[str, ...]) -> dict[str, float]:
    """``weights`` with the ``extra`` features' weights and an intercept shift fitted on ``sets`` by
    Newton's method (logistic loss, ridge SECOND_STAGE_RIDGE), the given weights' logit an offset."""
    judged = [e for s in sets for e in s.examples if e.label is not None]
    x = np.array([[1.0, *(e.features[f] for f in extra)] for e in judged])
    y = np.array([float(e.label) for e in judged])
    offset = np.array(
        [weights[""] + sum(weights.get(f, 0.0) * e.features[f] for f in FEATURES) for e in judged]
    )
    b = np.zeros(x.shape[1])
    ridge = SECOND_STAGE_RIDGE * np.eye(len(b))
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(offset + x @ b)))
        step = np.linalg.solve((x * (p * (1 - p))[:, None]).T @ x + ridge, x.T @ (y - p) - ridge @ b)
        b += step
        if np.abs(step).max() < 1e-10:
            break
    out = dict(weights)
    out[""] = round(weights[""] + float(b[0]), 6)
    out.update({f: round(float(v), 6) for f, v in zip(extra, b[1:], strict=True)})
    return out


def pooled(sets: list[TuneSet], c: float, features: tuple[str, ...]) -> dict[str, float]:
    """The first stage: every set, weighted by group."""
    from sklearn.linear_model import LogisticRegression

    rows, labels, weights = [], [], []
    groups = sorted({s.group for s in sets})
    for s in sets:
        judged = [e for e in s.examples if e.label is not None]
        total = sum(len([e for e in t.examples if e.label is not None]) for t in sets if t.group == s.group)
        for e in judged:
            rows.append([e.features[f] for f in features])
            labels.append(int(e.label))
            weights.append(1.0 / (total * len(groups)))
    x = np.array(rows)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    w = np.array(weights) * len(weights)
    model = LogisticRegression(C=c, max_iter=5000).fit((x - mean) / scale, labels, sample_weight=w)
    coef = model.coef_[0] / scale
    intercept = float(model.intercept_[0] - (coef * mean).sum())
    out = {f: round(float(v), 6) for f, v in zip(features, coef, strict=True)}
    out[""] = round(intercept, 6)
    return out


def curve(s: TuneSet, weights: dict[str, float], show: float, floor: float) -> tuple[int, float, float, int]:
    """(links, share the label calls related, share of papers with none, most links to one paper)
    under the bounds."""
    by_paper: dict[int, list[pairmodel.Candidate]] = {}
    labels = {}
    for e in s.examples:
        p = pairmodel.probability(e.features, weights)
        by_paper.setdefault(e.i, []).append(pairmodel.Candidate(e.j, e.features["score"], p, ()))
        labels[(e.i, e.j)] = e.label
    links = judged = good = 0
    alone = s.papers
    bounds = {"show": show, "floor": floor}
    indegree: dict[int, int] = {}
    for i, cands in by_paper.items():
        shown = _choose(cands, bounds)
        alone -= bool(shown)
        for c in shown:
            links += 1
            indegree[c.index] = indegree.get(c.index, 0) + 1
            v = labels[(i, c.index)]
            if v is not None:
                judged += 1
                good += v
    return links, good / judged if judged else 0.0, alone / s.papers, max(indegree.values(), default=0)


def _choose(cands: list[pairmodel.Candidate], bounds: dict) -> list[pairmodel.Candidate]:
    ranked = sorted(cands, key=lambda c: -c.probability)
    shown = [c for c in ranked if c.probability >= bounds["show"]][:5]
    if not shown and ranked and ranked[0].probability >= bounds["floor"]:
        shown = ranked[:1]
    return shown


def plausible_floor(sets: list[TuneSet], weights: dict[str, float]) -> float:
    """The lowest FLOORS value from which every bin of best-candidate probability is related at least
    FLOOR_RATE of the time (each group's rate, averaged over the groups SciTLDR and keyphrase)."""
    rates: dict[str, dict[int, list[int]]] = {}
    for s in sets:
        group = "scitldr" if s.group == "scitldr" else "keyphrase"
        best: dict[int, tuple[float, bool | None]] = {}
        for e in s.examples:
            p = pairmodel.probability(e.features, weights)
            if e.i not in best or p > best[e.i][0]:
                best[e.i] = (p, e.label)
        for p, label in best.values():
            if label is not None:
                rates.setdefault(group, {}).setdefault(int(p / FLOOR_BIN), []).append(int(label))
    bins = sorted({b for found in rates.values() for b in found})
    mean = {
        b: sum(sum(f[b]) / len(f[b]) for f in rates.values() if f.get(b))
        / sum(1 for f in rates.values() if f.get(b))
        for b in bins
    }
    print(
        "best candidate related, by probability bin:",
        {round(b * FLOOR_BIN, 2): round(r, 3) for b, r in mean.items()},
    )
    for floor in FLOORS:
        if all(r >= FLOOR_RATE for b, r in mean.items() if (b + 1) * FLOOR_BIN > floor + 1e-9):
            return floor
    return FLOORS[-1]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("keyphrase", type=Path)
    parser.add_argument("--scitldr", type=Path, default=None)
    parser.add_argument("--examples", type=Path, default=None)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--cross", action="store_true", help="leave-one-group-out cells on tune data")
    parser.add_argument("--held-out", type=Path, default=None, help="pickle of the held-out pairs")
    args = parser.parse_args(argv)
    scitldr = args.scitldr or args.keyphrase.parent / "scitldr"
    sets = _load(args.examples, lambda: tune_sets(args.keyphrase, scitldr))
    weights = fit(sets)
    print("weights:", weights)
    print(
        "| show | floor | "
        + " | ".join(f"{s.name}: links, related, no link, most links to one" for s in sets)
        + " |"
    )
    print("|---:|---:|" + "---|" * len(sets))
    best = None
    chosen_floor = plausible_floor(sets, weights)
    for show in SHOWS:
        for floor in FLOORS:
            cells = [curve(s, weights, show, floor) for s in sets]
            print(
                f"| {show} | {floor} | "
                + " | ".join(f"{n}, {100 * p:.1f}%, {100 * a:.1f}%, {h}" for n, p, a, h in cells)
                + " |",
                flush=True,
            )
            sci = [(c, s) for c, s in zip(cells, sets, strict=True) if s.group == "scitldr"]
            per_paper = sum(c[0] for c, _ in sci) / sum(s.papers for _, s in sci)
            mean = sum(c[1] for c in cells) / len(cells)
            if floor == chosen_floor and per_paper >= MIN_LINKS and (best is None or mean > best[0] + 1e-9):
                best = (mean, show, floor)
    print("chosen (mean share, show, floor):", best)
    if best and args.cross:
        by_group = leave_one_group_out(sets)
        print("leave one group out, tune:", _cells(sets, lambda s: by_group[s.group], best[1], best[2]))
    if best and args.held_out:
        held = _load(args.held_out, lambda: held_out_sets(args.keyphrase, scitldr))
        print("held out (report only):", _cells(held, lambda s: weights, best[1], best[2]))
    if best and not args.no_write:
        payload = {
            "features": list(FEATURES),
            "weights": weights,
            "show": best[1],
            "floor": best[2],
            "c": C,
            "trained_on": "SciTLDR-A train thirds (proxy labels), keyphrase tune halves (shared keyphrase); "
            + f"{', '.join(SECOND_STAGE)}: SciTLDR-A train thirds only",
        }
        print("wrote", write_weights(pairmodel, payload))


if __name__ == "__main__":
    main()
