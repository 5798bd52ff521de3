"""hooks/minify.py's lean steps on small fixtures: what they remove, and what they must not touch."""

from __future__ import annotations

from .conftest import load_module

hook = load_module("minify_hook", "hooks/minify.py")


def test_search_markers_leave_tags_but_never_text_or_attribute_values() -> None:
    page = (
        '<meta content="seed text data-search-exclude here" name=description>'
        "<h2 data-search-exclude id=links>Links</h2>"
        "<p class=title-note data-search-exclude>Title generated</p>"
        "<p>text data-search-exclude &lt;p data-search-exclude&gt;</p>"
        "<a title='x data-search-exclude' href=y>z</a>"
    )
    assert hook.without_search_markers(page) == (
        '<meta content="seed text data-search-exclude here" name=description>'
        "<h2 id=links>Links</h2>"
        "<p class=title-note>Title generated</p>"
        "<p>text data-search-exclude &lt;p data-search-exclude&gt;</p>"
        "<a title='x data-search-exclude' href=y>z</a>"
    )


def test_navigation_labels_become_plain_text_outside_the_article_only() -> None:
    nav = (
        "<a class=md-nav__link href=../..> <span class=md-ellipsis> Home </span> </a>"
        '<a class=md-tabs__link href="../a b/"> Titles A\u2013Z </a>'
        "<a class=md-nav__link href=x> <span class=md-ellipsis> <b>Bold</b> </span> </a>"
    )
    article = "<article><a class=md-tabs__link href=x> kept </a></article>"
    assert hook.lean_navigation(nav + article) == (
        "<a class=md-nav__link href=../..>Home</a>"
        '<a class=md-tabs__link href="../a b/">Titles A\u2013Z</a>'
        "<a class=md-nav__link href=x> <span class=md-ellipsis> <b>Bold</b> </span> </a>" + article
    )


def test_minify_is_deterministic_and_applies_every_step() -> None:
    page = (
        "<!doctype html><html><head><title>t</title></head><body>\n  <nav>"
        '<a class="md-nav__link" href="../..">\n  <span class="md-ellipsis">\n    Home\n  </span>\n</a>'
        '</nav><article><h2 data-search-exclude="" id="links">Links</h2></article></body></html>'
    )
    once = hook.minify(page)
    assert once == hook.minify(page)
    assert "<a class=md-nav__link href=../..>Home</a>" in once
    assert "data-search-exclude" not in once and "<h2 id=links>Links</h2>" in once
