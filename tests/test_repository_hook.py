"""hooks/repository.py: which GitHub repository the paper pages' edit and report links use."""

from __future__ import annotations

import pytest

from .conftest import load_module

repository = load_module("repository_hook", "hooks/repository.py").repository


@pytest.mark.parametrize(
    ("env", "repo_url", "expected"),
    [
        ("octo/cat", "", "https://github.com/octo/cat"),  # GitHub Actions' GITHUB_REPOSITORY
        ("octo/cat", "https://github.com/other/repo", "https://github.com/octo/cat"),  # the workflow wins
        ("", "https://github.com/o-1/r.x_y", "https://github.com/o-1/r.x_y"),
        ("", "https://github.com/o/r.git", "https://github.com/o/r"),
        ("", "https://github.com/o/r/", "https://github.com/o/r"),
        ("", "", ""),
        ("", "https://gitlab.com/o/r", ""),  # not GitHub: no links
        ("", "https://github.com/o/r/tree/main", ""),
        ('o/r"><script>', "", ""),  # not a repository name: no links, nothing printed
        ("", 'https://github.com/o/r"onmouseover="x', ""),
    ],
)
def test_repository_from_the_workflow_or_repo_url(env: str, repo_url: str, expected: str) -> None:
    assert repository(env, repo_url) == expected
