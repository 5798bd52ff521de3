"""The part-of-speech tagger (generator/text/tagger.py): tokens, tags on hand-tagged scientific prose,
determinism and the shipped model."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.text import tagger

FIXTURE = Path(__file__).parent / "data" / "tagger" / "scientific.txt"


def _gold() -> list[list[tuple[str, str]]]:
    sentences = []
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            sentences.append([tuple(pair.rsplit("/", 1)) for pair in line.split()])
    return sentences  # type: ignore[return-value]


GOLD = _gold()


def test_model_file_loads_with_the_penn_tag_set() -> None:
    model = tagger.Model.load(tagger.MODEL_PATH)
    assert {"NN", "NNS", "NNP", "JJ", "VBZ", "VBP", "VBG", "DT", "IN"} <= set(model.tags)
    assert model.matrix.shape == (len(model.features) + 1, len(model.tags))
    assert not model.matrix[-1].any()  # the row of unknown features adds nothing
    assert model.lexicon["the"] == "DT"


def test_tokens_follow_the_treebank_but_keep_hyphenated_words() -> None:
    text = "State-of-the-art GPT-2 models don't fail, e.g. on ImageNet (Smith et al. 2020)."
    assert tagger.tokenize(text) == [
        "State-of-the-art", "GPT-2", "models", "do", "n't", "fail", ",", "e.g.", "on", "ImageNet",
        "(", "Smith", "et", "al.", "2020", ")", ".",
    ]  # fmt: skip
    assert tagger.tokenize("the model's 3.5% gain") == ["the", "model", "'s", "3.5", "%", "gain"]


def test_sentences_are_the_toolkits_and_abbreviations_keep_their_stop() -> None:
    tagged = tagger.tag_sentences(
        "We use e.g. the BERT model. It works, cf. the table (Li et al., 2020). Results improve."
    )
    assert [" ".join(w for w, _ in s) for s in tagged] == [
        "We use e.g. the BERT model .",
        "It works , cf. the table ( Li et al. , 2020 ) .",
        "Results improve .",
    ]


def test_fixture_accuracy() -> None:
    correct = total = 0
    for sentence in GOLD:
        words = [w for w, _ in sentence]
        assert [w for w, _ in tagger.tag(" ".join(words))] == words  # the tokeniser agrees with the fixture
        guessed = tagger.model().tag_tokens(words)
        correct += sum(g == t for (_, g), (_, t) in zip(guessed, sentence, strict=True))
        total += len(sentence)
    assert correct / total >= 0.95


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("Our method rivals the state-of-the-art on ImageNet.", "rivals", "VBZ"),
        ("The learner replays samples from a buffer.", "replays", "VBZ"),
        ("The learner replays samples from a buffer.", "samples", "NNS"),
        ("This phenomenon occurs because generators create samples.", "occurs", "VBZ"),
        ("This phenomenon occurs because generators create samples.", "create", "VBP"),
        ("Decoding speeds up by a factor of two.", "speeds", "VBZ"),
        ("Bayesian neural networks don't scale.", "Bayesian", "JJ"),
        ("The Wasserstein distance improves stability.", "Wasserstein", "NNP"),
        ("The Wasserstein distance improves stability.", "improves", "VBZ"),
    ],
)
def test_noun_or_verb_after_a_noun(sentence: str, word: str, expected: str) -> None:
    assert dict(tagger.tag(sentence))[word] == expected


def test_clause_pass_gives_a_verbless_clause_its_verb_and_leaves_lists_alone() -> None:
    model = tagger.model()
    tokens = tagger.tokenize("Decoding speeds up by a factor of two .")
    assert dict(model.tag_tokens(tokens, clause_pass=False))["speeds"] == "NNS"
    assert dict(model.tag_tokens(tokens))["speeds"] == "VBZ"
    listed = tagger.tag("We compare decision trees, support vector machines and neural networks.")
    assert [t for w, t in listed if w in {"trees", "machines", "networks"}] == ["NNS", "NNS", "NNS"]


def test_original_case_and_determinism() -> None:
    text = "GANSynth generates audio with Generative Adversarial Networks. Atari games follow."
    first = tagger.tag(text)
    assert [w for w, _ in first][:2] == ["GANSynth", "generates"]
    fresh = tagger.Model.load()
    assert tuple(p for s in tagger.sentences(text) for p in fresh.tag_tokens(tagger.tokenize(s))) == first
    assert tagger.tag(text) == first
    assert tagger.tag("") == ()


def test_remembered_sentences_give_the_tags_a_fresh_tagging_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    """The keyword and titles stages tag the same sentences in one worker: the second tagging is
    the remembered one, and it equals a tagging from scratch, clause pass on or off."""
    model = tagger.Model.load()
    sentences = [[w for w, _ in gold] for gold in GOLD[:40]]
    fresh = [model._tag_tokens(tuple(s), True) for s in sentences]
    plain = [model._tag_tokens(tuple(s), False) for s in sentences]
    assert [model.tag_tokens(s) for s in sentences] == fresh
    calls: list[tuple[str, ...]] = []
    real = model._tag_tokens
    monkeypatch.setattr(model, "_tag_tokens", lambda t, c: calls.append(t) or real(t, c))
    assert [model.tag_tokens(list(s)) for s in sentences] == fresh  # a list or a tuple, same key
    assert calls == []
    assert [model.tag_tokens(s, clause_pass=False) for s in sentences] == plain
    assert len(calls) == len(sentences)  # the clause pass is part of what is remembered
    monkeypatch.setattr(tagger, "SENTENCE_CACHE", 5)
    model._sentences.clear()
    assert [model.tag_tokens(s) for s in sentences] == fresh  # the cache starts again when full
    assert len(model._sentences) <= 6


def test_untokenize_writes_joined_tokens_as_text_again() -> None:
    """A title phrase is built from tokens; joined with spaces they read "Deep learning 's success"
    (a blind reader's broken title). ``untokenize`` undoes exactly the spaces tokenising added."""
    from generator.text.tagger import tokenize, untokenize

    for text in ("Deep learning's success", "(DNN) based keyword spotting", "Models don't fail, mostly."):
        assert untokenize(" ".join(tokenize(text))) == text
    assert untokenize("Authors' choice: a method") == "Authors' choice: a method"


def test_generated_titles_never_show_a_detached_clitic() -> None:
    from generator.titles.generate import fit

    assert fit("Self-supervised compression technique for Deep learning 's success") == (
        "Self-supervised compression technique for Deep learning's success"
    )
