"""Display titles for untitled abstracts, generated from what the abstract says about itself.

In order of preference:

1. ``Name: what it is`` when the abstract names its method or system ("we present Modular-of-Thought
   Coder (MoTCoder)", "we propose MIVC, a general ...", "a model called BERT, which stands for ...",
   "dubbed as DFRot", "a synergy we term as FedMeZO");
2. ``A survey of <topic>`` for surveys and reviews;
3. a title from the paper's contribution ("we propose a method of ...") or its leading key phrases.

Titles are at most ``TITLE_MAX`` characters and free of LaTeX and markup; papers whose titles
clash are told apart by their own next-best title where they have one (``disambiguate``). Curated
titles from the metadata file win and are never changed.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import replace

from generator.keywords import corpus
from generator.models import Metadata, Paper
from generator.runtime import cache, parallel
from generator.text import generic, nounphrases
from generator.text.acronyms import long_form
from generator.text.acronyms import table as acronym_table
from generator.text.latex import inline_maths, latex_commands, strip_latex
from generator.text.sentences import sentences
from generator.text.tagger import remember, remembering, tag, untokenize
from generator.text.wordlists import TITLES_CLUES_TRAILING_STOP as TRAILING_STOP
from generator.titles import (
    compose,
    contribution,
    cut,
    names,
    rules,
    span_context,
    spans,
    title_lm,
    tldr_model,
)
from generator.titles.clues import (
    ASKS_HOW,
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
from generator.titles.rules import title_flags

TITLE_MAX = 80
SPANS_WITH_NAME = True
SPANS_FIRST = True
SPANS_TRIED = 3
DESC_WORDS = 4
# A name the detector finds that the abstract spells out ("KRU (Kronecker Recurrent Units)") is
# described by that long form first when the authors capitalise it as a name: on SciTLDR train the
# real title has the long form in 96 of 190 such papers and the short form alone in 12
# (EVALUATION.md "Title names, round 5"). "any": lower-case long forms too; "": never.
LONG_FORM = "titled"
# ... and never when the abstract gives the name only roles of someone else's thing (``names.
# someone_elses``: "using the NASA (National Aeronautics and Space Administration) archive"): its
# expansion alone says nothing of the paper (round 6).
OWN_LONG_FORM = True
# The spans after "Name:" come from the sentences that say the name (True), or those first ("first").
# Off: on train 5-fold it cost names kept 193 -> 187 of 250 and title word F1 0.334 -> 0.324 ("first":
# 193, 0.327) for +0.6 points of name precision (EVALUATION.md "Title names, round 6").
NAME_SENTENCE_SPANS: bool | str = False
# A description after "Name:" that adds nothing to the name goes after every one that does (seventh
# session, second round): its long form ("SEM: Scanning Electron Microscope") or a field label that
# many ML abstracts write ("IPM: Generative Adversarial Networks"), by ``adds_nothing``.
SUBTITLE_ADDS = True
# Ninth session: a title the length limit cuts stops where a phrase of it ends, not inside one ("...
# the output of the sorting" of "... the sorting operator", "... framework for computing" of "... for
# computing tighter bounds"), when such an end keeps ``cut.CUT_KEEPS`` words of its description or
# more (``fit``, ``cut.whole_prefix``)
CUT_WHOLE = True
# the prepositions that attach a phrase completing a subtitle ("... for X", "... of X", "... via X")
ATTACHING = compose.ATTACH
# Titles reach the navigation, <title> and front matter unescaped by the theme, so they keep only
# characters that carry no markup meaning in HTML, Markdown or YAML.
_UNSAFE = re.compile(r"[^\w\s\-,.;:()/+%']", re.UNICODE)


def safe_title(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] not in "CZ" or ch == " ")
    text = _UNSAFE.sub(" ", text)
    return " ".join(text.split())


def curated_title(text: str) -> str:
    """A real title as its authors wrote it: on one line, LaTeX maths (``$\\alpha$``) and escaped
    signs (``\\&``) turned into text as in abstracts, every other character kept: "?", "&", "!",
    quotes, "*", "$". It is data: each surface escapes it for its format (``escape.page_title``,
    ``escape.text``, JSON, YAML, XML, BibTeX), never strips it."""
    text = unicodedata.normalize("NFC", inline_maths(latex_commands(text)))
    kept = "".join(
        " " if ch.isspace() else ch
        for ch in text
        if ch.isspace() or not unicodedata.category(ch).startswith("C")
    )
    return " ".join(kept.split())


# --- assembling ----------------------------------------------------------------------------------


def fit(title: str, limit: int = TITLE_MAX) -> str:
    """At most ``limit`` characters, cut at a word boundary, without a dangling 'of the'; tokens a
    phrase was built from written as text again ("Deep learning's", not "Deep learning 's")."""
    title = full = safe_title(untokenize(title))
    too_long = len(title) > limit
    if too_long:
        title = title[: limit + 1].rsplit(" ", 1)[0]
    words = title.split()
    while len(words) > 1 and words[-1].lower().strip(",;:") in TRAILING_STOP:
        words = words[:-1]
    if too_long:
        # A phrase cut at the limit ends where a noun phrase can end, never on its modifiers
        # ("... the behavior of a neural", "... methods for molecular"): the tagger says where.
        tags = [t for w, t in tag(" ".join(words)) if any(ch.isalnum() for ch in w)]
        while len(words) > 2 and len(tags) == len(words) and not tags[-1].startswith(("NN", "CD", "VBG")):
            words, tags = words[:-1], tags[:-1]
            while len(words) > 1 and words[-1].lower().strip(",;:") in TRAILING_STOP:
                words, tags = words[:-1], tags[:-1]
        if CUT_WHOLE:
            words = cut.whole_prefix(full, words, TRAILING_STOP)
    return " ".join(words).rstrip(" ,;:-")


def cut_inside(title: str, limit: int = TITLE_MAX) -> bool:
    """Whether ``fit`` cuts ``title`` inside a phrase (``cut.whole_at``): "... the output of the sorting"
    of "... the sorting operator". A cut after a whole phrase ("... on continuous control tasks" left
    out) is none. The whole title is tagged, as its sentence was."""
    full = safe_title(untokenize(title))
    if len(full) <= limit:
        return False
    kept = fit(title, limit).split()
    tagged = [(w, t) for w, t in tag(full) if w.strip()]
    return not cut.whole_at(tagged, cut.ends(tagged, kept)[-1])


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


_PROPOSE_TO = re.compile(
    r"\b(?:we|this paper)\s+(?:\w+ly\s+)?(?:propose|proposes|suggest|suggests)\s+to\s+[a-z]+", re.I
)


def _spells_out(name: str, desc: str) -> bool:
    """Whether ``desc`` is the long form of ``name`` ("Progressive Compressed Records" of "PCRs") or
    a name itself (its words capitalised: "Deep InfoMax")."""
    words = desc.split()
    return long_form(name, desc) is not None or sum(w[:1].isupper() for w in words) * 2 > len(words)


def _long_form_name(text: str, name: str, lower: bool = False) -> str:
    """The long form the abstract defines for ``name`` when it is written as a name, its words
    mostly capitalised ("Mutual Mean-Teaching" for MMT; not "factorized action variational
    autoencoder" unless ``lower``), else ''."""
    long = names.spelled_out(text, name)
    words = long.split()
    if not long or long.lower() == name.lower():
        return ""
    return long if lower or sum(w[:1].isupper() for w in words) * 2 > len(words) else ""


def _about(text: str, name: str, ranked: list[str]) -> list[str]:
    """The spans of ``ranked`` said in a sentence that has ``name``: after "Name:" a phrase of
    another sentence describes something else ("JAUNE: Transformers-based Language Models", the
    models JAUNE uses). EVALUATION.md "Title names, round 6"."""
    pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
    own = [set(re.findall(r"\w+", s.lower())) for s in sentences(text) if pattern.search(s)]
    # a span's words, as spans drop articles and join phrases of one sentence
    return [span for span in ranked if any(s.issuperset(re.findall(r"\w+", span.lower())) for s in own)]


def adds_nothing(text: str, name: str, desc: str) -> bool:
    """Whether ``desc`` after "Name:" says nothing the name does not: all its content words (by the
    tagger, function words left out) are the name's own or those of the long form the abstract gives
    it ("F-Principle: Frequency Principle"), their initials are the name's capitals ("ZSL: Zero Shot
    Learning"), or what is left is a label of the whole field, a phrase
    more than ``corpus.GENERIC_PHRASE_SHARE`` of SciTLDR train abstracts write ("Generative
    Adversarial Networks") or words each more than ``generic.GENERIC_SHARE`` of them use."""
    content = [
        w.lower()
        for w, t in rules.tagged(desc)
        if t not in rules.FUNCTION_TAGS and any(c.isalnum() for c in w)
    ]
    # the initials of its words are the name's capitals ("Zero-Shot Learning" of ZSL)
    capitals = [c.lower() for c in name if c.isupper()]
    initials = [p[0] for w in content for p in w.split("-") if p[:1].isalpha()]
    if len(capitals) >= 2 and initials == capitals:
        return True
    said = set(re.findall(r"\w+", f"{name} {names.spelled_out(text, name)}".lower()))
    rest = [w for w in content if w not in said]
    if not rest:
        return True
    if len(rest) == 1:
        return generic.is_generic_word(rest[0])
    return corpus.phrase_share(" ".join(rest)) > corpus.GENERIC_PHRASE_SHARE or all(
        generic.is_generic_word(w) for w in rest
    )


def said_more(text: str, name: str, desc: str, pool: list[str]) -> str:
    """``desc``, or where it adds nothing to the name (``adds_nothing``) the best span of ``pool``
    (ranked) that completes it with its attached phrase and so says more ("FTN: Feature Transfer
    Network" -> "FTN: Feature Transfer Network for unsupervised domain adaptation"); a span that
    only puts the label in another phrase ("Component of deep neural networks") is none."""
    if not desc or not adds_nothing(text, name, desc):
        return desc
    start = desc.lower() + " "
    for span in pool:
        low = span.lower()
        attached = low.startswith(start) and low[len(start) :].split(" ", 1)[0] in ATTACHING
        if attached and not adds_nothing(text, name, span):
            return desc + span[len(desc) :]
    return desc


def title_name(name: str) -> str:
    """A name of several words the abstract writes in lower case, capitalised as a title writes it
    ("soft actor-critic" -> "Soft Actor-Critic", "Janossy pooling" -> "Janossy Pooling"): before
    the colon it is a name, not a key phrase. Coined spellings ("mixup", "code2seq", "FSPool") stay."""
    words = name.split()
    if len(words) < 2 or any(ch.isupper() for w in words[1:] for ch in w):
        return name
    return " ".join("-".join(p[:1].upper() + p[1:] for p in w.split("-")) for w in words)


def _candidates(paper: Paper, text: str) -> list[str]:
    """Titles in order of preference; the first that stands alone (no ``title_flags``) and breaks no
    rule of ``rules.broken`` wins."""
    out = []
    named = named_method(text)
    introduced = True  # not someone else's name (``OWN_LONG_FORM``)
    if is_survey(text):
        name, desc = named or ("", "")
        name = name if names.may_name(text, name) else ""
    else:  # the learned detector (``titles/names.py``) weighs the rules' picks with the name's roles
        name = names.own_name(text, ((named or ("",))[0], contribution.own_name(text)))
        desc = named[1] if named and named[0] == name else ""
        introduced = not OWN_LONG_FORM or not name or not names.someone_elses(text, name)
        if name and not desc and LONG_FORM and introduced:
            desc = _long_form_name(text, name, LONG_FORM == "any")
    if name:
        # the description the naming sentence gives first when it spells the name out ("PCRs:
        # Progressive Compressed Records") or says what it is in ``DESC_WORDS`` words or more; a
        # bare kind ("LiBI: Inference method") after the learned spans, which say more
        descs = [desc] if desc and (_spells_out(name, desc) or len(desc.split()) >= DESC_WORDS) else []
        if SPANS_WITH_NAME:
            ranked = spans.ranked_spans(text, exclude=name, room=TITLE_MAX - len(name) - 2)
            if NAME_SENTENCE_SPANS:
                about = _about(text, name, ranked)
                rest = (
                    [span for span in ranked if span not in about] if NAME_SENTENCE_SPANS == "first" else []
                )
                ranked = about[:SPANS_TRIED] + rest
            descs += ranked[:SPANS_TRIED]
        if desc and desc not in descs:
            descs.append(desc)
        phrase = contribution.noun_phrase(text, name)
        if phrase and len(phrase.split()) >= 2:
            descs.append(phrase)
        older = contribution_phrase(text)
        if older and not is_generic(older):
            descs.append(older)
        descs += [defined_terms(text, name), key_phrases(paper.keywords, text)]
        if SUBTITLE_ADDS:
            pool = spans.ranked_spans(text, exclude=name, room=TITLE_MAX - len(name) - 2)
            descs = [said_more(text, name, d, pool) for d in descs]
        for d in descs:
            # the name once: a description that repeats it says nothing more
            # and one whose words the name already says ("Enhanced Node Sequence Embedding: Node
            # Sequence Embedding") says it twice
            said = set(re.findall(r"\w+", name.lower()))
            if said.issuperset(re.findall(r"\w+", d.lower())):
                continue
            if not introduced and d and long_form(name, d) is not None:
                continue  # only the expansion of an acronym the authors do not introduce
            if d and not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", d, re.I):
                d = expand_acronyms(stand_alone(d), acronym_table(text), TITLE_MAX - len(name) - 2)
                out.append(f"{title_name(name)}: {upper_first(d)}")
        out.append(title_name(name))
    if is_survey(text):
        topic = survey_topic(text, paper.keywords, TITLE_MAX - len("A survey of "))
        if topic:
            out.append(f"A survey of {stand_alone(topic)}")
    # "we propose to smooth the max operator" / "we study how transformers balance ...": the
    # contribution is an action or a question, its phrase ("Smoothing the max operator ...", "How
    # transformers balance ...") says it better than any noun phrase
    if _PROPOSE_TO.search(text) or ASKS_HOW.search(text):
        phrase = contribution_phrase(text)
        if phrase:
            out.append(expand_acronyms(stand_alone(phrase), acronym_table(text), TITLE_MAX))
    if SPANS_FIRST:
        out += [
            upper_first(expand_acronyms(stand_alone(s), acronym_table(text), TITLE_MAX))
            for s in spans.ranked_spans(text, room=TITLE_MAX)[:SPANS_TRIED]
        ]
    noun_phrase = contribution.noun_phrase(text)
    if len(noun_phrase.split()) >= 3:
        out.append(upper_first(expand_acronyms(stand_alone(noun_phrase), acronym_table(text), TITLE_MAX)))
    phrase = contribution_phrase(text)
    if phrase:
        out.append(expand_acronyms(stand_alone(phrase), acronym_table(text), TITLE_MAX))
    out.append(key_phrases(paper.keywords, text))
    return [t for t in out if t]


ALTERNATES = 2  # further titles a paper offers when its first clashes with another paper's


def generate_titles(paper: Paper) -> list[str]:
    """The paper's title first, then up to ``ALTERNATES`` other whole titles, in order of preference
    (what ``disambiguate`` offers a paper whose title clashes)."""
    text = strip_latex(paper.text)
    candidates = list(dict.fromkeys(c for c in (fit(c) for c in _candidates(paper, text)) if c))
    whole: list[str] = []
    plain: list[str] = []  # whole, but naming nothing specific (``rules.generic``): used only if alone
    for t in candidates:  # the rules tag each title: stop once enough are found
        if not title_flags(t) and not rules.broken(t):
            (plain if rules.generic(t) else whole).append(t)
            if len(whole) > ALTERNATES:
                break
    whole += plain
    if not whole:
        whole = [t for t in candidates if not title_flags(t)][:1]
    if not whole:
        opening = (sentences(text) or [text])[0]
        whole = candidates[:1] or [fit(upper_first(opening.rstrip(".")))]
    return whole[: 1 + ALTERNATES]


def generate_title(paper: Paper) -> str:
    return generate_titles(paper)[0]


def cache_key() -> str:
    """What a generated title and TLDR depend on besides the paper's text and keywords: the code,
    wordfreq (rare words, head genericness) and the learned weights (TLDR, spans, names)."""
    return cache.stage_key(
        "titles",
        sys.modules[__name__],
        packages=("wordfreq", "snowballstemmer"),
        tldr_weights=tldr_model.weights_digest(),
        span_weights=spans.weights_digest(),
        name_weights=names.weights_digest(),
        title_lm=title_lm.digest(),
        name_docfreq=names.name_digest(),
        docfreq=generic.digest(),
        of_share=nounphrases.of_share_digest(),
    )


def _title_plain(item: str) -> list[object]:
    """``[title, tldr, alternate titles]`` of a paper given as the JSON ``[text, keywords]`` (what
    the cache keys on)."""
    text, keywords = json.loads(item)
    # the TLDR's candidates and the title phrases are cut from the same sentences: the tagger keeps
    # the windows it tagged until this abstract is done (``tagger.remembering``)
    with remembering():
        found = generate_titles(Paper(id="", text=text, sources=(), keywords=tuple(keywords)))
        # the span ranker read the same summary (``span_context``): made once
        summary = span_context.tldr_of(text)
    return [found[0], summary, found[1:]]


def _hint(text: str, found: list[object] | None) -> list[object] | None:
    """``[text tagged, its sentences' tags]`` from the keyword stage's ``tags_found``, or None."""
    if found is None:
        return None
    plain, tags = found
    return [text if plain is None else plain, tags]


def _remember(hint: list[object]) -> None:
    """Prime this worker's tagger with the keyword stage's tags of one abstract (``_hint``)."""
    text, tags = hint
    assert isinstance(text, str) and isinstance(tags, list)
    remember(text, tags)


def disambiguate(
    titles: Mapping[str, str], fixed: set[str], alternates: Mapping[str, Sequence[str]] | None = None
) -> dict[str, str]:
    """Tell clashing titles (case-insensitively) apart where the papers themselves can. Curated
    titles (``fixed`` ids) never change. Clashing generated titles are taken in id order: the first
    keeps its title, each other takes its first ``alternates`` title (its own next-best title: its
    name, or another noun phrase of its abstract) that no paper has yet, and shares the title when
    it has none. Nothing a reader cannot explain is added: no keyword in brackets, no id."""
    alternates = alternates or {}
    out = dict(titles)
    taken = {out[pid].casefold() for pid in fixed}
    groups: dict[str, list[str]] = {}
    for pid in sorted(out):
        if pid not in fixed:
            groups.setdefault(out[pid].casefold(), []).append(pid)
    # titles nobody clashes on are taken first, so no alternate steals one
    taken |= {key for key, pids in groups.items() if len(pids) == 1}
    for key, pids in sorted(groups.items()):
        clash = key in {out[pid].casefold() for pid in fixed}
        for n, pid in enumerate(pids):
            if not clash and n == 0 and (len(pids) == 1 or key not in taken):
                taken.add(key)
                continue
            free = next((t for t in alternates.get(pid, ()) if t.casefold() not in taken), "")
            if free:
                out[pid] = free
                taken.add(free.casefold())
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
    # The sentences the keyword stage tagged this build, on whichever worker (``stage.tags_found``):
    # the worker computing a title takes their tags rather than tagging them again.
    noted = parallel.current().notes.pop("tags_found", {})
    hints = [_hint(p.text, noted.get(p.text)) for p in papers]
    generated = parallel.map_cached(_title_plain, inputs, key=cache_key(), before=_remember, hints=hints)
    for paper, (title, summary, _others) in zip(papers, generated, strict=True):
        curated = metadata.get(paper.id, Metadata())
        if curated.title:
            titles[paper.id] = curated_title(curated.title)
            fixed.add(paper.id)
        else:
            titles[paper.id] = title or paper.id
        tldrs[paper.id] = " ".join(curated.tldr.split()) or summary
    others = {p.id: tuple(found[2]) for p, found in zip(papers, generated, strict=True)}
    unique = disambiguate(titles, fixed, others)
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
