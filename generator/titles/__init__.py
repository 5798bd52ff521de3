"""Titles: display titles for untitled abstracts (``generate``), from what an abstract says about
itself: the method it names, the subject of a survey, its contribution (``clues``).
"""
