"""Clean the text of each paper for display, one small rule at a time.

The cleaned abstract is what pages, search and catalogue.json show, so every rule is conservative:
it removes only what is certainly residue (LaTeX markup, mojibake, a sentence pasted twice) and
keeps every other character the author wrote. The rules, in the order they run:

1. mojibake repaired where ftfy is certain (``cafÃ©`` -> ``café``), and a PDF's Latin ligature glyphs
   (U+FB00-FB06: ``classiﬁcation``) written as their letters, since they are typesetting, not
   spelling, and a keyword, a search or a link would otherwise miss the word; nothing else of ftfy
   is used (full-width letters, quotes and widths stay as written);
2. Unicode NFC, and every run of whitespace (incl. CR, U+0085, U+2028) as one space;
3. ``\\url{x}`` -> ``x``, ``\\href{u}{t}`` -> ``t (u)``;
4. ``\\textbf{x}``-style formatting commands -> ``x``; ``\\%``, ``\\&``, ``\\_``, ``\\#``, ``\\$`` -> sign;
5. simple inline maths ``$15$``, ``$k$``, ``$\\alpha \\leq 3$`` -> text (pylatexenc), only when every
   macro in it is known; ``$5 and $10`` is not maths (pandoc's rule for ``$``);
6. LaTeX quotes ````x''`` and ````x"`` -> U+201C x U+201D, ```x'`` -> U+2018 x U+2019;
7. braces that do not pair up are dropped (balanced ones are the author's text and stay);
8. protocol-relative ``//host/path`` links -> ``https://host/path``;
9. a sentence repeated back to back is shown once;
10. a word a PDF's line-end hyphenation split ("ob- fuscator", "al- gorithm") is joined again when
    the joined form is a word: general English knows it (wordfreq), the abstract uses it elsewhere,
    or the second piece is no word on its own ("fuscator"); "first- and second-order",
    "GAN- based" and "group- normalization" stay as written.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import replace

import ftfy
from wordfreq import zipf_frequency

from generator.models import Paper
from generator.runtime import cache, parallel
from generator.text.latex import inline_maths, latex_commands, latex_quotes
from generator.text.sentences import sentences

_SPACE = re.compile(r"\s+")

# --- 1. mojibake -------------------------------------------------------------------------------
# Only ftfy's encoding repair and its Latin-ligature expansion (a PDF's "ﬁ" glyph is the letters f, i):
# no HTML unescaping, quote uncurling, width folding or control removal, each of which would change
# text the author meant.
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=False,
    decode_inconsistent_utf8=True,
    fix_c1_controls=False,
    fix_latin_ligatures=True,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


def fix_mojibake(text: str) -> str:
    return ftfy.fix_text(text, _FTFY)


# --- 7. braces ---------------------------------------------------------------------------------
def balance_braces(text: str) -> str:
    """Drop every ``{`` or ``}`` that has no partner; pairs stay as written."""
    stack: list[int] = []
    unmatched: set[int] = set()
    for i, ch in enumerate(text):
        if ch == "{":
            stack.append(i)
        elif ch == "}":
            if stack:
                stack.pop()
            else:
                unmatched.add(i)
    unmatched.update(stack)
    if not unmatched:
        return text
    return "".join(ch for i, ch in enumerate(text) if i not in unmatched)


# --- 8. links ----------------------------------------------------------------------------------
# http(s) URLs and protocol-relative ``//host/path`` links: start of text, after a space or an
# opening bracket or quote; the host needs a dot and a letter TLD.
_URL = re.compile(
    r"(?:(?<=[\s(\[<\"'\u201c\u2018])|^)"
    r"(?:[Hh][Tt][Tt][Pp][Ss]?:)?//"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
    r"\.[A-Za-z]{2,63}(?::\d{1,5})?"
    r"(?:[/?#][^\s<>\"`{}|\\^]*)?"
)
_TRAILING = ".,;:!?'\"\u201d\u2019*"
_CLOSERS = {")": "(", "]": "[", "}": "{"}


def _trim(url: str) -> str:
    """The URL without trailing sentence punctuation or a closing bracket it did not open."""
    while url:
        last = url[-1]
        if last in _TRAILING or (last in _CLOSERS and url.count(last) > url.count(_CLOSERS[last])):
            url = url[:-1]
        else:
            break
    return url


def _https(url: str) -> str:
    return "https:" + url if url.startswith("//") else url


def link_spans(text: str) -> tuple[tuple[str, str | None], ...]:
    """The text cut into ``(piece, url)``: ``url`` is the link a piece shows, or None for plain text."""
    spans: list[tuple[str, str | None]] = []
    pos = 0
    for match in _URL.finditer(text):
        shown = _trim(match.group(0))
        if "." not in shown.split("//", 1)[1].split("/", 1)[0]:
            continue  # trimming ate the TLD: not a link
        if match.start() > pos:
            spans.append((text[pos : match.start()], None))
        spans.append((shown, _https(shown)))
        pos = match.start() + len(shown)
    if pos < len(text):
        spans.append((text[pos:], None))
    return tuple(spans)


def protocol_relative_links(text: str) -> str:
    """``//host/path`` becomes ``https://host/path``; other text is unchanged."""
    return "".join(piece if url is None else url for piece, url in link_spans(text))


def find_urls(text: str) -> tuple[str, ...]:
    """Links in the text as https URLs, in order, each once."""
    found: list[str] = []
    for _piece, url in link_spans(text):
        if url is not None and url not in found:
            found.append(url)
    return tuple(found)


# --- 9. repeated sentences ---------------------------------------------------------------------
_MIN_REPEAT_WORDS = 3


def drop_repeated_sentences(text: str) -> str:
    """A sentence (of 3 words or more) that repeats the one right before it is shown once."""
    split = sentences(text)
    kept = [
        s for i, s in enumerate(split) if i == 0 or s != split[i - 1] or len(s.split()) < _MIN_REPEAT_WORDS
    ]
    return " ".join(kept)


# --- 10. line-end hyphenation ------------------------------------------------------------------
_SPLIT_WORD = re.compile(r"(?<![\w-])([A-Za-z]+)- ([a-z]+)(?![\w-])")


def _is_word(word: str) -> bool:
    return zipf_frequency(word, "en") > 0


def rejoin_hyphenation(text: str) -> str:
    """``ob- fuscator`` -> ``obfuscator`` where the joined form is a word (wordfreq, or used elsewhere
    in ``text``) or the second piece is none; a piece that is a word of its own stays apart."""
    if "- " not in text:
        return text
    used = {w.casefold() for w in re.findall(r"\w+", text)}

    def join(match: re.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        joined = left + right
        if joined.casefold() in used or _is_word(joined.lower()) or not _is_word(right):
            return joined
        return match.group(0)

    return _SPLIT_WORD.sub(join, text)


# --- the stage ---------------------------------------------------------------------------------
def clean_text(text: str) -> str:
    text = fix_mojibake(text)
    text = _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    text = latex_commands(text)
    text = inline_maths(text)
    text = latex_quotes(text)
    text = balance_braces(text)
    text = protocol_relative_links(text)
    text = drop_repeated_sentences(text)
    text = rejoin_hyphenation(text)
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def clean(papers: tuple[Paper, ...]) -> tuple[Paper, ...]:
    """Every paper with its cleaned text and the links in it (cached by text, on the process pool)."""
    found = parallel.map_cached(_clean_plain, [p.text for p in papers], key=cache_key())
    return tuple(
        replace(paper, text=text, urls=tuple(urls)) for paper, (text, urls) in zip(papers, found, strict=True)
    )


def cache_key() -> str:
    """What ``clean_text`` depends on besides the text: this module's code and its two libraries."""
    return cache.stage_key("clean", sys.modules[__name__], packages=("ftfy", "pylatexenc", "wordfreq"))


def _clean_plain(text: str) -> list[object]:
    cleaned = clean_text(text)
    return [cleaned, list(find_urls(cleaned))]
