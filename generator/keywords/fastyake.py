"""YAKE, faster and unchanged: the keyword stage's one call of YAKE (``extract_keywords``).

YAKE 0.7.3 is pure Python and most of the keyword stage's time. Three changes make it faster and
leave every score as it was (``tests/test_keywords.py`` compares both on every frozen seed line,
``bench/bench_cold.py``'s builds compare the pages):

- two of its helpers are swapped for exact equivalents during our calls (``networkx.DiGraph`` and
  ``numpy.median``, below);
- the document is read by ``_DataCore._build``, YAKE's own loop over sentences and words with its
  per-word helper calls inlined: the same terms, co-occurrences and candidates, built in the same order;
- a candidate phrase seen before is counted on the one built the first time it was seen (YAKE
  builds a new ``ComposedWord`` for every occurrence and keeps only its tag sequence).

The ranking is YAKE's own, for settings without deduplication (``dedup_lim >= 1``) and without
lemmatisation; any other settings, or another YAKE release, are called as they come.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any

import numpy as np
import yake
import yake.data.core as yake_core
import yake.data.single_word as yake_single_word
from yake.data.composed_word import ComposedWord
from yake.data.utils import get_tag, pre_filter, tokenize_sentences

from generator.runtime import cache

log = logging.getLogger(__name__)


class _CooccurrenceGraph:
    """The part of ``networkx.DiGraph`` that YAKE 0.7 uses (nodes, edges with a ``tf`` weight, ``g[u]``,
    ``has_edge``, ``in_edges``/``out_edges``) as two dicts of dicts, iterated in the same insertion
    order as networkx's, so YAKE's sums over edges add the same numbers in the same order. networkx's
    views cost about a seventh of YAKE's time."""

    __slots__ = ("_pred", "_succ")

    def __init__(self) -> None:
        self._succ: dict[int, dict[int, dict[str, float]]] = {}
        self._pred: dict[int, dict[int, dict[str, float]]] = {}

    def add_node(self, node: int) -> None:
        if node not in self._succ:
            self._succ[node] = {}
            self._pred[node] = {}

    def add_edge(self, u: int, v: int, **attr: float) -> None:
        self.add_node(u)
        self.add_node(v)
        data = self._succ[u].get(v, {})
        data.update(attr)
        self._succ[u][v] = self._pred[v][u] = data

    def __getitem__(self, node: int) -> dict[int, dict[str, float]]:
        return self._succ[node]

    def has_edge(self, u: int, v: int) -> bool:
        return v in self._succ.get(u, {})

    def out_edges(self, node: int, data: bool = False) -> list[tuple[object, ...]]:
        found = self._succ.get(node, {})
        return [(node, v, d) for v, d in found.items()] if data else [(node, v) for v in found]

    def in_edges(self, node: int, data: bool = False) -> list[tuple[object, ...]]:
        found = self._pred.get(node, {})
        return [(u, node, d) for u, d in found.items()] if data else [(u, node) for u in found]


def _median(values: list[int]) -> float:
    """``numpy.median`` of a short list of token positions (integers), exactly: the middle one, or the
    mean of the middle two (exact in floating point below 2**53). numpy's call overhead on a list of a
    few numbers was another seventh of YAKE's time."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return float(ordered[middle]) if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


# What YAKE's modules look these up as (``nx.DiGraph()``, ``np.median(...)``), while we call it.
_FAST_NX = SimpleNamespace(DiGraph=_CooccurrenceGraph)
_FAST_NP = SimpleNamespace(median=_median)


@contextmanager
def _fast_yake() -> Iterator[None]:
    """YAKE with the two helpers above, for the calls inside the block only: other callers of yake in
    the process (the evaluation's raw YAKE, the benchmark's bare YAKE) see the library as it comes.
    YAKE's results are unchanged (tests/test_keywords.py compares both on every frozen seed line)."""
    saved = (yake_core.nx, yake_single_word.np)
    yake_core.nx, yake_single_word.np = _FAST_NX, _FAST_NP
    try:
        yield
    finally:
        yake_core.nx, yake_single_word.np = saved


# The YAKE release whose modules were read for the swap; another release is called as it comes
# (YAKE returns no keywords at all when its code raises, so a helper it calls differently must never
# be slipped in unseen).
FAST_YAKE_VERSION = "0.7.3"
FAST = cache.package_version("yake") == FAST_YAKE_VERSION


class _DataCore(yake_core.DataCore):
    """YAKE's ``DataCore`` whose ``_build`` is ``_process_sentence``, ``_process_word``,
    ``get_tag``, ``get_term`` (for a term seen before), ``add_cooccur``, ``_update_cooccurrence``,
    ``_generate_candidates`` and ``add_or_update_composedword`` of YAKE 0.7.3 in one loop, statement
    for statement in the same order."""

    def _build(self, text: str, windows_size: int, n: int) -> None:
        text = pre_filter(text)
        self.sentences_str = tokenize_sentences(text)
        self.number_of_sentences = len(self.sentences_str)
        exclude = self.exclude
        discard = self.tags_to_discard
        terms = self.terms
        candidates = self.candidates
        freq_ns = self.freq_ns
        graph = self.g
        sentences_obj = self.sentences_obj
        pos_text = 0
        for sentence_id, sentence in enumerate(self.sentences_str):
            sentence_obj_aux: list[list[Any]] = []
            block: list[Any] = []
            for pos_sent, word in enumerate(sentence):
                if all(c in exclude for c in word):
                    if block:
                        sentence_obj_aux.append(block)
                        block = []
                    continue
                tag = get_tag(word, pos_sent, exclude)
                # get_term: a known term is looked up; a new one is made by YAKE's own method
                unique_term = word.lower()
                if unique_term.endswith("s") and len(unique_term) > 3:
                    unique_term = unique_term[:-1]
                term_obj = terms.get(unique_term)
                if term_obj is None:
                    term_obj = self.get_term(word)
                term_obj.add_occur(tag, sentence_id, pos_sent, pos_text)
                pos_text += 1
                size = len(block)
                if tag not in discard:
                    for w in range(max(0, size - windows_size), size):
                        left = block[w]
                        if left[0] not in discard:
                            left_term = left[2]
                            edges = graph[left_term.id]
                            if term_obj.id not in edges:
                                graph.add_edge(left_term.id, term_obj.id, tf=0.0)
                            edges[term_obj.id]["tf"] += 1.0
                            left_term.invalidate_graph_cache()
                            term_obj.invalidate_graph_cache()
                # the candidates ending here: the word, then with one and two words before it
                entry = (tag, word, term_obj)
                phrase = [entry]
                _count(candidates, phrase)
                for w in range(size - 1, max(0, size - (n - 1)) - 1, -1):
                    phrase.insert(0, block[w])
                    freq_ns[len(phrase)] += 1.0
                    _count(candidates, phrase)
                block.append(entry)
            if block:
                sentence_obj_aux.append(block)
            if sentence_obj_aux:
                sentences_obj.append(sentence_obj_aux)
        self.number_of_words = pos_text


def _count(candidates: dict[str, ComposedWord], phrase: list[tuple[str, str, Any]]) -> None:
    """``add_or_update_composedword(ComposedWord(phrase))``: a phrase seen before adds its tag
    sequence to the candidate made the first time (all ``update_cand`` reads of the new one)."""
    kw = " ".join([w[1] for w in phrase])
    key = kw.lower()
    found = candidates.get(key)
    if found is None:
        # ComposedWord.__init__ of YAKE 0.7.3, given the phrase it would join again
        found = candidates[key] = _new_composed(ComposedWord)
        found._tags = {"".join([w[0] for w in phrase])}
        found._kw = kw
        found._unique_kw = key
        found._size = len(phrase)
        found._terms = words = [w[2] for w in phrase]
        found._tf = 0.0
        found._integrity = 1.0
        found._h = 1.0
        found._start_or_end_stopwords = words[0].stopword or words[-1].stopword
    else:
        found._tags.add("".join([w[0] for w in phrase]))
    found._tf += 1.0


_new_composed = object.__new__


def _single_terms(core: _DataCore) -> None:
    """``core.build_single_terms_features(features=None)`` of YAKE 0.7.3 with ``SingleWord.update_h``
    and ``get_graph_metrics`` inlined for every term: the same statements on the same numbers in the
    same order (numpy's mean and standard deviation included), so every score is bit for bit YAKE's."""
    terms = core.terms.values()
    valid_tfs = np.array([x.data["tf"] for x in terms if not x.data["stopword"]])
    if not valid_tfs.size:
        return
    avg_tf = valid_tfs.mean()
    std_tf = valid_tfs.std()
    max_tf = max(x.data["tf"] for x in terms)
    spread_of = avg_tf + std_tf
    number_of_sentences = core.number_of_sentences
    succ, pred = core.g._succ, core.g._pred
    log = math.log
    for term in terms:
        data = term.data
        tf = data["tf"]
        if term._graph_metrics_cache is None:
            out = succ.get(term.id, {})
            wdr = len(out)
            wir = sum(d["tf"] for d in out.values())
            pwr = 0 if wir == 0 else wdr / wir
            into = pred.get(term.id, {})
            wdl = len(into)
            wil = sum(d["tf"] for d in into.values())
            pwl = 0 if wil == 0 else wdl / wil
            term._graph_metrics_cache = {
                "wdr": wdr,
                "wir": wir,
                "pwr": pwr,
                "wdl": wdl,
                "wil": wil,
                "pwl": pwl,
            }
        else:
            metrics = term._graph_metrics_cache
            wdr, pwr, wdl, pwl = metrics["wdr"], metrics["pwr"], metrics["wdl"], metrics["pwl"]
        data["pl"] = wdl / max_tf
        data["pr"] = wdr / max_tf
        data["wrel"] = wrel = (0.5 + (pwl * (tf / max_tf))) + (0.5 + (pwr * (tf / max_tf)))
        data["wfreq"] = wfreq = tf / spread_of
        occurs = data["occurs"]
        data["wspread"] = wspread = len(occurs) / number_of_sentences
        data["wcase"] = wcase = max(data["tf_a"], data["tf_n"]) / (1.0 + log(tf))
        data["wpos"] = wpos = log(log(3.0 + _median(list(occurs.keys()))))
        data["h"] = (wpos * wrel) / (wcase + (wfreq / wrel) + (wspread / wrel))


def extract_keywords(extractor: yake.KeywordExtractor, text: str) -> list[tuple[str, float]]:
    """``extractor.extract_keywords(text)``, computed faster."""
    config = extractor.config
    if not FAST or config["dedup_lim"] < 1.0 or getattr(extractor, "lemmatize", False):
        if not FAST:
            return extractor.extract_keywords(text)
        with _fast_yake():
            return extractor.extract_keywords(text)
    if not text:
        return []
    try:
        text = text.replace("\n", " ")
        with _fast_yake():
            core = _DataCore(
                text=text,
                stopword_set=extractor.stopword_set,
                config={"windows_size": config["window_size"], "n": config["n"]},
            )
            if config["features"] is None:
                _single_terms(core)
            else:
                core.build_single_terms_features(features=config["features"])
            core.build_mult_terms_features(features=config["features"])
        ranked = sorted([c for c in core.candidates.values() if c.is_valid()], key=lambda c: c.h)
        return [(c.unique_kw, c.h) for c in ranked][: config["top"]]
    except Exception as error:  # YAKE's own behaviour: no keywords, and a warning
        log.warning("Exception during keyword extraction: %s (text preview: %r...)", error, text[:100])
        return []
