"""The reasons a shown link names (relate/reasons_shown.py): concepts both papers are about,
specific in the catalogue; the links themselves are the pair model's."""

from generator.models import Paper, Source
from generator.relate import reasons_shown, related, specific
from generator.relate.reasons import count

DISTIL = (
    "We compress a large teacher network into a small student by knowledge distillation. The student "
    "matches the softened outputs of the teacher on unlabelled images."
)
DISTIL2 = (
    "Knowledge distillation transfers what a teacher network knows to a compact student. We distil "
    "ensembles of teachers on speech, and the student keeps their accuracy."
)
# Generates training examples; mentions knowledge distillation once, in passing, late in the abstract.
GENERATE = (
    "We generate synthetic training examples with a conditional generator trained on few real images. "
    "The synthetic examples train classifiers that match real data, and they also serve knowledge "
    "distillation."
)


def paper(pid: str, text: str, title: str = "", tldr: str = "", keywords: tuple[str, ...] = ()) -> Paper:
    return Paper(
        id=pid * 10, text=text, sources=(Source("a.txt", 1),), title=title, tldr=tldr, keywords=keywords
    )


def _shown(papers: tuple[Paper, ...], i: int = 0, j: int = 1) -> tuple[str, ...]:
    return reasons_shown.reasons(i, j, related.candidates(papers), papers)


def test_a_concept_central_to_both_is_named_whatever_the_context_agreement() -> None:
    a = paper("a", DISTIL, title="Distilling teachers into students")
    b = paper("b", DISTIL2, title="Distilling ensembles for speech")
    # Said in each paper's first sentence: central to both, whatever else the contexts hold.
    assert "knowledge distillation" in _shown((a, b))
    assert "knowledge distillation" in _shown((b, a))


def test_a_concept_one_paper_only_mentions_in_passing_is_never_named() -> None:
    # Central to a (title, first sentence), a passing mention in g: never named, whatever a says.
    a = paper("a", DISTIL, title="Knowledge distillation into small students")
    g = paper("g", GENERATE, title="Generating training examples")
    assert "knowledge distillation" not in _shown((a, g)) + _shown((g, a))
    # Among the other paper's keywords, it is central there too.
    keyed = paper("g", GENERATE, title="Generating training examples", keywords=("knowledge distillation",))
    assert "knowledge distillation" in _shown((a, keyed))


def test_central_reads_title_summary_first_sentence_repeats_and_keywords() -> None:
    found = related.candidates((paper("a", DISTIL), paper("g", GENERATE)))
    a, g = found.sides
    key = "knowledge distillation"
    assert reasons_shown.central(paper("a", DISTIL), a, key)  # first sentence
    assert not reasons_shown.central(paper("g", GENERATE), g, key)  # once, late
    summed = paper("g", GENERATE, tldr="Examples for knowledge distillation.")
    assert reasons_shown.central(summed, related.side(summed, found.counts[1]), key)
    assert reasons_shown.central(paper("g", GENERATE, keywords=("Knowledge distillation",)), g, key)


def test_a_term_common_in_ml_abstracts_is_specific_only_where_few_catalogue_papers_use_it() -> None:
    key = "reinforcement learning"
    assert specific.train_share(key, key) > specific.TRAIN_SHARE
    rare = count([[key]] * 2 + [["x"]] * 98, 100)  # 2 of 100 papers
    common = count([[key]] * 20 + [["x"]] * 80, 100)  # 20 of 100 papers
    assert reasons_shown.specific_here(key, key, rare)
    assert not reasons_shown.specific_here(key, key, common)
    # A term rare among ML abstracts is specific whatever the catalogue.
    assert reasons_shown.specific_here("policy network", "policy network", common)
    assert specific.train_share("policy network", "policy network") <= specific.TRAIN_SHARE


def test_shown_reasons_do_not_change_which_links_are_shown_and_are_deterministic() -> None:
    from generator.relate import pairmodel

    texts = (DISTIL, DISTIL2, GENERATE)
    papers = tuple(paper(c, t, title=t.split(".")[0]) for c, t in zip("abc", texts, strict=True))
    out = related.related_papers(papers)
    found = related.candidates(papers)
    for i, p in enumerate(out):
        scored = [pairmodel.Candidate(j, s, pairmodel.probability(f), ()) for j, s, f, _ in found.features(i)]
        chosen = [papers[c.index].id for c in pairmodel.choose(scored, related.MAX_RELATED)]
        assert [r.id for r in p.related] == chosen
        for r in p.related:
            j = next(k for k, q in enumerate(papers) if q.id == r.id)
            assert r.shared == reasons_shown.reasons(i, j, found, papers)
    again = related.related_papers(papers[::-1])
    assert {p.id: p.related for p in out} == {p.id: p.related for p in again}


def test_a_common_word_capitalised_by_its_sentence_is_everyday_a_name_or_acronym_is_not() -> None:
    assert reasons_shown.everyday("Batch") and reasons_shown.everyday("batch")
    assert not reasons_shown.everyday("ReLU") and not reasons_shown.everyday("Wasserstein")
    assert not reasons_shown.everyday("Batch Normalization")
