"""How ML abstracts spell out their acronyms: the long forms each acronym is defined with in the
SciTLDR train abstracts, for the keyword stage's question whether an acronym a paper does not define
has one reading (``keywords.acronym_evidence``).

    python tools/build_acronyms.py [--scitldr ../shared/scitldr/train.jsonl]

Writes generator/keywords/data/acronyms.json.gz: acronym key -> {expansion key: abstracts defining
it so}, for every acronym defined at least once (the stage's own detector,
``keywords.grammar.acronyms_defined``). Only the train split is read (the dev split and the keyphrase
sets measure). SciTLDR is Apache-2.0 (Cachola et al., 2020); the file holds counts only.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.keywords.acronym_evidence import TABLE_PATH  # noqa: E402
from generator.keywords.grammar import acronyms_defined  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scitldr", type=Path, default=ROOT / ".." / "shared" / "scitldr" / "train.jsonl")
    args = parser.parse_args(argv)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    with args.scitldr.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                text = " ".join(json.loads(line)["source"])
                for a_key, e_key, _a, _e in acronyms_defined(text):
                    counts[a_key][e_key] += 1
    table = {a: dict(sorted(c.items())) for a, c in sorted(counts.items())}
    with gzip.open(TABLE_PATH, "wt", encoding="utf-8", compresslevel=9) as out:
        json.dump(table, out, sort_keys=True, separators=(",", ":"))
    print(f"{len(table)} acronyms, {sum(len(c) > 1 for c in table.values())} with several long forms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
