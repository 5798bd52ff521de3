"""Noun phrases of an abstract, from its part-of-speech tags: the only phrases YAKE may score.

The runs of noun-phrase words come from the shared chunker (``generator/text/nounphrases.py``). A
candidate is any part of such a run of up to ``MAX_WORDS`` words
that ends in a noun: so no candidate crosses a verb, a preposition or a determiner, and none ends in an
adjective ("deep neural") or cuts a word (the tokens are the tagger's, hyphenated words whole).

Proper names keep their case: a capitalised word inside a sentence that the tagger reads as a proper
noun ("Wasserstein", "Atari", "English Wikipedia") or an adjective made from a name ("Bayesian",
"Gaussian"), that the abstract never writes in lower case, none of whose parts is a common word in
the tagger's lexicon ("Zeroth-Order", "In-context" are title case) and that is no word of a defined
acronym's expansion ("Generative Adversarial Networks (GANs)" is written in lower case).

A part of a run that starts or ends between two words of a name (proper nouns, or words capitalised
inside the sentence) cuts the name ("Box Recursive
Translation" of "Black Box Recursive Translation", "novo proteins" of "de/NNP novo/NNP proteins"):
such a phrase is ``cut`` unless the abstract also says it whole somewhere. So is a phrase that ends
on a modifier before "and"/"or" whose noun comes after the conjunction ("sparse feedforward" of
"sparse feedforward and recurrent networks"; ``heads.elliptical``). A phrase must end on a word ML
abstracts use as a noun head (``heads.trusted``: not "converge", "residing", "linear"). A phrase
always said before another common noun of its run, ending on a word ML abstracts use too rarely to
judge, is cut before its head ("scanned IRS tax" of "... tax return forms"), unless they write it as a
term of its own ("natural language processing" before "systems"). Parts of a name in title case with
a word that is no common word keep the case they are written in (``named``: "Allen Brain
Observatory").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.keywords import filler
from generator.keywords.grammar import infinitive_verb
from generator.keywords.specificity import no_topic
from generator.text import generic, heads, tagger
from generator.text.forms import singular
from generator.text.nounphrases import chunks
from generator.text.tagger import Tagged
from generator.text.wordlists import KEYWORDS_NOUNPHRASES_NAME_ADJECTIVE as _NAME_ADJECTIVE

MAX_WORDS = 4
_COMMON = frozenset(
    {"NN", "NNS", "JJ", "JJR", "JJS", "RB", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "IN", "DT"}
)


@dataclass(frozen=True)
class NounPhrases:
    phrases: frozenset[str]  # lower-case, words joined by one space
    names: dict[str, str]  # lower-case word -> as the abstract writes it, for proper names
    cut: frozenset[str] = frozenset()  # phrases that only ever occur as a piece of a longer name
    # lower-case phrase -> as written, for the parts of a name written in title case around a word that
    # is no common word ("Allen Brain Observatory", "Super Mario Bros"): EVALUATION.md, round 7
    named: dict[str, str] = field(default_factory=dict)
    # lower-case phrase -> the longer phrase it continues into, for a phrase the abstract never says
    # but before more words of its noun phrase ("partial group" of "partial group comparison data");
    # "" where that longer phrase is beyond ``MAX_WORDS`` (``continuations``)
    continued: dict[str, str] = field(default_factory=dict)


_PROPER = frozenset({"NNP", "NNPS"})


def noun_phrases(sentences: tuple[Tagged, ...], defined: frozenset[str] = frozenset()) -> NounPhrases:
    """The candidate phrases and proper names of a tagged abstract; `defined`: lower-case words of the
    expansions of the acronyms it defines."""
    phrases: set[str] = set()
    cut: set[str] = set()
    whole: set[str] = set()
    early: set[str] = set()  # phrases said before another noun of their run ("scanned IRS tax" return forms)
    ended: set[str] = set()
    longer: dict[str, str] = {}  # phrase -> the phrase it continues into, where it does not end its run
    stands: set[str] = set()  # phrases said at least once ending their noun phrase
    for sentence in sentences:
        for run in chunks(sentence):
            words = [sentence[index][0].lower() for index, _ in run]
            proper = [_proper(sentence, index) for index, _ in run]
            nouns_after = _noun_heads(sentence, run, words) if CONTINUED_CUT else []
            # "to complement CNNs": a run that opens on an infinitive's verb starts after it
            verb = 1 if infinitive_verb(sentence, run[0][0]) else 0
            for end, (position, head) in enumerate(run):
                if end < verb or not head or not _head(sentence, position):
                    continue  # no noun head, or a word ML abstracts never use as one ("converge")
                # "sparse feedforward and recurrent networks": the noun comes after the conjunction.
                ellipsis = _before_conjunction(sentence, position) and heads.elliptical(words[end])
                for start in range(max(verb, end - MAX_WORDS + 1), end + 1):
                    phrase = " ".join(words[start : end + 1])
                    phrases.add(phrase)
                    inside = (start > 0 and proper[start - 1] and proper[start]) or (
                        end + 1 < len(run) and proper[end] and proper[end + 1]
                    )
                    if PIECES_OF_NAMES and not inside:
                        first, last = run[start][0], run[end][0]
                        inside = (start == 0 and _joined_name(sentence, first, -1)) or (
                            end + 1 == len(run) and _joined_name(sentence, last, 1)
                        )
                    if QUALIFIED_CUT and not inside and start == 0:
                        inside = _qualified(sentence, run[0][0])
                    (cut if inside or ellipsis else whole).add(phrase)
                    headless = end + 1 < len(run) and _before_noun(sentence, run[end + 1][0])
                    (early if headless and _modifier(sentence[position][0]) else ended).add(phrase)
                    if CONTINUED_CUT:
                        grown = _continuation(sentence, run, words, start, end, nouns_after)
                        if grown is None:
                            stands.add(phrase)
                        else:
                            longer.setdefault(phrase, grown)
    named = _named_runs(sentences, defined) if NAMED_RUNS else {}
    early = {p for p in early - ended if not _term(p)} if HEADLESS_CUT else set()
    continued = {p: grown for p, grown in sorted(longer.items()) if p not in stands}
    return NounPhrases(
        frozenset(phrases), _names(sentences, defined), frozenset((cut - whole) | early), named, continued
    )


# A phrase the abstract only ever says before more words of its noun phrase is a piece of that phrase
# (EVALUATION.md, "Keywords, seventh session"); the stage judges it with corpus evidence
# (``keywords.stage``).
CONTINUED_CUT = True
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
# A word ML abstracts use as a head at least this many times as often as as a modifier, and that at
# least ``GENERIC_HEAD_SHARE`` of SciTLDR train abstracts use, adds no concept after a phrase
# ("text clustering methods", "Apple Tasting framework").
GENERIC_HEAD_SHARE = 0.01


def generic_head(word: str) -> bool:
    """Whether a word is a generic head of ML writing by corpus statistics (``heads``, ``generic``):
    common (at least ``GENERIC_HEAD_SHARE`` of SciTLDR train abstracts) and used more as a phrase's
    head than as a modifier ("methods", "framework", "scheme", "representations"; not "data",
    "network", "tree", "comparison" is one: 0.33 against 0.10)."""
    head, modifier = heads.share(word), heads.modifier_share(word)
    if head is None or modifier is None:
        return False
    return generic.share(word) >= GENERIC_HEAD_SHARE and head > modifier


def _noun_heads(sentence: Tagged, run: tuple[tuple[int, bool], ...], words: list[str]) -> list[bool | None]:
    """Per word of a run: None for a gerund (a verb inside the run: "analysis using OLAP", "methods
    performing link prediction"), True for a noun a longer phrase may end on (a trusted head of two
    letters or more that is no word of the writing: not "research today"), else False."""
    found: list[bool | None] = []
    for k, (index, head) in enumerate(run):
        tag = sentence[index][1]
        found.append(
            None
            if tag == "VBG"
            else head
            and tag in _NOUN_TAGS
            and len(words[k]) > 1
            and _head(sentence, index)
            and not no_topic(words[k])
        )
    return found


def _continuation(
    sentence: Tagged,
    run: tuple[tuple[int, bool], ...],
    words: list[str],
    start: int,
    end: int,
    nouns: list[bool | None],
) -> str | None:
    """What the phrase ``words[start : end + 1]`` of a run continues into here: None where it ends its
    noun phrase (the run ends, or only a gerund follows: "analysis using", or a single generic head
    follows: "clustering methods"); else the phrase from `start` to the run's furthest noun within
    ``MAX_WORDS`` words, or "" when the next noun is further. Reads at most ``2 * MAX_WORDS`` words
    after the phrase."""
    # a gerund inside the run reads as a verb: the phrase goes no further; only the next 2 x MAX_WORDS
    # words are read, so a run of 70,000 nouns costs linear time
    window = min(len(run), end + 1 + 2 * MAX_WORDS)
    stop = next((k for k in range(end + 1, window) if nouns[k] is None), window)
    after = [k for k in range(end + 1, stop) if nouns[k]]
    if not after or _repeats_word(words[start : after[0]], words[after[0]]):
        return None  # the phrase ends its noun phrase; or the run joins two phrases right after it
    if after[0] == end + 1 and len(after) == 1 and generic_head(words[end + 1]):
        return None
    within: list[int] = []
    for k in after:
        if k - start >= MAX_WORDS or _repeats_word(words[start:k], words[k]):
            break
        within.append(k)
    if not within or _plain_adjective(sentence, run[start][0]):
        return ""  # a phrase starting on "small", "high", "standard" grows into no term
    return " ".join(words[start : within[-1] + 1])


def _repeats_word(before: list[str], word: str) -> bool:
    """Whether `word` repeats a word of the phrase before it ("Wikipedia vandalism detection
    Wikipedia", "stream reasoning streams"): a noun phrase does not say its word twice, so the run
    joins two phrases there (a title run into its abstract, a verb read as a noun)."""
    return singular(word) in {singular(w) for w in before}


def _plain_adjective(sentence: Tagged, index: int) -> bool:
    """Whether the word at `index` is an adjective of plain English (Zipf at least
    ``filler.COMMON_ZIPF``: "small", "high", "standard"), which qualifies a term rather than names one."""
    token, tag = sentence[index]
    return tag in {"JJ", "JJR", "JJS"} and token.islower() and filler.zipf(token) >= filler.COMMON_ZIPF


# A name joined by "of" ("Wizard of Wikipedia") and a modifier qualified by an adverb ("locally
# computable losses") are not cut into candidates (EVALUATION.md, "Keywords, sixth session").
PIECES_OF_NAMES = True
QUALIFIED_CUT = True


def _joined_name(sentence: Tagged, index: int, side: int) -> bool:
    """Whether the name word at `index` is one side of a name joined by "of", in title case on both
    sides ("Wizard of Wikipedia", "Mixture of Experts"): the word beyond "of" on `side` (-1 before, 1
    after) is capitalised inside the sentence, and the word before "of" is in title case, not an
    acronym ("the accuracy of BERT", "BERT of ..." join nothing)."""
    if not _proper(sentence, index):
        return False
    joiner, other = index + side, index + 2 * side
    if not 0 < other < len(sentence) or sentence[joiner][0] != "of" or not _proper(sentence, other):
        return False
    before = sentence[min(index, other)][0]
    return not before.isupper() and before[:1].isupper()


def _qualified(sentence: Tagged, index: int) -> bool:
    """Whether the first word of a run, a modifier (adjective or participle), is qualified by an
    adverb in -ly right before it ("locally computable losses", "fully connected layers"): a phrase
    starting there leaves out what its first word means here."""
    token, tag = sentence[index]
    if index == 0 or tag not in {"JJ", "JJR", "JJS", "VBN", "VBG"} or not token.islower():
        return False
    adverb, adverb_tag = sentence[index - 1]
    return adverb_tag == "RB" and adverb.lower().endswith("ly") and len(adverb) > 4


# A phrase always said before another noun of its run, on a word ML abstracts use too rarely to judge,
# is cut before its head (EVALUATION.md, "Keywords, round 7").
HEADLESS_CUT = True


def _term(phrase: str) -> bool:
    """Whether ML abstracts write the phrase as a term of its own: at least ``TERM_PHRASE_SHARE`` of
    SciTLDR train abstracts use it ("natural language processing" 2.2%, before "systems" here)."""
    from generator.keywords import corpus

    return " " in phrase and corpus.phrase_share(phrase) >= TERM_PHRASE_SHARE


TERM_PHRASE_SHARE = 0.005


def _before_noun(sentence: Tagged, index: int) -> bool:
    """Whether the word at `index` is a common noun (the phrase before it is cut before its head)."""
    return sentence[index][1] in {"NN", "NNS"}


def _modifier(word: str) -> bool:
    """Whether the abstract's own use decides that a lower-case word is a modifier: SciTLDR train
    abstracts use it too rarely (under ``heads.MIN_USES``) to tell whether it heads a noun phrase ("tax"
    of "scanned IRS tax return forms"), so its place here, always before another noun, is the
    evidence. A word they use often enough keeps the tagger's reading ("network" of "network
    training"): on the tune halves, cutting by their modifier share as well cost kdd and www F1@10."""
    if not word.islower():
        return False
    return heads.modifier_share(word) is None or heads.share(word) is None


NAMED_RUNS = True


def _named_runs(sentences: tuple[Tagged, ...], defined: frozenset[str]) -> dict[str, str]:
    """Every part of two or more words of a run of capitalised words inside a sentence (not its first
    word) with a word that is no common word and that the abstract never writes in lower case ("Allen",
    "Mario"): a proper name in title case, shown as written ("Allen Brain Observatory"). A run of
    common words only is title case ("Visual Genome", "Factorization Machines") and keeps the rule of
    ``_names``; a run of a defined acronym's expansion is written in lower case."""
    lower = {token for sentence in sentences for token, _ in sentence if token.islower()}
    lexicon = tagger.model().lexicon
    found: dict[str, str] = {}
    for sentence in sentences:
        run: list[str] = []
        for index, (token, _tag) in enumerate([*sentence, (".", ".")]):
            if index > 0 and token[:1].isupper() and not token.isupper() and token.isascii():
                run.append(token)
                continue
            if len(run) > 1 and any(
                not _common(w, lexicon) and w.lower() not in lower and w.lower() not in defined for w in run
            ):
                for start in range(len(run) - 1):
                    for end in range(start + 2, min(len(run), start + MAX_WORDS) + 1):
                        part = run[start:end]
                        found.setdefault(" ".join(part).lower(), " ".join(part))
            run = []
    return found


def _head(sentence: Tagged, position: int) -> bool:
    """Whether the word may end a candidate (``heads.trusted``). A gerund, or a word the tagger's
    treebanks do not know, that ends its phrase here ("image-based rendering and", "time warping.")
    is a noun; a gerund that does not ("pixels residing
    in") needs ML abstracts' evidence that it is one, and after a plural noun ("pixels residing", a
    reduced relative clause) even when those abstracts rarely use it."""
    token, tag = sentence[position]
    if heads.ends_phrase(sentence, position) and (tag == "VBG" or not heads.known(token)):
        return True  # the tagger's noun reading, where its treebanks do not say otherwise
    if tag != "VBG":
        return heads.trusted(token)
    return heads.trusted(token, evidence=position > 0 and sentence[position - 1][1] == "NNS")


def _before_conjunction(sentence: Tagged, index: int) -> bool:
    """Whether the word at `index` comes before "and"/"or" and another noun-phrase word."""
    if index + 2 >= len(sentence) or sentence[index + 1][0].lower() not in {"and", "or"}:
        return False
    return sentence[index + 2][1] in {"JJ", "JJR", "JJS", "NN", "NNS", "NNP", "VBN"}


def _proper(sentence: Tagged, index: int) -> bool:
    """A word of a name: a proper noun, or capitalised inside the sentence ("Black Box")."""
    token, tag = sentence[index]
    return tag in _PROPER or (index > 0 and token[:1].isupper())


def _common(token: str, lexicon: dict[str, str]) -> bool:
    """Whether a word (or a part of a hyphenated word) is a common word: in the tagger's lexicon with
    a common tag, or written in lower case by most ML abstracts that use it (``generic.written_lower``)."""
    return any(
        lexicon.get(tagger.normalize(part)) in _COMMON or generic.written_lower(part)
        for part in token.split("-")
        if part
    )


def _title_case(sentence: Tagged, lexicon: dict[str, str]) -> set[int]:
    """Positions of words in runs of capitalised words with a common word among them: title case
    ("Visual Genome", "Factorization Machines", "Bidirectional Encoder Representations")."""
    found: set[int] = set()
    run: list[int] = []
    for index, (token, _tag) in enumerate([*sentence, (".", ".")]):
        if token[:1].isupper() and not token.isupper():
            run.append(index)
            continue
        if len(run) > 1 and any(_common(sentence[k][0], lexicon) for k in run):
            found.update(run)
        run = []
    return found


def _names(sentences: tuple[Tagged, ...], defined: frozenset[str]) -> dict[str, str]:
    lower = {token for sentence in sentences for token, _ in sentence if token.islower()}
    lexicon = tagger.model().lexicon
    names: dict[str, str] = {}
    for sentence in sentences:
        title = _title_case(sentence, lexicon)
        for index, (token, tag) in enumerate(sentence):
            low = token.lower()
            adjective = tag == "JJ" and low.endswith(_NAME_ADJECTIVE)
            if (
                index == 0
                or not token[:1].isupper()
                or token.isupper()
                or not (tag in {"NNP", "NNPS"} or adjective)
                or (index in title and not adjective)
                or low in lower
                or low in defined
                or _common(token, lexicon)
            ):
                continue
            names.setdefault(low, token)
    return names
