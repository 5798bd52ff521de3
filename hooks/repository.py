"""MkDocs hook: the GitHub repository the site is built from, for the paper pages' "Edit this abstract"
and "Report a problem" links (overrides/main.html).

The repository is ``GITHUB_REPOSITORY`` (``owner/name``, set by GitHub Actions in every workflow), or
else ``repo_url`` in mkdocs.yml when it is a github.com address. It is stored as
``config.extra.repository`` ("https://github.com/owner/name", or "" when unknown: no links then), so
hooks/incremental.py's fingerprint of the resolved configuration sees it change. mkdocs.yml sets no
repo_url of its own: Material would then ask api.github.com for the repository's stars on every
page view, and the site requests nothing from other hosts.
"""

from __future__ import annotations

import os
import re
from typing import Any

_ENV = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}")
_URL = re.compile(r"https://github\.com/([A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}?)(?:\.git)?/?")


def repository(env_value: str, repo_url: str) -> str:
    """``https://github.com/owner/name`` from GITHUB_REPOSITORY, else from a github.com repo_url; ''."""
    if _ENV.fullmatch(env_value.strip()):
        return "https://github.com/" + env_value.strip()
    found = _URL.fullmatch((repo_url or "").strip())
    if found:
        return "https://github.com/" + found.group(1)
    return ""


def on_config(config: Any) -> Any:
    config.extra["repository"] = repository(os.environ.get("GITHUB_REPOSITORY", ""), config.repo_url or "")
    return config
