"""What the titles stage saves when it takes the keyword stage's tags (not a test).

    .venv/bin/python bench/tag_handover.py SEEDS_DIR [--texts 600] [--repeat 2]

A two-worker build extracts each abstract's keywords on one worker and computes its title on either,
so about half of the titles are computed on the worker that did not tag that abstract. This script
plays it in one process: the keyword stage's value (``extract_plain``) for every text, then the
tagger's memo of every other text's sentences forgotten (as if the other worker had tagged them),
then the titles stage's value (``_title_plain``) of every text, without and with the keyword stage's
tags handed over (``tagger.remember``, as ``with_titles`` does). Alternating, CPU seconds
(``time.process_time``); it also counts the sentences tagged (``Model._tag_tokens`` calls) and checks
the titles are the same. Used for BENCHMARKS.md, "Cold build, fifth session".
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.keywords import stage
from generator.text import tagger
from generator.titles import generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("seeds", type=Path)
    parser.add_argument("--texts", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    texts = [
        line.strip() for path in sorted(args.seeds.glob("*.txt")) for line in path.open() if line.strip()
    ][: args.texts]
    model = tagger.model()
    real = model._tag_tokens
    calls = [0]

    def counting(tokens: object, clause_pass: bool) -> tagger.Tagged:
        calls[0] += 1
        return real(tokens, clause_pass)  # type: ignore[arg-type]

    model._tag_tokens = counting  # type: ignore[method-assign]
    results: dict[str, list[float]] = {"without": [], "with": []}
    tagged: dict[str, int] = {}
    titles: dict[str, list[object]] = {}
    for _ in range(args.repeat):
        for mode in ("without", "with"):
            model._sentences.clear()
            values = [stage.extract_plain(t) for t in texts]
            assert values
            found = [stage.tags_found(t) for t in texts]
            # the other worker's half: its sentences were never tagged in this process
            for text in texts[1::2]:
                for sentence in tagger.sentences(stage.without_urls(text)):
                    model._sentences.pop((tuple(tagger.tokenize(sentence)), True), None)
            calls[0] = 0
            start = time.process_time()
            out = []
            for text, hint in zip(texts, found, strict=True):
                if mode == "with":
                    plain, tags = hint
                    tagger.remember(text if plain is None else plain, tags)  # type: ignore[arg-type]
                out.append(generate._title_plain(json.dumps([text, []])))
            results[mode].append(time.process_time() - start)
            tagged[mode] = calls[0]
            titles[mode] = out
    assert titles["with"] == titles["without"]
    for mode in ("without", "with"):
        runs = ", ".join(f"{s:.2f}" for s in results[mode])
        print(f"titles stage {mode} the handed-over tags: {runs} s CPU; {tagged[mode]} sentences tagged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
