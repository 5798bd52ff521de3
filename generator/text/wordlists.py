"""Word lists: the one home of every list of English words the stages use.

Lists are a last resort (the part-of-speech tagger and corpus statistics come first). Each
list is named by the module and rule that read it; ``word_set`` is the one way to write one.
"""

from __future__ import annotations

import re


def word_set(text: str) -> frozenset[str]:
    """The white-space separated words of ``text`` as a set."""
    return frozenset(text.split())


# --- generator/keywords/central.py ---------------------------------------------------------------

KEYWORDS_CENTRAL_AUXILIARIES = frozenset(
    {
        "has",
        "have",
        "had",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "not",
        "also",
        "we",
        "they",
        "it",
    }
)

KEYWORDS_CENTRAL_CONTRIBUTION_STARTS = (
    "we ",
    "in this paper",
    "in this work",
    "here we",
    "this paper",
    "this work",
    "our ",
)


# --- generator/keywords/grammar.py ---------------------------------------------------------------

KEYWORDS_GRAMMAR_STOP = word_set(
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
KEYWORDS_GRAMMAR_VERBS = word_set(
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
KEYWORDS_GRAMMAR_EVALUATIVE = word_set(
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
KEYWORDS_GRAMMAR_ADJECTIVES = word_set(
    """
    large big deep small high low long short wide broad open hard soft easy heavy fast slow old
    young early late full empty dense sparse rich poor human good bad true false free easy
    perfect
    """
)

# Words that say nothing about a topic on their own: never a keyword alone, nor after an
# evaluative or adjective word ("experimental results").
KEYWORDS_GRAMMAR_GENERIC = word_set(
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

KEYWORDS_GRAMMAR_NOUNS_LIKE_ADJECTIVES = word_set(
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

# Gerunds that name a topic ("learning rate", "clustering algorithms"); another -ing word that starts
# a phrase is a verb ("integrating expert demonstrations").
KEYWORDS_GRAMMAR_NOUN_GERUNDS = word_set(
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

KEYWORDS_GRAMMAR_URL_HINTS = ("//", "www.", ".com", ".org", ".net", ".io", ".edu")

# A word right after one of these is a verb ("we build", "can learn").
KEYWORDS_GRAMMAR_BEFORE_VERB = word_set(
    """
    can could may might will would should must cannot we they also have has had been
    """
)

# A word right before one of these is a verb ("transformers balance the", "show how").
KEYWORDS_GRAMMAR_AFTER_VERB = word_set(
    """
    the a an this these those their its our his her each every both how whether
    """
)

KEYWORDS_GRAMMAR_LY_NOUNS = word_set(
    """
    family anomaly anomalies assembly monopoly supply reply italy july poly homophily butterfly
    ally rally belly jelly bully lily
    """
)


# --- generator/keywords/filler.py ----------------------------------------------------------------

# Heads of sentence leftovers: nouns of the discourse about research, not of its subject.
KEYWORDS_FILLER_LEFTOVER_HEADS = word_set(
    """
    research researches question questions paper papers improvement improvements direction directions
    test tests amount amounts population reader readers comparison comparisons concern concerns cost
    costs evidence progress problem problems result results finding findings point points growth
    step steps utilization
    """
)

# Words that start a sentence leftover: "future research", "open question", "benefits foundation models".
KEYWORDS_FILLER_LEFTOVER_STARTS = word_set(
    """
    future open absolute benefit benefits large-scale wide broad large high low great spectrum review
    survey class classes result results aforementioned thousand thousands widespread redundant
    """
)

KEYWORDS_FILLER_STRONG_STARTS = word_set(
    "benefit benefits future open absolute aforementioned result results"
)

KEYWORDS_FILLER_LY_NOUNS = word_set(
    "family anomaly anomalies assembly monopoly supply reply homophily butterfly italy"
)

# Extra words that make a phrase a near-repeat of one of its parts: "programming tasks", "federated
# learning algorithm", "knowledge distillation approach", "foundation model parameters".
KEYWORDS_FILLER_NEAR_REPEAT_WORDS = word_set(
    """
    task tasks problem problems approach approaches method methods technique techniques algorithm
    algorithms framework frameworks model models system systems parameter parameters process
    processes module modules scheme schemes strategy strategies paradigm paradigms application
    applications research package setting settings scenario scenarios service services
    """
)


# --- generator/relate/topicnames.py --------------------------------------------------------------

RELATE_TOPICNAMES_WORK_HEADS = word_set(
    "task tasks problem problems method methods approach approaches technique techniques setting settings "
    "scenario scenarios application applications"
)

RELATE_TOPICNAMES_ROLE_MODIFIERS = word_set("input output target source given original test training")


# --- generator/keywords/nounphrases.py -----------------------------------------------------------

# Adjectives made from a name keep its capital: Bayesian, Gaussian, Euclidean, Hamiltonian.
KEYWORDS_NOUNPHRASES_NAME_ADJECTIVE = ("ian", "ean")


# --- generator/relate/terms.py -------------------------------------------------------------------

# Words that appear in abstracts of every field and say nothing about the subject.
RELATE_TERMS_BOILERPLATE = frozenset(
    re.split(
        r"\s+",
        "paper propose proposed approach approache method methods result show shown demonstrate based "
        "using use used novel new work study existing recent recently however also various different "
        "performance state art achieve achieved present presented provide first furthermore moreover "
        "well significant significantly effective effectively extensive experiment experiments",
    )
)


# --- generator/text/acronyms.py ------------------------------------------------------------------

ACRONYMS_FUNCTION_WORDS = word_set(
    "a an the of and or in on for to with by from as at is are we our this that"
)


# --- generator/text/forms.py ---------------------------------------------------------------------

FORMS_INVARIANT = frozenset(["series", "species", "news", "lens", "physics", "bias", "basis", "analysis"])


# --- generator/text/tagger.py --------------------------------------------------------------------

TAGGER_ABBREVIATIONS = frozenset({"al", "etc", "vs", "cf", "fig", "eq", "eqs", "sec", "resp", "approx", "no"})

TAGGER_CLAUSE_BREAK_WORDS = frozenset({";", "that", "while", "whereas", "because", "although", "since", "if"})


# --- generator/titles/clues.py -------------------------------------------------------------------

# Words that say nothing about what a method is; a description made only of them is generic.
TITLES_CLUES_GENERIC = word_set(
    """a an the new novel simple yet strong effective efficient general generic systematic approach
    approaches method methods model models framework frameworks technique techniques algorithm
    algorithms baseline synergy system systems scheme module solution solutions pioneering unified
    our this that these and or of first two three powerful lightweight proposed task tool package
    implemented end-to-end principled flexible scalable robust"""
)

TITLES_CLUES_DETERMINERS = {"a", "an", "the", "our", "this", "these", "its", "their", "such"}

TITLES_CLUES_LEAD_FILLER = {
    "novel", "new", "first", "pioneering", "simple", "brief", "comprehensive", "generic",
    "two", "three", "four", "several", "various", "different", "general",
}  # fmt: skip

TITLES_CLUES_TRAILING_STOP = word_set(
    """a an the of for and or in on with within to by from as at into via its their our
    this that these based using"""
)

TITLES_CLUES_COMMON_WORDS = {"We", "This", "The", "Our", "In", "It", "A", "An"}

TITLES_CLUES_PREPOSITIONS = word_set(
    "of on in for with to from by into over about between among through under"
)

TITLES_CLUES_TOPIC_GENERIC = word_set(
    "traditional frontier different types various recent state-of-the-art works paper"
)

# Words that mark a key phrase as a fragment of a sentence ("achieved great success") rather than a
# name of a topic.
TITLES_CLUES_FILLER = word_set(
    """achieved achieve achieves attracted shown show shows demonstrated demonstrate demonstrating
    recently recent gained great significant significantly impressive remarkable widely wide
    increasingly popular due decades witnessed satisfactory explored emerged powerful growing
    pose poses potential concerns showcased handling perform solves variety solely rely range
    offer key advances availability high costs identify relevant mention dominating strong
    brought emergence influenced exceptional results marks advent era post-deep study studied
    iteratively breaking smaller subproblems proposed novel new tasks task outperform larger
    unclear lens convenient access researchers"""
)


# --- generator/titles/contribution.py ------------------------------------------------------------

TITLES_CONTRIBUTION_CONTRIBUTION_VERBS = word_set(
    """propose proposes proposed present presents presented introduce introduces introduced develop
    develops developed design designs designed devise devises devised build builds built describe
    describes described create creates created call name term dub"""
)

# Verbs whose object is the paper's subject rather than a thing it makes: a second choice.
TITLES_CONTRIBUTION_TOPIC_VERBS = word_set(
    """study studies studied investigate investigates investigated analyze analyzes analyse analyses
    explore explores address addresses tackle tackles consider considers examine examines"""
)

TITLES_CONTRIBUTION_CONNECT = frozenset(
    {"of", "for", "in", "on", "with", "to", "via", "from", "under", "over", "between"}
)

# Evaluative words a paper uses of its own contribution and real titles leave out ("a novel method").
# Adverbs that turn or bound a claim ("rarely converges", "only slightly better"): a TLDR keeps them.
# A closed grammatical class (negative and approximating adverbs), not a list of seen examples.
TLDR_POLARITY_ADVERBS = word_set("hardly barely rarely scarcely seldom only nearly poorly partly partially")

TITLES_CONTRIBUTION_SELF_PRAISE = word_set(
    "novel new simple effective efficient general generic principled first powerful"
)


# --- generator/titles/names.py -------------------------------------------------------------------

TITLES_NAMES_COMMON = frozenset(
    {"We", "This", "The", "Our", "In", "It", "A", "An", "However", "Moreover", "Finally"}
)

# The roles a name plays in its abstract (``titles/names.py``), read from the word that governs it
# (the first word on its left that is not part of its noun phrase or list): the authors name it...
TITLES_NAMES_NAMING = word_set("call called calls dub dubbed name named term termed coin coined namely")
# ... or evaluate on it, compare with it ("than X", "outperforms X", "baselines such as X") ...
TITLES_NAMES_EVALUATED = word_set(
    """on than against over versus vs vs. outperform outperforms outperforming outperformed beat beats
    surpass surpasses surpassing compared compare compares comparing including like e.g. e.g.,
    datasets benchmarks baselines"""
)
# ... or use it as a tool ("using X", "based on X", "with X") ...
TITLES_NAMES_USED = word_set(
    """using use uses used with via by from employ employs employing adopt adopts apply applies applying
    leverage leverages leveraging extend extends extending"""
)
# ... and the nouns that make the name a data set or a baseline ("the MNIST dataset", "X baseline").
TITLES_NAMES_RESOURCE_NOUNS = word_set(
    """dataset datasets data benchmark benchmarks corpus corpora baseline baselines challenge suite
    environment environments games database"""
)
# ... and the words by which an apposition or a copula calls the named thing established, someone
# else's ("ODIN is a recently proposed method", "Viper, a recently proposed technique", "Feedback
# Alignment is one such example"; ninth session).
TITLES_NAMES_ESTABLISHED = word_set(
    """popular standard existing well-known widely-used classical classic common commonly
    traditional conventional prominent recent recently seminal celebrated famous established
    leading typical such"""
)


# --- generator/titles/spans.py -------------------------------------------------------------------

TITLES_SPANS_JOIN = frozenset(
    {"of", "for", "in", "on", "with", "via", "from", "to", "under", "over", "between", "and"}
)


# --- generator/titles/tldr_compress.py -----------------------------------------------------------

# Words that open a sentence by pointing back to an earlier one ("Both models", "This estimator",
# "It"): closed-class demonstratives and third-person pronouns (the authors' "we" is not one).
TLDR_ANAPHORS = word_set("this these those that such both it they its their each either neither")

# Verbs whose "that" clause states the paper's finding: "We show that X" -> "X".
TLDR_FINDING_VERBS = word_set(
    """show shows showed demonstrate demonstrates find finds found prove proves proved observe
    observes argue argues establish establishes confirm confirms"""
)

# titles/spans.py: a noun phrase right after one of these is what the paper does not have or do
# ("without access to additional data"), so as a title it would say the opposite of the paper.
TITLES_SPANS_NEGATION = frozenset(
    {"without", "no", "not", "nor", "never", "lacking", "lack", "absence", "instead"}
)
# titles/span_context.py (eighth session): a noun phrase later in a clause one of these opens is what
# the paper compares itself with ("outperforms the ones learned by Iterative Magnitude Pruning",
# "better than X", "unlike X"): the comparison markers of English, a closed class.
TITLES_SPANS_COMPARISON = word_set(
    "than outperform outperforms outperformed outperforming surpass surpasses surpassed surpassing "
    "beat beats unlike versus vs compared"
)
# ... and the adverbs that bound what a clause says to less than the paper does ("previous research
# have only examined X", "X is rarely studied"): the negative adverbs of TLDR_POLARITY_ADVERBS.
TITLES_SPANS_LIMITING = word_set("only rarely seldom hardly barely scarcely")


# --- generator/titles/tldr_refer.py --------------------------------------------------------------

# Demonstratives that point back as a determiner ("this problem") or a pronoun ("This allows ...",
# "We achieve this by ..."); "that" is left out: it is mostly a complementizer or a relative.
TLDR_DEMONSTRATIVES = word_set("this these those such")
# Modifiers after "the" that point back to something described before: "the proposed method",
# "the aforementioned model" (a closed class of referring adjectives and participles).
TLDR_REFERRING_MODIFIERS = word_set(
    "proposed above aforementioned above-mentioned described former latter resulting said"
)
# Nouns that name the paper itself or its own parts: "this paper", "our experiments", "our
# knowledge" need no antecedent.
TLDR_SELF_NOUNS = word_set(
    """paper work article study letter note manuscript experiment experiments result results finding
    findings analysis analyses evaluation evaluations knowledge contribution contributions code
    end way"""
)
