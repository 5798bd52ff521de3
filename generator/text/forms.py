"""Word forms: the one plural folding and the one phrase key.

``singular`` is a conservative English singular (models -> model, queries -> query, classes -> class;
analysis, series, physics stay). ``phrase_key`` is what two spellings of one phrase share (case,
hyphens, the head noun's number): keywords, related-paper reasons and topic names compare by it.
``fold_words`` folds every word of a text, for bag-of-words features.
"""

from __future__ import annotations

from functools import lru_cache

from generator.text.wordlists import FORMS_INVARIANT as _INVARIANT


@lru_cache(maxsize=200_000)
def singular(word: str) -> str:
    """A conservative English singular of a lower-case word (models -> model, queries -> query)."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is", "ics", "ous", "'s")):
        return word
    if word in _INVARIANT:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return word[:-2]
    return word[:-1]


@lru_cache(maxsize=1 << 17)  # pure; the same phrases recur across a catalogue's abstracts
def phrase_key(text: str) -> str:
    """The key two spellings of one phrase share: lower case, no hyphens, last word singular."""
    words = text.lower().replace("-", "").replace("\u2019", "'").split()
    if not words:
        return ""
    return " ".join([*words[:-1], singular(words[-1])])


@lru_cache(maxsize=4096)
def gerund(verb: str, tag: str = "VB") -> str:
    """The -ing form of a lower-case verb in any inflection (tag VB, VBP, VBZ, VBD or VBN): learns,
    learned -> learning; improve -> improving; map -> mapping; applies -> applying. The candidate
    stems a regular inflection allows are each given -ing (also with the final consonant doubled, or
    "ie" -> "y") and the form general English uses most (wordfreq) wins; an unknown verb takes the
    plain rule."""
    from wordfreq import zipf_frequency

    stems = {verb}
    if tag == "VBZ":
        stems = {verb[:-1], verb[:-2], verb[:-3] + "y"} if verb.endswith("s") else {verb}
    elif tag in {"VBD", "VBN"} and verb.endswith("ed"):
        stems = {verb[:-1], verb[:-2], verb[:-3], verb[:-3] + "y"}
    forms = set()
    for stem in (s for s in stems if len(s) >= 2):
        forms |= {stem + "ing", stem + stem[-1] + "ing"}
        if stem.endswith("e") and not stem.endswith(("ee", "ye", "oe")):
            forms.add(stem[:-1] + "ing")
        if stem.endswith("ie"):
            forms.add(stem[:-2] + "ying")
    best = max(sorted(forms), key=lambda f: zipf_frequency(f, "en"), default="")
    if best and zipf_frequency(best, "en") > 0:
        return best
    stem = verb
    if stem.endswith("e") and not stem.endswith(("ee", "ye", "oe")):
        return stem[:-1] + "ing"
    return stem + "ing"


def plural(word: str) -> str:
    """The regular English plural of a lower-case singular (query -> queries, class -> classes,
    model -> models): the other number ``singular`` folds back."""
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "sh", "ch", "x", "z")):
        return word + "es"
    return word + "s"


# Letters whose English names open with a vowel sound ("an LSTM", "an NMT", "an SVM"; "a GAN").
_VOWEL_NAMED_LETTERS = frozenset("AEFHILMNORSX")
# Spellings whose first sound is not their first letter's: "a unified", "a one-shot", "an hour".
_YOU_SOUND = ("uni", "use", "usu", "uti", "ura", "uro", "ubi", "eu", "one", "once")
_SILENT_H = ("hour", "honest", "honor", "honour", "heir")


def indefinite_article(word: str) -> str:
    """'a' or 'an' before ``word``, by its first sound: acronyms by their first letter's name."""
    bare = word.lstrip("\"'(\u201c\u2018")
    if not bare:
        return "a"
    if len(bare) > 1 and bare[0].isupper() and (bare[1].isupper() or bare[1].isdigit()):
        return "an" if bare[0] in _VOWEL_NAMED_LETTERS else "a"  # read letter by letter
    lower = bare.lower()
    if lower.startswith(_YOU_SOUND):
        return "a"
    if lower.startswith(_SILENT_H):
        return "an"
    return "an" if lower[:1] in "aeiou" else "a"
