"""Learn the TLDR models (generator/titles/tldr_weights.json) on the SciTLDR train split only.

1. **Word model.** Every distinct word of every train abstract (``tldr_model.tldr_word_features``) is
   labelled by whether the author's TLDR uses it, compared as ROUGE compares (Porter stems); a
   logistic regression learns the probability (lexical features only for words in at least
   ``WORD_MIN_COUNT`` abstracts).
2. **Ranker.** Every candidate of every train abstract (``tldr.scored_candidates``, with word
   probabilities predicted out of fold: ``FOLDS`` folds, so the ranker sees them as on unseen
   abstracts) is scored by ROUGE-1 F with the author's TLDR (rouge-score, Porter stemming). A
   conditional logit learns the weights: a softmax over each abstract's candidates is fitted to the
   softmax of their ROUGE (temperature ``TAU``), with an L2 penalty ``LAMBDA``, so the model learns
   which candidate of an abstract is best, not which abstract is easier. Sparse features seen in
   fewer than ``MIN_COUNT`` candidates are dropped (they would learn the train topics, not the cues).
   The round-2 sentence weights (``tldr_model.weights``, read by the keyword stage) are written back as
   they are. The reader's features (``tldr.READER_FEATURES``: pointers back, unexplained acronyms)
   are not fitted: ROUGE does not see them.
3. **Class-based log-odds** (round 4): for each word of at least ``LOGODDS_MIN`` train abstracts, the
   smoothed log-probability that the author's TLDR uses it (``fit_log_odds``; out of fold for the
   ranker's rows, as the word model).
4. **Margin of doubt** (round 4): the widest of ``MARGINS`` whose 5-fold ROUGE-1 is at most
   ``MAX_LOSS`` below choosing the top score alone; within it ``tldr.choose`` prefers a candidate
   that stands alone.
5. **Set-up verbs** (round 5, ``fit_setup_verbs``): the authors' verbs whose sentence the author's
   TLDR rarely restates ("evaluate", "test", "compare"); within the margin ``tldr.choose`` prefers a
   candidate whose sentence neither sets up the work so nor comes before the authors speak.
6. **Vague picks** (sixth session, round 2): the floor of specific words (``tldr_specific``) and the
   margin within which a candidate saying that many beats a vague pick: of ``SPECIFIC_FLOORS`` x
   ``VAGUE_MARGINS``, the pair whose train CV picks say the most specific words at most ``MAX_LOSS``
   below no guard (``pick_vague``). ``--rows FILE`` keeps the candidate rows for a rerun.
7. **The contribution with its account** (seventh session): the nouns that name contributions
   (``fit_contribution_nouns``: "Our method ..." after "We propose X" is X), and the told margin
   within which "We propose X, which ..." beats the bare contribution (``told_grid``: the widest of
   ``TOLD_MARGINS`` at most ``MAX_LOSS`` below none).

The ranker (2) and the margins' grids (4, 6, 7) are in ``tldr_ranker.py``.

    python -m generator.evaluation.tldr_tune ../shared/scitldr          # writes the weights
    python -m generator.evaluation.tldr_tune ../shared/scitldr --cv     # 5-fold ROUGE-1 on train only

Needs the test extra (rouge-score); scikit-learn and scipy are runtime dependencies already.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from collections import Counter
from pathlib import Path

from generator.evaluation.tldr_ranker import (
    FOLDS,
    LAMBDA,
    MARGINS,
    MIN_COUNT,
    POINTER_MARGINS,
    TAU,
    cross_validate,
    fit_ranker,
    frame_grid,
    pick_margin,
    pick_vague,
    rounded,
    told_grid,
    vague_grid,
    widest_margin,
)
from generator.evaluation.weights import write_weights
from generator.titles import tldr, tldr_model

WORD_MIN_COUNT = 30
WORD_C = 1.0
LOGODDS_SMOOTHING = 5.0  # pseudo-abstracts at the overall rate
LOGODDS_MIN = 5  # words of fewer train abstracts take the prior
SETUP_MIN = 15  # train abstracts with a "we <verb>" sentence before the verb is judged
SETUP_RATIO = 0.5  # a set-up verb's sentence is restated at most half as often as the average
CONTRIBUTION_MIN = 10  # train abstracts whose contribution names a noun before it counts as one
# Connectives (eighth session; ``tldr_compress.connectives``): a word opening at least this many train
# abstracts' sentences before a comma ("Furthermore, ...", "First, ...") and no noun, pronoun,
# determiner, preposition or verb by the lexicon.
CONNECTIVE_MIN = 5
_CONNECTIVE_TAGS = frozenset({"RB", "RBR", "RBS", "JJ", ""})


def read_split(folder: Path, split: str) -> list[dict]:
    with (folder / f"{split}.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def abstract(record: dict) -> str:
    return " ".join(record["source"])


def fit_words(records: list[dict]) -> dict[str, float]:
    """The word model's weights, learned on ``records``."""
    from rouge_score.tokenizers import DefaultTokenizer
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    stem = DefaultTokenizer(use_stemmer=True).tokenize
    rows, labels = [], []
    for record in records:
        gold = set(stem(" ".join(record["target"][:1])))  # as ROUGE matches: Porter stems
        for word, feats in tldr_model.tldr_word_features(tldr.abstract_sentences(abstract(record))).items():
            rows.append(feats)
            labels.append(int((stem(word) or [word])[0] in gold))
    counts = Counter(k for f in rows for k in f if k.startswith("lex="))
    rows = [
        {k: v for k, v in f.items() if not k.startswith("lex=") or counts[k] >= WORD_MIN_COUNT} for f in rows
    ]
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=WORD_C, max_iter=3000).fit(vectorizer.fit_transform(rows), labels)
    return rounded(list(vectorizer.feature_names_), model.coef_[0], model.intercept_[0])


def _stemmer():
    from rouge_score.tokenizers import DefaultTokenizer

    return DefaultTokenizer(use_stemmer=True).tokenize


def fit_log_odds(records: list[dict]) -> tldr_model.LogOdds:
    """The class-based word model: for each word of at least ``LOGODDS_MIN`` abstracts, the log of
    (abstracts whose author TLDR uses it + m p) / (abstracts that have it + m), p the overall rate,
    m ``LOGODDS_SMOOTHING``; the prior log p for any other word."""
    import math

    stem = _stemmer()
    used: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for record in records:
        gold = set(stem(" ".join(record["target"][:1])))
        present = set(tldr_model.rouge_words(abstract(record)))
        seen.update(present)
        used.update(w for w in present if (stem(w) or [w])[0] in gold)
    rate = sum(used.values()) / max(sum(seen.values()), 1)
    m = LOGODDS_SMOOTHING
    table = {
        w: round(math.log((used[w] + m * rate) / (n + m)), 3)
        for w, n in sorted(seen.items())
        if n >= LOGODDS_MIN
    }
    return table, round(math.log(rate), 3)


def fit_setup_verbs(records: list[dict]) -> list[str]:
    """The authors' verbs (``tldr_compress.authors_verb``) of set-up sentences: of the train abstracts
    with a "we <verb>" sentence (at least ``SETUP_MIN`` of them), the share whose author TLDR restates
    that sentence (it is the abstract's sentence of best ROUGE-1 with the TLDR) is below
    ``SETUP_RATIO`` times the share over all such verbs ("evaluate" 0.08, "test" 0.00 against 0.26;
    "propose" 0.47). Finding verbs fall here too ("find", "demonstrate"), but ``sets_up`` spares a
    sentence whose verb opens a "that" clause."""
    from rouge_score import rouge_scorer

    from generator.titles import tldr_compress

    scorer = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)
    have: Counter[str] = Counter()
    restated: Counter[str] = Counter()
    for record in records:
        sents = tldr.abstract_sentences(abstract(record))
        if not sents:
            continue
        gold = record["target"][0]
        score = [scorer.score(gold, tldr.main_clause(s))["rouge1"].fmeasure for s in sents]
        best = max(range(len(sents)), key=lambda i: score[i])
        seen: set[str] = set()
        for i, s in enumerate(sents):
            verb = tldr_compress.authors_verb(s)
            if verb and verb not in seen:
                seen.add(verb)
                have[verb] += 1
                restated[verb] += i == best
    overall = sum(restated.values()) / max(sum(have.values()), 1)
    return sorted(v for v, n in have.items() if n >= SETUP_MIN and restated[v] / n < SETUP_RATIO * overall)


def fit_contribution_nouns(records: list[dict]) -> list[str]:
    """The nouns that name what papers contribute: the head noun of a "We propose / introduce /
    develop ... <noun phrase>" object (``tldr_refer.contribution_head``) in at least
    ``CONTRIBUTION_MIN`` train abstracts, a noun by the tagger's lexicon, not the paper or its parts
    ("method" 145, "framework" 104, "architecture" 45; not "result", "analysis", "end-to-end")."""
    from generator.text.wordlists import TLDR_SELF_NOUNS
    from generator.titles import tldr_compress, tldr_refer

    seen: Counter[str] = Counter()
    for record in records:
        sents = tldr.abstract_sentences(abstract(record))
        seen.update({tldr_refer.contribution_head(tldr.main_clause(s)) for s in sents} - {""})
    return sorted(
        w
        for w, n in seen.items()
        if n >= CONTRIBUTION_MIN
        and w.isalpha()
        and w not in TLDR_SELF_NOUNS
        and tldr_compress.lex_tag(w) in ("", "NN", "NNS")  # a word the lexicon lacks: "algorithm"
    )


def fit_connectives(records: list[dict]) -> list[str]:
    """The words that tie a sentence to the one before: adverbs (or ordinals, or words the lexicon
    lacks: "empirically") opening a sentence before a comma in at least ``CONNECTIVE_MIN`` train
    abstracts ("however" 443, "furthermore", "finally", "specifically", "first", "then"). A summary
    drops them after its subject ("We also propose X" -> "We propose X", ``tldr_compress.unconnected``)."""
    from generator.titles import tldr_compress

    opening = re.compile(r"^([A-Za-z]+),\s")
    seen: Counter[str] = Counter()
    for record in records:
        seen.update({m.group(1).lower() for s in record["source"] if (m := opening.match(s))})
    return sorted(
        w for w, n in seen.items() if n >= CONNECTIVE_MIN and tldr_compress.lex_tag(w) in _CONNECTIVE_TAGS
    )


def _probabilities(word_weights: dict[str, float], text: str) -> dict[str, float]:
    import math

    bias = word_weights.get("", 0.0)
    out = {}
    for word, feats in tldr_model.tldr_word_features(tldr.abstract_sentences(text)).items():
        z = bias + sum(v * word_weights.get(k, 0.0) for k, v in feats.items())
        out[word] = 1.0 / (1.0 + math.exp(-z))
    return out


def candidate_rows(
    records: list[dict], setup: frozenset[str] = frozenset(), nouns: frozenset[str] = frozenset()
) -> list[tuple[list[str], list[dict[str, float]], list[float]]]:
    """(candidates, features, ROUGE-1 with the author TLDR) of each record, word probabilities out of
    fold; ``setup``: the set-up verbs (``fit_setup_verbs``)."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)
    out = []
    for fold in range(FOLDS):
        held = [r for k, r in enumerate(records) if k % FOLDS == fold]
        rest = [r for k, r in enumerate(records) if k % FOLDS != fold]
        word_weights, table = fit_words(rest), fit_log_odds(rest)
        for record in held:
            text = abstract(record)
            cands = tldr.eligible(
                tldr.scored_candidates(text, _probabilities(word_weights, text), table, setup, nouns)
            )
            scores = [
                max(scorer.score(g, c + ".")["rouge1"].fmeasure for g in record["target"]) for c, _ in cands
            ]
            out.append(([c for c, _ in cands], [f for _, f in cands], scores))
    return [row for row in out if row[0]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.evaluation.tldr_tune", description=__doc__.split("\n")[0]
    )
    parser.add_argument("scitldr", type=Path, help="folder with train.jsonl (SciTLDR-A)")
    parser.add_argument("--cv", action="store_true", help="print 5-fold ROUGE-1 on train; write nothing")
    parser.add_argument("--rows", type=Path, help="cache the candidate rows in this pickle (tuning only)")
    args = parser.parse_args(argv)
    records = read_split(args.scitldr, "train")
    setup = fit_setup_verbs(records)
    nouns = fit_contribution_nouns(records)
    connectives = fit_connectives(records)
    if frozenset(connectives) != tldr.compress.connectives():
        logging.warning("the shipped connectives differ from train's: write them, then tune again")
    if args.rows and args.rows.exists():
        import pickle

        rows = pickle.loads(args.rows.read_bytes())
    else:
        rows = candidate_rows(records, frozenset(setup), frozenset(nouns))
        if args.rows:
            import pickle

            args.rows.write_bytes(pickle.dumps(rows))
    by_margin, by_pointer = cross_validate(rows, MARGINS, POINTER_MARGINS)
    margin = pick_margin(by_margin)
    pointer_margin = pick_margin(by_pointer)
    oracle = 100 * sum(max(y) for _, _, y in rows) / len(rows)
    stream = sys.stdout if args.cv else sys.stderr
    for label, table in (
        ("margin", by_margin),
        (f"margin {MARGINS[-1]}, pointer margin", by_pointer),
    ):
        for m, folds in table.items():
            print(
                f"train {FOLDS}-fold ROUGE-1 of the chosen candidate, {label} {m}: "
                f"{sum(folds) / len(folds):.2f} "
                f"(folds {', '.join(f'{f:.2f}' for f in folds)}; oracle {oracle:.2f})",
                file=stream,
            )
    pointed = sum(any(f.get("leans") for f in fs) for _, fs, _ in rows)
    print(f"margin chosen: {margin}; pointer margin chosen: {pointer_margin}", file=stream)
    grid = vague_grid(rows, margin, pointer_margin)
    for (floor, vague), folds in grid.items():
        print(
            f"train {FOLDS}-fold, specific floor {floor}, vague margin {vague}: ROUGE-1 "
            f"{sum(f[0] for f in folds) / FOLDS:.2f}, specific words a pick "
            f"{sum(f[1] for f in folds) / FOLDS:.3f} (folds {', '.join(f'{f[0]:.2f}' for f in folds)})",
            file=stream,
        )
    floor, vague = pick_vague(grid)
    print(f"specific floor chosen: {floor}; vague margin chosen: {vague}", file=stream)
    told = widest_margin("told", told_grid(rows, margin, pointer_margin, vague, floor), stream)
    frame = widest_margin("frame", frame_grid(rows, margin, pointer_margin, vague, floor, told), stream)
    print(f"train abstracts with a candidate that points back: {pointed} of {len(rows)}", file=stream)
    if args.cv:
        return 0
    table, prior = fit_log_odds(records)
    payload = {
        "trained_on": "SciTLDR-A train",
        "min_count": MIN_COUNT,
        "word_min_count": WORD_MIN_COUNT,
        "tau": TAU,
        "lambda": LAMBDA,
        "words": fit_words(records),
        "ranker": fit_ranker(rows),
        "unsure": margin,
        "pointer_unsure": pointer_margin,
        "specific_floor": floor,
        "vague_unsure": vague,
        "told_unsure": told,
        "frame_unsure": frame,
        "setup_verbs": setup,
        "contribution_nouns": nouns,
        "connectives": connectives,
        "logodds_min": LOGODDS_MIN,
        "logodds_prior": prior,
        "logodds": table,
        # the round-2 sentence scorer, kept as it was: the keyword stage reads it (tldr_model.weights)
        "weights": tldr_model.weights(),
    }
    out = write_weights(tldr_model, payload)
    print(f"{len(payload['ranker'])} + {len(payload['words'])} weights written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
