"""Where a title candidate stands in its abstract, read against what the TLDR stage says the paper
does, and what governs it in its sentence (seventh session).

The TLDR stage (``tldr.py``) picks the sentence that says what the paper does or finds, compressed;
a title names the same contribution, so a candidate whose words that summary says (``tldr_cover``),
that stands inside it (``in_tldr``) or comes from its sentence (``tldr_sent``) is evidence for the
ranker, learned on train as every other feature. What governs a span is the nearest verb before it
in its clause (``gov=outperforms``, ``gov=compared``, ``gov=propose``) and the nearest preposition
after that verb (``gin=than``, ``gin=with``): sparse features whose weights the ridge learns, so a
baseline ("... outperforms Iterative Magnitude Pruning") can lose to the paper's own object without
a list of comparison words.

Eighth session: the ridge learns those governors only weakly (``gov=outperforms`` -0.018: a
baseline shares words with the real title about as often as any phrase, so word F1 hardly punishes
it), while blind readers call a baseline title broken ("Continuous Sparsification: Iterative
Magnitude Pruning") and a phrase of a negated or bounded clause reversed ("Deep learning on
controlled synthetic noise" of "previous research have only examined deep learning on controlled
synthetic noise", for a real-noise benchmark). ``contrast`` reads the clause before a span for a
comparison marker, a negation or a bounding adverb (closed classes in ``text/wordlists.py``);
``spans.py`` tries such a phrase, wherever the abstract puts it in such a clause, after every
other (``span_order.CONTRAST_LAST``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import snowballstemmer

from generator.text.wordlists import TITLES_SPANS_COMPARISON as COMPARISON
from generator.text.wordlists import TITLES_SPANS_LIMITING as LIMITING
from generator.text.wordlists import TITLES_SPANS_NEGATION as NEGATION
from generator.titles import tldr
from generator.titles.tldr_model import rouge_words

# the TLDR must share at least this share of its words with a sentence to count as drawn from it
TLDR_SENTENCE_SHARE = 0.6
_CLAUSE_END = frozenset({",", ":", ";", "-LRB-", "-RRB-", "."})
_VERBS = frozenset({"VB", "VBD", "VBP", "VBZ", "VBN", "VBG", "MD"})


_STEMMER = snowballstemmer.stemmer("porter")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def stems(text: str) -> list[str]:
    """The words of ``text`` as ROUGE reads them, Porter-stemmed: a composed gerund ("augmenting
    self-attention") agrees with the summary's verb ("we augment self-attention")."""
    return [_stem(w) for w in rouge_words(text)]


@lru_cache(maxsize=16)
def tldr_of(text: str) -> str:
    """The TLDR stage's summary of ``text``, remembered: the title and the TLDR of an abstract are
    made one after the other in the same worker (``generate._title_plain``)."""
    return tldr.tldr(text)


@lru_cache(maxsize=16)
def summary(text: str, sents: tuple[str, ...]) -> tuple[frozenset[str], str, int]:
    """(the TLDR's word stems, its stems joined by spaces, the index of the sentence it was drawn
    from or -1)."""
    said = stems(tldr_of(text))
    words = frozenset(said)
    best, at = 0.0, -1
    for k, s in enumerate(sents):
        share = len(words & set(stems(s))) / max(len(words), 1)
        if share > best:
            best, at = share, k
    return words, " ".join(said), at if best >= TLDR_SENTENCE_SHARE else -1


def features(phrase: str, index: int, view: tuple[frozenset[str], str, int]) -> dict[str, float]:
    """How a candidate of sentence ``index`` agrees with the TLDR (``view``: ``summary``)."""
    words, said, at = view
    mine = stems(phrase)
    return {
        "tldr_cover": len(set(mine) & words) / max(len(set(mine)), 1),
        "in_tldr": float(bool(said and mine) and f" {' '.join(mine)} " in f" {said} "),
        "tldr_sent": float(index == at),
    }


def governors(
    tagged: list[tuple[str, str]], start: int, misread: Callable[[str], bool] = lambda word: False
) -> dict[str, float]:
    """What governs a span opening at ``start``, as sparse features: the nearest verb before it in
    its clause (``gov=outperforms``, ``gov=propose``; ``gov=^`` for none) and the nearest preposition
    between that verb and the span (``gin=than``, ``gin=with`` of "compared with"; ``gin=^``). A noun
    ``misread`` calls a verb the tagger misread is one ("Our method *outperforms*/NNS X")."""
    verb = prep = "^"
    for k in range(start - 1, -1, -1):
        word, tag = tagged[k]
        if tag in _CLAUSE_END or word in _CLAUSE_END:
            break
        if tag in _VERBS or (tag in {"NN", "NNS"} and misread(word)):
            verb = word.lower()
            break
        if tag == "IN" and prep == "^":
            prep = word.lower()
    return {"gov=" + verb: 1.0, "gin=" + prep: 1.0}


def contrast(tagged: list[tuple[str, str]], start: int) -> str:
    """What the clause before a span opening at ``start`` makes of it: "compared" when a comparison
    marker comes before it in its clause ("outperforms the ones learned by X", "better than X"),
    "denied" for a negation or a bounding adverb ("does not need X", "have only examined X"), ""
    otherwise. The clause is read back to the nearest comma, colon, semicolon or bracket."""
    for k in range(start - 1, -1, -1):
        word, tag = tagged[k]
        if tag in _CLAUSE_END or word in _CLAUSE_END:
            break
        low = word.lower()
        if low in COMPARISON:
            return "compared"
        # "not only X but also Y" affirms X
        before = tagged[k - 1][0].lower() if k else ""
        after = tagged[k + 1][0].lower() if k + 1 < len(tagged) else ""
        if (low in NEGATION and after != "only") or (
            low in LIMITING and tag.startswith("RB") and before != "not"
        ):
            return "denied"
    return ""
