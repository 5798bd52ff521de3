"""The grammar of a key phrase: word lists and the rules that tell a noun phrase from a sentence fragment.

Used by the keyword stage (``generator/keywords/stage.py``: YAKE's candidates are kept or dropped by these
rules, and acronyms the abstract defines are found here) and by the curation
(``generator/keywords/curate.py``).
Pure functions of words and token lists; no YAKE, no catalogue state. Every word list is hand-made and
measured with `make eval` (see EVALUATION.md); editing this file changes the keyword cache's key
(``keywords.cache_key``), so every abstract's candidates are extracted again.
"""

from __future__ import annotations

import re
from functools import lru_cache

from generator.text.acronyms import definitions
from generator.text.forms import phrase_key, singular
from generator.text.wordlists import word_set

__all__ = ["phrase_key", "singular"]  # re-exported: the keyword stage's callers read them here


# ---------------------------------------------------------------------------------------------
# Word lists. Hand-made, measured with `make eval` (see EVALUATION.md).

_STOP = word_set(
    """
    a about above after again against all almost also although always am among an and another
    any are as at be because been before being below between both but by can could did do does
    doing done down during each either else even ever every few for from further had has have
    having he her here hers herself him himself his how however i if in into is it its itself
    just least less let like may me might more most much must my myself neither no nor not now
    of off often on once one only or other others otherwise our ours ourselves out over own per
    rather same she should since so some such than that the their theirs them themselves then
    there therefore these they this those though through thus to too under until up upon us very
    via was we were what whatever when where whereas whether which while who whom whose why will
    with within without would yet you your yours etc i.e e.g vs due toward towards across along
    around beyond despite unlike onto
    """
)
# Words that make a phrase a sentence fragment wherever they are: unambiguous verb forms and
# adverbs common in abstracts. Verb forms that are also common nouns (use, design, study, result,
# need, work, process, model...) are not here.
_VERBS = word_set(
    """
    achieve achieves achieved achieving gain gains gained gaining pose poses posed posing show
    shows showed shown showing demonstrate demonstrates demonstrated demonstrating propose
    proposes proposed proposing present presents presented presenting introduce introduces
    introduced introducing outperform outperforms outperformed outperforming enable enables
    enabled enabling allow allows allowed allowing provide provides provided providing require
    requires required requiring improve improves improved improving reduce reduces reduced
    reducing increase increases increased increasing perform performs performed use uses used
    using apply applies applied applying obtain obtains obtained obtaining develop develops
    developed developing evaluate evaluates evaluated evaluating explore explores explored
    exploring examine examines examined examining investigate investigates investigated
    investigating address addresses addressed addressing tackle tackles tackled tackling
    leverage leverages leveraged leveraging utilize utilizes utilized utilizing utilise utilises
    utilised exploit exploits exploited exploiting yield yields yielded yielding offer offers
    offered offering make makes made making take takes took taken taking give gives gave given
    giving find finds found finding report reports reported describe describes described
    describing discuss discusses discussed discussing suggest suggests suggested suggesting
    indicate indicates indicated indicating reveal reveals revealed revealing highlight
    highlights highlighted highlighting remain remains remained remaining become becomes became
    becoming seem seems seemed appear appears appeared consider considers considered considering
    aim aims aimed aiming seek seeks sought seeking attempt attempts attempted lead leads led
    leading help helps helped helping ensure ensures ensured ensuring facilitate facilitates
    facilitated facilitating capture captures captured capturing handle handles handled handling
    produce produces produced producing solve solves solved solving rely relies relied relying
    depend depends depended depending include includes included including contain contains
    contained containing involve involves involved involving consist consists consisted
    consisting compare compares compared comparing surpass surpasses surpassed surpassing exceed
    exceeds exceeded exceeding establish establishes established establishing extend extends
    extended extending incorporate incorporates incorporated incorporating employ employs
    employed employing adopt adopts adopted adopting conduct conducts conducted conducting carry
    carries carried carrying tend tends tended remains called calls named termed known see seen
    allows mitigate mitigates mitigated mitigating struggle struggles struggled struggling
    emerge emerges emerged emerging lack lacks lacked lacking fail fails failed failing hinder
    hinders hindered hindering ushering ushered usher ushers circumvent circumvents tackling
    enhance enhances enhanced enhancing boost boosts boosted boosting lies lie lying argue
    argues argued arguing believe believes believed claim claims claimed note notes noted
    observe observes observed observing prove proves proved proven proving verify verifies
    verified explain explains explained explaining focus focuses focused focusing focussed
    relate relates related relating refer refers referred referring according accordingly
    possible impossible recently significantly substantially successfully effectively
    efficiently particularly especially typically usually generally largely widely highly mainly
    mostly currently previously finally first firstly second secondly third thirdly further
    furthermore moreover additionally namely respectively simultaneously consequently hence
    thereby whereby notably remarkably increasingly relatively approximately roughly nearly
    fully partly directly quickly easily readily extensively primarily specifically based
    combine combines combined combining move moves moved migrate migrates migrated motivate
    motivates motivated cope copes put puts bring brings brought bringing inform informs
    informed conform conforms serve serves served meets treat treats treated store stores stored
    identify identifies identified build builds built represent represents represented embed
    embeds embedded suppress suppresses suppressed analyse analyses analysed analyze analyzes
    analyzed revisit revisits revisited categorize categorizes categorized consolidate
    consolidates consolidated arise arises arising arose exacerbate exacerbates promote promotes
    promoted debug refine refines refined influenced influences understood transforming
    transform transforms stands keeps kept falter falters decreases encourage encourages
    encouraged inspire inspires inspired motivating spurred learn learns generate generates
    accelerate accelerates accelerating express expresses expressing analyzing analysing
    synthesizing synthesising ranging follow follows align aligns mimic mimics add adds added
    adding share shares
    """
)
# Evaluative words: a phrase that starts with one is a judgement, not a topic ("novel approach").
_EVALUATIVE = word_set(
    """
    novel new proposed existing various different several significant important key main many
    numerous diverse recent current previous prior traditional conventional typical certain
    particular specific potential promising remarkable revolutionary impressive superior
    effective efficient good better best comprehensive extensive thorough detailed practical
    real-world substantial considerable notable critical crucial essential fundamental
    additional further overall entire whole multiple single same similar respective
    corresponding other extra intensive significant unprecedented powerful challenging difficult
    simple first second third last next initial final major minor great wide broad popular vast
    huge poor past varying satisfactory straightforward intricate enormous valuable convenient
    rapid sophisticated advanced accurate larger smaller unwanted limited high-quality low-cost
    unclear excellent outstanding competitive favorable attractive interesting useful
    """
)
# Plain adjectives: a phrase never ends with one ("emergence of large"), nor is one.
_ADJECTIVES = word_set(
    """
    large big deep small high low long short wide broad open hard soft easy heavy fast slow old
    young early late full empty dense sparse rich poor human good bad true false free easy
    perfect
    """
)
# Words that say nothing about a topic on their own: never a keyword alone, nor after an
# evaluative or adjective word ("experimental results").
_GENERIC = word_set(
    """
    paper papers approach approaches method methods result results problem problems work works
    study studies technique techniques experiment experiments evaluation evaluations performance
    effectiveness efficiency task tasks way ways state art variety range number numbers set sets
    lot kind kinds type types form forms part parts aspect aspects issue issues challenge
    challenges concern concerns question questions case cases example examples instance
    instances order terms term basis context field fields area areas domain domains end means
    use usage ability capability capabilities advantage advantages benefit benefits impact
    impacts effect effects role roles insight insights understanding knowledge idea ideas notion
    goal goals purpose contribution contributions finding findings outcome outcomes improvement
    improvements gain gains level levels degree amount amounts time times step steps stage
    stages fact lens light era confluence synergy integration combination paradigm landscape
    advances advance advancement advancements progress development developments breakthrough
    breakthroughs success successes trend trends attention interest state-of-the-art sota
    baseline baselines benchmark benchmarks dataset datasets analysis analyses framework
    frameworks model models system systems algorithm algorithms tool tools data information
    strategy strategies mechanism mechanisms solution solutions scheme schemes process processes
    procedure procedures component components module modules version versions value values
    account application applications quality accuracy experience scenario scenarios setting
    settings literature researcher researchers user users people community article articles
    scale abstract section sections table tables fig figure figures contact paragraph appendix
    chapter thing things language languages
    """
)
# Words that YAKE's phrase may end with only if they are nouns: adjective endings, with the nouns
# that share them.
_ADJECTIVE_END = re.compile(r"(?:al|ous|ive|ic|ful|less|able|ible|ary|ant|ent)$")
_NOUNS_LIKE_ADJECTIVES = word_set(
    """
    retrieval material materials potential metal signal logic portal crystal metric table
    variable music topic polynomial assembly alternative derivative residual interval proposal
    protocol terminal manual tutorial journal trial arrival removal approval survival rival
    capital animal mineral principal criminal professional chemical individual official arsenal
    tribunal hospital festival carnival cathedral pedal petal canal channel kernel model vessel
    label level travel heuristic arithmetic epidemic pandemic traffic graphic republic clinic
    mechanic physic logistic statistic ethic rhetoric semantics dynamics objective
    representative initiative executive detective relative narrative adjective directive
    perspective incentive motive archive native collective explosive additive sensitive positive
    negative primitive cable enable disable syllable vegetable timetable tables variables cables
    library dictionary vocabulary summary boundary glossary salary secretary commentary diary
    anniversary itinerary sanctuary mercenary binary primary secondary inventory military
    literary temporary contemporary missionary visionary emissary adversary beneficiary
    intermediary dietary planetary documentary agent agents client clients patient patients
    student students component components constant constants element elements segment segments
    document documents environment environments content contents event events experiment
    argument arguments assignment alignment equipment management development deployment
    measurement improvement requirement investment statement treatment government department
    movement payment placement replacement adjustment enrichment embodiment sentiment engagement
    entertainment fragment fragments moment moments comment comments gradient gradients
    coefficient coefficients ingredient incident accident parent parents talent percent current
    descent intent extent consent continent dissent respondent correspondent president resident
    participant participants applicant tenant servant assistant assistants merchant variant
    variants plant plants grant grants instant elephant restaurant defendant accountant
    consultant contestant immigrant inhabitant lieutenant pendant pollutant quadrant reactant
    solvent tangent dividend entrant descendant remnant determinant invariant invariants
    transient antioxidant mutant mutants implant implants dopant dopants coolant sealant oxidant
    reductant surfactant surfactants toxicant rodent serpent agent
    """
)
# Words, and each punctuation mark as a token of its own (a phrase never spans one).
TOKEN = re.compile(r"[^\W_](?:[\w'\u2019-]*[^\W_])?|[^\w\s]", re.UNICODE)
_NOT_A_WORD = re.compile(r"^[\d.,%-]+$|[^\x00-\x7f]{2,}|^.$|[.']")
# Gerunds that name a topic ("learning rate", "clustering algorithms"); another -ing word that starts
# a phrase is a verb ("integrating expert demonstrations").
_NOUN_GERUNDS = word_set(
    """
    learning training mining clustering processing computing ranking matching sampling parsing
    filtering reasoning planning modeling modelling tuning prompting indexing tagging routing
    scheduling caching encoding decoding embedding pooling labeling labelling tracking
    forecasting hashing boosting bagging pruning scaling smoothing programming networking
    crowdsourcing understanding engineering marketing advertising pricing testing debugging
    editing answering reading writing speaking hearing imaging sensing computing rendering
    printing recording engineering manufacturing banking accounting housing funding spelling
    wording meaning beginning building setting offering opening timing billing shipping
    streaming gaming lending trading mapping coding pretraining finetuning fine-tuning
    pre-training self-training multitasking benchmarking profiling monitoring logging searching
    browsing tagging
    """
)
# Links are no key phrases: they go before YAKE sees the text.
URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|org|net|io|edu)(?:/\S*)?", re.IGNORECASE)
URL_HINTS = ("//", "www.", ".com", ".org", ".net", ".io", ".edu")
# A word right after one of these is a verb ("we build", "can learn").
_BEFORE_VERB = word_set(
    """
    can could may might will would should must cannot we they also have has had been
    """
)
# A word right before one of these is a verb ("transformers balance the", "show how").
_AFTER_VERB = word_set(
    """
    the a an this these those their its our his her each every both how whether
    """
)


def _is_adjective_end(word: str) -> bool:
    return (
        len(word) > 4 and _ADJECTIVE_END.search(word) is not None and word not in _NOUNS_LIKE_ADJECTIVES
    ) or (word.endswith("ly") and len(word) > 4 and word not in _NOUNS_LIKE_ADJECTIVES)


def _is_adverb(word: str) -> bool:
    return word.endswith("ly") and len(word) > 4 and word not in _LY_NOUNS


_LY_NOUNS = word_set(
    """
    family anomaly anomalies assembly monopoly supply reply italy july poly homophily butterfly
    ally rally belly jelly bully lily
    """
)


@lru_cache(maxsize=1 << 17)  # pure; the same phrases recur across a catalogue's abstracts
def is_key_phrase(words: tuple[str, ...]) -> bool:
    """Whether lower-case words read as a key phrase (a noun phrase), not as a sentence fragment."""
    if not words or len(words) > 3:
        return False
    first, last = words[0], words[-1]
    if first in _STOP or last in _STOP or first in _EVALUATIVE or (len(words) == 1 and last in _GENERIC):
        return False
    for word in words:
        if word in _VERBS or word in _EVALUATIVE or _is_adverb(word) or _NOT_A_WORD.search(word):
            return False
    # Inside a phrase only "of" and "and" may join nouns ("theory of mind", "search and rescue").
    if any(w in _STOP and w not in ("of", "and") for w in words[1:-1]):
        return False
    if (last.endswith("ed") and not last.endswith("eed")) or _is_adjective_end(last) or last in _ADJECTIVES:
        return False
    if len(words) > 1 and first.endswith("ing") and first not in _NOUN_GERUNDS:
        return False
    # "X and Y" is two keywords, and "variety of applications" is none.
    if "and" in words or ("of" in words and first in _GENERIC):
        return False
    return not (last in _GENERIC and all(w in _GENERIC or _is_adjective_end(w) for w in words[:-1]))


def _keeps_case(token: str) -> bool:
    """Acronyms and names with inner capitals keep their case ("LLMs", "FedMeZO", "U-Net", "GPT-4");
    capitalised words ("Zeroth-Order", "Large", "E-commerce") are written in lower case."""
    parts = [p for p in token.split("-") if p]
    if any(any(c.isupper() for c in part[1:]) for part in parts):
        return True
    return len(parts) > 1 and sum(part[0].isupper() for part in parts) > 1 and any(len(p) == 1 for p in parts)


def surface_forms(tokens: list[str]) -> dict[str, str]:
    """How each lower-case word is shown."""
    forms: dict[str, str] = {}
    for token in tokens:
        low = token.lower()
        if low == token:
            forms.setdefault(low, low)
        elif forms.get(low, low) == low:
            forms[low] = token if _keeps_case(token) else low
    return forms


def acronyms_defined(text: str) -> tuple[tuple[str, str, str, str], ...]:
    """(acronym key, expansion key, acronym, expansion) for every "Expansion Words (EW)" in the text
    (the toolkit's detector, ``generator/text/acronyms.py``), acronyms of two capitals or more."""
    found = [
        (phrase_key(d.short), phrase_key(d.long), d.short, d.long)
        for d in definitions(text)
        if sum(c.isupper() for c in d.short) >= 2 and len(d.short) <= 12
    ]
    return tuple(dict.fromkeys(found))


def spans_of(
    lowered: list[str], index: dict[str, list[int]], words: tuple[str, ...]
) -> list[tuple[int, int]]:
    """Where the words occur in the text, as (first token, token after the last)."""
    n = len(words)
    return [(i, i + n) for i in index.get(words[0], ()) if tuple(lowered[i : i + n]) == words]


def reads_as_verb(lowered: list[str], spans: list[tuple[int, int]]) -> bool:
    """Whether the phrase's first word follows "we", "can"... or its last word precedes "the", "how"...:
    then it begins or ends with a verb ("we build models", "transformers balance the")."""
    for start, end in spans:
        if start > 0 and lowered[start - 1] in _BEFORE_VERB:
            return True
        if end < len(lowered) and lowered[end] in _AFTER_VERB:
            return True
    return False


def crosses(spans: list[tuple[int, int]], others: list[tuple[int, int]]) -> bool:
    """Whether every occurrence overlaps one of the others without either containing the other."""
    return bool(spans) and all(
        any(o0 < s0 < o1 < s1 or s0 < o0 < s1 < o1 for o0, o1 in others) for s0, s1 in spans
    )


def modifies_next(lowered: list[str], spans: list[tuple[int, int]]) -> bool:
    """Whether the phrase, said more than once, is always followed by one same noun, whose modifier it
    then is: a truncation of a longer phrase ("large language" before "models")."""
    if len(spans) < 2:
        return False
    following = {lowered[end] if end < len(lowered) else "" for _start, end in spans}
    if len(following) != 1:
        return False
    word = following.pop()
    return word[:1].isalnum() and word not in _STOP and word not in _VERBS and not _is_adverb(word)
