"""Related papers and topics on held-out abstracts: the figures ``make eval`` adds for issue 20.

Each held-out set is built as one catalogue, the way the pipeline builds one (keywords, related
papers, topics), and measured:

- **SciTLDR dev** (``scitldr/dev.jsonl``; train tunes): papers with no related paper, and the
  share of papers whose abstract says their topic's name ("Other papers" counts as not), the
  smallest such share of a named topic, the share of papers in "Other papers", the topics;
- **the keyphrase sets' report halves** (``splits.keyphrase_split``; the tune halves tune), each
  dataset one catalogue: the same, and the share of related links whose two papers share a human
  keyphrase (both keyphrase lists, lower-cased and Porter-stemmed as in ``keyphrases.stemmed``;
  links where either paper has no keyphrase are not counted).

A paper "says" a topic's name when one of the name's terms (the topic's keywords written in its
name) is among its abstract's noun-phrase terms (``terms.concepts``) or its content words contain
it (``space.words``: case and plural endings folded).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from generator.evaluation import linkproxy, splits
from generator.evaluation.keyphrases import datasets, load, stemmed
from generator.models import Paper, Source, Topic
from generator.text.forms import phrase_key

OTHER_NAME = "Other papers"


@dataclass(frozen=True)
class Corpus:
    name: str
    texts: tuple[str, ...]
    # Human keyphrases of each text, stemmed; empty when the set has none.
    gold: tuple[frozenset[str], ...]
    # SciTLDR: each paper's (real title, gold TLDRs), for the proxy label (``linkproxy``).
    labels: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Built:
    """What the figures read of a catalogue: each paper's text and related ids, and the topics."""

    texts: tuple[str, ...]
    related: tuple[tuple[int, ...], ...]
    # (name, the name's terms, member indices); "Other papers" has no terms
    topics: tuple[tuple[str, tuple[str, ...], tuple[int, ...]], ...]


@dataclass(frozen=True)
class Figures:
    corpus: str
    papers: int
    links: int
    no_related: int
    gold_links: int
    gold_shared: int
    # Links whose papers the SciTLDR proxy calls related (``linkproxy``); 0 of 0 without labels.
    proxy_shared: int
    topics: int
    saying: int
    smallest: float
    smallest_topic: str
    other: int
    has_labels: bool = False
    # Hubs: how many papers link to one paper (its in-degree among shown links), the largest and the
    # 99th percentile over the papers.
    hub_max: int = 0
    hub_p99: float = 0.0


def scitldr(path: Path, split: str = "dev") -> Corpus:
    """The abstracts of a SciTLDR split (sentences joined), in file order."""
    rows = [json.loads(line) for line in (path / f"{split}.jsonl").open(encoding="utf-8") if line.strip()]
    texts = tuple(" ".join(r["source"]) for r in rows)
    labels = linkproxy.label_texts(path, split)
    return Corpus(f"scitldr-{split}", texts, tuple(frozenset() for _ in texts), labels)


def keyphrase_half(name: str, path: Path, half: str = splits.REPORT) -> Corpus:
    docs = [d for d in load(path) if half == "all" or splits.keyphrase_split(name, d.name) == half]
    gold = tuple(frozenset(stemmed(k) for k in d.keys) - {""} for d in docs)
    return Corpus(f"{name}-{half}", tuple(d.text for d in docs), gold)


def held_out(
    keyphrase_dir: Path | None, scitldr_dir: Path | None, split: str = "dev", half: str = splits.REPORT
) -> list[Corpus]:
    """SciTLDR's ``split`` (when its file is there) and the ``half`` of each keyphrase set (``all``:
    every document, for a data set none of the models was tuned on)."""
    found = []
    if scitldr_dir is not None and (scitldr_dir / f"{split}.jsonl").is_file():
        found.append(scitldr(scitldr_dir, split))
    if keyphrase_dir is not None and keyphrase_dir.is_dir():
        found += [keyphrase_half(name, path, half) for name, path in datasets(keyphrase_dir)]
    return found


def build(corpus: Corpus) -> Built:
    """The corpus as one catalogue by this code: keywords, related papers, topics."""
    from generator.keywords.stage import with_keywords
    from generator.relate.related import related_papers
    from generator.relate.topics import with_topics
    from generator.runtime import parallel
    from generator.titles.generate import with_titles

    papers = tuple(
        Paper(id=f"{i:010x}", text=t, sources=(Source(corpus.name, i + 1),))
        for i, t in enumerate(corpus.texts)
    )
    with parallel.runtime(None, jobs=1):
        papers, topics = with_topics(related_papers(with_titles(with_keywords(papers))))
    return built_from(papers, topics)


def built_from(papers: Iterable[Paper], topics: Iterable[Topic]) -> Built:
    papers = tuple(papers)
    index = {p.id: i for i, p in enumerate(papers)}
    return Built(
        tuple(p.text for p in papers),
        tuple(tuple(index[r.id] for r in p.related) for p in papers),
        tuple((t.name, name_terms(t), tuple(index[pid] for pid in t.papers)) for t in topics),
    )


def name_terms(topic: Topic) -> tuple[str, ...]:
    """The topic's keywords that its name is made of ("X and Y": both)."""
    if topic.name == OTHER_NAME:
        return ()
    return tuple(k for k in topic.keywords if k.lower() in topic.name.lower())[:2]


def says(text: str, terms: tuple[str, ...]) -> bool:
    """Whether the abstract says one of the terms (see the module's docstring)."""
    from generator.relate.space import words
    from generator.relate.terms import concepts

    found = concepts(text)
    padded = f" {' '.join(words(text))} "
    return any(phrase_key(t) in found or f" {' '.join(words(t))} " in padded for t in terms)


def figures(corpus: Corpus, built: Built) -> Figures:
    n = len(built.texts)
    links = [(i, j) for i, row in enumerate(built.related) for j in row]
    judged = [(i, j) for i, j in links if corpus.gold[i] and corpus.gold[j]]
    shared = sum(1 for i, j in judged if corpus.gold[i] & corpus.gold[j])
    proxy = linkproxy.labeller(corpus.labels) if corpus.labels else None
    proxy_shared = sum(1 for i, j in links if proxy(i, j)) if proxy else 0
    saying = 0
    smallest, smallest_topic, other, named = 2.0, "", 0, 0
    for name, terms, members in built.topics:
        if not terms:
            other += len(members)
            continue
        named += 1
        said = sum(1 for i in members if says(built.texts[i], terms))
        saying += said
        if said / len(members) < smallest:
            smallest, smallest_topic = said / len(members), name
    indegree = np.bincount([j for _, j in links], minlength=n) if n else np.zeros(0, dtype=int)
    return Figures(
        corpus.name,
        n,
        len(links),
        sum(1 for row in built.related if not row),
        len(judged),
        shared,
        proxy_shared,
        named,
        saying,
        smallest if named else 0.0,
        smallest_topic,
        other,
        bool(corpus.labels),
        int(indegree.max()) if n else 0,
        float(np.percentile(indegree, 99)) if n else 0.0,
    )


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


HEADER = (
    "| Held-out set | Papers | Links | Papers with no related paper | Links whose papers share a human "
    "keyphrase | Links the SciTLDR proxy calls related | Topics | Papers whose abstract says their "
    "topic's name | Smallest topic share "
    "| Other papers | Links to one paper, max / 99th percentile |\n"
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def row(f: Figures) -> str:
    share = (
        f"{_pct(f.gold_shared, f.gold_links)} ({f.gold_shared} of {f.gold_links})" if f.gold_links else "-"
    )
    smallest = f"{100 * f.smallest:.0f}% ({f.smallest_topic})" if f.topics else "-"
    proxy = f"{_pct(f.proxy_shared, f.links)} ({f.proxy_shared} of {f.links})" if f.has_labels else "-"
    return (
        f"| {f.corpus} | {f.papers} | {f.links} | {_pct(f.no_related, f.papers)} ({f.no_related}) "
        f"| {share} | {proxy} "
        f"| {f.topics} | {_pct(f.saying, f.papers)} | {smallest} | {_pct(f.other, f.papers)} "
        f"| {f.hub_max} / {f.hub_p99:.1f} |"
    )


def report(
    keyphrase_dir: Path | None, scitldr_dir: Path | None, split: str = "dev", half: str = splits.REPORT
) -> str:
    """The table of every held-out set found."""
    lines = [HEADER]
    for corpus in held_out(keyphrase_dir, scitldr_dir, split, half):
        lines.append(row(figures(corpus, build(corpus))))
    return "\n".join(lines)
