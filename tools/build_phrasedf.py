"""Phrase statistics over the SciTLDR train abstracts: how generic a phrase is in ML writing, which
words are names, which words live inside a fixed expression.

    python tools/build_phrasedf.py [--scitldr ../shared/scitldr/train.jsonl]

Writes generator/keywords/data/phrasedf.json.gz:

- ``"df"``: for every run of two or three tokens (the keyword stage's tokeniser, lower case) in at least
  ``MIN_DOCS`` abstracts, how many abstracts use it ("training set", "design choices", "from scratch",
  "de novo");
- ``"repeats"``: for every word (as a keyword key: lower case, singular, no hyphen) in at least
  ``MIN_REPEAT_DOCS`` abstracts, how many abstracts use it and how many of those say it twice or
  more: a word of a topic comes back within its abstract ("graph": 86 of 135), a word of the
  writing does not ("in-depth": 0 of 7, "mathematical": 0 of 20);
- ``"names"``: words the abstracts write with a capital inside a sentence at least ``NAME_RATIO`` times as
  often as in lower case (in documents), with their commonest capitalised form ("Markov", "Q-learning",
  "Reddit", "Fréchet").

Only the train split is read (the dev split and the keyphrase sets measure). SciTLDR is Apache-2.0
(Cachola et al., 2020); the file holds counts only.
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

from generator.keywords.corpus import PHRASEDF_PATH  # noqa: E402
from generator.keywords.grammar import TOKEN  # noqa: E402
from generator.text.forms import phrase_key  # noqa: E402

MIN_DOCS = 3
MIN_REPEAT_DOCS = 5
NAME_RATIO = 3
_SENTENCE_END = frozenset({".", "?", "!", ":", ";", "(", "[", '"', "\u201c"})


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scitldr", type=Path, default=ROOT / ".." / "shared" / "scitldr" / "train.jsonl")
    parser.add_argument("--out", type=Path, default=PHRASEDF_PATH)
    args = parser.parse_args()
    grams: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    documents = 0
    used: Counter[str] = Counter()
    repeated: Counter[str] = Counter()
    for line in args.scitldr.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        documents += 1
        seen: set[str] = set()
        low_seen: set[str] = set()
        cap_seen: set[str] = set()
        counts: Counter[str] = Counter()
        for sentence in json.loads(line)["source"]:
            tokens = TOKEN.findall(sentence)
            lowered = [t.lower() for t in tokens]
            counts.update(phrase_key(w) for w in lowered if w[:1].isalpha())
            for n in (2, 3):
                seen.update(" ".join(lowered[i : i + n]) for i in range(len(lowered) - n + 1))
            for i, token in enumerate(tokens):
                if not token[:1].isalpha():
                    continue
                if token.islower():
                    low_seen.add(token)
                elif (
                    i > 0
                    and tokens[i - 1] not in _SENTENCE_END
                    and token[:1].isupper()
                    and token[1:].islower()
                ):
                    cap_seen.add(token.lower())
                    forms[token.lower()][token] += 1
        grams.update(seen)
        used.update(counts.keys())
        repeated.update(w for w, n in counts.items() if n >= 2)
        lower.update(low_seen)
        capital.update(cap_seen)
    df = {g: n for g, n in sorted(grams.items()) if n >= MIN_DOCS}
    names = {
        w: min(forms[w], key=lambda f: (-forms[w][f], f))
        for w, n in sorted(capital.items())
        if n >= MIN_DOCS and n >= NAME_RATIO * lower[w]
    }
    repeats = {w: [n, repeated[w]] for w, n in sorted(used.items()) if n >= MIN_REPEAT_DOCS}
    data = json.dumps(
        {"documents": documents, "df": df, "names": names, "repeats": repeats},
        sort_keys=True,
        separators=(",", ":"),
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as handle:
        handle.write(data.encode("utf-8"))
    print(f"{documents} abstracts, {len(df)} phrases, {len(names)} names -> {args.out}")


if __name__ == "__main__":
    main()
