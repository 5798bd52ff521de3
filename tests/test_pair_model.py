"""The learned pair model of related papers: its features, its choice and its reasons
(generator/relate/pairs.py, contexts.py, pairmodel.py)."""

import math
from dataclasses import replace

import numpy as np
import scipy.sparse as sp

from generator.models import Paper, Source
from generator.relate import contexts, pairmodel, pairs, related
from generator.relate.pairmodel import Candidate
from generator.relate.space import words

LAYER = (
    "We prune the hidden nodes of each fully connected layer. Nodes of a layer whose activations "
    "stay near zero are removed, and the network is fine-tuned after pruning."
)
GRAPH = (
    "We classify the nodes of a citation graph. Nodes of a graph pass messages to their neighbours "
    "along edges, and the graph convolution aggregates them."
)
GRAPH2 = (
    "Our method labels nodes of a social graph. Nodes of a graph exchange messages with neighbours "
    "along edges before a graph convolution pools them."
)


def paper(pid: str, text: str, title: str = "", tldr: str = "") -> Paper:
    return Paper(id=pid * 10, text=text, sources=(Source("a.txt", 1),), title=title, tldr=tldr)


def test_contexts_tell_two_senses_of_a_shared_word_apart() -> None:
    docs = [words(t) for t in (LAYER, GRAPH, GRAPH2)]
    idf = contexts.idf_of(docs)
    layer, graph, graph2 = (contexts.context(d, ("node",), idf) for d in docs)
    same = contexts.agreement(graph, graph2)
    other = contexts.agreement(layer, graph)
    assert same > 0.3 > other
    assert contexts.agreement(graph, {}) == 0.0


def test_a_context_leaves_out_the_concept_and_counts_only_its_window() -> None:
    tokens = ["a", "b", "node", "c"] + ["far"] * (contexts.WINDOW + 2) + ["node"]
    bag = contexts.context(tokens, ("node",), {t: 1.0 for t in tokens})
    assert "node" not in bag
    assert bag["far"] == contexts.WINDOW * 2 - 1  # after the first mention and before the second
    assert contexts.positions(tokens, ("node", "c")) == [2]
    assert not contexts.said(tokens, ("c", "node"))


def test_smoothed_idf_weighs_a_word_every_abstract_uses_above_zero() -> None:
    idf = contexts.idf_of([["a", "b"], ["a"]])
    assert idf["a"] == 1.0 and idf["b"] > idf["a"]


def test_lsa_rows_are_unit_vectors_independent_of_input_order() -> None:
    rng = np.random.default_rng(0)
    dense = rng.random((6, 9)) * (rng.random((6, 9)) > 0.5)
    text = sp.csr_matrix(dense / np.linalg.norm(dense, axis=1, keepdims=True))
    order = np.arange(6)
    rows = pairs.lsa_rows(text, order, dimensions=3)
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0)
    perm = np.array([3, 1, 5, 0, 2, 4])
    again = pairs.lsa_rows(text[perm], order[perm], dimensions=3)
    assert np.allclose(rows[perm] @ rows[perm].T, again @ again.T, atol=1e-9)
    # Similar rows stay similar: the space keeps the strongest directions.
    cos = rows @ rows.T
    assert cos[0, 0] > 0.99


def test_pair_cosines_are_row_dot_products() -> None:
    m = sp.csr_matrix(np.array([[0.6, 0.8, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]))
    spaces = pairs.Spaces(m, m, m, np.eye(3))
    found = pairs.pair_cosines(spaces, np.array([0, 0]), np.array([1, 2]))
    assert found[(0, 1)] == (0.6, 0.6, 0.6, 0.0)
    assert found[(0, 2)][0] == 0.0


def test_pair_features_cover_every_model_feature() -> None:
    shared = pairs.Shared(2, ("graph convolution",), 1.5, 2.0, True, False, 0.4)
    feats = pairs.pair_features(0.3, 1, None, (0.2, 0.1, 0.05, 0.5), shared, 3)
    assert tuple(feats) == pairs.FEATURES
    assert feats["rank"] == 0.5 and feats["back"] == 0.0
    assert feats["specific"] == math.log1p(1)


def test_indegree_counts_the_lists_a_paper_is_in_among_their_first_k() -> None:
    rows = [[1, 2], [0, 2], [0, 1], [0, 1], [0, 3]]
    assert pairs.indegrees(rows, k=1) == (4, 1, 0, 0, 0)
    assert pairs.indegrees(rows, k=2) == (4, 3, 2, 1, 0)
    shared = pairs.Shared(0, (), 0.0, 0.0, False, False, 0.0)
    assert pairs.pair_features(0.3, 0, 0, (0.2, 0.1, 0.05, 0.5), shared, 4)["indegree"] == round(
        math.log1p(4), 6
    )


def test_indegree_does_not_depend_on_input_order() -> None:
    texts = (GRAPH, GRAPH2, LAYER, LAYER.replace("pruning", "distillation"))
    papers = tuple(paper(c, t, title=t.split(".")[0]) for c, t in zip("abcd", texts, strict=True))

    def of(ps: tuple[Paper, ...]) -> dict[str, int]:
        found = related.candidates(ps)
        found.prepare()
        return {p.id: found.__dict__["_indegree"][i] for i, p in enumerate(ps)}

    forward = of(papers)
    assert forward == of(papers[::-1])
    assert sum(forward.values()) == sum(
        len(row[: pairs.HUB_NEIGHBOURS]) for row in related.candidates(papers).rows
    )


def test_the_shipped_model_trusts_a_hub_less() -> None:
    """A candidate in many papers' lists (a hub) is less likely related than the same pair otherwise."""
    base = dict.fromkeys(pairs.FEATURES, 0.0)
    pair = {**base, "score": 0.3, "text": 0.35, "lsa": 0.5, "rank": 1.0, "back": 0.5}
    alone = pairmodel.probability({**pair, "indegree": math.log1p(2)})
    hub = pairmodel.probability({**pair, "indegree": math.log1p(40)})
    assert hub < alone - 0.03


def test_the_second_stage_fits_the_hub_weight_on_its_own_sets_only() -> None:
    from generator.evaluation import pair_tune

    # Related pairs are rare among hubs (indegree high) in these examples: the weight comes out negative.
    examples = [
        pair_tune.Example(i, 0, {**dict.fromkeys(pairs.FEATURES, 0.0), "indegree": d}, label)
        for i, (d, label) in enumerate(
            [(0.5, True), (0.5, True), (0.5, False), (3.0, False), (3.0, False), (3.0, True)] * 5
        )
    ]
    s = pair_tune.TuneSet("a", "scitldr", 30, examples)
    w = pair_tune.second_stage([s], {"": 0.0}, ("indegree",))
    assert w["indegree"] < -0.3 and set(w) == {"", "indegree"}


def test_probability_follows_the_weights() -> None:
    feats = dict.fromkeys(pairs.FEATURES, 0.0)
    assert pairmodel.probability(feats, {"": 0.0}) == 0.5
    low = pairmodel.probability({**feats, "text": 0.1}, {"text": 5.0})
    high = pairmodel.probability({**feats, "text": 0.9}, {"text": 5.0})
    assert 0.5 < low < high < 1.0


def test_the_shipped_model_prefers_a_close_pair_sharing_a_central_concept() -> None:
    base = dict.fromkeys(pairs.FEATURES, 0.0)
    weak = {**base, "score": 0.05, "text": 0.05, "lsa": 0.1, "rank": 0.1}
    strong = {
        **base,
        "score": 0.4,
        "text": 0.45,
        "lsa": 0.6,
        "rank": 1.0,
        "back": 1.0,
        "specific": 0.7,
        "rarity": 2.0,
        "central": 1.0,
    }
    assert pairmodel.probability(strong) > pairmodel.model()["show"] > pairmodel.probability(weak)


def test_choose_shows_the_likely_ones_else_one_plausible_else_none(monkeypatch) -> None:
    monkeypatch.setattr(pairmodel, "model", lambda: {"show": 0.5, "floor": 0.1})
    cands = [Candidate(i, 0.3, p, ()) for i, p in enumerate((0.2, 0.7, 0.6, 0.9))]
    assert [c.index for c in pairmodel.choose(cands, 2)] == [3, 1]  # most likely first, bounded
    below = [Candidate(0, 0.3, 0.2, ()), Candidate(1, 0.3, 0.3, ())]
    assert [c.index for c in pairmodel.choose(below, 5)] == [1]  # the floor: the best alone
    assert pairmodel.choose([Candidate(0, 0.3, 0.05, ())], 5) == []


def _reasons(papers: tuple[Paper, ...], i: int = 0, j: int = 1) -> tuple[str, ...]:
    found = related.candidates(papers)
    _summary, specifics = pairmodel.shared(i, j, found.sides, found.catalogue, found.state)
    return pairmodel.reasons(specifics, i, j, found.state, found.catalogue)


def test_a_reason_is_a_specific_concept_both_are_about_in_the_same_sense() -> None:
    a = paper("a", GRAPH, title="Graph convolution for citation graphs")
    b = paper("b", GRAPH2, title="Graph convolution for social graphs")
    assert "graph convolution" in _reasons((a, b))


def test_a_shared_word_in_another_sense_is_no_reason_and_central_ones_come_first() -> None:
    a = paper("a", GRAPH + " Hidden nodes are pruned.", title="Graph convolution for citation graphs")
    b = paper("b", GRAPH2 + " Hidden nodes are pruned.", title="Graph convolution for social graphs")
    found = related.candidates((a, b))
    specifics = [
        ("node", "nodes", pairmodel.REASON_CONTEXT / 2, True, True),  # contexts disagree: another sense
        ("neighbour", "neighbours", 0.9, False, False),  # agrees, but central to neither paper
        ("edge", "edges", 0.3, True, True),  # an everyday word of science
        ("hidden node", "hidden nodes", 0.3, False, True),  # central to one
        ("graph convolution", "graph convolution", 0.1, True, True),
    ]
    out = pairmodel.reasons(specifics, 0, 1, found.state, found.catalogue)
    assert "nodes" not in out and "neighbours" not in out
    assert out == ("graph convolution", "hidden nodes")  # central to both first
    # Not said in b's text (as written): dropped, however well it scores.
    missing = [("citation graph", "citation graph", 0.9, True, True)]
    assert pairmodel.reasons(missing, 0, 1, found.state, found.catalogue) == ()
    # A single everyday word of science is no reason, however central; a rare one or a name is.
    words_only = [("symmetry", "symmetry", 0.9, True, True), ("convolution", "convolution", 0.9, True, True)]
    assert pairmodel.everyday_word("symmetry") and not pairmodel.everyday_word("Wasserstein")
    assert pairmodel.reasons(words_only, 0, 1, found.state, found.catalogue) == ("convolution",)


def test_a_reason_must_be_said_in_both_texts_and_central_to_one_at_least() -> None:
    # Each says "graph convolution" once, neither in its title nor in its summary: passing mentions.
    a = paper("a", GRAPH, title="Citation graph analysis")
    b = paper("b", GRAPH2, title="Social network analysis")
    assert "graph convolution" not in _reasons((a, b))
    central = replace(a, title="Graph convolution for citation graphs")
    assert "graph convolution" in _reasons((central, b))
    # A concept only the acronym-expanded text holds is not shown: the reader reads the abstract.
    found = related.candidates((a, replace(a, id="c" * 10)))
    assert not contexts.said(found.state.written[0], ("message", "passing", "network"))


def test_a_field_term_common_in_ml_abstracts_is_never_a_reason() -> None:
    text = (
        "Reinforcement learning agents explore. We study reinforcement learning with sparse rewards, "
        "where reinforcement learning agents rarely see a reward."
    )
    a = paper("a", text, title="Reinforcement learning with sparse rewards")
    b = paper("b", text.replace("explore", "wander"), title="Reinforcement learning with sparse rewards")
    assert "reinforcement learning" not in _reasons((a, b))


def test_related_papers_show_links_with_reasons_or_similar_wording_deterministically() -> None:
    texts = (GRAPH, GRAPH2, LAYER, LAYER.replace("pruning", "distillation"))
    papers = tuple(paper(c, t, title=t.split(".")[0]) for c, t in zip("abcd", texts, strict=True))
    forward = {p.id: (p.related, p.related_note) for p in related.related_papers(papers)}
    backward = {p.id: (p.related, p.related_note) for p in related.related_papers(papers[::-1])}
    assert forward == backward
    for pid, (links, note) in forward.items():
        assert len(links) <= related.MAX_RELATED and pid not in {r.id for r in links}
        assert bool(links) != bool(note)


def test_the_keyphrase_ceiling_oracle_counts_lone_papers_beyond_the_allowance_as_wrong() -> None:
    from generator.evaluation.link_ceiling import oracle

    # 40 papers: 30 with partners (one each), 10 alone; 5% of 40 = 2 may stay alone, 8 take a wrong link.
    partners = [[1]] * 30 + [[]] * 10
    share, one, many = oracle(partners, 40)
    assert share == 0.75 and one == 30 / 38 and many == one
    assert oracle([[1, 2, 3, 4, 5, 6]] * 2 + [[]] * 2, 4)[2] == 10 / 12  # at most five links a paper


def test_leave_one_group_out_scores_each_group_with_a_model_that_never_saw_it() -> None:
    from generator.evaluation import pair_tune

    def group(name: str, sign: float) -> pair_tune.TuneSet:
        # In "a" a close pair (text high) is related; in "b" the opposite.
        examples = [
            pair_tune.Example(
                i, 0, {**dict.fromkeys(pairs.FEATURES, 0.0), "text": t}, (t > 0.5) == (sign > 0)
            )
            for i, t in enumerate([0.1, 0.2, 0.3, 0.7, 0.8, 0.9] * 5)
        ]
        return pair_tune.TuneSet(name, name, 30, examples)

    a, b = group("a", 1.0), group("b", -1.0)
    found = pair_tune.leave_one_group_out([a, b], features=("text",))
    # "a" is scored by the model of "b" alone, and the other way round: opposite signs.
    assert found["a"]["text"] < -1.0 < 1.0 < found["b"]["text"]
    # Fitted on both, the two cancel: what an in-sample check would have used instead.
    assert abs(pair_tune.fit([a, b], features=("text",))["text"]) < 0.1
