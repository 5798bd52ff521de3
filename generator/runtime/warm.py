"""Imported by the pool's server process (``parallel.PRELOAD``) before it forks the workers: the
per-abstract stages' modules and the data they read once (the tagger's model, YAKE's stop words), so
every worker starts with them loaded, in memory it shares with the others. Nothing else imports it.
"""

from generator.keywords import stage
from generator.text import clean, tagger
from generator.titles import generate

__all__ = ["clean", "generate", "stage"]

tagger.model()
stage.scored_phrases("A sentence that loads the keyword extractor.")
