"""Every related link explains itself with concepts both papers have; thresholds and notes."""

from dataclasses import replace

from generator.keywords import stage
from generator.models import Paper, Source
from generator.relate import related
from generator.relate.related import Catalogue, count, is_concept, related_papers, shared_terms
from generator.relate.terms import concept_counts, concepts, noun_phrases
from generator.text.acronyms import expand_tagged
from generator.text.tagger import tag_sentences


def paper(pid: str, text: str, keywords: tuple[str, ...] = (), title: str = "") -> Paper:
    return Paper(id=pid * 10, text=text, sources=(Source("a.txt", 1),), keywords=keywords, title=title)


def catalogue_of(*texts: str) -> Catalogue:
    return count((concepts(t).keys() for t in texts), len(texts))


def test_a_link_names_the_specific_concepts_both_papers_are_about() -> None:
    a = paper(
        "a",
        "Smoothed dynamic time warping aligns sensor readings from industrial machines.",
        ("warping",),
    )
    a = replace(a, title="Dynamic time warping of sensor readings")
    b = paper(
        "b",
        "We forecast sensor readings from industrial machines with state space models and denoise "
        "the sensor readings.",
        (),
    )
    b = replace(b, tldr="We forecast sensor readings.")
    papers = related_papers((a, b))
    (link,) = papers[0].related
    assert "sensor readings" in link.shared  # in a's title and b's summary, same contexts
    assert all(t in concepts(a.text).values() for t in link.shared)


def test_verbs_and_pieces_of_sentences_explain_nothing() -> None:
    mine = concepts("We systematically outline the open gap and close the gap in this review.")
    theirs = concepts("Here we systematically outline how to close the gap between the two.")
    assert shared_terms(mine, theirs, catalogue_of("x", "y")) == ()


def test_a_piece_of_a_longer_term_is_no_concept() -> None:
    texts = [
        "Markov chain Monte Carlo samples the posterior.",
        "We speed up Markov chain Monte Carlo with gradients.",
        "Markov chain Monte Carlo for Bayesian neural networks.",
        "A study of Monte Carlo tree search.",
        "Monte Carlo tree search plays Go.",
    ]
    catalogue = count((concepts(t).keys() for t in texts), 40)
    assert catalogue.fragment("chain monte carlo")  # always inside "markov chain monte carlo"
    assert catalogue.fragment("chain monte")
    assert not catalogue.fragment("markov chain monte carlo")
    assert not catalogue.fragment("monte carlo")  # in "monte carlo tree search" too: 3 of 5 papers
    shown = shared_terms(concepts(texts[1]), concepts(texts[0]), catalogue)
    assert shown == ("Markov chain Monte Carlo",)  # as written mid-sentence


def test_a_word_common_in_english_or_in_the_catalogue_is_no_concept() -> None:
    catalogue = catalogue_of(*(f"Paper {i} about the response of cells." for i in range(40)))
    assert not is_concept("response", "response", catalogue)  # everyday English (wordfreq)
    assert not is_concept("cell", "cells", catalogue)  # every paper of the catalogue has it
    rare = catalogue_of(
        "Retinal ganglion cells.", "The ganglion cells of the retina.", *(f"x{i}" for i in range(38))
    )
    assert is_concept("ganglion cell", "ganglion cells", rare)


def test_overlapping_terms_are_shown_once() -> None:
    text = "Deep deterministic policy gradient algorithm for robot control with replay buffers."
    other = "We improve the deep deterministic policy gradient algorithm on robot control."
    shown = [t.lower() for t in shared_terms(concepts(text), concepts(other), catalogue_of(text, other))]
    assert len([t for t in shown if "policy gradient" in t]) == 1  # overlapping spans: one shown
    assert "robot control" in shown


def test_a_link_that_no_concept_explains_shows_no_reason() -> None:
    a = paper("a", "Many people say these things, in time, at home.")
    b = paper("b", "At home, in time, people say many things.")
    out = related_papers((a, b))
    # Shown as similar wording (no reason), or not at all with a note saying why.
    assert all(r.shared == () == r.terms for p in out for r in p.related)
    assert all(p.related or p.related_note for p in out)


def test_a_lone_paper_says_why() -> None:
    (only,) = related_papers((paper("a", "Graph neural networks."),))
    assert only.related == () and only.related_note == related.NOTE_ALONE


def test_a_paper_whose_candidates_all_score_under_the_first_bound_says_so(monkeypatch) -> None:
    title = "Sememe knowledge bases"
    a = paper("a", "Sememe knowledge bases for lexical sememe prediction in Chinese.", title=title)
    b = paper("b", "Lexical sememe prediction with sememe knowledge bases.", title=title)
    assert related_papers((a, b))[0].related
    monkeypatch.setattr(related, "FIRST_MIN_SCORE", 0.99)
    (first, _) = related_papers((a, b))
    assert first.related == () and "under" in first.related_note


def test_shown_terms_are_plain_words_never_markup() -> None:
    a = paper("a", "Sememe <b>knowledge</b> bases [x](javascript:y) for lexical sememe prediction.")
    b = paper("b", "Lexical sememe prediction with <i>sememe</i> knowledge bases.")
    a, b = (replace(p, title="Lexical sememe prediction") for p in (a, b))
    (link,) = related_papers((a, b))[0].related
    assert link.shared
    assert all(t.replace(" ", "").isalnum() for t in link.shared)


def test_noun_phrases_never_cross_a_stop_word_or_a_verb() -> None:
    keys = {t.key for t in noun_phrases("The learner replays samples of graph neural networks.")}
    assert "graph neural network" in keys
    assert not any("replay" in k and " " in k for k in keys)
    assert not any(" of " in f" {k} " for k in keys)


def test_shared_keywords_that_are_no_concept_are_not_shown() -> None:
    a = paper("a", "Representation of graphs with attention.", ("representation", "graph attention"))
    b = paper("b", "Representation of graphs with attention heads.", ("representation", "graph attention"))
    c = replace(b, id="c" * 10)
    catalogue = count(({"representation", "graph attention"} for _ in range(40)), 40)
    assert related.shared_keywords(a, c, catalogue) == ()
    assert related.shared_keywords(a, c) == ("representation", "graph attention")


# --- issue 20: one tagging, one chunker (generator/text/nounphrases.py, text.acronyms.expand_tagged) ---


def test_acronyms_are_expanded_on_the_tagged_tokens() -> None:
    text = "Graph neural networks (GNNs) learn on graphs. We scale GNNs to large graphs."
    expanded = expand_tagged(tag_sentences(text), text)
    second = [token for token, _tag in expanded[1]]
    assert "GNNs" not in second and second[2:5] == ["graph", "neural", "networks"]
    first = dict(expanded[0])
    assert dict(expanded[1])["networks"] == first["networks"]  # tagged as where the long form is written


def test_a_gerund_ends_a_term_after_a_noun_never_alone() -> None:
    # "deploying" ends a noun-phrase run of the chunker (no object follows it), yet is no term alone.
    found = concepts("We study open-domain question answering. The model stays cheap when deploying.")
    assert "question answering" in found
    assert "deploying" not in found


def test_the_keyword_stage_carries_the_same_terms_as_the_terms_module() -> None:
    text = (
        "Large language models (LLMs) answer questions. We fine-tune LLMs on medical question answering, "
        "see https://example.org/code for the code."
    )
    carried = stage.extract_plain(text)[stage.TERMS_FIELD]
    assert carried and carried == [[k, s, n] for k, (s, n) in sorted(concept_counts(text).items())]
    assert not any("example" in k for k, _s, _n in carried)  # a web address is no term
