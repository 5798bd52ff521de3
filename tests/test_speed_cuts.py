"""Cold-build cuts of the sixth session that must not change a value (BENCHMARKS.md, "Cold build,
sixth session"): each compared with the path it replaced, on the frozen seeds."""

from __future__ import annotations

import subprocess
import sys

from generator.inputs import ingest
from generator.keywords import contexts
from generator.relate import terms
from generator.text import nounphrases
from generator.text.tagger import tag_sentences

from .conftest import FROZEN_SEEDS


def _abstracts() -> list[str]:
    return [line.text for line in ingest.read_seeds(FROZEN_SEEDS)]


def test_the_stop_words_read_from_their_module_are_scikit_learns() -> None:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    assert terms.english_stop_words() == ENGLISH_STOP_WORDS and len(ENGLISH_STOP_WORDS) > 300
    assert terms.STOP_WORDS >= ENGLISH_STOP_WORDS


def test_the_pools_server_imports_the_stages_without_scikit_learn() -> None:
    # what the pool's server imports before it forks the workers (parallel.PRELOAD)
    code = "import sys, generator.runtime.warm; print('sklearn' in sys.modules, 'scipy.stats' in sys.modules)"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.split() == ["False", "False"]


def _incidental_plain(tokens: list[str]) -> tuple[set[int], set[int]]:
    """The fifth session's cue loop: every cue tried at every token."""
    saved = contexts._CUES_BY_FIRST
    every = dict.fromkeys({cue[0] for cue in contexts._EXAMPLE_CUES}, contexts._EXAMPLE_CUES)
    contexts._CUES_BY_FIRST = every  # type: ignore[assignment]
    try:
        return contexts.incidental_tokens(tokens)
    finally:
        contexts._CUES_BY_FIRST = saved


def test_cues_looked_up_by_first_word_mark_the_same_tokens_as_every_cue_tried() -> None:
    texts = [
        *_abstracts(),
        "Our model outperforms BERT, GPT-2 and XLNet on GLUE, e.g. on MNLI. We would like to thank them.",
        "Baselines such as VGG, ResNet etc. are weaker than ours (Smith et al., 2019). "
        "Frankle & Carbin (2019) agree.",
    ]
    marked = 0
    for text in texts:
        tokens = contexts.sentence_of_tokens(text)[0]
        fast, plain = contexts.incidental_tokens(tokens), _incidental_plain(tokens)
        assert fast == plain
        marked += len(fast[0])
    assert marked > 100  # the cues and citations were found, not skipped


def test_remembered_cited_surnames_are_the_fresh_ones() -> None:
    text = "We extend the model of Bertinetto et al. [2019], as proposed by Friston (2010), to graphs."
    fresh = contexts.cited_surnames.__wrapped__(text)
    assert fresh == contexts.cited_surnames(text) == contexts.cited_surnames(text)
    assert {"Bertinetto", "Friston"} <= fresh
    for text in _abstracts():
        assert contexts.cited_surnames(text) == contexts.cited_surnames.__wrapped__(text)


def test_remembered_chunks_are_the_fresh_runs() -> None:
    runs = 0
    for text in _abstracts():
        for sentence in tag_sentences(text):
            fresh = nounphrases._chunks(sentence)
            assert nounphrases.chunks(sentence) == tuple(tuple(run) for run in fresh)
            assert nounphrases.chunks(sentence) is nounphrases.chunks(sentence)  # remembered
            runs += len(fresh)
    assert runs > 200
