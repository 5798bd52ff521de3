"""CPU of the per-abstract stages with the tagger's compiled decoder and with the pure-Python one, in
one process (not a test).

    .venv/bin/python bench/cuts_ninth.py SEEDS_DIR [--texts 400] [--repeat 3]

As ``cuts_eighth.py`` runs them (the keyword stage's value of every text, then the titles stage's
with the keyword stage's tags handed over), alternating the decoder (``tagger.Model.compiled``: the
``_tagdecode`` extension, or None for the Python loop), ``--repeat`` times, with the per-text memos
emptied before each run (the per-word memos stay warm); the values of both are compared. Figures:
BENCHMARKS.md, "Cold build, ninth session".
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from cuts_eighth import compare, stages  # noqa: E402

from generator.inputs import ingest  # noqa: E402
from generator.text import tagger  # noqa: E402
from generator.text.clean import clean_text  # noqa: E402


def run(texts: list[str], compiled: bool) -> tuple[float, float, list[object]]:
    """``cuts_eighth.stages`` with the compiled decoder on or off."""
    model = tagger.model()
    real = model.compiled
    if not compiled:
        model.compiled = None
    try:
        return stages(texts)
    finally:
        model.compiled = real


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("seeds", type=Path)
    parser.add_argument("--texts", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if tagger.model().compiled is None:
        print("the compiled decoder is not built here (setup.py): nothing to compare")
        return 1
    texts = [clean_text(line.text) for line in ingest.read_seeds(args.seeds)[: args.texts]]
    run(texts[:20], True)  # warm: the models and tables read once
    run(texts[:20], False)
    compare(texts, {"python": lambda t: run(t, False), "compiled": lambda t: run(t, True)}, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
