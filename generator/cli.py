"""Command line: ``python -m generator build [--seeds seeds] [--docs docs]``, and ``diff BASE.json HEAD.json``
(the review of a seed change, generator/review.py)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from generator import review
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
        "--catalogue-only",
        action="store_true",
        help="write only catalogue.json (into a scratch folder, e.g. the base of a seed change's review)",
    )
    build_cmd.add_argument(
        "-j", "--jobs", type=int, default=0, help="worker processes (default: every core; 1: serial)"
    )
    diff_cmd = commands.add_parser(
        "diff", help="review a seed change: Markdown summary of two catalogue.json files, notices on stdout"
    )
    diff_cmd.add_argument("base", type=Path, help="catalogue.json built from the base commit's seeds")
    diff_cmd.add_argument("head", type=Path, help="catalogue.json built from the change (missing: it failed)")
    diff_cmd.add_argument("--log", type=Path, help="the build's output, for its seed problems (file:line)")
    diff_cmd.add_argument(
        "--summary",
        type=Path,
        default=Path(os.environ["GITHUB_STEP_SUMMARY"]) if os.environ.get("GITHUB_STEP_SUMMARY") else None,
        help="Markdown file to append to (default: $GITHUB_STEP_SUMMARY, else stdout)",
    )
    diff_cmd.add_argument("--site-url", default=os.environ.get("SITE_URL", ""), help="the site's URL")
    diff_cmd.add_argument("--base-label", default="the base commit", help="what BASE was built from")
    args = parser.parse_args(argv)
    if args.command == "diff":
        return _diff(args)
    try:
        build(
            args.seeds,
            args.docs,
            quiet=args.quiet,
            site_url=args.site_url,
            pin_ids=args.pin_ids,
            cache_dir=None if args.no_cache else args.cache,
            jobs=args.jobs or None,
            catalogue_only=args.catalogue_only,
        )
    except BuildError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"error: {len(exc.problems)} problem(s) in the seeds; nothing was written", file=sys.stderr)
        return 1
    return 0


def _diff(args: argparse.Namespace) -> int:
    log = args.log.read_text(encoding="utf-8", errors="replace") if args.log and args.log.is_file() else ""
    result = review.review(
        review.load(args.base),
        review.load(args.head),
        review.problems_in(log),
        site_url=args.site_url,
        base_label=args.base_label,
    )
    for annotation in result.annotations:
        print(annotation)
    if args.summary is None:
        sys.stdout.write(result.markdown)
    else:
        with args.summary.open("a", encoding="utf-8") as summary:
            summary.write(result.markdown)
    return 0
