"""How many generated titles are fragments of a larger phrase (SciTLDR train only; issue 22).

The blind readers' "broken" titles that break no written rule are mostly pieces of a phrase: a span
that opens inside its noun group, its quantifier or modifiers left behind ("Step for a model" of
"each training step for a model", "Cost of X" of "the computational cost of X"), or on a piece of a
multi-word preposition ("Spite of ..."); or one that ends on a modifier ("... across multimodal") or
on the first half of a suspended hyphen ("from parameter- to measurement-space"). This script
generates the titles of train abstracts with the stage, finds each title's description (after a
name's colon) in its abstract's tagged sentences and counts those patterns (``spans``' own tests of
them, so it counts what the span rules would have refused). A description not found as a run of a
sentence (a composed phrase, a name alone) is counted as not located.

    python -m generator.evaluation.title_fragments ../shared/scitldr [--limit 600] [--off]

``--off`` measures with ``spans.COMPLETE_SPANS`` off; with ``--weights`` the span weights of an
earlier commit (``git show 5383299:generator/titles/span_weights.json > /tmp/w.json``), the stage
as it was before round 2 (its new features have no weight there).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from generator.evaluation.titles import figures, word_f1
from generator.evaluation.tldr_tune import read_split
from generator.text.sentences import sentences
from generator.titles import contribution, span_complete, spans


def _locate(desc: str, text: str) -> tuple[list[tuple[str, str]], int, int] | None:
    words = [w.lower() for w in desc.split()]
    n = len(words)
    for sentence in sentences(text):
        tagged = contribution.tagged(sentence)
        lows = [w.lower() for w, _ in tagged]
        for i in range(len(lows) - n + 1):
            if lows[i : i + n] == words:
                return tagged, i, i + n
    return None


def patterns(title: str, text: str) -> list[str]:
    """The fragment patterns of one title ("not located" when its description is no sentence run)."""
    desc = title.split(": ", 1)[1] if ": " in title else title
    found = _locate(desc, text)
    if found is None:
        return ["not located"]
    tagged, i, j = found
    out = []
    if span_complete.inside_group(tagged, i, spans._misread_verb):
        out.append("opens inside its noun group")
    if tagged[i][1] in {"NN", "NNS"} and span_complete.fixed_preposition(tagged, i):
        out.append("opens in a multi-word preposition")
    if span_complete.modifier_word(tagged[j - 1][0]):
        out.append("ends on a modifier")
    if span_complete.hyphen_suspended(tagged, j - 1):
        out.append("ends before a suspended hyphen")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", type=Path)
    parser.add_argument("--limit", type=int, default=600)
    parser.add_argument("--off", action="store_true")
    parser.add_argument("--examples", type=int, default=0)
    parser.add_argument("--weights", type=Path, help="span weights to use instead of the shipped ones")
    args = parser.parse_args()
    from generator.evaluation.titles import generate

    spans.COMPLETE_SPANS = not args.off
    if args.weights:
        model = json.loads(args.weights.read_text(encoding="utf-8"))
        spans._model = lambda: model  # type: ignore[assignment]
    records = read_split(args.folder, "train")[: args.limit]
    items = generate(records, jobs=1)
    counts: Counter[str] = Counter()
    broken = 0
    shown = Counter()
    for item in items:
        found = patterns(item.title, item.abstract)
        counts.update(found)
        if set(found) - {"not located"}:
            broken += 1
            if shown[found[0]] < args.examples:
                shown[found[0]] += 1
                print(f"  [{found[0]}] {item.title}")
    f1 = sum(word_f1(i.title, i.real_title) for i in items) / len(items)
    print(f"{len(items)} train titles, word F1 {f1:.4f} (in sample for the weights: a check, not a figure)")
    fig = figures(items)
    print(
        f"names kept {100 * fig['names_kept']:.1f}% of {fig['named']}; "
        f"broken by the rules {100 * fig['broken']:.1f}%"
    )
    print(f"fragments (patterns 1-2): {broken} ({100 * broken / len(items):.1f}%)")
    for key, n in sorted(counts.items()):
        print(f"  {key}: {n}")


if __name__ == "__main__":
    main()
