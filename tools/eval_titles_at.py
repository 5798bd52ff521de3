"""The "before" figures of `make eval`'s titles table: titles (and TLDRs, if any) of another commit.

    .venv/bin/python tools/eval_titles_at.py f8e2cd2 --scitldr ../shared/scitldr > before.json

The commit's generator is unpacked into a temporary folder (``git archive``) and builds, in a
subprocess, one catalogue of the SciTLDR dev abstracts; its titles are then measured by the current
rules (``generator.evaluation.titles.figures``). Pass the JSON to ``python -m generator.evaluation
--titles-before before.json``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

from generator.evaluation import titles

ROOT = Path(__file__).resolve().parent.parent

# Runs inside the old code: every dev abstract as one seed line, one catalogue, titles by line.
PROBE = """
import json, sys
from generator.models import SeedLine, Source
from generator.pipeline import catalogue_from
abstracts = json.load(sys.stdin)
lines = tuple(SeedLine(Source("scitldr-dev.txt", n), t) for n, t in enumerate(abstracts, 1))
try:
    from generator.runtime import parallel
except ImportError:
    from generator import parallel
with parallel.runtime(None, jobs=None, progress=False):
    catalogue = catalogue_from(lines)
by_line = {s.line: p for p in catalogue.papers for s in p.sources}
json.dump([[by_line[n].title, getattr(by_line[n], "tldr", "")] for n in range(1, len(abstracts) + 1)],
          sys.stdout)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("commit")
    parser.add_argument("--scitldr", type=Path, default=ROOT.parent / "shared" / "scitldr")
    args = parser.parse_args()
    records = titles.read_dev(args.scitldr)
    abstracts = [" ".join(r["source"]) for r in records]
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", args.commit, "generator"], check=True, capture_output=True
    ).stdout
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        out = subprocess.run(
            [sys.executable, "-c", PROBE],
            input=json.dumps(abstracts),
            capture_output=True,
            text=True,
            check=True,
            cwd=tmp,
            env={"PYTHONPATH": tmp, "PATH": "/usr/bin:/bin"},
        ).stdout
    generated = json.loads(out)
    items = [
        titles.Item(text, r["title"], tuple(r["target"]), title, tldr)
        for r, text, (title, tldr) in zip(records, abstracts, generated, strict=True)
    ]
    figures = titles.figures(items)
    figures["commit"] = args.commit
    figures["broken_by_rule"] = dict(sorted(titles.breakdown(items).items()))
    json.dump(figures, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
