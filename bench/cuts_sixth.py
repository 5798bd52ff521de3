"""CPU of each sixth-session cold-build cut against the path it replaced, in one process (not a test).

    .venv/bin/python bench/cuts_sixth.py SEEDS_DIR [--texts 400] [--repeat 5]

The per-abstract stages (keywords, then titles and TLDRs) run serially over the first ``--texts``
abstracts of SEEDS_DIR (``generator.keywords.stage.extract_plain`` and
``generator.titles.generate._title_plain``, as a pool worker runs them), and every call to the
functions a cut changed is recorded. Each recorded sequence of calls is then replayed through the
new path and through the old one (the old bodies are ``tests/test_speed_cuts.py``'s), alternating,
``--repeat`` times with the memos emptied before each replay: the medians of ``time.process_time``
are the figures of BENCHMARKS.md, "Cold build, sixth session". Both paths run in the same process
one after the other, so the machine's load moves both alike. The pool server's imports are timed
in fresh processes (``import generator.runtime.warm``, CPU of the child), with and without the
sklearn package imported first (the old path imported it).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.inputs import ingest  # noqa: E402
from generator.keywords import contexts, stage  # noqa: E402
from generator.text import nounphrases, tagger  # noqa: E402
from generator.text.clean import clean_text  # noqa: E402
from generator.titles import contribution, generate, tldr, tldr_model  # noqa: E402
from tests import test_speed_cuts as old  # noqa: E402


def record(texts: list[str]) -> dict[str, list[Any]]:
    """Run both per-abstract stages on `texts`, recording the calls the cuts changed."""
    calls: dict[str, list[Any]] = {
        k: [] for k in ("incidental", "features", "tag", "chunks", "cited", "subject")
    }
    wrap: list[tuple[Any, str, Callable[..., Any]]] = []

    def spy(module: Any, name: str, label: str, keep: Callable[..., Any]) -> None:
        real = getattr(module, name)

        def spied(*args: Any) -> Any:
            calls[label].append(keep(*args))
            return real(*args)

        wrap.append((module, name, real))
        setattr(module, name, spied)

    from generator.keywords import central
    from generator.relate import terms
    from generator.titles import names, tldr_refer

    spy(central, "incidental_tokens", "incidental", lambda tokens: list(tokens))
    spy(tldr, "sentence_features", "features", lambda sents, i: (list(sents), i))
    from generator.keywords import nounphrases as keyword_phrases

    for module in (keyword_phrases, terms, tldr_refer):
        spy(module, "chunks", "chunks", lambda sentence: sentence)
    spy(names, "cited_surnames", "cited", lambda text: text)
    spy(contribution, "_subject_name", "subject", lambda text: text)
    try:
        for text in texts:
            value = stage.extract_plain(text)
            # the keyword stage's six best candidates stand for the curated keywords
            keywords = [candidate[0] for candidate in value[0][:6]]
            generate._title_plain(json.dumps([text, keywords], ensure_ascii=False))
    finally:
        for module, name, real in reversed(wrap):
            setattr(module, name, real)
    return calls


def _forget() -> None:
    tagger.model()._sentences.clear()
    nounphrases.chunks.cache_clear()
    contexts.cited_surnames.cache_clear()
    tldr_model._sentence_words.cache_clear()


def replays(calls: dict[str, list[Any]]) -> dict[str, tuple[str, Callable[[], object], Callable[[], object]]]:
    """Per cut: (recorded calls, new path, old path) over the recorded calls."""

    return {
        "example cues by first word (incidental_tokens)": (
            "incidental",
            lambda: [contexts.incidental_tokens(t) for t in calls["incidental"]],
            lambda: [old._incidental_plain(t) for t in calls["incidental"]],
        ),
        "sentence words split once (tldr_model.sentence_features)": (
            "features",
            lambda: [tldr_model.sentence_features(s, i) for s, i in calls["features"]],
            lambda: [old._sentence_features_plain(s, i) for s, i in calls["features"]],
        ),
        "noun-phrase runs remembered (nounphrases.chunks)": (
            "chunks",
            lambda: [nounphrases.chunks(s) for s in calls["chunks"]],
            lambda: [nounphrases._chunks(s) for s in calls["chunks"]],
        ),
        "cited surnames remembered (contexts.cited_surnames)": (
            "cited",
            lambda: [contexts.cited_surnames(t) for t in calls["cited"]],
            lambda: [contexts.cited_surnames.__wrapped__(t) for t in calls["cited"]],
        ),
        "cheap test first (contribution._subject_name)": (
            "subject",
            lambda: [contribution._subject_name(t) for t in calls["subject"]],
            lambda: [old._subject_name_plain(t) for t in calls["subject"]],
        ),
    }


def import_cpu(code: str) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("seeds", type=Path)
    parser.add_argument("--texts", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    lines = ingest.read_seeds(args.seeds)[: args.texts]
    texts = [clean_text(line.text) for line in lines]
    start = time.process_time()
    calls = record(texts)
    print(f"{len(texts)} abstracts through both stages: {time.process_time() - start:.2f} s CPU")
    print({k: len(v) for k, v in calls.items()})
    print("\n| Cut | calls | old path CPU s | new path CPU s | saved s | saved per 2,000 abstracts s |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, (key, new_path, old_path) in replays(calls).items():
        times: dict[str, list[float]] = {"new": [], "old": []}
        for _ in range(args.repeat):
            for side, path in (("old", old_path), ("new", new_path)):
                _forget()
                t = time.process_time()
                path()
                times[side].append(time.process_time() - t)
        o, n = statistics.median(times["old"]), statistics.median(times["new"])
        per_2000 = (o - n) * 2000 / len(texts)
        print(f"| {label} | {len(calls[key]):,} | {o:.3f} | {n:.3f} | {o - n:.3f} | {per_2000:.2f} |")
    warm = "import generator.runtime.warm"
    with_sklearn = "import sklearn.feature_extraction.text; " + warm
    runs: dict[str, list[float]] = {"old": [], "new": []}
    for _ in range(args.repeat):
        runs["old"].append(import_cpu(with_sklearn))
        runs["new"].append(import_cpu(warm))
    o, n = statistics.median(runs["old"]), statistics.median(runs["new"])
    label = "pool server's imports and warm-up without sklearn (once a build)"
    print(f"| {label} | 1 | {o:.3f} | {n:.3f} | {o - n:.3f} | {o - n:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
