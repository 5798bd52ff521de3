from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from generator.evaluation import keyphrases
from generator.evaluation.keyphrases import Document, datasets, load, score, stemmed

DOC = (
    "Federated learning trains models across many clients without sharing their data. We study "
    "federated learning with large language models and show that federated fine-tuning of large "
    "language models reduces memory use on clients."
)


def make_zip(folder: Path, name: str) -> Path:
    path = folder / f"{name}.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{name}/docsutf8/a.txt", DOC)
        archive.writestr(f"{name}/keys/a.key", "Federated Learning\nlarge language model\nprivacy\n")
        archive.writestr(f"{name}/docsutf8/b.txt", "Graph neural networks for graphs. Graph neural networks.")
        archive.writestr(f"{name}/keys/b.key", "graph neural networks\n")
        archive.writestr(f"{name}/docsutf8/orphan.txt", "A document without keys is not scored.")
    return path


def test_stemmed_matching_ignores_case_and_inflection() -> None:
    assert stemmed("Large Language Models") == stemmed("large language model")
    assert stemmed("clustering") == stemmed("clusters")
    assert stemmed("graph-based") == stemmed("graph based")


def test_load_reads_zips_and_folders_alike(tmp_path: Path) -> None:
    path = make_zip(tmp_path, "tiny")
    docs = load(path)
    assert [d.name for d in docs] == ["a", "b"]
    assert docs[0].keys == ("Federated Learning", "large language model", "privacy")
    with zipfile.ZipFile(path) as archive:
        archive.extractall(tmp_path / "unpacked")
    assert load(tmp_path / "unpacked" / "tiny") == docs
    assert [name for name, _ in datasets(tmp_path)] == ["tiny"]


def test_score_is_precision_recall_f1_at_10() -> None:
    docs = [Document("a", "", ("federated learning", "large language models", "privacy", "memory"))]
    predicted = [("Federated Learning", "large language model", "clients", "models")]
    result = score(docs, predicted, seconds=1.0)
    assert result.precision == pytest.approx(2 / 4)
    assert result.recall == pytest.approx(2 / 4)
    assert result.f1 == pytest.approx(0.5)
    # Only the first 10 predictions count.
    late = [(*(f"x{i}" for i in range(10)), "privacy")]
    assert score(docs, late, seconds=1.0).recall == 0.0


def test_command_prints_both_systems_side_by_side(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_zip(tmp_path, "tiny")
    assert keyphrases.main([str(tmp_path), "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert "Raw YAKE P@10" in out and "Ours P@10" in out
    row = next(line for line in out.splitlines() if line.startswith("| tiny |"))
    assert row.split("|")[2].strip() == "2"


def test_command_refuses_a_folder_without_datasets(tmp_path: Path) -> None:
    assert keyphrases.main([str(tmp_path)]) == 2
