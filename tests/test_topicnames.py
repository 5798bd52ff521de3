"""Topic names (generator/relate/topicnames.py) on small fixtures: class-based TF-IDF over the
abstracts' noun phrases, a name only when most members say it and it sets them apart."""

from generator.models import Paper, Source
from generator.relate import topicnames


def p(pid: str, text: str) -> Paper:
    return Paper(id=pid * 10, text=text, sources=(Source("a.txt", 1),))


# Papers elsewhere in the catalogue: "training" and "neural networks" are everywhere.
ELSEWHERE = tuple(
    p(chr(ord("k") + i), f"Training of neural networks for {subject}.")
    for i, subject in enumerate(
        ["speech recognition", "computer vision", "robotics", "weather forecasts"] * 2
    )
)


def name_of(members: list[Paper], *others: Paper) -> tuple[str, tuple[topicnames.Scored, ...]]:
    vocab = topicnames.Vocabulary((*members, *ELSEWHERE, *others))
    return topicnames.name([m.id for m in members], vocab, 3.0)


def test_one_distinctive_phrase_most_papers_say_names_the_topic() -> None:
    members = [
        p("a", "Training of diffusion models for image synthesis."),
        p("b", "A survey of diffusion models and score matching."),
        p("c", "Sampling from neural networks is slow."),
    ]
    name, parts = name_of(members)
    assert name == "Diffusion models"
    assert [s.key for s in parts] == ["diffusion model"] and parts[0].papers == {"a" * 10, "b" * 10}
    assert topicnames.check(members, ("diffusion models",)) == []


def test_a_term_the_whole_catalogue_uses_never_names_a_topic() -> None:
    members = [
        p("a", "Training of neural networks for games."),
        p("b", "Neural networks for board games with training."),
    ]
    name, _ = name_of(members)
    assert name == "Board games" or name == ""  # never "Neural networks" nor "Training"
    assert "neural network" not in {
        s.key
        for s in topicnames.scored(
            [m.id for m in members], topicnames.Vocabulary((*members, *ELSEWHERE)), 3.0
        )
    }


def test_no_name_when_no_term_covers_most_papers() -> None:
    members = [
        p("a", "Federated learning on phones."),
        p("b", "Federated learning with many clients."),
        p("c", "Knowledge graph completion."),
        p("d", "Knowledge graph reasoning."),
        p("e", "Quantum chemistry with molecules."),
    ]
    name, parts = name_of(members)
    assert (name, parts) == ("", ())  # two halves are two topics, never "X and Y"
    assert topicnames.check(members, ("federated learning",)) == ["only 2 of 5 abstracts say it"]


def test_a_longer_term_as_widely_said_is_preferred() -> None:
    members = [
        p("a", "Large language models write code."),
        p("b", "We prune large language models."),
        p("c", "Large language models as judges."),
    ]
    name, _ = name_of(members, p("z", "Language models of the past."))
    assert name == "Large language models"


def test_a_paper_whose_abstract_says_the_phrase_is_about_it() -> None:
    assert topicnames.mentions("We study Graph Neural Networks here.", "graph neural network")
    assert not topicnames.mentions("We study graphs and networks.", "graph neural network")


def test_kinds_of_work_roles_and_common_words_are_not_subjects() -> None:
    for key in ("downstream task", "input image", "future research", "training", "graph", "reward"):
        assert not topicnames.nameable(key), key
    assert topicnames.nameable("large language model")
    assert topicnames.nameable("quantization")  # a single word rare in general English
