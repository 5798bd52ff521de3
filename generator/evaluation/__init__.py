"""Evaluation: the figures of ``make eval`` on held-out data. Keyword quality against human keyphrases
(``keyphrases``, run as ``python -m generator.evaluation``), the reader-facing figures of a finished
catalogue (``reader``), and which documents are for tuning and which for reporting (``splits``).
"""
