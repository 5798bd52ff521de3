"""Candidate TLDRs of one sentence: the sentence and its principled compressions (issue 22).

Each rule reads the part-of-speech tagger's lexicon (``tagger.Model.lexicon``: each frequent word's
most frequent tag), a dictionary look-up, so the whole abstract costs well under a millisecond:

- **asides**: a parenthetical or bracketed aside after a space ("Monte Carlo (MCMC)", "[12]",
  "(Smith et al., 2019)") is dropped; "f(x)" stays (no space before the bracket);
- **leading clause**: a clause before the subject ("In this paper, we propose X" -> "We propose X";
  "While X is popular, our method ..." -> "Our method ..."), and more generally a leading clause that
  opens with a preposition, subordinator, "to", participle or adverb ("However, ...", "Motivated by
  X, a new ...") when the rest opens a noun phrase;
- **connectives**: a word that ties the sentence to the one before ("also", "then", "first",
  "furthermore"; learned on train: ``connectives``) goes after the authors' subject ("We then extend
  X" -> "We extend X") and opens a leading clause ("First, the model ..." -> "The model ..."), whose
  subject may be a name the lexicon does not know ("Specifically, Mahé provides ...");
- **opener**: "We propose/present/introduce X" -> "X" (the contribution verbs of the titles stage),
  and "We show/find/prove that X" -> "X";
- **trailing clauses**: the clause is cut before a later relative or participial clause (", which",
  ", achieving"), a coordinated clause, a semicolon, dash or colon, or a prepositional phrase of
  means or comparison ("by", "via", "using", "compared to"), while ``MIN_WORDS`` words remain,
  never leaving a participle or adjective without its complement ("constrained | by X",
  ``dangles``) nor a quotation or bracket open (``balanced``);
- **trim**: adverbs in -ly ("significantly") and the paper's praise of itself ("novel", "simple")
  are dropped from the whole candidate.

``anaphoric`` tells a candidate that leans on an earlier sentence ("Both models ...", "This
estimator ...", "It ...", "The proposed method ..."): its opening pronoun or demonstrative's noun,
or the noun after "the" and a past participle, was used before. Such a candidate is chosen only when
the abstract gives nothing else (``tldr.tldr``). ``leans_back`` finds the same pointer inside the
candidate ("..., and we solve this problem with ..."); ``role`` is the sentence's subject and first
verb ("we_evaluate", "experiments_show"), a feature whose weight the ranker learns on train.
"""

from __future__ import annotations

import re
from functools import cache

from generator.text.forms import indefinite_article
from generator.text.tagger import tag
from generator.text.wordlists import TITLES_CONTRIBUTION_CONTRIBUTION_VERBS as CONTRIBUTION_VERBS
from generator.text.wordlists import TITLES_CONTRIBUTION_SELF_PRAISE as SELF_PRAISE
from generator.text.wordlists import (
    TITLES_SPANS_NEGATION,
    TLDR_ANAPHORS,
    TLDR_FINDING_VERBS,
    TLDR_POLARITY_ADVERBS,
)

MIN_WORDS = 6
# The most words a one-line summary has (the "at most about 30 words").
MAX_WORDS = 30

_ASIDE = re.compile(r"(?<=\S)\s+(?:\([^()]{1,160}\)|\[[^\[\]]{1,80}\])(?=[\s,.;:]|$)")
# A list item's marker opening the sentence: "(4) Pooling ...", "(iii) ...", "2) ...", "(a) ...", "3. We ...".
_MARKER = re.compile(r"^\s*(?:\(?(?:\d{1,2}|[ivx]{1,4}|[a-hA-H])\)|\d{1,2}\.(?=\s+[A-Z]))\s+")
# A clause before the sentence's subject: "In this paper, we ...", "To this end, our method ...".
_LEAD = re.compile(
    r"^(?P<pre>[^;:]{0,200}?),\s*(?P<rest>(?:we|our|this paper|this work|the proposed)\b.*)$", re.I
)
_COMMA = re.compile(r",\s+")
_BARE_WE = re.compile(r"(?<=[^,;:])\s(?=we\s)")
# Tags that open an adverbial leading clause, and tags that open a noun phrase (a subject).
_LEAD_TAGS = frozenset({"IN", "TO", "VBG", "VBN", "RB", "WRB", "RBR", "JJR"})
_SUBJECT_TAGS = frozenset({"PRP", "PRP$", "DT", "NN", "NNS", "NNP", "NNPS", "JJ", "CD"})
_OPENER = re.compile(
    r"^(?:we|this (?:paper|work|article|study)|the paper|our (?:paper|work))\s+"
    r"(?:also\s+|further\s+|then\s+)?"
    r"(?P<verb>[a-z]+)\s+(?P<rest>.+)$",
    re.I,
)
# Where a candidate may end: before a relative or participial clause, a coordinated clause, a
# prepositional phrase of means or comparison, a semicolon, a dash or a colon.
_BOUNDARY = re.compile(
    r"(?:,\s+(?:which|where|while|thereby|thus|and|but|whereas|as well as|leading|resulting|allowing|"
    r"enabling|making|using|including|such as|e\.g\.|i\.e\.)\b|;\s|\s--?\s|:\s|\s(?:by|via|through|"
    r"using|with|without|in order to|compared to|compared with|on|for|under|across|while|"
    r"in terms of)\s)",
    re.I,
)
_WE_VERB = re.compile(r"^We (?:also |further |then |first |additionally |finally )?(?P<verb>[a-z]+) ")
_COMMA_WORD = re.compile(r",\s+(?P<word>[A-Za-z]+)\b")
_WORD = re.compile(r"[A-Za-z][\w\-']*")


@cache
def _lexicon() -> dict[str, str]:
    from generator.text.tagger import model

    return model().lexicon


def lex_tag(word: str) -> str:
    """The word's most frequent tag in the tagger's training data ('' when unknown)."""
    return _lexicon().get(word.lower(), "")


@cache
def connectives() -> frozenset[str]:
    """The words that tie a sentence to the one before it ("also", "then", "furthermore", "first"),
    learned on train (``tldr_tune.fit_connectives``: adverbs that open train sentences before a
    comma); a summary read alone needs none of them ("We also propose X" -> "We propose X")."""
    from generator.titles.tldr_model import learned

    return frozenset(learned().get("connectives", ()))


_CONNECTED = re.compile(
    r"^(?P<subject>We|This (?:paper|work|article|study)|The paper)\s+(?P<word>[a-z]+)\s+(?=[a-z])"
)


def unconnected(clause: str) -> str:
    """The authors' clause without the connective after its subject: "We then extend X" -> "We
    extend X", "This paper also shows" -> "This paper shows" (``connectives``)."""
    m = _CONNECTED.match(clause)
    if not m or m.group("word") not in connectives():
        return clause
    return f"{m.group('subject')} {clause[m.end() :]}"


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def strip_asides(sentence: str) -> str:
    """The sentence without its parenthetical and bracketed asides, nor a leading list marker
    ("(4) Pooling confers ..." -> "Pooling confers ...")."""
    unmarked = _MARKER.sub("", sentence)
    if unmarked != sentence:
        unmarked = upper_first(unmarked)
    return " ".join(_ASIDE.sub("", unmarked).split())


def _first_word(text: str) -> str:
    m = _WORD.match(text)
    return m.group() if m else ""


def main_clause(sentence: str) -> str:
    """The sentence from its subject on: 'In this paper, we propose X.' -> 'We propose X'."""
    s = " ".join(sentence.split())
    m = _LEAD.match(s)
    if m:
        return upper_first(m.group("rest")).rstrip(" .")
    s = s.rstrip(" .")
    lead = _first_word(s)
    if lead and _leads(lead):
        m = _BARE_WE.search(s)  # "In this paper we ...", "Inspired by X we propose ..."
        # ... but not a "we" that opens a relative or subordinate clause ("..., which we denote as
        # X", "the loss that we use", "as we show"): that clause has no object or no main verb.
        before = s[: m.start()].split()[-1:] if m else []
        if m and len(s[: m.start()].split()) <= 25 and not (before and _subordinating(before[0])):
            return upper_first(s[m.end() :])
        for comma in _COMMA.finditer(s):
            pre, rest = s[: comma.start()], s[comma.end() :]
            if len(pre.split()) > 25:
                break
            head = _first_word(rest)
            # a subject: a noun phrase's first word, or a name the lexicon does not know ("Mahé")
            subject = lex_tag(head) in _SUBJECT_TAGS or (head[:1].isupper() and not lex_tag(head))
            if head and subject and len(rest.split()) >= MIN_WORDS:
                return upper_first(rest)
    return s


def _leads(word: str) -> bool:
    """Does the word open a leading clause ("In ...", "However, ...", "First, ...")? An adverb,
    preposition, "to" or participle by the lexicon, or a learned connective (``connectives``: "first",
    "next" are adjectives in the lexicon); never a pointer back ("This", "These")."""
    low = word.lower()
    return (lex_tag(word) in _LEAD_TAGS or low in connectives()) and low not in TLDR_ANAPHORS


def _subordinating(word: str) -> bool:
    """Whether a word opens a relative or subordinate clause (which, that, who, as, because, if):
    the tagger's lexicon tags WDT, WP, WP$ or IN (the last also covers prepositions, which never
    stand right before a main clause's "we" either)."""
    return lex_tag(word.lower().strip(",;:")) in ("WDT", "WP", "WP$", "IN")


def drop_opener(clause: str) -> str:
    """'We propose X' -> 'X'; 'We show that X' -> 'X'; '' when the clause has no such opener."""
    m = _OPENER.match(clause)
    if not m:
        return ""
    verb, rest = m.group("verb").lower(), m.group("rest")
    if verb in CONTRIBUTION_VERBS:
        if lex_tag(_first_word(rest)) in ("TO", "IN", "WDT", "WP"):
            return ""
        # what the authors propose, as a noun phrase: a bare name ("The ballistic graph neural
        # network.") says nothing of what it does; it needs a phrase or clause that describes it
        # ("A sampler for diffusion models", "a loss that ...")
        if not any(lex_tag(w.lower()).startswith(("IN", "TO", "VB", "WDT")) for w in rest.split()[1:]):
            return ""
        least = MIN_WORDS - 2
    elif verb in TLDR_FINDING_VERBS and rest.lower().startswith("that "):
        rest, least = rest[5:], MIN_WORDS - 2  # a finding is a clause of its own
    else:
        return ""
    return upper_first(rest) if len(rest.split()) >= least else ""


def cuts(clause: str) -> list[str]:
    """The clause cut before each later clause or phrase boundary, at least ``MIN_WORDS`` words."""
    ends = {m.start() for m in _BOUNDARY.finditer(clause)}
    ends |= {
        m.start()
        for m in _COMMA_WORD.finditer(clause)
        if lex_tag(m.group("word")) in ("VBG", "WDT", "WRB", "WP")
    }
    out = []
    for end in sorted(ends):
        head = clause[:end].rstrip(" ,;:")
        if (
            len(head.split()) >= MIN_WORDS
            and closes(head)
            and balanced(head)
            and not dangles(head, clause[end:])
            and not drops_verb(clause[end:])
        ):
            out.append(head)
    return out


_SEGMENT_END = re.compile(r"[,;:]")
_PAIRS = (("(", ")"), ("[", "]"), ("“", "”"))


def balanced(text: str) -> bool:
    """Does every quotation and bracket the text opens close in it? A cut never ends inside one
    ('We analyze the following problem: "given a dataset, algorithm' is no sentence)."""
    return text.count('"') % 2 == 0 and all(text.count(a) == text.count(b) for a, b in _PAIRS)


def drops_verb(rest: str) -> bool:
    """Would a cut before a phrase ("with", "by", "on", ...) drop the verb of the clause the head
    is in? "... then a standard feedforward neural network | with one hidden layer is able to
    approximate ...": the cut-off part, up to its first comma, has a finite verb before any word
    that opens a clause of its own (which, that, who, if: a relative or subordinate clause's verb
    is not the head's). Read with the tagger; a clause boundary (", which", ", and") never drops one."""
    following = rest.lstrip()
    if not following or not following[0].isalpha():
        return False
    segment = _SEGMENT_END.split(following, maxsplit=1)[0]
    tagged = tag(segment)
    for word, t in tagged[1:]:
        if t in ("WDT", "WP", "WP$", "WRB") or word.lower() in _COMPLEMENTIZERS:
            return False
        if t.startswith(_FINITE):
            return True
    return False


def dangles(head: str, rest: str) -> bool:
    """Would the cut leave a participle or adjective without the complement that follows it
    ("models of neural activity constrained | by these clusters", "a method based | on X",
    "results comparable | with X")? By the tagger lexicon: the head's last word is a past
    participle or an adjective and the cut-off part opens with a preposition, with no punctuation
    between (", which" after a participle closes it)."""
    following = rest.lstrip()
    if not following or not following[0].isalpha():
        return False
    nxt = _first_word(following)
    if lex_tag(nxt) not in ("IN", "TO"):
        return False
    last = head.split()[-1].lower().strip(",;:")
    # a word the lexicon does not know ("constrained") is read by the tagger in its context
    known = lex_tag(last) or tag(f"{head} {nxt}")[-2][1]
    return known in ("VBN", "JJ")


# A cut that ends on one of these leaves its clause open: "..., but we show", "... can depend",
# "... audio embeddings generated" (the blind reader's broken summaries, EVALUATION.md).
_OPEN_ENDS = ("VB", "IN", "CC", "DT", "TO", "MD", "PRP", "WDT", "WP", "WRB", "EX", "PDT", "POS", "RP")


def closes(head: str) -> bool:
    """Does the cut end where a sentence may end: not on a verb (a gerund is let through: at the end
    it is mostly a noun), a function word or a pronoun (by the tagger lexicon's most frequent tag of
    the last word)?"""
    words = head.split()
    tag = lex_tag(words[-1].lower().strip(",;:")) if words else "VB"
    if not (tag == "VBG" or not tag.startswith(_OPEN_ENDS)):  # "planning", "training": nouns here
        return False
    return not _open_complement(head)


_COMPLEMENTIZERS = frozenset({"that", "whether", "if"})
_FINITE = ("VBZ", "VBP", "VBD", "MD")


def _open_complement(head: str) -> bool:
    """Does the cut leave a clause its verb introduced without a verb of its own ("We postulate
    that the objective optimized by language models")? Read with the tagger: the last "that" /
    "whether" after a verb must be followed by a finite verb."""
    if not _COMPLEMENTIZERS & set(head.lower().split()):
        return False
    tagged = tag(head)
    for i in range(len(tagged) - 1, 0, -1):
        if tagged[i][0].lower() in _COMPLEMENTIZERS and tagged[i - 1][1].startswith("VB"):
            return not any(t.startswith(_FINITE) for _, t in tagged[i + 1 :])
    return False


def _premodifier(bare: str, following: str) -> bool:
    """Is the -ly adverb ``bare`` a degree word in front of what it modifies ('significantly
    reduces', 'highly efficient')? Only then can it go: after its verb it is the verb's complement
    and carries the claim ('compares poorly to', 'scales linearly'), and a negative adverb
    ('rarely converges') reverses it."""
    if not (bare.endswith("ly") and lex_tag(bare) == "RB") or bare in TLDR_POLARITY_ADVERBS:
        return False
    nxt = following.lower().strip(",;:")
    return nxt.isalpha() and lex_tag(nxt).startswith(("VB", "JJ", "RB"))


def _negated(kept: list[str]) -> bool:
    """Does the next word open the scope of the negator just kept ('not', "isn't", 'never',
    'without')? Dropping a degree word there changes the claim: 'not necessarily complete' is no
    'not complete'."""
    last = kept[-1].lower() if kept else ""
    return last in TITLES_SPANS_NEGATION or last.endswith("n't")


def trim(text: str) -> str:
    """Without degree adverbs and the paper's praise of itself ('a novel', 'significantly')."""
    kept = []
    articles = set()  # the kept articles whose next word was dropped: their form follows the new one
    scope = False  # inside a negation's adverbs
    words = text.split()
    dropped = False  # the word before was dropped
    for i, word in enumerate(words):
        bare = word.lower().strip(",;:")
        if bare != word.lower() or not bare.isalpha():
            kept.append(word)
            dropped = False
            continue
        following = words[i + 1] if i + 1 < len(words) and word == word.rstrip(",;:") else ""
        if bare in ("and", "or") and dropped and kept:
            # its first conjunct dropped after a determiner, verb or preposition: "a novel and fast
            # method" -> "a fast method", not "a and fast method"
            before = kept[-1].lower()
            if before in ("a", "an", "the") or lex_tag(before).startswith(("VB", "IN", "DT")):
                continue
        dropped = False
        if _negated(kept) or scope:
            # "not necessarily complete", "not entirely new": the negation's scope (its adverbs and
            # the word they modify) stays whole.
            kept.append(word)
            scope = lex_tag(bare) == "RB"
            continue
        if _premodifier(bare, following) or bare in SELF_PRAISE:
            if kept and kept[-1].lower() in ("a", "an"):
                articles.add(len(kept) - 1)
            dropped = True
            continue
        kept.append(word)
    for k in articles:  # "a novel idea" -> "an idea"; "a useful idea" is left as it is
        if k + 1 < len(kept):
            kept[k] = kept[k][0] + indefinite_article(kept[k + 1])[1:]
    out = " ".join(kept)
    return upper_first(out) if text[:1].isupper() else out


def anaphoric(candidate: str, earlier: set[str]) -> bool:
    """Does the candidate open by pointing back ('Both models', 'This estimator', 'It')?

    ``earlier``: the lower-cased words of the sentences before the candidate's. A demonstrative is
    anaphoric when its noun (after any adjectives) was used before ("this paper" is not);
    a personal pronoun other than the authors' always is."""
    toks = candidate.lower().split()
    if not toks:
        return False
    first = toks[0].strip(",")
    if first not in TLDR_ANAPHORS and first != "the":
        return False
    if lex_tag(first) in ("PRP", "PRP$"):  # it, they, its, their
        return True
    following = [t.strip(",.;:") for t in toks[1:4]]
    if first == "the":  # "The proposed method", "The resulting estimator": a participle points back
        return len(following) > 1 and lex_tag(following[0]) == "VBN" and _used(following[1:], earlier)
    if not following or lex_tag(following[0]) in ("VBZ", "VBP", "VBD", "MD", "IN"):
        return True  # "This is ...", "These show ...", "Both of ..."
    return _used(following, earlier)


def _used(following: list[str], earlier: set[str]) -> bool:
    """Was the noun of ``following`` (its first word after adjectives and participles) used before?"""
    for word in following:
        if word in earlier or word.rstrip("s") in earlier:
            return True
        if lex_tag(word) not in ("JJ", "VBG", "VBN"):
            break
    return False


# Demonstratives that point back from inside a candidate; "this paper / work" names the paper itself.
_POINTER = re.compile(r"\b(?:this|these|those|such)\s+(?P<rest>(?:[a-z][\w\-]*\s+){0,2}[a-z][\w\-]*)", re.I)
_SELF = frozenset({"paper", "work", "article", "study", "letter", "note", "manuscript"})


def leans_back(candidate: str, earlier: set[str]) -> bool:
    """Does the candidate point back inside ('... to solve this problem', 'such models'): a
    demonstrative whose noun (after its modifiers) the earlier sentences used, other than the paper?"""
    for m in _POINTER.finditer(candidate):
        rest = m.group("rest").lower().split()
        if rest[0] in _SELF or lex_tag(rest[0]) in ("VBZ", "VBP", "VBD", "MD", "IN", "DT", "CC"):
            continue
        if _used(rest, earlier):
            return True
    return False


def role(sentence: str) -> str:
    """The sentence's rhetorical role as its subject and first verb: 'In this paper, we propose X'
    -> 'we_propose'; 'Experiments on MNIST show ...' -> 'experiments_show' (the verb among the five
    words after the subject's first, by the tagger lexicon; '' when none)."""
    words = [w.strip(",;:.()").lower() for w in main_clause(strip_asides(sentence)).split()]
    if not words:
        return "_"
    verb = next((w for w in words[1:6] if lex_tag(w).startswith("VB") and lex_tag(w) != "VBG"), "")
    return f"{words[0]}_{verb}"


_THE_PAPER = re.compile(r"^(?:we|(?:this|the) (?:paper|work|article|study))\s", re.I)


def authors_verb(sentence: str) -> str:
    """The verb of a sentence whose subject is the authors or the paper ("we", "this paper"); ''
    for other sentences. After "we" it is the first word that is not an adverb or a modal, whatever
    its most frequent tag ("we present", "we study": JJ / NN in the lexicon; "we can show", "we
    empirically show" -> "show"); after "this paper", the first verb as ``role`` finds it."""
    clause = main_clause(strip_asides(sentence))
    if not _THE_PAPER.match(clause + " "):
        return ""
    words = [w.strip(",;:.()").lower() for w in clause.split()]
    if words[0] != "we":
        return role(sentence).partition("_")[2]
    skip = ("RB", "MD")
    return next((w for w in words[1:4] if not (lex_tag(w).startswith(skip) or w.endswith("ly"))), "")


def sets_up(sentence: str, setup_verbs: frozenset[str]) -> bool:
    """Does the authors' sentence set up rather than say what the paper does or finds ("We evaluate
    our framework in comparison to ...", "We demonstrate the effectiveness of X on ...": the blind
    readers' set-up sentences)? Its verb is one of ``setup_verbs`` (learned on train: verbs whose
    sentence the author's TLDR rarely restates, ``tldr_tune.fit_setup_verbs``) and no "that" clause
    follows it: "We find that X" states a finding."""
    if setup_verbs.isdisjoint(re.findall(r"[a-z]+", sentence.lower())):
        return False  # the quick check: none of the verbs is in the sentence
    verb = authors_verb(sentence)
    if verb not in setup_verbs:
        return False
    return not re.search(rf"\b{re.escape(verb)}\s+(?:\w+\s+){{0,2}}that\b", sentence, re.I)


def sentence_candidates(sentence: str) -> list[tuple[str, dict[str, float]]]:
    """The candidates of one sentence with what was done to each, longest forms first."""
    raw = " ".join(sentence.split())
    bare = strip_asides(raw)
    asides = float(bare != raw)
    full = main_clause(bare)
    lead = float(len(full.split()) < len(bare.rstrip(" .").split()))
    full = unconnected(full)
    forms: list[tuple[str, dict[str, float]]] = [(full, {})]
    opened = drop_opener(full)
    if opened:
        forms.append((opened, {"opener": 1.0}))
    out: dict[str, dict[str, float]] = {}
    for form, how in forms:
        for cand in [form, *cuts(form)]:
            base = {"asides": asides, "lead": lead, **how, "cut": float(cand != form)}
            out.setdefault(cand, base)
            trimmed = trim(cand)
            if trimmed != cand and len(trimmed.split()) >= MIN_WORDS - 2:
                out.setdefault(trimmed, {**base, "trim": 1.0})
    return [(c, how) for c, how in out.items() if c]


def joinable(candidate: str) -> bool:
    """Does the candidate open with the authors and a finite verb ('We propose ...', 'We also show')?"""
    m = _WE_VERB.match(candidate)
    return bool(m) and lex_tag(m.group("verb")) in ("VBP", "VBD", "VB")


def join(first: str, later: str) -> str:
    """Two of the authors' clauses under one subject: 'We propose X' + 'We show Y' ->
    'We propose X and show Y' (both ``joinable``)."""
    return f"{first} and {later[3:]}"
