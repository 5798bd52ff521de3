"""Keyword quality against human keyphrases: ``python -m generator.evaluation DATASET_DIR``.

Only one half of each dataset is measured (``--half``, by default ``report``: the documents
``splits.keyphrase_split`` puts there; the ``tune`` half is what the rules were tuned on), and a
second table sets the F1@10 and the filler rate (``filler_rate``: the written rules) beside those of
the keyword stage before issue 20 (``BEFORE``, commit f8e2cd2, measured by tools/keyphrase_halves.py).

DATASET_DIR holds keyphrase datasets, each either a zip or an unpacked folder laid out as
``NAME/docsutf8/*.txt`` (one document a file) and ``NAME/keys/*.key`` (one human keyphrase a line).
Zips are read in place, never unpacked. For each dataset the command prints precision, recall and
F1 at 10 for raw YAKE (``n=3, top=10``, its other arguments at their defaults) and for this
project's keyword stage (``generator.keywords.stage.with_keywords`` over the whole dataset, as if it were
one catalogue), with the CPU time each took: the two take turns document by document, and the
median of ``--repeat`` runs counts.

Matching is exact after lower-casing and Porter stemming every word (nltk's PorterStemmer), as in
the keyphrase literature. Per document: P = matched predictions / predictions (at most 10),
R = matched human keyphrases / human keyphrases, F1 = 2PR / (P + R); the table gives the mean over
documents (macro average). A document without human keyphrases is skipped. Because a system that
predicts fewer than 10 keywords gains precision under that definition, the last two columns also
give F1 with P = matched predictions / 10 (an empty slot counts as a miss).
"""

from __future__ import annotations

import argparse
import logging
import re
import statistics
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath

from nltk.stem.porter import PorterStemmer

from generator.evaluation.splits import REPORT, TUNE, keyphrase_split
from generator.keywords import filler
from generator.keywords.stage import Candidates, curate, extract, raw_yake
from generator.models import Paper, Source
from generator.text.forms import phrase_key

log = logging.getLogger(__name__)

AT = 10
# Today's keyword stage before issue 20 (commit f8e2cd2) on each half: F1@10, and filler by the same
# rules (``filler_rate``). Reproduce: `python tools/keyphrase_halves.py ../shared/keyphrase` run with
# PYTHONPATH set to a worktree of f8e2cd2 (EVALUATION.md, "Keywords from noun phrases").
BEFORE: dict[tuple[str, str], tuple[float, float]] = {
    ("SemEval2017", TUNE): (0.293, 0.136),
    ("SemEval2017", REPORT): (0.270, 0.135),
    ("kdd", TUNE): (0.150, 0.118),
    ("kdd", REPORT): (0.131, 0.119),
    ("www", TUNE): (0.133, 0.122),
    ("www", REPORT): (0.132, 0.133),
}
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STEMMER = PorterStemmer()


@dataclass(frozen=True)
class Document:
    name: str
    text: str
    keys: tuple[str, ...]


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    seconds: float
    per_doc: float  # mean number of keywords predicted per document
    f1_fixed: float = 0.0  # F1 with precision counted over all 10 slots, empty ones as misses


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _STEMMER.stem(word)


def stemmed(phrase: str) -> str:
    """Lower-cased, Porter-stemmed words joined by single spaces: the form two phrases match in."""
    return " ".join(_stem(w) for w in _WORD.findall(phrase.lower()))


def load(path: Path) -> tuple[Document, ...]:
    """Documents with their human keyphrases, from a dataset zip or folder, sorted by name."""
    files: dict[PurePosixPath, bytes] = {}
    if path.is_dir():
        for file in path.rglob("*"):
            if file.suffix in (".txt", ".key") and file.is_file():
                files[PurePosixPath(file.relative_to(path).as_posix())] = file.read_bytes()
    else:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                name = PurePosixPath(info.filename)
                if name.suffix in (".txt", ".key") and not info.is_dir():
                    files[name] = archive.read(info)
    texts = {p.stem: data for p, data in files.items() if p.parent.name == "docsutf8" and p.suffix == ".txt"}
    keys = {p.stem: data for p, data in files.items() if p.parent.name == "keys" and p.suffix == ".key"}
    docs = []
    for name in sorted(texts.keys() & keys.keys()):
        text = " ".join(texts[name].decode("utf-8", errors="replace").split())
        phrases = tuple(k.strip() for k in keys[name].decode("utf-8", errors="replace").splitlines())
        docs.append(Document(name, text, tuple(k for k in phrases if k)))
    return tuple(docs)


def score(docs: Iterable[Document], predictions: Iterable[tuple[str, ...]], seconds: float) -> Score:
    ps: list[float] = []
    rs: list[float] = []
    fs: list[float] = []
    fixed: list[float] = []
    counts: list[int] = []
    for doc, predicted in zip(docs, predictions, strict=True):
        gold = {stemmed(k) for k in doc.keys} - {""}
        if not gold:
            continue
        top = [stemmed(k) for k in predicted[:AT]]
        counts.append(len(top))
        hits = len(set(top) & gold)
        p = hits / len(top) if top else 0.0
        r = hits / len(gold)
        ps.append(p)
        rs.append(r)
        fs.append(2 * p * r / (p + r) if p + r else 0.0)
        p10 = hits / AT
        fixed.append(2 * p10 * r / (p10 + r) if p10 + r else 0.0)
    n = len(fs) or 1
    return Score(
        sum(ps) / n, sum(rs) / n, sum(fs) / n, seconds, sum(counts) / (len(counts) or 1), sum(fixed) / n
    )


def _papers(docs: tuple[Document, ...]) -> tuple[Paper, ...]:
    return tuple(Paper(id=f"{i:010x}", text=d.text, sources=(Source(d.name, 1),)) for i, d in enumerate(docs))


def _both_timed(
    docs: tuple[Document, ...],
) -> tuple[list[tuple[str, ...]], float, list[tuple[str, ...]], float]:
    """Raw YAKE and the keyword stage on every document, with the CPU time of each.

    The stage is ``with_keywords``: ``extract`` per document, then ``curate`` over all of them. The two
    systems take turns document by document (in alternating order), so that a change of load on a
    shared machine falls on both alike.
    """
    raw: list[tuple[str, ...]] = []
    found: list[Candidates] = []
    raw_seconds = our_seconds = 0.0
    for i, doc in enumerate(docs):
        turns = ("raw", "ours") if i % 2 == 0 else ("ours", "raw")
        for turn in turns:
            start = time.process_time()
            if turn == "raw":
                raw.append(raw_yake(doc.text))
                raw_seconds += time.process_time() - start
            else:
                found.append(extract(doc.text))
                our_seconds += time.process_time() - start
    papers = _papers(docs)
    start = time.process_time()
    curated = curate(papers, found)
    our_seconds += time.process_time() - start
    return raw, raw_seconds, list(curated), our_seconds


def filler_rate(papers: Iterable[Paper]) -> tuple[int, int]:
    """(filler, keywords) by the written rules: ``filler.kind`` (generic, leftover), near-repeats
    (``filler.near_repeats``) and a single word repeated inside another keyword of the paper; a
    keyword the paper defines an acronym for is a term. The reader-facing figures count the same way."""
    papers = list(papers)
    carriers = Counter(k for p in papers for k in {phrase_key(kw) for kw in p.keywords})
    bad = total = 0
    for paper in papers:
        defined = dict(paper.acronyms)
        keys = [phrase_key(kw) for kw in paper.keywords]
        for kw, key in zip(paper.keywords, keys, strict=True):
            total += 1
            inside = " " not in key and any(
                key in other.replace("-", " ").split() for other in keys if other != key
            )
            bad += kw not in defined and (bool(filler.kind(kw, shared=carriers[key] > 1)) or inside)
        bad += filler.near_repeats(keys)
    return bad, total


def evaluate(path: Path, repeat: int = 3, half: str = REPORT) -> tuple[Score, Score, int, tuple[int, int]]:
    """Both systems on one half of a dataset (``splits.keyphrase_split``; "all" for every document);
    each system's median CPU time over ``repeat`` runs counts. Also the stage's filler count."""
    docs = tuple(d for d in load(path) if half == "all" or keyphrase_split(path.stem, d.name) == half)
    raw_times: list[float] = []
    our_times: list[float] = []
    for _ in range(max(1, repeat)):
        raw, raw_seconds, papers, our_seconds = _both_timed(docs)
        raw_times.append(raw_seconds)
        our_times.append(our_seconds)
    return (
        score(docs, raw, statistics.median(raw_times)),
        score(docs, [p.keywords for p in papers], statistics.median(our_times)),
        len(docs),
        filler_rate(papers),
    )


def datasets(folder: Path) -> list[tuple[str, Path]]:
    found: dict[str, Path] = {}
    for entry in sorted(folder.iterdir()):
        if entry.suffix == ".zip":
            found.setdefault(entry.stem, entry)
        elif (entry.is_dir() and (entry / "docsutf8").is_dir()) or (
            entry.is_dir() and (entry / entry.name / "docsutf8").is_dir()
        ):
            found.setdefault(entry.name, entry)
    return sorted(found.items())


ROOT = Path(__file__).resolve().parents[2]


def reader_figures(seeds: Path, groups: Path | None) -> str:
    """The reader-facing figures (generator/evaluation/reader.py) of the catalogue built from ``seeds``."""
    from generator.evaluation import reader
    from generator.inputs import ingest
    from generator.pipeline import catalogue_from

    catalogue = catalogue_from(
        ingest.read_seeds(seeds), ingest.read_metadata(seeds), None, ingest.read_id_lock(seeds)
    )
    found = reader.read_groups(groups) if groups and groups.is_file() else {}
    return reader.table(reader.figures(catalogue, found))


def titles_figures(folder: Path, before: Path | None, split: str = "dev") -> str:
    from generator.evaluation import titles

    return titles.main(folder, before, split)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.evaluation", description=__doc__.split("\n")[0]
    )
    parser.add_argument("dataset_dir", type=Path, help="folder of keyphrase datasets (zips or folders)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per system; the median counts")
    parser.add_argument(
        "--seeds",
        type=Path,
        default=ROOT / "tests" / "data" / "seeds",
        help="seed folder for the reader-facing figures (default: the frozen copy tests/data/seeds)",
    )
    parser.add_argument(
        "--groups",
        type=Path,
        default=ROOT / "tests" / "data" / "reader-groups.json",
        help="papers a reader expects in one topic (JSON: name -> ids)",
    )
    parser.add_argument("--reader-only", action="store_true", help="only the reader-facing figures")
    parser.add_argument(
        "--scitldr",
        type=Path,
        default=None,
        help="SciTLDR folder (train.jsonl, dev.jsonl) for the titles, TLDR, related-papers and topic "
        "figures (default: scitldr/ beside the keyphrase folder); skipped when missing",
    )
    parser.add_argument(
        "--split",
        default="dev",
        help="SciTLDR split measured (SPLIT.jsonl in the SciTLDR folder; default dev: train tunes the "
        "models, so train is in-sample; a held-back test.jsonl of the same form is measured the same way)",
    )
    parser.add_argument(
        "--titles-before", type=Path, help="figures of an older commit (tools/eval_titles_at.py) to compare"
    )
    parser.add_argument("--titles-only", action="store_true", help="only the titles and TLDR figures")
    parser.add_argument(
        "--relating-only", action="store_true", help="only the related-papers and topic figures"
    )
    parser.add_argument(
        "--half", default=REPORT, choices=(REPORT, TUNE, "all"), help="which half of each keyphrase set"
    )
    args = parser.parse_args(argv)
    from generator.cli import configure_logging  # the command line's stderr lines

    configure_logging()
    scitldr_dir = args.scitldr or args.dataset_dir.parent / "scitldr"
    if args.split == "train" or args.half == TUNE:
        log.warning("warning: the models were tuned on SciTLDR train and the tune halves: in-sample figures")
    if args.titles_only:
        print(titles_figures(scitldr_dir, args.titles_before, args.split))
        return 0
    if args.relating_only:
        print(relating_figures(args.dataset_dir, scitldr_dir, args.split, args.half))
        return 0
    if args.reader_only:
        print(f"Reader-facing figures on {args.seeds}:\n")
        print(reader_figures(args.seeds, args.groups))
        return 0
    if not args.dataset_dir.is_dir():
        log.error("error: %s: not a folder", args.dataset_dir)
        return 2
    found = datasets(args.dataset_dir)
    if not found:
        log.error("error: %s: no dataset (NAME.zip or NAME/docsutf8/)", args.dataset_dir)
        return 2
    print(f"Keyphrase sets, {args.half} half (generator/evaluation/splits.py):\n")
    print(
        "| Dataset | Docs | Raw YAKE P@10 | R@10 | F1@10 | Ours P@10 | R@10 | F1@10 | F1 gain "
        "| Raw YAKE CPU s | Ours CPU s | Time ratio | Ours kw/doc | Raw F1 (P/10) | Ours F1 (P/10) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    summary = []
    for name, path in found:
        raw, ours, n, (bad, total) = evaluate(path, args.repeat, args.half)
        gain = (ours.f1 / raw.f1 - 1) * 100 if raw.f1 else float("nan")
        ratio = ours.seconds / raw.seconds if raw.seconds else float("nan")
        print(
            f"| {name} | {n} | {raw.precision:.3f} | {raw.recall:.3f} | {raw.f1:.3f} "
            f"| {ours.precision:.3f} | {ours.recall:.3f} | {ours.f1:.3f} | {gain:+.0f}% "
            f"| {raw.seconds:.1f} | {ours.seconds:.1f} | {ratio:.2f} | {ours.per_doc:.1f} "
            f"| {raw.f1_fixed:.3f} | {ours.f1_fixed:.3f} |",
            flush=True,
        )
        summary.append((name, ours.f1, bad, total))
    print("\n| Dataset | Half | F1@10 before (f8e2cd2) | F1@10 now | Relative | Filler before | Filler now |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for name, f1, bad, total in summary:
        before, filler_before = BEFORE.get((name, args.half), (float("nan"), float("nan")))
        print(
            f"| {name} | {args.half} | {before:.3f} | {f1:.3f} | {(f1 / before - 1) * 100:+.1f}% "
            f"| {filler_before:.1%} | {bad / max(total, 1):.1%} ({bad} of {total}) |"
        )
    print(f"\nReader-facing figures on {args.seeds}:\n")
    print(reader_figures(args.seeds, args.groups))
    if (scitldr_dir / f"{args.split}.jsonl").is_file():
        print()
        print(titles_figures(scitldr_dir, args.titles_before, args.split))
    print()
    print(relating_figures(args.dataset_dir, scitldr_dir, args.split, args.half))
    return 0


def relating_figures(keyphrase_dir: Path, scitldr_dir: Path, split: str = "dev", half: str = REPORT) -> str:
    """Related papers and topics on the held-out sets (generator/evaluation/relating.py)."""
    from generator.evaluation import relating

    table = relating.report(keyphrase_dir, scitldr_dir, split, half)
    return f"Related papers and topics (SciTLDR {split}, keyphrase sets' {half} half):\n\n" + table


if __name__ == "__main__":
    sys.exit(main())
