"""The shared text toolkit (generator/text/): each rule once, and every stage using that one."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from generator.text.acronyms import definitions, expand, long_form, table
from generator.text.forms import phrase_key, plural, singular
from generator.text.latex import strip_latex
from generator.text.sentences import sentences
from generator.text.slug import slugify

ROOT = Path(__file__).resolve().parent.parent


def test_plural_case_and_hyphen_variants_share_a_phrase_key() -> None:
    assert phrase_key("Knowledge Graphs") == phrase_key("knowledge graph")
    assert phrase_key("pre-trained models") == phrase_key("pretrained model")
    assert [singular(w) for w in ("process", "queries", "classes", "analysis", "series", "models")] == [
        "process", "query", "class", "analysis", "series", "model",
    ]  # fmt: skip


def test_one_acronym_detector() -> None:
    text = "Graph Neural Networks (GNNs) are popular. We train GNNs. Results (see Table 2) and (AB) alone."
    assert [(d.short, d.long, d.letters) for d in definitions(text)] == [
        ("GNNs", "Graph Neural Networks", "GNN")
    ]
    assert table(text) == {"GNNs": "Graph Neural Networks", "GNN": "Graph Neural Network"}
    assert "We train Graph Neural Networks." in expand(text)
    assert long_form("MoTCoder", "we present Modular-of-Thought Coder") == "Modular-of-Thought Coder"
    assert long_form("XYZ", "nothing that matches here") is None
    # A long form never starts with a function word and stays in its clause.
    assert definitions("We use the Large Language Models (LLMs); see also (LM) here.")[0].long == (
        "Large Language Models"
    )


def test_sentences_do_not_end_at_abbreviations() -> None:
    assert sentences("We use e.g. the model. It works! Does it? 3 runs.") == [
        "We use e.g. the model.", "It works!", "Does it?", "3 runs.",
    ]  # fmt: skip


def test_latex_to_plain_words() -> None:
    assert strip_latex("over $15$ thousand \\textbf{bold} ``quoted''") == 'over 15 thousand bold "quoted"'


def test_one_slugifier_for_every_page_name() -> None:
    assert slugify("Graph Neural Networks") == "graph-neural-networks"
    assert len(slugify("x " * 100)) <= 60
    assert re.fullmatch(r"topic-[0-9a-f]{8}", slugify("日本語", fallback="topic"))


def test_each_rule_is_defined_once() -> None:
    """Grep the package: the rules named in issue 19 have exactly one definition, in generator/text/."""
    rules = {
        "def singular(": "generator/text/forms.py",
        "def phrase_key(": "generator/text/forms.py",
        "def long_form(": "generator/text/acronyms.py",
        "def sentences(": "generator/text/sentences.py",
        "def strip_latex(": "generator/text/latex.py",
        "def slugify(": "generator/text/slug.py",
    }
    sources = {p.relative_to(ROOT).as_posix(): p.read_text() for p in (ROOT / "generator").rglob("*.py")}
    for needle, home in rules.items():
        found = sorted(name for name, text in sources.items() if needle in text)
        others = [f for f in found if f != home and not f.startswith("generator/keywords/stage.py")]
        assert home in found and not others, (needle, found)
    # The keyword stage's slugify is a thin name for the toolkit's (it fixes the fallback word).
    assert "slugs.slugify(" in (ROOT / "generator/keywords/stage.py").read_text()
    # No hand-made plural folding or second sentence regex outside the toolkit.
    again = re.compile(r'endswith\("ies"\)|_SENTENCE_END =|_ACRONYM = re.compile')
    hits = [
        name
        for name, text in sources.items()
        if again.search(text) and not name.startswith("generator/text/")
    ]
    assert not hits, hits


def test_no_conflict_markers_in_tracked_files() -> None:
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    marker = re.compile(rb"^(<{7} |>{7} |={7}$)", re.M)
    bad = [
        name.decode()
        for name in files.split(b"\0")
        if name and (ROOT / name.decode()).is_file() and marker.search((ROOT / name.decode()).read_bytes())
    ]
    assert not bad, bad


def test_plural_is_the_other_number_singular_folds_back() -> None:
    words = ["query", "class", "model", "approach", "box", "day", "batch"]
    wanted = ["queries", "classes", "models", "approaches", "boxes", "days", "batches"]
    assert [plural(w) for w in words] == wanted
    assert all(singular(plural(w)) == w for w in ["query", "model", "approach", "day"])
