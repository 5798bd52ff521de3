"""The map: topics and their strongest links drawn as a static SVG at build time.

No script and no external resource: the SVG is inlined in the page, its colours come from the
theme's CSS variables (see docs/stylesheets/extra.css, ``.topic-map``), so it follows light and dark
mode, and every node is a link to its topic page. The layout is networkx's Kamada-Kawai, which
starts from a circle and uses no randomness, so the same catalogue draws the same picture. Every
piece of seed text in it (topic names and paper titles) is escaped with ``escape.text``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
from markupsafe import Markup

from generator.models import Catalogue, Paper, Topic
from generator.site import escape

MAP_TOPICS = 30  # the largest topics are drawn; the table lists them all
EDGES_PER_TOPIC = 3  # each topic's strongest links to other topics
WIDTH, HEIGHT = 880, 600
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 110, 40, 70
LABEL_CHARS = 24
# The neighbourhood picture is drawn from this many related papers (issue 23): with one or two it is
# a dot or a line and blank space, which the numbered list under it says better.
NEIGHBOURHOOD_MIN = 3


@dataclass(frozen=True)
class TopicLink:
    """Related links between the papers of two topics: how many and their summed score."""

    a: str
    b: str
    count: int
    weight: float


def topic_links(catalogue: Catalogue) -> tuple[TopicLink, ...]:
    """Every pair of topics joined by related links, strongest first (ties by slugs)."""
    topic_of = {p.id: p.topic for p in catalogue.papers}
    seen: set[tuple[str, str]] = set()
    count: dict[tuple[str, str], int] = defaultdict(int)
    weight: dict[tuple[str, str], float] = defaultdict(float)
    for paper in catalogue.papers:
        for rel in paper.related:
            pair = (min(paper.id, rel.id), max(paper.id, rel.id))
            a, b = sorted((topic_of[paper.id], topic_of[rel.id]))
            if pair in seen or a == b or not a or not b:
                continue
            seen.add(pair)
            count[(a, b)] += 1
            weight[(a, b)] += rel.score
    links = [TopicLink(a, b, count[(a, b)], round(weight[(a, b)], 4)) for a, b in count]
    return tuple(sorted(links, key=lambda t: (-t.weight, t.a, t.b)))


def nearby(links: tuple[TopicLink, ...], limit: int = 5) -> dict[str, list[tuple[str, int]]]:
    """For each topic, its most strongly linked topics with the number of related links, strongest first."""
    near: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for link in links:
        for this, other in ((link.a, link.b), (link.b, link.a)):
            if len(near[this]) < limit:
                near[this].append((other, link.count))
    return near


def strongest_links(topics: tuple[Topic, ...], links: tuple[TopicLink, ...]) -> tuple[TopicLink, ...]:
    """The links worth drawing: each topic's EDGES_PER_TOPIC strongest, between the given topics."""
    slugs = {t.slug for t in topics}
    kept: list[TopicLink] = []
    per_topic: dict[str, int] = defaultdict(int)
    for link in links:
        if link.a not in slugs or link.b not in slugs:
            continue
        if per_topic[link.a] < EDGES_PER_TOPIC or per_topic[link.b] < EDGES_PER_TOPIC:
            kept.append(link)
            per_topic[link.a] += 1
            per_topic[link.b] += 1
    return tuple(kept)


def mapped_topics(topics: tuple[Topic, ...]) -> tuple[Topic, ...]:
    """The topics drawn: the largest real topics (the "Other papers" group has no keywords)."""
    return tuple(t for t in topics if t.keywords)[:MAP_TOPICS]


def _layout(slugs: list[str], links: tuple[TopicLink, ...]) -> dict[str, tuple[float, float]]:
    if len(slugs) == 1:
        return {slugs[0]: (0.0, 0.0)}
    graph = nx.Graph()
    graph.add_nodes_from(slugs)
    strongest = max((link.weight for link in links), default=1.0)
    for link in links:
        graph.add_edge(link.a, link.b, length=1.0 + 1.0 * (1 - link.weight / strongest))
    positions = nx.kamada_kawai_layout(graph, weight="length")
    out = {s: (float(positions[s][0]), float(positions[s][1])) for s in slugs}
    if _collide(list(out.values())):
        # With few links between topics (pieces of the graph apart), Kamada-Kawai can put two nodes on
        # one spot, one topic hiding another: then a ring, in the order given (largest first).
        ring = nx.circular_layout(slugs)
        out = {s: (float(ring[s][0]), float(ring[s][1])) for s in slugs}
    return out


def _collide(points: list[tuple[float, float]], share: float = 0.05) -> bool:
    """Whether two points are closer than ``share`` of the layout's span."""
    span = max(
        max(p[0] for p in points) - min(p[0] for p in points),
        max(p[1] for p in points) - min(p[1] for p in points),
    )
    near = share * (span or 1.0)
    return any(math.dist(a, b) < near for i, a in enumerate(points) for b in points[i + 1 :])


def _fit(positions: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    inner_w = WIDTH - 2 * MARGIN_X
    inner_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    out = {}
    for slug, (x, y) in positions.items():
        fx = (x - min(xs)) / span_x if max(xs) > min(xs) else 0.5
        fy = (y - min(ys)) / span_y if max(ys) > min(ys) else 0.5
        out[slug] = (round(MARGIN_X + fx * inner_w, 1), round(MARGIN_TOP + fy * inner_h, 1))
    return out


def label_lines(name: str, limit: int = LABEL_CHARS, lines: int = 2) -> list[str]:
    """A topic name broken into at most `lines` short lines, the last one cut with an ellipsis."""
    out: list[str] = []
    current = ""
    for word in name.split():
        if current and len(current) + 1 + len(word) > limit:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    out.append(current)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: limit - 1].rstrip(" ,") + "…"
    return out


def _text(value: str) -> str:
    return str(escape.text(value))


def map_svg(topics: tuple[Topic, ...], links: tuple[TopicLink, ...], base: str) -> Markup:
    """The map as inline SVG markup; `base` is the relative path from the page to the site root."""
    drawn = mapped_topics(topics)
    if not drawn:
        return Markup("")
    edges = strongest_links(drawn, links)
    slugs = [t.slug for t in drawn]
    pos = _fit(_layout(slugs, edges))
    biggest = max(len(t.papers) for t in drawn)
    strongest = max((e.weight for e in edges), default=1.0)
    names = {t.slug: t.name for t in drawn}
    parts = [
        # A scroll region on phones (extra.css): focusable, so a keyboard can pan it too.
        '<div class="topic-map" tabindex="0" role="region" aria-label="Map of the topics, pans sideways"'
        ' aria-describedby="map-pan">'
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" xmlns="http://www.w3.org/2000/svg"'
        ' xmlns:xlink="http://www.w3.org/1999/xlink" role="group"'
        ' aria-labelledby="topic-map-title topic-map-desc" data-topic-map>',
        '<title id="topic-map-title">Map of the topics</title>',
        '<desc id="topic-map-desc">Each circle is a topic, sized by its number of papers, and links to'
        " its page. Lines join topics whose papers are related; thicker lines, stronger links. The table"
        " below gives the same information.</desc>",
        '<g class="topic-map-edges">',
    ]
    for edge in edges:
        (x1, y1), (x2, y2) = pos[edge.a], pos[edge.b]
        width = round(1 + 5 * edge.weight / strongest, 1)
        parts.append(
            f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke-width="{width}">'
            f"<title>{_text(names[edge.a])} and {_text(names[edge.b])}: {edge.count} related links</title>"
            "</line>"
        )
    parts.append('</g><g class="topic-map-nodes">')
    for topic in drawn:
        x, y = pos[topic.slug]
        radius = round(10 + 26 * math.sqrt(len(topic.papers) / biggest), 1)
        size = f"{len(topic.papers)} paper{'s' if len(topic.papers) != 1 else ''}"
        lines = label_lines(topic.name)
        tspans = "".join(
            f'<tspan x="{x}" dy="{0 if i else round(radius + 16, 1)}">{_text(line)}</tspan>'
            if i == 0
            else f'<tspan x="{x}" dy="15">{_text(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        parts.append(
            f'<a xlink:href="{base}topics/{escape.path_part(topic.slug)}/" class="topic-map-node">'
            f"<title>{_text(topic.name)}: {size}</title>"
            f'<circle cx="{x}" cy="{y}" r="{radius}"></circle>'
            f'<text x="{x}" y="{y}" class="topic-map-count" dy="0.35em">{len(topic.papers)}</text>'
            f'<text x="{x}" y="{y}" class="topic-map-label">{tspans}</text></a>'
        )
    parts.append("</g></svg></div>")
    return Markup("".join(parts))


NEIGHBOURHOOD = 240  # size of the per-paper picture


def _short(value: float) -> float | int:
    """``value`` to one decimal, without a trailing ``.0`` (120.0 is written 120)."""
    rounded = round(value, 1)
    return int(rounded) if rounded == int(rounded) else rounded


def neighbourhood_svg(paper: Paper, base: str) -> Markup:
    """A small picture of a paper and its related papers around it, nearer for a higher score.

    `base` leads from the page to the papers' folder (``../`` from ``papers/<id>/``). Node i links to
    the related paper that the numbered list under the picture names as item i; the nodes carry no
    <title> of their own (the paper's title and score), which repeated that list on every paper page
    (about 0.4 KB; BENCHMARKS.md, "Lean pages, second round"). Nothing for a paper of fewer than
    NEIGHBOURHOOD_MIN related papers.

    Lean markup, since the picture is on most paper pages (BENCHMARKS.md, "Issue 23, bytes, second
    round"): the view box is centred on the paper, so a line starts at SVG's default (0, 0) and the
    paper's own circle needs no position; whole-unit coordinates (a unit is at most a pixel and a
    half: the picture is at most 240 px wide and scales down on a phone); the numbers are centred
    on their node by extra.css (dominant-baseline), and the paper's own circle is told apart by its
    place (the last child of the <svg>), not a class."""
    if len(paper.related) < NEIGHBOURHOOD_MIN:
        return Markup("")
    half = NEIGHBOURHOOD // 2
    best = max(r.score for r in paper.related)
    # Inline in HTML, the SVG needs no namespace declarations (the HTML parser puts xlink:href in its
    # namespace): the picture is on every paper page, so every byte of it counts.
    parts = [
        f'<div class="paper-neighbourhood"><svg viewBox="-{half} -{half} {NEIGHBOURHOOD} {NEIGHBOURHOOD}"'
        ' role="group" aria-label="This paper and its related papers">',
    ]
    nodes = []
    for i, rel in enumerate(paper.related):
        angle = -math.pi / 2 + 2 * math.pi * i / len(paper.related)
        distance = 50 + 55 * (1 - rel.score / best) if best else 80
        x = round(distance * math.cos(angle)) or 0  # never "-0"
        y = round(distance * math.sin(angle)) or 0
        width = _short(1 + 4 * rel.score / best) if best else 1
        parts.append(f'<line x2="{x}" y2="{y}" stroke-width="{width}"></line>')
        # xlink:href, not href: Material's instant navigation assigns element.href, read-only on SVG <a>.
        nodes.append(
            f'<a xlink:href="{base}{escape.path_part(rel.id)}/">'
            f'<circle cx="{x}" cy="{y}" r="10"></circle>'
            f'<text x="{x}" y="{y}">{i + 1}</text></a>'
        )
    parts.extend(nodes)
    parts.append('<circle r="13"></circle></svg></div>')
    return Markup("".join(parts))
