"""Write the samples a blind reader rates (issues 20 and 22): keywords, related links, titles, TLDRs.

    .venv/bin/python tools/blind_sample.py OUTDIR [--scitldr ../shared/scitldr/dev.jsonl]
        [--n-keywords 30 --n-related 20 --n-titles 60 --n-tldr 30]

Every abstract of the held-out SciTLDR dev split becomes one seed line of a catalogue built in-process
by the generator's code as it stands (``pipeline.catalogue_from``: the pure stages, no seeds/, no disk
cache), so related papers have neighbours. From that catalogue the tool writes, into OUTDIR:

- ``keywords.md``: papers' abstracts and their keywords, each to rate good / acceptable / filler-or-wrong;
- ``related.md``: papers' abstracts and, for each related paper, its title, the first two sentences
  of its abstract and the reason the site shows, each to rate relevant / weak / wrong;
- ``titles.md``: abstracts and generated titles (never the real title), to rate recognisable /
  acceptable / broken;
- ``tldr.md``: abstracts and one-line summaries (``Paper.tldr``; when the code has none, what the
  site shows of a paper in a summary today, said at the top of the file), to rate
  says-what-the-paper-does / vague / wrong;
- ``key.json``: for the lead, never the reader: the SciTLDR ids and real titles behind every item
  (with what was shown, the link scores and the gold TLDRs);
- ``run.json``: the generator's commit and the run time (the other files are the same from run to
  run of the same code).

The papers of each file are drawn by hashing the SciTLDR ``paper_id`` with a fixed seed and the
file's name, never by anything the generator computes: a run on later code rates the same papers in
the same order, so before and after compare item by item. The reader's files name no version.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# This checkout's code, whatever virtualenv runs the script: an editable install points `generator`
# at the checkout it was installed from, so without this a dump made in an old version's worktree
# with another checkout's virtualenv would mix the two (the pool's workers import from here, the
# parent from there).
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.models import Catalogue, Paper, Related, SeedLine, Source  # noqa: E402
from generator.pipeline import catalogue_from  # noqa: E402
from generator.runtime import parallel  # noqa: E402
from generator.site.feeds import excerpt  # noqa: E402

log = logging.getLogger("blind_sample")

SEED = "blind-sample-v1"
SEED_FILE = "scitldr-dev.txt"  # the name the abstracts' seed lines carry
RELATED_SENTENCES = 2  # sentences of a related paper's abstract shown beside its title
SUMMARY_CHARS = 300  # the abstract opening shown when the code has no TLDR (site/feeds.py SUMMARY_SIZE)

HEADER_COMMON = (
    "Read this file as plain text. Judge each item from the abstract only, as a reader of a catalogue "
    "site would: do not look anything up. Write one rating on each `Rating:` line (the words given "
    "below, nothing else); add a short note after it when an item is wrong or broken, if you like."
)

INSTRUCTIONS = {
    "keywords": (
        "Keywords",
        "Each paper's abstract is followed by the keywords the site shows for it, numbered. Rate "
        "every keyword:\n\n"
        "- **good**: a term a researcher would tag this paper with (its method, task, data, field);\n"
        "- **acceptable**: on topic but too broad, too narrow or oddly cut, still of some use;\n"
        '- **filler-or-wrong**: a generic phrase ("proposed method", "experimental results", '
        '"paper"), a fragment, a repeat of another keyword, or not what the paper is about.\n\n'
        "Each keyword's line ends in `Rating:`: write good, acceptable or filler-or-wrong after it.",
    ),
    "related": (
        "Related papers",
        "Each paper's abstract is followed by the papers the site lists as related to it: the related "
        "paper's title, the opening of its abstract and the reason the site gives. Rate every link:\n\n"
        "- **relevant**: a reader of the first paper would want to see this one (same problem, method "
        "or data);\n"
        "- **weak**: the same broad field, or a loose link of little use;\n"
        "- **wrong**: unrelated, or linked for a reason that does not hold.\n\n"
        "Each link ends in a `Rating:` line: write relevant, weak or wrong after it. A paper with "
        "no related paper shown has nothing to rate.",
    ),
    "titles": (
        "Titles",
        "Each abstract is followed by a title made for it (not the authors' own). Rate the title:\n\n"
        "- **recognisable**: you would recognise this paper by it in a list of titles;\n"
        "- **acceptable**: correct and readable, but vague or not the paper's main point;\n"
        "- **broken**: ungrammatical, cut off, misleading, or not a title.\n\n"
        "Write `Rating: recognisable` (or acceptable, broken).",
    ),
    "tldr": (
        "One-line summaries",
        "Each abstract is followed by the one-line summary the site shows for it. Rate the summary:\n\n"
        "- **says-what-the-paper-does**: it tells a reader what the paper does or finds;\n"
        "- **vague**: true but general, a reader cannot tell what the paper contributes;\n"
        "- **wrong**: misleading, garbled, or about something else.\n\n"
        "Write `Rating: says-what-the-paper-does` (or vague, wrong).",
    ),
}

NO_TLDR_NOTE = (
    "Note: this code has no one-line summary yet. Each item shows what the site shows of a paper "
    "today in its place: the paper's title, then the opening of its abstract (at most "
    f"{SUMMARY_CHARS} characters). Rate it as a summary all the same."
)


@dataclass(frozen=True)
class Record:
    """One SciTLDR paper: its id, real title, abstract sentences and gold TLDRs."""

    paper_id: str
    title: str
    sentences: tuple[str, ...]
    targets: tuple[str, ...]
    line: int  # its 1-based line in the seed file given to the catalogue

    @property
    def abstract(self) -> str:
        return one_line(" ".join(self.sentences))


def one_line(text: str) -> str:
    return " ".join(text.split())


def default_scitldr() -> Path:
    """../shared/scitldr/dev.jsonl beside the repository (or beside the folder of worktrees)."""
    for up in (ROOT.parent, ROOT.parent.parent):
        path = up / "shared" / "scitldr" / "dev.jsonl"
        if path.is_file():
            return path
    return ROOT.parent / "shared" / "scitldr" / "dev.jsonl"


def read_records(path: Path) -> tuple[Record, ...]:
    records = []
    for row in path.read_text(encoding="utf-8").splitlines():
        if not row.strip():
            continue
        data = json.loads(row)
        sentences = tuple(one_line(s) for s in data["source"] if one_line(s))
        records.append(
            Record(
                paper_id=data["paper_id"],
                title=one_line(data.get("title", "")),
                sentences=sentences,
                targets=tuple(one_line(t) for t in data.get("target", ())),
                line=len(records) + 1,
            )
        )
    return tuple(r for r in records if r.sentences)


def draw(records: tuple[Record, ...], kind: str, n: int, skip: int = 0) -> tuple[Record, ...]:
    """`n` records in a fixed pseudo-random order that depends only on their ids, the seed and `kind`,
    after the first `skip` of that order (a fresh sample: papers no earlier reading rated)."""

    def rank(record: Record) -> str:
        return hashlib.sha1(f"{SEED}/{kind}/{record.paper_id}".encode()).hexdigest()

    return tuple(sorted(records, key=lambda r: (rank(r), r.paper_id))[skip : skip + n])


def build_catalogue(records: tuple[Record, ...], jobs: int) -> Catalogue:
    lines = tuple(SeedLine(Source(SEED_FILE, r.line), r.abstract) for r in records)
    with parallel.runtime(None, jobs=jobs, progress=False):
        return catalogue_from(lines)


def reason(rel: Related) -> str:
    """The reason a paper page gives for a related link (site/templates/_macros.j2, ``why``)."""
    if rel.shared:
        return "shared: " + ", ".join(rel.shared)
    if rel.terms:
        return "both mention: " + ", ".join(rel.terms)
    return "similar wording"


def listing_summary(paper: Paper) -> str:
    return f"{paper.title} — {excerpt(paper.text, SUMMARY_CHARS)}"


class Writer:
    """The reader's files and the lead's key, from one catalogue of all the records."""

    def __init__(self, records: tuple[Record, ...], catalogue: Catalogue) -> None:
        self.records = records
        self.catalogue = catalogue
        self.by_id = {p.id: p for p in catalogue.papers}
        self.paper_of: dict[int, Paper] = {}
        for paper in catalogue.papers:
            for source in paper.sources:
                if source.file == SEED_FILE:
                    self.paper_of[source.line] = paper
        self.record_of: dict[str, Record] = {}
        for record in records:  # a paper merged from several lines: the first line's record
            self.record_of.setdefault(self.paper_of[record.line].id, record)
        self.labels = {e.keyword.text: e.keyword.label for e in catalogue.keywords}
        self.has_tldr = any(p.tldr for p in catalogue.papers)
        self.key: dict[str, object] = {}

    def paper(self, record: Record) -> Paper:
        return self.paper_of[record.line]

    def keywords(self, sample: tuple[Record, ...]) -> str:
        items, key = [], []
        for n, record in enumerate(sample, 1):
            paper = self.paper(record)
            shown = [self.labels.get(kw, kw) for kw in paper.keywords]
            lines = [f"{i}. {kw} — Rating:" for i, kw in enumerate(shown, 1)] or ["(no keywords shown)"]
            items.append(_item(n, record, ["Keywords:\n\n" + "\n".join(lines)], rated=False))
            key.append({**_ids(n, record, paper), "keywords": shown})
        self.key["keywords"] = key
        return _page("keywords", items)

    def related(self, sample: tuple[Record, ...]) -> str:
        items, key = [], []
        for n, record in enumerate(sample, 1):
            paper = self.paper(record)
            links, shown = [], []
            for i, rel in enumerate(paper.related, 1):
                other = self.by_id[rel.id]
                opening = " ".join(self.record_of[other.id].sentences[:RELATED_SENTENCES])
                links.append(f"{i}. **{other.title}**\n   {opening}\n   Reason: {reason(rel)}\n   Rating:")
                shown.append(
                    {
                        "catalogue_id": other.id,
                        "paper_id": self.record_of[other.id].paper_id,
                        "real_title": self.record_of[other.id].title,
                        "shown_title": other.title,
                        "score": round(rel.score, 4),
                        "reason": reason(rel),
                    }
                )
            body = "Related papers:\n\n" + ("\n\n".join(links) if links else "(no related paper shown)")
            items.append(_item(n, record, [body], rated=False))
            key.append({**_ids(n, record, paper), "related": shown})
        self.key["related"] = key
        return _page("related", items)

    def titles(self, sample: tuple[Record, ...]) -> str:
        items, key = [], []
        for n, record in enumerate(sample, 1):
            paper = self.paper(record)
            items.append(_item(n, record, [f"Title: **{paper.title}**"]))
            key.append({**_ids(n, record, paper), "shown_title": paper.title})
        self.key["titles"] = key
        return _page("titles", items)

    def tldr(self, sample: tuple[Record, ...]) -> str:
        items, key = [], []
        for n, record in enumerate(sample, 1):
            paper = self.paper(record)
            tldr = paper.tldr
            shown = tldr if tldr else listing_summary(paper)
            items.append(_item(n, record, [f"Summary: {shown}"]))
            key.append(
                {
                    **_ids(n, record, paper),
                    "shown": shown,
                    "is_tldr": bool(tldr),
                    "gold_tldrs": list(record.targets),
                }
            )
        self.key["tldr"] = key
        self.key["tldr_mode"] = "tldr" if self.has_tldr else "title + abstract opening (no TLDR in the code)"
        return _page("tldr", items, "" if self.has_tldr else NO_TLDR_NOTE)


def _ids(n: int, record: Record, paper: Paper) -> dict[str, object]:
    return {"item": n, "paper_id": record.paper_id, "catalogue_id": paper.id, "real_title": record.title}


def _item(n: int, record: Record, parts: list[str], rated: bool = True) -> str:
    """One item: its number, the abstract, what is shown, and the item's `Rating:` slot when `rated`
    (keywords and links have a slot each instead)."""
    slot = ["Rating:"] if rated else []
    return "\n\n".join([f"## {n}", f"Abstract:\n\n> {record.abstract}", *parts, *slot])


def _page(kind: str, items: list[str], note: str = "") -> str:
    heading, how = INSTRUCTIONS[kind]
    head = [f"# Blind check: {heading}", HEADER_COMMON, how, *([note] if note else [])]
    return "\n\n".join([*head, "---", *items]) + "\n"


def commit() -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return ""
    return out.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--scitldr", type=Path, default=default_scitldr(), help="SciTLDR dev.jsonl")
    parser.add_argument("--n-keywords", type=int, default=30)
    parser.add_argument("--n-related", type=int, default=20)
    parser.add_argument("--n-titles", type=int, default=60)
    parser.add_argument("--n-tldr", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=1, help="processes for the per-paper stages")
    parser.add_argument(
        "--skip", type=int, default=0, help="leave out each file's first SKIP papers (a fresh sample)"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not args.scitldr.is_file():
        parser.error(f"{args.scitldr}: not found (pass --scitldr ../shared/scitldr/dev.jsonl)")

    started = time.perf_counter()
    records = read_records(args.scitldr)
    catalogue = build_catalogue(records, args.jobs)
    built = time.perf_counter() - started
    writer = Writer(records, catalogue)
    files = {
        "keywords.md": writer.keywords(draw(records, "keywords", args.n_keywords, args.skip)),
        "related.md": writer.related(draw(records, "related", args.n_related, args.skip)),
        "titles.md": writer.titles(draw(records, "titles", args.n_titles, args.skip)),
        "tldr.md": writer.tldr(draw(records, "tldr", args.n_tldr, args.skip)),
    }
    seconds = time.perf_counter() - started
    key = {
        "source": args.scitldr.name,
        "records": len(records),
        "catalogue_papers": len(catalogue.papers),
        "seed": SEED,
        **writer.key,
    }
    files["key.json"] = json.dumps(key, indent=1, ensure_ascii=False) + "\n"
    # Apart from the samples (byte-identical from run to run of the same code): what ran, how long.
    run = {"commit": commit(), "seconds": round(seconds, 1), "catalogue_seconds": round(built, 1)}
    files["run.json"] = json.dumps(run, indent=1) + "\n"
    args.outdir.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (args.outdir / name).write_text(text, encoding="utf-8")
    print(
        f"{len(records)} abstracts, {len(catalogue.papers)} papers; wrote {', '.join(files)} "
        f"to {args.outdir} in {seconds:.1f} s (catalogue {built:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
