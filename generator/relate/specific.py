"""What a shown related link rests on: a specific concept that both papers are about.

A link is shown only when the two papers share at least one concept that is

- **specific**: a concept at all (``related.is_concept``: technical, used by at most 10% of the
  catalogue's papers, no piece of a longer term) that few machine-learning abstracts use (at most
  TRAIN_SHARE of the SciTLDR train abstracts: ``keywords/data/phrasedf.json.gz`` for phrases,
  ``docfreq.json.gz`` for single words);
- **central in both papers**: said in the paper's title or one-line summary (the contribution
  sentence the summary stage picked), or said at least REPEATED times in its abstract. A passing
  mention ("a policy network" in a paper on RNA design) explains nothing.

Those concepts are the reasons the link shows, rarest first. The bounds were chosen on the tune data
(``generator/evaluation/link_tune.py``; EVALUATION.md, "Related papers and topics").
"""

from __future__ import annotations

from functools import lru_cache

from generator.keywords import central, generic
from generator.keywords.grammar import TOKEN

# A specific concept is used by at most this share of the SciTLDR train abstracts.
TRAIN_SHARE = 0.03
# A concept said this many times in an abstract is central to it.
REPEATED = 2


@lru_cache(maxsize=1 << 16)
def train_share(key: str, surface: str) -> float:
    """The share of SciTLDR train abstracts that use the concept (as keyed or as written, whichever is
    commoner): a word's document share, a phrase of two or three tokens its own, a longer phrase the
    smaller share of its three-token windows (an upper bound: the table holds up to three tokens)."""

    def share(tokens: list[str]) -> float:
        if not tokens:
            return 0.0
        if len(tokens) == 1:
            return generic.share(tokens[0])
        if len(tokens) <= 3:
            return central.phrase_share(" ".join(tokens))
        return min(share(tokens[i : i + 3]) for i in range(len(tokens) - 2))

    return max(share(TOKEN.findall(surface.lower())), share(TOKEN.findall(key.lower())))


def is_central(term_words: str, said: int, title_words: str) -> bool:
    """Whether a concept (its content words, space-joined) is central to a paper: in its title or
    summary (``title_words``, padded), or said at least REPEATED times in its abstract."""
    return said >= REPEATED or (bool(term_words) and f" {term_words} " in title_words)
