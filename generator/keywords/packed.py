"""One paper's keyword candidates packed into a few flat arrays, as curation holds them.

``keywords.curate`` reads every paper's ``Candidates`` (or their JSON form, as the keyword cache
stores them) once, into a ``Packed`` each, and rebuilds one paper's candidates at a time from it
(``Packed.best``): at 100,000 papers the candidate records would take gigabytes, the arrays about a
hundred megabytes.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from sys import intern
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.keywords.curate import Candidates


@dataclass(frozen=True, slots=True)
class Packed:
    """One paper's candidates in a few flat arrays: at 100,000 papers (2.3 million candidates) the
    records would take gigabytes, these about a hundred megabytes."""

    texts: tuple[str, ...]
    keys: tuple[str, ...]
    scores: array[float]
    # spans of candidate i: pairs spans[2 * ends[i - 1] : 2 * ends[i]] (flattened (start, end))
    ends: array[int]
    spans: array[int]
    acronyms: tuple[tuple[str, str, str, str], ...]

    @staticmethod
    def of(cands: Candidates) -> Packed:
        ends, flat, total = array("l"), array("l"), 0
        for cand in cands.phrases:
            total += len(cand.spans)
            ends.append(total)
            for a, b in cand.spans:
                flat.extend((a, b))
        return Packed(
            tuple(intern(c.text) for c in cands.phrases),
            tuple(intern(c.key) for c in cands.phrases),
            array("d", (c.score for c in cands.phrases)),
            ends,
            flat,
            cands.acronyms,
        )

    @staticmethod
    def of_plain(data: list) -> Packed:  # type: ignore[type-arg]
        """``of`` the JSON form the keyword cache stores (``[[text, key, score, spans], ...],
        acronyms``), without building the records first."""
        phrases, acronyms = data[0], data[1]
        ends, flat, total = array("l"), array("l"), 0
        for _text, _key, _score, spans in phrases:
            total += len(spans)
            ends.append(total)
            for a, b in spans:
                flat.extend((int(a), int(b)))
        return Packed(
            tuple(intern(p[0]) for p in phrases),
            tuple(intern(p[1]) for p in phrases),
            array("d", (float(p[2]) for p in phrases)),
            ends,
            flat,
            tuple((a, e, w, x) for a, e, w, x in acronyms),
        )

    def best(self, expand: dict[str, str]) -> dict[str, tuple[float, tuple[tuple[int, int], ...]]]:
        """Expanded key -> (best score, spans), candidates that expand alike merged."""
        best: dict[str, tuple[float, tuple[tuple[int, int], ...]]] = {}
        start = 0
        for i, raw in enumerate(self.keys):
            end = self.ends[i]
            spans = tuple((self.spans[2 * k], self.spans[2 * k + 1]) for k in range(start, end))
            start = end
            key = expand.get(raw, raw)
            if key in best:
                score, known = best[key]
                best[key] = (min(score, self.scores[i]), tuple(sorted(set(known) | set(spans))))
            else:
                best[key] = (self.scores[i], spans)
        return best
