"""Paired blind readings (EVALUATION.md, "Reader's blind check"): old and new text of the same papers.

    # in a checkout of each version (the old one can use this repository's virtualenv):
    .venv/bin/python tools/blind_pairs.py dump OUT.json [--scitldr ../shared/scitldr/dev.jsonl]
    # then, once:
    .venv/bin/python tools/blind_pairs.py pairs OLD.json NEW.json OUTDIR --field FIELD [--n 30]
    #   FIELD: title, tldr, keywords or related
    .venv/bin/python tools/blind_pairs.py count OUTDIR/FIELD_pairs.rated.md OUTDIR/key.json

``dump`` builds the catalogue of every SciTLDR dev abstract as ``tools/blind_sample.py`` does and
writes each paper's generated title, TLDR, keywords (as shown, joined by "; ") and related links
(each linked paper's title, abstract opening and reason) with its abstract.
``pairs`` draws ``--n`` of the papers whose ``--field`` differs between the two dumps (by a hash
of the SciTLDR id and ``--seed``, never by anything the generator computes), shows the two texts
in a random order (seeded) as "A" and "B", and writes the reader's file ``FIELD_pairs.md`` (no
version named) and the lead's ``key.json`` (which letter is new). The reader writes ``A``, ``B``
or ``same`` on each ``Better:`` line into ``FIELD_pairs.rated.md``; ``count`` prints new better /
old better / same.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import blind_sample

QUESTIONS = {
    "title": (
        "titles",
        "Title",
        "which title better lets a reader recognise the paper and what it contributes? Penalise "
        "fragments, cut-off phrases, ungrammatical titles, opening words of background sentences, "
        "bare field labels, and names that are not the paper's own method.",
    ),
    "keywords": (
        "keyword lists",
        "Keywords",
        "which keyword list better tells a reader what the paper is about? Penalise filler (generic "
        "words, pieces of longer names, phrases cut off or crossing a verb, methods the paper only "
        "compares with) and a missing central concept.",
    ),
    "related": (
        "lists of related papers",
        "Related",
        "which list of related papers would a reader of this paper rather follow? Each linked paper "
        "is shown by its title and the opening of its abstract. Penalise links to papers about "
        "something else (sharing only generic wording), and a missing link only when the other list "
        "finds a clearly related paper.",
    ),
    "tldr": (
        "one-line summaries",
        "Summary",
        "which summary better says what the paper does or finds? Penalise fragments, cut-off "
        "sentences, changed meaning, words pointing back to things the summary never said, and "
        "background instead of the contribution.",
    ),
}
_BETTER = re.compile(r"Better:\s*\**\s*(A|B|same)\b")


def dump(scitldr: Path, out: Path, jobs: int) -> None:
    records = blind_sample.read_records(scitldr)
    writer = blind_sample.Writer(records, blind_sample.build_catalogue(records, jobs))
    papers = {}
    for record in records:
        paper = writer.paper(record)
        papers[record.paper_id] = {
            "title": paper.title,
            "tldr": paper.tldr,
            "keywords": "; ".join(writer.labels.get(kw, kw) for kw in paper.keywords),
            "related": related_text(writer, paper),
            "abstract": record.abstract,
        }
    out.write_text(json.dumps(papers, sort_keys=True, indent=1), encoding="utf-8")


def related_text(writer: blind_sample.Writer, paper: object) -> str:
    """A paper's related links as a reader sees them: each linked paper's title, the opening of its
    abstract and the reason, one numbered line each (blind_sample's related reading)."""
    lines = []
    for i, rel in enumerate(paper.related, 1):  # type: ignore[attr-defined]
        other = writer.by_id[rel.id]
        opening = " ".join(writer.record_of[other.id].sentences[: blind_sample.RELATED_SENTENCES])
        lines.append(f"   {i}. {other.title}: {opening} (Reason: {blind_sample.reason(rel)})")
    return "\n".join(lines) or "   (no related paper)"


def pairs(old: dict, new: dict, field: str, n: int, seed: str) -> tuple[str, list[dict[str, object]]]:
    """The reader's file and the key, for ``n`` papers whose ``field`` changed."""
    changed = sorted(
        k for k in old if k in new and old[k].get(field, "").strip() != new[k].get(field, "").strip()
    )
    changed.sort(key=lambda k: hashlib.sha1(f"{seed}/{field}/{k}".encode()).hexdigest())
    order = random.Random(f"{seed}/{field}")
    what, label, question = QUESTIONS[field]
    lines = [
        f"# Blind check: which of two {what} is better",
        "",
        f"Read this file as plain text. Each abstract is followed by two {what} made for it (neither is "
        "the authors' own), in no particular order. Judge from the abstract only, as a reader choosing "
        f"papers from a list would: {question}",
        "",
        "Write one of `A`, `B` or `same` on each `Better:` line, and a short reason if you like.",
        "",
        "---",
        "",
    ]
    key: list[dict[str, object]] = []
    for item, paper_id in enumerate(changed[:n], 1):
        texts = [("old", old[paper_id].get(field, "").strip()), ("new", new[paper_id].get(field, "").strip())]
        if order.random() < 0.5:
            texts.reverse()
        key.append({"item": item, "paper_id": paper_id, "A": texts[0][0], "changed": len(changed)})
        lines += [f"## {item}", "", "Abstract:", "", "> " + old[paper_id]["abstract"], ""]
        if field == "related":  # a list: each under its own heading line
            lists = [old[paper_id][field], new[paper_id][field]]
            if texts[0][0] == "new":
                lists.reverse()
            lines += [f"{label} A:", "", lists[0], "", f"{label} B:", "", lists[1], "", "Better:", ""]
        else:
            lines += [f"{label} A: {texts[0][1]}", "", f"{label} B: {texts[1][1]}", "", "Better:", ""]
    return "\n".join(lines), key


def count(rated: str, key: list[dict[str, object]]) -> dict[str, int]:
    """New better / old better / same (and unrated) from a rated pairs file and its key."""
    found = {"new": 0, "old": 0, "same": 0, "(none)": 0}
    items = re.split(r"\n## (\d+)\n", rated)
    letters = {int(items[i]): items[i + 1] for i in range(1, len(items), 2)}
    for entry in key:
        match = _BETTER.search(letters.get(int(entry["item"]), ""))  # type: ignore[call-overload]
        if not match:
            found["(none)"] += 1
        elif match.group(1) == "same":
            found["same"] += 1
        else:
            a_is = str(entry["A"])
            found[a_is if match.group(1) == "A" else ("old" if a_is == "new" else "new")] += 1
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump", help="every dev paper's title and TLDR, from this checkout's code")
    d.add_argument("out", type=Path)
    d.add_argument("--scitldr", type=Path, default=blind_sample.default_scitldr())
    d.add_argument("--jobs", type=int, default=2)
    p = sub.add_parser("pairs", help="the reader's file and the key, from two dumps")
    p.add_argument("old", type=Path)
    p.add_argument("new", type=Path)
    p.add_argument("outdir", type=Path)
    p.add_argument("--field", choices=sorted(QUESTIONS), required=True)
    p.add_argument("--n", type=int, default=30)
    p.add_argument("--seed", default="pairs-v1")
    c = sub.add_parser("count", help="new / old / same from a rated file and its key")
    c.add_argument("rated", type=Path)
    c.add_argument("key", type=Path)
    args = parser.parse_args(argv)
    if args.command == "dump":
        dump(args.scitldr, args.out, args.jobs)
    elif args.command == "pairs":
        old = json.loads(args.old.read_text(encoding="utf-8"))
        new = json.loads(args.new.read_text(encoding="utf-8"))
        text, key = pairs(old, new, args.field, args.n, args.seed)
        args.outdir.mkdir(parents=True, exist_ok=True)
        (args.outdir / f"{args.field}_pairs.md").write_text(text, encoding="utf-8")
        (args.outdir / "key.json").write_text(json.dumps(key, indent=1), encoding="utf-8")
        print(f"{len(key)} of {key[0]['changed'] if key else 0} changed papers -> {args.outdir}")
    else:
        key = json.loads(args.key.read_text(encoding="utf-8"))
        found = count(args.rated.read_text(encoding="utf-8"), key)
        print(", ".join(f"{k} {v}" for k, v in found.items() if v or k != "(none)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
