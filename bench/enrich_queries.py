"""Do enrich's queries find a paper on an index as strict as arXiv and OpenAlex? (issue 21)

    .venv/bin/python bench/enrich_queries.py [SCITLDR_JSONL]

The index is simulated in-process with the strict fake's own semantics (tests/fake_index.py:
Lucene-split lowercased words, AND of a query's words, OR ranked by summed idf, OpenAlex's stop
words dropped), no network. Two measures:

1. The frozen seeds (tests/data/seeds, 55 lines): does each line's first query match its own
   abstract? The words of the old code (identity text, which glues hyphenated words) against the
   words split as the indexes split them.
2. SciTLDR (default ../shared/scitldr/dev.jsonl, 619 abstracts; nothing here was tuned on it): each
   abstract is the index's copy of a paper and the catalogue at once (one abstract appears twice, and
   two others are one paper's versions, 0.993 alike: "wrong accepted" counts those). Asked with the
   abstract as the index holds it, and with a "version 2" whose opening differs in N words (the first N of the
   strict query replaced: the worst case for the strict query), how many are found and accepted
   (match_score >= 0.8 against the right record) by the strict query alone, and by the strict query
   then the ORed fallback; and how many wrong records are accepted.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.enrich import query  # noqa: E402
from generator.enrich.services import ACCEPT, RESULTS, IndexRecord, match_score  # noqa: E402
from generator.identity.normalize import identity_text  # noqa: E402
from tests.fake_index import STOP_WORDS, Node, parse_query, tokens  # noqa: E402

OLD_COMMON = frozenset(
    [
        "this",
        "that",
        "with",
        "from",
        "have",
        "these",
        "which",
        "their",
        "there",
        "about",
        "into",
        "paper",
        "propose",
        "proposed",
        "present",
        "approach",
        "method",
        "methods",
        "model",
        "models",
        "based",
        "using",
        "show",
        "shows",
        "results",
        "work",
        "also",
        "while",
        "such",
        "than",
        "more",
        "most",
        "however",
        "first",
        "both",
        "each",
        "other",
        "over",
        "only",
        "when",
        "where",
        "been",
        "being",
        "does",
        "between",
    ]
)


def old_arxiv_words(text: str) -> list[str]:
    """The previous code's arXiv query words: from the identity text (hyphens glued)."""
    seen: list[str] = []
    for word in re.findall(r"[^\W_]+", identity_text(text)):
        if len(word) >= 5 and word not in OLD_COMMON and word.isascii() and word not in seen:
            seen.append(word)
            if len(seen) == 8:
                break
    return seen


def old_openalex_words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", identity_text(text))[:30]


class Index:
    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.words = [set(tokens(t)) for t in texts]
        df = Counter(w for ws in self.words for w in ws)
        self.idf = {w: math.log(1 + (len(texts) + 1) / (n + 0.5)) for w, n in df.items()}

    def search(self, node: Node) -> list[int]:
        hits = []
        for i, have in enumerate(self.words):
            if node.op == "term" and not node.words:
                break
            if node.match(have):
                hits.append((-sum(self.idf.get(w, 0.0) for t in node.terms() for w in t if w in have), i))
        return [i for _s, i in sorted(hits)[:RESULTS]]


def seed_lines() -> list[str]:
    return [
        line
        for path in sorted((ROOT / "tests/data/seeds").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line
    ]


def own_abstract_table() -> None:
    lines = seed_lines()
    rarity = query.Rarity.of(lines)
    counts = Counter()
    for line in lines:
        have = set(tokens(line))
        and_arxiv = lambda ws: parse_query(" AND ".join(f"abs:{w}" for w in ws), prefixed=True)  # noqa: E731
        counts["old arXiv"] += and_arxiv(old_arxiv_words(line)).match(have)
        counts["old OpenAlex"] += parse_query(" ".join(old_openalex_words(line)), False, STOP_WORDS).match(
            have
        )
        new = query.strict_words(line, rarity)
        counts["new arXiv"] += and_arxiv(new).match(have)
        counts["new OpenAlex"] += parse_query(" ".join(new), False, STOP_WORDS).match(have)
    print(f"1. Frozen seed lines whose first query matches their own abstract (of {len(lines)}):")
    print("| query words | arXiv | OpenAlex |\n|---|---:|---:|")
    print(f"| identity text (before) | {counts['old arXiv']} | {counts['old OpenAlex']} |")
    print(f"| split as the indexes split | {counts['new arXiv']} | {counts['new OpenAlex']} |\n")


def version_2(text: str, rarity: query.Rarity, changed: int) -> str:
    for word in query.strict_words(text, rarity)[:changed]:
        text = re.sub(rf"\b{re.escape(word)}\b", "qzx" + word[::-1], text, count=1, flags=re.I)
    return text


def retrieval_table(path: Path) -> None:
    texts = [" ".join(json.loads(line)["source"]) for line in path.read_text(encoding="utf-8").splitlines()]
    index = Index(texts)
    rarity = query.Rarity.of(texts)
    records = [IndexRecord("fake", str(i), "t", t) for i, t in enumerate(texts)]
    print(f"2. {path.name}: {len(texts)} abstracts as index and catalogue; found and accepted (>= {ACCEPT}):")
    print("| seed text | strict AND only | strict, then ORed fallback | wrong accepted |")
    print("|---|---:|---:|---:|")
    for changed in (0, 1, 3):
        strict_ok = both_ok = wrong = 0
        for i, text in enumerate(texts):
            seed = version_2(text, rarity, changed)
            node = parse_query(
                " AND ".join(f"abs:{w}" for w in query.strict_words(seed, rarity)), prefixed=True
            )
            hits = index.search(node)
            accepted = [j for j in hits if match_score(seed, records[j]) >= ACCEPT]
            strict_ok += i in accepted
            if not accepted:
                ored = " OR ".join(f"abs:{w}" for w in query.fallback_words(seed, rarity))
                hits = index.search(parse_query(ored, prefixed=True))
                accepted = [j for j in hits if match_score(seed, records[j]) >= ACCEPT]
            both_ok += i in accepted
            wrong += sum(texts[j] != texts[i] for j in accepted)  # an exact duplicate is the same paper
        label = "as indexed" if not changed else f"version 2: {changed} word(s) of the query changed"
        print(f"| {label} | {strict_ok} | {both_ok} | {wrong} |")


def main() -> None:
    own_abstract_table()
    found = [p / "shared/scitldr/dev.jsonl" for p in (ROOT.parent, ROOT.parent.parent)]
    default = next((p for p in found if p.is_file()), found[0])
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    if path.is_file():
        retrieval_table(path)
    else:
        print(f"(no {path}: give a SciTLDR jsonl file for the second table)")


if __name__ == "__main__":
    main()
