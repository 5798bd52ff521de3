from __future__ import annotations

from generator.models import Paper, Source
from generator.text.clean import clean, clean_text, find_urls, link_spans


def test_whitespace_is_collapsed_and_trimmed() -> None:
    assert clean_text("  a \t b\u00a0 c  ") == "a b c"


def test_text_is_nfc() -> None:
    assert clean_text("cafe\u0301") == "caf\u00e9"


def test_clean_keeps_identity_and_sources() -> None:
    paper = Paper(id="0123456789", text=" x  y ", sources=(Source("a.txt", 1),))
    (out,) = clean((paper,))
    assert (out.id, out.text, out.sources) == (paper.id, "x y", paper.sources)


def test_urls_are_found_with_https_and_without_trailing_punctuation() -> None:
    text = "Code at //github.com/dvlab-research/MoTCoder. See https://example.org/a_b, and //github.com/x/y)."
    assert find_urls(text) == (
        "https://github.com/dvlab-research/MoTCoder",
        "https://example.org/a_b",
        "https://github.com/x/y",
    )


# One test per cleaning rule; each would fail if its rule were removed.
def test_latex_double_and_single_quotes_become_typographic() -> None:
    assert clean_text('we employ ``Introspective Tips" to') == "we employ \u201cIntrospective Tips\u201d to"
    assert clean_text("just a ``chatbot'', and") == "just a \u201cchatbot\u201d, and"
    assert clean_text("a `single' quote") == "a \u2018single\u2019 quote"


def test_backticks_that_are_not_latex_quotes_stay() -> None:
    assert clean_text("run `code` now, it isn't `x") == "run `code` now, it isn't `x"


def test_simple_inline_maths_becomes_text() -> None:
    assert clean_text("over $15$ thousand synsets and $k$ heads") == "over 15 thousand synsets and k heads"
    assert clean_text(r"with $\alpha$ and $\mathcal{O}(n \log n)$ time") == (
        "with \u03b1 and \U0001d4aa(n log n) time"
    )


def test_dollar_amounts_and_unknown_macros_are_not_maths() -> None:
    assert clean_text("costs $5 and $10 today") == "costs $5 and $10 today"
    assert clean_text(r"keep $\mymacro{x}$ as written") == r"keep $\mymacro{x}$ as written"
    assert clean_text(r"an escaped \$ sign and 50\% more") == "an escaped $ sign and 50% more"


def test_url_command_and_protocol_relative_links_become_https_without_trailing_punctuation() -> None:
    text = r"Results: \url{//github.com/a/Eval}. Code at //github.com/dvlab-research/MoTCoder."
    cleaned = clean_text(text)
    assert (
        cleaned == "Results: https://github.com/a/Eval. Code at https://github.com/dvlab-research/MoTCoder."
    )
    assert find_urls(cleaned) == ("https://github.com/a/Eval", "https://github.com/dvlab-research/MoTCoder")


def test_href_keeps_both_text_and_target() -> None:
    assert clean_text(r"see \href{https://x.org/p}{our page}.") == "see our page (https://x.org/p)."


def test_urls_keep_balanced_brackets_and_query_but_not_closing_ones_they_did_not_open() -> None:
    text = "(see https://en.wikipedia.org/wiki/A_(b)), [https://x.org/?a=1&b=2] and 'https://y.org/z'."
    assert find_urls(text) == (
        "https://en.wikipedia.org/wiki/A_(b)",
        "https://x.org/?a=1&b=2",
        "https://y.org/z",
    )


def test_only_http_links_are_found() -> None:
    text = "javascript://x.org/%0aalert(1) data://x.org/ ftp://x.org/a file:///etc/passwd x//y.org"
    assert find_urls(text) == ()
    assert link_spans(text) == ((text, None),)


def test_link_spans_cover_the_text_exactly() -> None:
    text = "A //a.org/x. B https://b.org, C"
    spans = link_spans(text)
    assert "".join(piece for piece, _ in spans) == text
    assert [url for _, url in spans if url] == ["https://a.org/x", "https://b.org"]


def test_unbalanced_braces_are_dropped_and_balanced_ones_kept() -> None:
    assert clean_text("knowledge distillation} approach") == "knowledge distillation approach"
    assert clean_text("sets {0, 1} and {{ 7*7 }} stay, { this one goes") == (
        "sets {0, 1} and {{ 7*7 }} stay, this one goes"
    )


def test_formatting_commands_become_their_text() -> None:
    assert clean_text(r"a \textbf{bold} and \emph{\textit{nested}} word, {\bf old} style") == (
        "a bold and nested word, old style"
    )
    assert clean_text(r"\cite{key} stays") == r"\cite{key} stays"


def test_mojibake_is_repaired_only_where_certain() -> None:
    assert clean_text("caf\u00c3\u00a9 na\u00c3\u00afve r\u00c3\u00a9sum\u00c3\u00a9") == "café naïve résumé"
    for fine in ("naïve café", "A\u00d7B Ã", "“quoted” — …", "&lt;b&gt;", "\uff57\uff49\uff44\uff45"):
        assert clean_text(fine) == fine


def test_pdf_ligature_glyphs_become_their_letters() -> None:
    """A PDF's "ﬁ" is typesetting: "classiﬁcation" must be the word "classification" (one keyword
    page, one search term), while other compatibility forms (full-width letters) stay as written."""
    assert clean_text("classi\ufb01cation of \ufb02ows and e\ufb03cient \uff57") == (
        "classification of flows and efficient \uff57"
    )


def test_sentence_repeated_back_to_back_is_shown_once() -> None:
    text = "It works well. It works well. It works well! Not the same. It works well. Yes. Yes."
    assert clean_text(text) == "It works well. It works well! Not the same. It works well. Yes. Yes."


def test_unicode_line_breaks_become_spaces_and_format_characters_stay() -> None:
    assert clean_text("a\u2028b\u2029c\rd\x0be\tf") == "a b c d e f"
    # A lone U+0085 is Windows-1252's ellipsis read as Latin-1: ftfy repairs it.
    assert clean_text("wait\u0085 what") == "wait\u2026 what"
    rtl = "x \u202eevil\u202c \u200bzero 👨\u200d👩\u200d👧 😀"
    assert clean_text(rtl) == rtl


def test_real_seed_lines_read_cleanly() -> None:
    from .conftest import FROZEN_SEEDS

    for path in FROZEN_SEEDS.glob("*.txt"):
        for line in path.read_text(encoding="utf-8").splitlines():
            text = clean_text(line)
            for residue in ("``", "\\url", "$15$", "}", " //github"):
                assert residue not in text, (path.name, residue)


def test_a_word_split_by_line_end_hyphenation_is_joined_again() -> None:
    # "fuscator" is no word, "algorithm" and "hyperparameters" are: joined
    assert clean_text("a learnable ob- fuscator") == "a learnable obfuscator"
    assert clean_text("the al- gorithm tunes hyper- parameters") == "the algorithm tunes hyperparameters"
    # joined as the abstract writes it elsewhere, case kept
    joined = clean_text("A Meta- learner. The MetaLearner is fast.")
    assert joined == "A Metalearner. The MetaLearner is fast."
    # two words that stay two words: a suspended hyphen, a suffix after a name, a real compound
    kept = "first- and second-order methods, GAN- based models, group- normalization"
    assert clean_text(kept) == kept
