"""What a shown related link rests on: a specific concept that both papers are about.

A link's reasons (``pairmodel.reasons``) and the pair model's features read the concepts two papers
share that are

- **specific**: a concept at all (``reasons.is_concept``: technical, used by at most 10% of the
  catalogue's papers, no piece of a longer term) that few machine-learning abstracts use (at most
  TRAIN_SHARE of the SciTLDR train abstracts: ``keywords/data/phrasedf.json.gz`` for phrases,
  ``docfreq.json.gz`` for single words);
- **central in both papers**: said in the paper's title or one-line summary (the contribution
  sentence the summary stage picked), or said at least REPEATED times in its abstract. A passing
  mention ("a policy network" in a paper on RNA design) explains nothing.

The bounds were chosen on the tune data in round 2 (EVALUATION.md, "Related papers and topics"; the
round's script, ``link_tune.py``, was replaced by ``pair_tune.py`` in round 4).
"""

from __future__ import annotations

from functools import lru_cache

from generator.keywords import corpus
from generator.keywords.grammar import TOKEN
from generator.text import generic
from generator.text.forms import plural, singular

# A specific concept is used by at most this share of the SciTLDR train abstracts.
TRAIN_SHARE = 0.03
# A concept said this many times in an abstract is central to it. 3 raised the SciTLDR proxy's share
# (36% -> 42% on the train thirds) but not on the kdd / www / SemEval2017 tune halves, whose labels
# do not lean on generated titles (tuned on SciTLDR train), and left a third of the papers alone.
REPEATED = 2


def _numbers(last: str) -> set[str]:
    """The word and its other grammatical number (``forms.singular`` and ``forms.plural``):
    the forms the SciTLDR tables count apart."""
    one = singular(last)
    return {last, one, plural(one)}


@lru_cache(maxsize=1 << 16)
def train_share(key: str, surface: str) -> float:
    """The share of SciTLDR train abstracts that use the concept, in either number ("convolutional
    neural network" and "... networks", counted apart by the tables, are added: an upper bound): a
    word's document share, a phrase of two or three tokens its own, a longer phrase the smaller share
    of its three-token windows (the table holds up to three tokens). As keyed or as written, whichever
    is commoner."""

    def share(tokens: list[str]) -> float:
        if not tokens:
            return 0.0
        if len(tokens) > 3:
            return min(share(tokens[i : i + 3]) for i in range(len(tokens) - 2))
        total = 0.0
        for last in _numbers(tokens[-1]):
            forms = [*tokens[:-1], last]
            total += generic.share(last) if len(forms) == 1 else corpus.phrase_share(" ".join(forms))
        return total

    return max(share(TOKEN.findall(surface.lower())), share(TOKEN.findall(key.lower())))


def is_central(term_words: str, said: int, title_words: str) -> bool:
    """Whether a concept (its content words, space-joined) is central to a paper: in its title or
    summary (``title_words``, padded), or said at least REPEATED times in its abstract."""
    return said >= REPEATED or (bool(term_words) and f" {term_words} " in title_words)
