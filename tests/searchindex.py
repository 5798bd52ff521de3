"""What a built site's search finds: Material's search_index.json, or Pagefind's chunked index.

The served build (OFFLINE=false) searches with Pagefind (hooks/pagefind_search.py); the file://
build keeps Material's index. Pagefind's files are gzip-compressed, each behind a `pagefind_dcd`
signature; a fragment is one page's JSON: url, content (its text), meta (title, tags).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"


def engine(site: Path) -> str:
    return "pagefind" if (site / "pagefind" / "pagefind-entry.json").is_file() else "material"


def read_pagefind(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(SIGNATURE), path
    return data[len(SIGNATURE) :]


def pagefind_pages(site: Path) -> list[dict[str, Any]]:
    """Every page Pagefind indexed, as {location, title, text, tags, filters} (location relative to
    the root; filters: name -> values)."""
    pages = []
    for fragment in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = json.loads(read_pagefind(fragment))
        meta = data.get("meta", {})
        pages.append(
            {
                "location": data["url"].lstrip("/"),
                "title": meta.get("title", ""),
                "text": data["content"],
                "tags": json.loads(meta["tags"]) if "tags" in meta else [],
                "filters": data.get("filters", {}),
            }
        )
    return pages


def search_docs(site: Path) -> list[dict[str, Any]]:
    """The documents the site's search can return, whichever engine it ships."""
    if engine(site) == "pagefind":
        return pagefind_pages(site)
    return json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
