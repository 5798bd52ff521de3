"""The shared text toolkit: one home for each text rule (sentences, acronyms, plural folding, phrase
keys, slugs, LaTeX, word lists, part-of-speech tags), the corpus statistics of ML abstracts that
keywords, titles and related papers all read (``generic``: how many abstracts use a word; ``heads``:
whether they use it as a noun head), and the display cleaning stage.
"""
