"""Part-of-speech tags (Penn Treebank tag set) for English prose, offline and deterministic.

An averaged perceptron (Collins 2002; the design of NLTK's ``PerceptronTagger``), trained by
``tools/train_tagger.py`` on the Universal Dependencies English treebanks EWT and GUM (their XPOS
column, CC BY-SA 4.0; see ``data/README.md``). The model is a gzipped JSON file read once, on first
use. Accuracy and cost are in EVALUATION.md ("Part-of-speech tagger").

Tokens follow the treebanks (PTB style: punctuation and clitics apart, "do n't", "model 's"), except
that hyphenated words stay one token ("state-of-the-art", "GPT-2"), tagged as their syntactic head
was in training. Original case is kept.

Greedy left-to-right decoding sees the tags on its left only. The words on the right are seen through
their most frequent training tag (``lexicon``), so "speeds up", "rivals the" and "decouples acting"
get the context that separates a verb from a plural noun. A last pass enforces that a clause has a
finite verb: in a clause the model left without one, the noun after a noun that the model found most
verb-like becomes the verb, when its score came close (``VERB_MARGIN``, chosen on the treebanks' dev
splits).

The greedy decoder runs compiled where ``setup.py`` could build ``_tagdecode.c`` (a C extension,
optional: ``make install`` builds it when a C compiler and Python's headers are there, and goes on
without it when not): the same features, integer sums and argmax, so the same tags and scores
(``tests/test_tagdecode.py``), about three times faster; else the pure-Python decoder runs
(``Model._tag_python``). BENCHMARKS.md, "Cold build, ninth session".
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from functools import cache
from pathlib import Path

import numpy as np

from generator.text.sentences import sentences
from generator.text.tagger_features import (  # noqa: F401 (re-exported: tools and tests use tagger.X)
    _tail,
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
    shape,
    sparse_rows,
)
from generator.text.wordlists import TAGGER_ABBREVIATIONS as _ABBREVIATIONS
from generator.text.wordlists import TAGGER_CLAUSE_BREAK_WORDS as _CLAUSE_BREAK_WORDS

try:  # the compiled greedy decoder (setup.py, optional): the same tags, without the interpreter's loop
    from generator.text import _tagdecode as _compiled
except ImportError:  # not compiled here: the pure-Python decoder below
    _compiled = None

MODEL_PATH = Path(__file__).parent / "data" / "pos-tagger.json.gz"

Tagged = tuple[tuple[str, str], ...]
# A token in its window: the token as written, then the normal forms of two words on its left and two
# on its right (``Model._tag_tokens``).
Window = tuple[str, str, str, str, str]

_TOKEN = re.compile(
    r"""
    (?:[A-Za-z]\.){2,}(?![A-Za-z])            # e.g. i.e. U.S.
    |\d+(?:[.,]\d+)+                          # 3.5, 1,000
    |\w+(?=n['\u2019]t\b)                          # do|n't
    |n['\u2019]t\b
    |['\u2019](?:s|re|ve|ll|d|m)\b                 # clitics: model|'s
    |\w+(?:[-\u2010\u2013]\w+)*                         # words; hyphenated words stay one token
    |\.\.\.|--|[^\w\s]                        # punctuation, one character at a time
    """,
    re.VERBOSE,
)
FINITE = frozenset({"VBZ", "VBP", "VBD", "MD"})
NOUNS = frozenset({"NN", "NNS", "NNP", "NNPS"})
# A clause ends at punctuation that separates clauses and at words that open a new one.
_CLAUSE_BREAK_TAGS = frozenset({":", ",", "WDT", "WP", "WRB", "CC", "-LRB-", "-RRB-"})
_NOUN_PHRASE = frozenset({"DT", "PRP$", "JJ", "JJR", "JJS", "CD", "POS", *NOUNS})
_SUBJECT_END = frozenset({*NOUNS, "VBG"})
# How close a finite-verb reading must score (weights are stored x100) to be chosen for a clause without
# one; chosen on the EWT and GUM dev splits (tools/train_tagger.py --split dev).
VERB_MARGIN = 600
# Words whose own features' rows are remembered, before that cache starts again.
OWN_CACHE = 100_000
# Sentences whose tags are remembered, before that cache starts again: the keyword stage tags every
# sentence of an abstract, the titles stage (TLDR, spans, names) tags most of them again in the same
# worker process, and a tagging is a pure function of the sentence's tokens.
SENTENCE_CACHE = 20_000


def tokenize(text: str) -> list[str]:
    """PTB-style tokens of `text`, hyphenated words kept whole."""
    tokens: list[str] = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        # "al." "etc." keep their full stop: it ends no sentence.
        if token == "." and tokens and tokens[-1].lower() in _ABBREVIATIONS and tokens[-1][-1] != ".":
            tokens[-1] += "."
            continue
        tokens.append(token)
    return tokens


# Spaces that joining tokens with " " puts where the text had none: before a clitic ("learning 's")
# or closing punctuation, and after an opening bracket.
_JOINED_CLITIC = re.compile(r"(?<=\w) (?=(?:['\u2019](?:s|re|ve|ll|d|m)|n['\u2019]t)\b)")
_JOINED_CLOSE = re.compile(r" (?=[)\],.;:!?%](?:\s|$))")
_JOINED_OPEN = re.compile(r"(?<=[(\[]) ")


def untokenize(text: str) -> str:
    """Tokens joined with spaces (``" ".join(tokenize(t))``) written as text again: "Deep learning
    's success" -> "Deep learning's success", "( DNN )" -> "(DNN)"."""
    text = _JOINED_CLITIC.sub("", text)
    text = _JOINED_CLOSE.sub("", text)
    return _JOINED_OPEN.sub("", text)


START = ("-START-", "-START2-")
END = ("-END-", "-END2-")


class Model:
    """The weights, tag set and lexicons of a trained tagger.

    The weights are one matrix of integers, a row a feature and a column a tag (the last row, for
    unknown features, is zero). A token's score for each tag is the sum of its features' rows; the
    features that do not depend on the tags on the left are summed for a whole sentence at once.
    """

    def __init__(
        self,
        features: list[str],
        tags: list[str],
        matrix: np.ndarray,
        tagdict: dict[str, str],
        lexicon: dict[str, str],
    ) -> None:
        self.features = features
        self.tags = tags
        self.matrix = matrix
        self.tagdict = tagdict  # frequent words with one tag: no scoring needed
        self.lexicon = lexicon  # each frequent word's most frequent tag: the right context
        self._row = {feat: number for number, feat in enumerate(features)}
        self._column = {tag: k for k, tag in enumerate(tags)}
        self._own: dict[str, list[int]] = {}
        self._contexts: dict[tuple[str, str, str], np.ndarray | None] = {}
        self._sentences: dict[tuple[tuple[str, ...], bool], Tagged] = {}
        # each window's static rows summed, and its (tag, scores) after two tags, while ``remembering``
        # (None: not remembered)
        self._windows: dict[Window, np.ndarray] | None = None
        self._decided: dict[tuple[Window | None, str, str], tuple[str, np.ndarray]] | None = None
        # the summed rows of the features of the two tags on the left (few pairs, so kept), and the
        # rows of the features that do not exist (zero: left out of every sum)
        self._history: dict[tuple[str, str], np.ndarray] = {}
        self._unknown = len(features)
        # the compiled decoder (``_tagdecode.c``) when it is built, else None: the Python one; its
        # tables (``_compiled_tables``) made on first use
        self.compiled = _compiled
        self._table: object = None
        self._vocabulary: dict[str, int] = {}

    @classmethod
    def from_weights(
        cls, weights: dict[str, dict[str, int]], tagdict: dict[str, str], lexicon: dict[str, str]
    ) -> Model:
        """A model from training's weights: feature -> tag -> weight."""
        tags = sorted({tag for row in weights.values() for tag in row}) or ["NN"]
        column = {tag: k for k, tag in enumerate(tags)}
        features = sorted(weights)
        matrix = np.zeros((len(features) + 1, len(tags)), dtype=np.int32)
        for number, feat in enumerate(features):
            for tag, weight in weights[feat].items():
                matrix[number, column[tag]] = weight
        return cls(features, tags, matrix, tagdict, lexicon)

    def to_json(self) -> dict[str, object]:
        """The model as JSON-able lists: per feature, how many weights, then their columns and values."""
        body = self.matrix[:-1]
        nonzero = body != 0
        return {
            "tags": self.tags,
            "features": self.features,
            "counts": nonzero.sum(axis=1).tolist(),
            "columns": np.nonzero(nonzero)[1].tolist(),
            "weights": body[nonzero].tolist(),
            "tagdict": self.tagdict,
            "lexicon": self.lexicon,
        }

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> Model:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
        features, tags = data["features"], data["tags"]
        matrix = np.zeros((len(features) + 1, len(tags)), dtype=np.int32)
        rows = np.repeat(np.arange(len(features)), np.array(data["counts"], dtype=np.int64))
        matrix[rows, np.array(data["columns"], dtype=np.int64)] = np.array(data["weights"], dtype=np.int32)
        return cls(features, tags, matrix, data["tagdict"], data["lexicon"])

    def _ids(self, feats: list[str]) -> list[int]:
        get, unknown = self._row.get, len(self.features)
        return [get(feat, unknown) for feat in feats]

    def tag_tokens(self, tokens: Sequence[str], clause_pass: bool = True) -> Tagged:
        """Tags of one sentence's tokens (remembered: the same tokens are tagged once a process)."""
        if not tokens:
            return ()
        key = (tuple(tokens), clause_pass)
        found = self._sentences.get(key)
        if found is None:
            if len(self._sentences) > SENTENCE_CACHE:
                self._sentences.clear()
            found = self._sentences[key] = self._tag_tokens(key[0], clause_pass)
        return found

    @contextmanager
    def remembering(self) -> Iterator[None]:
        """Within it, each window's summed rows, and its tag and scores after two tags, are remembered
        (``_tag_tokens``), and forgotten after: the titles stage tags one abstract's TLDR candidates
        and title phrases, most of them cut or joined from the same sentences, so most of their
        tokens stand in a window, after the same two tags, tagged before. Elsewhere (a sentence
        tagged once) the bookkeeping would cost more than it saves."""
        if self._windows is not None:
            yield
            return
        self._windows, self._decided = {}, {}
        try:
            yield
        finally:
            self._windows = self._decided = None

    def _compiled_tables(self) -> None:
        """The compiled decoder's tables: each feature of the templates it builds (all but a word's own,
        which stay ``_own_ids``) keyed by its template's number and its arguments' numbers in a
        vocabulary of the arguments (16 bits each), and the weights as ``sparse_rows``."""
        assert self.compiled is not None
        templates = {name: number for number, name in enumerate(self.compiled.TEMPLATES)}
        vocabulary: dict[str, int] = {}
        keys, rows = [], []
        for number, feat in enumerate(self.features):
            template, *arguments = feat.split(" ")
            if template not in templates:
                continue
            key = templates[template] + 1
            for shift, argument in zip((8, 24, 40), arguments, strict=False):
                key |= (vocabulary.setdefault(argument, len(vocabulary)) + 1) << shift
            keys.append(key)
            rows.append(number)
        if len(vocabulary) >= 65535 or len(self.tags) > 256:
            raise ValueError("the compiled decoder takes 65,534 arguments and 256 tags at most")
        offsets, entries = sparse_rows(self.matrix[:-1])
        self._table = self.compiled.table(
            np.array(keys, dtype=np.uint64).tobytes(),
            np.array(rows, dtype=np.int32).tobytes(),
            offsets.tobytes(),
            entries.tobytes(),
        )
        self._vocabulary = vocabulary

    def _own_ids(self, word: str, token: str) -> list[int]:
        """The rows of a token's own features (a function of the token as written; word = its
        normal form), remembered."""
        if len(self._own) > OWN_CACHE:
            self._own.clear()
        own = self._own[token] = self._ids(own_features(word, token))
        return own

    def _tag_tokens(self, tokens: Sequence[str], clause_pass: bool) -> Tagged:
        words = [*START, *(normalize(t) for t in tokens), *END]
        lex = [lexical(w, self.lexicon) for w in words]
        if self.compiled is not None:
            return self._tag_compiled(tokens, words, lex, clause_pass)
        return self._tag_python(tokens, words, lex, clause_pass)

    def _tag_compiled(
        self, tokens: Sequence[str], words: list[str], lex: list[str], clause_pass: bool
    ) -> Tagged:
        """``_tag_python``'s features, sums and argmax in C (``_tagdecode.c``): the same tags and
        scores; the window memos are not needed (a token costs less than their lookups)."""
        assert self.compiled is not None
        if self._table is None:
            self._compiled_tables()
        found, raw, scored = self.compiled.decode(
            self._table,
            self._vocabulary,
            list(tokens),
            words,
            lex,
            self.tagdict,
            self.tags,
            self._own,
            self._own_ids,
        )
        if clause_pass:
            table = np.frombuffer(raw, dtype=np.int64).reshape(len(tokens), len(self.tags))
            alternatives: list[np.ndarray | None] = [
                table[k] if flag else None for k, flag in enumerate(scored)
            ]
            self._give_clauses_verbs(tokens, found, alternatives)
        return tuple(zip(tokens, found, strict=True))

    def _tag_python(
        self, tokens: Sequence[str], words: list[str], lex: list[str], clause_pass: bool
    ) -> Tagged:
        """The pure-Python greedy decoder (used where ``_tagdecode`` is not compiled)."""
        matrix, tagdict = self.matrix, self.tagdict
        # A token's features that do not depend on the tags on its left are a function of its window
        # (the token and the normal forms of two words each side): while ``remembering``, their summed
        # rows are kept per window; the rows of the windows not seen before are summed at once.
        windows, decided = self._windows, self._decided
        keys: list[Window | None] = [None] * len(tokens)
        static: list[np.ndarray | None] = [None] * len(tokens)
        missing = []
        for k, token in enumerate(tokens):
            i = k + 2
            if words[i] in tagdict:
                continue
            if windows is None:
                missing.append(k)
                continue
            key = keys[k] = (token, words[i - 2], words[i - 1], words[i + 1], words[i + 2])
            row = windows.get(key)
            if row is None:
                missing.append(k)
            else:
                static[k] = row
        if missing:
            ids = []
            for k in missing:
                i = k + 2
                word, token = words[i], tokens[k]
                # a word's own features are a function of the token as written (word = its normal form)
                own = self._own.get(token)
                if own is None:
                    own = self._own_ids(word, token)
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
            # integer sums (at most 17 rows of weights below 10,000 in size: int32 holds them)
            summed = matrix[np.array(ids)].sum(axis=1, dtype=np.int32)
            for row, k in zip(summed, missing, strict=True):
                static[k] = row
                if windows is not None:
                    windows[keys[k]] = row  # type: ignore[index]
        prev, prev2 = START
        unknown = self._unknown
        contexts = self._contexts
        tags: list[str] = []
        alternatives: list[np.ndarray | None] = [None] * len(tokens)
        for k in range(len(tokens)):
            word = words[k + 2]
            tag = tagdict.get(word)
            if tag is None:
                # the scores are a function of the window and the two tags on the left: while
                # ``remembering``, a window scored before after the same two tags takes them again
                seen = (keys[k], prev, prev2)
                found = decided.get(seen) if decided is not None else None
                if found is not None:
                    tag, scores = found
                else:
                    # integer sums: adding the rows in any grouping gives the same scores
                    history = self._history.get((prev, prev2))
                    if history is None:
                        history = self._history[prev, prev2] = matrix[
                            self._ids(history_features(prev, prev2))
                        ].sum(axis=0)
                    # the features of the word with the tag on its left, their rows summed once a triple
                    triple = (word, prev, lex[k + 3])
                    if triple in contexts:
                        context = contexts[triple]
                    else:
                        if len(contexts) > OWN_CACHE:
                            contexts.clear()
                        ids = [i for i in self._ids(context_features(word, prev, lex[k + 3])) if i != unknown]
                        context = contexts[triple] = matrix[ids].sum(axis=0) if ids else None
                    scores = static[k] + history
                    if context is not None:
                        scores = scores + context
                    tag = self.tags[int(scores.argmax())]
                    if decided is not None:
                        decided[seen] = (tag, scores)
                alternatives[k] = scores
            tags.append(tag)
            prev2, prev = prev, tag
        if clause_pass:
            self._give_clauses_verbs(tokens, tags, alternatives)
        return tuple(zip(tokens, tags, strict=True))

    def _give_clauses_verbs(
        self, tokens: Sequence[str], tags: list[str], alternatives: list[np.ndarray | None]
    ) -> None:
        """A clause with no finite verb: the noun that ends its opening noun phrase may be its verb.

        "The algorithm decouples acting", "Decoding speeds up": when the model's score for the
        finite-verb reading came within ``VERB_MARGIN`` of the noun reading, the verb reading wins.
        """
        column = self._column
        start = 0
        for end in range(len(tokens) + 1):
            if end < len(tokens) and not (
                tags[end] in _CLAUSE_BREAK_TAGS or tokens[end].lower() in _CLAUSE_BREAK_WORDS
            ):
                continue
            span = range(start, end)
            start = end + 1
            if len(span) < 3 or any(tags[k] in FINITE or tags[k] == "TO" for k in span):
                continue
            final = end == len(tokens) or tokens[end] in {".", "!", "?"}
            # the opening noun phrase: a gerund subject, or determiners, adjectives, nouns
            k = span.start + 1 if tags[span.start] == "VBG" else span.start
            while k < end and tags[k] in _NOUN_PHRASE:
                k += 1
            k -= 1  # the last word of the opening phrase, then the word after it
            for candidate in (k, k + 1):
                if candidate <= span.start or candidate >= end or alternatives[candidate] is None:
                    continue
                if tags[candidate] not in {"NNS", "NN"} or tags[candidate - 1] not in _SUBJECT_END:
                    continue
                if candidate == end - 1 and not final:
                    continue  # a noun phrase in a list, not a clause
                scores = alternatives[candidate]
                assert scores is not None
                verb = "VBZ" if tags[candidate] == "NNS" else "VBP"
                if scores[column[tags[candidate]]] - scores[column[verb]] <= VERB_MARGIN:
                    tags[candidate] = verb
                    break


@cache
def model() -> Model:
    """The shipped model, read once."""
    return Model.load()


def remembering() -> AbstractContextManager[None]:
    """The shipped model's ``Model.remembering``: windows tagged inside it are remembered until it ends."""
    return model().remembering()


def tag_sentences(text: str) -> tuple[Tagged, ...]:
    """(token, tag) pairs of each sentence of `text` (the toolkit's sentences, ``text/sentences.py``)."""
    tagger = model()
    return tuple(tagger.tag_tokens(tokenize(sentence)) for sentence in sentences(text))


@cache
def model_digest() -> str:
    """The shipped model file's SHA-256: part of the cache key of every stage that tags."""
    return hashlib.sha256(MODEL_PATH.read_bytes()).hexdigest()


def sentence_tags(text: str) -> list[str]:
    """The tags of each sentence of `text` (``tag_sentences``), space-separated: the compact form in
    which one process hands what it tagged to another (``remember``)."""
    return [" ".join(t for _w, t in sentence) for sentence in tag_sentences(text)]


def remember(text: str, tags: Sequence[str]) -> None:
    """Take the tags another process found for `text`'s sentences (``sentence_tags(text)``) into this
    process's memo of tagged sentences, so that ``tag_sentences`` and ``tag`` give them without
    tagging again: the same model gives the same tags for the same tokens. A sentence whose tags do
    not fit its tokens (or a `tags` of another text) is left out: tagged when asked, as without it."""
    tagger = model()
    known = tagger._sentences
    found = [tokenize(sentence) for sentence in sentences(text)]
    if len(found) != len(tags):
        return
    for tokens, line in zip(found, tags, strict=True):
        words = line.split(" ")
        if not tokens or len(words) != len(tokens):
            continue
        key = (tuple(tokens), True)
        if key not in known:
            if len(known) > SENTENCE_CACHE:
                known.clear()
            known[key] = tuple(zip(key[0], words, strict=True))


def tag(text: str) -> Tagged:
    """(token, tag) pairs of `text`, sentence after sentence."""
    return tuple(pair for sentence in tag_sentences(text) for pair in sentence)
