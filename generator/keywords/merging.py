"""Two keywords of one paper that name one thing (EVALUATION.md, "Keywords, round 7"), merged before
curation chooses (``keywords.curate``): an acronym the paper writes without defining it and the phrase
whose initials it spells ("VQA", "visual question answering"); a phrase said once with a writing word
before a kept phrase ("counterintuitive generalization properties", "generalization properties")."""

from __future__ import annotations

from generator.keywords import corpus, filler
from generator.keywords.specificity import no_topic
from generator.text import generic


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
    corpus burstiness (``specificity.no_topic``) or is unknown to ML abstracts."""
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
    return corpus.word_documents(word) == 0 or no_topic(word)


def same_concept(a: str, b: str) -> bool:
    """Whether two keys of one paper name one concept: they share most words by stem, and every word
    only one of them has adds no concept. A word adds none when it is common in general English
    ("intrinsic factor dimension" beside "intrinsic dimension"), or when it is the head of its phrase
    and a word of most ML abstracts ("backbone networks", "intrinsic dimension issue" beside
    "backbone", "intrinsic dimension"). Stems match loosely ("face images", "facial images").
    "recurrent neural networks" and "neural networks" stay apart: "recurrent" names a concept; a word of
    most ML abstracts names none ("feedforward neural network" beside "feed-forward networks": hyphens
    are compared joined). A single word is one concept with every keyword that has it."""
    if a == b:
        return True
    # Hyphens are spelling ("feed-forward" / "feedforward"); compared joined.
    wa, wb = a.replace("-", "").split(), b.replace("-", "").split()
    if len(wa) == 1 or len(wb) == 1:
        # A single word said again inside a longer keyword ("pruning", "network pruning").
        word, other = (wa[0], wb) if len(wa) == 1 else (wb[0], wa)
        return any(_alike(word, w) for w in other)
    if HEAD_EXTENSIONS_MERGED and _extends(wa, wb):
        return True
    only_a = [(x, i == len(wa) - 1) for i, x in enumerate(wa) if not any(_alike(x, y) for y in wb)]
    only_b = [(y, i == len(wb) - 1) for i, y in enumerate(wb) if not any(_alike(x, y) for x in wa)]
    if len(only_a) + len(only_b) >= max(len(wa), len(wb)):
        return False  # most words differ
    return all(_no_concept(w, head) for w, head in only_a + only_b)


# "interleaved pooling" and "interleaved pooling layers" are one keyword (EVALUATION.md).
HEAD_EXTENSIONS_MERGED = True


def _extends(wa: list[str], wb: list[str]) -> bool:
    """Whether one phrase is the other with one word more after it, by stem: the longer names the
    shorter's parts or kind of use ("interleaved pooling layers", "deformation stability analysis"),
    not another concept, as a word before would ("language models", "large language models")."""
    short, long = (wa, wb) if len(wa) < len(wb) else (wb, wa)
    return len(long) == len(short) + 1 and all(_alike(x, y) for x, y in zip(short, long, strict=False))


def _no_concept(word: str, head: bool) -> bool:
    """Common English, or a word of most ML abstracts ("neural" beside "feedforward network")."""
    if filler.zipf(word) >= filler.COMMON_ZIPF:
        return True
    return generic.is_generic_word(word)


def _alike(x: str, y: str) -> bool:
    """Two words of one stem: equal singulars, equal without an inflection ("learned"/"learning"), or a
    common start of at least three letters that is all but the last letter of the shorter
    ("face"/"facial", "backbone"/"backbones")."""
    x, y = x.rstrip("s") or x, y.rstrip("s") or y
    if x == y or _uninflected(x) == _uninflected(y):
        return True
    k = min(len(x), len(y))
    shared = min(4, max(k - 1, 3))
    return k >= 4 and x[:shared] == y[:shared] and (len(x) - shared <= 3 and len(y) - shared <= 3)


def _uninflected(word: str) -> str:
    """The word without "-ing" or "-ed" when at least four letters stay ("learning", "learned" ->
    "learn"; "embedding", "embedded" -> "embedd")."""
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word
