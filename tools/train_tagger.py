"""Train the part-of-speech tagger of generator/text/tagger.py and measure it.

    python tools/train_tagger.py --ewt DIR --gum DIR            # train, write the model, evaluate
    python tools/train_tagger.py --ewt DIR --gum DIR --evaluate # evaluate the shipped model only

DIR is a git directory (a clone or mirror) of UniversalDependencies/UD_English-EWT or -GUM; files are
read with `git show HEAD:path`, so a bare mirror will do. Training data: every per-document file under
not-to-release/sources/ that the file lists under not-to-release/file-lists/ do not put in dev or
test (the large *-train.conllu files may be absent from snapshots). Tags: the XPOS column (Penn
Treebank). Hyphenated words are merged into one token, tagged as the span's syntactic head.

Deterministic: a fixed shuffling seed and sorted iteration. Output: gzipped JSON (never pickle),
weights pruned below PRUNE and rounded, next to its attribution (data/README.md).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.text import tagger, tagger_features  # noqa: E402

Sentence = list[tuple[str, str]]
SEED = 20
ITERATIONS = 6
PRUNE = 0.8  # averaged weights smaller than this (in updates) are dropped
TAGDICT_MIN, TAGDICT_SHARE = 20, 0.97
LEXICON_MIN = 3


def git_show(repo: Path, path: str) -> str:
    return subprocess.run(
        ["git", "--git-dir", str(repo), "show", f"HEAD:{path}"], capture_output=True, check=True, text=True
    ).stdout


def git_files(repo: Path, under: str) -> list[str]:
    out = subprocess.run(
        ["git", "--git-dir", str(repo), "ls-tree", "-r", "--name-only", "HEAD", under],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    return sorted(line for line in out.splitlines() if line.endswith(".conllu"))


def parse_conllu(text: str) -> list[Sentence]:
    """Sentences of (form, XPOS), hyphenated words merged and tagged as the span's head."""
    sentences: list[Sentence] = []
    rows: list[list[str]] = []
    for line in [*text.splitlines(), ""]:
        if not line.strip():
            if rows:
                sentences.append(_merge_hyphens(rows))
                rows = []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue  # multiword token ranges and empty nodes: the words themselves follow
        rows.append(cols)
    return sentences


def _merge_hyphens(rows: list[list[str]]) -> Sentence:
    out: Sentence = []
    i = 0
    while i < len(rows):
        j = i
        # a run a-b-c written without spaces: word HYPH word ...
        while (
            j + 2 < len(rows)
            and rows[j + 1][4] == "HYPH"
            and "SpaceAfter=No" in rows[j][9]
            and "SpaceAfter=No" in rows[j + 1][9]
            and rows[j][1][-1:].isalnum()
            and rows[j + 2][1][:1].isalnum()
        ):
            j += 2
        if j == i:
            out.append((rows[i][1], rows[i][4]))
        else:
            span = rows[i : j + 1]
            ids = {r[0] for r in span}
            heads = [r for r in span if r[6] not in ids and r[4] != "HYPH"]
            head = heads[-1] if heads else span[-1]
            out.append(("".join(r[1] for r in span), head[4]))
        i = j + 1
    return out


def load_split(repo: Path, split: str) -> list[Sentence]:
    name = "ewt" if "EWT" in str(repo) else "gum"
    return parse_conllu(git_show(repo, f"en_{name}-ud-{split}.conllu"))


def load_train(repo: Path) -> list[Sentence]:
    held_out: set[str] = set()
    for split in ("dev", "test"):
        for line in git_show(repo, f"not-to-release/file-lists/files.{split}").split():
            held_out.add(Path(line.strip()).name.removesuffix(".conllu").removesuffix(".xml"))
    sentences: list[Sentence] = []
    for path in git_files(repo, "not-to-release/sources/"):
        doc = Path(path).name.removesuffix(".conllu").removesuffix(".xml")
        if doc not in held_out:
            sentences.extend(parse_conllu(git_show(repo, path)))
    return sentences


def build_lexicons(sentences: list[Sentence]) -> tuple[dict[str, str], dict[str, str]]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for sentence in sentences:
        for word, tag in sentence:
            counts[tagger.normalize(word)][tag] += 1
    tagdict, lexicon = {}, {}
    for word in sorted(counts):
        tag, n = max(sorted(counts[word].items()), key=lambda item: item[1])
        total = sum(counts[word].values())
        if total >= LEXICON_MIN:
            lexicon[word] = tag
        if total >= TAGDICT_MIN and n / total >= TAGDICT_SHARE:
            tagdict[word] = tag
    return tagdict, lexicon


def train(sentences: list[Sentence]) -> tagger.Model:
    tagdict, lexicon = build_lexicons(sentences)
    weights: dict[str, dict[str, float]] = defaultdict(dict)
    totals: dict[tuple[str, str], float] = defaultdict(float)
    stamps: dict[tuple[str, str], int] = defaultdict(int)

    def scores_of(feats: list[str]) -> dict[str, float]:
        totals: dict[str, float] = {}
        for feat in feats:
            for tag, weight in weights.get(feat, {}).items():
                totals[tag] = totals.get(tag, 0.0) + weight
        return totals

    clock = 0
    rng = random.Random(SEED)
    order = list(sentences)
    for iteration in range(ITERATIONS):
        correct = total = 0
        for sentence in order:
            tokens = [w for w, _ in sentence]
            words = [*tagger.START, *(tagger.normalize(t) for t in tokens), *tagger.END]
            prev, prev2 = tagger.START
            for index, (_, gold) in enumerate(sentence):
                guess = tagdict.get(words[index + 2])
                if guess is None:
                    feats = tagger_features.features(index, words, tokens, prev, prev2, lexicon)
                    scores = scores_of(feats)
                    guess = max(sorted(scores), key=scores.__getitem__) if scores else "NN"
                    clock += 1
                    if guess != gold:
                        for feat in feats:
                            row = weights[feat]
                            for tag, delta in ((gold, 1.0), (guess, -1.0)):
                                key = (feat, tag)
                                value = row.get(tag, 0.0)
                                totals[key] += (clock - stamps[key]) * value
                                stamps[key] = clock
                                row[tag] = value + delta
                correct += guess == gold
                total += 1
                prev2, prev = prev, guess
        rng.shuffle(order)
        print(f"iteration {iteration + 1}: {correct / total:.4f} on training", file=sys.stderr)
    averaged: dict[str, dict[str, int]] = {}
    for feat in sorted(weights):
        row = {}
        for tag in sorted(weights[feat]):
            key = (feat, tag)
            value = weights[feat][tag]
            mean = (totals[key] + (clock - stamps[key]) * value) / clock
            # Stored in units of one update per 100 instances, rounded to whole numbers.
            scaled = round(mean * 100, 0)
            if abs(scaled) >= PRUNE:
                row[tag] = int(scaled)
        if row:
            averaged[feat] = row
    return tagger.Model.from_weights(averaged, tagdict, lexicon)


def write(model: tagger.Model, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(model.to_json(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as handle:
        handle.write(text.encode("utf-8"))


def evaluate(model: tagger.Model, sentences: list[Sentence], clause_pass: bool = True) -> dict[str, float]:
    """Accuracy, and the noun/verb choice after a noun: finite verbs found, plural nouns kept."""
    correct = total = 0
    verbs = verbs_found = plurals = plurals_kept = 0
    for sentence in sentences:
        tokens = [w for w, _ in sentence]
        guessed = model.tag_tokens(tokens, clause_pass=clause_pass)
        for index, ((_, gold), (_, guess)) in enumerate(zip(sentence, guessed, strict=True)):
            correct += gold == guess
            total += 1
            if index and sentence[index - 1][1] in tagger.NOUNS:
                if gold in {"VBZ", "VBP"}:
                    verbs += 1
                    verbs_found += guess == gold
                elif gold in {"NNS", "NN"}:
                    plurals += 1
                    plurals_kept += guess == gold
    return {
        "accuracy": correct / total,
        "tokens": total,
        "verb_after_noun": verbs_found / max(verbs, 1),
        "verbs": verbs,
        "noun_after_noun": plurals_kept / max(plurals, 1),
        "nouns": plurals,
    }


def cost(model: tagger.Model, abstracts: list[str]) -> tuple[float, float]:
    """Median and mean milliseconds to tag one abstract (tokenising included)."""
    times = []
    for text in abstracts:
        start = time.perf_counter()
        for sentence in tagger.sentences(text):
            model.tag_tokens(tagger.tokenize(sentence))
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), statistics.fmean(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--ewt", type=Path, required=True)
    parser.add_argument("--gum", type=Path, required=True)
    parser.add_argument("--scitldr", type=Path, default=ROOT / ".." / "shared" / "scitldr" / "train.jsonl")
    parser.add_argument("--out", type=Path, default=tagger.MODEL_PATH)
    parser.add_argument("--evaluate", action="store_true", help="measure the shipped model only")
    parser.add_argument("--split", default="test", choices=("dev", "test"))
    args = parser.parse_args()
    if args.evaluate:
        start = time.perf_counter()
        model = tagger.Model.load(args.out)
        print(f"model load: {time.perf_counter() - start:.2f} s", file=sys.stderr)
    else:
        sentences = load_train(args.ewt) + load_train(args.gum)
        print(f"training on {len(sentences)} sentences", file=sys.stderr)
        start = time.perf_counter()
        model = train(sentences)
        print(f"trained in {time.perf_counter() - start:.0f} s", file=sys.stderr)
        write(model, args.out)
        print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)", file=sys.stderr)
    for name, repo in (("EWT", args.ewt), ("GUM", args.gum)):
        sentences = load_split(repo, args.split)
        for clause_pass in (False, True):
            result = evaluate(model, sentences, clause_pass=clause_pass)
            print(
                f"{name} {args.split} (clause pass {'on' if clause_pass else 'off'}): "
                f"accuracy {result['accuracy']:.2%} of {result['tokens']} tokens; after a noun: "
                f"{result['verb_after_noun']:.1%} of {result['verbs']} VBZ/VBP found, "
                f"{result['noun_after_noun']:.1%} of {result['nouns']} NN/NNS kept"
            )
    if args.scitldr.exists():
        abstracts = [
            " ".join(json.loads(line)["source"])
            for line in args.scitldr.read_text(encoding="utf-8").splitlines()[:500]
        ]
        median, mean = cost(model, abstracts)
        words = statistics.fmean(len(tagger.tokenize(a)) for a in abstracts)
        print(
            f"cost: {median:.1f} ms median, {mean:.1f} ms mean per abstract "
            f"({words:.0f} tokens; 500 SciTLDR train abstracts)"
        )


if __name__ == "__main__":
    main()
