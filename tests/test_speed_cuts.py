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


def _sentence_features_plain(sents: list[str], i: int) -> dict[str, float]:
    """The fifth session's ``tldr_model.sentence_features``: every other sentence split into words again."""
    import re
    from collections import Counter

    from generator.titles.tldr_model import _START_WE, _similarity, words

    s, n = sents[i], len(sents)
    toks = words(s)
    f: dict[str, float] = {f"pos={min(i, 4)}": 1.0, f"rpos={min(n - 1 - i, 3)}": 1.0}
    f["relpos"] = i / max(n - 1, 1)
    length = len(s.split())
    f[f"len={min(length // 8, 5)}"] = 1.0
    rest: Counter[str] = Counter(w for j, other in enumerate(sents) if j != i for w in words(other))
    f["sim"] = _similarity(Counter(toks), rest)
    for w in set(toks):
        f["w=" + w] = 1.0
    for k, w in enumerate(toks[:3]):
        f[f"f{k}={w}"] = 1.0
    lower = s.lower()
    starts_we = lower.startswith(_START_WE)
    f["startswe"] = float(starts_we)
    f["we_pos"] = float(starts_we) * f["relpos"]
    f["digits"] = float(bool(re.search(r"\d", s)))
    f["first_we"] = float(starts_we and not any(o.lower().startswith(_START_WE) for o in sents[:i]))
    f["L"] = min(length, 60) / 60
    f["L2"] = f["L"] ** 2
    f["n"] = n / 10
    return f


def test_sentence_features_from_words_split_once_are_the_same_to_the_bit() -> None:
    from generator.titles import tldr, tldr_model

    checked = 0
    for text in _abstracts():
        sents = tldr.abstract_sentences(text)
        for i in range(len(sents)):
            fast = tldr_model.sentence_features(sents, i)
            assert fast == _sentence_features_plain(sents, i)
            assert list(fast) == list(_sentence_features_plain(sents, i))  # same keys, same order
            checked += fast["sim"] > 0
    assert checked > 100


def _subject_name_plain(text: str) -> str:
    """The fifth session's ``contribution._subject_name``: the pattern searched before the cheap test."""
    import re

    from generator.text.sentences import sentences
    from generator.titles.contribution import _looks_coined

    seen = ""
    for sentence in sentences(text):
        first = sentence.split(maxsplit=1)[0].rstrip(",:") if sentence.split() else ""
        new = first and not re.search(rf"(?<!\w){re.escape(first)}(?!\w)", seen)
        if (
            new
            and _looks_coined(first)
            and re.match(rf"{re.escape(first)}\s*(?:,\s*an?\b|\s+is\s+an?\b|:)", sentence)
        ):
            return first
        seen += " " + sentence
    return ""


def test_subject_names_found_with_the_cheap_test_first_are_the_same() -> None:
    from generator.titles.contribution import _subject_name

    texts = [
        *_abstracts(),
        "Sets are hard. DeepSphere, a method for spheres, works. DeepSphere is fast.",
        "We use BERT here. BERT: a model. GANSynth is a synthesiser of audio.",
        "DeepSphere is used. Then DeepSphere, a method, is named again.",
    ]
    found = [_subject_name(text) for text in texts]
    assert found == [_subject_name_plain(text) for text in texts]
    assert found[-3:] == ["DeepSphere", "GANSynth", ""]
