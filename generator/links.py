"""Related papers: TF-IDF cosine similarity over the abstracts, explained by shared keywords."""

from __future__ import annotations

from dataclasses import replace

from sklearn.feature_extraction.text import TfidfVectorizer

from generator.models import Paper, Related

MAX_RELATED = 5
# Cosine similarity below this is noise for abstracts of one field (measured on the seeds).
MIN_SCORE = 0.08


def related_papers(papers: tuple[Paper, ...]) -> tuple[Paper, ...]:
    """Up to MAX_RELATED related papers per paper, best first; never itself; ties by id."""
    if len(papers) < 2:
        return papers
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1).fit_transform(
        [p.text for p in papers]
    )
    sims = (matrix @ matrix.T).tocsr()
    out: list[Paper] = []
    for i, paper in enumerate(papers):
        row = sims.getrow(i)
        candidates = [
            (round(float(score), 4), papers[j].id, j)
            for j, score in zip(row.indices, row.data, strict=True)
            if j != i and score >= MIN_SCORE
        ]
        candidates.sort(key=lambda c: (-c[0], c[1]))
        links = tuple(
            Related(
                id=pid,
                score=score,
                shared=tuple(k for k in paper.keywords if k in set(papers[j].keywords)),
            )
            for score, pid, j in candidates[:MAX_RELATED]
        )
        out.append(replace(paper, related=links))
    return tuple(out)
