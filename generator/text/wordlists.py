"""Word lists: the one way a module writes one down.

Lists are a last resort (the part-of-speech tagger and corpus statistics come first); each list
stays beside the rule that uses it, written with ``word_set`` so a reviewer can grep for them all.
"""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """The white-space separated words of ``text`` as a set."""
    return frozenset(text.split())
