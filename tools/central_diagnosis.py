"""Where the paper's central concept is lost in the keyword stage, on SciTLDR train (never dev):

    .venv/bin/python tools/central_diagnosis.py ../shared/scitldr [--split train] [--limit N]

A paper's central concepts are the noun phrases of its real title (spans of one to three words of
a title noun-phrase run that end on a noun, ``text/nounphrases.chunks``) that its abstract says and
that are not a word of most ML abstracts. For each paper with one, the stage that loses the
furthest-surviving of them is counted: not among YAKE's 80 phrases, dropped by the candidate grammar,
by the cap of ``CANDIDATES_KEPT`` candidates, by ``central.reweigh`` (fragments, surnames, cut
expressions), or not shown by curation (below the model's threshold, filler, or merged into
another keyword); with the model's rank of the best one among the paper's candidates.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from generator.keywords import central, curate, stage
from generator.keywords.curate import Candidates
from generator.keywords.grammar import TOKEN
from generator.models import Paper, Source
from generator.relate.terms import without_urls
from generator.text import generic
from generator.text.forms import phrase_key
from generator.text.nounphrases import chunks
from generator.text.tagger import tag, tag_sentences


def title_concepts(title: str, abstract_tokens: list[str]) -> set[str]:
    """The keys of the title's noun phrases (1-3 words, ending on a noun) that the abstract says."""
    tagged = tag(title)
    said = " " + " ".join(abstract_tokens) + " "
    out = set()
    for run in chunks(tagged):
        for i in range(len(run)):
            for j in range(i, min(i + 3, len(run))):
                if not run[j][1]:
                    continue
                words = [tagged[k][0].lower() for k, _ in run[i : j + 1]]
                if len(words) == 1 and generic.is_generic_word(words[0]):
                    continue
                if f" {' '.join(words)} " in said:
                    out.add(phrase_key(" ".join(words)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scitldr_dir", type=Path)
    parser.add_argument("--split", default="train")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--examples", type=int, default=0, help="print this many lost concepts per stage")
    args = parser.parse_args(argv)
    with (args.scitldr_dir / f"{args.split}.jsonl").open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    if args.limit:
        records = records[: args.limit]
    rows = []
    memo: dict[str, list[tuple[str, float]]] = {}
    plain = stage.scored_phrases

    def remembered(text: str) -> list[tuple[str, float]]:
        if text not in memo:
            memo[text] = plain(text)
        return memo[text]

    stage.scored_phrases = remembered  # type: ignore[assignment]
    for r in records:
        text = without_urls(" ".join(r["source"]))
        sents = tag_sentences(text)
        lowered = [t.lower() for t in TOKEN.findall(text)]
        targets = title_concepts(r["title"], lowered)
        yake_keys = {phrase_key(p) for p, _s in remembered(text)}
        phrases, defined, expansions = stage.scored_candidates(text, sents)
        kept = stage.CANDIDATES_KEPT
        stage.CANDIDATES_KEPT = 80
        uncapped = {c.key for c in stage.scored_candidates(text, sents)[0]}
        stage.CANDIDATES_KEPT = kept
        reweighed = central.reweigh(text, phrases, expansions)
        rows.append((r, text, targets, yake_keys, {c.key for c in phrases}, uncapped, reweighed, defined))
    papers = tuple(
        Paper(id=f"{i:010x}", text=row[1], sources=(Source(str(i), 1),)) for i, row in enumerate(rows)
    )
    shown = curate.curate(papers, [Candidates(row[6], row[7]) for row in rows])
    limit = central.threshold()
    counts: Counter[str] = Counter()
    ranks: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    for row, paper in zip(rows, shown, strict=True):
        r, _text, targets, yake_keys, cands, uncapped, reweighed, _d = row
        if not targets:
            counts["no title concept in the abstract"] += 1
            continue
        counts["papers with one"] += 1
        keys = {phrase_key(k) for k in paper.keywords}
        expanded = {phrase_key(k.split(" (")[0]) for k in paper.keywords}
        if targets & (keys | expanded):
            counts["shown"] += 1
            continue
        inside = {w for k in keys | expanded for w in k.replace("-", " ").split()}
        if any(set(t.replace("-", " ").split()) <= inside for t in targets):
            counts["shown inside a longer keyword"] += 1
            continue
        order = {c.key: i for i, c in enumerate(reweighed)}
        score = {c.key: c.score for c in reweighed}
        if targets & set(order):
            best = min(targets & set(order), key=lambda k: order[k])
            ranks[min(order[best], 10)] += 1
            p = 1 / (1 + pow(2.718281828, score[best]))
            reason = "curation: below threshold" if p < limit else "curation: filler or merged"
        elif targets & cands:
            best, reason = sorted(targets & cands)[0], "reweigh: fragment/surname/cut"
        elif targets & uncapped:
            best, reason = sorted(targets & uncapped)[0], "candidates: cap of 30"
        elif targets & yake_keys:
            best, reason = sorted(targets & yake_keys)[0], "candidates: grammar/generic/single word"
        else:
            best, reason = sorted(targets)[0], "not in YAKE's 80"
        counts[reason] += 1
        examples.setdefault(reason, []).append(f"{best!r} <- {r['title'][:70]!r} shown {paper.keywords[:5]}")
    for k, v in counts.most_common():
        print(f"{v:5d}  {k}")
    print("model rank of the lost concept among the paper's candidates (10 = 10 or more):")
    print("  " + "  ".join(f"{k}:{v}" for k, v in sorted(ranks.items())))
    for reason, found in sorted(examples.items()):
        for line in found[: args.examples]:
            print(f"[{reason}] {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
