"""Merge seed lines that are copies of one abstract into papers."""

from __future__ import annotations

from generator.models import Paper, SeedLine
from generator.normalize import paper_id


def dedupe(lines: tuple[SeedLine, ...]) -> tuple[Paper, ...]:
    """One paper per distinct abstract: first copy's text, every copy's source, ordered by first source."""
    groups: dict[str, list[SeedLine]] = {}
    for line in lines:
        groups.setdefault(paper_id(line.text), []).append(line)
    papers = [
        Paper(id=pid, text=copies[0].text, sources=tuple(sorted(c.source for c in copies)))
        for pid, copies in groups.items()
    ]
    return tuple(sorted(papers, key=lambda p: (p.sources[0], p.id)))
