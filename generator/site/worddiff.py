"""Word-level differences between a paper's shown text and a variant, as safe markup.

Words are compared by their identity form (generator/identity/normalize.py), so a curly quote against a
straight one, or a case change, is not reported as a difference; what is shown are the variant's own
words. Every word goes through ``escape.text``: the markup contains nothing from the seeds but
escaped text, and only the ``<ins>``/``<del>`` tags added here.
"""

from __future__ import annotations

import difflib
import unicodedata

from markupsafe import Markup

from generator.identity.normalize import identity_text, strip_format_chars
from generator.site import escape


def display_words(text: str) -> list[str]:
    """The words of a copy as a reader sees them: NFC, without invisible format or control characters."""
    visible = strip_format_chars(unicodedata.normalize("NFC", text))
    visible = "".join(ch if unicodedata.category(ch) != "Cc" else " " for ch in visible)
    return visible.split()


def word_diff(shown: str, variant: str) -> Markup:
    """The variant's text: words it lacks from ``shown`` in ``<del>``, its own extra words in ``<ins>``."""
    old, new = display_words(shown), display_words(variant)
    matcher = difflib.SequenceMatcher(
        a=[identity_text(w) for w in old], b=[identity_text(w) for w in new], autojunk=False
    )
    parts: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(_words(new[j1:j2]))
            continue
        if i2 > i1:
            parts.append(f"<del>{_words(old[i1:i2])}</del>")
        if j2 > j1:
            parts.append(f"<ins>{_words(new[j1:j2])}</ins>")
    return Markup(" ".join(parts))


def _words(words: list[str]) -> str:
    return str(escape.text(" ".join(words)))


def changed_words(shown: str, variant: str) -> int:
    """How many words were removed or added: 0 when the variant differs only in form."""
    old, new = display_words(shown), display_words(variant)
    matcher = difflib.SequenceMatcher(
        a=[identity_text(w) for w in old], b=[identity_text(w) for w in new], autojunk=False
    )
    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal")
