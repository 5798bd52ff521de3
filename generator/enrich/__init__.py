"""Enrich: real titles and bibliographic facts for untitled papers from open scholarly indexes
(``python -m generator enrich``): the command that asks and writes (``command``), and the pure
queries, answers and matching for arXiv and OpenAlex (``services``).
"""
