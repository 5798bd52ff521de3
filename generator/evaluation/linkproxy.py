"""Which SciTLDR papers are related, judged from what their authors wrote about them: the proxy label.

SciTLDR has no relatedness judgements, but it has each paper's real title and its gold TLDRs (one
line the authors or reviewers wrote on what the paper does). Two papers are **related by the proxy**
when

- their titles and TLDRs share a specific noun-phrase term (``terms.concepts`` of "title. TLDRs";
  technical as ``reasons.is_concept`` asks, and used by at most PROXY_SHARE of the split's titles
  and TLDRs, at least 2), or
- their TLDRs are close: cosine of sublinear TF-IDF over their content words at least PROXY_COSINE.

Why this label: a title and a TLDR say what a paper is about and nothing it only mentions, which is
what a reader asks of a related link; neither is shown to the link rule (it reads the abstract and
its own generated title and summary). The bounds make random pairs rarely related (0.9% of 5,000
random SciTLDR train pairs) while a paper's best match by the similarity is related 34% of the
time. The label is strict: it misses related pairs whose short texts happen to use different words,
so its share is a lower bound of a reader's "relevant".
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer

PROXY_SHARE = 0.01
PROXY_COSINE = 0.3


def label_texts(path: Path, split: str) -> tuple[tuple[str, str], ...]:
    """(real title, gold TLDRs joined) of each paper of a SciTLDR split, in file order."""
    rows = [json.loads(line) for line in (path / f"{split}.jsonl").open(encoding="utf-8") if line.strip()]
    return tuple((r.get("title", ""), " ".join(r.get("target", []))) for r in rows)


def labeller(labels: tuple[tuple[str, str], ...]) -> Callable[[int, int], bool]:
    """The proxy: ``related(i, j)`` for papers i and j of the split."""
    from generator.relate.reasons import _technical
    from generator.relate.space import words
    from generator.relate.terms import concepts

    found = [concepts(f"{title}. {tldr}") for title, tldr in labels]
    df: Counter[str] = Counter(k for terms in found for k in terms)
    limit = max(2, PROXY_SHARE * len(labels))
    specific = [
        frozenset(k for k, shown in terms.items() if len(k) > 2 and df[k] <= limit and _technical(k, shown))
        for terms in found
    ]
    tldrs = [" ".join(words(tldr)) for _title, tldr in labels]
    vectors = TfidfVectorizer(sublinear_tf=True).fit_transform(tldrs) if any(tldrs) else None

    def related(i: int, j: int) -> bool:
        if specific[i] & specific[j]:
            return True
        return vectors is not None and float(vectors[i].multiply(vectors[j]).sum()) >= PROXY_COSINE

    return related
