"""The contribution with the next sentence's account of it (tldr_refer.elaborate, seventh session):
names and spelt-out names as the account's subject, "our <contribution noun>", a second predicate of
the contribution's own relative clause, and the choice that prefers the account (tldr.choose)."""

from __future__ import annotations

from generator.titles import tldr
from generator.titles import tldr_refer as refer

NOUNS = frozenset({"method", "architecture", "scheme"})


def test_a_name_the_contribution_says_or_spells_out_is_its_subject() -> None:
    assert refer.elaborate(
        "We present a new framework for adapting Adam-typed methods, namely AdamT",
        "AdamT also includes the trend information",
    ) == (
        "We present a new framework for adapting Adam-typed methods, namely AdamT, which also includes "
        "the trend information"
    )
    # the short form of a name the contribution spells out, capitals and hyphenated parts
    assert refer.elaborate(
        "We propose a discriminatively-trained Cycle-Consistent Adversarial Domain Adaptation model",
        "CyCADA adapts representations at the pixel level",
    ).endswith("model, which adapts representations at the pixel level")
    assert refer.elaborate(
        "We propose the Subscale Pixel Network", "The SPN captures spatial dependencies"
    ) == ("We propose the Subscale Pixel Network, which captures spatial dependencies")
    # a name the contribution never says is something else
    assert refer.elaborate("We propose a new pruning method", "ResNet uses residual blocks") == ""
    assert refer.elaborate("We propose the Subscale Pixel Network", "The GAN captures dependencies") == ""


def test_our_x_is_the_contribution_only_for_nouns_that_name_contributions() -> None:
    first = "We propose a novel approach to anomaly detection with generative adversarial networks"
    assert refer.elaborate(first, "Our method searches the latent space of the generator", NOUNS) == (
        f"{first}, which searches the latent space of the generator"
    )
    # learned nouns only: not "our intuition", never the paper's parts
    assert refer.elaborate(first, "Our intuition is built on sampling theory", NOUNS) == ""
    assert refer.elaborate(first, "Our results show large gains", NOUNS | {"result"}) == ""
    assert refer.elaborate(first, "Our method searches the latent space") == ""  # no nouns learned


def test_which_takes_the_number_of_what_the_contribution_names() -> None:
    first = "We develop unsupervised methods for discovering important neurons"
    assert refer.elaborate(first, "These methods rely on the intuition that models agree") == (
        f"{first}, which rely on the intuition that models agree"
    )
    assert refer.elaborate("We propose a double neural representation", "The representation allow us") == ""


def test_a_contribution_with_its_own_relative_clause_takes_a_second_predicate() -> None:
    first = "We describe a simple scheme that allows an agent to learn about its environment"
    assert refer.elaborate(
        first, "Our scheme pits two versions of the same agent against one another", NOUNS
    ) == (f"{first} and pits two versions of the same agent against one another")
    compgcn = (
        "We propose CompGCN, a novel graph convolutional framework which jointly embeds nodes and relations"
    )
    assert refer.elaborate(compgcn, "CompGCN leverages composition operations") == (
        f"{compgcn} and leverages composition operations"
    )
    # "that" after a verb opens no relative clause; two relative clauses leave "and" unclear
    assert (
        refer.elaborate("We propose that algorithms should optimize a new criterion", "It is derived") == ""
    )
    assert (
        refer.elaborate(
            "We introduce MultiGrain, an architecture that generates vectors that solve many tasks",
            "MultiGrain is trained jointly",
        )
        == ""
    )


def test_one_apposition_is_allowed_but_no_other_clause() -> None:
    assert refer.elaborate(
        "We present Deep SAD, a deep method for semi-supervised anomaly detection",
        "Our architecture uses X",
        NOUNS,
    ) == ("We present Deep SAD, a deep method for semi-supervised anomaly detection, which uses X")
    assert refer.elaborate("We propose a model, and we show gains", "The model composes vectors") == ""
    assert refer.elaborate("We propose a model, we show gains", "The model composes vectors") == ""


def test_the_contribution_head_is_the_noun_its_object_opens_with() -> None:
    assert refer.contribution_head("We propose a novel framework for graph matching") == "framework"
    assert refer.contribution_head("We introduce two new architectures") == "architecture"
    assert refer.contribution_head("We study graph matching") == ""


def test_contribution_nouns_are_learned_from_train_contributions() -> None:
    from generator.evaluation import tldr_tune

    def record(sentence: str) -> dict:
        return {"source": ["Background is long.", sentence], "target": ["x"]}

    records = [record("We propose a new method for X.")] * 3 + [record("We present an intuition for Y.")]
    records += [record("We present our results on Z.")] * 3
    old = tldr_tune.CONTRIBUTION_MIN
    try:
        tldr_tune.CONTRIBUTION_MIN = 2
        assert tldr_tune.fit_contribution_nouns(records) == ["method"]  # "result": the paper's part
    finally:
        tldr_tune.CONTRIBUTION_MIN = old


def test_the_account_wins_over_the_bare_contribution_within_the_told_margin() -> None:
    weights = {"x": 1.0}
    bare = ("We propose a hybrid learning approach", {"x": 1.0, "sent": 1.0})
    told = (
        "We propose a hybrid learning approach, which combines imitation with search",
        {"x": 0.5, "sent": 1.0, "elaborated": 1.0},
    )
    rows = [bare, told]
    assert tldr.choose(rows, weights, 0.0)[0] == bare[0]
    assert tldr.choose(rows, weights, 0.0, told=0.3)[0] == bare[0]  # too far below
    assert tldr.choose(rows, weights, 0.0, told=0.8)[0] == told[0]
    # an account of another sentence, or one that points back, does not replace the pick
    other = (told[0], told[1] | {"sent": 3.0})
    assert tldr.choose([bare, other], weights, 0.0, told=0.8)[0] == bare[0]
    leaning = (told[0], told[1] | {"leans": 1.0})
    assert tldr.choose([bare, leaning], weights, 0.0, told=0.8)[0] == bare[0]


def test_the_tldr_takes_the_account_with_the_learned_margin(monkeypatch) -> None:
    text = (
        "Anomaly detection is hard. "
        "We propose a novel approach to anomaly detection with generative adversarial networks. "
        "Our method searches the latent space of the generator for a good representation of the sample. "
        "Experiments show gains."
    )
    monkeypatch.setattr(tldr, "contribution_nouns", lambda: NOUNS)
    monkeypatch.setattr(tldr, "told_margin", lambda: 50.0)
    out = tldr.tldr(text)
    assert out.startswith("We propose a novel approach to anomaly detection") and ", which searches" in out
    assert len(out.split()) <= tldr.MAX_WORDS and out.endswith(".")
    monkeypatch.setattr(tldr, "told_margin", lambda: 0.0)
    monkeypatch.setattr(tldr, "frame_margin", lambda: 0.0)
    assert ", which searches" not in tldr.tldr(text)
    # the bare contribution only frames the work: the frame margin lets the account win too
    monkeypatch.setattr(tldr, "frame_margin", lambda: 50.0)
    assert ", which searches" in tldr.tldr(text)


def test_hostile_text_never_breaks_the_account() -> None:
    odd = [
        "",
        "to",
        "We propose to",
        "We propose a <script>alert(1)</script> model",
        "We propose X, , ,",
        "It",
    ]
    for first in odd:
        for later in [*odd, "It learns <b>", "Our method \u202e learns", "The model , learns"]:
            out = refer.elaborate(first, later, NOUNS)
            assert out == "" or out.startswith(first)
    text = 'We propose a <b>model</b> "for" X & Y. It learns <script>alert(1)</script> & more.'
    assert tldr.tldr(text).endswith(".")


def test_an_account_too_long_loses_its_self_praise_first() -> None:
    text = (
        "Anomaly detection is hard. "
        "We propose a novel and principled approach to anomaly detection with generative networks "
        "for images. "
        "Our method searches the latent space of the trained generator for a good representation of each "
        "new sample. "
        "Experiments show gains."
    )
    rows = tldr.scored_candidates(text, nouns=NOUNS)
    told = [c for c, f in rows if f.get("elaborated")]
    trimmed = [c for c in told if dict(rows)[c]["trim"]]
    assert trimmed == [
        "We propose an approach to anomaly detection with generative networks for images, which searches the "
        "latent space of the trained generator for a good representation of each sample"
    ]
    assert all(len(c.split()) <= tldr.MAX_WORDS for c in told)


def test_a_conjunction_whose_first_conjunct_is_trimmed_goes_with_it() -> None:
    from generator.titles import tldr_compress as compress

    assert compress.trim("We propose a novel and principled approach") == "We propose an approach"
    assert compress.trim("We propose a novel and fast method") == "We propose a fast method"
    assert compress.trim("Cats and dogs learn") == "Cats and dogs learn"


def test_a_definition_by_to_is_no_account() -> None:
    first = "We propose a new learning method for deep sound recognition"
    assert refer.elaborate(first, "Our method is to learn a discriminative feature space", NOUNS) == ""
    assert refer.elaborate(first, "Our method is trained on mixed sounds", NOUNS) == (
        f"{first}, which is trained on mixed sounds"
    )


def test_a_cut_contribution_takes_only_the_narrow_forms() -> None:
    first = "We introduce a learning-based algorithm for the low-rank decomposition problem"
    assert refer.elaborate(first, "The algorithm uses a training set", NOUNS, narrow=True) == (
        f"{first}, which uses a training set"
    )
    assert refer.elaborate(first, "Our method uses a training set", NOUNS, narrow=True) == ""
    assert (
        refer.elaborate("We propose X-Net, a method", "X-Net uses a training set", NOUNS, narrow=True) == ""
    )
