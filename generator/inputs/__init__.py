"""Inputs: the only stage that reads the seeds. Seed files become ``SeedLine`` records (``ingest``),
the seeds' git history gives each abstract its first-seen time and first place (``history``), and
``seeds/metadata.yaml`` gives curated facts (``metadata``).
"""
