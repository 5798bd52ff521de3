"""Count a blind reader's ratings: the figures of EVALUATION.md's "Reader's blind check".

    .venv/bin/python tools/blind_count.py DIR [DIR ...]

Reads every ``*.rated.md`` in each DIR (the files ``tools/blind_sample.py`` wrote, with the reader's
word after each ``Rating:``; the instructions above the first item are skipped) and prints, per file,
the items and each rating's count and share. An item left unrated is counted as ``(none)``.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

_RATING = re.compile(r"Rating:[ \t]*([a-z][a-z-]*)?")


def counts(text: str) -> Counter[str]:
    """The ratings of one rated file, from its first item on."""
    start = text.find("\n## ")
    body = text[start:] if start >= 0 else ""
    return Counter(m.group(1) or "(none)" for m in _RATING.finditer(body))


def main(argv: list[str] | None = None) -> int:
    folders = [Path(a) for a in (sys.argv[1:] if argv is None else argv)]
    if not folders:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    for folder in folders:
        for path in sorted(folder.glob("*.rated.md")):
            found = counts(path.read_text(encoding="utf-8"))
            total = sum(found.values())
            shares = ", ".join(f"{k} {n} ({100 * n / total:.1f}%)" for k, n in found.most_common())
            print(f"{path}: {total} items: {shares}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
