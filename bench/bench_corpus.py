"""The benchmark corpus: real keyphrase-set abstracts recombined so that every text is distinct.

Every abstract keeps the opening and most sentences of one real document and takes one or two
sentences from another document of the same dataset. Used by ``bench_pipeline.py``, ``bench_cold.py``,
``site_size.py``, ``search_variants.py`` and ``bench_topic_stability.py``.
"""

from __future__ import annotations

import re
import shutil
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from generator.identity.normalize import paper_id  # noqa: E402

LINES_PER_FILE = 500
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def source_documents(keyphrase: Path) -> list[list[str]]:
    """Real abstracts as lists of sentences: seeds/ plus every dataset document long enough."""
    texts: list[str] = []
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        texts += [line for line in seed.read_text(encoding="utf-8").splitlines() if line.strip()]
    for item in sorted(keyphrase.iterdir()) if keyphrase.is_dir() else []:
        if item.suffix == ".zip":
            with zipfile.ZipFile(item) as archive:
                names = sorted(n for n in archive.namelist() if "/docsutf8/" in n and n.endswith(".txt"))
                texts += [archive.read(n).decode("utf-8", "replace") for n in names]
        elif item.is_dir():
            files = sorted(item.glob("docsutf8/*.txt"))
            texts += [p.read_text(encoding="utf-8", errors="replace") for p in files]
    docs = []
    for text in texts:
        sentences = [s for s in SENTENCE.split(" ".join(text.split())) if s]
        if len(sentences) >= 3 and 300 <= sum(map(len, sentences)) <= 3000:
            docs.append(sentences)
    if len(docs) < 100:
        sys.exit(f"error: only {len(docs)} usable documents; is {keyphrase} the keyphrase folder?")
    return docs


def _thirds(sentences: list[str]) -> tuple[list[str], list[str], list[str]]:
    n = len(sentences)
    a, b = max(1, n // 3), max(2, (2 * n) // 3)
    return sentences[:a], sentences[a:b], sentences[b:]


def make_corpus(docs: list[list[str]], size: int) -> list[str]:
    """``size`` distinct abstracts: the real documents first, then recombined ones.

    A recombined abstract is the opening third of one real abstract, the middle third of a second
    and the closing third of a third, so each reads like an abstract (an opening, a method, a
    result). Two of them share at most one third, a word-3-gram Jaccard similarity of about 0.2:
    below the near-duplicate merge (0.5) and its candidate search (0.3), so a corpus of N abstracts
    makes a catalogue of N papers (a few real duplicates in seeds/ aside).
    """
    n = len(docs)
    out: list[str] = []
    seen: set[str] = set()
    i = 0
    while len(out) < size:
        if i < n:
            sentences = docs[i]
        else:
            # Round r pairs document a with a + r and a + 3r: for r below n / 2 no two abstracts
            # share two of the three parts, and the three parts come from three documents.
            r, a = divmod(i, n)
            b, c = (a + r) % n, (a + 3 * r) % n
            sentences = _thirds(docs[a])[0] + _thirds(docs[b])[1] + _thirds(docs[c])[2]
        text = " ".join(sentences)
        pid = paper_id(text)
        if pid not in seen:
            seen.add(pid)
            out.append(text)
        i += 1
    return out


def write_seeds(folder: Path, abstracts: list[str]) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for n, start in enumerate(range(0, len(abstracts), LINES_PER_FILE)):
        lines = abstracts[start : start + LINES_PER_FILE]
        (folder / f"part-{n:04d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def change_one_line(folder: Path, docs: list[list[str]]) -> None:
    """Replace the first abstract of the first seed file by a new one (a one-line seed edit)."""
    first = sorted(folder.glob("*.txt"))[0]
    lines = first.read_text(encoding="utf-8").splitlines()
    lines[0] = " ".join(docs[0]) + " This edited line was added by the warm benchmark run."
    first.write_text("\n".join(lines) + "\n", encoding="utf-8")


def default_keyphrase() -> Path:
    """../shared/keyphrase beside the repository (or beside the folder of worktrees)."""
    for up in (ROOT.parent, ROOT.parent.parent):
        if (up / "shared" / "keyphrase").is_dir():
            return up / "shared" / "keyphrase"
    return ROOT.parent / "shared" / "keyphrase"
