"""Errors that name the place they come from, collected and reported together."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in the input, e.g. ``seeds/x.txt:42: line is not valid UTF-8``."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class BuildError(Exception):
    """Raised with every problem found, so a single run reports them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
