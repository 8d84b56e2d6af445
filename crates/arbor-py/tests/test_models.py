"""CoNLL-U, evaluation, word vectors, language models, loading errors."""

import json
import math

import pytest

import arbor
from conftest import ROOT

SAMPLE = ROOT / "corpora" / "sample.conllu"
SYSTEM = ROOT / "corpora" / "sample-system.conllu"


def test_conllu_round_trips_byte_for_byte():
    doc = arbor.read_conllu(SAMPLE)
    assert doc.to_conllu() == SAMPLE.read_text()
    assert arbor.from_conllu(SAMPLE.read_text()).to_conllu() == SAMPLE.read_text()
    assert len(doc) > 0 and all(len(s) > 0 for s in doc)


def test_bad_conllu_names_the_file_and_line(tmp_path):
    bad = tmp_path / "bad.conllu"
    bad.write_text("1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n2\tthere\n\n")
    with pytest.raises(arbor.ArborError, match=r"bad\.conllu:2"):
        arbor.read_conllu(bad)
    with pytest.raises(arbor.ArborError):
        arbor.read_conllu(tmp_path / "missing.conllu")


def test_evaluate_equals_arbor_eval(cli):
    scores = arbor.evaluate(SAMPLE, SYSTEM)
    assert scores == json.loads(cli("eval", "--json", str(SAMPLE), str(SYSTEM)))
    assert 0 < scores["LAS"]["f1"] <= 1
    assert arbor.evaluate(arbor.read_conllu(SAMPLE), arbor.read_conllu(SAMPLE))["LAS"]["f1"] == 1.0


def test_evaluate_reports_text_mismatch(tmp_path):
    other = tmp_path / "other.conllu"
    other.write_text("1\tDifferent\tdifferent\tADJ\tJJ\t_\t0\troot\t_\t_\n\n")
    with pytest.raises(arbor.ArborError):
        arbor.evaluate(SAMPLE, other)


def test_word2vec_loads_and_answers(tmp_path):
    path = tmp_path / "v.txt"
    path.write_text("4 3\ncat 1 0 0\ndog 0.9 0.1 0\ncar 0 0 1\ntruck 0 0.1 0.9\n")
    v = arbor.Word2Vec.load(path)
    assert (len(v), v.dim, "cat" in v, "cow" in v) == (4, 3, True, False)
    assert [w for w, _ in v.most_similar("cat", topn=2)] == ["dog", "truck"]
    assert v.similarity("car", "truck") > 0.9
    assert v.vector("car") == [0.0, 0.0, 1.0]
    with pytest.raises(KeyError):
        v.vector("cow")
    with pytest.raises(arbor.ArborError):
        v.most_similar("cow")


def test_a_lying_vector_header_is_an_error_not_a_crash(tmp_path):
    path = tmp_path / "v.txt"
    path.write_text("1000000000 100\nfoo 1 2\n")
    with pytest.raises(arbor.ArborError, match="v.txt"):
        arbor.Word2Vec.load(path)


def test_language_model_scores_as_the_cli_does(cli, tmp_path):
    model = ROOT / "models" / "lm-ptb"
    lm = arbor.LanguageModel.load(model)
    line = "the company said it expects to report a loss"
    log_prob, tokens = lm.score(line)
    assert tokens == len(line.split()) + 1
    cli_log_prob = float(cli("lm", "score", "--device", "cpu", "--model", str(model), input=(line + "\n").encode()).split("\t")[0])
    assert math.isclose(log_prob, cli_log_prob, rel_tol=1e-4)
    assert lm.perplexity(line) < lm.perplexity("loss a report to expects it said company the")
    with pytest.raises(arbor.ArborError, match="one line"):
        lm.score("two\nlines")


def test_loading_errors_are_arbor_errors(tmp_path):
    with pytest.raises(arbor.ArborError, match="cannot load the parser"):
        arbor.load(tmp_path)
    with pytest.raises(arbor.ArborError, match="device"):
        arbor.load(device="tpu")
    with pytest.raises(arbor.ArborError):
        arbor.LanguageModel.load(tmp_path)
    with pytest.raises(ValueError):
        arbor.load(batch_words=0)
    with pytest.raises(ValueError):
        arbor.set_num_threads(0)


def test_threads_setting_round_trips():
    before = arbor.get_num_threads()
    arbor.set_num_threads(1)
    assert arbor.get_num_threads() == 1
    arbor.set_num_threads(before)
