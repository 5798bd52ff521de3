"""Imported by the pool's server process (``parallel.PRELOAD``) before it forks the workers: the
per-abstract stages' modules and the data they read once (the tagger's model, YAKE's stop words, the
keyword and title stages' weights and corpus statistics, wordfreq's tables), so every worker starts
with them loaded, in memory it shares with the others, instead of each reading them on its first
abstract. Nothing else imports it.
"""

import json
import logging

from generator.keywords import stage
from generator.text import clean, tagger
from generator.titles import generate

__all__ = ["clean", "generate", "stage"]

# One abstract through both stages reads every data file they use (their first calls load them).
_SAMPLE = (
    "Deep neural networks (DNNs) need large labelled datasets. In this paper, we propose FooNet, a "
    "semi-supervised method for image classification that learns from unlabelled images "
    "(Smith et al., 2019). Experiments on CIFAR-10 show that FooNet outperforms strong baselines."
)
tagger.model()
try:
    stage.extract_plain(_SAMPLE)
    generate._title_plain(json.dumps([_SAMPLE, ["semi-supervised learning", "image classification"]]))
except Exception:  # a warm-up must never stop the pool's server: the workers read the data themselves
    logging.getLogger(__name__).debug("warm-up of the stages failed", exc_info=True)
