"""A candidate that is a piece of a longer noun phrase gives its place to that phrase.

Two steps of ``stage.scored_candidates`` (C-value's nestedness, read on the tagger's noun phrases),
with their switches and the corpus evidence they read:

- ``cut_continued``: a phrase the abstract says only before more words of its noun phrase
  (``nounphrases.continued``) and that the corpus never shows on its own (``standalone``) is replaced
  by the longer phrase (EVALUATION.md, "Keywords, seventh session").
- ``drop_pieces``: a piece of a longer kept phrase the abstract repeats, every time with the same word
  next to it (``piece_of``), gives that phrase its place.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import replace

from generator.keywords import corpus, reranker
from generator.keywords.curate import Candidate
from generator.keywords.grammar import phrase_key, spans_of
from generator.keywords.nounphrases import _term as is_term
from generator.keywords.specificity import no_topic
from generator.text import generic

PIECES_DROPPED = True
# A piece of a longer noun phrase, never said on its own and unknown to the corpus, gives its place to
# that phrase (EVALUATION.md, "Keywords, seventh session").
CONTINUED_CUT = True
# Corpus evidence that a phrase stands on its own: SciTLDR train abstracts that use it, or corpus
# documents (SciTLDR train, the keyphrase tune halves) that had it as a candidate.
STANDALONE_SEEN = 2


def standalone(key: str) -> bool:
    """Whether the corpus shows the phrase as a phrase of its own: some SciTLDR train abstract uses it
    (``corpus.phrase_share``), or at least ``STANDALONE_SEEN`` training documents had it as a
    candidate (``reranker.table``, the keyphraseness counts)."""
    if corpus.phrase_share(key) > 0:
        return True
    seen = reranker.table()["keys"].get(key)
    return bool(seen) and seen[0] + seen[2] >= STANDALONE_SEEN


def cut_continued(
    kept: dict[str, Candidate],
    said_as: dict[str, str],
    continued: dict[str, str],
    expansions: frozenset[str] | set[str],
    forms: dict[str, str],
    lowered: list[str],
    index: dict[str, list[int]],
) -> dict[str, Candidate]:
    """The candidates with each piece of a longer noun phrase replaced by that phrase (C-value's
    nestedness, read on the tagger's noun phrases): a phrase the abstract says only before more words
    of its noun phrase ("partial group" of "partial group comparison data", "learning permutation" of
    "learning permutation invariant representations"; ``nounphrases.continued``), that the corpus
    never shows on its own (``standalone``) and that is no name written in capitals, gives its place
    and score to the longer phrase, or is left out where that phrase is longer than a candidate may
    be or starts on a word of the writing (``no_topic``, or a word of most ML abstracts: "standard
    VAE probabilistic" of "... model"). A phrase followed by a generic head only ("text clustering
    methods") is no piece."""
    if not CONTINUED_CUT:
        return kept
    out: dict[str, Candidate] = {}
    for key, cand in kept.items():
        phrase = said_as.get(key, "")
        grown = continued.get(phrase)
        if (
            grown is None
            or key in expansions
            or standalone(key)
            or all(w[:1].isupper() for w in cand.text.split())
        ):
            if key not in out:
                out[key] = cand
            continue
        first = phrase.split()[0]
        if not grown or no_topic(first) or generic.is_generic_word(first):
            continue  # a piece starting on a word of the writing ("standard VAE probabilistic") is no term
        whole = phrase_key(grown)
        if whole in kept:
            better = min(kept[whole].score, cand.score)
            out[whole] = replace(out.get(whole, kept[whole]), score=better)
            continue
        words = tuple(grown.split())
        spans = tuple(spans_of(lowered, index, words))
        if not spans:
            continue
        display = " ".join(forms.get(w, w) for w in words)
        out[whole] = Candidate(display, whole, cand.score, spans)
    return out


def piece_of(lowered: list[str], spans: tuple[tuple[int, int], ...], kept: Container[str]) -> str:
    """The longer candidate (`kept`: as the abstract says them) the phrase is a piece of, said at least
    twice, else "":
    every occurrence has the same word before it ("activation" of "activation function derivatives")
    or after it ("inverse" of "inverse problems") inside a noun phrase. A word before it that names no
    topic (``specificity.no_topic``) or that most ML abstracts use (``generic``: "existing", "simple")
    makes no longer term. A phrase ML abstracts write as a term of their own (``nounphrases._term``:
    "time series" in "irregularly sampled time series") is no piece."""
    if len(spans) < 2:
        return ""
    for side in (-1, 1):
        around = {
            lowered[s - 1] if side < 0 and s > 0 else lowered[e] if side > 0 and e < len(lowered) else ""
            for s, e in spans
        }
        if len(around) != 1:
            continue
        (word,) = around
        if not word.replace("-", "").isalpha() or (
            side < 0 and (no_topic(word) or generic.is_generic_word(word))
        ):
            continue
        s, e = spans[0]
        longer = " ".join(lowered[s - 1 : e] if side < 0 else lowered[s : e + 1])
        if longer in kept:
            return longer
    return ""


def drop_pieces(
    kept: dict[str, Candidate], lowered: list[str], expansions: frozenset[str] | set[str]
) -> None:
    """Drops from `kept` (in place) each piece of a longer kept phrase the abstract repeats
    (``piece_of``): the longer phrase takes its place, with the better of the two scores. An acronym's
    expansion, or a phrase ML abstracts write as a term of its own (``nounphrases._term``), is no piece
    ("function derivatives" of "activation function derivatives")."""
    if not PIECES_DROPPED:
        return
    said = {" ".join(lowered[a:b]): k for k, c in kept.items() for a, b in c.spans}
    whole_of = {
        key: said[longer]
        for key, cand in kept.items()
        if key not in expansions
        and not is_term(key)
        and (longer := piece_of(lowered, cand.spans, said))
        and said[longer] != key
    }
    for key in whole_of:
        whole, seen = whole_of[key], {key}
        while whole in whole_of and whole not in seen:  # "formats", "matrix formats", "sparse ..."
            seen.add(whole)
            whole = whole_of[whole]
        if whole not in seen:
            kept[whole] = replace(kept[whole], score=min(kept[whole].score, kept[key].score))
            del kept[key]
