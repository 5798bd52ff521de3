"""A shown link rests on a specific concept central to both papers (generator/relate/specific.py)."""

from dataclasses import replace

from generator.keywords import central
from generator.models import Paper, Source
from generator.relate import related, specific
from generator.relate.related import Side, count, related_papers, specific_reasons, title_words


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


def _specific(papers: tuple[Paper, ...], i: int = 0) -> tuple[related.Related, ...]:
    """Paper i's links that share a specific concept central to both (what ``related_papers`` puts
    first), over every other paper as a candidate."""
    counts = list(related.paper_counts(papers))
    sides = [related.side(p, c) for p, c in zip(papers, counts, strict=True)]
    own = [{k: s for k, (s, _n) in found.items()} for found in counts]
    catalogue = count((own[j].keys() for j in range(len(papers))), len(papers))
    row = [related.Neighbour(index=j, score=0.5) for j in range(len(papers)) if j != i]
    return related.shown_links(i, row, papers, sides, catalogue)


def test_a_concept_one_paper_only_mentions_in_passing_is_no_specific_reason() -> None:
    rl = paper("a", RL, title="Regularising policy networks")
    # Said once, neither in its title nor in its summary: a passing mention.
    rna = paper("b", RNA, title="Designing RNA sequences", tldr="We design RNA sequences.")
    assert _specific((rl, rna)) == ()
    # The neighbourhood still joins them: the link is shown, after any specific one.
    out = related_papers((rl, rna))
    assert [r.id for r in out[0].similar] == [rna.id] == [r.id for r in out[0].related]


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


def test_specific_links_come_first_then_the_neighbourhood() -> None:
    rl = paper("a", RL, title="Regularising policy networks")
    other = paper("b", RL.replace("entropy bounds", "weight decay"), tldr="We regularise the policy network.")
    rna = paper("c", RNA, title="Designing RNA sequences", tldr="We design RNA sequences.")
    out = related_papers((rl, other, rna))[0]
    assert out.related[0].id == other.id  # specific and central to both: first, whatever the scores
    assert {r.id for r in out.related} == {r.id for r in out.similar}


def test_the_train_share_counts_both_numbers_of_a_phrase() -> None:
    one = central.phrase_share("convolutional neural network")
    many = central.phrase_share("convolutional neural networks")
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


def test_reasons_are_specific_central_to_both_and_rarest_first() -> None:
    mine = Side(
        {
            "policy network": ("policy network", 3),
            "entropy bound": ("entropy bounds", 1),
            "reinforcement learning": ("reinforcement learning", 2),
            "sparse reward": ("sparse rewards", 1),
        },
        " regularising sparse reward ",
    )
    theirs = Side(
        {
            "policy network": ("policy networks", 1),
            "entropy bound": ("entropy bounds", 3),
            "reinforcement learning": ("reinforcement learning", 3),
            "sparse reward": ("sparse reward", 1),
        },
        " policy network sparse reward ",
    )
    catalogue = count(
        [{"policy network", "entropy bound", "reinforcement learning", "sparse reward"}] * 2
        + [{"policy network"}]
        + [set()] * 40,
        45,
    )
    reasons = specific_reasons(mine, theirs, catalogue)
    # "entropy bound": central only to theirs; "reinforcement learning": in over 3% of ML abstracts.
    assert reasons == ("sparse rewards", "policy network")


def test_links_and_notes_are_the_same_for_any_input_order() -> None:
    texts = [RL, RL.replace("entropy bounds", "weight decay"), RNA, RNA.replace("RNA", "DNA")]
    papers = tuple(
        replace(paper(c, t, title="Regularising policy networks" if "policy" in t[:30] else ""), keywords=())
        for c, t in zip("abcd", texts, strict=True)
    )
    forward = {p.id: (p.related, p.related_note, p.similar) for p in related_papers(papers)}
    backward = {p.id: (p.related, p.related_note, p.similar) for p in related_papers(papers[::-1])}
    assert forward == backward


def test_the_rule_filters_the_neighbourhood_and_never_promotes_a_weaker_match() -> None:
    rl = paper("a", RL, title="Regularising policy networks")
    other = paper("b", RL.replace("entropy bounds", "weight decay"), tldr="We regularise the policy network.")
    papers = (rl, other)
    sides = [related.side(p, c) for p, c in zip(papers, related.paper_counts(papers), strict=True)]
    catalogue = count(({"policy network"}, {"policy network"}), 2)
    row = [related.Neighbour(index=1, score=0.5)]
    assert [r.id for r in related.shown_links(0, row, papers, sides, catalogue)] == [other.id]
    # The same match outside the paper's wider neighbourhood is not shown, however specific.
    assert related.shown_links(0, row, papers, sides, catalogue, similar=()) == ()
    inside = (related.Related(id=other.id, score=0.5, shared=("policy network",)),)
    assert [r.id for r in related.shown_links(0, row, papers, sides, catalogue, similar=inside)] == [other.id]


def test_specific_links_lead_whatever_their_scores_and_the_list_stays_bounded() -> None:
    near = tuple(
        related.Related(id=c * 10, score=s, shared=("x",))
        for c, s in zip("bcdefg", (0.6, 0.5, 0.4, 0.3, 0.2, 0.1), strict=True)
    )
    specific = (related.Related(id="f" * 10, score=0.2, shared=("sememe knowledge bases",)),)
    out = related.ordered_links(specific, near)
    assert [r.id[0] for r in out] == ["f", "b", "c", "d", "e"]  # "g" falls off at MAX_RELATED
    assert out[0].shared == ("sememe knowledge bases",)  # the specific reason, not the neighbourhood's
    assert len(out) == related.MAX_RELATED
    assert related.ordered_links((), near) == near[: related.MAX_RELATED]
