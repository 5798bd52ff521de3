"""Aboutness of the related-papers features over the SciTLDR train abstracts: how often a word or
noun-phrase term an abstract uses is also said by the paper's real title or gold TLDR.

    python tools/build_aboutness.py [--scitldr ../shared/scitldr] [--thirds]

Writes generator/relate/data/aboutness.json.gz: {"documents": N, "prior": {"word": rate, "phrase":
rate}, "features": {feature: [abstracts using it, those whose title or TLDR says it]}} for every
feature (``space.terms``: content words and noun-phrase terms, as the text rows hold them) that at
least MIN_DOCS abstracts use and whose rate is under its class's base rate (only those are weighed
down; the others weigh 1, as an unknown feature does). ``--thirds`` writes one table per third of
train (papers i % 3 == k) to /tmp/aboutness-k.json.gz, for the out-of-fold tune check. Only the
train split is read (the dev split measures). SciTLDR is Apache-2.0 (Cachola et al., 2020); the
file holds counts only.
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

from generator.evaluation import linkproxy, relating  # noqa: E402
from generator.models import Paper, Source  # noqa: E402
from generator.relate.aboutness import ABOUTNESS_PATH, said_by  # noqa: E402
from generator.relate.concepts import paper_counts  # noqa: E402
from generator.relate.space import terms  # noqa: E402
from generator.runtime import parallel  # noqa: E402

MIN_DOCS = 2


def counts_of(scitldr: Path, keep=lambda i: True) -> tuple[int, Counter[str], Counter[str]]:
    """(abstracts, abstracts using each feature, those whose title or TLDR also says it)."""
    train = relating.scitldr(scitldr, "train")
    labels = linkproxy.label_texts(scitldr, "train")
    picked = [i for i in range(len(train.texts)) if keep(i)]
    papers = tuple(
        Paper(id=f"{i:010x}", text=train.texts[i], sources=(Source("train", i + 1),)) for i in picked
    )
    with parallel.runtime(None, jobs=1):
        found = list(paper_counts(papers))
    used: Counter[str] = Counter()
    said: Counter[str] = Counter()
    for i, paper, counts in zip(picked, papers, found, strict=True):
        title, tldr = labels[i]
        short = said_by(f"{title} . {tldr}")
        for feature in set(terms(paper.text, counts)):
            used[feature] += 1
            said[feature] += short(feature)
    return len(picked), used, said


def table(documents: int, used: Counter[str], said: Counter[str]) -> dict:
    prior = {}
    for kind, multi in (("word", False), ("phrase", True)):
        n = sum(v for f, v in used.items() if (" " in f) == multi)
        prior[kind] = round(sum(said[f] for f in used if (" " in f) == multi) / max(n, 1), 6)
    features = {
        f: [n, said[f]]
        for f, n in sorted(used.items())
        if n >= MIN_DOCS and said[f] / n < prior["phrase" if " " in f else "word"]
    }
    return {"documents": documents, "prior": prior, "features": features}


def write(data: dict, out: Path) -> None:
    text = json.dumps(data, sort_keys=True, separators=(",", ":"))
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as handle:
        handle.write(text.encode("utf-8"))
    size = out.stat().st_size / 1e3
    print(f"{data['documents']} abstracts, {len(data['features'])} features -> {out} ({size:.0f} KB)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scitldr", type=Path, default=ROOT / ".." / "shared" / "scitldr")
    parser.add_argument("--out", type=Path, default=ABOUTNESS_PATH)
    parser.add_argument("--thirds", action="store_true")
    args = parser.parse_args()
    if not args.thirds:
        write(table(*counts_of(args.scitldr)), args.out)
        return
    for third in range(3):
        write(
            table(*counts_of(args.scitldr, lambda i, t=third: i % 3 != t)),
            Path(f"/tmp/aboutness-{third}.json.gz"),
        )


if __name__ == "__main__":
    main()
