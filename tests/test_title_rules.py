"""Generated titles stand alone: no anaphor, no dangling end, no 'Topic: fragment' (issue 13)."""

from generator.models import Paper, Source
from generator.titles.generate import generate_title, stand_alone, title_flags


def paper(text: str, keywords: tuple[str, ...] = ()) -> Paper:
    return Paper(id="", text=text, sources=(Source("a.txt", 1),), keywords=keywords)


def test_flags() -> None:
    assert title_flags("How transformers balance these two types of knowledge") == ["anaphor"]
    assert title_flags("Such models for the two tasks") == ["anaphor"]
    # a noun phrase headed by the pro-form "one" (the blind reader's "Isotropic normal one")
    assert title_flags("Isotropic normal one") == ["anaphor"]
    assert title_flags("Replacing old layers with new ones") == ["anaphor"]
    assert title_flags("One-shot learning with one") == ["anaphor"]
    assert title_flags("One-shot learning of isotropic distributions") == []
    assert title_flags("DFRot: Outlier-Free and Massive Activation-Free") == ["dangling end"]
    assert title_flags("Graph learning for") == ["dangling end"]
    assert title_flags("Large language models: gradient descent") == ["key phrases"]
    for fine in (
        "Introspective Tips: Large language models",
        "MoTCoder: Modular-of-Thought Coder",
        "A survey of diffusion models",
        "Smoothing the max operator in the dynamic programming recursion",
    ):
        assert title_flags(fine) == [], fine


def test_stand_alone_drops_the_pointer_and_keeps_the_phrase() -> None:
    assert stand_alone("capture these complex label dependencies") == "capture complex label dependencies"
    assert stand_alone("balance the two types of knowledge") == "balance two types of knowledge"


def test_a_contribution_with_an_anaphor_is_rewritten_to_stand_alone() -> None:
    text = (
        "Labels depend on each other in complex ways. "
        "We propose a meta-learning method to capture these complex label dependencies."
    )
    title = generate_title(paper(text, ("meta-learning", "label dependencies")))
    assert "complex label dependencies" in title.lower() and "these" not in title.lower()
    assert title_flags(title) == []


def test_a_dangling_description_gives_way_to_the_next_one() -> None:
    text = (
        "We introduce Outlier-Free and Activation-Free (OFAF). "
        "We propose to rotate the weight matrices of quantized language models."
    )
    title = generate_title(paper(text, ("weight matrices", "quantization")))
    assert title_flags("OFAF: Outlier-Free and Activation-Free") == ["dangling end"]
    assert title.startswith("OFAF: ") and title_flags(title) == [], title


def test_key_phrase_fallback_is_one_subject_not_topic_colon_fragment() -> None:
    # no noun phrase of three words or more in the text: the key phrases name it
    text = "Diagrams generalise games, with refinements."
    title = generate_title(paper(text, ("multi-agent influence diagrams", "extensive form games")))
    assert ":" not in title and " and " in title and title_flags(title) == []
