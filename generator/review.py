"""What a seed change does to the catalogue: a Markdown review of two ``catalogue.json`` files.

``python -m generator diff BASE.json HEAD.json`` compares the catalogue built from the base
commit's seeds with the one built from the change, and writes (for a pull request's or a push's job
summary, ``$GITHUB_STEP_SUMMARY``) the papers added (title, first keywords, URL) and removed, the
lines merged as exact duplicates, the near-duplicates with the paper they join and their similarity,
every id that changed (called out: there should be none), and the build's problems with
``file:line``. Each near-duplicate merge is also a notice annotation on its line.

Lines are followed by their variant key (``sources[].key`` in catalogue.json: one key per distinct
text), never by ``file:line``, so lines that shift, move or change files are not reported as new.
Every text from the seeds is Markdown-escaped: seed text is data.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROBLEM = re.compile(r"^(seeds/[^:\s]+)(?::(\d+))?: (.+)$")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~&\"'$%^=:;,@?/])")
FIRST_KEYWORDS = 3
# Entries listed per section: GitHub shows a job summary of at most 1 MiB.
MOST = 200


@dataclass(frozen=True)
class Review:
    markdown: str
    annotations: tuple[str, ...] = ()
    # the counts the summary shows, for callers and tests
    counts: dict[str, int] = field(default_factory=dict)


def load(path: Path) -> dict[str, Any] | None:
    """A catalogue.json, or None when the build wrote none (it failed)."""
    if not path.is_file():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def problems_in(log: str) -> list[str]:
    """The build's seed problems (``seeds/x.txt:42: ...``) from its output, in order, once each."""
    found = [line.strip() for line in log.splitlines() if PROBLEM.match(line.strip())]
    return list(dict.fromkeys(found))


def md(text: object) -> str:
    """Plain text in Markdown: every ASCII punctuation mark escaped, so seed text stays text."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def code(text: str) -> str:
    """A code span that no text can break out of (backticks become quotes, pipes are escaped for tables)."""
    return "`" + " ".join(text.split()).replace("`", "'").replace("|", "\\|") + "`"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def notice(file: str, line: int, message: str) -> str:
    """A GitHub Actions notice annotation on ``file:line``."""
    return f"::notice file={_escape_property(file)},line={line}::{_escape_data(message)}"


def _by_id(catalogue: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    return {p["id"]: p for p in (catalogue or {}).get("papers", [])}


def _lines_by_key(paper: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    lines: dict[str, list[dict[str, Any]]] = {}
    for source in paper["sources"]:
        lines.setdefault(source.get("key", ""), []).append(source)
    return lines


def _where(source: dict[str, Any], seeds: str) -> str:
    return f"{seeds}/{source['file']}:{source['line']}"


def _link(paper: dict[str, Any], site_url: str) -> str:
    return f"[{md(paper['title'])}]({site_url}{paper['url']})"


def _more(items: list[Any]) -> list[str]:
    return ["", f"... and {len(items) - MOST} more (see catalogue.json)"] if len(items) > MOST else []


def _most(lines: list[str]) -> list[str]:
    return lines[:MOST] + _more(lines)


def review(
    base: dict[str, Any] | None,
    head: dict[str, Any] | None,
    problems: list[str] | None = None,
    *,
    site_url: str = "",
    seeds: str = "seeds",
    base_label: str = "the base commit",
) -> Review:
    """The review of a seed change from ``base`` to ``head`` (None: that build failed)."""
    problems = problems or []
    old, new = _by_id(base), _by_id(head)
    out = ["## What this seed change does to the catalogue", ""]
    notes: list[str] = []
    if head is None:
        out += [
            f"**The build failed: nothing is published** until the {len(problems)} problem(s) below "
            "are fixed.",
            "",
        ]
    else:
        before = f"{len(old)} papers" if base is not None else "no catalogue (its build failed)"
        out += [
            f"Compared with {md(base_label)}: {before} before, {len(new)} papers after "
            f"({head['stats']['seed_lines']} seed lines).",
            "",
        ]
    old_keys = {s.get("key"): p["id"] for p in old.values() for s in p["sources"]}
    new_keys = {s.get("key"): p["id"] for p in new.values() for s in p["sources"]}
    moved = sorted(
        {(old_keys[k], pid) for k, pid in new_keys.items() if k in old_keys and old_keys[k] != pid}
    )
    added = [p for pid, p in new.items() if pid not in old]
    removed = [p for pid, p in old.items() if pid not in new]
    exact: list[str] = []
    near: list[str] = []
    for pid, paper in new.items():
        before_lines = {k: len(v) for k, v in _lines_by_key(old[pid]).items()} if pid in old else {}
        similarity = {(v["file"], v["line"]): v["similarity"] for v in paper.get("variants", ())}
        lines = _lines_by_key(paper)
        for key, copies in lines.items():
            places = ", ".join(code(_where(c, seeds)) for c in copies)
            if len(copies) > max(before_lines.get(key, 0), 1):
                exact.append(
                    f"- {_link(paper, site_url)}: {len(copies)} identical lines ({places}), shown once"
                )
            shown = (copies[0]["file"], copies[0]["line"]) not in similarity
            if key in before_lines or key in old_keys or len(lines) == 1 or (shown and pid not in old):
                continue
            # A text this paper did not have: a near-duplicate that joins it.
            if shown:
                # the shown text's similarity to the copies this paper already had
                earlier = max(
                    (
                        similarity[(c["file"], c["line"])]
                        for k, cs in lines.items()
                        if k in before_lines
                        for c in cs
                        if (c["file"], c["line"]) in similarity
                    ),
                    default=None,
                )
                what = (f"similarity {earlier:.2f} to the earlier text; " if earlier is not None else "") + (
                    "the most complete version, now shown (the earlier text is listed under Variants)"
                )
            else:
                what = f"similarity {similarity[(copies[0]['file'], copies[0]['line'])]:.2f}"
            near.append(f"- {places} joins {_link(paper, site_url)} ({md(pid)}): {what}")
            message = (
                f"Near-duplicate of “{paper['title']}” ({site_url}{paper['url']}), {what}: merged into it."
            )
            notes += [notice(f"{seeds}/{c['file']}", c["line"], message) for c in copies]
    renamed_old = {a for a, _ in moved}
    renamed_new = {b for _, b in moved}
    added = [p for p in added if p["id"] not in renamed_new]
    removed = [p for p in removed if p["id"] not in renamed_old]

    out += [f"### Papers added ({len(added)})", ""]
    if added:
        out += ["| Paper | First keywords | URL |", "|---|---|---|"]
        for p in added[:MOST]:
            keywords = ", ".join(md(k) for k in p["keywords"][:FIRST_KEYWORDS]) or "none"
            out.append(f"| {_link(p, site_url)} | {keywords} | {code(site_url + p['url'])} |")
        out += _more(added)
    else:
        out.append("None.")
    out += ["", f"### Papers removed ({len(removed)})", ""]
    gone = [f"- {_link(p, site_url)} ({md(p['id'])}): its page goes away" for p in removed]
    out += _most(gone) or ["None."]
    out += ["", f"### Lines merged as exact duplicates ({len(exact)})", ""]
    out += _most(exact) or ["None."]
    out += ["", f"### Near-duplicates merged ({len(near)})", ""]
    out += _most(near) or ["None."]
    out += ["", "### Ids that changed", ""]
    if moved:
        out += [f"**Warning: {len(moved)} paper(s) changed id, so their URLs change** (old links break):", ""]
        out += [f"- {md(a)} → {_link(new[b], site_url)} ({md(b)})" for a, b in moved]
    else:
        out.append("None: every paper kept its id and URL.")
    out += ["", f"### Problems ({len(problems)})", ""]
    out += _most([f"- {code(p)}" for p in problems]) or ["None."]
    counts = {
        "added": len(added),
        "removed": len(removed),
        "exact": len(exact),
        "near": len(near),
        "ids_changed": len(moved),
        "problems": len(problems),
    }
    return Review("\n".join(out) + "\n", tuple(notes), counts)
