"""Aboutness of a pair's likeness (generator/relate/aboutness.py) and the lone-link rule that reads it
(pairmodel.choose)."""

import numpy as np
import scipy.sparse as sp

from generator.relate import aboutness, pairmodel
from generator.relate.pairmodel import Candidate

TABLE = {
    "documents": 100,
    "prior": {"word": 0.4, "phrase": 0.2},
    "features": {"accuracy": [50, 2], "top-1 accuracy": [20, 0], "memory": [10, 3]},
}


def test_a_setting_term_weighs_less_than_a_term_papers_are_about() -> None:
    assert aboutness.weight("accuracy", TABLE) < aboutness.weight("memory", TABLE) < 1.0
    assert aboutness.weight("top-1 accuracy", TABLE) < 0.5
    assert aboutness.weight("knowledge distillation", TABLE) == 1.0  # not in the table
    # smoothing: a feature seen rarely is pulled towards the base rate, never above 1
    assert aboutness.weight("x", {**TABLE, "features": {"x": [1, 0]}}) > aboutness.weight("accuracy", TABLE)


def test_the_shipped_table_weighs_evaluation_terms_down() -> None:
    # SciTLDR train: titles and TLDRs rarely say the metric or the benchmark an abstract reports on
    assert aboutness.weight("benchmark") < 0.8
    assert aboutness.weight("cifar") < 0.5
    assert aboutness.weight("knowledge distillation") == 1.0
    assert aboutness.weight("network") == 1.0


def test_pair_aboutness_is_the_weighted_share_of_the_cosine(monkeypatch) -> None:
    weights = np.ones(5)
    weights[0] = 0.2  # column 0: a setting term
    monkeypatch.setattr(aboutness, "column_weights", lambda: weights)
    rows = sp.csr_matrix(
        np.array(
            [
                [0.6, 0.8, 0.0, 0.0, 0.0],
                [0.6, 0.0, 0.8, 0.0, 0.0],  # meets row 0 on the setting term only
                [0.0, 0.6, 0.0, 0.8, 0.0],  # meets row 0 on a term papers are about
                [0.0, 0.0, 0.0, 0.0, 1.0],  # meets nothing
            ]
        )
    )
    share = aboutness.pair_aboutness(rows, np.array([0, 0, 0]), np.array([1, 2, 3]))
    assert share[0] == 0.2 and share[1] == 1.0 and share[2] == 1.0
    assert len(aboutness.pair_aboutness(rows, np.array([], dtype=int), np.array([], dtype=int))) == 0


def test_a_lone_weak_link_on_setting_terms_gives_way_to_the_next_plausible_one() -> None:
    bounds = pairmodel.model()
    weak = (bounds["show"] + bounds["floor"]) / 2
    setting = Candidate(1, 0.2, weak, (), about=pairmodel.ABOUT_LONE - 0.1)
    topical = Candidate(2, 0.1, weak - 0.01, (), about=pairmodel.ABOUT_FILL)
    implausible = Candidate(3, 0.1, bounds["floor"] - 0.01, (), about=1.0)
    assert [c.index for c in pairmodel.choose([setting, topical], 5)] == [2]
    # no plausible replacement: the lone link stays (a list never shrinks)
    assert [c.index for c in pairmodel.choose([setting, implausible], 5)] == [1]
    # a replacement must itself rest on what papers are about
    half = Candidate(2, 0.1, weak - 0.01, (), about=pairmodel.ABOUT_FILL - 0.01)
    assert [c.index for c in pairmodel.choose([setting, half], 5)] == [1]
    # a likely link is never replaced, whatever it rests on
    likely = Candidate(1, 0.2, bounds["show"] + 0.1, (), about=0.1)
    assert [c.index for c in pairmodel.choose([likely, topical], 5)] == [1]


def test_about_lone_zero_restores_the_rule_before(monkeypatch) -> None:
    bounds = pairmodel.model()
    weak = (bounds["show"] + bounds["floor"]) / 2
    setting = Candidate(1, 0.2, weak, (), about=0.3)
    topical = Candidate(2, 0.1, weak - 0.01, (), about=1.0)
    monkeypatch.setattr(pairmodel, "ABOUT_LONE", 0.0)
    assert [c.index for c in pairmodel.choose([setting, topical], 5)] == [1]
