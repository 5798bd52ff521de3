"""Command line: ``python -m generator build`` (the pages), ``diff BASE.json HEAD.json`` (the review
of a seed change, generator/review.py) and ``enrich`` (metadata from arXiv and OpenAlex)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from generator.errors import BuildError
from generator.runtime import parallel
from generator.runtime.cache import DEFAULT_DIR

# Each command imports what it runs when it runs (``build`` the pipeline, ``review`` the review,
# ``enrich`` the network clients): a build does not pay for importing the enrich package.

log = logging.getLogger(__name__)
_HANDLER = "generator-cli"


def configure_logging(verbose: bool = False, quiet: bool = False) -> None:
    """The generator's diagnostics (the ``generator`` loggers) on stderr, one line each, as written:
    notes at INFO (hidden by --quiet), warnings and errors always, debugging lines with --verbose.
    Called once a command; a second call replaces the handler (tests call ``main`` many times)."""
    logger = logging.getLogger("generator")
    for handler in [h for h in logger.handlers if h.get_name() == _HANDLER]:
        logger.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.set_name(_HANDLER)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if verbose else logging.WARNING if quiet else logging.INFO)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-v", "--verbose", action="store_true", help="also the debugging diagnostics")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser(
        "build", parents=[common], help="generate the catalogue pages from the seed files"
    )
    build_cmd.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of *.txt seed files")
    build_cmd.add_argument("--docs", type=Path, default=Path("docs"), help="MkDocs docs folder to write into")
    build_cmd.add_argument(
        "--site-url",
        default=os.environ.get("SITE_URL", ""),
        help="public URL of the site, for absolute links in the feeds (default: $SITE_URL, as mkdocs.yml)",
    )
    build_cmd.add_argument(
        "-q", "--quiet", action="store_true", help="no summary line, no progress bar, no notes"
    )
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
        "diff",
        parents=[common],
        help="review a seed change: Markdown summary of two catalogue.json files, notices on stdout",
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
    _enrich_parser(commands, common)
    args = parser.parse_args(argv)
    configure_logging(args.verbose, getattr(args, "quiet", False))
    if args.command == "diff":
        return _diff(args)
    if args.command == "enrich":
        return _enrich(args)
    # The pool's server process imports the stages on another core while this one imports the pipeline.
    parallel.prestart(args.jobs or None, _seed_lines(args.seeds))
    from generator.pipeline import build

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
            log.error("%s", problem)
        log.error("error: %d problem(s) in the seeds; nothing was written", len(exc.problems))
        return 1
    return 0


def _seed_lines(seeds: Path) -> int:
    """About how many abstracts the seed files hold (their non-blank lines): enough to use a pool?"""
    try:
        return sum(
            sum(1 for line in path.read_bytes().splitlines() if line.strip()) for path in seeds.glob("*.txt")
        )
    except OSError:
        return 0


def _diff(args: argparse.Namespace) -> int:
    from generator import review

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


def _env_float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, "") or default)
    except ValueError:
        return default


def _enrich_parser(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    common: argparse.ArgumentParser,
) -> None:
    cmd = commands.add_parser(
        "enrich",
        parents=[common],
        help="look papers up on arXiv and OpenAlex; add what their abstracts verify to seeds/metadata.yaml",
    )
    env = os.environ.get
    cmd.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of the seed files")
    cmd.add_argument(
        "--contact",
        default=env("ENRICH_CONTACT", ""),
        help="contact address sent in the User-Agent (default: $ENRICH_CONTACT; required for the indexes)",
    )
    cmd.add_argument(
        "--arxiv-url",
        default=env("ENRICH_ARXIV_URL", ""),
        help="arXiv API query URL (default: $ENRICH_ARXIV_URL or the arXiv API, generator/enrich/arxiv.py)",
    )
    cmd.add_argument(
        "--openalex-url",
        default=env("ENRICH_OPENALEX_URL", ""),
        help="OpenAlex works URL (default: $ENRICH_OPENALEX_URL or OpenAlex, generator/enrich/openalex.py)",
    )
    cmd.add_argument(
        "--limit",
        type=int,
        default=int(_env_float("ENRICH_LIMIT", 50)),
        help="at most this many papers that need the network per run (default: $ENRICH_LIMIT or 50)",
    )
    cmd.add_argument(
        "--arxiv-interval",
        type=float,
        default=_env_float("ENRICH_ARXIV_INTERVAL", 3.0),
        help="seconds between two arXiv requests (default 3, as arXiv asks)",
    )
    cmd.add_argument(
        "--openalex-interval",
        type=float,
        default=_env_float("ENRICH_OPENALEX_INTERVAL", 0.2),
        help="seconds between two OpenAlex requests (default 0.2)",
    )
    cmd.add_argument(
        "--timeout",
        type=float,
        default=_env_float("ENRICH_TIMEOUT", 30.0),
        help="seconds before a call is given up (default 30)",
    )
    cmd.add_argument(
        "--openalex-key",
        default=env("OPENALEX_API_KEY", ""),
        help="OpenAlex API key (default: $OPENALEX_API_KEY). Without one OpenAlex allows about 100 "
        "searches a day per address, often already spent on shared runners",
    )
    cmd.add_argument(
        "--deadline",
        type=float,
        default=_env_float("ENRICH_DEADLINE", 40 * 60.0),
        help="seconds after which the run writes what it has and ends (default: $ENRICH_DEADLINE or 2400)",
    )
    cmd.add_argument(
        "--from",
        dest="from_file",
        type=Path,
        default=None,
        help="a reference manager's export (.bib, .ris, or CSL-JSON .json): match its entries' abstracts "
        "offline instead of asking the indexes",
    )
    cmd.add_argument("--retries", type=int, default=3, help="retries on 5xx and network errors")
    cmd.add_argument(
        "--rate-limit-wait",
        type=float,
        default=_env_float("ENRICH_429_WAIT", 30.0),
        help="seconds to wait after a 429 without Retry-After, doubled each time (default 30)",
    )
    cmd.add_argument(
        "--backoff",
        type=float,
        default=_env_float("ENRICH_BACKOFF", 2.0),
        help="seconds before the first retry, doubled each time, or Retry-After if longer",
    )
    cmd.add_argument(
        "--cache",
        type=Path,
        default=None,
        help="folder of the response cache (default .cache/enrich, generator/enrich/fetch.py)",
    )
    cmd.add_argument("--no-cache", action="store_true", help="keep no responses (asks everything again)")
    cmd.add_argument(
        "--review",
        type=Path,
        default=None,
        help="write the list of close matches and failures (Markdown) to this file",
    )
    cmd.add_argument("-q", "--quiet", action="store_true", help="no line per paper, no notes")


def _enrich(args: argparse.Namespace) -> int:
    if args.from_file is not None:
        return _enrich_from(args)
    from generator.enrich import command

    args.arxiv_url = args.arxiv_url or command.ARXIV_URL
    args.openalex_url = args.openalex_url or command.OPENALEX_URL
    args.cache = args.cache or command.DEFAULT_CACHE
    contact = args.contact.strip()
    if "@" not in contact and not contact.startswith(("http://", "https://")):
        log.error(
            "error: enrich needs a contact address for the indexes' operators: "
            "--contact you@example.org or ENRICH_CONTACT"
        )
        return 2
    for name, url in (("--arxiv-url", args.arxiv_url), ("--openalex-url", args.openalex_url)):
        if not url.startswith(("http://", "https://")):
            log.error("error: %s must be an http(s) address, got %r", name, url)
            return 2
    options = command.Options(
        contact=contact,
        arxiv=command.Service("arxiv", args.arxiv_url, max(0.0, args.arxiv_interval)),
        openalex=command.Service("openalex", args.openalex_url, max(0.0, args.openalex_interval)),
        openalex_key=args.openalex_key.strip(),
        limit=max(0, args.limit),
        deadline=args.deadline if args.deadline > 0 else None,
        min_429_wait=max(0.0, args.rate_limit_wait),
        timeout=args.timeout,
        retries=max(0, args.retries),
        backoff=max(0.0, args.backoff),
        cache_dir=None if args.no_cache else args.cache,
        review_file=args.review,
        quiet=args.quiet,
    )
    try:
        summary = command.run(args.seeds, options)
    except BuildError as exc:
        for problem in exc.problems:
            log.error("%s", problem)
        log.error("error: %d problem(s) in the seeds; nothing was looked up", len(exc.problems))
        return 1
    print(summary.line())
    return 130 if summary.interrupted else 0


def _enrich_from(args: argparse.Namespace) -> int:
    from generator.enrich import refmanager

    try:
        summary = refmanager.run(args.seeds, args.from_file, review_file=args.review, quiet=args.quiet)
    except BuildError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"error: {len(exc.problems)} problem(s); nothing was written", file=sys.stderr)
        return 1
    print(summary.line())
    return 0
