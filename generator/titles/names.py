"""The paper's own name ("FearNet", "mixup", "Soft Actor-Critic"), found by a learned scorer.

Candidates are the abstract's coined-looking words and short runs of capitalised words, wherever they
stand: a word with a capital or digit inside ("AutoGrow", "V1Net"), all capitals ("PACT"), a
capitalised word that opens no sentence, a run of two to four capitalised words ("Spatial Broadcast
Decoder"), and lower-case words that general English never uses ("mixup"). A logistic regression
scores each from its shape, how rare it is in English, how often and where the abstract uses it (the
opening, background sentence; the contribution sentence; as a sentence's subject), the words around
its first use ("called", "propose", "(", "is") and whether the older rules (``clues.named_method``,
``contribution.own_name``) pick it. The best candidate is the paper's name when its probability
reaches ``THRESHOLD``. Weights: ``name_weights.json``, learned on the SciTLDR train split, whose real
titles that open with a name ("FearNet: ...") label the candidates
(``python -m generator.evaluation.name_tune``).
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from importlib import resources

from generator.keywords import generic
from generator.keywords.central import cited_surnames
from generator.keywords.filler import zipf
from generator.text.sentences import sentences
from generator.text.wordlists import TITLES_NAMES_COMMON as _COMMON

WEIGHTS_FILE = "name_weights.json"
THRESHOLD = 0.5
_TOKEN = re.compile(r"[A-Za-z0-9][\w\-\.']*[A-Za-z0-9]|[A-Za-z0-9]")


# A paper's own name is new: a word that FIELD_DOCS or more SciTLDR train abstracts already use is a
# term of the field ("CNN", "LSTM", "MNIST", "ImageNet", "L1", "MAML"), never the paper's name. On
# SciTLDR train (papers 0-999, each abstract's own use not counted), the "Name: ..." titles whose name
# 5 or more other abstracts use were 37 of the 53 the real title does not have; the blind reader
# rejected such titles ("CNN: Robustness of neural networks", "ResNet-18: ..."; EVALUATION.md).
FIELD_DOCS = 5
# A quantity is no name either: "100k" parameters, a "10x" speed-up, "4-bit".
_QUANTITY = re.compile(r"\d+(?:[.,]\d+)?(?:[-\s]?(?:[kKmMbBxX%]|bit|fold|layer|shot|way))?")


def can_be_own_name(name: str) -> bool:
    """Whether ``name`` may be the paper's own name: not a quantity, not a term of the field."""
    if _QUANTITY.fullmatch(name.strip()):
        return False
    return generic.share(name) * generic.documents() < FIELD_DOCS


@cache
def weights() -> dict[str, float]:
    return json.loads(resources.files(__package__).joinpath(WEIGHTS_FILE).read_text(encoding="utf-8"))[
        "weights"
    ]


def weights_digest() -> str:
    import hashlib

    return hashlib.sha256(resources.files(__package__).joinpath(WEIGHTS_FILE).read_bytes()).hexdigest()[:16]


def _coined(word: str) -> bool:
    inner = word[1:]
    return (
        any(ch.isupper() for ch in inner)
        or (any(ch.isdigit() for ch in word) and any(ch.isalpha() for ch in word))
        or (word.isupper() and len(word) >= 2)
    )


def _shape(name: str) -> str:
    words = name.split()
    if len(words) > 1:
        return f"run{min(len(words), 4)}"
    if name.isupper():
        return "caps"
    if _coined(name):
        return "inner"
    return "capital" if name[:1].isupper() else "lower"


def candidates(text: str) -> dict[str, tuple[int, int]]:
    """Each candidate name, cased as first written, with (sentence, token index) of its first use."""
    out: dict[str, tuple[int, int]] = {}
    cited = cited_surnames(text)  # "Bertinetto et al. [2019]": an author, not the paper's name
    for i, sentence in enumerate(sentences(text)):
        toks = [t for t in _TOKEN.findall(sentence) if t.rstrip(".") not in cited]
        for k, tok in enumerate(toks):
            tok = tok.rstrip(".")
            if not tok:
                continue
            shaped = (_coined(tok) or (tok[:1].isupper() and k > 0)) and tok not in _COMMON and len(tok) >= 2
            rare = tok.islower() and len(tok) >= 4 and tok.isalpha() and zipf(tok) < 1.0
            if shaped or rare:
                out.setdefault(tok, (i, k))
            # runs of capitalised words: "Soft Actor-Critic", "Spatial Broadcast Decoder"
            if tok[:1].isupper() and tok not in _COMMON:
                for size in (2, 3, 4):
                    run = toks[k : k + size]
                    if len(run) == size and all(w[:1].isupper() for w in run):
                        out.setdefault(" ".join(run), (i, k))
    return out


def features(text: str, rule_names: tuple[str, ...] = ()) -> list[tuple[str, dict[str, float]]]:
    """(candidate, features) of every candidate name of the abstract."""
    sents = sentences(text)
    if not sents:
        return []
    from generator.titles import contribution

    found = contribution.contribution_sentence(text)
    contribution_index = found[0] if found else -1
    # each sentence's words between spaces, so a name's uses are counted without a regex per name
    spaced = [" " + " ".join(t.rstrip(".") for t in _TOKEN.findall(s)) + " " for s in sents]
    rows = []
    for name, (i, _) in candidates(text).items():
        needle = f" {name} "
        uses = [j for j, words in enumerate(spaced) for _ in range(words.count(needle))]
        first_sentence = sents[i]
        at = first_sentence.find(name)
        before = first_sentence[:at].split() if at >= 0 else []
        after = first_sentence[at + len(name) :] if at >= 0 else ""
        head = name.split()[0]
        f: dict[str, float] = {
            "shape=" + _shape(name): 1.0,
            f"zipf={min(int(zipf(head.lower())), 6)}": 1.0,
            "uses": math.log1p(len(uses)),
            f"first={min(i, 5)}": 1.0,
            "firstrel": i / max(len(sents) - 1, 1),
            "in_opening": float(0 in uses),
            "in_contribution": float(contribution_index in uses),
            "before_contribution": float(contribution_index >= 0 and i < contribution_index),
            "subject": float(sum(1 for s in sents if s.startswith(name + " ") or s.startswith(name + ","))),
            "prev=" + (before[-1].lower().strip("\"'“") if before else "^"): 1.0,
            "prev2=" + (before[-2].lower() if len(before) > 1 else "^"): 1.0,
            "next=" + (after.split()[0].lower().strip(".") if after.split() else "$"): 1.0,
            "paren_after": float(after.lstrip().startswith("(")),
            "in_paren": float(bool(before) and first_sentence[:at].rstrip().endswith("(")),
            "hyphen": float("-" in name),
            "digit": float(any(ch.isdigit() for ch in name)),
            "length": min(len(name), 20) / 20,
            "rule": float(name in rule_names),
            "plural": float(any(f" {name}s " in words for words in spaced)),
        }
        rows.append((name, f))
    return rows


def probability(feats: dict[str, float]) -> float:
    w = weights()
    z = w.get("", 0.0) + sum(v * w.get(k, 0.0) for k, v in feats.items())
    return 1.0 / (1.0 + math.exp(-z))


def own_name(text: str, rule_names: tuple[str, ...] = ()) -> str:
    """The paper's own name, cased as written, or '' when no candidate reaches ``THRESHOLD``."""
    best, best_p = "", THRESHOLD
    for name, feats in features(text, rule_names):
        p = probability(feats)
        if p > best_p or (p == best_p and best and len(name) > len(best)):
            best, best_p = name, p
    return best
