"""Spark local[2]: the example job parses like the CLI, loading the model once per process."""

import json
import pathlib
import sys

import pytest

from conftest import ROOT

pytest.importorskip("pyspark", reason="the Spark test needs pyspark (pip install pyspark) and Java 17")
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "examples"))
import spark_parse  # noqa: E402

DOCS = [
    "The quick brown fox jumped over the lazy dog. It didn't look back.",
    "Spark runs Python workers. Each one keeps its model.",
    "A third document, with one sentence only.",
    "Mr. Smith went to Washington on Jan. 5th. He stayed.",
] * 6


def test_the_job_parses_as_the_cli_does_with_one_model_per_process(tmp_path, cli):
    source = tmp_path / "docs.txt"
    source.write_text("\n".join(DOCS) + "\n")
    summary = spark_parse.main(["--master", "local[2]", "--input", str(source), "--output", str(tmp_path / "out"),
                                "--partitions", "4", "--batch-size", "3"])
    conllu = "".join(p.read_text() for p in sorted((tmp_path / "out").glob("part-*")))
    expected = cli("parse", "--quiet", "--threads", "1", input="\n\n".join(DOCS).encode())
    assert spark_parse.sentence_set(conllu) == spark_parse.sentence_set(expected)
    texts = lambda c: [l for l in c.splitlines() if l.startswith("# text = ")]
    assert texts(conllu) == texts(expected)  # the documents in input order
    assert summary["documents"] == len(DOCS)
    assert summary["words"] == sum(1 for l in expected.splitlines() if l and l[0].isdigit() and "-" not in l.split("\t")[0])
    # Four tasks on two cores: at most two Python workers, each loading the model once.
    assert 1 <= summary["worker_processes"] <= 2
    assert summary["model_loads"] == summary["worker_processes"], json.dumps(summary)


def test_parquet_rows_hold_each_document_with_its_worker(tmp_path, cli):
    import pandas as pd

    source = tmp_path / "docs.txt"
    source.write_text("\n".join(DOCS[:8]) + "\n")
    summary = spark_parse.main(["--master", "local[2]", "--input", str(source), "--output", str(tmp_path / "out"),
                                "--format", "parquet", "--partitions", "2"])
    rows = pd.read_parquet(tmp_path / "out").sort_values("id")
    assert list(rows.columns) == ["id", "conllu", "sentences", "words", "pid"]
    assert len(rows) == 8 and rows["id"].is_unique
    for text, conllu in zip(DOCS[:8], rows["conllu"]):
        assert spark_parse.sentence_set(conllu) == spark_parse.sentence_set(cli("parse", "--quiet", input=text.encode()))
    assert rows["pid"].nunique() == summary["worker_processes"] == summary["model_loads"]


def test_the_cli_path_pipes_partitions_through_arbor_parse(tmp_path, cli):
    source = tmp_path / "docs.txt"
    source.write_text("\n".join(DOCS) + "\n")
    exe = ROOT / "target" / "release" / "arbor"
    if not exe.exists():
        exe = ROOT / "target" / "debug" / "arbor"
    spark_parse.main(["--master", "local[2]", "--input", str(source), "--output", str(tmp_path / "out"),
                      "--cli", str(exe), "--partitions", "2"])
    # RDD.pipe gives one element per output line; the part files hold them one per line.
    conllu = "".join(p.read_text() for p in sorted((tmp_path / "out").glob("part-*")))
    expected = cli("parse", "--quiet", "--threads", "1", input="\n\n".join(DOCS).encode())
    assert spark_parse.sentence_set(conllu) == spark_parse.sentence_set(expected)
