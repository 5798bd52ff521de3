"""`make preview`: the published variant of the site, served under its path prefix as Pages serves it."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from .conftest import ROOT


def dry_run(*args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "OFFLINE", "MAKEFLAGS", "MFLAGS")}
    proc = subprocess.run(
        ["make", "-n", "preview", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_make_preview_builds_what_pages_publishes_and_serves_it_under_its_path() -> None:
    out = dry_run("SITE_URL=https://someone.github.io/cat/")
    # The Pages workflow's build step: `make site` with SITE_URL and OFFLINE=false.
    assert "SITE_URL='https://someone.github.io/cat/' make --no-print-directory site OFFLINE=false" in out
    assert re.search(r"^OFFLINE=false \S*mkdocs build --strict", out, re.M)
    assert "tools/preview.py site --site-url 'https://someone.github.io/cat/' --port 8000" in out
    # Without SITE_URL: built for the local address, under the folder's name as the repository's.
    local = f"http://127.0.0.1:8000/{ROOT.name}/"
    assert f"tools/preview.py site --site-url '{local}' --port 8000" in dry_run()


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_the_preview_server_serves_the_site_under_the_prefix_on_loopback_only(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "papers/abc").mkdir(parents=True)
    (site / "index.html").write_text("<h1>home</h1>", encoding="utf-8")
    (site / "papers/abc/index.html").write_text("<h1>a paper</h1>", encoding="utf-8")
    (site / "404.html").write_text("<h1>not here</h1>", encoding="utf-8")
    cmd = [
        sys.executable,
        str(ROOT / "tools/preview.py"),
        str(site),
        "--site-url",
        "https://u.github.io/cat/",
    ]
    proc = subprocess.Popen([*cmd, "--port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        line = ""
        while not line and time.monotonic() < deadline:
            ready, _, _ = select.select([proc.stdout], [], [], 1)
            if ready:
                line = proc.stdout.readline() if proc.stdout else ""
            assert proc.poll() is None, "the preview server stopped"
        url = re.search(r"http://\S+/", line)
        assert url, line
        parts = urlsplit(url.group(0))
        assert parts.hostname == "127.0.0.1" and parts.path == "/cat/"
        assert fetch(url.group(0)) == (200, "<h1>home</h1>")
        assert fetch(url.group(0) + "papers/abc/") == (200, "<h1>a paper</h1>")
        # Outside the prefix, or a missing page: Pages' 404 page, as on a project site.
        assert fetch(f"http://127.0.0.1:{parts.port}/papers/abc/") == (404, "<h1>not here</h1>")
        assert fetch(url.group(0) + "papers/zzz/") == (404, "<h1>not here</h1>")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_the_preview_refuses_a_folder_without_a_site(tmp_path: Path) -> None:
    cmd = [sys.executable, str(ROOT / "tools/preview.py"), str(tmp_path), "--site-url", "http://x/y/"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    assert proc.returncode == 2 and "no built site" in proc.stderr
