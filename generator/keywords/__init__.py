"""Keywords: YAKE proposes candidates from each abstract (``stage``, the only module that imports
yake), the grammar of a key phrase keeps or drops them (``grammar``), curation over the whole
catalogue chooses each paper's keywords (``curate``), and the written filler rules say what a person
would not pick (``filler``).
"""
