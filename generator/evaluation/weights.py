"""Writing a learned model's weights beside the module that reads them: the one step every tuning
script (``tldr_tune``, ``title_tune``, ``name_tune``) ends with. Weights are JSON, never pickle."""

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
