"""LaTeX in seed text, one home for every rule: formatting commands, inline maths, quotes.

``latex_commands``, ``inline_maths`` and ``latex_quotes`` turn an author's LaTeX into the text a
reader sees (the clean stage runs them in that order); ``strip_latex`` goes further, to plain words
for a title or a search query: what the display rules leave of LaTeX markup becomes spaces.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pylatexenc.latex2text import LatexNodes2Text, get_default_latex_context_db

# --- formatting commands -----------------------------------------------------------------------
_ARG = r"\{([^{}]*)\}"
_URL_CMD = re.compile(r"\\url\s*" + _ARG)
_HREF_CMD = re.compile(r"\\href\s*" + _ARG + r"\s*" + _ARG)
_FORMAT_COMMANDS = (
    "textbf|textit|textsl|textsc|textsf|texttt|textrm|textup|textmd|textnormal|emph|underline|"
    "mbox|text|mathrm|mathbf|mathit|mathsf|mathtt|boldsymbol"
)
_FORMAT_CMD = re.compile(r"\\(?:" + _FORMAT_COMMANDS + r")\s*" + _ARG)
_FORMAT_SWITCH = re.compile(r"\{\\(?:bf|it|em|sc|tt|sf|rm)\s+([^{}]*)\}")
_ESCAPED_SIGN = re.compile(r"\\([%&_#$])")


def latex_commands(text: str) -> str:
    text = _URL_CMD.sub(lambda m: m.group(1).strip(), text)
    text = _HREF_CMD.sub(lambda m: f"{m.group(2).strip()} ({m.group(1).strip()})", text)
    previous = None
    while previous != text:  # nested: \textbf{\emph{x}}
        previous = text
        text = _FORMAT_CMD.sub(r"\1", text)
        text = _FORMAT_SWITCH.sub(r"\1", text)
    return text


# --- inline maths ------------------------------------------------------------------------------
# pandoc's rule: the opening $ has a non-space right after it, the closing $ a non-space right
# before it and no digit right after it; an escaped \$ is never a delimiter.
_MATH = re.compile(r"(?<![\\$])\$(?=[^\s$])([^$\n]{1,200}?)(?<=[^\s\\$])\$(?!\d)")
_MACRO = re.compile(r"\\([A-Za-z]+)")


@lru_cache(maxsize=1)
def _latex_to_text() -> LatexNodes2Text:
    return LatexNodes2Text(math_mode="text", strict_latex_spaces="based-on-source")


def _math_to_text(match: re.Match[str]) -> str:
    body = match.group(1)
    db = get_default_latex_context_db()
    macros = _MACRO.findall(body)
    # Keep what we cannot render faithfully: unknown macros, or anything pylatexenc would drop.
    if any(db.get_macro_spec(name) is None for name in macros) or "%" in body:
        return match.group(0)
    try:
        out = _latex_to_text().latex_to_text(body)
    except Exception:  # pylatexenc on malformed input: keep the author's text
        return match.group(0)
    out = " ".join(out.split())
    return out or match.group(0)


def inline_maths(text: str) -> str:
    text = _MATH.sub(_math_to_text, text)
    return _ESCAPED_SIGN.sub(r"\1", text)


# --- quotes ------------------------------------------------------------------------------------
_DOUBLE_QUOTE = re.compile(r"``(?=\S)([^`]*?\S)(?:''|\")")
_SINGLE_QUOTE = re.compile(r"(?<![`\w])`(?=\w)([^`'\n]{0,200}?\S)'(?!\w)")


def latex_quotes(text: str) -> str:
    text = _DOUBLE_QUOTE.sub("\u201c\\1\u201d", text)
    return _SINGLE_QUOTE.sub("\u2018\\1\u2019", text)


# --- plain words --------------------------------------------------------------------------------
_LEFTOVER_CMD = re.compile(r"\\[A-Za-z]+\*?")
_LEFTOVER_MARK = re.compile(r"[{}^_~\\]")


def strip_latex(text: str) -> str:
    """Plain words from text that may carry LaTeX: ``$15$`` -> 15, ``\\emph{x}`` -> x, ````q''`` -> "q".

    The display rules run first; maths they cannot render keeps its body without the dollars, and
    any command or brace still left becomes a space."""
    text = inline_maths(latex_commands(text))
    text = re.sub(r"(?<!\\)\$([^$]{0,60})\$", lambda m: m.group(1), text)
    text = text.replace("``", '"').replace("''", '"')
    text = _LEFTOVER_MARK.sub(" ", _LEFTOVER_CMD.sub(" ", text))
    return " ".join(text.split())
