"""Topics: communities of papers that share content, each named by the subject most of them are about.

The graph is built from the abstracts' content: papers are nodes, their related links (TF-IDF
similarity of their words and noun-phrase terms, ``generator/relate/related.py``) are edges weighted
by the score. Communities are found with networkx's Louvain method (nodes and edges added in id
order, a visiting order fixed per node: ``StableOrder``), so the same catalogue always gives the
same topics and a changed paper only slots in.

Each community is then named (``topicnames.name``), and a topic holds only papers about its name:

1. a community whose papers share no name (no term most of them use sets them apart) is no topic;
2. a paper whose abstract does not use its topic's name moves to the topic it links to most whose
   name it does use; failing that, to "Other papers" (a small group of papers with no subject of
   their own is better than a mixed topic);
3. a topic left with fewer papers than the catalogue's minimum (``min_topic_size``: MIN_TOPIC_SIZE,
   growing with the square root of the catalogue, so 4 at 2,000 papers) is dropped, and its papers
   move as in 2 (to the linked topic whose name they say), else to "Other papers": a topic page of two
   or three papers among hundreds of topics is noise for a reader and bytes for the site.
"""

from __future__ import annotations

import hashlib
import random
from collections import defaultdict
from dataclasses import replace

import networkx as nx

from generator.models import Paper, Topic
from generator.relate import topicnames
from generator.text.slug import slugify
from generator.titles.generate import safe_title

MIN_TOPIC_SIZE = 2
# A kept topic has at least sqrt(papers) / SIZE_DIVISOR papers (and MIN_TOPIC_SIZE). Chosen on
# scitldr-dev (make eval, relating figures): 4 gave 29 topics with 35% of papers in "Other papers"
# (14% before), 8 gave 71 topics and 19%, 12 gave 96 topics and 13% (small groups' papers now
# move to a topic whose name they say instead of to "Other papers"). At 1,993 bench papers 12 gives
# a minimum of 4 (about 51% of papers in "Other papers"), 15 a minimum of 3 (44%, 0.15-0.2 KB a paper
# more): 15 is kept, fewer papers without a topic outweigh 1% of the site's bytes.
SIZE_DIVISOR = 15
NAME_KEYWORDS = 3
RESOLUTION = 1.3
SEED = 0
OTHER_NAME = "Other papers"
SLUG_MAX = 50
# How many times a community with no name is split into its own communities.
MAX_DEPTH = 1
EXTRA_ROUNDS = 1


class StableOrder(random.Random):
    """A random source for Louvain whose ``shuffle`` puts nodes in an order fixed per node (per
    paper id: ``names`` gives the id of each integer node)."""

    names: dict[int, str] | None = None

    def shuffle(self, x: list[object]) -> None:  # type: ignore[override]
        names = self.names or {}

        def key(node: object) -> bytes:
            name = names.get(node, node) if isinstance(node, int) else node
            return hashlib.sha256(repr(name).encode("utf-8")).digest()

        x.sort(key=key)


def _label(name: str) -> int:
    """An integer node for a paper id, fixed per id (56 bits of its SHA-256, below 2**61 - 1, so
    Python hashes it to itself)."""
    return int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:7], "big")


def louvain(graph: nx.Graph, nodes: list[str] | None = None) -> list[set[str]]:
    """networkx's Louvain communities of the graph (or of the nodes' subgraph). It runs on integer
    nodes, one fixed per paper id: it keeps communities as sets, and a set of strings iterates in an
    order that changes with Python's string hashing (PYTHONHASHSEED), which changed the topics from
    one run to the next. An integer's hash is itself, and a label that does not depend on the other
    papers (not a rank among them) keeps the topics as stable under a one-line edit as before."""
    sub = graph if nodes is None else graph.subgraph(nodes)
    names = {_label(name): name for name in sub.nodes}
    if len(names) < sub.number_of_nodes():  # two ids with one label: never seen, but be exact
        raise ValueError("two paper ids share a Louvain label")
    label = {name: i for i, name in names.items()}
    ints = nx.Graph()
    ints.add_nodes_from(label[name] for name in sorted(sub.nodes))
    ints.add_weighted_edges_from((label[a], label[b], w) for a, b, w in sorted(sub.edges(data="weight")))
    order = StableOrder(SEED)
    order.names = names
    found = nx.community.louvain_communities(ints, weight="weight", resolution=RESOLUTION, seed=order)
    return [{names[i] for i in community} for community in found]


def similarity_graph(papers: tuple[Paper, ...]) -> nx.Graph:
    """Papers as nodes, their neighbourhoods (``Paper.similar``; the related links only when no paper
    has one, as in a catalogue the related stage did not build) as undirected edges weighted by the
    higher score of the two ways. The shown links are the pair model's and never change the topics."""
    graph = nx.Graph()
    graph.add_nodes_from(sorted(p.id for p in papers))
    edges: dict[tuple[str, str], float] = {}
    built = any(p.similar for p in papers)
    for paper in papers:
        for rel in paper.similar if built else paper.related:
            key = (min(paper.id, rel.id), max(paper.id, rel.id))
            edges[key] = max(edges.get(key, 0.0), rel.score)
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(edges.items()))
    return graph


def _slug(text: str) -> str:
    return slugify(text, fallback="topic", limit=SLUG_MAX)


def _communities(graph: nx.Graph, nodes: list[str] | None = None) -> list[list[str]]:
    """Louvain communities of the graph (or of the nodes' subgraph) of at least MIN_TOPIC_SIZE
    papers, largest first, each sorted."""
    found = louvain(graph, nodes)
    return sorted((sorted(c) for c in found if len(c) >= MIN_TOPIC_SIZE), key=lambda g: (-len(g), g[0]))


Named = tuple[str, tuple[topicnames.Scored, ...], list[str]]


def _named(
    graph: nx.Graph, vocab: topicnames.Vocabulary, mean_size: float, nodes: list[str] | None = None
) -> list[Named]:
    """The communities (of the nodes' subgraph) that have a name (``topicnames.name``); one that has
    none is split into its own communities, up to MAX_DEPTH times. Communities named by the same term
    are one."""
    named: list[Named] = []
    todo = [(group, 0) for group in _communities(graph, nodes)]
    while todo:
        group, depth = todo.pop(0)
        title, parts = topicnames.name(group, vocab, mean_size)
        if title:
            named.append((title, parts, group))
        elif depth < MAX_DEPTH and len(group) >= 2 * MIN_TOPIC_SIZE:
            subs = _communities(graph, group)
            if len(subs) > 1 or (subs and len(subs[0]) < len(group)):
                todo.extend((sub, depth + 1) for sub in subs)
    return _merge_same_names(named)


def _assign(
    graph: nx.Graph, vocab: topicnames.Vocabulary, named: list[Named]
) -> tuple[dict[int, list[str]], list[str]]:
    """Each paper's named topic: its own when its abstract says the name, else the topic whose name
    it says that it links to most, else the one whose name is the rarest term it says (ties: the
    larger topic, then the name); else none ("Other papers")."""
    home = {pid: t for t, (_, _, group) in enumerate(named) for pid in group}
    keys = [tuple(s.key for s in parts) for _, parts, _ in named]

    def says(pid: str, t: int) -> bool:
        return any(vocab.about(pid, k) for k in keys[t])

    # The topics each term names, so that a paper's fitting topics come from its own terms rather
    # than from asking every topic about every paper.
    naming: dict[str, set[int]] = defaultdict(set)
    for t, ks in enumerate(keys):
        for k in ks:
            naming[k].add(t)

    members: dict[int, list[str]] = defaultdict(list)
    others: list[str] = []
    for pid in sorted(graph.nodes):
        own = home.get(pid)
        if own is not None and says(pid, own):
            members[own].append(pid)
            continue
        weight: dict[int, float] = defaultdict(float)
        for other, data in graph[pid].items():
            if home.get(other, own) != own:
                weight[home[other]] += data["weight"]
        fitting = sorted({t for k in vocab.terms.get(pid, ()) for t in naming.get(k, ())} - {own})
        if fitting:
            best = min(
                fitting,
                key=lambda t: (-weight[t], min(vocab.df[k] for k in keys[t]), -len(named[t][2]), named[t][0]),
            )
            members[best].append(pid)
        else:
            others.append(pid)
    return members, others


def min_topic_size(papers: int) -> int:
    """The fewest papers a kept topic has in a catalogue of this many papers: 2 up to ~900 papers,
    4 at 2,000, 19 at 50,000."""
    return max(MIN_TOPIC_SIZE, round(papers**0.5 / SIZE_DIVISOR))


def with_topics(papers: tuple[Paper, ...]) -> tuple[tuple[Paper, ...], tuple[Topic, ...]]:
    """Every paper with its topic's slug, and the topics, largest first ("Other papers" last)."""
    if not papers:
        return papers, ()
    graph = similarity_graph(papers)
    vocab = topicnames.Vocabulary(papers)
    communities = louvain(graph)
    mean_size = len(papers) / max(1, len(communities))
    named = _named(graph, vocab, mean_size)
    members, others = _assign(graph, vocab, named)
    for _ in range(EXTRA_ROUNDS):
        # The papers no topic's name fits may share a subject of their own among themselves.
        more = _named(graph, vocab, mean_size, others)
        if not more:
            break
        named = _merge_same_names(named + more)
        members, others = _assign(graph, vocab, named)
    smallest = min_topic_size(len(papers))
    # Drop the topics too small to keep and reassign their papers, until every topic left is big
    # enough (a kept topic only grows, so this ends).
    while any(len(members[t]) < smallest for t in range(len(named))):
        named = [named[t] for t in range(len(named)) if len(members[t]) >= smallest]
        members, others = _assign(graph, vocab, named)
    kept = sorted(members, key=lambda t: (-len(members[t]), named[t][0]))
    degree = dict(graph.degree(weight="weight"))
    topics: list[Topic] = []
    taken: set[str] = set()
    for t in kept:
        title, parts, _ = named[t]
        group = members[t]
        shown = tuple(s.shown for s in parts)
        telling = topicnames.distinctive(group, vocab, mean_size, NAME_KEYWORDS)
        keywords = (*shown, *(k for k in telling if k not in shown))[: max(NAME_KEYWORDS, len(shown))]
        name = safe_title(title) or f"Topic {len(topics) + 1}"
        ordered = tuple(sorted(group, key=lambda pid: (-round(degree[pid], 4), pid)))
        topics.append(Topic(_unique(_slug(name), taken), name, keywords, ordered))
    if others:
        topics.append(Topic(_unique(_slug(OTHER_NAME), taken), OTHER_NAME, (), tuple(sorted(others))))
    topic_of = {pid: t.slug for t in topics for pid in t.papers}
    return tuple(replace(p, topic=topic_of[p.id]) for p in papers), tuple(topics)


def _merge_same_names(
    named: list[Named],
) -> list[Named]:
    """Communities named by the same term are one topic (the first, largest, keeps its spelling)."""
    first: dict[tuple[str, ...], int] = {}
    out: list[Named] = []
    for title, parts, group in named:
        key = tuple(sorted(s.key for s in parts))
        if key in first:
            t = first[key]
            out[t] = (out[t][0], out[t][1], sorted(out[t][2] + group))
        else:
            first[key] = len(out)
            out.append((title, parts, list(group)))
    return out


def _unique(slug: str, taken: set[str]) -> str:
    candidate, n = slug, 2
    while candidate in taken or candidate == "index":
        candidate = f"{slug}-{n}"
        n += 1
    taken.add(candidate)
    return candidate
