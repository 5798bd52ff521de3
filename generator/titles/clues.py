"""What an abstract says about itself: the method it names, the topic of a survey, its contribution
and its key phrases. Pure text analysis for generated titles (see ``generator/titles/generate.py``)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from generator.text.acronyms import definitions, is_acronym, lower_common
from generator.text.acronyms import table as acronym_table
from generator.text.sentences import sentences
from generator.text.wordlists import TITLES_CLUES_COMMON_WORDS as _COMMON_WORDS
from generator.text.wordlists import TITLES_CLUES_DETERMINERS as _DETERMINERS
from generator.text.wordlists import TITLES_CLUES_FILLER as _FILLER
from generator.text.wordlists import TITLES_CLUES_GENERIC as _GENERIC
from generator.text.wordlists import TITLES_CLUES_LEAD_FILLER as _LEAD_FILLER
from generator.text.wordlists import TITLES_CLUES_PREPOSITIONS as _PREPOSITIONS
from generator.text.wordlists import TITLES_CLUES_TOPIC_GENERIC as _TOPIC_GENERIC
from generator.text.wordlists import TITLES_CLUES_TRAILING_STOP as TRAILING_STOP

# A description ends where a clause or a purpose begins.
_CUT = re.compile(
    r"(?:,|;|:|\(|\.(?:\s|$)|\s(?:that|which|where|who|whose|to|by|through|via|while|so|in order|namely|"
    r"i\.e\.|e\.g\.|dubbed|called|termed|named|we|has|have|is|are|was|were|can|could|will|"
    r"designed|aiming|aimed|based on|in this (?:paper|work|article|study))\b|"
    r"\s\w+ing\s(?=(?:a|an|the|its|their|both|each)\s))"
)
_VERBS = (
    r"propose|proposes|present|presents|introduce|introduces|develop|develops|design|designs|devise|"
    r"build|integrate|explore|employ|put forward|offer|investigate"
)
_WE_VERB = re.compile(
    rf"\b(?:(?:we|and\s+\w+ly)(?:\s+\w+ly)?(?:\s+(?:further|also|then|first|finally|here))?"
    rf"|this (?:paper|work|article|study)|the present (?:paper|work))\s+(?:{_VERBS})\b\s*",
    re.I,
)


def _clean_phrase(phrase: str) -> str:
    phrase = phrase.strip(" \"'.,;:")
    words = phrase.split()
    while words and (words[0].lower() in _DETERMINERS or words[0].lower() in _LEAD_FILLER):
        words = words[1:]
    while words and words[-1].lower().strip(",") in TRAILING_STOP:
        words = words[:-1]
    return " ".join(words).strip(" \"',")


def _head(phrase: str) -> str:
    """The phrase up to where a clause begins, without leading articles or hype."""
    return _clean_phrase(_CUT.split(" " + phrase, maxsplit=1)[0])


def is_generic(phrase: str, extra: frozenset[str] = frozenset()) -> bool:
    words = re.findall(r"[\w\-]+", phrase.lower())
    return not [w for w in words if w not in _GENERIC and w not in extra]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text[:1].islower() else text


# --- named methods ------------------------------------------------------------------------------

_NAME = r"[\"“]?(?P<name>[A-Z][A-Za-z0-9]*(?:[\-][A-Za-z0-9]+)*)[\"”]?"
_WORD_NAME = r"[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*"
_MULTI_NAME = rf"[\"“]?(?P<name>{_WORD_NAME}(?:\s{_WORD_NAME}){{0,3}})[\"”]?"
# "our model, FlowQA, ..." / "the proposed approach, MULTIPOLAR": the authors' thing, then its name
_OUR_KIND = (
    r"(?:[Oo]ur|[Tt]he\s+(?:proposed|resulting))\s+(?:proposed\s+)?"
    r"(?:model|method|approach|algorithm|framework|system|architecture|network|technique)"
)
# "which we call soft Q imitation learning (SQIL)", "called Deep neural networks with Encoder
# enhanced Factorization Machine (DeepEnFM)": a long name the authors shorten
_CALLED_SHORT = re.compile(
    r"\b(?:we\s+(?:call|term|name|dub)|called|dubbed|termed|named)\s+(?:as\s+)?"
    r"(?P<long>[A-Za-z][\w\-]*(?:\s[\w\-]+){1,8})\s+\((?P<short>[^()\s]+)\)"
)
_NAMING = re.compile(
    rf"(?<!so-)\b(?:called|dubbed(?:\s+as)?|termed(?:\s+as)?|term(?:ed)?\s+as|named|coined(?:\s+as)?|call(?:ed)?\s+it|we\s+(?:call|term|name|dub)(?:\s+as)?|{_OUR_KIND},)\s+{_MULTI_NAME}"
)
_APPOSITION = re.compile(rf"^{_NAME},\s+(?P<desc>(?:a|an|the)\s.+)")
_NP_NAME = re.compile(rf"^(?P<desc>[^,:]+),\s+{_NAME}\s*(?:,|$)")
_STANDS_FOR = re.compile(r"^,?\s*(?:which|that)\s+stands\s+for\s+(?P<desc>[^,.;]+)")


def names_explicitly(text: str, name: str) -> bool:
    """Whether the abstract gives ``name`` as a name ("a new model called BERT", "which we call X",
    "our method, X"): then it is the paper's own, however widely the field uses it since."""
    if any(name in (m.group("short"), m.group("long")) for m in _CALLED_SHORT.finditer(text)):
        return True
    return any(m.group(0).endswith(name) for m in _NAMING.finditer(text))


def _looks_like_name(name: str) -> bool:
    if name in _COMMON_WORDS:
        return False
    inner_caps = any(ch.isupper() for ch in name[1:]) or any(ch.isdigit() for ch in name)
    return inner_caps or len(name) >= 3


def _introduces(gap: str) -> bool:
    """Whether the words between a contribution verb and a defined term introduce that term: 'a
    novel', 'our implemented package' or a quoted apposition do; 'the impact of' does not."""
    if re.search(r",\s*[\"“]$", gap.rstrip()) or gap.rstrip().endswith(("“", '"')):
        return True
    words = gap.split()
    return len(words) <= 4 and not any(w.lower() in _PREPOSITIONS for w in words)


def _clause_before(prefix: str) -> str:
    """The clause that a naming word follows: 'we introduce a new model' for '... model called X';
    the clause before 'a synergy we term as X' or before ', dubbed X'."""
    segments = re.split(r"[,;:]", prefix)
    clause = re.sub(r"(?:\b(?:which|we|is|and)\s*)+$", "", segments[-1].strip()).strip()
    if (not clause or re.fullmatch(r"(?:a|an|the)\s+\w+", clause)) and len(segments) > 1:
        return segments[-2].strip()
    return clause


def named_method(text: str) -> tuple[str, str] | None:
    """(name, what it is) when the abstract names its contribution; the description may be ''."""
    acronyms = [(d.short, d.long, d.start, d.end) for d in definitions(text)]
    offset = 0
    for sentence in sentences(text):
        start = offset
        offset += len(sentence) + 1
        short = _CALLED_SHORT.search(sentence)
        if short and is_acronym(short.group("short")):
            return short.group("short"), _clean_phrase(short.group("long"))
        # "... a new model called BERT, which stands for ..." / "a synergy we term as FedMeZO"
        for match in _NAMING.finditer(sentence):
            name = match.group("name")
            if not _looks_like_name(name):
                continue
            rest = sentence[match.end() :]
            stands = _STANDS_FOR.match(rest)
            if stands:
                return name, _head(stands.group("desc"))
            paren = re.match(r"\s*\(([^()]+)\)", rest)
            if paren and " " in name and is_acronym(paren.group(1)):  # called Graph Search (GS)
                return paren.group(1), name
            if paren and " " in paren.group(1) and " " not in name:  # named ABOD (Angle-Based ...)
                return name, _clean_phrase(paren.group(1))
            before = _clause_before(sentence[: match.start()])
            determiners = list(re.finditer(r"\b(?:a|an|the|our)\s", before))
            if _WE_VERB.search(before) or not determiners:
                desc = _head(_WE_VERB.split(before)[-1])
            else:  # "We demonstrate an EMR mining system called EMRView"
                desc = _head(before[determiners[-1].start() :])
            if " " in name and set(name.lower().split()) & set(desc.lower().split()):
                desc = ""
            if is_generic(desc):
                earlier = (
                    sentence[: match.start()].rsplit(",", 1)[0] if "," in sentence[: match.start()] else ""
                )
                desc = _head(_WE_VERB.split(earlier)[-1]) if _WE_VERB.search(earlier) else ""
            return name, "" if is_generic(desc) else desc
        verb = _WE_VERB.search(sentence)
        if not verb:
            continue
        after = sentence[verb.end() :]
        # "we present Modular-of-Thought Coder (MoTCoder)": an acronym defined after the verb.
        for short, long, lf_start, end in acronyms:
            if start + verb.end() <= lf_start < start + len(sentence) and _introduces(
                text[start + verb.end() : lf_start]
            ):
                long_clean = _clean_phrase(long)
                rest = _head(text[end:]) if not text[end:].lstrip().startswith(",") else ""
                if " " not in long_clean:
                    return long_clean, ""
                return short, f"{long_clean} {rest}".strip()
        # "we propose MIVC, a general multiple instance visual component ..."
        apposition = _APPOSITION.match(after)
        if apposition and _looks_like_name(apposition.group("name")):
            desc = _head(apposition.group("desc"))
            return apposition.group("name"), "" if is_generic(desc) else desc
        # 'we employ "Introspective Tips" to ...'
        quoted = re.match(r"^[\"“]+(?P<name>[A-Z][\w\-]*(?:\s[A-Z][\w\-]*){0,3})[\"”]", after)
        if quoted:
            return quoted.group("name"), ""
        # "we propose a new model, QA-GNN, which ..."
        np_name = _NP_NAME.match(after)
        if np_name and is_acronym(np_name.group("name")):
            desc = _head(np_name.group("desc"))
            return np_name.group("name"), "" if is_generic(desc) else desc
    return None


# --- surveys -------------------------------------------------------------------------------------

_SURVEY = re.compile(
    r"\b(?:in this (?:comprehensive |systematic )?survey|this (?:survey|review)\b|this paper surveys|"
    r"we survey|(?:comprehensive|systematic|structured|first) (?:and (?:systematic|structured) )?"
    r"(?:review|survey|overview)|"
    r"provides? an overview|(?:literature|systematic) review|perspective paper)",
    re.I,
)
_TOPIC = re.compile(
    r"(?:\b(?:review|survey|overview|compilation)(?:\s+(?:work|paper))?\s+(?:of|on)|"
    r"\bwe\s+(?:\w+ly\s+)?(?:investigate|review|survey|summarize)(?:\s+and\s+\w+)?|"
    r"\bthis (?:paper|article|work) surveys|taxonomy (?:that categorizes|of))\s+"
    r"(?:the\s+)?(?:progress\s+of\s+|development\s+of\s+|use\s+of\s+|different\s+types\s+of\s+|"
    r"(?:existing\s+)?variants\s+of\s+(?:the\s+)?)?"
    r"(?P<topic>[^,;:.]+)",
    re.I,
)
_TOPIC_CUT = re.compile(
    r"\s(?:and also|within|with a|to better|in order|specifically|by|which|that|where|based on)\b|"
    r"\s(?:and\s)?(?:discuss|discusses|discussing|provide|provides|providing)\b",
    re.I,
)


def is_survey(text: str) -> bool:
    return _SURVEY.search(text) is not None


def expand_acronyms(phrase: str, table: Mapping[str, str], budget: int) -> str:
    """Spell out acronyms defined in the abstract while the phrase still fits the budget."""
    for short, long in sorted(table.items(), key=lambda kv: -len(kv[0])):
        expanded = re.sub(rf"(?<![\w\-]){re.escape(short)}(?![\w\-])", long, phrase)
        if expanded != phrase and len(expanded) <= budget:
            phrase = expanded
    return phrase


def survey_topic(text: str, keywords: tuple[str, ...], budget: int = 68) -> str:
    table = acronym_table(text)
    for sentence in sentences(text):
        if not (
            _SURVEY.search(sentence) or re.search(r"\b(?:survey|review|overview|taxonomy)", sentence, re.I)
        ):
            continue
        if re.search(r"\b(?:brief|briefly|initially)\b", sentence, re.I):
            continue
        for match in _TOPIC.finditer(sentence):
            topic = _TOPIC_CUT.split(match.group("topic"), maxsplit=1)[0]
            words = topic.split()
            if not words or words[0].lower() in {"these", "those", "this", "such", "it", "them"}:
                continue
            topic = _clean_phrase(" ".join(w for w in words if w.lower() not in {"existing"}))
            if topic and not is_generic(topic, _TOPIC_GENERIC) and len(topic.split()) <= 12:
                return expand_acronyms(topic, table, budget)
    # The defined term the abstract mentions most often, e.g. State Space Models (SSM).
    counts = []
    for index, (short, long) in enumerate(table.items()):
        mentions = len(re.findall(rf"(?<![\w\-]){re.escape(short)}", text))
        counts.append((-mentions, index, long))
    if counts:
        best = min(counts)
        if -best[0] >= 3:
            term = _clean_phrase(best[2])
            short = next(k for k, v in table.items() if v == best[2])
            plural = re.search(rf"(?<![\w\-]){re.escape(short)}s\b", text) and not term.endswith("s")
            return term + "s" if plural else term
    return key_phrase_title(keywords, text, capital=False, most=1)


# --- key phrases ---------------------------------------------------------------------------------


def _useful_phrase(phrase: str) -> bool:
    words = phrase.lower().split()
    if not words or any(w in _FILLER or w.endswith("ly") for w in words):
        return False
    return len(phrase) > 3


def key_phrase_title(keywords: tuple[str, ...], text: str, *, capital: bool = True, most: int = 2) -> str:
    """'Graph Neural Networks: gradient dynamics and ...' from the terms the abstract defines first
    and its leading useful key phrases."""
    table = {short.lower(): long for short, long in acronym_table(text).items()}
    defined = [_clean_phrase(long) for long in (d.long for d in definitions(text))]
    chosen: list[str] = []
    for phrase in [*defined[:1], *keywords]:
        phrase = table.get(phrase.lower(), phrase)
        if not _useful_phrase(phrase):
            continue
        words = set(phrase.lower().split())
        if any(words & set(c.lower().split()) for c in chosen):
            continue
        chosen.append(phrase)
        if len(chosen) == most:
            break
    if not chosen:
        return ""
    title = ": ".join(chosen)
    return upper_first(title) if capital else title


def defined_terms(text: str, name: str = "", most: int = 2) -> str:
    """'Language models and knowledge graphs': terms the opening sentences define with acronyms."""
    opening = " ".join(sentences(text)[:2])
    chosen: list[str] = []
    for short, long in ((d.short, d.long) for d in definitions(opening)):
        long = lower_common(_clean_phrase(long))
        words = set(long.lower().split())
        if name in (short, long) or not words:
            continue
        wider = [c for c in chosen if set(c.lower().split()) <= words]
        if wider:  # 'federated graph learning' is more specific than 'federated learning'
            chosen[chosen.index(wider[0])] = long
            continue
        if any(words & set(c.lower().split()) for c in chosen):
            continue
        chosen.append(long)
        if len(chosen) == most:
            break
    return " and ".join(chosen)


def _gerund(verb: str) -> str:
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    return verb + "ing"


_HOW = re.compile(
    r"\bwe\s+(?:\w+ly\s+)?(?:study|show|investigate|examine|explain|analy[sz]e|ask)\s+(?P<q>how|why|whether)\s+",
    re.I,
)
ASKS_HOW = _HOW  # "we study how X does Y": a contribution that is a question
_PROPOSE_TO = re.compile(r"^(?:to\s+)(?:(?P<adverb>[a-z]+ly)\s+)?(?P<verb>[a-z]+)\s+(?P<rest>.+)")
_CUT_LOOSE = re.compile(
    r"(?:,|;|:|\(|\.(?:\s|$)|\s(?:that|which|where|who|whose|while|so|namely|i\.e\.|e\.g\.|we)\b)"
)


def contribution_phrase(text: str) -> str:
    """'Transfer learning without annotations ...' from 'we propose a method of transfer learning ...'."""
    for sentence in sentences(text):
        verb = _WE_VERB.search(sentence)
        if not verb:
            how = _HOW.search(sentence)
            if how:
                phrase = _clean_phrase(_CUT.split(" " + sentence[how.end() :], maxsplit=1)[0])
                if len(phrase.split()) >= 3:
                    return f"{how.group('q').capitalize()} {phrase}"
            continue
        after = sentence[verb.end() :]
        to_verb = _PROPOSE_TO.match(after)
        if to_verb:  # "we propose to smooth the max operator" -> "Smoothing the max operator"
            phrase = _CUT.split(" " + to_verb.group("rest"), maxsplit=1)[0].strip()
            if phrase and not is_generic(phrase):
                # "to explicitly make X" -> "Explicitly making X" (never "Explicitlying make X")
                action = " ".join(w for w in (to_verb.group("adverb"), _gerund(to_verb.group("verb"))) if w)
                return f"{upper_first(action)} {phrase}"
            continue
        if re.match(r"(?:that|in|how|whether|on)\b", after):
            continue
        phrase = re.sub(
            r"^(?:(?:(?:the|a|an)\s+)?(?:novel\s+|new\s+)?(?:method|approach|task|framework|way|problem|concept|"
            r"integration)s?\s+of)\s+",
            "",
            after,
        )
        head = _head(phrase)
        if len(head.split()) <= 4 and not is_generic(head):
            head = _clean_phrase(_CUT_LOOSE.split(" " + phrase, maxsplit=1)[0])
        if head and not is_generic(head) and len(head.split()) >= 2:
            return upper_first(head)
    return ""
