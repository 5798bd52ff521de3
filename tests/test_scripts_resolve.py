"""The benchmark and tool scripts still refer to names the generator has.

`make bench` runs every bench/bench_*.py and nothing else imports them, so a renamed or moved
constant (``related.MIN_SCORE``, gone in the fourth session) broke `make bench` unnoticed. This
reads each script's syntax tree, imports the generator modules it imports and checks every
``module.NAME`` it reads and every ``from generator.x import NAME`` exists. Imports in an
``except ImportError`` fallback (scripts that also run on older commits) are not checked.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = sorted([*ROOT.glob("bench/*.py"), *ROOT.glob("tools/*.py")])


def _fallback_nodes(tree: ast.AST) -> set[int]:
    """ids of the nodes inside ``except`` handlers."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ExceptHandler):
            inside |= {id(n) for n in ast.walk(node)}
    return inside


def unresolved(source: str) -> list[str]:
    """The generator names a script refers to that do not exist."""
    tree = ast.parse(source)
    skip = _fallback_nodes(tree)
    modules: dict[str, str] = {}
    missing: list[str] = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "generator":
            parent = importlib.import_module(node.module)
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                try:
                    importlib.import_module(full)
                    modules[alias.asname or alias.name] = full
                except ModuleNotFoundError:
                    if not hasattr(parent, alias.name):
                        missing.append(f"from {node.module} import {alias.name}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "generator" and alias.asname:
                    modules[alias.asname] = alias.name
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in modules
            and not isinstance(node.ctx, ast.Store)
            and not hasattr(importlib.import_module(modules[node.value.id]), node.attr)
        ):
            missing.append(f"line {node.lineno}: {node.value.id}.{node.attr}")
    return missing


def test_the_check_finds_a_name_that_is_gone() -> None:
    script = (
        "from generator.relate import related\n"
        "from generator.relate.related import MAX_RELATED, NO_SUCH_NAME\n"
        "print(related.FIRST_MIN_SCORE, related.MIN_SCORE)\n"
        "try:\n    from generator.keywords import stage\nexcept ImportError:\n"
        "    from generator import stage_of_2024\n"
    )
    assert unresolved(script) == [
        "from generator.relate.related import NO_SUCH_NAME",
        "line 3: related.MIN_SCORE",
    ]


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_script_refers_only_to_names_that_exist(script: Path) -> None:
    assert unresolved(script.read_text(encoding="utf-8")) == []
