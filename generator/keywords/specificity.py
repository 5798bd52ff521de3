"""How specific a candidate phrase is, by corpus statistics (SciTLDR train): the keyword stage's
judgement of a free combination of common words (``unspecific``), of a word of the whole field
(``umbrella``) and of a word that names no topic (``no_topic``). ``curate`` reads these when it
decides which of a paper's candidates are filler; ``central`` when it weighs them.
"""

from __future__ import annotations

from generator.keywords import corpus, filler
from generator.text import generic

# Corpus statistics of ``unspecific`` (EVALUATION.md, "Keywords, round 4").
CHANCE_DOCS = 10.0
TERM_RATIO = 0.25
SINGLE_SHARE = 0.02
# A word ML abstracts that use it say twice in fewer than this share of names no topic (a phrase said
# once whose every modifier is such a word is unspecific). EVALUATION.md, "Keywords, round 6".
TOPIC_REPEAT = 0.1
TERM_SHARE = 0.5
WRITING_WORDS = True


# ``umbrella``: EVALUATION.md, "Keywords, round 7".
UMBRELLA_WEAK = True
UMBRELLA_COUNT = 3


def unspecific(key: str, count: int, said: dict[str, int] | None = None, text: str = "") -> bool:
    """Whether a lower-case key is a free combination of common words, not a term of the paper, by
    corpus statistics (SciTLDR train, ``generic`` and ``corpus.phrase_share``) against how often the
    paper says it (`count`) and its words (`said`): a phrase said once, none of whose words is the
    paper's own (said at least twice here and not a word of most ML abstracts: "sparse" in a paper
    on sparse networks), whose words are common enough to meet by chance in at least
    ``CHANCE_DOCS`` abstracts (the product of their document shares) but that ML abstracts write as a
    phrase in fewer than ``TERM_RATIO`` of that ("general learning", "training objectives", "network
    configurations"; not "unsupervised learning", "learning rate", "domain adaptation"); a single
    word of at least ``SINGLE_SHARE`` of the abstracts said at most twice ("bound", "nodes")."""
    words = key.split()
    if len(words) == 1:
        return (count <= 2 and generic.share(key) >= SINGLE_SHARE) or (count == 1 and no_topic(key))
    if count > 1:
        return False
    modifiers = words[:-1]
    if all(no_topic(w) for w in modifiers) and not lives_in(key, modifiers, text):
        # only words of the writing before the head: "in-depth analysis", "rich classes"
        return not (said and any(said.get(w, 0) >= 2 for w in modifiers))
    if said and any(said.get(w, 0) >= 2 and not generic.is_generic_word(w) for w in words):
        return False
    documents = generic.documents()
    chance = float(documents)
    for word in words:
        chance *= generic.share(word)
    return chance >= CHANCE_DOCS and corpus.phrase_share(key) * documents < TERM_RATIO * chance


def umbrella(key: str, count: int) -> bool:
    """Whether a phrase the paper defines an acronym for is still a word of the whole field: more than
    ``corpus.FIELD_PHRASE_SHARE`` of SciTLDR train abstracts use it ("machine learning" 8.6%, "deep
    learning" 9.0%) and the paper says it (with its acronym) fewer than ``UMBRELLA_COUNT`` times, as
    the abstracts that name the field in passing do (of those using "machine learning", 9% say it or
    "ML" three times or more; "reinforcement learning" 28%, "generative adversarial networks" 67%)."""
    return UMBRELLA_WEAK and count < UMBRELLA_COUNT and corpus.phrase_share(key) > corpus.FIELD_PHRASE_SHARE


def no_topic(word: str) -> bool:
    """Whether a word names no topic by corpus statistics (``corpus.repeat_share``): ML abstracts that
    use it almost never say it twice ("in-depth", "mathematical", "modification"), or, too rare in them
    to tell, it is common English ("rigor"). A topic's word comes back ("graph", "verification")."""
    if not WRITING_WORDS:
        return False
    share = corpus.repeat_share(word)
    if share is None:
        return filler.zipf(word) >= filler.COMMON_ZIPF
    return share < TOPIC_REPEAT


def lives_in(key: str, modifiers: list[str], text: str = "") -> bool:
    """Whether ML abstracts write a modifier of the phrase mostly inside it (at least ``TERM_SHARE`` of
    the abstracts using the word use the phrase): a term, not a free combination ("computer vision":
    49 of the 66 abstracts with "computer"; "in-depth analysis": 3 of 7)."""
    phrase = max(corpus.phrase_share(key), corpus.phrase_share(text) if text else 0.0) * generic.documents()
    return any(phrase >= TERM_SHARE * corpus.word_documents(w) > 0 for w in modifiers)


# ``generic_aside``: EVALUATION.md, "Keywords, ninth session", round 2 (branch s9b-keywords).
# A single word is a word of the whole field when at least this many SciTLDR train abstracts use it.
ASIDE_WORD_DOCS = 15
# A phrase is a free combination when ML abstracts write it no more often than its words meet by
# chance (the product of their document shares), judged only where chance gives at least one abstract.
ASIDE_LIFT = 1.0


def generic_aside(key: str, text: str, results: bool = False) -> bool:
    """Whether a candidate the paper only mentions is generic enough to demote (``central.demoted``):
    a single name as written (a capital: a data set, a model's name) or a compound of hyphenated words
    ("low-rank", "meta-learner") never is; a single word is when at least ``ASIDE_WORD_DOCS`` SciTLDR
    train abstracts use it in any form ("epoch", "dimensionality"; not "attractor"); a phrase when it
    is a phrase of the whole field (``corpus.GENERIC_PHRASE_SHARE`` of the abstracts: "neural networks",
    "gradient descent") or ML abstracts write it no more often than its words meet by chance
    ("optimization process", "Gaussian distribution"; not the terms "link prediction", "sparse
    rewards", "inverse reinforcement learning", whose words meet far more often than chance). A phrase
    of the results vocabulary (`results`: ``central``'s flag ``results``, "reconstruction quality",
    "global minimum") is generic by that evidence alone."""
    words = key.split()
    if "-" in text or (len(words) == 1 and any(ch.isupper() for ch in text)):
        return False
    documents = generic.documents()
    if len(words) == 1:
        return corpus.word_documents(key) >= ASIDE_WORD_DOCS
    said = max(corpus.phrase_share(key), corpus.phrase_share(text.lower()))
    if results or said >= corpus.GENERIC_PHRASE_SHARE:
        return True
    chance = float(documents)
    for word in words:
        chance *= generic.share(word)
    return chance >= 1.0 and said * documents <= ASIDE_LIFT * chance
