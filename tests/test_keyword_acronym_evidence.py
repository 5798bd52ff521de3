"""An acronym a paper does not define is read as the catalogue's long form only where the abstract
supports it; a slash-joined name is one name; "(ACR)" only where the abstract writes the acronym
(keywords/acronym_evidence.py, keywords/grammar.slash_piece; EVALUATION.md, "Keywords, fifth
session, round 2")."""

from __future__ import annotations

from generator.keywords import acronym_evidence
from generator.keywords.grammar import TOKEN, slash_piece
from generator.keywords.stage import extract, with_keywords
from generator.models import Paper, Source

DEFINES_SMT = (
    "Statistical machine translation (SMT) systems translate phrases with alignment tables. We show "
    "that SMT alignment tables can be pruned, and pruned SMT systems keep their BLEU."
)
USES_SMT = (
    "SMT solvers decide formulas over bit-vectors. We propose a learned strategy for SMT solvers, and "
    "the strategy solves more SMT benchmarks than hand-tuned strategies."
)


def paper(pid: str, text: str) -> Paper:
    return Paper(id=pid, text=text, sources=(Source("s", 1),))


def test_the_corpus_counts_an_acronym_with_several_readings_as_ambiguous() -> None:
    # SciTLDR train: SMT has two readings; GAN always one
    assert not acronym_evidence.sole_reading("smt", "statistical machine translation")
    # long forms spelt alike but for spaces and hyphens are one reading
    assert acronym_evidence.sole_reading("maml", "model agnostic meta learning")
    assert acronym_evidence.sole_reading("gan", "generative adversarial network")
    # the catalogue's own definitions count too
    assert not acronym_evidence.sole_reading("xq", "extra quality", {"extra quality": 1, "x quotient": 1})


def test_an_ambiguous_undefined_acronym_is_not_spelt_out_without_evidence() -> None:
    # SciTLDR train defines SMT as "statistical machine translation" and "satisfiability modulo theory"
    defines, uses = with_keywords((paper("aaaaaaaaaa", DEFINES_SMT), paper("bbbbbbbbbb", USES_SMT)))
    assert "statistical machine translation" in defines.keywords
    assert ("statistical machine translation", "SMT") in defines.acronyms
    assert "statistical machine translation" not in uses.keywords, uses.keywords
    assert "SMT solvers" in uses.keywords and not uses.acronyms
    # a word of the long form said in the abstract is evidence
    one = {"statistical machine translation": 1}
    assert acronym_evidence.supported("smt", "statistical machine translation", "SMT of a translation", one)
    assert not acronym_evidence.supported("smt", "statistical machine translation", USES_SMT, one)


def test_a_slash_joined_name_is_one_name() -> None:
    text = (
        "We study abstractive summarization of news. On the CNN/DailyMail dataset our summarization "
        "model improves ROUGE, and on CNN/DailyMail it also shortens summaries."
    )
    shown = {p.text for p in extract(text).phrases}
    assert not {"CNN", "DailyMail", "DailyMail dataset"} & shown, shown
    tokens = TOKEN.findall("the CNN/DailyMail dataset")
    assert slash_piece(tokens, [(1, 2)]) and slash_piece(tokens, [(3, 5)])
    assert not slash_piece(TOKEN.findall("the encoder/decoder model"), [(1, 2)])
    # said once on its own, the acronym stays a candidate
    assert not slash_piece([*tokens, "CNN"], [(1, 2), (5, 6)])


def test_the_acronym_is_shown_only_where_the_abstract_writes_it() -> None:
    defines = (
        "Recurrent networks struggle with long-term dependencies (LTD). We propose gated memory cells "
        "for LTD and show that the cells capture long-term dependencies on language modelling."
    )
    plain = (
        "We study long-term dependencies in sequence models. Attention spans capture long-term "
        "dependencies better than gated memory cells on language modelling."
    )
    a, b = with_keywords((paper("aaaaaaaaaa", defines), paper("bbbbbbbbbb", plain)))
    assert "long-term dependencies" in a.keywords and "long-term dependencies" in b.keywords, (a, b)
    assert ("long-term dependencies", "LTD") in a.acronyms
    assert not b.acronyms
    assert acronym_evidence.uses("GNN", "GNN-based models") and not acronym_evidence.uses(
        "CNN", "CNN/DailyMail"
    )


def test_a_piece_of_a_longer_phrase_the_abstract_repeats_is_no_candidate() -> None:
    text = (
        "We train recurrent neural networks on speech. Our recurrent neural networks beat transformers "
        "on long speech, and sparse matrix formats make them small; sparse matrix formats are fast."
    )
    shown = {p.text for p in extract(text).phrases}
    assert "sparse matrix formats" in shown
    assert not {"matrix formats", "formats"} & shown, shown
    # a term ML abstracts write on their own stays: "neural networks" in "recurrent neural networks"
    assert {"recurrent neural networks", "neural networks"} <= shown


def test_what_the_paper_does_without_is_no_keyword_though_other_work_names_it() -> None:
    text = (
        "Imitation learning relies on expert demonstrations, which are costly to collect. We propose a "
        "reinforcement learning agent that learns manipulation skills without expert demonstrations. "
        "Our agent solves block stacking from sparse rewards."
    )
    shown = {p.text for p in extract(text).phrases}
    assert "expert demonstrations" not in shown, shown
    assert "manipulation skills" in shown
