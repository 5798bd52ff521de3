"""Where a title the length limit cuts may stop (ninth session): where one of its phrases ends.

``generate.fit`` cuts a title longer than ``generate.TITLE_MAX`` at a word boundary; on SciTLDR dev
17 of 619 titles were cut, most inside a phrase ("NeuralSort: ... of the output of the sorting" of
"... the sorting operator", "LiPopt: Polynomial optimization framework for computing" of "... for
computing increasingly tighter upper bound"). ``whole_prefix`` backs the cut off to the last word
where the whole title's phrase ends, read with the tagger and ``text.nounphrases.continues``
(EVALUATION.md, "Titles, ninth session").
"""

from __future__ import annotations

from generator.text import nounphrases
from generator.text.tagger import tag
from generator.titles.compose import _nominal_gerund

# at least this many words after the name's colon are kept, else the cut stays as it was
CUT_KEEPS = 3
# the tags that open a verb's object after a verb or gerund a cut leaves last ("computing | tighter
# upper bound", "influence | the covariance"): the cut leaves the verb without its object
OBJECT_TAGS = frozenset({"DT", "PRP$", "CD", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "RB", "VBG"})


def whole_prefix(full: str, words: list[str], stop: frozenset[str] | set[str]) -> list[str]:
    """The longest leading part of ``words`` (the cut ``full`` title) that stops where its phrase
    stops in the whole title (``whole_at``) on a noun, number or heading gerund, keeping at least
    ``CUT_KEEPS`` words after the name's colon, and ending on no word of ``stop``; the words as they
    are when there is none: "LiPopt: Polynomial optimization framework for computing" -> "LiPopt:
    Polynomial optimization framework"."""
    tagged = [(w, t) for w, t in tag(full) if w.strip()]
    at = ends(tagged, words)
    named = next((k + 1 for k, w in enumerate(words[:-1]) if w.endswith(":")), 0)
    least = named + CUT_KEEPS
    for k in range(len(words), least - 1, -1):
        end = at[k]
        if not 0 < end <= len(tagged) or words[k - 1].lower().strip(",;:") in stop:
            continue
        last = tagged[end - 1][1]
        head = last.startswith(("NN", "CD")) or (last == "VBG" and _nominal_gerund(tagged, end - 1))
        if head and whole_at(tagged, end):
            return words[:k]
    return words


def ends(tagged: list[tuple[str, str]], words: list[str]) -> list[int]:
    """For each count ``k`` of leading ``words``, the position in ``tagged`` (the same text, tagged)
    just after them; the words' characters are counted, as the tagger splits "learning's"."""
    out, size, seen, end = [0], 0, 0, 0
    for word in words:
        size += len(word)
        while end < len(tagged) and seen < size:
            seen += len(tagged[end][0])
            end += 1
        out.append(end)
    return out


def whole_at(tagged: list[tuple[str, str]], end: int) -> bool:
    """Whether a phrase stopping before position ``end`` stops where its phrase ends: the next word
    opens no noun of its group (``nounphrases.continues``; a gerund heading the group, "resonance
    imaging", too) and the last word is no verb or gerund whose object comes next ("for computing |
    tighter bounds")."""
    if end >= len(tagged):
        return True
    if tagged[end - 1][1].startswith("VB") and tagged[end][1] in OBJECT_TAGS:
        return False
    nominal = tagged[end][1] == "VBG" and _nominal_gerund(tagged, end)
    return not (nominal or nounphrases.continues(tagged, end))
