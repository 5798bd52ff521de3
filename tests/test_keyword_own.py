"""Round 5 of the keywords: what the paper says it makes or addresses is a feature of the
keyphraseness model, and its best candidate is shown even below the threshold (keywords/central.py)."""

from __future__ import annotations

from dataclasses import replace

from generator.keywords import central
from generator.keywords.curate import Candidate
from generator.keywords.grammar import TOKEN

HAWAIIAN = (
    "Hawaiian is an endangered language whose texts often omit its spelling marks. "
    "Readers of such texts must guess the intended words. "
    "In this paper, we propose a neural method for the restoration of Hawaiian diacritics, "
    "treating it as a transliteration problem. "
    "Our transliteration model reaches high accuracy on a new corpus."
)

DEEP_R = (
    "Neuromorphic hardware limits the memory of a network. "
    "We present Deep Rewiring (DEEP R), an algorithm that trains sparse networks by rewiring "
    "their connections during training. "
    "DEEP R keeps the number of connections fixed and matches dense networks on MNIST."
)


def _cand(key: str, score: float, abstract: str) -> Candidate:
    tokens = [t.lower() for t in TOKEN.findall(abstract)]
    words = key.split()
    spans = tuple((i, i + len(words)) for i in range(len(tokens)) if tokens[i : i + len(words)] == words)
    return Candidate(key, key, score, spans)


def _features(abstract: str, keys: list[str]) -> dict[str, dict[str, float]]:
    rows = central.features(abstract, tuple(_cand(k, 0.1, abstract) for k in keys))
    return {c.key: f for c, f in rows}


def test_the_contribution_object_is_the_papers_own_concept() -> None:
    found = central._own_concept(HAWAIIAN)
    assert any(" hawaiian diacritics " in own for own in found)
    feats = _features(HAWAIIAN, ["hawaiian diacritics", "spelling marks", "new corpus"])
    assert feats["hawaiian diacritics"]["own"] == 1.0
    assert feats["spelling marks"]["own"] == 0.0  # background, not what the paper makes
    assert feats["new corpus"]["own"] == 0.0


def test_the_long_form_of_the_papers_own_name_is_its_own_concept() -> None:
    assert any(" deep rewiring " in own for own in central._own_concept(DEEP_R))
    feats = _features(DEEP_R, ["deep rewiring", "neuromorphic hardware"])
    assert feats["deep rewiring"]["own"] == 1.0
    assert feats["neuromorphic hardware"]["own"] == 0.0


def test_the_best_own_candidate_is_raised_to_the_threshold_and_no_other() -> None:
    cands = [
        Candidate("a", "a", 0.5, ()),
        Candidate("spectral pruning", "spectral pruning", 4.0, ()),
        Candidate("graph rewiring", "graph rewiring", 5.0, ()),
    ]
    feats = [{"own": 0.0}, {"own": 1.0}, {"own": 1.0}]
    out = central._own_shown(cands, feats, 0.175)
    prob = {c.key: 1 / (1 + 2.718281828459045**c.score) for c in out}
    assert prob["spectral pruning"] >= 0.175 > prob["graph rewiring"]
    assert out[0] == cands[0]
    # already above the threshold: unchanged
    sure = [replace(cands[1], score=-2.0)]
    assert central._own_shown(sure, [{"own": 1.0}], 0.175) == sure
    # no own candidate, or no threshold: unchanged
    assert central._own_shown(cands, [{"own": 0.0}] * 3, 0.175) == cands
    assert central._own_shown(cands, feats, 0.0) == cands


def test_a_kept_keyword_never_said_outside_its_longer_sibling_gives_it_its_place() -> None:
    from generator.keywords.curate import _choose

    short, long = "stationary fluctuation-dissipation", "stationary fluctuation-dissipation relations"
    # the shorter ranks first but is only ever said inside the longer: the longer is shown
    spans = {short: ((5, 7),), long: ((5, 8),)}
    assert _choose([short, long], spans, least=3) == [long]
    # below the threshold (weak) but not filler: it still takes the place, adding no keyword
    assert _choose([short, long], spans, weak={long}, least=0, filler=set()) == [long]
    # filler never takes a place
    assert _choose([short, long], spans, weak={long}, least=0) == [short]
    # said on its own too: the shorter stays, one keyword of the concept
    spans = {short: ((5, 7), (20, 22)), long: ((5, 8),)}
    assert _choose([short, long], spans, least=3) == [short]


def test_a_phrase_with_an_empty_head_stands_for_its_rare_modifier() -> None:
    from generator.keywords.stage import extract

    keys = {c.key for c in extract(HAWAIIAN).phrases}
    assert "transliteration" in keys  # said alone only in "our transliteration model" and "... problem"
    common = (
        "Optimization is hard. In this paper, we propose a method for the optimization problem of "
        "deep networks. Our method converges faster on image data."
    )
    assert "optimization" not in {c.key for c in extract(common).phrases if len(c.spans) == 1}


def test_filler_is_never_the_guaranteed_concept() -> None:
    cands = [Candidate("transliteration problem", "transliteration problem", 4.0, ())]
    assert central._own_shown(cands, [{"own": 1.0}], 0.175) == cands
