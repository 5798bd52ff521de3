"""tools/check_site.py, the Pages gate on a built site: passes a good site, names what is broken."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from .conftest import BuiltSite, load_module

check_site = load_module("check_site", "tools/check_site.py")


@pytest.mark.site
def test_the_smoke_check_passes_the_built_site_and_names_broken_pages(
    seed_site: BuiltSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check_site.main([str(seed_site.site), "--linkchecker", "never"]) == 0
    out = capsys.readouterr().out
    assert "site OK (smoke check: 7 pages; " in out
    assert int(out.split("; ")[1].split()[0]) > 1000  # internal links checked, of every page
    broken = tmp_path / "site"
    shutil.copytree(seed_site.site, broken)
    papers = json.loads((broken / "catalogue.json").read_text(encoding="utf-8"))["papers"]
    first, last = papers[0], papers[-1]
    for path in (broken / first["url"]).parent.glob(first["id"] + "*"):
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    page = next(
        p
        for p in [broken / last["url"] / "index.html", broken / (last["url"].rstrip("/") + ".html")]
        if p.is_file()
    )
    page.write_text("<html><body>an empty page</body></html>", encoding="utf-8")
    index = broken / "index.html"
    # minified pages leave attribute values unquoted: href=#x as well as href="#x"
    text, count = re.subn(r'href=("?)#', r"href=\1#gone-", index.read_text(encoding="utf-8"), count=1)
    assert count == 1
    index.write_text(text, encoding="utf-8")
    assert check_site.main([str(broken), "--linkchecker", "never"]) == 1
    out = capsys.readouterr().out
    assert f"{first['url'].rstrip('/')}" in out and "HTTP 404" in out
    assert f"does not show {last['title']!r}" in out and "does not show its abstract" in out
    assert f"broken link '../{first['id']}" in out or f"broken link 'papers/{first['id']}" in out
    assert "index.html: link '#gone-" in out and "no anchor #gone-" in out
