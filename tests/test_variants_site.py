"""Near-duplicate variants end to end: summary, ids, catalogue.json, and the page in a real site."""

from __future__ import annotations

import json
import shutil
from html import unescape
from pathlib import Path

import pytest

from generator.errors import BuildError
from generator.inputs.ingest import ID_LOCK
from generator.pipeline import build

from .conftest import FROZEN_SEEDS, build_site
from .gitrepo import DAY1, DAY2, commit, new_repo
from .sitehtml import fragment, inner_html

BASE = (
    "Graph neural networks learn representations of nodes by passing messages along edges. "
    "We show that deeper message passing over-smooths node features and propose a residual "
    "gating scheme that keeps them distinct. On six node classification benchmarks the method "
    "improves accuracy by four points over strong baselines."
)
# A version 2: a fixed phrase, an extra sentence, and seed text that must stay data.
V2 = BASE.replace("four points", "4.5 points") + " Code: <script>alert(1)</script> {{ 7*7 }}."
OTHER = "Diffusion models generate images by reversing a noising process step by step."


def test_variant_added_later_keeps_the_id_and_shows_on_the_page(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "repo")
    seeds = repo / "seeds"
    commit(repo, {"seeds/m.txt": f"{BASE}\n{OTHER}\n{BASE}\n".encode()}, DAY1)
    first = build(seeds, tmp_path / "docs", quiet=True)
    assert (first.exact_duplicates, first.near_duplicates, first.ids_pinned) == (1, 0, False)
    before = json.loads((tmp_path / "docs/catalogue.json").read_text(encoding="utf-8"))
    (old,) = (p for p in before["papers"] if len(p["sources"]) == 2)

    # The more complete version 2 arrives in a seed file that sorts first.
    commit(repo, {"seeds/000.txt": f"{V2}\n".encode()}, DAY2)
    second = build(seeds, tmp_path / "docs", quiet=True)
    assert (second.seed_lines, second.papers, second.exact_duplicates, second.near_duplicates) == (4, 2, 1, 1)
    assert second.line().startswith(
        "4 seed lines read, 2 papers, 2 duplicates merged (1 exact, 1 near-duplicates)"
    )
    data = json.loads((tmp_path / "docs/catalogue.json").read_text(encoding="utf-8"))
    (paper,) = (p for p in data["papers"] if len(p["sources"]) == 3)
    assert paper["id"] == old["id"]
    assert paper["abstract"] == V2
    assert [(v["file"], v["line"]) for v in paper["variants"]] == [("m.txt", 1), ("m.txt", 3)]
    assert all(0.5 <= v["similarity"] < 1 for v in paper["variants"])
    assert data["stats"]["near_duplicates"] == 1 and data["stats"]["exact_duplicates"] == 1
    assert "## Variants" in (tmp_path / f"docs/papers/{paper['id']}.md").read_text(encoding="utf-8")
    home = (tmp_path / "docs/index.md").read_text(encoding="utf-8")
    assert "4 seed lines: 1 exact duplicate and 1 near-duplicate merged into 2 papers" in home


@pytest.mark.site
def test_variant_differences_are_marked_and_escaped_in_the_built_site(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(f"{BASE}\n{V2}\n{OTHER}\n", encoding="utf-8")
    site = build_site(tmp_path / "out", seeds)
    data = json.loads((site.site / "catalogue.json").read_text(encoding="utf-8"))
    (paper,) = (p for p in data["papers"] if p.get("variants"))
    page = site.site / paper["url"] / "index.html"
    html = page.read_text(encoding="utf-8")
    # Compared as parsed: the minified page writes a character reference as the character itself.
    diff = unescape(inner_html(page, "variant-diff"))
    assert "<del>4.5</del> <ins>four</ins>" in diff
    assert "<del>Code: <script>alert" in diff  # the shown v2 has it, the variant lacks it (as text)
    assert "<script>alert" not in html and "49" not in diff[:2000]
    marks = fragment(inner_html(page, "variant-diff")).elements
    assert marks and {tag for tag, _ in marks} <= {"del", "ins"}
    assert "a.txt:1" in unescape(inner_html(page, "variant-source"))


def test_damaged_id_lock_is_reported_with_its_place(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(FROZEN_SEEDS, seeds)
    (seeds / ID_LOCK).write_text('{"not-a-key": "x"}', encoding="utf-8")
    with pytest.raises(BuildError) as info:
        build(seeds, tmp_path / "docs", quiet=True)
    assert info.value.problems[0].where == f"{seeds.as_posix()}/{ID_LOCK}"
