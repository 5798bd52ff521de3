"""Which nouns ML abstracts use inside a multi-word preposition ("in spite of", "in terms of", "with
respect to"): a title span may not open on one.

    python tools/build_fixed_prepositions.py [--scitldr ../shared/scitldr/train.jsonl]

Writes generator/titles/data/fixed_prepositions.json: {"documents": N, "words": {word: [noun uses,
frame uses]}} for every lower-case word the project's tagger (``generator/text/tagger.py``) tags a
common noun in the SciTLDR train abstracts, at least ``MIN_FRAMES`` times in the *frame* of a fixed
preposition: right after a preposition (no determiner or modifier between) and right before a
preposition or "to" ("in *spite* of", "by *means* of", "with *respect* to"). A noun that stands in
that frame in most of its uses is a piece of a preposition, not a phrase's head ("spite": always;
"estimation": "the estimation of", rarely). Only the train split is read; the file holds counts only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.text.tagger import tag_sentences  # noqa: E402
from generator.titles.span_complete import FIXED_PATH, fixed_frame  # noqa: E402

MIN_FRAMES = 3


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scitldr", type=Path, default=ROOT / ".." / "shared" / "scitldr" / "train.jsonl")
    parser.add_argument("--out", type=Path, default=FIXED_PATH)
    args = parser.parse_args()
    uses: Counter[str] = Counter()
    frames: Counter[str] = Counter()
    documents = 0
    for line in args.scitldr.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        documents += 1
        for sentence in tag_sentences(" ".join(json.loads(line)["source"])):
            for index, (token, tag) in enumerate(sentence):
                if tag not in {"NN", "NNS"} or not token.isalpha() or not token.islower():
                    continue
                uses[token] += 1
                frames[token] += fixed_frame(sentence, index)
    words = {w: [uses[w], n] for w, n in sorted(frames.items()) if n >= MIN_FRAMES}
    data = json.dumps({"documents": documents, "words": words}, sort_keys=True, indent=0)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(data + "\n", encoding="utf-8")
    print(f"{documents} abstracts, {len(words)} words -> {args.out}")


if __name__ == "__main__":
    main()
