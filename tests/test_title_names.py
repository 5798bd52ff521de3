"""Issue 22's title rules: the paper's own name first, a noun phrase of the contribution, never broken."""

from __future__ import annotations

import pytest

from generator.evaluation.titles import has_name, real_name, word_f1
from generator.models import Paper, Source
from generator.titles import contribution
from generator.titles.generate import generate_title
from generator.titles.rules import broken


def paper(text: str, keywords: tuple[str, ...] = ()) -> Paper:
    return Paper(id="", text=text, sources=(Source("a.txt", 1),), keywords=keywords)


@pytest.mark.parametrize(
    ("title", "reasons"),
    [
        # the examples of broken titles, one rule each
        ("Large batch", ["short"]),
        ("And robust training-free approach for building sentence representations", ["function word"]),
        ("Theoretical analysis to prove", ["verb"]),
        ("Objective function and prove", ["verb"]),
        ("Reinforcement learning and reward function (a94acc)", ["hex"]),
        ("augment-REINFORCE-merge: Augment-REINFORCE-merge and exhibits low variance", ["repeated name"]),
        ("Graph learning based", ["cut off"]),
        ("Graph learning (with attention", ["cut off"]),
        ("Methods for the", ["function word", "cut off"]),
    ],
)
def test_each_rule_catches_its_breakage(title: str, reasons: list[str]) -> None:
    assert broken(title) == reasons


@pytest.mark.parametrize(
    "title",
    [
        "FearNet: Brain-inspired model for incremental learning",
        "A survey of diffusion models",
        "On the convergence of Adam and beyond",
        "Learning to rank with deep networks",
        "Adaptive loss scaling for mixed precision training",
        "Graph networks (link prediction)",  # a keyword, not a hex id, tells duplicates apart
    ],
)
def test_whole_titles_break_no_rule(title: str) -> None:
    assert broken(title) == []


def test_the_coined_name_comes_first_cased_as_written_and_once() -> None:
    text = (
        "Deep networks forget old classes when they learn new ones. "
        "In this paper, we present Alexandria -- a system for unsupervised knowledge base construction. "
        "Alexandria outperforms prior systems on two benchmarks."
    )
    assert contribution.own_name(text) == "Alexandria"
    title = generate_title(paper(text))
    assert title.startswith("Alexandria: ")
    assert title.count("Alexandria") == 1 and broken(title) == []
    assert "knowledge base construction" in title


def test_a_background_acronym_is_no_name_of_the_paper() -> None:
    text = (
        "Deep neural networks (DNN) are hard to verify. "
        "We propose AutoGrow to automate depth discovery in deep networks. "
        "AutoGrow grows a shallow seed architecture."
    )
    assert contribution.own_name(text) == "AutoGrow"
    assert generate_title(paper(text)).startswith("AutoGrow")


def test_without_a_name_the_title_is_the_contributions_noun_phrase_not_a_keyword_pair() -> None:
    text = (
        "Mixed precision training is fast but suffers from underflow. "
        "We introduce a loss scaling-based training method called adaptive loss scaling that makes "
        "mixed precision training easier to use."
    )
    keywords = ("mixed precision training", "underflow")
    assert generate_title(paper(text, keywords)) == "Adaptive loss scaling"


def test_evaluation_measures_words_names_and_breakage() -> None:
    assert word_f1("Adaptive loss scaling", "Adaptive Loss Scaling for Mixed Precision Training") == 0.6
    assert real_name("FearNet: Brain-Inspired Model", "we present FearNet, a model") == "FearNet"
    assert real_name("Learning to Group Parts: A Framework", "learning to group parts") == ""  # 4 words
    assert real_name("XGAN: Unsupervised translation", "no such word here") == ""
    assert has_name("FearNet: Brain-inspired model", "fearnet")
