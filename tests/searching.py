"""Searching a built site in the browser as a reader does: type into the header box, wait for results."""

from __future__ import annotations

from typing import Any

SEARCH = "input.md-search__input"
RESULT = ".md-search-result__item"

# Resolves once the result list has not changed for `quiet` ms. Results for a prefix of the query
# ("att") show while the rest is still being typed and are then replaced; a test that acts on the
# first list it sees can act on an element that is about to vanish.
SETTLED_JS = """
(quiet) => new Promise((resolve) => {
  const list = document.querySelector('.md-search-result__list');
  let timer = setTimeout(resolve, quiet);
  new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(resolve, quiet); })
    .observe(list, {childList: true, subtree: true});
})
"""


def search(page: Any, query: str) -> Any:
    """Type `query` into the search box key by key (Material ignores `fill`); the settled results."""
    page.locator(SEARCH).press_sequentially(query, delay=30)
    results = page.locator(RESULT)
    results.first.wait_for(timeout=15_000)
    page.evaluate(SETTLED_JS, 400)
    return results
