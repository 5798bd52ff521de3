"""Titles and TLDRs on the SciTLDR dev split (issue 22), as ``make eval`` prints them.

Every dev abstract becomes one seed line of a catalogue built in-process by the current code
(``pipeline.catalogue_from``: keywords, titles with their disambiguation, TLDRs), and each paper's
generated title and TLDR are measured against the real ones (EVALUATION.md, "Titles and TLDRs"):

- **title word F1**: bag-of-words F1 of the lower-cased letter-and-digit tokens of the generated
  and the real title (hyphens split words), averaged over papers;
- **names kept**: of the papers whose real title opens with a name ("FearNet: ...": at most three
  words before the colon) that the abstract contains, the share whose generated title contains it;
- **false names**: of the generated titles with a name part ("Name: ..."), the share whose name is
  not the real title's name (nor the short form the abstract defines for it: "PCRs" for a real
  title opening "Progressive Compressed Records:"); also the share whose name the real title does
  not contain anywhere (a paper's own coined name the authors left out of their title counts in
  the first figure, not in the second); and **name precision**, the share whose name (or its
  defined long form) the real title or one of the gold TLDRs says (``confirmed_name``): the
  paper's own name as its authors and reviewers use it, where a baseline, data set or cited
  author seldom is;
- **broken**: the share of generated titles that break a rule of ``generator.titles.rules``;
- **shared**: the papers whose title another paper also has;
- **TLDR ROUGE-1/2/L**: F-measure x 100 of the generated TLDR against each gold TLDR (rouge-score,
  Porter stemming), the best gold per paper, averaged: as the SciTLDR paper reports.

The split is ``dev`` (generator/evaluation/splits.py: the weights learn on ``train``), or any other
file of the same form, such as the held-back ``test`` split (``make eval SPLIT=test``).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.titles.rules import broken

_TOKEN = re.compile(r"[a-z0-9]+")
SEED_FILE = "scitldr-dev.txt"


@dataclass(frozen=True)
class Item:
    abstract: str
    real_title: str
    gold: tuple[str, ...]
    title: str
    tldr: str


def read_split(folder: Path, split: str) -> list[dict]:
    with (folder / f"{split}.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def read_dev(folder: Path) -> list[dict]:
    return read_split(folder, "dev")


def word_f1(generated: str, real: str) -> float:
    a, b = Counter(_TOKEN.findall(generated.lower())), Counter(_TOKEN.findall(real.lower()))
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def real_name(title: str, abstract: str) -> str:
    """The name the real title opens with when the abstract contains it ("FearNet"), else ''."""
    head, sep, _ = title.partition(":")
    head = head.strip()
    if not sep or not head or len(head.split()) > 3:
        return ""
    return head if re.search(rf"(?<!\w){re.escape(head)}(?!\w)", abstract, re.I) else ""


def has_name(title: str, name: str) -> bool:
    return bool(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", title, re.I))


def name_part(title: str) -> str:
    """The name a generated title opens with ("FearNet" of "FearNet: ..."), else ''. Generated titles
    put a colon after a name only (key phrases are joined with "and")."""
    head, sep, _ = title.partition(": ")
    return head if sep else ""


def false_name(item: Item) -> tuple[bool, bool]:
    """(the title's name is not the real title's name, the real title does not contain it at all)."""
    from generator.text.acronyms import definitions

    name = name_part(item.title)
    real = real_name(item.real_title, item.abstract).lower()
    long = next((d.long for d in definitions(item.abstract) if name in (d.short, d.letters)), "")
    right = bool(real) and real in (name.lower(), long.lower())
    return not right, not right and not has_name(item.real_title, name)


def confirmed_name(item: Item) -> bool:
    """Whether the title's name part is the paper's own by its authors' and reviewers' words: the
    name, or the long form the abstract defines for it, is the real title's name or is said in the
    real title or in one of the gold TLDRs ("We propose FearNet, ..."). A baseline, data set or
    author the paper only uses or compares with is seldom said there ("name precision")."""
    from generator.text.acronyms import definitions

    name = name_part(item.title)
    if not name:
        return False
    if not false_name(item)[0]:
        return True
    long = next((d.long for d in definitions(item.abstract) if name in (d.short, d.letters)), "")
    return any(
        has_name(text, form) for text in (item.real_title, *item.gold) for form in (name, long) if form
    )


def generate(records: list[dict], jobs: int | None = None) -> list[Item]:
    """Title and TLDR of every record by the current code, in one catalogue."""
    from generator.models import SeedLine, Source
    from generator.pipeline import catalogue_from
    from generator.runtime import parallel

    abstracts = [" ".join(r["source"]) for r in records]
    lines = tuple(SeedLine(Source(SEED_FILE, n), text) for n, text in enumerate(abstracts, 1))
    with parallel.runtime(None, jobs=jobs, progress=False):
        catalogue = catalogue_from(lines)
    by_line = {s.line: p for p in catalogue.papers for s in p.sources}
    return [
        Item(text, r["title"], tuple(r["target"]), by_line[n].title, getattr(by_line[n], "tldr", ""))
        for n, (r, text) in enumerate(zip(records, abstracts, strict=True), 1)
    ]


def rouge(items: Iterable[Item], pick: Callable[[Item], str] = lambda i: i.tldr) -> dict[str, float]:
    from rouge_score import rouge_scorer

    keys = ("rouge1", "rouge2", "rougeL")
    scorer = rouge_scorer.RougeScorer(list(keys), use_stemmer=True)
    total = dict.fromkeys(keys, 0.0)
    count = 0
    for item in items:
        count += 1
        text = pick(item)
        if not text:
            continue
        scores = [scorer.score(gold, text) for gold in item.gold]
        for k in keys:
            total[k] += max(s[k].fmeasure for s in scores)
    return {k: 100 * v / max(count, 1) for k, v in total.items()}


def figures(items: list[Item]) -> dict[str, float]:
    named = [(i, real_name(i.real_title, i.abstract)) for i in items]
    named = [(i, n) for i, n in named if n]
    flagged = [i for i in items if broken(i.title)]
    with_name = [i for i in items if name_part(i.title)]
    out = {
        "papers": len(items),
        "title_f1": sum(word_f1(i.title, i.real_title) for i in items) / len(items),
        "named": len(named),
        "names_kept": sum(has_name(i.title, n) for i, n in named) / max(len(named), 1),
        "broken": len(flagged) / len(items),
        "with_name": len(with_name),
        "false_names": sum(false_name(i)[0] for i in with_name) / max(len(with_name), 1),
        "names_absent": sum(false_name(i)[1] for i in with_name) / max(len(with_name), 1),
        "name_precision": sum(confirmed_name(i) for i in with_name) / max(len(with_name), 1),
        # papers whose generated title another paper also has (clashes no paper could resolve)
        "shared": sum(c for c in Counter(i.title.casefold() for i in items).values() if c > 1),
    }
    if any(i.tldr for i in items):
        out |= {f"tldr_{k}": v for k, v in rouge(items).items()}
    return out


def baselines(items: list[Item]) -> dict[str, dict[str, float]]:
    """ROUGE of the reference summaries: first sentence, first "we propose" sentence, best sentence."""
    from generator.text.sentences import sentences

    cue = re.compile(r"\b(?:we|this paper|this work)\b.{0,40}?\b(?:propose|introduce|present)", re.I)

    def first(item: Item) -> str:
        return (sentences(item.abstract) or [""])[0]

    def propose(item: Item) -> str:
        return next((s for s in sentences(item.abstract) if cue.search(s)), first(item))

    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)

    def oracle(item: Item) -> str:
        def best(s: str) -> float:
            return max(scorer.score(g, s)["rouge1"].fmeasure for g in item.gold)

        return max(sentences(item.abstract) or [""], key=best)

    return {
        "first sentence": rouge(items, first),
        "first 'we propose' sentence": rouge(items, propose),
        "best single sentence (oracle)": rouge(items, oracle),
    }


def breakdown(items: list[Item]) -> Counter[str]:
    return Counter(reason for i in items for reason in broken(i.title))


def table(before: dict[str, float] | None, after: dict[str, float], split: str = "dev") -> str:
    rows = [
        ("Title word F1 with the real title", "title_f1", "{:.3f}", ">= 0.40"),
        ("Names kept (real title opens with a name the abstract has)", "names_kept", "{:.1%}", ">= 90%"),
        ("Titles with a name part", "with_name", "{:.0f}", ""),
        ("False names (name part not the real title's name), of those", "false_names", "{:.1%}", ""),
        ("Name part absent from the real title, of those", "names_absent", "{:.1%}", ""),
        (
            "Name precision: name part said in the real title or a gold TLDR, of those",
            "name_precision",
            "{:.1%}",
            "",
        ),
        ("Broken titles (EVALUATION.md rules)", "broken", "{:.1%}", "<= 3%"),
        ("TLDR ROUGE-1", "tldr_rouge1", "{:.1f}", ">= 44"),
        ("TLDR ROUGE-2", "tldr_rouge2", "{:.1f}", ""),
        ("TLDR ROUGE-L", "tldr_rougeL", "{:.1f}", ""),
    ]
    out = [f"| Figure (SciTLDR {split}) | Before | After | Goal |", "|---|---:|---:|---:|"]
    for label, key, fmt, goal in rows:
        b = fmt.format(before[key]) if before and key in before else "-"
        a = fmt.format(after[key]) if key in after else "-"
        out.append(f"| {label} | {b} | {a} | {goal} |")
    return "\n".join(out)


def main(folder: Path, before_json: Path | None = None, split: str = "dev") -> str:
    """The table of ``make eval`` for titles and TLDRs on SciTLDR's ``split``; ``before_json``:
    figures of an older run."""
    records = read_split(folder, split)
    items = generate(records)
    after = figures(items)
    before = json.loads(before_json.read_text(encoding="utf-8")) if before_json else None
    lines = [
        f"Titles and TLDRs on {folder / f'{split}.jsonl'} ({after['papers']} papers, "
        f"{after['named']} whose real title opens with a name the abstract has):",
        "",
        table(before, after, split),
        "",
        f"Papers sharing their title with another paper: {after['shared']} (clashing titles are told "
        "apart by a paper's own next-best title, never by a keyword or id in brackets)",
        "",
        "Broken titles by rule: "
        + (", ".join(f"{k} {v}" for k, v in sorted(breakdown(items).items())) or "none"),
        "",
        "TLDR baselines (ROUGE-1/2/L): "
        + "; ".join(
            f"{name} {s['rouge1']:.1f}/{s['rouge2']:.1f}/{s['rougeL']:.1f}"
            for name, s in baselines(items).items()
        ),
    ]
    return "\n".join(lines)
