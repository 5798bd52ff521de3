"""A TLDR that names or frames the work gives way to one that says what it does or finds; a verbless
fragment is never chosen (``titles/tldr_says``, ``tldr.choose``)."""

from generator.titles import tldr, tldr_says


def test_verbless_fragment_has_no_finite_verb():
    assert tldr_says.features("The use of an automated scheduling system for hospitals", {})["verbless"]
    assert not tldr_says.features("We study the power of PWL networks", {})["verbless"]


def test_framing_sentence_frames():
    flags = tldr_says.features("We study the representational power of PWL networks", {})
    assert flags["frames"] and not flags["says"]
    flags = tldr_says.features("We focus on learning in the space of algorithms", {})
    assert flags["frames"] and not flags["says"]


def test_finding_and_method_say_something():
    assert tldr_says.features("We show that FGSM training is as effective as PGD training", {})["says"]
    assert tldr_says.features("We propose a model that learns sparse codes", {})["says"]
    assert tldr_says.features("We train the encoder by minimizing a contrastive loss", {})["says"]
    assert not tldr_says.features("We train the encoder with a contrastive loss", {})["says"]
    # the finding with its opener dropped ("We show that X" -> "X")
    how = {"opener": 1.0, "role=we_show": 1.0}
    assert tldr_says.finds("FGSM training is as effective as PGD training", how)


def _row(text: str, score: float, **flags: float) -> tuple[str, dict[str, float]]:
    feats = {"s": score, "specific": 3.0} | tldr_says.features(text, {}) | flags
    return text, feats


FRAME = "We study the representational power of piecewise linear networks"
FINDS = "We show that piecewise linear networks have far fewer linear regions than the bound"
WEIGHTS = {"s": 1.0}


def test_frame_gives_way_within_margin():
    rows = [_row(FRAME, 1.0), _row(FINDS, 0.6)]
    assert tldr.choose(rows, WEIGHTS, 0.0)[0] == FRAME
    assert tldr.choose(rows, WEIGHTS, 0.0, frame=0.5)[0] == FINDS
    assert tldr.choose(rows, WEIGHTS, 0.0, frame=0.3)[0] == FRAME  # too far below


def test_frame_keeps_its_place_against_a_pointer_or_fewer_specific_words():
    rows = [_row(FRAME, 1.0), _row(FINDS, 0.9, leans=1.0)]
    assert tldr.choose(rows, WEIGHTS, 0.0, frame=0.5)[0] == FRAME
    rows = [_row(FRAME, 1.0), _row(FINDS, 0.9, specific=1.0)]
    assert tldr.choose(rows, WEIGHTS, 0.0, frame=0.5)[0] == FRAME


def test_verbless_never_chosen_unless_alone():
    fragment = "The use of an automated scheduling system for hospital wards"
    rows = [_row(fragment, 2.0), _row(FRAME, 0.1)]
    assert tldr.choose(rows, WEIGHTS, 0.0)[0] == FRAME
    assert tldr.choose([_row(fragment, 2.0)], WEIGHTS, 0.0)[0] == fragment


def test_joined_second_contribution_says_nothing_more():
    joined = "We propose a sparse classifier and introduce a loss that rewards sparse weights"
    assert tldr_says.features(joined, {"joined": 1.0})["frames"]
    shown = "We propose a sparse classifier and show that it beats dense classifiers"
    assert tldr_says.features(shown, {"joined": 1.0})["says"]


def test_tail_of_a_cut_is_a_fragment():
    tail = "And demonstrates a surprising pattern in the training of networks"
    assert tldr_says.features(tail, {})["verbless"]


def test_hostile_text_is_read_without_error():
    for text in ("", "<script>alert(1)</script>", "We", "that which to by", "\u202e We show that"):
        flags = tldr_says.features(text, {"role=": 1.0})
        assert set(flags) == {"verbless", "frames", "says"}
    assert tldr_says.features("", {})["verbless"]


def test_a_goal_frames_but_a_contribution_or_a_purpose_acts():
    # the infinitive completes the verb itself: a goal, not what the work does (eighth session)
    for goal in (
        "We aim to derive certified robustness for top-k predictions",
        "This paper aims to study fact verification over semi-structured tables",
        "We also seek to explain the results",
    ):
        flags = tldr_says.features(goal, {})
        assert flags["frames"] and not flags["says"], goal
    # a contribution verb's infinitive is what the authors do; "to" after a noun is a purpose
    assert tldr_says.features("We propose to train consistency-based methods with weight averaging", {})[
        "says"
    ]
    assert tldr_says.features("We develop a method to learn sparse graphs from data", {})["says"]
