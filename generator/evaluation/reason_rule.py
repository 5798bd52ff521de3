"""Which concepts a shown link names as its reasons, measured on tune data (the links are not changed).

    .venv/bin/python -m generator.evaluation.reason_rule ../shared/keyphrase --scitldr ../shared/scitldr \
        --papers /tmp/reason-tune.pkl [--held-out]

For each set (SciTLDR train thirds labelled by the title-and-TLDR proxy, the keyphrase tune halves by a
shared human keyphrase; with ``--held-out`` SciTLDR dev and the report halves, report only) the shown
links of the related-papers stage, each with the reasons of the old rule (``pairmodel.reasons``) and
of the shown-reason rule (``reasons_shown.reasons``): the share of links with a concept reason, the
share related of each kind of link (concept reason / "similar wording") under each rule, and the
papers whose shown reasons change. ``--papers`` keeps the generated papers (keywords, titles) of each
set, so a second run only recomputes the links.
"""

from __future__ import annotations

import argparse
import pickle
from pathlib import Path

from generator.evaluation import linkproxy, relating, splits
from generator.evaluation.keyphrases import datasets
from generator.models import Paper, Source


def generated(name: str, texts: tuple[str, ...]) -> tuple[Paper, ...]:
    from generator.keywords.stage import with_keywords
    from generator.runtime import parallel
    from generator.titles.generate import with_titles

    papers = tuple(Paper(id=f"{i:010x}", text=t, sources=(Source(name, i + 1),)) for i, t in enumerate(texts))
    with parallel.runtime(None, jobs=1):
        return with_titles(with_keywords(papers))


def sets(keyphrase_dir: Path, scitldr_dir: Path, held_out: bool) -> list[tuple[str, tuple[str, ...], object]]:
    """(name, texts, label) of each set: label(i, j) -> bool, or None when unknown."""
    found = []
    if held_out:
        dev = relating.scitldr(scitldr_dir, "dev")
        found.append((dev.name, dev.texts, linkproxy.labeller(dev.labels)))
    else:
        train = relating.scitldr(scitldr_dir, "train")
        proxy = linkproxy.labeller(train.labels)
        for third in range(3):
            keep = [i for i in range(len(train.texts)) if i % 3 == third]
            texts = tuple(train.texts[i] for i in keep)
            found.append((f"scitldr-train/{third}", texts, lambda a, b, k=keep: proxy(k[a], k[b])))
    for name, path in datasets(keyphrase_dir):
        half = relating.keyphrase_half(name, path, splits.REPORT if held_out else splits.TUNE)
        g = half.gold
        found.append((half.name, half.texts, lambda a, b, g=g: bool(g[a] & g[b]) if g[a] and g[b] else None))
    return found


def measure(name: str, papers: tuple[Paper, ...], label, examples: int = 0) -> dict[str, float]:
    """Links, share with a reason and share related by kind, old rule against the shown-reason rule."""
    from generator.relate import pairmodel, reasons_shown, related

    found = related.candidates(papers)
    counts = {k: 0 for k in ("links", "old_r", "old_r_rel", "old_r_lab", "old_p_rel", "old_p_lab")}
    counts |= {k: 0 for k in ("new_r", "new_r_rel", "new_r_lab", "new_p_rel", "new_p_lab", "changed")}
    shown_examples = []
    for i in range(len(papers)):
        feats = {j: (score, f, s) for j, score, f, s in found.features(i)}
        cands = [
            pairmodel.Candidate(
                j, score, pairmodel.probability(f), pairmodel.reasons(s, i, j, found.state, found.catalogue)
            )
            for j, (score, f, s) in feats.items()
        ]
        changed = False
        for c in pairmodel.choose(cands, related.MAX_RELATED):
            j = c.index
            old = c.reasons
            new = reasons_shown.reasons(i, j, found, papers)
            lab = label(i, j)
            counts["links"] += 1
            for kind, why in (("old", old), ("new", new)):
                k = f"{kind}_{'r' if why else 'p'}"
                counts[f"{kind}_r"] += bool(why)
                if lab is not None:
                    counts[f"{k}_lab"] += 1
                    counts[f"{k}_rel"] += bool(lab)
            if old != new:
                changed = True
                if len(shown_examples) < examples:
                    shown_examples.append((papers[i].title, papers[j].title, old, new, lab))
        counts["changed"] += changed
    for ex in shown_examples:
        print(f"  {ex[0][:60]!r} -> {ex[1][:60]!r}: {ex[2]} => {ex[3]} (related {ex[4]})")
    return counts


def report(name: str, c: dict[str, float]) -> str:
    def share(a: str, b: str) -> str:
        return f"{100 * c[a] / c[b]:.1f}% ({c[a]}/{c[b]})" if c[b] else "-"

    return (
        f"{name}: {c['links']} links; with a reason old {share('old_r', 'links')}"
        f" new {share('new_r', 'links')}; related: old reason {share('old_r_rel', 'old_r_lab')},"
        f" old plain {share('old_p_rel', 'old_p_lab')};"
        f" new reason {share('new_r_rel', 'new_r_lab')}, new plain {share('new_p_rel', 'new_p_lab')};"
        f" papers whose reasons change {c['changed']}"
    )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("keyphrase", type=Path)
    ap.add_argument("--scitldr", type=Path, required=True)
    ap.add_argument("--papers", type=Path, help="pickle of the generated papers (written when absent)")
    ap.add_argument("--held-out", action="store_true", help="SciTLDR dev and the report halves (report only)")
    ap.add_argument("--examples", type=int, default=0, help="print this many changed links a set")
    ap.add_argument("--catalogue-share", type=float, help="try this ``reasons_shown.CATALOGUE_SHARE``")
    ap.add_argument("--set", action="append", help="NAME=VALUE: try a constant of reasons_shown")
    args = ap.parse_args(argv)
    if args.catalogue_share is not None:
        from generator.relate import reasons_shown

        reasons_shown.CATALOGUE_SHARE = args.catalogue_share
    from generator.relate import reasons_shown

    for setting in args.set or []:
        name, value = setting.split("=")
        setattr(reasons_shown, name, type(getattr(reasons_shown, name))(eval(value)))
    todo = sets(args.keyphrase, args.scitldr, args.held_out)
    if args.papers and args.papers.exists():
        with args.papers.open("rb") as f:
            built = pickle.load(f)
    else:
        built = {name: generated(name, texts) for name, texts, _label in todo}
        if args.papers:
            with args.papers.open("wb") as f:
                pickle.dump(built, f)
    for name, _texts, label in todo:
        print(report(name, measure(name, built[name], label, args.examples)), flush=True)


if __name__ == "__main__":
    main()
