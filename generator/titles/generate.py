"""Display titles for untitled abstracts, generated from what the abstract says about itself.

In order of preference:

1. ``Name: what it is`` when the abstract names its method or system ("we present Modular-of-Thought
   Coder (MoTCoder)", "we propose MIVC, a general ...", "a model called BERT, which stands for ...",
   "dubbed as DFRot", "a synergy we term as FedMeZO");
2. ``A survey of <topic>`` for surveys and reviews;
3. a title from the paper's contribution ("we propose a method of ...") or its leading key phrases.

Titles are at most ``TITLE_MAX`` characters, unique across the catalogue (deterministically
disambiguated) and free of LaTeX and markup. Curated titles from the metadata file win and are
never changed.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace

from generator.models import Metadata, Paper
from generator.runtime import cache, parallel
from generator.text.acronyms import table as acronym_table
from generator.text.latex import strip_latex
from generator.text.sentences import sentences
from generator.titles import tldr
from generator.titles.clues import (
    TRAILING_STOP,
    contribution_phrase,
    defined_terms,
    expand_acronyms,
    is_generic,
    is_survey,
    key_phrase_title,
    named_method,
    survey_topic,
    upper_first,
)

TITLE_WORDS = 10
TITLE_MAX = 80
# Titles reach the navigation, <title> and front matter unescaped by the theme, so they keep only
# characters that carry no markup meaning in HTML, Markdown or YAML.
_UNSAFE = re.compile(r"[^\w\s\-,.;:()/+%']", re.UNICODE)


def safe_title(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] not in "CZ" or ch == " ")
    text = _UNSAFE.sub(" ", text)
    return " ".join(text.split())


def opening_words(text: str) -> str:
    words = safe_title(text).split()
    title = " ".join(words[:TITLE_WORDS])
    if len(title) > TITLE_MAX:
        title = title[:TITLE_MAX].rsplit(" ", 1)[0]
    title = title.rstrip(",.;:-")
    return f"{title}…" if len(words) > TITLE_WORDS or len(title) < len(" ".join(words)) else title


# --- assembling ----------------------------------------------------------------------------------


def fit(title: str, limit: int = TITLE_MAX) -> str:
    """At most ``limit`` characters, cut at a word boundary, without a dangling 'of the'."""
    title = safe_title(title)
    if len(title) > limit:
        title = title[: limit + 1].rsplit(" ", 1)[0]
    words = title.split()
    while len(words) > 1 and words[-1].lower().strip(",;:") in TRAILING_STOP:
        words = words[:-1]
    return " ".join(words).rstrip(" ,;:-")


# Words that point back at text the title does not show ("these two types", "such models").
_ANAPHOR = re.compile(
    r"\b(?:these|this|those|such|the (?:two|three|four|latter|former)|aforementioned|latter|former)\b", re.I
)
# A title ending with one of these leaves the reader waiting for the rest.
_DANGLING = re.compile(r"(?:-(?:free|based|aware|like|specific|oriented|driven)|…|\.\.\.)$", re.I)
_DANGLING_WORDS = TRAILING_STOP | {"free", "related", "based", "aware", "specific", "like", "etc", "both"}
# "Topic: fragment": two key phrases joined by a colon where the first is no name.
_KEY_PHRASE_COLON = re.compile(r"^[A-Za-z][a-z\-]*(?:\s[a-z\-]+)+:\s")


def title_flags(title: str) -> list[str]:
    """What makes a generated title lean on text it does not show: 'anaphor', 'dangling end', or
    'key phrases' (a 'Topic: fragment' of two key phrases, where the part before the colon is no
    name). Empty when the title stands alone. The rules are written in EVALUATION.md."""
    flags = []
    if _ANAPHOR.search(title):
        flags.append("anaphor")
    words = title.split()
    if words and (words[-1].lower().strip(",;:") in _DANGLING_WORDS or _DANGLING.search(words[-1])):
        flags.append("dangling end")
    if _KEY_PHRASE_COLON.match(title):
        flags.append("key phrases")
    return flags


def stand_alone(phrase: str) -> str:
    """The phrase without the words that point back at unseen text: 'capture these complex label
    dependencies' -> 'capture complex label dependencies'; 'these two types' -> 'two types'."""
    phrase = re.sub(r"\b(?:these|those|such)\s+(?=\w)", "", phrase, flags=re.I)
    phrase = re.sub(r"\bthe (two|three|four)\b", r"\1", phrase, flags=re.I)
    phrase = re.sub(r"\bthis\s+(?=\w)", "the ", phrase, flags=re.I)
    return " ".join(phrase.split())


def key_phrases(keywords: tuple[str, ...], text: str) -> str:
    """'Multi-agent influence diagrams and extensive form games': the paper's leading key phrases
    joined as one subject, never 'Topic: fragment'."""
    return key_phrase_title(keywords, text).replace(": ", " and ", 1)


def _candidates(paper: Paper, text: str) -> list[str]:
    """Titles in order of preference; the first that stands alone (no ``title_flags``) wins."""
    out = []
    named = named_method(text)
    if named:
        name, desc = named
        descs = [desc] if desc else []
        contribution = contribution_phrase(text)
        if contribution and name.lower() not in contribution.lower() and not is_generic(contribution):
            descs.append(contribution)
        descs += [defined_terms(text, name), key_phrases(paper.keywords, text)]
        for d in descs:
            if d:
                d = expand_acronyms(stand_alone(d), acronym_table(text), TITLE_MAX - len(name) - 2)
                out.append(f"{name}: {upper_first(d)}")
        out.append(name)
    if is_survey(text):
        topic = survey_topic(text, paper.keywords, TITLE_MAX - len("A survey of "))
        if topic:
            out.append(f"A survey of {stand_alone(topic)}")
    phrase = contribution_phrase(text)
    if phrase:
        out.append(expand_acronyms(stand_alone(phrase), acronym_table(text), TITLE_MAX))
    out.append(key_phrases(paper.keywords, text))
    return [t for t in out if t]


def generate_title(paper: Paper) -> str:
    text = strip_latex(paper.text)
    candidates = [fit(c) for c in _candidates(paper, text)]
    for title in candidates:
        if title and not title_flags(title):
            return title
    opening = (sentences(text) or [text])[0]
    return next((t for t in candidates if t), "") or fit(upper_first(opening.rstrip(".")))


def cache_key() -> str:
    """What a generated title and TLDR depend on besides the paper's text and keywords: the code and
    the TLDR's learned weights."""
    return cache.stage_key("titles", sys.modules[__name__], tldr_weights=tldr.weights_digest())


def _title_plain(item: str) -> list[str]:
    """``[generate_title, tldr]`` of a paper given as the JSON ``[text, keywords]`` (what the cache
    keys on)."""
    text, keywords = json.loads(item)
    return [generate_title(Paper(id="", text=text, sources=(), keywords=tuple(keywords))), tldr.tldr(text)]


def disambiguate(titles: Mapping[str, str], fixed: set[str]) -> dict[str, str]:
    """Make titles unique (case-insensitively). Curated titles (``fixed`` ids) never change; a
    clashing generated title gets its paper id's first characters, which stay the same across runs."""
    out = dict(titles)
    taken = {out[pid].casefold() for pid in fixed}
    groups: dict[str, list[str]] = {}
    for pid in sorted(out):
        if pid not in fixed:
            groups.setdefault(out[pid].casefold(), []).append(pid)
    for key, pids in sorted(groups.items()):
        if len(pids) == 1 and key not in taken:
            taken.add(key)
            continue
        size = 6  # more characters of the id when six do not tell the papers apart
        while len({pid[:size] for pid in pids}) < len(pids) and size < len(pids[0]):
            size += 1
        for pid in pids:
            suffix = f" ({pid[:size]})"
            candidate = fit(out[pid], TITLE_MAX - len(suffix)) + suffix
            if candidate.casefold() in taken:
                suffix = f" ({pid})"
                candidate = fit(out[pid], TITLE_MAX - len(suffix)) + suffix
            out[pid] = candidate
            taken.add(candidate.casefold())
    return out


def with_titles(
    papers: tuple[Paper, ...], metadata: Mapping[str, Metadata] | None = None
) -> tuple[Paper, ...]:
    """Every paper with its display title and TLDR: curated from metadata, else generated (cached per
    abstract) and marked so."""
    metadata = metadata or {}
    titles: dict[str, str] = {}
    tldrs: dict[str, str] = {}
    fixed: set[str] = set()
    inputs = [json.dumps([p.text, list(p.keywords)], ensure_ascii=False) for p in papers]
    generated = parallel.map_cached(_title_plain, inputs, key=cache_key())
    for paper, (title, summary) in zip(papers, generated, strict=True):
        curated = metadata.get(paper.id, Metadata())
        if curated.title:
            titles[paper.id] = safe_title(curated.title.replace(" & ", " and "))
            fixed.add(paper.id)
        else:
            titles[paper.id] = title or paper.id
        tldrs[paper.id] = " ".join(curated.tldr.split()) or summary
    unique = disambiguate(titles, fixed)
    return tuple(
        replace(
            p,
            title=unique[p.id],
            title_generated=p.id not in fixed,
            tldr=tldrs[p.id],
            tldr_generated=not metadata.get(p.id, Metadata()).tldr,
            metadata=metadata.get(p.id, p.metadata),
        )
        for p in papers
    )


# --- A-Z index -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AzGroup:
    label: str  # "A" ... "Z", or "0-9" for titles that do not start with a letter
    anchor: str
    papers: tuple[Paper, ...]


def title_sort_key(title: str) -> str:
    """Accents folded, case folded: 'Éclair' sorts with 'eclair'."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return (folded or title).casefold()


def az_groups(papers: tuple[Paper, ...] | list[Paper]) -> tuple[AzGroup, ...]:
    """Papers grouped by the first letter of their title, groups and papers in A-Z order."""
    groups: dict[str, list[Paper]] = {}
    for paper in sorted(papers, key=lambda p: (title_sort_key(p.title), p.id)):
        first = next((ch for ch in title_sort_key(paper.title) if ch.isalnum()), "")
        letter = first.upper() if "a" <= first <= "z" else "0-9"
        groups.setdefault(letter, []).append(paper)
    order = sorted(groups, key=lambda g: (g != "0-9", g))
    return tuple(
        AzGroup(label, "letter-" + label.lower() if label != "0-9" else "letter-0-9", tuple(groups[label]))
        for label in order
    )


def az_letters(groups: tuple[AzGroup, ...]) -> tuple[tuple[str, str], ...]:
    """The jump bar: '0-9' when used, then every letter A-Z with its anchor ('' when no title)."""
    anchors = {g.label: g.anchor for g in groups}
    labels = (["0-9"] if "0-9" in anchors else []) + [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    return tuple((label, anchors.get(label, "")) for label in labels)
