"""Enrich: real titles and bibliographic facts for untitled papers (``python -m generator enrich``).

- ``command``: the run over the indexes (arXiv first, OpenAlex by id or by search), fair and bounded;
- ``refmanager``: ``--from`` a reference manager's BibTeX, RIS or CSL-JSON export, offline;
- ``query``: search words split as the indexes split them, strict and fallback;
- ``arxiv`` / ``openalex``: each service's URLs and answers;
- ``fetch``: HTTP, the cache, the services' limits, the run deadline (the only network module);
- ``decide``: the verdict (the 0.8 similarity check is the only gate) and the writing, shared;
- ``services``: the record, ``Malformed``, ``match_score`` and its thresholds.
"""
