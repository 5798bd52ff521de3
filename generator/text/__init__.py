"""The shared text toolkit: one home for each text rule (sentences, acronyms, plural folding, phrase
keys, slugs, LaTeX, word lists, part-of-speech tags) and the display cleaning stage.
"""
