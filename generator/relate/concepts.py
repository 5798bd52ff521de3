"""Each paper's noun-phrase terms, as the keyword stage computed them from the same tagged sentences.

The keyword stage's cached per-abstract result (``generator.keywords.stage.analyse``) carries the
abstract's terms (``generator.relate.terms``), so a build tags each abstract once; the
related-papers stage (similarity, reasons) and the topic names read them here, from the cache.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.keywords import stage
from generator.models import Paper
from generator.runtime import parallel

CONCEPTS_LABEL = "concepts"


def paper_counts(papers: tuple[Paper, ...]) -> Iterator[dict[str, tuple[str, int]]]:
    """``terms.concept_counts`` of each paper's abstract, in order, one at a time: the keyword stage's
    cached values (computed here, in this process, for an abstract the cache lacks)."""
    texts = [p.text for p in papers]
    rows = parallel.icached(
        texts, stage.cache_key(), CONCEPTS_LABEL, lambda todo: [stage.extract_plain(texts[i]) for i in todo]
    )
    for row in rows:
        yield {k: (s, n) for k, s, n in row[stage.TERMS_FIELD]}


def paper_concepts(papers: tuple[Paper, ...]) -> Iterator[dict[str, str]]:
    """``terms.concepts`` of each paper's abstract, from ``paper_counts``."""
    for found in paper_counts(papers):
        yield {k: s for k, (s, _n) in found.items()}
