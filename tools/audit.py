"""`make audit`: Lighthouse over the served, compressed build, as GitHub Pages serves it (not a test).

    .venv/bin/python tools/audit.py --lighthouse PATH [--seeds seeds] [--runs 3] [--work .cache/audit]

Generates the seeds into a scratch project (``--work``) and builds it as the Pages workflow does
(``OFFLINE=false``, ``SITE_URL`` the local server's address under ``/paper-catalogue/``), serves
site/ the way Pages does (gzip for text when the browser asks for it, ``Cache-Control:
max-age=600``, the 404 page on misses), and runs Lighthouse (its mobile defaults: emulated phone,
simulated slow 4G and 4x CPU slowdown) with Debian's Chromium, headless, on one page of each kind:
home, a paper (a cited one when the catalogue has one), a keyword page, a topic page and an author
page (when the site has ``authors/``). Each page is audited ``--runs`` times; the table gives the
median score of each category, then every audit that failed on some run. The machine's load is
printed with it: Lighthouse's performance score moves with it.

``make audit`` installs Lighthouse from the npm registry into .cache/lighthouse (git-ignored).
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_pipeline import prepare_project  # noqa: E402

PREFIX = "/paper-catalogue/"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Types GitHub Pages serves compressed (text); images other than SVG and fonts go as they are.
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".bib", ".ris")


class _Handler(http.server.SimpleHTTPRequestHandler):
    root = Path()

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        target = None
        if path.startswith(PREFIX):
            rel = path[len(PREFIX) :]
            candidate = self.root / rel
            if candidate.is_dir():
                candidate = candidate / "index.html"
            if candidate.is_file() and candidate.resolve().is_relative_to(self.root.resolve()):
                target = candidate
        status = 200 if target else 404
        target = target or self.root / "404.html"
        body = target.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(target)))
        self.send_header("Cache-Control", "max-age=600")
        if target.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, 6)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def build(work: Path, seeds: Path, url: str) -> Path:
    if work.exists():
        shutil.rmtree(work)
    prepare_project(work)
    env = {**os.environ, "SITE_URL": url, "OFFLINE": "false", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("GITHUB_REPOSITORY", None)
    python = sys.executable
    generate = [python, "-m", "generator", "build", "--seeds", str(seeds), "--docs", str(work / "docs")]
    subprocess.run(generate, cwd=ROOT, env=env, check=True, capture_output=True)
    mkdocs = [python, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(work / "mkdocs.yml")]
    subprocess.run(mkdocs, cwd=work, env=env, check=True)
    return work / "site"


def pages(site: Path) -> dict[str, str]:
    data = json.loads((site / "catalogue.json").read_text(encoding="utf-8"))
    papers = data["papers"]
    paper = next((p for p in papers if not p["title_generated"]), papers[0])
    kinds = {"home": "", "paper": paper["url"]}
    keyword = next((k["url"] for k in data["keywords"] if k.get("url")), None)
    if keyword:
        kinds["keyword"] = keyword
    if data["topics"]:
        kinds["topic"] = data["topics"][0]["url"]
    authors = sorted((site / "authors").glob("*/index.html")) if (site / "authors").is_dir() else []
    if authors:
        kinds["author"] = authors[0].parent.relative_to(site).as_posix() + "/"
    return kinds


def lighthouse(binary: str, url: str, out: Path) -> dict[str, Any]:
    command = [
        binary,
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=600)
    return json.loads(out.read_text(encoding="utf-8"))


def failed_audits(report: dict[str, Any]) -> dict[str, float]:
    """Audits of the four categories that did not pass (binary audits at 0, others under 0.9): score."""
    refs = [ref for name in CATEGORIES for ref in report["categories"][name]["auditRefs"]]
    out = {}
    for audit_id in {ref["id"] for ref in refs if ref["weight"]}:
        audit = report["audits"][audit_id]
        score = audit.get("score")
        if score is not None and score < (1 if audit.get("scoreDisplayMode") == "binary" else 0.9):
            out[audit_id] = score
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lighthouse", required=True, help="the lighthouse command (make audit installs it)")
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=ROOT / ".cache" / "audit")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing (apt-get install chromium)")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    url = f"http://127.0.0.1:{httpd.server_address[1]}{PREFIX}"
    site = build(args.work / "project", args.seeds.resolve(), url)
    _Handler.root = site
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    reports = args.work / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        for kind, path in pages(site).items():
            scores: dict[str, list[float]] = {name: [] for name in CATEGORIES}
            failed: dict[str, float] = {}  # audit -> its worst score over the runs
            for run in range(args.runs):
                report = lighthouse(args.lighthouse, url + path, reports / f"{kind}-{run}.json")
                for name in CATEGORIES:
                    scores[name].append(report["categories"][name]["score"] * 100)
                for audit_id, score in failed_audits(report).items():
                    failed[audit_id] = min(score, failed.get(audit_id, 1))
            medians = [f"{statistics.median(scores[name]):.0f}" for name in CATEGORIES]
            spread = f"{min(scores['performance']):.0f}-{max(scores['performance']):.0f}"
            failures = ", ".join(f"{a} ({failed[a]:.2g}, worst)" for a in sorted(failed)) or "-"
            rows.append(f"| {kind} | `{path or '/'}` | {' | '.join(medians)} | {spread} | {failures} |")
            print(f"{kind}: {medians}", file=sys.stderr)
    finally:
        httpd.shutdown()
    version = report["lighthouseVersion"]
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"Lighthouse {version}, mobile, {args.runs} runs a page (median), gzip as Pages serves; load {load}"
    )
    print()
    head = (
        "page | path | performance | accessibility | best practices | SEO | performance range | failed audits"
    )
    print(f"| {head} |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
