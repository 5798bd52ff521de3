"""Turn seed files of paper abstracts into a cross-linked MkDocs catalogue."""

__version__ = "0.1.0"
