"""Escaping per context. Each test fails if its escaping is removed."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import yaml
from markupsafe import Markup

from generator.site import escape
from generator.text.clean import link_spans

HOSTILE = "<script>x</script> \"q\" 'a' & {{ 7*7 }} `c` *e* [l](javascript:x) --8<-- { onerror=y }"


def test_text_turns_every_ascii_punctuation_into_a_character_reference() -> None:
    out = escape.text(HOSTILE)
    for ch in "<>\"'&{}`*[]()-=:":
        assert ch not in out.replace("&#", "").replace(";", "").replace("#", "")
    assert "&#60;script&#62;" in out
    assert "&#123;&#123; 7&#42;7 &#125;&#125;" in out


def test_abstract_links_are_http_only_escaped_and_nofollow() -> None:
    text = 'see https://x.org/a?b=1&c="2" and javascript:alert(1) and data:text/html,<b>'
    out = str(escape.linked_text(link_spans(text)))
    assert out.count("<a ") == 1
    href = "https&#58;&#47;&#47;x&#46;org&#47;a&#63;b&#61;1&#38;c&#61;"
    assert f'<a href="{href}" rel="nofollow noopener">' in out
    assert "javascript&#58;alert&#40;1&#41;" in out and "data&#58;text&#47;html&#44;&#60;b&#62;" in out


def test_link_refuses_other_schemes_even_if_asked() -> None:
    assert "<a" not in escape.link("javascript:alert(1)", "javascript:alert(1)")
    assert "<a" not in escape.link("x", "data:text/html,x")


def _markup_can_start(value: str) -> bool:
    return re.search(r"<[A-Za-z/!?]|&[#A-Za-z]", value) is not None


def test_page_title_reads_as_written_yet_no_tag_comment_or_reference_can_start() -> None:
    raw = "a <!-- b & \"c\" 'd' </title><script>\u2028e\u0085f\rg\u202eh\u200bi\x00 &lt;/title&gt; x<y"
    out = escape.page_title(raw)
    assert not set("\r\n\u2028\u0085\u202e\u200b\x00") & set(out)
    assert out.replace("\u2060", "") == "a <!-- b & \"c\" 'd' </title><script> e f ghi &lt;/title&gt; x<y"
    # Printed raw (nav, header, <h1>, meta title) and after Material's striptags (which unescapes).
    assert not _markup_can_start(out)
    assert not _markup_can_start(Markup(out).striptags())
    assert escape.page_title(out) == out


def test_attribute_escapes_for_a_double_quoted_attribute() -> None:
    raw = "say \"hi\" & <b onclick=x> 'q'\u2028next"
    out = escape.attribute(raw)
    parser = HTMLParser()
    seen: list[list[tuple[str, str | None]]] = []
    parser.handle_starttag = lambda tag, attrs: seen.append(attrs)  # type: ignore[method-assign]
    parser.feed(f'<meta name="description" content="{out}">')
    assert seen == [[("name", "description"), ("content", escape.one_line(raw))]]


def test_front_matter_is_one_yaml_scalar_that_reads_back_as_the_plain_text() -> None:
    breakers = ['"quoted', "- item", "[list", "! tag", "> fold", "k: v", "a\u2028b: c", "x\u0085y", "a\rt: z"]
    breakers += [
        "emoji 😀 👨\u200d👩\u200d👧 \U0001d4aa(n)",
        "del\x7f \ufeff bom",
        "tab\there",
        "back\\slash",
    ]
    for raw in breakers:
        line = "title: " + escape.front_matter(raw)
        assert "\n" not in line and "\r" not in line and "\u2028" not in line and "\u0085" not in line
        assert yaml.safe_load(line) == {"title": escape.page_title(raw)}


def test_yaml_string_round_trips_any_text_through_pyyaml_on_one_line() -> None:
    for raw in [
        "a\u2028b: c\u2029d\u0085e\rf\ng",
        "😀 \U0001d4aa \x7f \x1b \ufeff \ufffe",
        "\"\\ ' : # - [ {",
    ]:
        line = "title: " + escape.yaml_string(raw)
        assert len(line.splitlines()) == 1
        assert yaml.safe_load(line) == {"title": raw}


def test_path_part_refuses_anything_but_a_slug() -> None:
    import pytest

    for bad in ("../x", "a/b", "", "A", "a--b-", "a b", "x\x00"):
        with pytest.raises(ValueError):
            escape.path_part(bad)
    assert escape.path_part("large-language-models") == "large-language-models"


def _one_line_by_the_loop(value: str) -> str:
    import unicodedata

    value = "".join(" " if ch.isspace() else ch for ch in value)
    kept = "".join(ch for ch in value if unicodedata.category(ch) not in escape._ONE_LINE_DROP)
    return " ".join(kept.split())


def test_one_line_fast_path_equals_the_character_loop_for_every_code_point() -> None:
    """one_line skips its per-character loop for printable text. That is exact because no printable
    code point is white space other than " ", nor of a category the loop drops (checked for every
    code point); and on mixed strings the result is the loop's."""
    import unicodedata

    for cp in range(0x110000):
        ch = chr(cp)
        if ch.isprintable():
            assert ch == " " or not ch.isspace(), hex(cp)
            assert unicodedata.category(ch) not in escape._ONE_LINE_DROP, hex(cp)
    values = [
        "Graph  neural\u00a0networks",
        "x\u2028y",
        "T\u200bitle",
        " élan\tvital ",
        "a\u3000b",
        "plain  title ",
    ]
    values += [f"a{chr(cp)} b" for cp in (*range(0x300), 0x2028, 0x2029, 0x202E, 0xFEFF, 0xE000, 0x10FFFF)]
    for value in values:
        assert escape.one_line(value) == _one_line_by_the_loop(value)
