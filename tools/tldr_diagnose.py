"""Where the TLDR loses ROUGE against the best single sentence: selection or compression.

    .venv/bin/python tools/tldr_diagnose.py ../shared/scitldr dev [--limit N]

For each abstract of the split (ROUGE-1 F x 100 against the best gold TLDR, rouge-score with Porter
stemming, as ``make eval``), with the shipped weights:

- **ours**: the TLDR the site shows (``tldr.tldr``);
- **our sentence, whole**: the abstract sentence our TLDR was taken from, before compression (the
  sentence with the most of its words; a joined candidate counts as its first clause's sentence);
- **oracle sentence, whole**: the abstract sentence of best ROUGE-1 (``make eval``'s oracle);
- **oracle sentence, compressed as we do**: ``tldr.choose`` among that sentence's candidates only;
- **best candidate of our / of the oracle sentence**, and the **oracle over all candidates**;
- how often our sentence is the oracle sentence.

Nothing here is tuned on; the figures say where a method change should go.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from generator.text import acronyms
from generator.titles import tldr, tldr_model, tldr_rank


def source_sentence(sents: list[str], candidate: str) -> int:
    """The index of the sentence a candidate came from: the one with the most of its words."""
    key = set(tldr_model.words(candidate))
    return max(range(len(sents)), key=lambda i: (len(key & set(tldr_model.words(sents[i]))), -i), default=0)


def finish(text: str, abstract: str) -> str:
    """The candidate as ``tldr.tldr`` writes it: acronyms spelt out, a full stop."""
    out = tldr.spell_out(text, acronyms.table(abstract))[0]
    return out if out.endswith(("?", "!", ".")) else out + "."


def diagnose(records: list[dict]) -> dict[str, float]:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)
    keys = (
        "ours",
        "our sentence, whole",
        "best candidate of our sentence",
        "oracle sentence, whole",
        "oracle sentence, compressed as we do",
        "best candidate of the oracle sentence",
        "oracle over all candidates",
    )
    total = dict.fromkeys(keys, 0.0)
    same = n = 0
    lengths = {"ours": 0, "oracle sentence, whole": 0}
    for record in records:
        text = " ".join(record["source"])
        sents = tldr.abstract_sentences(text)
        if not sents:
            continue
        n += 1

        def r1(s: str, golds=tuple(record["target"])) -> float:
            return 100 * max(scorer.score(g, s)["rouge1"].fmeasure for g in golds)

        rows, weights = tldr.with_learned_ranks(
            text, tldr.scored_candidates(text), tldr_model.ranker_weights()
        )
        scale = tldr_rank.margin_scale() if "gbt" in weights else 1.0
        margin, pointers = scale * tldr.unsure_margin(), scale * tldr.pointer_margin()
        ours = tldr.tldr(text)
        picked = tldr.choose(rows, weights, margin, pointers)
        mine = source_sentence(sents, picked[0] if picked else ours)
        whole = [r1(s) for s in sents]
        best = max(range(len(sents)), key=lambda i: (whole[i], -i))
        same += mine == best
        by_sentence: dict[int, list[tuple[str, dict[str, float]]]] = {}
        for c, f in rows:
            by_sentence.setdefault(source_sentence(sents, c), []).append((c, f))
        scored = {c: r1(finish(c, text)) for c, _ in tldr.eligible(rows)}

        def best_of(i: int, scored=scored, by_sentence=by_sentence, whole=whole) -> float:
            return max((scored[c] for c, _ in by_sentence.get(i, []) if c in scored), default=whole[i])

        oracle_rows = by_sentence.get(best, [])
        oracle_pick = tldr.choose(oracle_rows, weights, margin, pointers) if oracle_rows else None
        total["ours"] += r1(ours)
        total["our sentence, whole"] += whole[mine]
        total["best candidate of our sentence"] += best_of(mine)
        total["oracle sentence, whole"] += whole[best]
        total["oracle sentence, compressed as we do"] += (
            r1(finish(oracle_pick[0], text)) if oracle_pick else whole[best]
        )
        total["best candidate of the oracle sentence"] += best_of(best)
        total["oracle over all candidates"] += max(scored.values(), default=whole[best])
        lengths["ours"] += len(ours.split())
        lengths["oracle sentence, whole"] += len(sents[best].split())
    out = {k: v / max(n, 1) for k, v in total.items()}
    out["our sentence is the oracle sentence (%)"] = 100 * same / max(n, 1)
    out |= {f"mean words, {k}": v / max(n, 1) for k, v in lengths.items()}
    out["abstracts"] = n
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scitldr", type=Path)
    parser.add_argument("split", choices=("train", "dev"))
    parser.add_argument("--limit", type=int, default=0, help="only the first N abstracts")
    args = parser.parse_args(argv)
    with (args.scitldr / f"{args.split}.jsonl").open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    if args.limit:
        records = records[: args.limit]
    for key, value in diagnose(records).items():
        print(f"{key:<45} {value:6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
