"""Relations between papers: related papers by TF-IDF similarity with their reasons (``related``),
topics as communities of the related-papers graph (``topics``), and the names of those topics by
what sets each apart (``topicnames``).
"""
