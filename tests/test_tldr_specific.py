"""Leading list markers and the vague guard of the TLDRs (tldr_compress.strip_asides, tldr_specific,
tldr.choose)."""

from __future__ import annotations

from generator.titles import tldr
from generator.titles import tldr_compress as compress
from generator.titles import tldr_specific as specific

ABSTRACT = (
    "Document embedding maps texts to vectors. "
    "We propose a new model for document embedding. "
    "The model composes sentence vectors with a hierarchical attention encoder over paragraph graphs. "
    "On paragraph graphs of news, the hierarchical attention encoder beats averaging."
)


def test_a_leading_list_marker_is_no_part_of_the_sentence() -> None:
    for marker in ("(4)", "(iii)", "2)", "(a)", "3."):
        assert compress.strip_asides(f"{marker} Pooling confers too much stability.") == (
            "Pooling confers too much stability."
        )
    # a lower-case item opens with a capital once its marker is gone
    assert compress.strip_asides("(ii) there is a closed form.") == "There is a closed form."
    # not a marker: a number, an acronym in brackets, a marker inside the sentence
    assert compress.strip_asides("3.5 times faster than Adam.") == "3.5 times faster than Adam."
    assert compress.strip_asides("(GAN) training is hard.") == "(GAN) training is hard."
    assert compress.main_clause(compress.strip_asides("(4) Pooling confers stability.")) == (
        "Pooling confers stability"
    )
    assert not any(c.startswith("(") for c in tldr.candidates("(4) Pooling confers too much stability."))


def test_specific_words_are_the_abstracts_own_repeated_names() -> None:
    sents = tldr.abstract_sentences(ABSTRACT)
    words = specific.specific_words(ABSTRACT, sents)
    # said twice and rare in ML abstracts; "vectors" as "vector"
    assert {"hierarchical", "attention", "encoder", "paragraph", "graph", "vector"} <= words
    # generic in ML abstracts, or said once, or no name ("propose" is a verb)
    assert not words & {"model", "new", "propose", "news", "averaging"}
    vague = "We propose a new model for document embedding"
    named = "The model composes sentence vectors with a hierarchical attention encoder over paragraph graphs"
    assert specific.count(vague, words) < specific.count(named, words)


def test_acronyms_and_their_long_forms_are_specific() -> None:
    text = "We study neural machine translation (NMT). NMT is fast."
    words = specific.specific_words(text, tldr.abstract_sentences(text))
    assert "nmt" in words and "translation" in words


def _rows(*items: tuple[str, float, float]) -> list[tuple[str, dict[str, float]]]:
    return [(c, {"s": score, "specific": said}) for c, score, said in items]


def test_a_vague_pick_loses_to_a_specific_one_within_the_margin() -> None:
    weights = {"s": 1.0}
    rows = _rows(
        ("We propose a new model for document embedding", 1.0, 1.0),
        ("The model composes sentence vectors with a hierarchical attention encoder", 0.6, 5.0),
    )
    # no guard, or the specific one too far below: the best score wins
    assert tldr.choose(rows, weights, 0.0)[0].startswith("We propose")
    assert tldr.choose(rows, weights, 0.0, vague=0.3, floor=3)[0].startswith("We propose")
    # within the margin, the candidate saying at least ``floor`` specific words wins
    assert tldr.choose(rows, weights, 0.0, vague=0.5, floor=3)[0].startswith("The model composes")
    # a pick that says enough is kept
    assert tldr.choose(rows, weights, 0.0, vague=0.5, floor=1)[0].startswith("We propose")
    # a specific candidate that points back, or comes before the authors speak, does not replace it
    for flag in ("leans", "before_we"):
        flagged = [rows[0], (rows[1][0], rows[1][1] | {flag: 1.0})]
        assert tldr.choose(flagged, weights, 0.0, vague=0.5, floor=3)[0].startswith("We propose")


def test_the_contribution_takes_the_next_sentences_account_of_it() -> None:
    from generator.titles import tldr_refer as refer

    first = "We propose a new model for document embedding"
    assert refer.elaborate(first, "The model composes sentence vectors with attention") == (
        "We propose a new model for document embedding, which composes sentence vectors with attention"
    )
    assert refer.elaborate("We propose a hybrid learning approach", "It combines imitation with search") == (
        "We propose a hybrid learning approach, which combines imitation with search"
    )
    # the subject is not what the contribution names, or "it" is expletive
    assert refer.elaborate(first, "The results show that it works") == ""
    assert refer.elaborate(first, "It is possible to embed documents") == ""
    # the contribution is no bare noun phrase: "which" would attach elsewhere
    assert refer.elaborate("We show how documents can be embedded", "It combines imitation with search") == ""
    assert refer.elaborate("We propose a model, and show gains", "The model composes vectors") == ""
    # (one apposition is allowed since the seventh session: "a model, called DocNet, which composes")
    assert refer.elaborate("We propose a model, called DocNet", "The model composes vectors") == (
        "We propose a model, called DocNet, which composes vectors"
    )


def test_an_elaborated_candidate_is_offered_for_a_contribution_and_its_account() -> None:
    rows = tldr.scored_candidates(ABSTRACT)
    told = [c for c, f in rows if f.get("elaborated")]
    assert told == [
        "We propose a new model for document embedding, which composes sentence vectors with a "
        "hierarchical attention encoder over paragraph graphs"
    ]
    feats = dict(rows)[told[0]]
    assert feats["specific"] > dict(rows)["We propose a new model for document embedding"]["specific"]
    assert not feats["leans"]
