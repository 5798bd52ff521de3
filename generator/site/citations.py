"""Citations of a paper in the formats reference managers import: BibTeX, RIS and CSL-JSON.

Only a paper whose authors, year and title are curated (``seeds/metadata.yaml``) is cited: a
generated title is not the authors' and must not end up in someone's bibliography. Each format has
its own escaping, since a title or a name is data in all of them:

- BibTeX: the characters TeX reads as commands or grouping (``\\ { } & % $ # _ ^ ~``) become their
  escaped forms, and doubled characters TeX joins into one (``--``, quotes) are kept apart; the
  fields read verbatim by biblatex (url, doi, eprint) only lose their braces.
- RIS: one ``TAG  - value`` per line, so a value is put on one line (``escape.one_line``: no line
  break, control or invisible character), which is all RIS needs: a tag only starts a line.
- CSL-JSON: JSON, written by ``json.dumps``.

The catalogue-wide files (``catalogue.bib``, ``catalogue.csl.json``) hold every cited paper; the
BibTeX file lists in a comment the papers it leaves out and what they lack.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from generator.models import Paper
from generator.site.escape import one_line

# The files of one paper beside its page (papers/<id>.md): suffix -> label shown on the page.
FORMATS = ((".bib", "BibTeX"), (".ris", "RIS"), (".csl.json", "CSL-JSON"))
CATALOGUE_BIB = "catalogue.bib"
CATALOGUE_CSL = "catalogue.csl.json"


def citable(paper: Paper) -> bool:
    """Whether the paper has curated authors, year and title: the papers that get citations."""
    meta = paper.metadata
    return bool(meta.authors) and meta.year is not None and not paper.title_generated


def missing(paper: Paper) -> tuple[str, ...]:
    """The curated fields a paper lacks to be cited ("authors", "year", "title")."""
    meta = paper.metadata
    return tuple(
        name
        for name, absent in (
            ("authors", not meta.authors),
            ("year", meta.year is None),
            ("title", paper.title_generated),
        )
        if absent
    )


def title(paper: Paper) -> str:
    """The curated title as written (the page shows it without markup characters: titles.safe_title)."""
    return paper.metadata.title or paper.title


def arxiv_url(arxiv: str, kind: str = "abs") -> str:
    return f"https://arxiv.org/{kind}/" + quote(arxiv, safe="/.-")


def doi_url(doi: str) -> str:
    return "https://doi.org/" + quote(doi, safe="/:;()._-")


# --- BibTeX --------------------------------------------------------------------------------------

_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
# TeX ligatures of doubled characters ("--" is a dash, "``" and "''" are curly quotes): an empty
# group between them keeps the characters as written.
_LIGATURE = re.compile(r"([-`'])(?=\1)")
_CONFERENCE = re.compile(
    r"\b(?:conference|proceedings|workshop|symposium|meeting|congress|neurips|nips|icml|iclr|acl|naacl|"
    r"emnlp|coling|cvpr|iccv|eccv|aaai|ijcai|kdd|www|sigir|miccai|interspeech)\b",
    re.I,
)
_STOP = {"a", "an", "the", "on", "of", "for", "in", "to", "and", "with"}


# Fields read verbatim by biblatex/hyperref: only braces would break the entry.
_VERBATIM = {"url", "doi", "eprint"}


def _verbatim(value: str) -> str:
    return one_line(value).replace("{", "%7B").replace("}", "%7D")


def bibtex_escape(value: str) -> str:
    escaped = "".join(_BIBTEX_SPECIAL.get(ch, ch) for ch in one_line(value))
    return _LIGATURE.sub(r"\1{}", escaped)


def _ascii_word(text: str) -> str:
    return re.sub(
        r"[^a-z0-9]", "", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    )


def bibtex_key(paper: Paper) -> str:
    """``<first author's family name><year><first title word>``, ASCII: devlin2019bert."""
    meta = paper.metadata
    first = _split_name(meta.authors[0])["family"] if meta.authors else ""
    word = next(
        (_ascii_word(w) for w in title(paper).split() if w.lower() not in _STOP and _ascii_word(w)), "paper"
    )
    return f"{_ascii_word(first) or 'anon'}{meta.year or ''}{word}"


def venue_kind(venue: str) -> str:
    """'conference', 'journal' or '' (no venue): a venue naming a meeting is a conference."""
    if not venue:
        return ""
    return "conference" if _CONFERENCE.search(venue) else "journal"


def bibtex(paper: Paper, key: str = "") -> str:
    """A BibTeX entry of a citable paper; '' otherwise."""
    if not citable(paper):
        return ""
    meta = paper.metadata
    fields: list[tuple[str, str]] = [
        ("title", title(paper)),
        ("author", " and ".join(meta.authors)),
        ("year", str(meta.year)),
    ]
    kind = {"conference": "inproceedings", "journal": "article"}.get(venue_kind(meta.venue), "misc")
    if meta.venue:
        fields.append(("booktitle" if kind == "inproceedings" else "journal", meta.venue))
    if meta.doi:
        fields.append(("doi", meta.doi))
    if meta.arxiv:
        fields += [("eprint", meta.arxiv), ("archiveprefix", "arXiv")]
    if meta.url:
        fields.append(("url", meta.url))
    body = ",\n".join(
        f"  {name} = {{{_verbatim(value) if name in _VERBATIM else bibtex_escape(value)}}}"
        for name, value in fields
    )
    return f"@{kind}{{{key or bibtex_key(paper)},\n{body}\n}}"


# --- RIS -----------------------------------------------------------------------------------------


def ris(paper: Paper) -> str:
    """An RIS record of a citable paper (CRLF-free, one tag a line, ending with ``ER  -``); '' otherwise."""
    if not citable(paper):
        return ""
    meta = paper.metadata
    kind = venue_kind(meta.venue)
    lines = [("TY", {"conference": "CPAPER", "journal": "JOUR"}.get(kind, "GEN")), ("TI", title(paper))]
    lines += [("AU", name) for name in meta.authors]
    lines.append(("PY", str(meta.year)))
    if meta.venue:
        lines.append(("T2", meta.venue))
    if meta.doi:
        lines.append(("DO", meta.doi))
    if meta.url:
        lines.append(("UR", meta.url))
    if meta.arxiv:
        lines.append(("UR", arxiv_url(meta.arxiv)))
    lines.append(("ID", bibtex_key(paper)))
    return "".join(f"{tag}  - {one_line(value)}\n" for tag, value in lines) + "ER  - \n"


# --- CSL-JSON ------------------------------------------------------------------------------------


def _split_name(name: str) -> dict[str, str]:
    """A name as BibTeX reads it, in CSL-JSON's parts: "Family, Given", or "Given von Family" (the
    last word is the family name; lower-case words before it are its particle, "von")."""
    name = one_line(name)
    if "," in name:
        family, _, given = name.partition(",")
        return {"family": family.strip(), "given": given.strip()}
    words = name.split()
    if len(words) < 2:
        return {"family": name}
    particle = len(words) - 1
    while particle > 1 and words[particle - 1][:1].islower():
        particle -= 1
    parts = {"family": words[-1], "given": " ".join(words[:particle])}
    if particle < len(words) - 1:
        parts["non-dropping-particle"] = " ".join(words[particle:-1])
    return parts


def csl(paper: Paper) -> dict[str, Any] | None:
    """A CSL-JSON item of a citable paper (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html)."""
    if not citable(paper):
        return None
    meta = paper.metadata
    kind = venue_kind(meta.venue)
    item: dict[str, Any] = {
        "id": bibtex_key(paper),
        "type": {"conference": "paper-conference", "journal": "article-journal"}.get(kind, "article"),
        "title": one_line(title(paper)),
        "author": [{k: v for k, v in _split_name(name).items() if v} for name in meta.authors],
        "issued": {"date-parts": [[meta.year]]},
    }
    if meta.venue:
        item["container-title"] = one_line(meta.venue)
    if meta.doi:
        item["DOI"] = one_line(meta.doi)
    if meta.url or meta.arxiv:
        item["URL"] = one_line(meta.url) if meta.url else arxiv_url(meta.arxiv)
    if meta.arxiv:
        item["archive"] = "arXiv"
        item["archive_location"] = one_line(meta.arxiv)
    return item


def csl_json(paper: Paper) -> str:
    """The paper's CSL-JSON file: an array of one item ('' when the paper is not citable)."""
    item = csl(paper)
    if item is None:
        return ""
    fields = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in item.items())
    return "[\n {\n" + fields + "\n }\n]\n"


# --- The whole catalogue -------------------------------------------------------------------------


def _unique_keys(papers: Iterable[Paper]) -> list[tuple[Paper, str]]:
    """Cited papers with their keys; a key another paper already has gets the paper id appended."""
    seen: set[str] = set()
    out = []
    for paper in papers:
        key = bibtex_key(paper)
        if key in seen:
            key = f"{key}-{paper.id}"
        seen.add(key)
        out.append((paper, key))
    return out


def catalogue_bib(papers: Iterable[Paper]) -> str:
    """Every citable paper's BibTeX entry; a comment first lists the papers left out, and why."""
    papers = tuple(papers)
    cited = [p for p in papers if citable(p)]
    left_out = [p for p in papers if not citable(p)]
    head = [
        f"% {len(cited)} of {len(papers)} papers have curated authors, year and title and are cited here.",
    ]
    if left_out:
        head.append("% Not cited, missing curated fields (paper id: missing fields):")
        head += [f"%   {p.id}: {', '.join(missing(p))}" for p in left_out]
    entries = [bibtex(p, key) for p, key in _unique_keys(cited)]
    return "\n".join(head) + "\n\n" + "".join(entry + "\n\n" for entry in entries)


def catalogue_csl(papers: Iterable[Paper]) -> str:
    """Every citable paper as a CSL-JSON array, one item a line."""
    items = []
    for paper, key in _unique_keys(p for p in papers if citable(p)):
        item = csl(paper)
        assert item is not None
        items.append(json.dumps({**item, "id": key}, ensure_ascii=False, separators=(",", ":")))
    return "[\n" + ",\n".join(items) + "\n]\n" if items else "[]\n"
