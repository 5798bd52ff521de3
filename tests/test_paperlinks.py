from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from generator.models import Metadata, Paper, Source
from generator.site.citations import bibtex, bibtex_escape
from generator.site.outbound import (
    found_links,
    metadata_links,
    search_links,
    search_query,
)


def paper(**changes: object) -> Paper:
    base: dict[str, object] = {
        "id": "aaaaaaaaaa",
        "text": "Graphs & trees: 50% faster #1 C++ search? Yes. Second sentence.",
        "sources": (Source("a.txt", 1),),
        "title": "Graph search",
    }
    base.update(changes)
    return Paper(**base)  # type: ignore[arg-type]


def test_search_links_encode_the_opening_sentence_of_an_untitled_paper() -> None:
    links = search_links(paper())
    assert [link.label for link in links] == ["arXiv", "Semantic Scholar", "Google Scholar"]
    expected = "Graphs & trees: 50% faster #1 C++ search?"
    for link in links:
        parts = urlsplit(link.url)
        assert parts.scheme == "https" and not parts.fragment  # '#' was encoded, not a fragment
        query = parse_qs(parts.query)
        assert (query.get("q") or query.get("query")) == [expected]
    assert links[2].url.endswith("?q=Graphs+%26+trees%3A+50%25+faster+%231+C%2B%2B+search%3F")


def test_search_uses_the_curated_title_when_there_is_one() -> None:
    assert search_query(paper(title="Real Title", title_generated=False)) == "Real Title"
    assert search_query(paper(text="$x$ is \\emph{long}. More.")) == "x is long"


def test_code_links_from_the_abstract() -> None:
    links = found_links(paper(urls=("https://github.com/a/b", "https://example.org/data")))
    assert [(link.label, link.url, link.text) for link in links] == [
        ("Code", "https://github.com/a/b", "github.com/a/b"),
        ("Link", "https://example.org/data", "example.org/data"),
    ]


def test_metadata_links() -> None:
    meta = Metadata(doi="10.1000/a<b", arxiv="2101.00001", url="https://example.org/p")
    assert [(link.label, link.url) for link in metadata_links(paper(metadata=meta))] == [
        ("DOI", "https://doi.org/10.1000/a%3Cb"),
        ("arXiv", "https://arxiv.org/abs/2101.00001"),
        ("Paper", "https://example.org/p"),
    ]


def test_bibtex_needs_curated_authors_year_and_title() -> None:
    assert bibtex(paper(title_generated=False, metadata=Metadata(authors=("A B",)))) == ""
    assert bibtex(paper(title_generated=False, metadata=Metadata(year=2020))) == ""
    # a generated title is never cited, whatever else is known
    assert bibtex(paper(metadata=Metadata(authors=("A B",), year=2020))) == ""
    assert bibtex(paper(title_generated=False, metadata=Metadata(authors=("A B",), year=2020)))


def test_bibtex_entry_escapes_special_characters() -> None:
    meta = Metadata(
        title="Graphs & {Trees}: 50% of #1 in C_x^2 ~ \\o",
        authors=("Émile Borel", "Doe, Jane"),
        year=2020,
        venue="Journal of Graphs",
        doi="10.1000/x_y",
        url="https://example.org/a_b%20c",
    )
    entry = bibtex(paper(title="Graphs and Trees", title_generated=False, metadata=meta))
    assert entry == (
        "@article{borel2020graphs,\n"
        "  title = {Graphs \\& \\{Trees\\}: 50\\% of \\#1 in "
        "C\\_x\\textasciicircum{}2 \\textasciitilde{} \\textbackslash{}o},\n"
        "  author = {Émile Borel and Doe, Jane},\n"
        "  year = {2020},\n"
        "  journal = {Journal of Graphs},\n"
        "  doi = {10.1000/x_y},\n"
        "  url = {https://example.org/a_b%20c}\n"
        "}"
    )


def test_bibtex_kind_follows_the_venue() -> None:
    base = {"authors": ("Jane Doe",), "year": 2019}
    conference = bibtex(paper(title_generated=False, metadata=Metadata(**base, venue="Proceedings of NAACL")))  # type: ignore[arg-type]
    assert (
        conference.startswith("@inproceedings{doe2019graph,")
        and "booktitle = {Proceedings of NAACL}" in conference
    )
    preprint = bibtex(paper(title_generated=False, metadata=Metadata(**base, arxiv="1810.04805")))  # type: ignore[arg-type]
    assert preprint.startswith("@misc{") and "eprint = {1810.04805}" in preprint


def test_bibtex_escape_collapses_whitespace() -> None:
    assert bibtex_escape("a\n  b") == "a b"


def test_the_search_query_is_the_first_twelve_words_of_the_opening_sentence() -> None:
    text = " ".join(f"w{i}" for i in range(30)) + ". Second sentence."
    assert search_query(paper(text=text)) == " ".join(f"w{i}" for i in range(12))
