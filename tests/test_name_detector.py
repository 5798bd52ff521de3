"""The learned name detector (``generator/titles/names.py``): a name's role in its abstract decides
whether it is the paper's own (issue 22, "Title names, round 4" in EVALUATION.md)."""

from __future__ import annotations

from generator.models import Paper, Source
from generator.titles import names
from generator.titles.generate import generate_title

# one invented word in three roles: the paper's own method, a data set, a cited baseline
MADE = (
    "Graph learning is hard. We propose Zorblax, a new graph network. "
    "Zorblax outperforms strong baselines on three benchmarks."
)
DATASET = (
    "Graph learning is hard. We propose a new graph network. "
    "It outperforms strong baselines on the Zorblax dataset and on two other benchmarks."
)
BASELINE = (
    "Graph learning is hard. We propose a new graph network. "
    "It outperforms Zorblax (Smith et al., 2019) and other strong baselines on three benchmarks."
)
COINED = (
    "Set prediction is hard for neural networks. We propose FSPool, a pooling method for sets. "
    "FSPool outperforms DeepSets on the CLEVR dataset and beats PointNet (Qi et al., 2017)."
)
ACRONYM = (
    "Training data pipelines are slow. We introduce Progressive Compressed Records (PCRs), a data "
    "format that reduces bandwidth. PCRs cut training time in half on ImageNet."
)
NO_NAME = (
    "Image classifiers are brittle. We train ResNet-50 models on ImageNet and compare them with VGG "
    "baselines. The models trained with noise are more robust than those trained on CIFAR-10."
)


def paper(text: str) -> Paper:
    return Paper(id="", text=text, sources=(Source("a.txt", 1),))


def probability_of(text: str, name: str) -> float:
    return next(names.probability(f) for n, f in names.features(text) if n == name)


def test_roles_are_read_from_the_word_that_governs_each_use() -> None:
    roles = names.roles(COINED)
    assert roles["FSPool"]["made"] == 1 and roles["FSPool"]["apposition"] == 1
    assert roles["FSPool"]["subject"] == 1  # "FSPool outperforms ..."
    assert roles["DeepSets"].get("evaluated") == 1  # "outperforms DeepSets"
    # "on the CLEVR dataset"
    assert roles["CLEVR"].get("evaluated") == 1 and roles["CLEVR"].get("resource") == 1
    assert roles["PointNet"].get("cited") == 1  # "PointNet (Qi et al., 2017)"
    assert "made" not in roles["PointNet"] and "made" not in roles["CLEVR"]


def test_the_same_word_is_a_name_when_made_and_none_when_a_data_set_or_a_baseline() -> None:
    assert names.own_name(MADE) == "Zorblax"
    assert probability_of(MADE, "Zorblax") >= names.THRESHOLD
    for text in (DATASET, BASELINE):
        assert probability_of(text, "Zorblax") < names.THRESHOLD
        assert names.own_name(text) == ""
        assert not generate_title(paper(text)).startswith("Zorblax")


def test_a_coined_name_wins_over_the_data_sets_and_baselines_beside_it() -> None:
    assert names.own_name(COINED) == "FSPool"
    coined = probability_of(COINED, "FSPool")
    for other in ("DeepSets", "CLEVR", "PointNet"):
        assert probability_of(COINED, other) * 10 < coined, other


def test_a_defined_acronym_names_the_paper_and_its_long_form_describes_it() -> None:
    assert names.own_name(ACRONYM) == "PCRs"
    assert names.spelled_out(ACRONYM, "PCRs") == "Progressive Compressed Records"
    title = generate_title(paper(ACRONYM))
    assert title == "PCRs: Progressive Compressed Records"


def test_known_models_and_data_sets_name_no_paper() -> None:
    assert names.own_name(NO_NAME) == ""
    assert ":" not in generate_title(paper(NO_NAME))


def test_the_name_is_cased_as_the_authors_write_it_and_said_once() -> None:
    text = (
        "Learning code representations is hard. We present code2seq, an alternative approach that uses "
        "the syntactic structure of programming languages. code2seq outperforms previous models on Java."
    )
    title = generate_title(paper(text))
    assert title.startswith("code2seq: ")
    assert title.lower().count("code2seq") == 1
    coined = generate_title(paper(COINED))
    assert coined.startswith("FSPool: ") and coined.count("FSPool") == 1


def test_no_candidate_from_web_addresses_run_on_sentences_or_quantities() -> None:
    text = (
        "We train a model 2.0x-3.0x faster with 1-bit-per-weight codes and SVD-based updates. "
        "Code is at https://goo.gl/fAjOJ for the results of 0.5.Obviously."
    )
    found = names.candidates(text)
    for bad in ("fAjOJ", "2.0x-3.0x", "1-bit-per-weight", "SVD-based", "0.5.Obviously"):
        assert bad not in found, bad


def test_document_frequency_leaves_the_abstract_out_when_tuning() -> None:
    assert names.field_documents("ImageNet") >= 20
    assert names.field_documents("ImageNet", own=True) == names.field_documents("ImageNet") - 1
    assert names.field_documents("Spatial Broadcast Decoder") == 0
