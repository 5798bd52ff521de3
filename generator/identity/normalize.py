"""Identity of an abstract: the normalized text and the ids derived from it.

Two seed lines whose identity texts are equal are the same abstract (an exact duplicate). The
identity text ignores every difference a reader would not call a different text:

- Unicode compatibility forms (NFKC: ligatures, full-width letters, NBSP and other spaces), case
  (``casefold``), and format characters (zero-width space and joiners, soft hyphen, BOM, bidi marks);
- quote variants (curly, low-9, primes, guillemets, LaTeX ``````...''``) become ``'`` or ``"``;
- dash variants (hyphen, non-breaking hyphen, en and em dash, minus, LaTeX ``--``/``---``) and the
  spaces around them, and hyphenation artefacts (``architec- ture``, ``pre-\u00adtrained``) are
  dropped between words, so ``pre-trained``, ``pre- trained`` and ``pretrained`` are equal;
- LaTeX escapes of punctuation (``\\%``, ``\\&``, ``\\_``, ``\\#``, ``\\$``) and ``~`` ties between words;
- runs of whitespace, and whitespace before closing or after opening punctuation.

The identity text is only hashed and compared, never shown.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Quote characters NFKC leaves alone, mapped to their ASCII form.
_QUOTES = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u2035\u00b4\u02bc\u02b9`", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb\u02ba\u301d\u301e", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d", "-"),
    }
)
_LATEX_DOUBLE_QUOTE = re.compile(r"``|''")
_LATEX_ESCAPE = re.compile(r"\\([%&_#$])")
_LATEX_TIE = re.compile(r"(?<=[\w.,;:])~(?=\w)")
_DASH = re.compile(r"\s*-+\s*")
_INNER_DASH = re.compile(r"(?<=\w)-(?=\w)")
_SPACE = re.compile(r"\s+")
_SPACE_BEFORE = re.compile(r" (?=[.,;:!?)\]}%])")
_SPACE_AFTER = re.compile(r"(?<=[(\[{]) ")
_WORD = re.compile(r"\w+")

KEY_HEX = 16
ID_HEX = 10


def strip_format_chars(text: str) -> str:
    """Drop invisible format characters (Unicode category Cf: ZWSP, ZWJ, soft hyphen, BOM, bidi marks)."""
    if text.isascii():  # the common case, and ASCII has no format characters
        return text
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def identity_text(text: str) -> str:
    """The text two copies of one abstract share, however they were typed, encoded or typeset."""
    if not text.isascii():  # NFKC leaves ASCII alone
        text = unicodedata.normalize("NFKC", strip_format_chars(text))
    text = _LATEX_DOUBLE_QUOTE.sub('"', text)
    text = _LATEX_ESCAPE.sub(r"\1", text)
    text = _LATEX_TIE.sub(" ", text)
    text = text.translate(_QUOTES).casefold()
    text = _DASH.sub("-", text)
    text = _INNER_DASH.sub("", text)
    text = _SPACE.sub(" ", text).strip()
    text = _SPACE_BEFORE.sub("", text)
    return _SPACE_AFTER.sub("", text)


def words(identity: str) -> list[str]:
    """The words of an identity text, for shingling and for measuring how complete a variant is."""
    return _WORD.findall(identity)


def identity_digest(identity: str) -> str:
    """SHA-256 hex digest of an identity text (already normalized)."""
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()


def id_text(text: str) -> str:
    """The text a new paper's id is hashed from: NFC, collapsed whitespace, case-folded. This is the
    foundation's identity rule, kept for ids so that no URL changed when identity became stronger."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


def paper_id(text: str) -> str:
    """First 10 hex digits of SHA-256 of ``id_text``: the id a new paper gets from its earliest copy."""
    return identity_digest(id_text(text))[:ID_HEX]


def variant_key(text: str) -> str:
    """First 16 hex digits of the same hash: names one variant in the id lock (seeds/paper-ids.json)."""
    return identity_digest(identity_text(text))[:KEY_HEX]


_ARTEFACTS = re.compile(r"``|''|\\[%&_#$]|\w~\w|\w-\s+\w|\s{2,}|\s[.,;:!?)]|(?<!-)--(?!-)|---")


def artefacts(text: str) -> int:
    """How many typesetting artefacts a copy carries (format characters, LaTeX residue, broken
    hyphenation, stray spaces): among equal copies the one with the fewest is shown."""
    hidden = (
        0
        if text.isascii()
        else sum(1 for ch in text if unicodedata.category(ch) == "Cf" or ch in "\u00a0\u202f")
    )
    return hidden + len(_ARTEFACTS.findall(text))
