"""CPU of the per-abstract stages with the eighth session's cold-build cuts and with the paths they
replaced, in one process (not a test).

    .venv/bin/python bench/cuts_eighth.py SEEDS_DIR [--texts 400] [--repeat 3] [--cut NAME ...]

As a build runs them: the keyword stage's value (``generator.keywords.stage.extract_plain``) of every
text, then the titles stage's value (``generator.titles.generate._title_plain``) of every text with
the keyword stage's tags handed over first (``tagger.remember``, as ``with_titles`` does; the
stages run one after the other over all papers, so what the tagger remembers per window from the
keyword stage is mostly gone when the titles stage comes to the same abstract). Each stage is timed
(``time.process_time``) with every cut on ("new") and every cut replaced by its old body ("old",
the bodies kept in ``tests/test_speed_cuts.py``), alternating, ``--repeat`` times, with the
per-text memos emptied before each run; the values of both are compared. ``--cut`` turns on only
the cuts named (the others stay old), to see what one buys. Both paths run in the same process one
after the other, so the machine's load moves both alike. Figures: BENCHMARKS.md, "Cold build,
eighth session".
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.inputs import ingest  # noqa: E402
from generator.keywords import stage  # noqa: E402
from generator.text import tagger  # noqa: E402
from generator.text.clean import clean_text  # noqa: E402
from generator.titles import generate  # noqa: E402
from tests import test_speed_cuts as old  # noqa: E402

# The largest bound of a per-text memo (``nounphrases.chunks``: 20,000 sentences); per-word memos are larger.
PER_TEXT = 20_000


def cuts() -> dict[str, tuple[Any, str, Callable[..., Any]]]:
    """Per cut: (the object holding the function, its name, the old body)."""
    return {name: (holder, attr, body) for name, holder, attr, body in old.EIGHTH_CUTS}


def _forget() -> None:
    """Empty the per-text memos of every generator module (the lru caches bounded at ``PER_TEXT``
    entries or fewer) and the tagger's, so that each run computes what a cold build computes; the
    per-word memos (bounded higher) stay warm, as in a worker that has run a while."""
    tagger.model()._sentences.clear()
    for name, module in list(sys.modules.items()):
        if not name.startswith("generator."):
            continue
        for value in vars(module).values():
            info = getattr(value, "cache_info", None)
            if info is not None and info().maxsize is not None and info().maxsize <= PER_TEXT:
                value.cache_clear()
    gc.collect()


def stages(texts: list[str]) -> tuple[float, float, list[object]]:
    """(keyword stage CPU s, titles stage CPU s, values) with the code as it stands: the per-text memos
    emptied first, then the keyword stage's value of every text, then the titles stage's with the
    keyword stage's tags handed over (``cuts_ninth.py`` times the same two stages)."""
    _forget()
    start = time.process_time()
    values = [stage.extract_plain(t) for t in texts]
    keywords = time.process_time() - start
    hints = [stage.tags_found(t) for t in texts]
    # the titles stage's worker: the sentences' tags handed over, nothing else remembered
    tagger.model()._sentences.clear()
    start = time.process_time()
    out: list[object] = [values]
    for text, value, (plain, tags) in zip(texts, values, hints, strict=True):
        tagger.remember(text if plain is None else plain, tags)
        kept = [candidate[0] for candidate in value[0][:6]]  # type: ignore[index]
        out.append(generate._title_plain(json.dumps([text, kept], ensure_ascii=False)))
    titles = time.process_time() - start
    return keywords, titles, out


def run(texts: list[str], new: set[str]) -> tuple[float, float, list[object]]:
    """``stages`` with the cuts in ``new`` on, the rest old."""
    saved = []
    for name, (holder, attr, body) in cuts().items():
        saved.append((holder, attr, getattr(holder, attr)))
        if name not in new:
            setattr(holder, attr, body)
    try:
        return stages(texts)
    finally:
        for holder, attr, real in saved:
            setattr(holder, attr, real)


def compare(
    texts: list[str], runs: dict[str, Callable[[list[str]], tuple[float, float, list[object]]]], repeat: int
) -> None:
    """Run the two variants in ``runs`` (old first) alternately ``repeat`` times, assert they give the
    same values, and print the medians as a table."""
    first, second = runs
    figures: dict[str, list[tuple[float, float]]] = {first: [], second: []}
    values: dict[str, list[object]] = {}
    for i in range(repeat):
        for mode in (first, second) if i % 2 == 0 else (second, first):
            keywords, titles, found = runs[mode](texts)
            figures[mode].append((keywords, titles))
            values[mode] = found
            print(f"{mode}: keywords {keywords:.2f} s, titles {titles:.2f} s", flush=True)
    assert values[first] == values[second], f"{first} and {second} give different values"
    scale = 2000 / len(texts)
    print(f"\n{len(texts)} abstracts, median of {repeat} (CPU s; the last column per 2,000 abstracts)")
    print(f"| stage | {first} | {second} | saved | saved per 2,000 |\n|---|---:|---:|---:|---:|")
    for k, label in enumerate(("keywords", "titles + TLDRs")):
        a = statistics.median(f[k] for f in figures[first])
        b = statistics.median(f[k] for f in figures[second])
        print(f"| {label} | {a:.2f} | {b:.2f} | {a - b:.2f} | {(a - b) * scale:.1f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("seeds", type=Path)
    parser.add_argument("--texts", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cut", action="append", default=None, help="only these cuts on")
    args = parser.parse_args(argv)
    texts = [clean_text(line.text) for line in ingest.read_seeds(args.seeds)[: args.texts]]
    on = set(args.cut or cuts())
    print("cuts on:", ", ".join(sorted(on)))
    run(texts[:20], on)  # warm: the models and tables read once
    compare(texts, {"old": lambda t: run(t, set()), "new": lambda t: run(t, on)}, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
