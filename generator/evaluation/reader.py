"""The reader-facing figures of ``make eval`` (issue 13), computed on a finished catalogue.

The rules are those the stages apply, written down in EVALUATION.md:

- **keyword filler**: a keyword that ``filler.kind`` calls generic or a leftover (a phrase other
  papers share counts as shared; one the papers define an acronym for is a term), or a near-repeat
  of an earlier keyword of the same paper (``filler.near_repeat``); the rate is over all keywords;
- **topic names**: a topic (not "Other papers") is named like a subject when ``topicnames.check``
  finds nothing: its name's keywords are fit to name a topic and more than half of its papers
  carry them or say them;
- **reader groups**: a group of papers a reader expects together (``tests/data/reader-groups.json``)
  is kept when all its papers are in one topic;
- **explained links**: a related link with shared keywords or shared distinctive terms;
- **flagged titles**: a generated title with any of ``titles.title_flags``.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from generator.keywords import filler
from generator.models import Catalogue
from generator.relate import topicnames
from generator.relate.topics import OTHER_NAME
from generator.text.forms import phrase_key
from generator.titles.generate import title_flags


@dataclass(frozen=True)
class Figures:
    papers: int
    keywords: int
    generic: int
    leftover: int
    near_repeat: int
    fewest_keywords: int
    most_keywords: int
    topics: int
    topics_named: int
    topic_problems: tuple[str, ...]
    groups: int
    groups_kept: int
    group_problems: tuple[str, ...]
    links: int
    links_explained: int
    links_by_terms: int
    generated_titles: int
    flagged_titles: tuple[str, ...]

    @property
    def filler(self) -> int:
        return self.generic + self.leftover + self.near_repeat


def figures(catalogue: Catalogue, groups: dict[str, list[str]] | None = None) -> Figures:
    papers = catalogue.papers
    carriers = Counter(k for p in papers for k in {phrase_key(kw) for kw in p.keywords})
    kinds: Counter[str] = Counter()
    for paper in papers:
        defined = dict(paper.acronyms)  # a phrase the papers define an acronym for is a term
        for kw in paper.keywords:
            found = "" if kw in defined else filler.kind(kw, shared=carriers[phrase_key(kw)] > 1)
            kinds[found or "ok"] += 1
        kinds["near-repeat"] += filler.near_repeats([phrase_key(kw) for kw in paper.keywords])
    by_id = {p.id: p for p in papers}
    real = [t for t in catalogue.topics if t.name != OTHER_NAME]
    problems = []
    for topic in real:
        parts = [k for k in topic.keywords if k.lower() in topic.name.lower()][:2]
        found = topicnames.check([by_id[i] for i in topic.papers], tuple(parts))
        if found:
            problems.append(f"{topic.name}: {', '.join(found)}")
    topic_of = {p.id: p.topic for p in papers}
    group_problems = []
    for name, ids in (groups or {}).items():
        present = [i for i in ids if i in topic_of]
        if len({topic_of[i] for i in present}) != 1 or len(present) != len(ids):
            group_problems.append(name)
    links = [r for p in papers for r in p.related]
    generated = [p for p in papers if p.title_generated]
    counts = [len(p.keywords) for p in papers] or [0]
    return Figures(
        papers=len(papers),
        keywords=sum(len(p.keywords) for p in papers),
        generic=kinds["generic"],
        leftover=kinds["leftover"],
        near_repeat=kinds["near-repeat"],
        fewest_keywords=min(counts),
        most_keywords=max(counts),
        topics=len(real),
        topics_named=len(real) - len(problems),
        topic_problems=tuple(problems),
        groups=len(groups or {}),
        groups_kept=len(groups or {}) - len(group_problems),
        group_problems=tuple(group_problems),
        links=len(links),
        links_explained=sum(1 for r in links if r.shared or r.terms),
        links_by_terms=sum(1 for r in links if not r.shared and r.terms),
        generated_titles=len(generated),
        flagged_titles=tuple(
            f"{p.title} ({', '.join(title_flags(p.title))})" for p in generated if title_flags(p.title)
        ),
    )


def read_groups(path: Path) -> dict[str, list[str]]:
    """Reader groups: name -> paper ids (keys starting with '_' are comments)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: list(ids) for name, ids in data.items() if not name.startswith("_")}


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def table(f: Figures) -> str:
    """The figures as a Markdown table, with what each goal asks."""
    rows = [
        (
            "Keyword filler (generic, leftover, near-repeat)",
            f"{f.filler} of {f.keywords} = {_pct(f.filler, f.keywords)} "
            f"({f.generic} generic, {f.leftover} leftover, {f.near_repeat} near-repeat)",
            "<= 5%",
        ),
        (
            "Keywords per paper",
            f"{f.fewest_keywords} to {f.most_keywords}",
            "3 to 10, down to the keyphraseness threshold",
        ),
        ("Topics named like a subject", f"{f.topics_named} of {f.topics}", "all"),
        ("Reader groups in one topic", f"{f.groups_kept} of {f.groups}", "all"),
        (
            "Related links explained",
            f"{f.links_explained} of {f.links} ({f.links_by_terms} by shared terms)",
            "all",
        ),
        ("Generated titles flagged", f"{len(f.flagged_titles)} of {f.generated_titles}", "none"),
    ]
    lines = ["| Figure | Measured | Goal |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    notes = [
        *(f"- topic: {p}" for p in f.topic_problems),
        *(f"- group split: {g}" for g in f.group_problems),
        *(f"- title: {t}" for t in f.flagged_titles),
    ]
    return "\n".join(lines + (["", *notes] if notes else []))
