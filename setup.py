"""The one compiled part: the tagger's greedy decoder (generator/text/_tagdecode.c), optional.

Everything else is in pyproject.toml. ``optional=True``: where no C compiler or Python headers are
found the install goes on without it and the tagger runs its pure-Python decoder (the same tags).
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "generator.text._tagdecode",
            sources=["generator/text/_tagdecode.c"],
            optional=True,
        )
    ]
)
