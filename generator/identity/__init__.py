"""Identity: what makes two seed lines one paper and what a paper's id is. The normalised identity text
and ids (``normalize``), exact and near-duplicate merging (``dedupe``), and the MinHash + LSH
near-duplicate search (``neardup``).
"""
