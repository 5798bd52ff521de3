"""Drift guards for the site layer: what hooks/ and overrides/ rely on in MkDocs 1.6 and Material 9.

Both are in maintenance (MkDocs 1.6.1 is the last 1.x; Material 9.7 was its last feature release),
and the hooks and overrides lean on their internals. These tests read the installed packages and
build no site (about a second), so an upgrade that moves one of those internals fails here, with a
message that says what to re-check, before a site build fails or, worse, quietly changes.
README.md, "The site layer", lists each hook with what it relies on and the test that guards it.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import logging
import re
import tomllib
from importlib import metadata
from pathlib import Path
from typing import Any, ClassVar

import material
import pytest
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import PluginCollection
from mkdocs.structure.files import File
from packaging.requirements import Requirement

from .conftest import ROOT, load_module

MATERIAL = Path(material.__file__).parent / "templates"
HOOKS = ROOT / "hooks"
OVERRIDES = ROOT / "overrides"
TESTED = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.1"}  # the versions the digests below were taken from

# Material's templates (paths under material/templates/) that a file of overrides/ replaces, with
# the SHA-256 of the upstream file the override was written against, and what to re-check.
UPSTREAM_FILES = {
    "partials/javascripts/base.html": (
        "d6113712bc4deb30b4bd810ee0dfc28b6f04d2f88cc0016c0f1766eac7b762b6",
        "overrides/partials/javascripts/base.html replaces it (its inline script is in "
        "overrides/assets/javascripts/page.js, part 1: __md_scope, __md_hash, __md_get, __md_set)",
    ),
    "partials/javascripts/palette.html": (
        "8790389765ea6036effddba548b15093bb05bdc75624eaeaf8b13f3c24be4ab5",
        "overrides/partials/javascripts/palette.html replaces it (its inline script is in "
        "overrides/assets/javascripts/page.js, part 3)",
    ),
    "partials/javascripts/content.html": (
        "3722e156f0f6339de39fbbfc178b6e401d1a4fb890f189ac5b80c2504bda7dcf",
        "overrides/partials/javascripts/content.html replaces it (writes the content-tab script only "
        "with pymdownx.tabbed)",
    ),
    "partials/search.html": (
        "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
        "overrides/partials/search.html replaces it (the same dialog with an aria-label, Lighthouse's "
        "aria-dialog-name)",
    ),
    "partials/header.html": (
        "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f",
        "overrides/partials/header.html replaces it: Material's header without the palette form and the "
        "search box (button and dialog), which overrides/assets/javascripts/page.js inserts around its "
        "own script element (part 3); carry any other change of the header into the override",
    ),
    "main.html": (
        "9948b55a7bc979c35825df99baba9e6971fca4eb298dea3cdde61e990a2de5e0",
        "overrides/main.html replaces it (upstream it only extends base.html)",
    ),
}
# Blocks of Material's base.html that overrides/main.html replaces, digest of each block's source.
UPSTREAM_BLOCKS = {
    "site_meta": (
        "e306b9472bf91403943802f57b9a77a72eabbd2612dfcf341a7c228d6aa8223f",
        "overrides/main.html's block site_meta is a copy of it without <meta name=generator> and the "
        "alternate and rss links",
    ),
    "config": (
        "b84001acaa9dc3791d04b24d2533025797fbe59d71702bd25693fe05aac34ddf",
        "overrides/main.html empties it; overrides/partials/javascripts/base.html (base URL, search "
        "worker) and overrides/assets/javascripts/page.js (features, translations, annotate, tags, "
        "version) write its members",
    ),
    "htmltitle": (
        "8ebd0d3f80cb7be8baa6a77ed0759e9d08eba8a72047270089a452cd911f83ef",
        "overrides/main.html's block htmltitle writes 'page title · site name' (the home page: the site "
        "name alone) instead of Material's 'page title - site name'",
    ),
    "content": (
        "e7e77c2e082ef76171f8807dccaebedd1bc41af76d4c4ec3d19012eb8636eac1",
        "overrides/main.html's block content is super() followed by the edit and report links of a "
        "paper page",
    ),
    "footer": (
        "e501ed9a997ad2bbd19652be15f237e7bcd2c985624172ff02fc67968b510ef8",
        "overrides/main.html empties it: with no generator line, copyright or navigation.footer, "
        "Material's footer is an empty bar; re-check if the site adds any of those",
    ),
    "site_nav": (
        "08b0b8418133d46ea078a7737f096bed62048ed4be5f9c1ba790b3cd3f498cbc",
        "overrides/main.html's block site_nav renders only the navigation sidebar on pages that hide "
        "the table of contents, else super()",
    ),
}
# Files of overrides/ with no namesake in Material: additions, nothing upstream to drift from.
ADDITIONS = {
    "assets/images/favicon.svg",
    "assets/javascripts/search-filters.js",
    "assets/javascripts/page.js",
    "assets/javascripts/pagefind-count.js",
    "assets/javascripts/workers/pagefind.js",
}

_BLOCK_TAG = re.compile(r"{%-?\s*(?:block\s+(\w+)|endblock)\b.*?%}", re.S)
_WORKER = re.compile(r'"search":\s*"(assets/javascripts/workers/search\.[0-9a-f]+\.min\.js)"')


def block(source: str, name: str) -> str:
    """The source of `{% block name %}...{% endblock %}` in a Jinja template (nested blocks included)."""
    start, depth = None, 0
    for match in _BLOCK_TAG.finditer(source):
        if match.group(1) is not None:
            if start is None and match.group(1) == name:
                start = match.start()
            elif start is not None:
                depth += 1
        elif start is not None:
            if depth == 0:
                return source[start : match.end()]
            depth -= 1
    raise AssertionError(f"Material's template has no block {name!r}: an override replaces it")


def sha256(data: str | bytes) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def drifted(what: str, recorded: str, found: str, relies: str) -> str:
    return (
        f"Material's {what} is not the one the override was written against (Material "
        f"{TESTED['mkdocs-material']}: sha256 {recorded[:16]}..., installed "
        f"{metadata.version('mkdocs-material')}: {found[:16]}...).\n"
        f"Re-check: {relies}.\nDiff the two upstream versions (pip download mkdocs-material==<version> "
        "--no-deps, unzip both), carry the change into the override, build the site (make site; the "
        "browser tests), then record the new digest and version in tests/test_site_drift.py."
    )


# --- Material's templates and the overrides ------------------------------------------------------


@pytest.mark.parametrize("name", sorted(UPSTREAM_FILES))
def test_each_replaced_material_template_is_the_one_the_override_was_written_against(name: str) -> None:
    recorded, relies = UPSTREAM_FILES[name]
    path = MATERIAL / name
    assert path.is_file(), f"Material has no {name} any more; {relies}"
    found = sha256(path.read_bytes())
    assert found == recorded, drifted(name, recorded, found, relies)


@pytest.mark.parametrize("name", sorted(UPSTREAM_BLOCKS))
def test_each_replaced_block_of_materials_base_is_the_one_the_override_was_written_against(name: str) -> None:
    recorded, relies = UPSTREAM_BLOCKS[name]
    found = sha256(block((MATERIAL / "base.html").read_text(encoding="utf-8"), name))
    assert found == recorded, drifted(f"base.html block {name!r}", recorded, found, relies)


def test_every_override_is_recorded_as_a_replacement_or_an_addition() -> None:
    """A new file in overrides/ that shadows a Material template must get a digest above."""
    replaced = {"main.html", "partials/header.html", "partials/search.html"} | {
        f"partials/javascripts/{n}" for n in ("base.html", "palette.html", "content.html")
    }
    files = {p.relative_to(OVERRIDES).as_posix() for p in OVERRIDES.rglob("*") if p.is_file()}
    assert files == replaced | ADDITIONS
    assert replaced == set(UPSTREAM_FILES)
    assert {f for f in files if (MATERIAL / f).exists()} == replaced, (
        "an addition now shadows Material's file"
    )
    main = (OVERRIDES / "main.html").read_text(encoding="utf-8")
    overridden = set(re.findall(r"{%\s*block\s+(\w+)", main))
    assert overridden == set(UPSTREAM_BLOCKS) | {"extrahead"}  # extrahead: only added to, with super()


def test_the_replaced_partials_are_still_included_where_the_overrides_expect_them() -> None:
    """page.js is loaded by the palette partial and the page's own __config is written by the base
    partial: if Material stopped including either, pages would load without them."""
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    header = (OVERRIDES / "partials/header.html").read_text(encoding="utf-8")
    assert '{% include "partials/javascripts/base.html" %}' in base
    assert '{% include "partials/javascripts/content.html" %}' in base
    assert '{% include "partials/header.html" %}' in base
    assert '{% include "partials/javascripts/palette.html" %}' in header
    # page.js writes the palette form and the search box that the header override leaves out
    page_js = (OVERRIDES / "assets/javascripts/page.js").read_text(encoding="utf-8")
    for partial in ('{% include "partials/palette.html" %}', '{% include "partials/search.html" %}'):
        assert partial in page_js and partial not in header
    assert block(base, "extrahead") == "{% block extrahead %}{% endblock %}"


def test_the_search_worker_named_in_the_override_is_materials_own() -> None:
    override = (OVERRIDES / "partials/javascripts/base.html").read_text(encoding="utf-8")
    (named,) = re.findall(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js", override)
    assert (MATERIAL / named).is_file(), (
        f"overrides/partials/javascripts/base.html names {named}, which the installed Material "
        f"{metadata.version('mkdocs-material')} does not ship (the hash changes with every Material "
        "release): write the name of the file in material/templates/assets/javascripts/workers/"
    )
    upstream = _WORKER.search(block((MATERIAL / "base.html").read_text(encoding="utf-8"), "config"))
    assert upstream and upstream.group(1) == named, "Material's own __config names another worker"
    # hooks/pagefind_search.py finds the worker in each page's __config as Jinja's tojson writes it.
    hook = load_module("pagefind_search_drift", "hooks/pagefind_search.py")
    written = json.dumps({"base": "../..", "search": f"../../{named}"}, sort_keys=True)
    assert hook._WORKER_URL.search(written)


def _material_sources(bundle: str) -> dict[str, str]:
    """The TypeScript sources of one of Material's scripts, from the source map it ships."""
    (path,) = (MATERIAL / "assets/javascripts").glob(bundle)
    data = json.loads(path.read_text(encoding="utf-8"))
    return dict(zip(data["sources"], data.get("sourcesContent") or [], strict=False))


def test_the_pagefind_worker_speaks_materials_search_worker_messages() -> None:
    """overrides/assets/javascripts/workers/pagefind.js answers Material's search box in its worker
    messages; their numbers and the fields of a result are read from Material's own sources."""
    worker = (OVERRIDES / "assets/javascripts/workers/pagefind.js").read_text(encoding="utf-8")
    numbers = dict(re.findall(r"\b(SETUP|READY|QUERY|RESULT) = (\d+)", worker))
    bundle = _material_sources("bundle.*.min.js.map")
    (message,) = [c for s, c in bundle.items() if s.endswith("search/worker/message/index.ts")]
    enum = re.search(r"const enum SearchMessageType \{(.*?)\}", message, re.S)
    assert enum, "Material's search worker messages are no longer a SearchMessageType enum"
    members = re.findall(r"^\s*([A-Z]+)\b", enum.group(1), re.M)
    assert members == ["SETUP", "READY", "QUERY", "RESULT"], members
    assert {k: int(v) for k, v in numbers.items()} == {name: i for i, name in enumerate(members)}
    search = _material_sources("workers/search.*.min.js.map")
    (config,) = [c for s, c in search.items() if s.endswith("integrations/search/config/index.ts")]
    (result,) = [c for s, c in search.items() if s.endswith("integrations/search/_/index.ts")]
    document = re.search(r"interface SearchDocument \{(.*?)\}", config, re.S)
    item = re.search(r"interface SearchItem\s+extends SearchDocument\s*\{(.*?)\}", result, re.S)
    assert document and item, "Material's SearchDocument or SearchItem changed shape"
    fields = set(re.findall(r"^\s*(\w+)\??:", document.group(1) + item.group(1), re.M))
    sent = {"location", "title", "text", "tags", "score", "terms"}  # what pagefind.js puts in an item
    assert sent <= fields, sent - fields
    assert all(f"{name}:" in worker for name in sent)
    assert re.search(r"items: SearchItem\[\]\[\]", result), "a result is no longer a list of lists of items"


def test_materials_icons_and_navigation_markup_are_what_icons_and_minify_rewrite() -> None:
    """hooks/icons.py replaces inline icons of one exact form, hooks/minify.py drawer and tab labels
    of Material's markup; if either changed, the pages would silently stay large (not break)."""
    icons = load_module("icons_drift", "hooks/icons.py")
    partials = "".join(p.read_text(encoding="utf-8") for p in (MATERIAL / "partials").glob("*.html"))
    names = set(re.findall(r'"(material/[a-z0-9-]+)"', partials))
    names |= set(
        re.findall(r"icon: (material/[a-z0-9-]+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    )
    files = [MATERIAL / ".icons" / f"{name}.svg" for name in sorted(names)]
    files = [f for f in files if f.is_file()]
    assert len(files) >= 8, names  # the menu, search, close, share, arrows, palette toggles
    for svg in files:
        assert icons._ICON.fullmatch(svg.read_text(encoding="utf-8").strip()), svg.name
    nav = (MATERIAL / "partials/nav-item.html").read_text(encoding="utf-8")
    tabs = (MATERIAL / "partials/tabs-item.html").read_text(encoding="utf-8")
    assert 'class="md-nav__link"' in nav and 'class="md-ellipsis"' in nav
    assert 'class="md-tabs__link"' in tabs


# --- MkDocs and the hooks --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def configured() -> Any:
    """The site's mkdocs.yml loaded by MkDocs (served build), after every plugin's and hook's on_config."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OFFLINE", "false")
        patch.setenv("SITE_URL", "")
        config = load_config(str(ROOT / "mkdocs.yml"))
        return config.plugins.on_config(config)


def test_search_scope_took_materials_page_handler_over(configured: Any) -> None:
    plugin = configured.plugins["material/search"]
    scope = configured.plugins["hooks/search_scope.py"]
    handlers = configured.plugins.events["page_context"]
    assert plugin.on_page_context not in handlers
    assert scope.on_page_context in handlers
    assert scope._state["plugin"] is plugin
    # The part of the plugin's handler the hook repeats on the rest of the page: the same pattern.
    assert scope._SEARCH_ATTRIBUTE.pattern in inspect.getsource(type(plugin).on_page_context)
    # Nothing to take over a second time: no silent fallback, an error.
    with pytest.raises(PluginError, match="registered 0 times"):
        scope.take_over(configured)


def test_search_scope_fails_loudly_when_the_plugin_is_not_as_expected() -> None:
    scope = load_module("search_scope_drift", "hooks/search_scope.py")

    class Plugins(dict):
        events: ClassVar[dict[str, list[Any]]] = {"page_context": []}

    class Search:
        config: ClassVar[dict[str, bool]] = {"enabled": True}
        search_index = object()

        def on_page_context(self) -> None:
            pass

    plugins = Plugins({"material/search": Search()})
    config = type("Config", (), {"plugins": plugins})()
    with pytest.raises(PluginError, match="registered 0 times"):
        scope.take_over(config)
    plugins.events = {"page_context": [plugins["material/search"].on_page_context]}
    assert scope.take_over(config) is plugins["material/search"] and plugins.events["page_context"] == []
    del Search.search_index
    with pytest.raises(PluginError, match="no search_index"):
        scope.take_over(config)
    Search.config = {"enabled": False}  # a site without search: nothing to take over, no error
    assert scope.take_over(config) is None


def test_what_the_incremental_hook_relies_on_in_mkdocs(configured: Any) -> None:
    hook = configured.plugins["hooks/incremental.py"]
    # MkDocs reads and builds a page on a --dirty build only if `page.file.is_modified()`; the hook
    # sets that method per file, so it must be a method of no arguments that both steps call.
    assert list(inspect.signature(File.is_modified).parameters) == ["self"]
    for step in (mkdocs_build._populate_page, mkdocs_build._build_page):
        assert "if dirty and not page.file.is_modified():" in inspect.getsource(step), step.__name__
    # The warning of every --dirty build, silenced on the logger that logs it.
    assert hook.DIRTY_WARNING in inspect.getsource(mkdocs_build.build)
    assert hook._FILTER in mkdocs_build.log.filters
    record = logging.LogRecord(
        mkdocs_build.log.name, logging.WARNING, "", 0, hook.DIRTY_WARNING + ", this", (), None
    )
    assert not mkdocs_build.log.filter(record)
    assert list(inspect.signature(hook.utils.clean_directory).parameters) == ["directory"]
    assert set(inspect.signature(PluginCollection.on_startup).parameters) >= {"command", "dirty"}
    # Material's search plugin keeps its entries in a list the hook reads and replaces.
    assert configured.plugins["material/search"].search_index.entries == []


def test_mkdocs_renders_every_page_before_it_writes_any() -> None:
    """hooks/memory.py holds each page's HTML compressed between the two passes of build()."""
    source = inspect.getsource(mkdocs_build.build)
    assert 0 < source.index("_populate_page(file.page") < source.index("_build_page(")
    page_build = inspect.getsource(mkdocs_build._build_page)
    assert page_build.index("on_page_context(") < page_build.index("on_post_page(")


def test_each_hook_registers_the_priorities_of_the_table(configured: Any) -> None:
    priorities = load_module("priorities_drift", "hooks/priorities.py").PRIORITIES
    listed = [h.removeprefix("hooks/").removesuffix(".py") for h in configured.hooks]
    assert sorted(listed) == sorted(priorities), "mkdocs.yml's hooks and hooks/priorities.py disagree"
    assert sorted(p.stem for p in HOOKS.glob("*.py")) == sorted([*priorities, "priorities"])
    for name in listed:
        module = configured.plugins[f"hooks/{name}.py"]
        handlers = {
            attr[3:]: getattr(value, "mkdocs_priority", 0)
            for attr, value in vars(module).items()
            if attr.startswith("on_") and callable(value)
        }
        assert handlers == priorities[name], name
    # MkDocs runs each event's handlers in that order (highest first): the hooks' among them.
    for event, handlers in configured.plugins.events.items():
        numbers = [getattr(h, "mkdocs_priority", 0) for h in handlers]
        assert numbers == sorted(numbers, reverse=True), event


def test_the_readme_table_of_hooks_shows_the_same_priorities() -> None:
    priorities = load_module("priorities_readme", "hooks/priorities.py").PRIORITIES
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The site layer", 1)[1].split("\n## ", 1)[0]
    rows = {
        m.group(1): m.group(2) for m in re.finditer(r"^\| `hooks/(\w+)\.py` \| ([^|]*) \|", section, re.M)
    }
    assert sorted(rows) == sorted(priorities)
    for name, cell in rows.items():
        shown = {event: int(n) for event, n in re.findall(r"`on_(\w+)` (-?\d+)", cell)}
        assert shown == priorities[name], name


def test_mkdocs_and_material_are_pinned_to_the_tested_releases() -> None:
    """MkDocs 2.0 drops the plugin system every hook needs; a Material minor release renames its
    search worker and may move what the overrides replace: upgrade on purpose, with these tests."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = {Requirement(r).name: Requirement(r).specifier for r in project["dependencies"]}
    assert str(pins["mkdocs"]) == "<2,>=1.6.1"
    assert str(pins["mkdocs-material"]) == "<9.9,>=9.8.1"
    constraints = dict(
        line.split("==") for line in (ROOT / "constraints.txt").read_text().splitlines() if "==" in line
    )
    for name, version in TESTED.items():
        assert constraints[name] == version and version in pins[name]
        assert metadata.version(name) == version, f"installed {name} is not the tested {version}"
