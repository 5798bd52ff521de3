"""The conditional logit the TLDR and title rankers share (``evaluation.weights.conditional_logit``)."""

from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix

from generator.evaluation.weights import conditional_logit


def test_the_fit_learns_which_feature_marks_each_rows_best_candidate() -> None:
    # Three rows of candidates; feature 0 marks the best-scored one, feature 1 is noise.
    x = np.array([[1.0, 0.2], [0.0, 0.9], [0.0, 0.1], [1.0, 0.5], [0.0, 0.4], [1.0, 0.0], [0.0, 1.0]])
    rows = [(None, None, [0.9, 0.1, 0.2]), (None, None, [0.8, 0.1]), (None, None, [0.7, 0.0])]
    w = conditional_logit(x, rows, tau=0.1, l2=0.01, maxiter=200)
    assert w[0] > 1.0 > abs(w[1])
    # Sparse input (the TLDR ranker's) gives the same weights as dense input (the title ranker's).
    assert np.allclose(conditional_logit(csr_matrix(x), rows, tau=0.1, l2=0.01, maxiter=200), w, atol=1e-5)
