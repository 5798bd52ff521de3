"""What an abstract says the paper is about, read with the tagger: the object of its contribution
sentence and its own name's long form (``own_concept``), and what the authors say they work on
(``topic_concept``: "we formulate X as Y", "we study X", the first sentence's subject). Both give the
phrases as lower-case token strings padded with spaces, for whole-word containment tests;
``keywords.central`` raises the best candidate of each to the keyphraseness threshold.
"""

from __future__ import annotations

from generator.keywords.grammar import TOKEN
from generator.text.sentences import sentences

CLAUSE_END = frozenset({",", ";", ")", ".", ":", "?", "!"})
# Where the object of the contribution sentence ends: a clause of reason, concession or contrast.
_CLAUSE_CUES = frozenset({";", "given", "while", "whereas", "although", "though", "because", "since", "but"})


def own_concept(text: str) -> tuple[str, ...]:
    """The words (lower case) of what the paper says it makes or addresses: what follows the verb of
    its contribution sentence (``titles/contribution``: "we introduce two related methods to help
    solve this transliteration problem") up to the sentence's end, and the long form of its own
    acronym-named method ("Deep Rewiring (DEEP R)"), as token strings padded with spaces for
    whole-word containment tests; () when it says none."""
    from generator.text.acronyms import definitions
    from generator.titles import contribution

    found = []
    sentence = contribution.contribution_sentence(text)
    if sentence:
        # up to a clause of another kind: "..., given that there were not enough data", "; ..."
        obj = contribution._object(sentence[1])
        cut = next((k for k, (w, t) in enumerate(obj) if w.lower() in _CLAUSE_CUES or t == "WDT"), len(obj))
        found.append(" ".join(w for w, _t in obj[:cut]))
    name = contribution.own_name(text)
    if name:
        found.extend(d.long for d in definitions(text) if d.short == name)
    return tuple(f" {' '.join(t.lower() for t in TOKEN.findall(f))} " for f in found if f)


_AUTHORS = frozenset({"we", "i"})
_NOMINAL = frozenset({"NN", "NNS", "NNP", "NNPS", "JJ", "JJR", "JJS", "VBG", "VBN", "HYPH", "CD", "FW"})


def topic_concept(text: str) -> tuple[str, ...]:
    """The words (lower case, padded as ``own_concept``'s) of what the paper says its work is about,
    read with the tagger: the object of each verb the authors are the subject of ("we formulate
    verification ...", "we study X", "we address X") up to its first preposition or clause break, and
    what follows "as" in that clause ("... as a mixed integer program"); and the head noun phrase of
    the first sentence's subject ("The interpretability of neural networks has become crucial"):
    the topic an abstract opens on."""
    from generator.titles import contribution

    found: list[str] = []
    for i, sentence in enumerate(sentences(text)):
        pairs = contribution.tagged(sentence)
        if i == 0:
            verb = next(
                (k for k, (_w, t) in enumerate(pairs) if t.startswith("VB") and t not in {"VBG", "VBN"}), 0
            )
            found.append(_noun_run(pairs[:verb]))
        for k in range(len(pairs) - 1):
            if pairs[k][0].lower() in _AUTHORS and pairs[k + 1][1].startswith("VB"):
                clause = pairs[k + 2 :]
                end = next(
                    (j for j, (w, t) in enumerate(clause) if w in CLAUSE_END or t == "WDT"), len(clause)
                )
                clause = clause[:end]
                found.append(_noun_run(clause))
                after_as = next((j for j, (w, _t) in enumerate(clause) if w.lower() == "as"), -1)
                if after_as >= 0:
                    found.append(_noun_run(clause[after_as + 1 :]))
    return tuple(f" {' '.join(t.lower() for t in TOKEN.findall(f))} " for f in found if f)


def _noun_run(pairs: list[tuple[str, str]] | tuple[tuple[str, str], ...]) -> str:
    """The first noun phrase of the tagged tokens, without its determiner, up to its first preposition
    or verb ("a mixed integer program", "The interpretability" of "... of neural networks")."""
    words: list[str] = []
    last = ""
    for w, t in pairs:
        if t == "VBN" and last.startswith("NN"):
            break  # a participle after its noun starts a clause ("networks trained only to ...")
        if t in _NOMINAL:
            words.append(w)
            last = t
        elif words or t not in {"DT", "PRP$", "RB", "PDT"}:
            break
    return " ".join(words)
