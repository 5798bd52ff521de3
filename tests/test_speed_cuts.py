"""Cold-build cuts of the sixth and eighth sessions that must not change a value (BENCHMARKS.md,
"Cold build, sixth session" and "... eighth session"): each compared with the path it replaced, on
the frozen seeds. The old bodies are kept here; ``bench/cuts_eighth.py`` replays them (``EIGHTH_CUTS``)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence

import numpy as np

from generator.inputs import ingest
from generator.keywords import contexts
from generator.relate import terms
from generator.text import nounphrases, tagger
from generator.text.tagger import (
    END,
    OWN_CACHE,
    START,
    Model,
    Tagged,
    context_features,
    history_features,
    left1_features,
    left2_features,
    lexical,
    normalize,
    own_features,
    pair_features,
    right1_features,
    right2_features,
    tag_sentences,
)
from generator.titles import names as _names

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


def _tag_tokens_plain(self: Model, tokens: Sequence[str], clause_pass: bool) -> Tagged:
    """The seventh session's ``Model._tag_tokens``: every token's static rows gathered and summed, every
    token scored, however often its window was tagged before."""
    matrix = self.matrix
    words = [*START, *(normalize(t) for t in tokens), *END]
    lex = [lexical(w, self.lexicon) for w in words]
    # The features of every token to score that do not depend on the tags on its left, summed at once.
    scored = [k for k in range(len(tokens)) if words[k + 2] not in self.tagdict]
    static = None
    if scored:
        ids = []
        for k in scored:
            i = k + 2
            word, token = words[i], tokens[k]
            # a word's own features are a function of the token as written (word = its normal form)
            own = self._own.get(token)
            if own is None:
                if len(self._own) > OWN_CACHE:
                    self._own.clear()
                own = self._own[token] = self._ids(own_features(word, token))
            ids.append(
                own
                + self._ids(
                    [
                        *left1_features(words[i - 1]),
                        *left2_features(words[i - 2]),
                        *right1_features(words[i + 1], lex[i + 1]),
                        *right2_features(words[i + 2], lex[i + 2]),
                        *pair_features(word, lex[i + 1], lex[i + 2]),
                    ]
                )
            )
        static = matrix[np.array(ids)].sum(axis=1)
    prev, prev2 = START
    unknown = self._unknown
    contexts = self._contexts
    tags: list[str] = []
    alternatives: list[np.ndarray | None] = [None] * len(tokens)
    position = 0
    for k in range(len(tokens)):
        word = words[k + 2]
        tag = self.tagdict.get(word)
        if tag is None:
            assert static is not None
            # integer sums: adding the rows in any grouping gives the same scores
            history = self._history.get((prev, prev2))
            if history is None:
                history = self._history[prev, prev2] = matrix[self._ids(history_features(prev, prev2))].sum(
                    axis=0
                )
            # the features of the word with the tag on its left, their rows summed once a triple
            triple = (word, prev, lex[k + 3])
            if triple in contexts:
                context = contexts[triple]
            else:
                if len(contexts) > OWN_CACHE:
                    contexts.clear()
                ids = [i for i in self._ids(context_features(word, prev, lex[k + 3])) if i != unknown]
                context = contexts[triple] = matrix[ids].sum(axis=0) if ids else None
            scores = static[position] + history
            if context is not None:
                scores = scores + context
            position += 1
            tag = self.tags[int(scores.argmax())]
            alternatives[k] = scores
        tags.append(tag)
        prev2, prev = prev, tag
    if clause_pass:
        self._give_clauses_verbs(tokens, tags, alternatives)
    return tuple(zip(tokens, tags, strict=True))


def _fresh_model() -> Model:
    shipped = tagger.model()
    return Model(shipped.features, shipped.tags, shipped.matrix, shipped.tagdict, shipped.lexicon)


def test_tags_from_windows_tagged_before_are_the_fresh_tags() -> None:
    """Candidates cut from sentences tagged before (prefixes, middles, joins, re-cased openings) take
    their windows' rows and scores again while ``remembering``: every tag as the old path gives it."""
    taggings = []
    for text in _abstracts():
        for sentence in tagger.sentences(text):
            tokens = tagger.tokenize(sentence)
            half = len(tokens) // 2
            cut = [tokens, tokens[:half], tokens[half:], tokens[2:], tokens[:-3], tokens[:3] + tokens[6:]]
            taggings += [t for t in [*cut, ["We", *tokens[1:]]] if t]
    new, plain = _fresh_model(), _fresh_model()
    new.compiled = None  # the memo is the Python decoder's (the compiled one: tests/test_tagdecode.py)
    fresh = [_tag_tokens_plain(plain, tokens, True) for tokens in taggings]
    assert [new._tag_tokens(tokens, True) for tokens in taggings] == fresh  # not remembering
    assert new._windows is None and new._decided is None
    with new.remembering():
        assert [new._tag_tokens(tokens, True) for tokens in taggings] == fresh
        assert new._decided is not None and new._windows is not None
        assert 0 < len(new._decided) < sum(len(tokens) for tokens in taggings) / 3  # windows taken again
        # without the clause pass, and again with the memos full
        assert [new._tag_tokens(t, False) for t in taggings] == [
            _tag_tokens_plain(plain, t, False) for t in taggings
        ]
        assert [new._tag_tokens(tokens, True) for tokens in taggings] == fresh
    assert new._windows is None and new._decided is None  # forgotten after
    assert len(fresh) > 1000


def test_the_titles_stage_remembers_windows_for_one_abstract_only() -> None:
    from generator.titles import generate

    seen: list[bool] = []
    model = tagger.model()
    real = model._tag_tokens

    def spied(tokens: Sequence[str], clause_pass: bool) -> Tagged:
        seen.append(model._windows is not None)
        return real(tokens, clause_pass)

    model._tag_tokens = spied  # type: ignore[method-assign]
    try:
        model._sentences.clear()
        generate._title_plain(json.dumps([_abstracts()[0], ["neural networks"]]))
    finally:
        del model._tag_tokens
    assert seen and all(seen)
    assert model._windows is None


def _inside_plain(piece: str, whole: str) -> bool:
    """The seventh session's ``names._inside``: the pattern searched for every pair."""
    import re

    return piece != whole and re.search(rf"(?<![\w-]){re.escape(piece)}(?![\w-])", whole) is not None


def test_pieces_found_with_the_substring_test_first_are_the_same() -> None:
    from generator.titles import names

    found = [
        "Neural Tangents", "Tangents", "FearNet", "Net", "Perturb-and-Parse", "Parse",
        "Differentiable Perturb-and-Parse", "Self-Tuning", "Self-Tuning Networks", "NET", "Tangent",
    ]  # fmt: skip
    pairs = [(a, b) for a in found for b in found]
    assert [names._inside(a, b) for a, b in pairs] == [_inside_plain(a, b) for a, b in pairs]
    assert sum(names._inside(a, b) for a, b in pairs) == 3  # Tangents, Perturb-and-Parse, Self-Tuning
    checked = 0
    for text in _abstracts():
        rows = names.features(text, ())
        candidates = [n for n, _ in rows]
        for a in candidates:
            for b in candidates:
                assert names._inside(a, b) == _inside_plain(a, b)
                checked += 1
    assert checked > 500


# The eighth session's cuts as ``bench/cuts_eighth.py`` toggles them: (name, holder, attribute, old body).
EIGHTH_CUTS: list[tuple[str, object, str, object]] = [
    ("tagger windows", Model, "_tag_tokens", _tag_tokens_plain),
    ("name pieces: substring test first", _names, "_inside", _inside_plain),
]
