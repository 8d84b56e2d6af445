"""Parse text on Apache Spark with Arbor's Python package: one model per executor process.

Reads text (a file with one document per line, or a directory of such files; --whole-files:
each file one document), parses each partition with ``mapInPandas`` — the model is loaded once
per Python worker process and kept for every later batch and task that process runs — and
writes CoNLL-U (one file per partition, documents in order) or Parquet (a row per document:
id, CoNLL-U, sentences, words, and the pid of the process that parsed it).

    spark-submit crates/arbor-py/examples/spark_parse.py --input docs.txt --output out/ [--format parquet]
    python crates/arbor-py/examples/spark_parse.py --master 'local[2]' --input docs.txt --output out/

On a cluster, ship an environment that holds torch==2.11.0 and arbor (built with
scripts/install-python or pip install --no-build-isolation ./crates/arbor-py), e.g. packed with
venv-pack, plus the model directory:

    venv-pack -o arbor-env.tar.gz
    spark-submit --archives arbor-env.tar.gz#env,models.tar.gz#models \
        --conf spark.pyspark.python=./env/bin/python \
        --conf spark.executorEnv.ARBOR_MODELS=./models \
        crates/arbor-py/examples/spark_parse.py --input hdfs:///corpus --output hdfs:///parsed

The CLI path instead of the package: ``--cli PATH_TO_ARBOR`` pipes each partition through
``arbor parse --format conllu`` (``RDD.pipe``), one CLI process per partition.
"""

import argparse
import json
import os
import sys
import time

_NLP = None  # this Python worker process's pipeline


def _pipeline(loads=None):
    global _NLP
    if _NLP is None:
        import arbor

        # One libtorch thread per Spark task: the executor's cores are Spark's to share out.
        arbor.set_num_threads(int(os.environ.get("ARBOR_TORCH_THREADS", "1")))
        _NLP = arbor.load(os.environ.get("ARBOR_PIPELINE") or None)
        if loads is not None:
            loads.add(1)
    return _NLP


def parse_partitions(batch_size, loads):
    def run(frames):
        import pandas as pd

        nlp = _pipeline(loads)
        pid = os.getpid()
        for frame in frames:
            docs = list(nlp.pipe(frame["text"].tolist(), batch_size=batch_size))
            yield pd.DataFrame({
                "id": frame["id"],
                "conllu": [d.to_conllu() for d in docs],
                "sentences": [len(d) for d in docs],
                "words": [sum(len(s) for s in d) for d in docs],
                "pid": [pid] * len(docs),
            })

    return run


def sentence_set(conllu):
    """The sentences of CoNLL-U text as a multiset-free set of comparable strings: without the
    comments (ids and document markers restart per process) and the TokenRange offsets (they
    count from the start of what each process read)."""
    import re

    out = set()
    for block in conllu.split("\n\n"):
        lines = [re.sub(r"\|?TokenRange=\d+:\d+", "", l) for l in block.splitlines() if l and not l.startswith("#")]
        if lines:
            out.add("\n".join(lines))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--input", required=True)
    ap.add_argument("--output", required=True)
    ap.add_argument("--format", choices=["conllu", "parquet"], default="conllu")
    ap.add_argument("--master", default=None, help="e.g. local[2] (default: spark-submit's)")
    ap.add_argument("--whole-files", action="store_true", help="each file is one document")
    ap.add_argument("--partitions", type=int, default=None)
    ap.add_argument("--batch-size", type=int, default=64, help="documents per pipe call")
    ap.add_argument("--cli", default=None, help="pipe partitions through this `arbor` binary instead")
    args = ap.parse_args(argv)

    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    builder = SparkSession.builder.appName("arbor-parse")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    # The workers import this file's functions by name (when it is imported, not run).
    spark.sparkContext.addPyFile(os.path.abspath(__file__))
    started = time.time()
    if args.cli:
        rdd = spark.sparkContext.textFile(args.input, args.partitions or 2)
        # A blank line after each document keeps documents apart (paragraphs, for the CLI).
        parsed = rdd.map(lambda line: line + "\n").pipe(f"{args.cli} parse --quiet --threads 1 --format conllu")
        parsed.saveAsTextFile(args.output)
        summary = {"mode": "cli", "seconds": round(time.time() - started, 2)}
    else:
        frame = spark.read.text(args.input, wholetext=args.whole_files).withColumnRenamed("value", "text")
        frame = frame.filter(F.length(F.trim("text")) > 0)
        # Ids in input order, before any repartitioning shuffles the rows.
        frame = frame.withColumn("id", F.monotonically_increasing_id())
        if args.partitions:
            frame = frame.repartition(args.partitions)
        loads = spark.sparkContext.accumulator(0)
        schema = "id long, conllu string, sentences int, words int, pid int"
        parsed = frame.mapInPandas(parse_partitions(args.batch_size, loads), schema=schema).cache()
        if args.format == "parquet":
            parsed.write.mode("overwrite").parquet(args.output)
        else:
            # Each document's CoNLL-U ends in a blank line; the writer adds one "\n" per row.
            rows = parsed.filter(F.length("conllu") > 0).orderBy("id")
            rows = rows.select(F.expr("substring(conllu, 1, length(conllu) - 1)").alias("conllu"))
            rows.write.mode("overwrite").text(args.output)
        stats = parsed.agg(F.sum("words"), F.sum("sentences"), F.countDistinct("pid"), F.count("id")).first()
        seconds = time.time() - started
        summary = {"mode": "package", "documents": stats[3], "sentences": stats[1], "words": stats[0],
                   "seconds": round(seconds, 2), "words_per_s": round(stats[0] / seconds),
                   "worker_processes": stats[2], "model_loads": loads.value}
    print(json.dumps(summary), file=sys.stderr)
    spark.stop()
    return summary


if __name__ == "__main__":
    main()
