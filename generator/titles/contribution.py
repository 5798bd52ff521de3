"""The paper's contribution read with the part-of-speech tagger: its own name and a noun phrase of it.

The contribution sentence is the first whose subject is the authors or the paper ("we", "this
paper", "our work") and whose verb is a verb of making or showing (``CONTRIBUTION_VERBS``); its
object, up to the first clause break, is the contribution's noun phrase:

    "In this paper, we present Alexandria -- a system for unsupervised knowledge base construction."
     -> name "Alexandria", phrase "system for unsupervised knowledge base construction"

A name is a word of the object that the paper coins: written with a capital or digit inside the word
("AutoGrow", "V1Net", "3D-SIC"), all capitals ("MEMO"), or a proper noun by the tagger, and not used
in the abstract before the contribution sentence; or a run of two or more capitalised words ("Deep
Gradient Compression"). Its case is the abstract's.
"""

from __future__ import annotations

import re
from functools import lru_cache

from wordfreq import zipf_frequency

from generator.text.acronyms import definitions
from generator.text.sentences import sentences
from generator.text.tagger import tag
from generator.text.wordlists import TITLES_CONTRIBUTION_CONNECT as _CONNECT
from generator.text.wordlists import TITLES_CONTRIBUTION_CONTRIBUTION_VERBS as CONTRIBUTION_VERBS
from generator.text.wordlists import TITLES_CONTRIBUTION_SELF_PRAISE as SELF_PRAISE
from generator.text.wordlists import TITLES_CONTRIBUTION_TOPIC_VERBS as TOPIC_VERBS

_SUBJECT = re.compile(r"\b(?:we|this paper|this work|our work|this study)\b", re.I)
_NOUNISH = frozenset({"NN", "NNS", "NNP", "NNPS", "JJ", "JJR", "JJS", "VBN", "VBG", "CD", "FW", "HYPH"})
_NP_START_SKIP = frozenset({"DT", "PRP$", "CD", "PDT"})
MAX_PHRASE_WORDS = 10


def _looks_coined(token: str) -> bool:
    inner = token[1:]
    return (
        any(ch.isupper() for ch in inner)
        or (any(ch.isdigit() for ch in token) and any(ch.isalpha() for ch in token))
        or (token.isupper() and len(token) >= 3)
    )


@lru_cache(maxsize=256)
def _tagged(sentence: str) -> tuple[tuple[str, str], ...]:
    return tag(sentence)


def tagged(sentence: str) -> list[tuple[str, str]]:
    """The sentence's (token, tag) pairs; the titles stage reads a sentence several times, the
    tagger tags it once (the last few hundred sentences are remembered)."""
    return list(_tagged(sentence))


def contribution_sentence(text: str) -> tuple[int, list[tuple[str, str]]] | None:
    """(index, tagged tokens) of the first sentence where the authors or paper make something, else
    of the first where they study something."""
    found = None
    for i, sentence in enumerate(sentences(text)):
        if not _SUBJECT.search(sentence):
            continue
        pairs = tagged(sentence)
        if any(t.startswith("VB") and w.lower() in CONTRIBUTION_VERBS for w, t in pairs):
            return i, pairs
        if found is None and any(t.startswith("VB") and w.lower() in TOPIC_VERBS for w, t in pairs):
            found = i, pairs
    return found


def _object(tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The tokens after the first contribution (else topic) verb."""
    for verbs in (CONTRIBUTION_VERBS, TOPIC_VERBS):
        for k, (w, t) in enumerate(tagged):
            if t.startswith("VB") and w.lower() in verbs:
                return tagged[k + 1 :]
    return []


def first_use(text: str, name: str) -> int:
    """The index of the first sentence that uses ``name`` (as a word), or -1."""
    pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
    return next((i for i, s in enumerate(sentences(text)) if pattern.search(s)), -1)


def introduced_here(text: str) -> int:
    """The index of the contribution sentence, or -1."""
    found = contribution_sentence(text)
    return found[0] if found else -1


def own_name(text: str) -> str:
    """The name the paper gives its contribution, cased as written; '' when it gives none."""
    found = contribution_sentence(text)
    if not found:
        return _subject_name(text)
    index, tagged = found
    before = " ".join(sentences(text)[:index])
    obj = _object(tagged)
    # stop at the end of the object's clause
    cut = next((k for k, (w, t) in enumerate(obj) if w in {".", ";"} or t in {"WDT"}), len(obj))
    obj = obj[:cut]

    def new(phrase: str) -> bool:
        return not re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", before)

    # the object defines a short form: "a Deep Neural Network with Spike Assisted Feature Extraction
    # (SAFE-DNN)": the short form is what the authors call it, the capitalised words describe it
    # (also when the letters do not spell it out: "(SAFE-DNN)")
    words = {w for w, _ in obj[:30]}
    for d in definitions(text):
        if d.short in words and _looks_coined(d.short) and new(d.short):
            return d.short
    for k in range(1, min(len(obj), 30) - 1):
        w = obj[k][0]
        if obj[k - 1][0] == "(" and obj[k + 1][0] == ")" and k >= 3 and _looks_coined(w) and new(w):
            return w
    # a name spelled out in brackets after it: "Metagross (Meta Gated Recursive Controller)"
    for k in range(min(len(obj), 12) - 3):
        w, t = obj[k]
        inside = obj[k + 2 : k + 8]
        spelled = [x for x, _ in inside[: next((m for m, (x, _) in enumerate(inside) if x == ")"), 0)]]
        if (
            obj[k + 1][0] == "("
            and t in {"NNP", "NN", "FW"}
            and w[:1].isupper()
            and len(spelled) >= 2
            and all(x[:1].isupper() for x in spelled)
            and new(w)
        ):
            return w
    runs: list[list[str]] = [[]]
    for w, t in obj[:20]:
        if w[:1].isupper() and t in _NOUNISH | {"NNP", "NNPS"}:
            runs[-1].append(w)
        elif t == "POS" and runs[-1]:  # "Word Mover's Embedding"
            runs[-1][-1] += w
        elif runs[-1]:
            runs.append([])
    for run in runs:  # a run of two or more capitalised words: "Deep Gradient Compression"
        if len(run) >= 2 and new(" ".join(run)):
            return " ".join(run)
    for w, t in obj[:14]:
        if (_looks_coined(w) or t == "NNP") and len(w) >= 2 and w[:1].isalnum() and new(w):
            return w
    # a lower-case word general English never uses, which the abstract repeats: "we introduce
    # flipout, an efficient method ...", set off as an apposition (a rare technical word the
    # object merely uses, "recomputation", is no name)
    for k, (w, t) in enumerate(obj[:8]):
        apposition = [x.lower() for x, _ in obj[k + 1 : k + 3]] in ([",", "a"], [",", "an"], [",", "the"])
        coined = apposition and t in {"NN", "NNS", "JJ", "FW"} and w.isalpha() and w.islower() and len(w) >= 4
        repeated = coined and len(re.findall(rf"(?<!\w){re.escape(w)}(?!\w)", text, re.I)) >= 2
        if repeated and zipf_frequency(w, "en") < 1.0:
            return w if new(w) else ""
    return ""


def _subject_name(text: str) -> str:
    """A coined word that opens a sentence and is not used before it: "DeepSphere, a method ..."."""
    seen = ""
    for sentence in sentences(text):
        first = sentence.split(maxsplit=1)[0].rstrip(",:") if sentence.split() else ""
        # the cheap test first: most sentences open with no coined word (the patterns are built anew)
        if (
            first
            and _looks_coined(first)
            and not re.search(rf"(?<!\w){re.escape(first)}(?!\w)", seen)
            and re.match(rf"{re.escape(first)}\s*(?:,\s*an?\b|\s+is\s+an?\b|:)", sentence)
        ):
            return first
        seen += " " + sentence
    return ""


def noun_phrase(text: str, name: str = "") -> str:
    """The contribution's noun phrase: 'system for unsupervised knowledge base construction'."""
    found = contribution_sentence(text)
    if not found:
        return ""
    obj = _object(found[1])
    words: list[tuple[str, str]] = []
    k = 0
    # skip the name and an appositive comma / dash: "Alexandria -- a system ..."
    if name and obj and " ".join(w for w, _ in obj[: len(name.split())]) == name:
        k = len(name.split())
        while k < len(obj) and obj[k][0] in {",", "--", ":", "-", "("}:
            k += 1
    while k < len(obj) and (obj[k][1] in _NP_START_SKIP or obj[k][0].lower() in SELF_PRAISE):
        k += 1
    for w, t in obj[k:]:
        low = w.lower()
        if t in _NOUNISH or (low in _CONNECT and words) or (t == "CC" and words and words[-1][1] != "CC"):
            if t == "VBG" and words and words[-1][0].lower() in _CONNECT:
                words.append((w, t))
                continue
            words.append((w, t))
        elif t in {"DT", "PRP$"} and words and words[-1][0].lower() in _CONNECT:
            words.append((w, t))
        else:
            break
        if len(words) >= MAX_PHRASE_WORDS:
            break
    # never end on a preposition, conjunction or a dangling participle
    # "a training method called adaptive loss scaling": the phrase is the name it is given
    called = [i for i, (w, _) in enumerate(words) if w.lower() in {"called", "named", "dubbed", "termed"}]
    if called and called[-1] + 1 < len(words):
        words = words[called[-1] + 1 :]
    while words and (
        words[-1][0].lower() in _CONNECT or words[-1][1] in {"CC", "VBN", "JJ", "IN", "DT", "PRP$"}
    ):
        words.pop()
    phrase = " ".join(w for w, _ in words)
    phrase = re.sub(r"\s+([,)])", r"\1", phrase).replace("( ", "(")
    if name and phrase.lower() == name.lower():
        return ""
    return phrase
