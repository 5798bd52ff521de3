"""A link's reasons are specific concepts central to the papers (relate/specific.py, pairmodel.py)."""

from dataclasses import replace

from generator.keywords import corpus
from generator.models import Paper, Source
from generator.relate import pairmodel, related, specific
from generator.relate.related import related_papers, title_words


def paper(pid: str, text: str, title: str = "", tldr: str = "", **more: object) -> Paper:
    return Paper(id=pid * 10, text=text, sources=(Source("a.txt", 1),), title=title, tldr=tldr, **more)


RL = (
    "We regularise the policy network of deep reinforcement learning agents. Regularising the policy "
    "network with entropy bounds keeps exploration alive in sparse-reward tasks."
)
RNA = (
    "We design RNA sequences that fold into target secondary structures. A policy network proposes "
    "nucleotides, and the RNA sequences are scored by a folding simulator."
)


def _specific(papers: tuple[Paper, ...], i: int = 0) -> tuple[str, ...]:
    """The reasons paper i's links to every other paper would show (``pairmodel.reasons``)."""
    found = related.candidates(papers)
    out: list[str] = []
    for j in range(len(papers)):
        if j != i:
            _summary, specifics = pairmodel.shared(i, j, found.sides, found.catalogue, found.state)
            out += pairmodel.reasons(specifics, i, j, found.state, found.catalogue)
    return tuple(out)


def test_a_concept_one_paper_only_mentions_in_passing_is_no_reason() -> None:
    rl = paper("a", RL, title="Regularising policy networks")
    # Said once, neither in its title nor in its summary: a passing mention.
    rna = paper("b", RNA, title="Designing RNA sequences", tldr="We design RNA sequences.")
    assert _specific((rl, rna)) == ()
    # The pair model may still show the link, as similar wording.
    out = related_papers((rl, rna))
    assert all(r.shared == () for r in out[0].related)


def test_the_same_concept_central_to_both_links_them_and_is_the_reason() -> None:
    rl = paper("a", RL, title="Regularising policy networks")
    other = paper("b", RL.replace("entropy bounds", "weight decay"), tldr="We regularise the policy network.")
    (link,) = related_papers((rl, other))[0].related
    assert link.id == other.id
    assert "policy network" in link.shared
    assert link.terms == ()


def test_a_concept_common_in_ml_abstracts_is_no_specific_reason_even_when_central() -> None:
    text = "We prove convergence of the method. Convergence holds under mild conditions."
    a = paper("a", text, title="Convergence of the method")
    b = paper("b", text + " Experiments agree.", title="Convergence of the method")
    assert specific.train_share("convergence", "convergence") > specific.TRAIN_SHARE
    assert _specific((a, b)) == ()


def test_the_train_share_counts_both_numbers_of_a_phrase() -> None:
    one = corpus.phrase_share("convolutional neural network")
    many = corpus.phrase_share("convolutional neural networks")
    assert one > 0 and many > 0
    shared = specific.train_share("convolutional neural network", "convolutional neural networks")
    assert shared >= one + many - 1e-12
    # Four words: bounded by the rarer of the two three-word windows.
    four = specific.train_share("deep convolutional neural network", "deep convolutional neural network")
    assert four <= shared
    assert specific.train_share("ribonucleic folding landscape", "ribonucleic folding landscape") == 0.0


def test_a_title_that_uses_a_defined_acronym_makes_its_long_form_central() -> None:
    p = paper(
        "a",
        "Graph neural networks (GNNs) are pruned.",
        title="Pruning GNNs",
        acronyms=(("GNNs", "graph neural networks"),),
    )
    words = title_words(p)
    assert " graph neural network " in words
    assert specific.is_central("graph neural network", 1, words)
    assert not specific.is_central("pruned weight", 1, words)
    assert specific.is_central("pruned weight", specific.REPEATED, words)


def test_links_and_notes_are_the_same_for_any_input_order() -> None:
    texts = [RL, RL.replace("entropy bounds", "weight decay"), RNA, RNA.replace("RNA", "DNA")]
    papers = tuple(
        replace(paper(c, t, title="Regularising policy networks" if "policy" in t[:30] else ""), keywords=())
        for c, t in zip("abcd", texts, strict=True)
    )
    forward = {p.id: (p.related, p.related_note, p.similar) for p in related_papers(papers)}
    backward = {p.id: (p.related, p.related_note, p.similar) for p in related_papers(papers[::-1])}
    assert forward == backward
