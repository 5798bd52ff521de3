"""The tagger's compiled decoder (generator/text/_tagdecode.c) against the pure-Python one: the same
tags and the same scores on every sentence, and the tagger still works where it is not built."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from generator.text import tagger

DATA = Path(__file__).parent / "data"
# words the features may not know, characters of every width, hyphens at either end, numbers, clitics
ODD = [
    "Naïve Bayes beats the \u03b1-\u03b2 pruning of \U0001d4aa(n) trees by 3.5 % in 2020 .",
    "The pre- and post-training stages don't differ ; - see Fig. 3 ( left ) .",
    "Zyxwv qqqq-zzz XYZ-9000 ' s gain , e.g. 1,000,000 !",
    "Speeds",
    "ModelsModels learns 😀 emoji tokens fast",
]


def _sentences() -> list[list[str]]:
    found = [line.split() for line in ODD]
    for path in sorted((DATA / "seeds").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            found.extend(tagger.tokenize(s) for s in tagger.sentences(line))
    return [s for s in found if s]


def _decoded(model: tagger.Model, tokens: list[str], clause_pass: bool, compiled: object) -> tuple:
    """(tags, scores of each scored token or None) of one decoder."""
    seen: list[list[np.ndarray | None]] = []
    real = model._give_clauses_verbs
    model._give_clauses_verbs = lambda t, g, alternatives: (
        seen.append(list(alternatives))
        or real(  # type: ignore[method-assign]
            t, g, alternatives
        )
    )
    model.compiled = compiled  # type: ignore[assignment]
    try:
        tags = model._tag_tokens(tuple(tokens), clause_pass)
    finally:
        del model._give_clauses_verbs
    scores = [None if s is None else s.tolist() for s in seen[0]] if seen else None
    return tags, scores


@pytest.fixture(scope="module")
def model() -> tagger.Model:
    if tagger._compiled is None:
        if os.environ.get("CI"):
            pytest.fail("the compiled decoder was not built (setup.py): CI has a compiler")
        pytest.skip("the compiled decoder is not built here")
    return tagger.Model.load()


def test_compiled_and_python_decoders_give_the_same_tags_and_scores(model: tagger.Model) -> None:
    sentences = _sentences()
    assert len(sentences) > 300
    compiled = tagger._compiled
    changed = 0
    for tokens in sentences:
        for clause_pass in (True, False):
            fast = _decoded(model, tokens, clause_pass, compiled)
            slow = _decoded(model, tokens, clause_pass, None)
            assert fast == slow, tokens
        changed += model._tag_tokens(tuple(tokens), True) != model._tag_tokens(tuple(tokens), False)
    assert changed > 0  # the clause pass read the compiled scores and moved some tags


def test_the_window_memo_and_the_compiled_decoder_agree(model: tagger.Model) -> None:
    """The titles stage tags inside ``remembering``: the Python path's memo, the compiled path's none."""
    sentences = _sentences()[:200]
    model.compiled = tagger._compiled
    fast = [model._tag_tokens(tuple(s), True) for s in sentences]
    model.compiled = None
    with model.remembering():
        slow = [model._tag_tokens(tuple(s), True) for s in sentences]
        again = [model._tag_tokens(tuple(s), True) for s in sentences]
    assert fast == slow == again


def test_the_tagger_runs_without_the_compiled_decoder() -> None:
    """Where the extension is not built (no compiler), the import falls back to the Python decoder."""
    code = (
        "import sys; sys.modules['generator.text._tagdecode'] = None\n"
        "from generator.text import tagger\n"
        "assert tagger._compiled is None and tagger.model().compiled is None\n"
        "print(' '.join(t for _, t in tagger.tag('Decoding speeds up by a factor of two.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == [t for _, t in tagger.tag("Decoding speeds up by a factor of two.")]
    assert done.stdout.split()[:2] == ["VBG", "VBZ"]
