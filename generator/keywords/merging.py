"""Two keywords of one paper that name one thing (EVALUATION.md, "Keywords, round 7"), merged before
curation chooses (``keywords.curate``): an acronym the paper writes without defining it and the phrase
whose initials it spells ("VQA", "visual question answering"); a phrase said once with a writing word
before a kept phrase ("counterintuitive generalization properties", "generalization properties")."""

from __future__ import annotations

from generator.keywords import central


def initials(key: str) -> str:
    """The first letters of a phrase's words, hyphenated parts counted apart ("visual question
    answering" -> "vqa", "question-answering" -> "qa")."""
    return "".join(part[0] for part in key.replace("-", " ").split() if part)


def initials_merged(
    ranked: list[str], capitals: set[str], spans: dict[str, tuple[tuple[int, int], ...]]
) -> tuple[list[str], dict[str, tuple[tuple[int, int], ...]]]:
    """The ranking with an acronym the paper writes without defining it ("In the context of VQA")
    and a phrase of the same paper whose initials it spells ("visual question answering") as one
    keyword: the better ranked stays, and occurs where either does (so "question answering", a
    piece of the phrase, is still a piece of it)."""
    out: list[str] = []
    where = dict(spans)
    for key in ranked:
        twin = next((k for k in out if spells(key, k, capitals) or spells(k, key, capitals)), None)
        if twin is not None:
            where[twin] = tuple(sorted({*where[twin], *where[key]}))
            continue
        out.append(key)
    return out, where


def spells(acronym: str, phrase: str, capitals: set[str]) -> bool:
    """Whether `acronym` (written in capitals, one word, an optional plural "s") spells the initials of
    the phrase of at least two words."""
    if acronym not in capitals or " " in acronym or " " not in phrase:
        return False
    letters = acronym[:-1] if acronym.endswith("s") and len(acronym) > 2 else acronym
    return (
        letters.isalpha()
        and len(letters) >= 2
        and letters in {initials(phrase), initials(phrase).rstrip("s")}
    )


def unmodified(
    ranked: list[str], spans: dict[str, tuple[tuple[int, int], ...]], said: dict[str, int], weak: set[str]
) -> list[str]:
    """The ranking with a phrase said once that is a kept phrase with a writing word before it
    ("counterintuitive generalization properties" beside "generalization properties") replaced by that
    shorter phrase, which the paper says more often: one concept, the extra word only describes it. A
    writing word (``writing_modifier``) is lower case, said once by the paper, and names no topic by
    corpus burstiness (``_no_topic``) or is unknown to ML abstracts."""
    out: list[str] = []
    for key in ranked:
        words = key.split()
        short = ""
        for cut in range(1, len(words) - 1):
            rest = " ".join(words[cut:])
            if (
                rest in spans
                and rest not in weak
                and len(spans[key]) == 1
                and len(spans[rest]) > 1
                and all(writing_modifier(w, said) for w in words[:cut])
            ):
                short = rest
                break
        if not short:
            if key not in out:
                out.append(key)
        elif short not in out:
            out.append(short)
    return out


def writing_modifier(word: str, said: dict[str, int]) -> bool:
    """A word before a phrase that only describes it: lower case, said once here, and no topic word of
    ML abstracts (rarely said twice there, or too rare there to tell)."""
    if not word.isalpha() or not word.islower() or said.get(word, 0) > 1:
        return False
    from generator.keywords.curate import _no_topic  # curate imports this module

    return central.word_documents(word) == 0 or _no_topic(word)
