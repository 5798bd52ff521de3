"""Each paper's noun-phrase terms, as the keyword stage computed them from the same tagged sentences.

The keyword stage's cached per-abstract result (``generator.keywords.stage.analyse``) carries the
abstract's terms (``generator.relate.terms``), so a build tags each abstract once. The related-papers
stage (similarity, reasons) and the topic names read them here: from a cache entry of their own
(the terms alone, small to read three times a build), filled from the keyword stage's cached value.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from generator.keywords import stage
from generator.models import Paper
from generator.runtime import cache, parallel

CONCEPTS_LABEL = "concepts"
KEYWORD_VALUES_LABEL = "concepts_from_keywords"


def paper_counts(papers: tuple[Paper, ...]) -> Iterator[dict[str, tuple[str, int]]]:
    """``terms.concept_counts`` of each paper's abstract, in order, one at a time, cached per abstract;
    an abstract the cache lacks takes them from the keyword stage's value (computed then, if the
    keyword stage has not run on it)."""
    texts = [p.text for p in papers]
    keywords_key = stage.cache_key()

    def compute(todo: list[int]) -> list[object]:
        # The keyword stage's entries (as ``imap_cached(stage.extract_plain, ...)`` stores them),
        # counted apart so that the build's keyword cache figures stay the keyword stage's own.
        some = [texts[i] for i in todo]
        values = parallel.icached(
            some,
            keywords_key,
            KEYWORD_VALUES_LABEL,
            lambda rest: [stage.extract_plain(some[j]) for j in rest],
        )
        return [value[stage.TERMS_FIELD] for value in values]

    for row in parallel.icached(texts, _key(keywords_key), CONCEPTS_LABEL, compute):
        yield {k: (s, n) for k, s, n in row}


def _key(keywords_key: str) -> str:
    return cache.fingerprint(stage=CONCEPTS_LABEL, keywords=keywords_key)


def note(texts: Sequence[str], values: Sequence[list[object]]) -> None:
    """Store each abstract's terms as its entry here, from the keyword stage's values just computed
    for those texts (``stage.extract_plain``'s, as a cache hit gives them): the entry ``paper_counts``
    would otherwise fill by reading those values back from the cache and decoding them again. The
    bytes stored are the ones ``paper_counts`` would store."""
    key = _key(stage.cache_key())
    parallel.current().cache.put_encoded(
        {
            cache.entry_key(key, text): cache.encode(value[stage.TERMS_FIELD])
            for text, value in zip(texts, values, strict=True)
        }
    )


def paper_concepts(papers: tuple[Paper, ...]) -> Iterator[dict[str, str]]:
    """``terms.concepts`` of each paper's abstract, from ``paper_counts``."""
    for found in paper_counts(papers):
        yield {k: s for k, (s, _n) in found.items()}
