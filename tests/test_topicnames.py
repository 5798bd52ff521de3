"""Topic names (generator/relate/topicnames.py) on small fixtures."""

from collections import Counter

from generator.models import Paper, Source
from generator.relate import topicnames
from generator.text.forms import phrase_key


def p(pid: str, text: str, *keywords: str) -> Paper:
    return Paper(id=pid * 10, text=text, sources=(Source("a.txt", 1),), keywords=keywords)


def df_of(*papers: Paper) -> Counter[str]:
    return Counter(k for x in papers for k in {phrase_key(kw) for kw in x.keywords})


ELSEWHERE = (
    p("x", "Training of vision models.", "training", "computer vision"),
    p("y", "Training of speech models.", "training", "speech recognition"),
)


def test_one_distinctive_phrase_most_papers_carry_names_the_topic() -> None:
    members = [
        p("a", "Diffusion models for images.", "diffusion models", "training", "image synthesis"),
        p("b", "A survey of diffusion models.", "diffusion models", "training", "score matching"),
        p("c", "Sampling in diffusion models is slow.", "sampling", "training"),
    ]
    df = df_of(*members, *ELSEWHERE)
    name, parts = topicnames.name(members, df, 2.5)
    assert name == "Diffusion models" and parts == ("diffusion models",)
    assert topicnames.check(members, parts) == []


def test_a_generic_word_never_names_a_topic_even_when_every_paper_has_it() -> None:
    members = [
        p("a", "Games and reinforcement learning.", "games", "reinforcement learning"),
        p("b", "Games for reinforcement learning agents.", "games", "reinforcement learning"),
    ]
    name, _ = topicnames.name(members, df_of(*members, *ELSEWHERE), 2.0)
    assert name == "Reinforcement learning"
    assert topicnames.check(members, ("games",)) == ["generic"]


def test_two_phrases_only_when_no_one_phrase_covers_most_papers() -> None:
    members = [
        p("a", "Federated learning on phones.", "federated learning", "privacy"),
        p("b", "Federated learning with clients.", "federated learning", "clients"),
        p("c", "Knowledge graph completion.", "knowledge graph", "link prediction"),
        p("d", "Knowledge graph reasoning.", "knowledge graph", "reasoning"),
        p("e", "Something else.", "quantum chemistry"),
    ]
    name, parts = topicnames.name(members, df_of(*members, *ELSEWHERE), 2.5)
    assert parts in (("federated learning", "knowledge graph"), ("knowledge graph", "federated learning"))
    assert " and " in name
    assert topicnames.check(members, parts[:1]) == ["only 2 of 5 papers about it"]
    assert topicnames.check(members, parts) == []


def test_a_paper_whose_abstract_says_the_phrase_is_about_it() -> None:
    assert topicnames.about(
        p("a", "We study Graph Neural Networks here.", "message passing"), "graph neural network"
    )
    assert not topicnames.about(p("a", "We study graphs.", "message passing"), "graph neural network")


def test_kinds_of_work_and_roles_are_not_subjects() -> None:
    for key in ("downstream task", "input image", "future research", "training"):
        assert not topicnames.nameable(key), key
    assert topicnames.nameable("large language model")
