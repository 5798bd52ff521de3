"""The order the title stage tries its candidates in, beyond their scores: the rules that move a
candidate first or last (``spans.ranked_spans``, and ``title_tune.first_index`` as the stage does).

Round 5: a candidate that completes the best one with its attached phrase within ``COMPLETE_MARGIN``
of its score goes first (``complete_first``).

Eighth session: a phrase the abstract compares with ("outperforms X", "than X") or denies ("does
not need X", "have only examined X"), in any of its occurrences (``contrasted``), is tried after every
other (``CONTRAST_LAST``, ``span_context.contrast``): an order, not a learned weight, since word F1
hardly tells a baseline from the paper's own object and blind readers call it broken.

Eighth session, round 2: a first candidate that counts ("two forms of symmetry") or opens on a
relational noun and its "of" ("type of deep contextualized word representation") gives its place to
its own complement when that is a candidate too (``VAGUE_COMPLEMENT``, ``vague``, ``complement_first``).
"""

from __future__ import annotations

from generator.text.nounphrases import relational
from generator.text.wordlists import TITLES_SPANS_JOIN as _JOIN

# a candidate completing the best one with its attached phrase, up to this length and within this
# score of it, goes first (``complete_first``; margin chosen on train by ``title_tune --cv``)
COMPLETE_WORDS = 12
COMPLETE_MARGIN = 0.04  # train 5-fold word F1 0.0 -> 0.04: 0.3203 -> 0.3205 (EVALUATION.md, round 5)
# eighth session: a phrase the abstract puts in a comparison ("outperforms X", "than X") or in a
# negated or bounded clause ("have only examined X") is tried after every other candidate
# (``span_context.contrast``): a baseline or a reversed claim as a title names the wrong paper
CONTRAST_LAST = True
# eighth session, round 2: a first candidate that counts ("two forms of symmetry", the tagger's cardinal
# number first) or is a relational noun with its "of" ("notion of lattice representation learning",
# ``text.nounphrases.relational``) gives its place to its own complement when that is a candidate too
# ("lattice representation learning"): the complement names the subject (``vague``, ``complement_first``)
VAGUE_COMPLEMENT = True


def complete_first(
    phrases: list[str], scores: list[float], margin: float | None = None, closed: list[bool] | None = None
) -> int:
    """Of candidates best first, the index to take first: the best, or a longer one that completes
    it with its attached phrase ("neural architecture for learning structural correspondences" ->
    "... between graphs") at most ``COMPLETE_WORDS`` words long, scored within ``margin`` of it
    (``COMPLETE_MARGIN``; the best such), that nothing more attaches to in its sentence (``closed``:
    never "... in order" of "in order to"). A title that drops its key qualifier names no paper."""
    margin = COMPLETE_MARGIN if margin is None else margin
    if not phrases or margin <= 0:
        return 0
    best = phrases[0].lower() + " "
    longer = [
        k
        for k in range(1, len(phrases))
        if phrases[k].lower().startswith(best)
        and phrases[k][len(best) :].split(" ", 1)[0].lower() in _JOIN
        and len(phrases[k].split()) <= COMPLETE_WORDS
        and scores[k] >= scores[0] - margin
        and (closed is None or closed[k])
    ]
    return longer[0] if longer else 0


def vague(pairs: list[tuple[str, str]]) -> int:
    """How many leading words of a candidate (its tagged words) count or relate rather than name: 1
    when it opens on a cardinal number written as a number or a word ("two forms of symmetry", "3
    datasets"; not "3D"), 2 for a relational noun and its "of" ("notion of lattice representation
    learning": the complement is the subject); else 0."""
    if len(pairs) < 2:
        return 0
    first = pairs[0][0]
    if pairs[0][1] == "CD" and (first.isalpha() or first.isdigit()):
        return 1
    return 2 if len(pairs) > 2 and pairs[1][0].lower() == "of" and relational(first) else 0


def complement_first(phrases: list[str], lead: list[int], usable: list[bool]) -> int:
    """Of candidates in the order the stage tries them, the index to take first: the first, or, when
    its first ``lead`` words count or relate (``vague``), its complement ("two forms of symmetry" ->
    "forms of symmetry") if that is a ``usable`` candidate (fluent, not contrasted)."""
    if not phrases or not VAGUE_COMPLEMENT or not lead[0]:
        return 0
    rest = " ".join(phrases[0].split()[lead[0] :]).lower()
    return next((k for k in range(1, len(phrases)) if usable[k] and phrases[k].lower() == rest), 0)


def contrasted(rows: list[tuple[str, dict[str, float]]]) -> list[tuple[str, dict[str, float]]]:
    """Every occurrence of a phrase some clause of the abstract contrasts (``contrast``, set from
    ``span_context.contrast``) marked ``contrast`` too: a baseline is often introduced plainly before
    it is compared with ("The proposed algorithm ..., Iterative Magnitude Pruning (IMP), ..." and
    later "... outperforms the ones learned by Iterative Magnitude Pruning"). Only the same phrase:
    one that holds it is often the paper's own ("co-attentive equivariant neural networks"
    outperform "equivariant neural networks")."""
    marked = {p.lower() for p, f in rows if f.get("contrast")}
    return [
        (phrase, {**f, "contrast": 1.0} if phrase.lower() in marked and not f.get("contrast") else f)
        for phrase, f in rows
    ]
