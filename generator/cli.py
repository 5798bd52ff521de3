"""Command line: ``python -m generator build [--seeds seeds] [--docs docs]``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from generator.cache import DEFAULT_DIR
from generator.errors import BuildError
from generator.pipeline import build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="generate the catalogue pages from the seed files")
    build_cmd.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of *.txt seed files")
    build_cmd.add_argument("--docs", type=Path, default=Path("docs"), help="MkDocs docs folder to write into")
    build_cmd.add_argument(
        "--site-url",
        default=os.environ.get("SITE_URL", ""),
        help="public URL of the site, for absolute links in the feeds (default: $SITE_URL, as mkdocs.yml)",
    )
    build_cmd.add_argument("-q", "--quiet", action="store_true", help="no summary line, no progress bar")
    build_cmd.add_argument(
        "--pin-ids",
        action="store_true",
        help="also write every variant's paper id to <seeds>/paper-ids.json, for copies without git history "
        "(optional: with git history ids are stable without it)",
    )
    build_cmd.add_argument(
        "--cache", type=Path, default=DEFAULT_DIR, help=f"folder of the result cache (default {DEFAULT_DIR})"
    )
    build_cmd.add_argument("--no-cache", action="store_true", help="compute everything, keep nothing")
    build_cmd.add_argument(
        "-j", "--jobs", type=int, default=0, help="worker processes (default: every core; 1: serial)"
    )
    args = parser.parse_args(argv)
    try:
        build(
            args.seeds,
            args.docs,
            quiet=args.quiet,
            site_url=args.site_url,
            pin_ids=args.pin_ids,
            cache_dir=None if args.no_cache else args.cache,
            jobs=args.jobs or None,
        )
    except BuildError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"error: {len(exc.problems)} problem(s) in the seeds; nothing was written", file=sys.stderr)
        return 1
    return 0
