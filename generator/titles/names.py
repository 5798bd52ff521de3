"""The paper's own name ("FearNet", "mixup", "Soft Actor-Critic"), found by a learned detector.

Candidates are the abstract's coined-looking words and short runs of capitalised words, wherever they
stand: a word with a capital or digit inside ("AutoGrow", "V1Net"), all capitals ("PACT"), a
capitalised word that opens no sentence, a run of two to four capitalised words ("Spatial Broadcast
Decoder"), lower-case words that general English never uses ("mixup"), names ending in "+"
("Flow++"), and lower-case names the authors give (the words after "we call" / "called" / "dubbed",
"which we call Janossy pooling,"; what "we propose" followed by an apposition, "soft actor-critic,
an ..."); never a web address, a quantity or an "X-based" adjective. A logistic regression scores each from

- its **roles** in the abstract (third session), read with the part-of-speech tagger from the word
  that governs each use (the first word on its left outside its noun phrase or list): the authors
  make it ("we propose X", "X is presented") or name it ("called X"), it stands in apposition ("X,
  a new ...") or is spelled out ("X (long form)"), it is the subject of a sentence ("X outperforms
  ..."); or it is evaluated on or compared with ("on X", "than X", "outperforms X", "such as X",
  "compared with X"), used ("using X", "based on X"), cited ("X et al.", "X (2019)"), or a data set
  or baseline ("the X dataset"); in a list of names ("Alice and Bob"); marked as the authors' ("our
  X", "the proposed X"); a name in brackets after a phrase plays the phrase's roles, and a candidate
  with none of the authors' roles is marked so (``own_none``; seventh session);
- how well known it is: the number of SciTLDR train abstracts that use it, as a word or as a
  candidate name, runs of words included (``data/namefreq.json.gz``, ``tools/build_namefreq.py``),
  and its parts' ("ResNet" of "ResNet-32");
- its **form**: shape, English frequency (wordfreq), an acronym the abstract defines;
- where and how often the abstract uses it (the opening, background sentence; the contribution
  sentence), the words around its first use, and whether the older rules (``clues.named_method``,
  ``contribution.own_name``) pick it.

The roles are read in ``name_roles.py``; where a candidate may begin and end (a whole token
sequence, no clause opener) in ``name_tokens.py``; how well the field knows it in ``name_corpus.py``.
A candidate is ``eligible`` at all unless it is a quantity,
an acronym in the plural the authors do not introduce ("DCTs", "WGANs": a class of models) or a data
set, benchmark, environment or game they do not make (round 6). Two models (fifth session,
``RANKER``): a ranker (a conditional logit over one abstract's eligible candidates, fitted on the
named train papers only) picks the candidate; the logistic regression above is the gate: the pick
is the paper's name when the best candidate's probability reaches ``THRESHOLD`` and ``may_name``
allows it. Weights:
``name_weights.json``, learned on the SciTLDR train split, whose real titles that
open with a name ("FearNet: ...", or its long form: "Progressive Compressed Records:" for "PCRs")
label the candidates (``python -m generator.evaluation.name_tune``; the threshold is chosen there
with ``--cv``, EVALUATION.md "Title names, round 4").
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from importlib import resources
from pathlib import Path

from generator.keywords.contexts import cited_surnames
from generator.keywords.filler import zipf
from generator.runtime.cache import file_digest
from generator.text import generic
from generator.text.acronyms import definitions, is_plural_acronym
from generator.text.forms import singular
from generator.text.sentences import sentences
from generator.text.wordlists import TITLES_CLUES_TRAILING_STOP as _STOP
from generator.text.wordlists import TITLES_NAMES_COMMON as _COMMON
from generator.titles import name_corpus, name_tokens
from generator.titles.name_corpus import (  # noqa: F401
    NAMEFREQ_PATH,
    field_documents,
    long_documents,
    name_digest,
    phrase_documents,
)
from generator.titles.name_roles import ROLES, introduced, roles, someone_elses, spelled_out  # noqa: F401

WEIGHTS_FILE = "name_weights.json"
THRESHOLD = 0.04
PREFER_NAMED = 2.0
ROLE_VETO = False
# a name may end in "+" signs ("Flow++", "BNN+")
_TOKEN = re.compile(r"[A-Za-z0-9][\w\-\.']*[A-Za-z0-9]\+*|[A-Za-z0-9]\+*")


# A paper's own name is new: a word that FIELD_DOCS or more SciTLDR train abstracts already use is a
# term of the field ("CNN", "LSTM", "MNIST", "ImageNet", "L1", "MAML"), never the paper's name. On
# SciTLDR train (papers 0-999, each abstract's own use not counted), the "Name: ..." titles whose name
# 5 or more other abstracts use were 37 of the 53 the real title does not have; the blind reader
# rejected such titles ("CNN: Robustness of neural networks", "ResNet-18: ..."; EVALUATION.md).
FIELD_DOCS = 5
FIELD_GATE = True
# A quantity is no name either: "100k" parameters, a "10x" speed-up, "4-bit".
_QUANTITY = re.compile(r"\d+(?:[.,]\d+)?(?:[-\s]?(?:[kKmMbBxX%]|bit|fold|layer|shot|way))?")


def can_be_own_name(name: str) -> bool:
    """Whether ``name`` may be the paper's own name: not a quantity, not a term of the field."""
    if _QUANTITY.fullmatch(name.strip()):
        return False
    return generic.share(name) * generic.documents() < FIELD_DOCS


def may_name(text: str, name: str) -> bool:
    """Whether ``name`` may name the paper: not a cited author ("Bertinetto et al. [2019]"), and,
    unless the abstract gives it as a name ("a model called BERT"), neither a quantity nor a term of
    the field (``can_be_own_name``, when ``FIELD_GATE`` is on)."""
    if not name or name in cited_surnames(text):
        return False
    from generator.titles.clues import names_explicitly

    return not FIELD_GATE or can_be_own_name(name) or names_explicitly(text, name)


@cache
def _payload() -> dict:
    return json.loads(resources.files(__package__).joinpath(WEIGHTS_FILE).read_text(encoding="utf-8"))


def weights() -> dict[str, float]:
    """The gate's weights: the probability that a candidate is the name the real title opens with."""
    return _payload()["weights"]


def rank_weights() -> dict[str, float]:
    """The ranker's weights (a conditional logit over one abstract's candidates, fifth session)."""
    return _payload().get("rank", {})


def weights_digest() -> str:
    return file_digest(Path(__file__).with_name(WEIGHTS_FILE))


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


# a web address ("https://goo.gl/fAjOJ", "github.com/user/NNspectra") holds no name: a scheme, "www."
# or a domain followed by a path
_URL = re.compile(r"\S*(?:://|www\.)\S*|\S+\.[a-z]{2,6}/\S*")


def _no_name(token: str) -> bool:
    """A token that cannot be a name by its form: sentences run together ("0.5.Obviously", "U.S";
    not "Bijectors.jl"), a quantity ("2.0x-3.0x", "1-bit-per-weight": a leading digit, no capital),
    an adjective ("SVD-based")."""
    return (
        re.search(r"\.[A-Z]", token) is not None
        or (token[:1].isdigit() and not any(ch.isupper() for ch in token))
        or token.lower().endswith("-based")
    )


# A lower-case word general English does not use is a candidate ("mixup", "flipout"), unless it is
# the plural of one it does: wordfreq's small list has "terrain", not "terrains" (eighth session).
SINGULAR_COMMON = True


def candidates(text: str) -> dict[str, tuple[int, int]]:
    """Each candidate name, cased as first written, with (sentence, token index) of its first use."""
    out: dict[str, tuple[int, int]] = {}
    cited = cited_surnames(text)  # "Bertinetto et al. [2019]": an author, not the paper's name
    for i, sentence in enumerate(sentences(text)):
        bare = _URL.sub(" ", sentence)
        found = [m for m in _TOKEN.finditer(bare) if m.group().rstrip(".") not in cited]
        toks = [m.group() for m in found]
        whole = [name_tokens.whole(bare, m.start(), m.end()) for m in found]
        for k, tok in enumerate(toks):
            tok = tok.rstrip(".")
            if not tok or _no_name(tok):
                continue
            # a possessive names an owner ("Stein's method", "QGNN's accuracy"), never the paper's
            # thing on its own; inside a run of capitals it stays ("Word Mover's Embedding")
            single = not tok.endswith(("'s", "\u2019s"))
            shaped = (_coined(tok) or (tok[:1].isupper() and k > 0)) and tok not in _COMMON and len(tok) >= 2
            # a plural of a common word is no coined one ("terrains", "unknowns", "eases"; eighth session)
            rare = tok.islower() and len(tok) >= 4 and tok.isalpha() and zipf(tok) < 1.0
            rare = rare and not (SINGULAR_COMMON and zipf(singular(tok)) >= 1.0)
            if (shaped or rare) and single and all(whole[k]):
                out.setdefault(tok, (i, k))
            # runs of capitalised words: "Soft Actor-Critic", "Spatial Broadcast Decoder"
            if tok[:1].isupper() and tok not in _COMMON:
                for size in (2, 3, 4):
                    run = toks[k : k + size]
                    if (
                        len(run) == size
                        and all(w[:1].isupper() and not _no_name(w) for w in run)
                        and name_tokens.joined(bare, found[k : k + size], whole[k][0], whole[k + size - 1][1])
                        and not (k == 0 and name_tokens.opens_clause(sentence, tok))
                    ):
                        out.setdefault(" ".join(run), (i, k))
    if NAMED_PHRASES:
        for i, sentence in enumerate(sentences(text)):
            for match in _NAMED_PHRASE.finditer(sentence):
                group = 1 if match.group(1) else 2
                phrase = match.group(group)
                words = phrase.split()
                # a name, not a determiner's phrase ("our networks", "this problem")
                if (
                    any(len(w) >= 3 for w in words)
                    and not _no_name(words[0])
                    and words[0].lower() not in _STOP
                ):
                    out.setdefault(phrase, (i, len(_TOKEN.findall(sentence[: match.start(group)]))))
    return out


# A name the authors give in lower case, as the words after a naming verb up to a comma, bracket or
# clause ("which we call Janossy pooling, ...", "called the deep decoder, which ..."), or as what
# they make followed by its description in apposition ("we propose soft actor-critic, an ...").
NAMED_PHRASES = True
# a clause word never stands inside a name ("we call it PatchFormer which learns, ...")
_PHRASE_WORDS = (
    r"([A-Za-z][\w\-]*\+*(?:\s(?!(?:which|that|and|is|are|to|where|who|whose)\b)[A-Za-z][\w\-]*\+*){0,2})"
)
_NAMED_PHRASE = re.compile(
    r"\b(?:(?:[Ww]e\s+(?:call|dub|term|coin)|called|dubbed|termed|coined)\s+(?:it\s+|them\s+)?(?:as\s+)?"
    rf"(?:the\s+|an?\s+)?{_PHRASE_WORDS}(?=\s*[,;:(.]|\s+(?:which|that|and|is|are|to)\b)"
    r"|\b[Ww]e\s+(?:propose|introduce|present|develop|describe|design)\s+(?:the\s+)?"
    rf"{_PHRASE_WORDS},\s+(?:an?|the)\s)"
)


# A term of the field is no name, by the corpus (seventh session, second round): a run or compound
# that FIELD_DOCS or more SciTLDR train abstracts use ("Batch Normalization", "Q-learning",
# "Generative Adversarial Networks", as a phrase of ``keywords/data/phrasedf.json.gz`` or a name of
# ``namefreq``), or an acronym whose long form the abstract gives is one ("ZSL" for "zero-shot
# learning", "GD" for "gradient descent", "CF" for "catastrophic forgetting"). On SciTLDR train no
# real title opens with any of them: 0 of 559 such acronyms, 0 of 1,170 such runs. Feature
# ``fielddf``; ``eligible`` refuses one unless the authors name it ("called X").
FIELD_TERMS = True
# read by ``eligible`` only: the models are not fitted on it (``name_tune``), so the rule changes
# which candidates compete, not how the others are weighed
RULE_ONLY = frozenset({"fielddf"})


# The older rules' picks ("SGP uses a gossip algorithm called PushSum", ``clues.named_method``) count
# as the paper's name only when the phrases around them do not make the name someone else's
# (``someone_elses``, the eighth session's ``OTHERS_NAMING`` judgement): before, the explicit rule
# still offered "PushSum" though its roles said "used" (eighth session, second round).
RULES_OWN = True


def own_rule_names(text: str, rule_names: tuple[str, ...]) -> tuple[str, ...]:
    """``rule_names`` with the explicit one (the first, "called X") blanked ('') when the abstract
    gives it someone else's roles only. The contribution rule's pick is left alone: its phrase
    ("equipped with the GradiEnt Component COrrections, a GECCO cell") reads as used too often."""
    if not RULES_OWN or not rule_names or not rule_names[0] or not someone_elses(text, rule_names[0]):
        return rule_names
    return ("", *rule_names[1:])


def features(
    text: str, rule_names: tuple[str, ...] = (), own: bool = False
) -> list[tuple[str, dict[str, float]]]:
    """(candidate, features) of every candidate name of the abstract; ``own``: the abstract is in the
    train split the document frequencies come from (tuning)."""
    sents = sentences(text)
    if not sents:
        return []
    rule_names = own_rule_names(text, rule_names)
    from generator.titles import contribution

    found = contribution.contribution_sentence(text)
    contribution_index = found[0] if found else -1
    # each sentence's words between spaces, so a name's uses are counted without a regex per name
    spaced = [" " + " ".join(t.rstrip(".") for t in _TOKEN.findall(s)) + " " for s in sents]
    rows = []
    found_names = candidates(text)
    played = roles(text, found_names)
    defined = {d.short for d in definitions(text)}
    for name, (i, _) in found_names.items():
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
        counts = played.get(name, {})
        seen = max(counts.get("_uses", 0), 1)
        for role in ROLES:
            if counts.get(role):
                f["role=" + role] = 1.0
                f["share=" + role] = counts[role] / seen
        # no role of the authors' own thing at all (seventh session): the wrong kinds the readers
        # break titles for ("Alice", "TORCS", "Rademacher", a citation key) mostly have none
        if OWN_NONE and not any(f.get(k) for k in _OWN_ROLES):
            f["own_none"] = 1.0
            if any(f.get(k) for k in _OTHER_ROLES):
                f["others_only"] = 1.0  # used, compared with, cited, a data set: and nothing of the authors'
        df = field_documents(name, own)
        if " " in name and (not name_corpus.NAMEFREQ or not df):
            bucket = "run"
        else:
            bucket = "0" if df < 1 else "1" if df < 3 else "3" if df < 5 else "5" if df < 20 else "20"
        f["df=" + bucket] = 1.0
        f["logdf"] = math.log1p(df)
        # a member of a known family ("ResNet-32", "ImageNet-P", "Beta-VAE"): its parts' frequency
        parts = [p for p in re.split(r"[-\d]+", name) if len(p) >= 2] if " " not in name else []
        if len(parts) > 1 or (parts and parts[0] != name):
            f["partdf"] = math.log1p(max(field_documents(p) for p in parts))
        f["defined"] = float(name in defined)
        if FIELD_TERMS:
            compound = df if " " in name or "-" in name else 0  # a plain word: ``may_name``'s own gate
            f["fielddf"] = math.log1p(
                max(compound, phrase_documents(name, own), long_documents(text, name, own))
            )
        rows.append((name, f))
    return rows


def probability(feats: dict[str, float], w: dict[str, float] | None = None) -> float:
    w = weights() if w is None else w
    z = w.get("", 0.0) + sum(v * w.get(k, 0.0) for k, v in feats.items())
    return 1.0 / (1.0 + math.exp(-z))


_OWN_ROLES = ("role=made", "role=named", "role=apposition", "role=spelled", "role=subject", "role=ours")
OWN_NONE = True
_OTHER_ROLES = ("role=evaluated", "role=used", "role=cited", "role=resource")


def _others(feats: dict[str, float]) -> bool:
    """Whether every role the abstract gives a candidate is someone else's thing: evaluated on,
    compared with, used, cited, a data set or baseline; never made, named, in apposition, spelled
    out or a subject."""
    return any(feats.get(k) for k in _OTHER_ROLES) and not any(feats.get(k) for k in _OWN_ROLES)


# An acronym in the plural ("DCTs", "RFs", "WGANs", "GP-GNNs") names a class of models, not one
# paper's thing: it may name the paper only when the authors make or name it ("we propose
# Progressive Compressed Records (PCRs)"). EVALUATION.md "Title names, round 6".
PLURAL_CLASS = True
# A candidate the abstract calls a data set, benchmark, environment or game ("resource") is the
# paper's name only when the authors make or name it ("we introduce the X benchmark"); round 6.
RESOURCE_VETO = True
# A candidate the abstract calls established or an example ("X is a recently proposed method", "X is
# one such example"; ``name_roles.ESTABLISHED``) is the paper's name only when the authors make or name
# it (ninth session).
ESTABLISHED_VETO = True


def eligible(name: str, feats: dict[str, float], text: str = "") -> bool:
    """Whether a candidate may be the paper's name at all: never a quantity ("100k", "4-bit"), nor,
    with ``PLURAL_CLASS``, an acronym in the plural the authors do not introduce (``introduced``,
    the long form it abbreviates included, when ``text`` is given), nor, with ``ROLE_VETO``, a
    candidate the abstract only evaluates on, compares with, uses or cites."""
    if _QUANTITY.fullmatch(name) or (ROLE_VETO and _others(feats)):
        return False
    if FIELD_TERMS and feats.get("fielddf", 0.0) >= math.log1p(FIELD_DOCS) and not feats.get("role=named"):
        return False  # a term of the field, or an acronym of one
    if (
        RESOURCE_VETO
        and feats.get("role=resource")
        and not (feats.get("role=made") or feats.get("role=named"))
    ):
        return False  # a data set, benchmark, environment or game the authors do not make
    if (
        ESTABLISHED_VETO
        and feats.get("role=established")
        and not (feats.get("role=made") or feats.get("role=named"))
    ):
        return False  # "ODIN is a recently proposed method": someone else's (ninth session)
    if PLURAL_CLASS and is_plural_acronym(name):
        return bool(feats.get("role=made") or feats.get("role=named")) or bool(
            text and introduced(text, name)
        )
    return True


def rank_score(feats: dict[str, float], w: dict[str, float] | None = None) -> float:
    """The ranker's score of a candidate: only its order among one abstract's candidates means anything."""
    w = rank_weights() if w is None else w
    return sum(v * w.get(k, 0.0) for k, v in feats.items())


# Which candidate and whether to name are two questions (fifth session): the ranker (a conditional
# logit fitted on the named train papers only, ``rank_score``) picks the candidate; the gate (the
# pointwise ``probability``, fitted on every paper) says whether the paper opens its title with a
# name at all, by its best candidate's probability. ``RANKER`` off: the gate's best candidate.
RANKER = True


# A piece of a longer candidate that the abstract never says on its own ("Tangents" of "Neural
# Tangents", "Perturb-and-Parse" of "Differentiable Perturb-and-Parse", "Self-Tuning" of "Self-Tuning
# Networks") is not a name of its own: the ranker picks among the other candidates, while the gate
# still reads the piece's evidence (sixth session). On train, of 6,437 such pieces the real title
# opens with the piece twice and with the longer candidate 107 times.
NESTED = True


def _said(text: str, name: str) -> int:
    return len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text))


def _inside(piece: str, whole: str) -> bool:
    """Whether ``piece`` is a whole word or run of words of ``whole`` ("Tangents" of "Neural Tangents",
    not "Net" of "FearNet" nor "Parse" of "Perturb-and-Parse")."""
    # the substring test first: most pairs fail it, and each piece's pattern is compiled only when
    # it can match (the patterns of an abstract's pieces overflow ``re``'s cache of compiled patterns)
    return (
        piece != whole
        and piece in whole
        and re.search(rf"(?<![\w-]){re.escape(piece)}(?![\w-])", whole) is not None
    )


def pieces(text: str, found: list[str]) -> frozenset[str]:
    """The candidates of ``found`` that the abstract says only inside a longer one of ``found``."""
    if not NESTED:
        return frozenset()
    out = set()
    for name in found:
        inside = [whole for whole in found if _inside(name, whole)]
        if inside and _said(text, name) <= sum(_said(text, whole) for whole in inside):
            out.add(name)
    return frozenset(out)


def rankable(text: str, rows: list[tuple[str, dict[str, float]]]) -> list[tuple[str, dict[str, float]]]:
    """The rows the ranker chooses from: every eligible candidate but the ``pieces`` (all of them
    when every one is a piece)."""
    nested = pieces(text, [n for n, _ in rows])
    return [(n, f) for n, f in rows if n not in nested] or rows


def _scored(text: str, rule_names: tuple[str, ...]) -> list[tuple[float, str]]:
    """(probability, name) of each ``eligible`` candidate, the ranker's pick (among the ``rankable``)
    carrying the highest probability of any (``RANKER``)."""
    rows = [(n, f) for n, f in features(text, rule_names) if eligible(n, f, text)]
    scored = [(probability(f), n) for n, f in rows]
    if RANKER and rank_weights() and rows:
        pick = max(rankable(text, rows), key=lambda nf: (rank_score(nf[1]), len(nf[0]), nf[0]))[0]
        gate = max(p for p, _ in scored)
        scored = [(gate, n) if n == pick else (min(p, gate * (1 - 1e-9)), n) for p, n in scored]
    return scored


def best(text: str, rule_names: tuple[str, ...] = ()) -> tuple[str, float]:
    """The likeliest candidate name and its probability (('', 0.0) without a candidate)."""
    p, name = max(_scored(text, rule_names), key=lambda pn: (pn[0], len(pn[1]), pn[1]), default=(0.0, ""))
    return name, p


def own_name(text: str, rule_names: tuple[str, ...] = ()) -> str:
    """The paper's own name, cased as the abstract first writes it, or '' when no candidate reaches
    ``THRESHOLD``. ``rule_names``: the older rules' picks, the name the abstract gives explicitly
    (``clues.named_method``, "a model called X") first."""
    scored = _scored(text, rule_names)
    p, name = max(scored, key=lambda pn: (pn[0], len(pn[1]), pn[1]), default=(0.0, ""))
    explicit = own_rule_names(text, rule_names[:1])[0] if rule_names else ""
    if NESTED and explicit and _inside(explicit, name):
        explicit = ""  # the explicit name is a piece of the pick ("Janossy" of "Janossy pooling")
    if explicit and explicit != name and PREFER_NAMED:
        # the explicitly given name stays unless the detector finds another PREFER_NAMED times likelier
        q = next((q for q, n in scored if n == explicit), 0.0)
        if q >= THRESHOLD and p < PREFER_NAMED * q:
            name, p = explicit, q
    return name if p >= THRESHOLD and may_name(text, name) else ""
