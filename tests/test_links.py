from __future__ import annotations

from generator.links import MAX_RELATED, related_papers
from generator.models import Paper, Source


def paper(pid: str, text: str, keywords: tuple[str, ...] = ()) -> Paper:
    return Paper(id=pid, text=text, sources=(Source("a.txt", 1),), keywords=keywords)


DIFFUSION_A = "Diffusion models generate images by denoising; we speed up diffusion sampling."
DIFFUSION_B = "We train diffusion models for image generation with fewer denoising steps."
GRAPHS = "Knowledge graph embedding predicts missing links between entities."


def test_similar_papers_are_linked_with_shared_keywords_and_others_are_not() -> None:
    papers = related_papers(
        (
            paper("a000000000", DIFFUSION_A, ("diffusion models", "sampling")),
            paper("b000000000", DIFFUSION_B, ("diffusion models", "image generation")),
            paper("c000000000", GRAPHS, ("knowledge graph",)),
        )
    )
    a, b, c = papers
    assert [r.id for r in a.related] == ["b000000000"]
    assert a.related[0].shared == ("diffusion models",)
    assert 0 < a.related[0].score <= 1
    assert [r.id for r in b.related] == ["a000000000"]
    assert c.related == ()


def test_never_itself_at_most_five_best_first_ties_by_id() -> None:
    same = "Graph neural networks learn on graphs of molecules and proteins."
    papers = related_papers(tuple(paper(f"{i:010d}", same) for i in range(8)))
    for p in papers:
        ids = [r.id for r in p.related]
        assert p.id not in ids
        assert len(ids) == MAX_RELATED
        scores = [r.score for r in p.related]
        assert scores == sorted(scores, reverse=True)
        assert ids == sorted(ids)  # equal scores: ordered by id


def test_single_paper_has_no_related() -> None:
    (only,) = related_papers((paper("a000000000", DIFFUSION_A),))
    assert only.related == ()
