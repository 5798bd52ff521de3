"""F1@10 and filler of the keyword stage on each keyphrase set's tune and report halves, for any version.

    python tools/keyphrase_halves.py ../shared/keyphrase [--half report] [--threshold 0.15]

Runs whichever ``generator`` package is first on the path, so the figures of an older commit come
from a worktree of it: `PYTHONPATH=/path/to/worktree python tools/keyphrase_halves.py ...` (the
"before" column of `make eval`, ``generator/evaluation/keyphrases.py``'s BEFORE, was made so from
f8e2cd2). The halves and the filler rules are those of ``generator/evaluation``, written out here so
that code from before they existed can be measured.
"""

from __future__ import annotations

import argparse
import hashlib
from collections import Counter
from pathlib import Path

try:  # after issue 19
    from generator.evaluation.keyphrases import _papers, load, score
    from generator.keywords import filler
    from generator.keywords.stage import with_keywords
    from generator.text.forms import phrase_key
except ImportError:  # f8e2cd2
    from generator.evaluate import _papers, load, score  # type: ignore[no-redef]
    from generator.phrases import phrase_key  # type: ignore[no-redef]

    from generator import filler  # type: ignore[no-redef]
    from generator.keywords import with_keywords  # type: ignore[no-redef]


def half_of(dataset: str, doc_id: str) -> str:
    digest = hashlib.sha1(f"{dataset}/{doc_id}".encode()).hexdigest()
    return "tune" if int(digest, 16) % 2 == 0 else "report"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", type=Path)
    parser.add_argument("--half", nargs="+", default=["tune", "report"])
    parser.add_argument(
        "--threshold", type=float, help="the keyphraseness probability threshold instead of the model's"
    )
    args = parser.parse_args()
    if args.threshold is not None:
        from generator.keywords import central, curate

        key = curate.choice_key()
        central.threshold = lambda: args.threshold  # type: ignore[method-assign,assignment]
        curate.choice_key = lambda: f"{key}/{args.threshold}"  # type: ignore[method-assign,assignment]
    for name in ("SemEval2017", "kdd", "www"):
        docs = load(args.folder / f"{name}.zip")
        for half in args.half:
            part = tuple(d for d in docs if half_of(name, d.name) == half)
            papers = with_keywords(_papers(part))
            result = score(part, [p.keywords for p in papers], 0.0)
            carriers = Counter(k for p in papers for k in {phrase_key(kw) for kw in p.keywords})
            bad = total = 0
            for paper in papers:
                defined = dict(paper.acronyms)
                keys = [phrase_key(kw) for kw in paper.keywords]
                for kw, key in zip(paper.keywords, keys, strict=True):
                    total += 1
                    words = [o.replace("-", " ").split() for o in keys if o != key]
                    inside = " " not in key and any(key in w for w in words)
                    bad += kw not in defined and (bool(filler.kind(kw, shared=carriers[key] > 1)) or inside)
                bad += filler.near_repeats(keys)
            print(
                f"{name} {half}: docs {len(part)}, F1@10 {result.f1:.3f} (P {result.precision:.3f}, "
                f"R {result.recall:.3f}, {result.per_doc:.1f} a doc), filler {bad / max(total, 1):.1%} "
                f"({bad} of {total})",
                flush=True,
            )


if __name__ == "__main__":
    main()
