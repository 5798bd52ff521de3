"""How often ML abstracts use each word as the head of a noun phrase: evidence for the keyword heads.

    python tools/build_heads.py [--scitldr ../shared/scitldr/train.jsonl]

Writes generator/text/data/heads.json.gz: {"documents": N, "words": {word: [uses, head uses,
modifier uses]}} for every lower-case word used at least ``MIN_USES`` times in the SciTLDR train
abstracts, tagged by the project's tagger (``generator/text/tagger.py``). A *head use* is a use as the
head of a noun phrase (``generator/text/heads.head_use``: a noun or gerund after a determiner,
possessive, number, adjective, noun or preposition, ending its phrase: "the bound", "adversarial
training", "question answering."); a verb ("converge") or an adjective ("linear") has almost none,
whatever the tagger says in one sentence. A *modifier use* is a use before a noun ("feedforward
networks"): a word nearly always so used, said before "and"/"or", has its noun after the
conjunction ("sparse feedforward and recurrent networks"). Only the train split is read (dev and the
keyphrase report halves measure); SciTLDR is Apache-2.0 (Cachola et al., 2020); the file holds
counts only.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.text.heads import HEADS_PATH, head_use, modifier_use  # noqa: E402
from generator.text.tagger import tag_sentences  # noqa: E402

MIN_USES = 3


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scitldr", type=Path, default=ROOT / ".." / "shared" / "scitldr" / "train.jsonl")
    parser.add_argument("--out", type=Path, default=HEADS_PATH)
    args = parser.parse_args()
    uses: Counter[str] = Counter()
    heads: Counter[str] = Counter()
    modifiers: Counter[str] = Counter()
    documents = 0
    for line in args.scitldr.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        documents += 1
        for sentence in tag_sentences(" ".join(json.loads(line)["source"])):
            for index, (token, _tag) in enumerate(sentence):
                if not token.islower() or not any(c.isalpha() for c in token):
                    continue
                uses[token] += 1
                heads[token] += head_use(sentence, index)
                modifiers[token] += modifier_use(sentence, index)
    words = {w: [n, heads[w], modifiers[w]] for w, n in sorted(uses.items()) if n >= MIN_USES}
    data = json.dumps({"documents": documents, "words": words}, sort_keys=True, separators=(",", ":"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as handle:
        handle.write(data.encode("utf-8"))
    print(f"{documents} abstracts, {len(words)} words -> {args.out} ({args.out.stat().st_size / 1e3:.0f} KB)")


if __name__ == "__main__":
    main()
