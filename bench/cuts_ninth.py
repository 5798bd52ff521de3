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
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from cuts_eighth import _forget  # noqa: E402

from generator.inputs import ingest  # noqa: E402
from generator.keywords import stage  # noqa: E402
from generator.text import tagger  # noqa: E402
from generator.text.clean import clean_text  # noqa: E402
from generator.titles import generate  # noqa: E402


def run(texts: list[str], compiled: bool) -> tuple[float, float, list[object]]:
    """(keyword stage CPU s, titles stage CPU s, values) with the compiled decoder on or off."""
    model = tagger.model()
    real = model.compiled
    if not compiled:
        model.compiled = None
    try:
        _forget()
        start = time.process_time()
        values = [stage.extract_plain(t) for t in texts]
        keywords = time.process_time() - start
        hints = [stage.tags_found(t) for t in texts]
        tagger.model()._sentences.clear()
        start = time.process_time()
        out: list[object] = [values]
        for text, value, (plain, tags) in zip(texts, values, hints, strict=True):
            tagger.remember(text if plain is None else plain, tags)
            kept = [candidate[0] for candidate in value[0][:6]]  # type: ignore[index]
            out.append(generate._title_plain(json.dumps([text, kept], ensure_ascii=False)))
        titles = time.process_time() - start
    finally:
        model.compiled = real
    return keywords, titles, out


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
    figures: dict[str, list[tuple[float, float]]] = {"python": [], "compiled": []}
    values: dict[str, list[object]] = {}
    for i in range(args.repeat):
        for mode in ("python", "compiled") if i % 2 == 0 else ("compiled", "python"):
            keywords, titles, found = run(texts, mode == "compiled")
            figures[mode].append((keywords, titles))
            values[mode] = found
            print(f"{mode}: keywords {keywords:.2f} s, titles {titles:.2f} s", flush=True)
    assert values["python"] == values["compiled"], "the decoders disagree"
    scale = 2000 / len(texts)
    print(f"\n{len(texts)} abstracts, median of {args.repeat} (CPU s; the last column per 2,000 abstracts)")
    print("| stage | python | compiled | saved | saved per 2,000 |\n|---|---:|---:|---:|---:|")
    for k, label in enumerate(("keywords", "titles + TLDRs")):
        a = statistics.median(f[k] for f in figures["python"])
        b = statistics.median(f[k] for f in figures["compiled"])
        print(f"| {label} | {a:.2f} | {b:.2f} | {a - b:.2f} | {(a - b) * scale:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
