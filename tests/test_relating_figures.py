"""The held-out figures of related papers and topics (generator/evaluation/relating.py)."""

from generator.evaluation import relating
from generator.models import Topic


def test_figures_count_links_sharing_a_human_keyphrase_and_papers_saying_their_topic() -> None:
    corpus = relating.Corpus(
        "toy",
        (
            "Graph neural networks for molecules.",
            "Message passing in graph neural networks.",
            "A poem about the sea.",
            "Diffusion models for audio.",
        ),
        (frozenset({"gnn", "molecul"}), frozenset({"gnn"}), frozenset(), frozenset({"diffus"})),
    )
    topics = (
        Topic("gnn", "Graph neural networks", ("graph neural networks",), ("0", "1", "3")),
        Topic("other", relating.OTHER_NAME, (), ("2",)),
    )
    built = relating.Built(
        corpus.texts,
        ((1,), (0, 3), (), (1,)),
        tuple((t.name, relating.name_terms(t), tuple(int(i) for i in t.papers)) for t in topics),
    )
    f = relating.figures(corpus, built)
    assert (f.papers, f.links, f.no_related) == (4, 4, 1)
    assert (f.gold_links, f.gold_shared) == (4, 2)  # 0-1 and 1-0 share "gnn"; 1-3 and 3-1 share none
    assert f.topics == 1 and f.saying == 2 and f.other == 1  # the diffusion paper does not say it
    assert round(f.smallest, 3) == 0.667 and f.smallest_topic == "Graph neural networks"
    line = relating.row(f)
    assert "25.0% (1)" in line and "50.0% (2 of 4)" in line and "50.0%" in line


def test_the_scitldr_proxy_relates_papers_by_their_titles_and_tldrs() -> None:
    from generator.evaluation import linkproxy

    labels = (
        ("Sememe knowledge bases for Chinese", "We predict sememes with sememe knowledge bases."),
        ("Lexical sememe prediction", "Sememe knowledge bases help lexical sememe prediction."),
        ("A poem generator", "We write poems about the sea with a language model."),
        ("Diffusion for audio", "Audio diffusion models denoise waveforms quickly."),
        *tuple((f"Filler paper {i}", f"Topic number {i} of many.") for i in range(400)),
    )
    related = linkproxy.labeller(labels)
    assert related(0, 1) and related(1, 0)  # "sememe knowledge bases": rare in these titles and TLDRs
    assert not related(0, 2) and not related(2, 3)
    corpus = relating.Corpus("toy", tuple(t for t, _ in labels), tuple(frozenset() for _ in labels), labels)
    built = relating.Built(corpus.texts, ((1, 2),) + ((),) * (len(labels) - 1), ())
    f = relating.figures(corpus, built)
    assert (f.links, f.proxy_shared, f.has_labels) == (2, 1, True)
    assert "50.0% (1 of 2)" in relating.row(f)


def test_held_out_reads_the_split_asked_for_and_every_document_for_half_all(tmp_path) -> None:
    import json
    import zipfile

    from generator.evaluation import splits, titles

    row = {"source": ["We propose a thing.", "It works."], "target": ["A thing."], "title": "Thing"}
    (tmp_path / "dev.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    (tmp_path / "test.jsonl").write_text((json.dumps(row) + "\n") * 3, encoding="utf-8")
    assert len(titles.read_split(tmp_path, "test")) == 3 and len(titles.read_dev(tmp_path)) == 1
    found = relating.held_out(None, tmp_path, "test")
    assert [(c.name, len(c.texts)) for c in found] == [("scitldr-test", 3)]
    assert relating.held_out(None, tmp_path, "missing") == []
    keyphrase = tmp_path / "kp"
    keyphrase.mkdir()
    names = [f"d{i}" for i in range(12)]
    with zipfile.ZipFile(keyphrase / "toy.zip", "w") as archive:
        for name in names:
            archive.writestr(f"toy/docsutf8/{name}.txt", f"Document {name} about graph learning.")
            archive.writestr(f"toy/keys/{name}.key", "graph learning\n")
    report = sum(splits.keyphrase_split("toy", n) == splits.REPORT for n in names)
    assert 0 < report < len(names)
    halves = {h: relating.held_out(keyphrase, None, half=h)[0] for h in (splits.REPORT, "all")}
    assert [len(halves[h].texts) for h in (splits.REPORT, "all")] == [report, len(names)]
