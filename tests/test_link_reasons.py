"""Every related link explains itself: shared keywords, else distinctive terms both abstracts use."""

from collections import Counter

from generator.models import Paper, Source
from generator.relate.related import related_papers, shared_terms, surface_terms


def paper(pid: str, text: str, keywords: tuple[str, ...] = ()) -> Paper:
    return Paper(id=pid * 10, text=text, sources=(Source("a.txt", 1),), keywords=keywords)


def test_a_link_without_a_shared_keyword_names_the_terms_both_abstracts_use() -> None:
    a = paper("a", "Smoothed dynamic time warping aligns time series of sensor readings.", ("warping",))
    b = paper("b", "We forecast time series of sensor readings with state space models.", ("forecasting",))
    papers = related_papers((a, b))
    (link,) = papers[0].related
    assert link.shared == ()
    assert "sensor readings" in link.terms
    assert all(t in surface_terms(a.text).values() for t in link.terms)


def test_everyday_words_and_verbs_explain_nothing() -> None:
    mine = surface_terms("We systematically outline the open gap and close the gap in this review.")
    theirs = surface_terms("Here we systematically outline how to close the gap between the two.")
    df = Counter(dict.fromkeys(mine.keys() & theirs.keys(), 1))
    assert shared_terms(mine, theirs, df, 2) == ()


def test_a_link_that_nothing_explains_is_dropped() -> None:
    a = paper("a", "We systematically outline the open gap and close the gap in this review paper.")
    b = paper("b", "Here we systematically outline the way to close the gap in the review paper.")
    assert all(p.related == () for p in related_papers((a, b)))


def test_shown_terms_are_plain_words_never_markup() -> None:
    a = paper("a", "Sememe <b>knowledge</b> bases [x](javascript:y) for lexical sememe prediction.")
    b = paper("b", "Lexical sememe prediction with <i>sememe</i> knowledge bases.")
    (link,) = related_papers((a, b))[0].related
    assert link.terms or link.shared
    assert all(t.replace(" ", "").isalnum() for t in link.terms)
