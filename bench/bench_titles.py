"""Generated titles: cost and shape.

1. Cost on the real seeds and on adversarial 20,000-character lines (the longest a seed line may
   be), which once made the naming regex quadratic.
2. Which rule titled each paper (named method, survey, contribution phrase, key phrases) and the
   titles' lengths, on the seeds and, when present, on the first documents of the keyphrase
   benchmark zips in $KEYPHRASE (default ../shared/keyphrase; their texts are title + abstract).

Run with `make bench` or `python bench/bench_titles.py`.
"""

from __future__ import annotations

import os
import random
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.identity.dedupe import dedupe
from generator.inputs import ingest
from generator.keywords.stage import with_keywords
from generator.models import Paper, Source
from generator.text.acronyms import definitions
from generator.text.clean import clean, clean_text
from generator.text.latex import strip_latex
from generator.titles.clues import contribution_phrase, is_survey, named_method
from generator.titles.generate import TITLE_MAX, generate_title, with_titles

ROOT = Path(__file__).resolve().parent.parent
DOCS_PER_ZIP = 200
WORDS = "we propose a model called the network of graphs learning data method"


def adversarial() -> dict[str, str]:
    rng = random.Random(1)
    words = WORDS.split(" ")
    return {
        "20k chars, no punctuation": " ".join(rng.choice(words) for _ in range(4000))[:20_000],
        "20k chars, 2000 '(AB)'": " ".join(rng.choice(words) + " (AB)" for _ in range(2500))[:20_000],
        "20k chars, capitalised words": " ".join("Word" for _ in range(5000))[:20_000],
    }


def cost_table(papers: tuple[Paper, ...]) -> None:
    rows = []
    rounds = 20
    start = time.perf_counter()
    for _ in range(rounds):
        definitions.cache_clear()
        with_titles(papers)
    elapsed = (time.perf_counter() - start) / rounds
    rows.append((f"seeds: {len(papers)} papers, whole stage", elapsed * 1000, elapsed / len(papers) * 1000))
    for name, text in adversarial().items():
        paper = Paper(id="a" * 10, text=text, sources=(Source("x.txt", 1),))
        start = time.perf_counter()
        generate_title(paper)
        elapsed = time.perf_counter() - start
        rows.append((name, elapsed * 1000, elapsed * 1000))
    print(f"{'case':<40} {'total ms':>10} {'ms/paper':>10}")
    for name, total, per in rows:
        print(f"{name:<40} {total:>10.1f} {per:>10.2f}")


def rule(paper: Paper) -> str:
    text = strip_latex(paper.text)
    if named_method(text):
        return "named"
    if is_survey(text):
        return "survey"
    return "contribution" if contribution_phrase(text) else "key phrases"


def shape_row(name: str, papers: tuple[Paper, ...]) -> None:
    titled = with_titles(with_keywords(papers))
    rules = Counter(rule(p) for p in titled)
    lengths = sorted(len(p.title) for p in titled)
    distinct = len({p.title.casefold() for p in titled})
    print(
        f"{name:<22} {len(titled):>6} {distinct:>8} {rules['named']:>6} {rules['survey']:>7} "
        f"{rules['contribution']:>7} {rules['key phrases']:>7} {lengths[len(lengths) // 2]:>7} "
        f"{lengths[-1]:>4}/{TITLE_MAX}"
    )


def benchmark_papers(path: Path) -> tuple[Paper, ...]:
    papers = []
    with zipfile.ZipFile(path) as archive:
        names = sorted(n for n in archive.namelist() if "/docsutf8/" in n and n.endswith(".txt"))
        for number, name in enumerate(names[:DOCS_PER_ZIP]):
            text = clean_text(archive.read(name).decode("utf-8", errors="replace"))
            if len(text) >= 100:
                papers.append(Paper(id=f"{number:010x}", text=text, sources=(Source(name, 1),)))
    return tuple(papers)


def main() -> None:
    seeds = clean(dedupe(ingest.read_seeds(ROOT / "seeds")))
    cost_table(seeds)
    print()
    print(f"{'corpus':<22} {'papers':>6} {'distinct':>8} {'named':>6} {'survey':>7} {'contrib':>7} "
          f"{'keyphr':>7} {'median':>7} {'max':>8}")  # fmt: skip
    shape_row("seeds", seeds)
    defaults = [ROOT.parent / "shared" / "keyphrase", ROOT.parent.parent / "shared" / "keyphrase"]
    folder = (
        Path(os.environ["KEYPHRASE"])
        if "KEYPHRASE" in os.environ
        else next((d for d in defaults if d.is_dir()), defaults[0])
    )
    for path in sorted(folder.glob("*.zip")) if folder.is_dir() else []:
        shape_row(f"{path.stem} (first {DOCS_PER_ZIP})", benchmark_papers(path))


if __name__ == "__main__":
    main()
