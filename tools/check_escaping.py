"""Break each protection in turn, in a scratch copy of the repo, and show which tests then fail.

    .venv/bin/python tools/check_escaping.py      # about 10-15 minutes; exits 1 if a mutation survives

A protection that no test notices when it is removed is not tested. Each mutation below removes or
weakens one escaping or safety rule; the suite subset must fail for every one of them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = [
    "tests/test_escape.py",
    "tests/test_render.py",
    "tests/test_keywords.py",
    "tests/test_write.py",
    "tests/test_hostile.py",
    "tests/test_scholar.py",
    "tests/test_citations.py",
]
MUTATIONS = {
    "text: no character references for seed text": (
        "generator/site/escape.py",
        "return Markup(str(value).translate(_ENTITIES))",
        "return Markup(str(value))",
    ),
    "page_title: no word joiner after < and &": (
        "generator/site/escape.py",
        "return one_line(value).translate(_TITLE_MARKUP)",
        "return one_line(value)",
    ),
    "attribute: description not HTML-escaped": (
        "generator/site/escape.py",
        "return html.escape(one_line(value), quote=True)",
        "return one_line(value)",
    ),
    "yaml_string: naive double quotes": (
        "generator/site/escape.py",
        "dumped = json.dumps(str(value), ensure_ascii=False)",
        "dumped = '\"' + str(value) + '\"'",
    ),
    "link: href not escaped": ("generator/site/escape.py", '<a href="{text(url)}"', '<a href="{url}"'),
    "link: any scheme allowed": (
        "generator/site/escape.py",
        'if not re.match(r"https?://", url, re.IGNORECASE):',
        "if False:",
    ),
    "slugs: index.md not reserved": (
        "generator/keywords/stage.py",
        'taken: set[str] = {"index"}',
        "taken: set[str] = set()",
    ),
    "write: files replaced one by one (no staging)": (
        "generator/site/write.py",
        "staged.append((_stage(target, data), target))",
        "_atomic_write(target, data)",
    ),
    "jsonld: '<' and '&' left as they are inside <script>": (
        "generator/site/scholar.py",
        'separators=(",", ":")).translate(_SCRIPT_SAFE)',
        'separators=(",", ":"))',
    ),
    "citation tags: values not escaped for an attribute": (
        "generator/site/scholar.py",
        "return tuple((name, escape.attribute(value)) for name, value in citation_tags(paper))",
        "return citation_tags(paper)",
    ),
    "citation tags: given for a generated title": (
        "generator/site/scholar.py",
        "    if paper.title_generated:\n        return ()\n",
        "",
    ),
    "RIS: values not put on one line": (
        "generator/site/citations.py",
        'f"{tag}  - {one_line(value)}\\n"',
        'f"{tag}  - {value}\\n"',
    ),
    "BibTeX: TeX's special characters not escaped": (
        "generator/site/citations.py",
        'escaped = "".join(_BIBTEX_SPECIAL.get(ch, ch) for ch in one_line(value))',
        "escaped = one_line(value)",
    ),
}


def main() -> int:
    tracked = (
        subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
        .stdout.decode()
        .split("\0")
    )
    survived = []
    with tempfile.TemporaryDirectory(prefix="check-escaping-") as scratch:
        copy = Path(scratch)
        for rel in filter(None, tracked):
            target = copy / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, target, follow_symlinks=False)
        for name, (rel, old, new) in MUTATIONS.items():
            path = copy / rel
            original = path.read_text(encoding="utf-8")
            if old not in original:
                print(f"?? {name}: code to mutate not found in {rel}")
                survived.append(name)
                continue
            path.write_text(original.replace(old, new), encoding="utf-8")
            try:
                result = subprocess.run(
                    [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *TESTS],
                    cwd=copy,
                    capture_output=True,
                    text=True,
                )
            finally:
                path.write_text(original, encoding="utf-8")
            lines = result.stdout.strip().splitlines()
            failing = sorted({ln.split(" ")[1] for ln in lines if ln.startswith(("FAILED ", "ERROR "))})
            verdict = "caught" if result.returncode != 0 else "SURVIVED"
            print(f"{verdict:8s} {name}: {lines[-1] if lines else '?'}")
            for test in failing:
                print(f"         {test}")
            sys.stdout.flush()
            if result.returncode == 0:
                survived.append(name)
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())
