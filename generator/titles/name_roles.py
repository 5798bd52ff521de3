"""The roles a candidate name plays in the abstract, read with the part-of-speech tagger (split from
``names.py``, which re-exports them): made by the authors, named, in apposition, spelled out, a
subject, marked as the authors' ("our X", "the proposed X": "ours"); or evaluated on, used, cited,
"of", a data set or benchmark ("resource"), one of a list of names ("listed"); and whether the
authors introduce a name or the abstract gives it someone else's roles only (round 6). A name in
brackets after a noun phrase plays the phrase's roles, and participles inside a noun phrase belong
to it (seventh session); that phrase may hold one prepositional phrase, and the authors' naming
clause ("a method we term X", "we name them X", "referred to as X") names it (eighth session)."""

from __future__ import annotations

import re

from generator.text.acronyms import definitions
from generator.text.forms import singular
from generator.text.sentences import sentences
from generator.text.wordlists import TITLES_CONTRIBUTION_CONTRIBUTION_VERBS as _MAKING
from generator.text.wordlists import TITLES_NAMES_ESTABLISHED as _ESTABLISHED
from generator.text.wordlists import TITLES_NAMES_EVALUATED as _EVALUATED
from generator.text.wordlists import TITLES_NAMES_NAMING as _NAMING
from generator.text.wordlists import TITLES_NAMES_RESOURCE_NOUNS as _RESOURCE
from generator.text.wordlists import TITLES_NAMES_USED as _USED

# --- the name's role in the abstract -------------------------------------------------------------

_AUTHORS = re.compile(r"\b(?:we|this paper|this work|our work|this study)\b", re.I)
# tags a name's own noun phrase or list may have between it and the word that governs it
_PHRASE_TAGS = frozenset(
    {"NNP", "NNPS", "NN", "NNS", "CD", "JJ", "DT", "PRP$", ",", "CC", "HYPH", "SYM", "POS"}
)
_FINITE = frozenset({"VBZ", "VBP", "VBD", "MD"})
_YEAR = re.compile(r"(?:19|20)\d\d[a-z]?")
ROLES = (
    "made",
    "named",
    "evaluated",
    "used",
    "of",
    "resource",
    "cited",
    "apposition",
    "spelled",
    "subject",
    "ours",
    "listed",
    "established",
)


def _inside_phrase(pairs: list[tuple[str, str]], j: int) -> bool:
    """Whether token ``j`` belongs to the noun phrase on its right: a phrase tag, or (seventh session,
    ``PHRASE_PARTICIPLES``) a participle the tagger gives a modifier between a determiner, adjective
    or noun and a noun ("a new [distributed] reinforcement [learning] algorithm", "the [proposed]
    approach"); never one before a preposition or a name ("trained on X", "using X")."""
    word, tag = pairs[j]
    if tag in _PHRASE_TAGS or (QUOTED_PHRASE and tag in _QUOTES):
        return word.lower() not in {"e.g.", "e.g.,"}
    if not PHRASE_PARTICIPLES or tag not in {"VBN", "VBG"} or j == 0 or j + 1 >= len(pairs):
        return False
    left, right = pairs[j - 1][1], pairs[j + 1][1]
    if MARKED_NAMES:
        # "an innovative [contextualized] [attention-based] network"; before a proper noun only the
        # authors' mark ("the proposed [SuperChat] method"), not a modifier of the name's own phrase
        # ("the proposed [scaled] Cayley orthogonal RNN", "a [discriminatively-trained] Cycle-Consistent ...")
        if right in {"NNP", "NNPS"} and word.lower() not in _MAKING and word.lower() not in _RESULTING:
            return False
        return left in _PARTICIPLE_LEFT and right in _PARTICIPLE_RIGHT
    return left in {"DT", "JJ", "PRP$", "CD", "NN"} and right in {"NN", "NNS", "JJ"}


# Participles inside a noun phrase are part of it (seventh session): before, the governor of
# "IMPACT" in "we propose a new distributed reinforcement learning algorithm, IMPACT" was the
# tagger's VBN "distributed", and the paper's name had no role.
PHRASE_PARTICIPLES = True

# How the authors mark a name as theirs, read more fully (ninth session). On SciTLDR train, 29 of the
# 245 names real titles open with had no role of the authors' own (``own_none``, the gate's heaviest
# negative weight), mostly because the reading stopped short: a participle before a proper noun
# ("the proposed [SuperChat] method", "The proposed MMT framework": the participle was read as the
# governor), a chain of participles ("an innovative contextualized attention-based deep neural
# network, SDNet"), "the resulting X" ("The resulting algorithm, GenDICE,", "the resulting SHREWD
# method"), a making verb's -ing form ("by proposing TSInsight"), and "which we refer to as X".
MARKED_NAMES = True
_PARTICIPLE_LEFT = frozenset({"DT", "JJ", "PRP$", "CD", "NN", "VBN", "VBG"})
_PARTICIPLE_RIGHT = frozenset({"NN", "NNS", "JJ", "NNP", "NNPS", "VBN", "VBG"})
# the thing a procedure of the paper's results in is the authors' ("the resulting model, the Reformer")
_RESULTING = frozenset({"resulting"})
# A name in quotation marks is inside its phrase ('our proposed method "Jumpout"'; ninth session).
QUOTED_PHRASE = True
_QUOTES = frozenset({"``", "''", '"'})


def _making(word: str, tag: str) -> bool:
    """Whether ``word`` is one of the authors' making verbs (``_MAKING``), its -ing form included when
    ``MARKED_NAMES`` is on ("proposing", "presenting", "introducing", "developing", "building")."""
    if word in _MAKING:
        return True
    if not (MARKED_NAMES and tag == "VBG" and word.endswith("ing")):
        return False
    stem = word[:-3]
    return stem in _MAKING or stem + "e" in _MAKING


def _phrase_start(pairs: list[tuple[str, str]], i: int) -> int:
    """The first token of the noun phrase or list that ends just before token ``i`` and holds it."""
    j = i - 1
    for _ in range(10 if PHRASE_PARTICIPLES else 8):
        if j < 0 or not _inside_phrase(pairs, j):
            break
        j -= 1
    return j + 1


def _governor(pairs: list[tuple[str, str]], i: int) -> tuple[str, str, str]:
    """(word, tag, word before it) of the word governing the phrase or list at token ``i``: "on" for
    ImageNet in "outperforms the baselines on CIFAR-10 and ImageNet"; ('', '', '') at the start."""
    j = _phrase_start(pairs, i) - 1
    if j < 0:
        return "", "", ""
    return pairs[j][0].lower(), pairs[j][1], pairs[j - 1][0].lower() if j else ""


def _occurrence_roles(
    pairs: list[tuple[str, str]], i: int, j: int, authors: bool, start: int | None = None
) -> set[str]:
    """The roles of the name at tokens ``i:j`` of a tagged sentence (see ``ROLES``). ``start``: the
    name is a short form in brackets after its long form, which opens at token ``start``
    (``_long_form_start``): the long form's governor and the words after the closing bracket are
    read, as if the long form and its bracket were one phrase (sixth session)."""
    out = set()
    if LISTED and _listed(pairs, i, j):
        out.add("listed")
    if start is None and BRACKET_HOST:
        start = _bracket_host(pairs, i, j)
        if start is not None:  # "we develop a stochastic video prediction (SV2P) method that ..."
            j = next(m for m in range(j, len(pairs)) if pairs[m][0] == ")")
    if start is not None and singular(pairs[i - 2][0].lower()) in _RESOURCE_SINGULAR:
        out.add("resource")  # the head of the phrase before the bracket is a data set: "a benchmark (X)"
    if OURS and _ours(pairs, i if start is None else start, i):
        out.add("ours")
    if start is not None:
        i, j = start, j + 1  # "we present [Outlier Detection In Neural networks (ODIN)], an ..."
    word, tag, before = _governor(pairs, i)
    nxt = [w.lower() for w, _ in pairs[j : j + 4]]
    if OTHERS_NAMING and word in _NAMING and _named_by_others(pairs, i):
        out.add("used")  # "SGP uses a gossip algorithm called PushSum": someone else's name, used
    elif (
        word in _NAMING
        or (word == "as" and before in _NAMING)
        or (AUTHORS_NAMING and _authors_name(pairs, i))
    ):
        out.add("named")
    elif tag.startswith("VB") and _making(word, tag) and authors:
        out.add("made")
    elif word == "on" and before == "based":
        out.add("used")
    elif (
        word in _EVALUATED  # "on X", "than X", "outperforms X"
        or (word == "as" and before == "such")
        or (word in {"with", "to"} and before in {"compared", "comparing", "compare"})
    ):
        out.add("evaluated")
    elif word in _USED:
        out.add("used")
    elif word == "of":
        out.add("of")
    if (nxt[:1] and nxt[0] in _RESOURCE) or (RESOURCE_HEAD and _resource_head(pairs, j)):
        out.add("resource")
    inside = [w.lower().strip(",;") for w, _ in pairs[j + 1 : j + 7]] if nxt[:1] in (["("], ["["]) else []
    cited = nxt[:1] == ["et"] or "et" in inside or any(_YEAR.fullmatch(w) for w in inside)
    if cited or (nxt[:1] == ["["] and len(nxt) > 1 and nxt[1].isdigit()):
        out.add("cited")
    established = ESTABLISHED and _established([w.lower() for w, _ in pairs[j : j + 6]])
    if established:
        out.add("established")  # "ODIN is a recently proposed method": someone else's, not an apposition
    if (nxt[:1] == [","] and len(nxt) > 1 and nxt[1] in {"a", "an"}) or nxt[:2] in (
        ["is", "a"],
        ["is", "an"],
    ):
        if not established:
            out.add("apposition")
        if APPOSITION_RESOURCE and _resource_head(pairs, j + 2, _APPOSITION_TAGS):
            out.add("resource")  # "QM9, a standard molecular prediction benchmark"
    if (
        not cited
        and start is None
        and nxt[:1] == ["("]
        and len(nxt) > 2
        and pairs[j + 1][0][:1].isupper()
        and nxt[2] not in {")", ","}
        and not (SPELLED_WORDS and _versions(pairs, j + 1))
    ):
        out.add("spelled")  # "Metagross (Meta Gated Recursive Controller)"
    k = j
    if nxt[:1] == ["("]:  # "X (long form) achieves": look past the bracket
        k = next((m + 1 for m in range(j, min(len(pairs), j + 12)) if pairs[m][0] == ")"), j)
    if (
        k < len(pairs)
        and pairs[k][1] in _FINITE
        and all(t in {"DT", "PRP$", "JJ", "VBN"} for _, t in pairs[:i])
    ):
        out.add("subject")
    if PASSIVE_MADE and _made_passively(pairs, k):
        out.add("made")
    return out


# An apposition or a copula that calls the named thing established or an example ("ODIN is a recently
# proposed method", "Viper, a recently proposed technique", "Feedback Alignment is one such example",
# "X, one of the most popular ...") says it is someone else's (ninth session). On SciTLDR train 24
# eligible candidates are described so, and no real title opens with any of them.
ESTABLISHED = True


def _established(words: list[str]) -> bool:
    """Whether the words after a name ("is a recently proposed ...", ", one such ...") open an
    apposition or a copula whose first words (``_ESTABLISHED``) call the thing established."""
    if not words or words[0] not in {",", "is", "was", "are"}:
        return False
    rest = words[1:]
    if rest[:2] == ["one", "of"]:
        rest = rest[2:]
        rest = rest[1:] if rest[:1] == ["the"] else rest
        rest = rest[1:] if rest[:1] == ["most"] else rest
        return bool(rest) and rest[0] in _ESTABLISHED
    if rest[:1] == ["one"]:
        return rest[1:2] == ["such"]
    if rest[:1] not in (["a"], ["an"]):
        return False
    return any(w in _ESTABLISHED for w in rest[1:3])


# The authors mark their own thing in the phrase that holds the name (seventh session): "our"
# ("Our second method (UD-GAN-G, ...)", "our SV2P implementation") or "the proposed / presented ..."
# ("The presented system, AuthAR reduces ..."), whatever verb governs the phrase.
OURS = True


def _ours(pairs: list[tuple[str, str]], i: int, name: int) -> bool:
    """Whether the noun phrase that holds the name at token ``name`` (from ``_phrase_start`` of ``i``,
    the name or the phrase its bracket follows) says it is the authors': "our", or a making verb's
    participle after "the" or "our" ("the proposed approach")."""
    span = pairs[_phrase_start(pairs, i) : name]
    for k, (word, tag) in enumerate(span):
        low = word.lower()
        if low == "our" and tag == "PRP$":
            return True
        if tag == "VBN" and low in _MAKING and k and span[k - 1][0].lower() in {"the", "our"}:
            return True
        if MARKED_NAMES and low in _RESULTING and k and span[k - 1][0].lower() in {"the", "our"}:
            return True  # "the resulting SHREWD method", "The resulting algorithm, GenDICE"
    return False


# A name in a list of names ("Alice and Bob", "EN-FR and EN-DE", "CIFAR-10, SVHN") is one of several
# things of a kind: a role, a data set, a baseline more often than the paper's own (seventh session).
LISTED = True
_LIST_WORDS = frozenset({",", "and", "or", "/", "vs", "vs."})
_NOUNS = frozenset({"NNP", "NNPS", "NN", "NNS"})


def _listed(pairs: list[tuple[str, str]], i: int, j: int) -> bool:
    """Whether the name at tokens ``i:j`` stands next to another capitalised word across a list word
    ("and", "or", a comma, a slash)."""

    def capital(k: int) -> bool:
        return 0 <= k < len(pairs) and pairs[k][0][:1].isupper() and pairs[k][1] in _NOUNS

    left = i >= 2 and pairs[i - 1][0].lower() in _LIST_WORDS and capital(i - 2)
    right = j + 1 < len(pairs) and pairs[j][0].lower() in _LIST_WORDS and capital(j + 1)
    return left or right


# A name in brackets after a noun phrase the abstract does not spell it out with ("a stochastic
# variational video prediction (SV2P) method", "we introduce matrix-interleaving (Mint), a ...", "Our
# second method (UD-GAN-G, weakly supervised)") plays that phrase's roles, as a defined short form
# does (``BRACKET_ROLES``); seventh session.
BRACKET_HOST = True


def _bracket_host(pairs: list[tuple[str, str]], i: int, j: int) -> int | None:
    """The first token of the noun phrase before the bracket that opens just before the name at
    tokens ``i:j``, when the bracket closes within six tokens and holds no citation; else None."""
    if i < 2 or pairs[i - 1][0] != "(":
        return None
    close = next((m for m in range(j, min(len(pairs), j + 6)) if pairs[m][0] == ")"), None)
    if close is None:
        return None
    inside = [w.lower().strip(",;") for w, _ in pairs[j:close]]
    if "et" in inside or any(_YEAR.fullmatch(w) or w.isdigit() for w in inside):
        return None
    if pairs[i - 2][1] not in {"NN", "NNS", "NNP", "NNPS", "JJ", "VBG", "VBN", "CD"}:
        return None
    start = _phrase_start(pairs, i - 2)  # the word before the bracket is the phrase's last
    if (
        HOST_THROUGH_PREPOSITION
        and start >= 2
        and pairs[start - 1][0].lower() in _HOST_PREPOSITIONS
        and pairs[start - 2][1] in {"NN", "NNS", "NNP", "NNPS"}
    ):
        # "we present [a Deep Neural Network with Spike Assisted Feature Extraction] (SAFE-DNN)": the
        # name in brackets abbreviates the whole phrase, its prepositional part included (eighth session)
        return _phrase_start(pairs, start - 2)
    return start


# The phrase a bracketed name abbreviates may hold one prepositional phrase ("a Deep Neural Network
# with Spike Assisted Feature Extraction (SAFE-DNN)", "a framework for Learning to Teach (L2T)"): the
# name then plays the whole phrase's roles, not those of the noun after the preposition (eighth session).
HOST_THROUGH_PREPOSITION = True
_HOST_PREPOSITIONS = frozenset({"with", "for", "of"})


# The authors name the thing in a clause the tagger does not read as a verb governing the name (eighth
# session): "a method we term X" ("term" tagged a noun inside the phrase), "we name them X", "we call
# it X", "(thus) referred to as X": a naming verb after "we" (or "referred to as") within three words
# before the name, with only a pronoun, determiner or noun between.
AUTHORS_NAMING = True
_BETWEEN = frozenset({"PRP", "DT", "PRP$", "NN", "NNS", "JJ", ","})


def _authors_name(pairs: list[tuple[str, str]], i: int) -> bool:
    """Whether a naming clause of the authors' stands just before the name at token ``i``."""
    low = [w.lower() for w, _ in pairs]
    if i >= 3 and low[i - 3 : i] == ["referred", "to", "as"]:
        return True
    if MARKED_NAMES and i >= 4 and low[i - 2 : i] == ["to", "as"] and low[i - 3] in {"refer", "refers"}:
        return low[i - 4] in {"we", "i"}  # "which we refer to as Recall Traces"
    for k in range(i - 1, max(i - 4, 0), -1):
        if low[k] in _NAMING and low[k - 1] in {"we", "i"}:
            return all(pairs[m][1] in _BETWEEN for m in range(k + 1, i))
        if pairs[k][1] not in _BETWEEN:
            return False
    return False


# The noun phrase the name modifies is a data set, benchmark, environment or game when its head noun
# is one, in either number ("SpeedDreams/TORCS video game", "the Atari benchmark suite"); round 6.
RESOURCE_HEAD = True
_NOUN_RUN = frozenset({"NN", "NNS", "NNP", "NNPS", "SYM", "HYPH", "CD"})


def _resource_head(pairs: list[tuple[str, str]], j: int, tags: frozenset[str] = _NOUN_RUN) -> bool:
    """Whether the head noun of the noun phrase that follows the name at token ``j`` (its last noun
    before any other word) is a resource noun (``_RESOURCE``, singular or plural); ``tags``: the
    tags the phrase may hold (an apposition's adjectives too)."""
    head = ""
    for word, tag in pairs[j : j + 5 if tags is _NOUN_RUN else j + 8]:
        if tag not in tags:
            break
        if tag in {"NN", "NNS"}:
            head = word.lower()
    return bool(head) and singular(head) in _RESOURCE_SINGULAR


_RESOURCE_SINGULAR = frozenset(singular(w) for w in _RESOURCE)
# The apposition says what the name is (eighth session): "QM9, a standard molecular prediction
# benchmark" is a data set, as "the QM9 benchmark" is.
APPOSITION_RESOURCE = True
_APPOSITION_TAGS = _NOUN_RUN | {"JJ", "VBN", "VBG"}
# A name given by a participle inside a phrase someone else's thing governs ("SGP uses a gossip
# algorithm called PushSum", "compared with a method named X") is used, not the authors' (eighth
# session).
OTHERS_NAMING = True


def _named_by_others(pairs: list[tuple[str, str]], i: int) -> bool:
    """Whether the naming word governing the name at token ``i`` is a participle ("called") after a
    noun phrase that a using or evaluating verb governs ("uses", "outperforms")."""
    k = _phrase_start(pairs, i) - 1  # the naming word
    if k < 1 or pairs[k][1] != "VBN" or pairs[k - 1][1] not in {"NN", "NNS", "NNP", "NNPS"}:
        return False
    host = _phrase_start(pairs, k - 1) - 1
    if host < 0:
        return False
    word, tag = pairs[host][0].lower(), pairs[host][1]
    return tag.startswith("VB") and (word in _USED or word in _EVALUATED)  # a verb, not "on" or "with"


# A bracket of versions or a list ("Something-Something (V1 and V2)") spells nothing out (eighth
# session).
SPELLED_WORDS = True


def _versions(pairs: list[tuple[str, str]], k: int) -> bool:
    """Whether the bracket opening before token ``k`` holds a list or a word with a digit."""
    inside = []
    for word, _ in pairs[k : k + 8]:
        if word == ")":
            break
        inside.append(word.lower())
    return any(w in {"and", "or", ","} or any(ch.isdigit() for ch in w) for w in inside)


PASSIVE_MADE = True
_BE = frozenset({"is", "are", "was", "were", "be", "been"})


def _made_passively(pairs: list[tuple[str, str]], k: int) -> bool:
    """Whether the words from token ``k`` (after the name and its bracket) say it is made, in the
    passive: "FAVAE, is presented", "X is proposed", "X was introduced here" (the authors' making
    verbs, ``_MAKING``, as a past participle after a form of "be")."""
    words = [w.lower() for w, t in pairs[k : k + 6] if any(ch.isalnum() for ch in w)]
    if words[:1] and words[0] in _BE:
        rest = [w for w in words[1:3] if not w.endswith("ly")]  # "is first proposed"
        return bool(rest) and rest[0] in _MAKING and rest[0].endswith(("ed", "built"))
    return False


# A short form in brackets after its long form ("we present Outlier Detection In Neural networks
# (ODIN), an ...") plays the long form's roles: the tagger's governor of "ODIN" is the bracket, so
# before, the paper's most common way to coin a name gave the name no role (sixth session).
BRACKET_ROLES = True


def _long_form_start(pairs: list[tuple[str, str]], i: int, j: int, long: str) -> int | None:
    """The token where ``long`` (the long form the abstract defines for the name at tokens ``i:j``)
    opens, when the name stands in brackets right after it; else None."""
    if not long or i < 2 or j >= len(pairs) or pairs[i - 1][0] != "(" or pairs[j][0] != ")":
        return None
    flat = long.replace(" ", "").lower()
    for m in range(i - 2, max(i - 2 - 16, -1), -1):
        joined = "".join(w for w, _ in pairs[m : i - 1]).lower()
        if joined == flat:
            return m
        if len(joined) > len(flat):
            return None
    return None


def roles(text: str, wanted: dict[str, tuple[int, int]] | None = None) -> dict[str, dict[str, int]]:
    """For each token sequence of the abstract that a candidate could be, how often it plays each
    role; keyed by the sequence's words joined with spaces. ``wanted``: ``candidates(text)``, when
    the caller has them."""
    from generator.titles.contribution import tagged

    out: dict[str, dict[str, int]] = {}
    if wanted is None:
        from generator.titles.names import candidates

        wanted = candidates(text)
    firsts: dict[str, list[tuple[str, int]]] = {}
    for name in wanted:
        words = name.split()
        firsts.setdefault(words[0].rstrip("+"), []).append((name, len(words)))
    longs = {d.short: d.long for d in definitions(text)} if BRACKET_ROLES else {}
    for sentence in sentences(text):
        # A candidate's first word is in the sentence as written (tokens are pieces of it): a
        # sentence without any is not tagged (it holds no occurrence).
        if not any(first in sentence for first in firsts):
            continue
        pairs = tagged(sentence)
        authors = bool(_AUTHORS.search(sentence))
        for i, (w, _) in enumerate(pairs):
            for name, size in firsts.get(w.rstrip(".").rstrip("+"), ()):
                # the tagger splits "Flow++" into "Flow", "+", "+"
                plus = len(name) - len(name.rstrip("+"))
                if " ".join(p[0] for p in pairs[i : i + size]).rstrip(".").rstrip("+") != name.rstrip("+"):
                    continue
                if plus and [p[0] for p in pairs[i + size : i + size + plus]] != ["+"] * plus:
                    continue
                size += plus
                counts = out.setdefault(name, {})
                counts["_uses"] = counts.get("_uses", 0) + 1
                start = _long_form_start(pairs, i, i + size, longs.get(name, ""))
                for role in _occurrence_roles(pairs, i, i + size, authors, start):
                    counts[role] = counts.get(role, 0) + 1
    return out


def introduced(text: str, name: str) -> bool:
    """Whether the authors introduce ``name`` or the long form it abbreviates: they make it ("we
    propose Mutual Mean-Teaching (MMT)"), name it ("called X") or describe it in apposition ("X, a
    new ..."); an acronym the abstract only spells out or uses ("operations of the NASA (National
    Aeronautics and Space Administration)") is not introduced."""
    forms = {form: (0, 0) for form in (name, spelled_out(text, name)) if form}
    played = roles(text, forms)
    return any(played.get(form, {}).get(role) for form in forms for role in ("made", "named", "apposition"))


_OWN = ("made", "named", "apposition", "subject", "ours")
# "of" is no evidence: "a novel framework of Non-Autoregressive Dialog State Tracking (NADST)"
_OTHER = ("used", "evaluated", "cited", "resource", "established")


def someone_elses(text: str, name: str) -> bool:
    """Whether the abstract gives ``name`` and the long form it abbreviates only roles of someone
    else's thing ("using the NASA (National Aeronautics and Space Administration) archive": used,
    evaluated on, cited, a data set) and none of the authors' own (made, named, apposition,
    subject)."""
    forms = {form: (0, 0) for form in (name, spelled_out(text, name)) if form}
    played = roles(text, forms)
    said = {role for form in forms for role, n in played.get(form, {}).items() if n}
    return not said.intersection(_OWN) and bool(said.intersection(_OTHER))


def spelled_out(text: str, name: str) -> str:
    """The long form the abstract defines for ``name``, as written ("Progressive Compressed Records"
    for "PCRs"), or ''."""
    return next((d.long for d in definitions(text) if name in (d.short, d.letters)), "")
