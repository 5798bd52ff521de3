"""Learn the name scorer (generator/titles/name_weights.json) on the SciTLDR train split only.

Each candidate name of each train abstract (``generator.titles.names.features``) is labelled 1 when
the paper's real title opens with it ("FearNet: ...", ``evaluation.titles.real_name``), else 0; a
logistic regression (``C``) learns the weights, sparse context words seen fewer than ``MIN_COUNT``
times dropped.

    python -m generator.evaluation.name_tune ../shared/scitldr          # writes the weights
    python -m generator.evaluation.name_tune ../shared/scitldr --cv     # 5-fold figures on train only
    python -m generator.evaluation.name_tune ../shared/scitldr --cv --titles   # and whole titles
    python -m generator.evaluation.name_tune ../shared/scitldr --cv --titles --at 0.04,0.08  # at each

Two models (fifth session): the gate above, and a ranker (``fit_rank``, a conditional logit over
each named abstract's eligible candidates) that picks which candidate; the gate's best probability
says whether to name at all (``names.RANKER``).

``--cv`` prints, for each threshold, the share of named train papers whose name the detector finds
and the share of given names that are false (out of fold). ``--titles`` also builds every train
paper's title with its fold's weights (``generate_title``, no catalogue) at ``names.THRESHOLD``:
names kept, false names and title word F1 as ``make eval`` counts them on dev.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from generator.evaluation.titles import real_name
from generator.evaluation.tldr_tune import abstract, read_split
from generator.evaluation.weights import write_weights
from generator.text.latex import strip_latex
from generator.titles import contribution, names
from generator.titles.clues import named_method

MIN_COUNT = 10
C = 1.0
FOLDS = 5
_SPARSE = ("prev=", "prev2=", "next=")


def rule_names(text: str) -> tuple[str, ...]:
    named = named_method(text)
    return tuple(n for n in ((named[0] if named else ""), contribution.own_name(text)) if n)


Row = tuple[frozenset[str], list[tuple[str, dict[str, float]]], list[bool], list[bool]]


def rows_of(records: list[dict]) -> list[Row]:
    """(the names that name each train abstract as its real title does, its candidates' features). A
    name is right when the real title opens with it or with the long form the abstract defines for
    it ("PCRs" when the title opens "Progressive Compressed Records:"): the title then says both.
    Third: whether each candidate is ``names.eligible``; fourth: whether the ranker may pick it
    (eligible and not a piece of a longer candidate, ``names.rankable``)."""
    out = []
    for record in records:
        text = strip_latex(abstract(record))
        real = real_name(record["title"], text).lower()
        cands = names.features(text, rule_names(text), own=True)
        right = {
            n.lower() for n, _ in cands if real and real in (n.lower(), names.spelled_out(text, n).lower())
        }
        elig = [names.eligible(n, f, text) for n, f in cands]
        ranked = {n for n, _ in names.rankable(text, [nf for nf, e in zip(cands, elig, strict=True) if e])}
        labels = frozenset(right | ({real} if real else set()))
        out.append((labels, cands, elig, [n in ranked for n, _ in cands]))
    return out


def _pruned(rows: list[Row]):
    """A vectorizer over the rows' features, sparse context words seen fewer than ``MIN_COUNT`` times
    dropped, and the function that drops them."""
    from sklearn.feature_extraction import DictVectorizer

    counts = Counter(k for _, cands, _, _ in rows for _, f in cands for k in f if k.startswith(_SPARSE))

    def prune(feats: list[dict[str, float]]) -> list[dict[str, float]]:
        return [
            {
                k: v
                for k, v in f.items()
                if k not in names.RULE_ONLY and (not k.startswith(_SPARSE) or counts[k] >= MIN_COUNT)
            }
            for f in feats
        ]

    return DictVectorizer().fit(prune([f for _, cands, _, _ in rows for _, f in cands])), prune


def fit(rows: list[Row]) -> dict[str, float]:
    """The gate: a logistic regression over every candidate of every abstract, labelled 1 when the
    real title opens with it."""
    from sklearn.linear_model import LogisticRegression

    vectorizer, prune = _pruned(rows)
    feats = [f for _, cands, _, _ in rows for _, f in cands]
    labels = [int(name.lower() in right) for right, cands, _, _ in rows for name, _ in cands]
    model = LogisticRegression(C=C, max_iter=3000).fit(vectorizer.transform(prune(feats)), labels)
    weights = {k: round(float(v), 6) for k, v in zip(vectorizer.feature_names_, model.coef_[0], strict=True)}
    weights[""] = round(float(model.intercept_[0]), 6)
    return {k: v for k, v in sorted(weights.items()) if v}


# The ranker (fifth session): a conditional logit (a softmax over one abstract's eligible candidates)
# fitted only on the named papers with two candidates or more, the right ones the target (softmax of
# 1/0 at temperature ``RANK_TAU``), L2 penalty ``RANK_L2`` (chosen by 5-fold on train: 1 / 5 / 10 / 20
# put the right name first for 81.6 / 83.6 / 84.0 / 83.2% of named papers; the gate's own order 81.6%).
RANK_L2 = 10.0
RANK_TAU = 0.1


def fit_rank(rows: list[Row]) -> dict[str, float]:
    """The ranker's weights: which eligible candidate is the paper's name, given that it has one."""
    from generator.evaluation.weights import conditional_logit

    vectorizer, prune = _pruned(rows)
    groups, feats = [], []
    for right, cands, _, ranked in rows:
        kept = [(n, f) for (n, f), e in zip(cands, ranked, strict=True) if e]
        labels = [float(n.lower() in right) for n, _ in kept]
        if len(kept) >= 2 and any(labels):
            groups.append((None, None, labels))
            feats += [f for _, f in kept]
    w = conditional_logit(vectorizer.transform(prune(feats)), groups, RANK_TAU, RANK_L2, 1000)
    weights = {k: round(float(v), 6) for k, v in zip(vectorizer.feature_names_, w, strict=True)}
    return {k: v for k, v in sorted(weights.items()) if v}


def best_names(
    weights: dict[str, float], rows: list[Row], rank: dict[str, float] | None = None
) -> list[tuple[frozenset[str], str, float]]:
    """(right names, best candidate, the gate's probability) of each abstract: the best candidate by
    the ranker's weights ``rank`` when given (the gate's highest probability), else by the gate's."""
    out = []
    for real, cands, elig, ranked in rows:
        kept = [(n, f) for (n, f), e in zip(cands, elig, strict=True) if e]
        scored = [(names.probability(f, weights), n) for n, f in kept]
        p, best = max(scored, key=lambda pn: (pn[0], len(pn[1])), default=(0.0, ""))
        if rank and kept:
            pool = [(n, f) for (n, f), e in zip(cands, ranked, strict=True) if e]
            best = max(pool, key=lambda nf: (names.rank_score(nf[1], rank), len(nf[0])))[0]
        out.append((real, best, p))
    return out


def curve(picks: list[tuple[frozenset[str], str, float]], threshold: float) -> tuple[float, float, int]:
    """(share of named papers whose name is found, share of given names that are not the real title's
    name: false names, names given) when the best candidate names the paper at ``threshold``."""
    given = [(real, best) for real, best, p in picks if p >= threshold]
    named = sum(1 for real, _, _ in picks if real)
    found = sum(1 for real, best in given if best.lower() in real)
    false = sum(1 for real, best in given if best.lower() not in real)
    return found / max(named, 1), false / max(len(given), 1), len(given)


def titles_cv(
    records: list[dict], fold_weights: list[dict[str, float]], fold_rank: list[dict[str, float]]
) -> str:
    """Names kept, false names and word F1 of every train paper's generated title, each paper's name
    scored with the weights of the folds it is not in."""
    from unittest import mock

    from generator.evaluation.titles import Item, confirmed_name, false_name, has_name, name_part, word_f1
    from generator.models import Paper, Source
    from generator.titles.generate import generate_title

    items = []
    for k, record in enumerate(records):
        text = abstract(record)
        with (
            mock.patch.object(names, "weights", lambda w=fold_weights[k % FOLDS]: w),
            mock.patch.object(names, "rank_weights", lambda w=fold_rank[k % FOLDS]: w),
        ):
            title = generate_title(Paper(id="", text=text, sources=(Source("train", k),)))
        items.append(Item(strip_latex(text), record["title"], tuple(record.get("target", ())), title, ""))
    named = [(i, real_name(i.real_title, i.abstract)) for i in items]
    named = [(i, n) for i, n in named if n]
    given = [i for i in items if name_part(i.title)]
    return (
        f"titles at p >= {names.THRESHOLD}: names kept {sum(has_name(i.title, n) for i, n in named)}"
        f" of {len(named)}, false names {sum(false_name(i)[0] for i in given)} of {len(given)} titles"
        f" with a name ({sum(false_name(i)[1] for i in given)} absent from the real title), name precision"
        f" {sum(confirmed_name(i) for i in given) / max(len(given), 1):.1%}, title word"
        f" F1 {sum(word_f1(i.title, i.real_title) for i in items) / len(items):.3f}"
    )


THRESHOLDS = (0.02, 0.03, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.evaluation.name_tune", description=__doc__.split("\n")[0]
    )
    parser.add_argument("scitldr", type=Path, help="folder with train.jsonl (SciTLDR-A)")
    parser.add_argument("--cv", action="store_true", help="print 5-fold figures on train; write nothing")
    parser.add_argument("--titles", action="store_true", help="with --cv: also whole titles (slower)")
    parser.add_argument(
        "--at", default="", help="with --titles: comma-separated thresholds to build the titles at (round 6)"
    )
    args = parser.parse_args(argv)
    records = read_split(args.scitldr, "train")
    rows = rows_of(records)
    if args.cv:
        fold_weights = [fit([r for k, r in enumerate(rows) if k % FOLDS != f]) for f in range(FOLDS)]
        fold_rank = [
            fit_rank([r for k, r in enumerate(rows) if k % FOLDS != f]) if names.RANKER else {}
            for f in range(FOLDS)
        ]
        picks = [
            pick
            for f in range(FOLDS)
            for pick in best_names(
                fold_weights[f], [r for k, r in enumerate(rows) if k % FOLDS == f], fold_rank[f]
            )
        ]
        print(f"train {FOLDS}-fold, {sum(1 for r, _, _ in picks if r)} named of {len(picks)} papers:")
        for t in THRESHOLDS:
            found, false, given = curve(picks, t)
            print(f"  p >= {t:.2f}: names found {found:.1%}, false names {false:.1%} of {given} given")
        if args.titles:
            for threshold in [float(t) for t in args.at.split(",") if t] or [names.THRESHOLD]:
                names.THRESHOLD = threshold
                print(titles_cv(records, fold_weights, fold_rank), flush=True)
        return 0
    payload = {
        "trained_on": "SciTLDR-A train",
        "min_count": MIN_COUNT,
        "C": C,
        "weights": fit(rows),
        "rank_l2": RANK_L2,
        "rank_tau": RANK_TAU,
        "rank": fit_rank(rows),
    }
    out = write_weights(names, payload)
    print(f"{len(payload['weights'])} weights written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
