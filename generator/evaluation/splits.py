"""Which documents tune the stages and which measure them: the held-out rule every figure follows.

SciTLDR: the ``train`` split tunes, ``dev`` reports (the ``test`` split is held back by the judges).
Keyphrase sets: each document falls in one half by a hash of its dataset and id, so the halves are
stable, independent of file order, and the same on every machine.
"""

from __future__ import annotations

import hashlib

TUNE = "tune"
REPORT = "report"


def keyphrase_split(dataset: str, doc_id: str) -> str:
    """``"tune"`` or ``"report"`` for document ``doc_id`` (file name without extension) of ``dataset``."""
    digest = hashlib.sha1(f"{dataset}/{doc_id}".encode()).hexdigest()
    return TUNE if int(digest, 16) % 2 == 0 else REPORT
