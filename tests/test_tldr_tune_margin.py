"""The TLDR tuner's margin choice: the widest margin whose train-CV ROUGE-1 stays within MAX_LOSS of none."""

from __future__ import annotations

import io

from generator.evaluation import tldr_ranker


def _grid(scores: dict[float, float]) -> dict[float, list[tuple[float, float, float, float]]]:
    return {t: [(s, 2.0, 80.0, 70.0)] * tldr_ranker.FOLDS for t, s in scores.items()}


def test_the_widest_margin_within_the_allowed_loss_is_chosen_and_printed() -> None:
    out = io.StringIO()
    chosen = tldr_ranker.widest_margin("frame", _grid({0.0: 38.62, 0.3: 38.61, 0.5: 38.58, 0.8: 38.47}), out)
    assert chosen == 0.5  # 0.8 costs 0.15 points, more than MAX_LOSS (0.1)
    assert "frame margin chosen: 0.5" in out.getvalue()
    assert "frame margin 0.8: ROUGE-1 38.47" in out.getvalue()


def test_no_margin_is_chosen_when_every_margin_costs_more_than_the_allowed_loss() -> None:
    assert tldr_ranker.widest_margin("told", _grid({0.0: 40.0, 0.5: 39.5, 1.0: 39.0}), io.StringIO()) == 0.0


def test_a_rule_grid_counts_the_picks_a_value_changes_and_what_they_score(monkeypatch) -> None:
    monkeypatch.setattr(tldr_ranker, "fit_ranker", lambda rows: {})
    # each abstract: candidates, their features, their ROUGE-1; the rule at value v picks candidate 1
    # when v >= the threshold in its features, else candidate 0
    rows = [(["a", "b"], [{"t": 9.0}, {"t": 0.5}], [0.2, 0.6]) for _ in range(tldr_ranker.FOLDS)]

    def pick(cands_feats, weights, value):
        return cands_feats[1] if value >= cands_feats[1][1]["t"] else cands_feats[0]

    grid = tldr_ranker.rule_grid(rows, (0.0, 0.5), pick)
    assert grid[0.0] == [(20.0, 0, 0.0, 0.0)] * tldr_ranker.FOLDS  # nothing changed at 0
    assert grid[0.5] == [(60.0, 1, 60.0, 20.0)] * tldr_ranker.FOLDS  # one pick changed: 0.2 -> 0.6


def test_the_pointer_margin_is_judged_against_the_same_choice_without_the_rule() -> None:
    # by_pointer is scored at the chosen near-equals margin (0.3); its own 0 is the reference, not
    # the near-equals margin 0 (38.83 on train in the eighth session, which would leave only 0.5)
    by_pointer = {0.0: [38.80] * 5, 0.3: [38.85] * 5, 0.5: [38.81] * 5, 0.8: [38.71] * 5, 1.2: [38.65] * 5}
    assert tldr_ranker.pick_margin(by_pointer) == 0.8
