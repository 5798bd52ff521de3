"""Writing a learned model's weights beside the module that reads them: the one step every tuning
script (``tldr_tune``, ``title_tune``, ``name_tune``) ends with. Weights are JSON, never pickle.
Also the one conditional-logit fit the rankers share (``conditional_logit``)."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any


def write_weights(module: ModuleType, payload: dict[str, Any]) -> Path:
    """``payload`` as sorted JSON in the file ``module.WEIGHTS_FILE`` beside ``module``'s source."""
    out = Path(str(module.__file__)).with_name(module.WEIGHTS_FILE)
    out.write_text(json.dumps(payload, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    return out


def conditional_logit(
    x: Any, rows: list[tuple[Any, Any, list[float]]], tau: float, l2: float, maxiter: int
) -> Any:
    """Weights of a conditional logit (a softmax over each row's candidates) fitted with L-BFGS to the
    softmax of the candidates' scores at temperature ``tau``, with an L2 penalty ``l2``. ``x`` holds one
    line a candidate, the rows' candidates in order (dense or sparse); ``rows[i][2]`` are row i's
    scores. The TLDR ranker (``tldr_tune``) and the title ranker's listwise option (``title_tune``)."""
    import numpy as np
    from scipy.optimize import minimize

    sizes = [len(scores) for _, _, scores in rows]
    group = np.repeat(np.arange(len(rows)), sizes)
    target = np.concatenate(
        [
            np.exp((np.array(y) - max(y)) / tau) / np.exp((np.array(y) - max(y)) / tau).sum()
            for _, _, y in rows
        ]
    )
    xt = x.T.tocsr() if hasattr(x, "tocsr") else x.T

    def loss(w: Any) -> tuple[float, Any]:
        s = x @ w
        top = np.full(len(rows), -np.inf)
        np.maximum.at(top, group, s)
        e = np.exp(s - top[group])
        z = np.bincount(group, e, minlength=len(rows))
        logp = s - top[group] - np.log(z[group])
        return -(target * logp).sum() + 0.5 * l2 * w @ w, xt @ (np.exp(logp) - target) + l2 * w

    return minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": maxiter}).x
