"""The pipeline as a PySpark job: ``dateline spark INPUT... --out DIR`` (or spark-submit).

    inputs (any Hadoop file system URL: files or folders of JSON Lines, text, HTML, WARC)
      -> binaryFiles                      one record per file
      -> mapPartitions: read, segment, spaCy + extractors   (Pipeline loaded once per Python worker)
      -> one document per article id      the first by (path, position), as `dateline ingest` keeps it
      -> tables (dateline.tables)         articles, entities, quotes, times, places, quantities, events
      -> incidents                        events grouped by merge family, merged by merge_reports
      -> Parquet, partitioned by publication month

Every stage is a function from the single-machine code path; Spark only moves
the data. Two reports can only be the same incident when their families are
equal, so merging each family's reports in one task gives exactly the
single-machine merge (a family's reports must fit one executor's memory).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from typing import Any, Iterable, Iterator

from ..settings import Settings

__all__ = ["run_spark", "spark_session"]

_pipelines: dict[tuple, Any] = {}   # per Python worker process: settings -> Pipeline (never at import)


def _pipeline(settings: dict):
    key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in settings.items()))
    if key not in _pipelines:
        from ..pipeline import Pipeline

        _pipelines[key] = Pipeline(Settings(**{k: tuple(v) if k == "disable" else v for k, v in settings.items()}))
    return _pipelines[key]


def _extract_partition(files: Iterable[tuple[str, bytes]], settings: dict) -> Iterator[tuple]:
    """(path, bytes) -> ("article", id, order key, document JSON) | ("failure", reason line)."""
    from ..model import Article, Failure
    from ..pipeline import batched
    from ..readers import file_documents

    pipe = _pipeline(settings)
    for uri, data in files:
        path = _local(uri)
        items = pipe.segment(file_documents(path, data, settings["max_bytes"]))
        for chunk in batched(items, pipe.settings.batch_size):
            pipe.annotate([a for a in chunk if isinstance(a, Article)])
            for item in chunk:
                if isinstance(item, Article):
                    order = (path, item.source.index, item.source.id or "")
                    yield ("article", item.id, order, json.dumps(item.to_dict(), ensure_ascii=False))
                elif isinstance(item, Failure):
                    yield ("failure", str(item))


def _local(uri: str) -> str:
    """``file:/data/x.jsonl`` -> ``/data/x.jsonl`` (as the single-machine reader names it); other URLs stay."""
    if uri.startswith("file://"):
        return uri[len("file://"):]
    if uri.startswith("file:"):
        return uri[len("file:"):]
    return uri


def _first(a: tuple, b: tuple) -> tuple:
    return a if a[0] <= b[0] else b


def _rows(doc_json: str, table: str) -> list[dict]:
    from ..tables import article_rows

    return article_rows(json.loads(doc_json))[table]


def _family_reports(doc_json: str) -> list[tuple[str, dict]]:
    from ..export import event_reports

    return [(r.get("family") or "", r) for r in event_reports(json.loads(doc_json))]


def _merge_family(reports: Iterable[dict]) -> list[dict]:
    from ..resolve.incidents import merge_reports
    from ..tables import incident_rows

    return incident_rows(merge_reports(list(reports)))


def _spark_schema(table: str):
    from pyspark.sql import types as T

    from ..tables import TABLES

    kinds = {"str": T.StringType(), "int": T.LongType(), "float": T.DoubleType(), "bool": T.BooleanType(),
             "list<str>": T.ArrayType(T.StringType())}
    return T.StructType([T.StructField(name, kinds[kind], True) for name, kind in TABLES[table]])


def spark_session(master: str | None = None):
    """A SparkSession: the one spark-submit configured, else local mode on every core."""
    import sys

    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)      # workers run this interpreter
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("dateline")
    if master or not os.environ.get("SPARK_MASTER"):
        builder = (builder.master(master or "local[*]")
                   .config("spark.ui.enabled", "false")
                   .config("spark.driver.host", "127.0.0.1")
                   .config("spark.sql.shuffle.partitions", "8"))
    return builder.getOrCreate()


def run_spark(inputs: list[str], out: str, settings: Settings | None = None, *, spark=None,
              partitions: int | None = None) -> dict[str, Any]:
    """Run the pipeline over ``inputs`` and write the Parquet tables under ``out``.

    Returns rows written per table plus ``failures`` (one-line reasons, at most 100 kept)."""
    from ..tables import TABLES

    settings = settings or Settings()
    spark = spark or spark_session()
    sc = spark.sparkContext
    conf = asdict(settings)
    conf["disable"] = list(conf["disable"])
    paths = ",".join(os.path.abspath(p) if "://" not in p else p for p in inputs)
    files = sc.binaryFiles(paths, minPartitions=partitions or sc.defaultParallelism)
    items = files.mapPartitions(lambda it: _extract_partition(it, conf)).cache()
    failures = items.filter(lambda r: r[0] == "failure").map(lambda r: r[1])
    docs = (items.filter(lambda r: r[0] == "article")
            .map(lambda r: (r[1], (r[2], r[3])))
            .reduceByKey(_first)
            .map(lambda kv: kv[1][1])
            .cache())
    counts: dict[str, Any] = {}
    for table in TABLES:
        if table == "incidents":
            continue
        rows = docs.flatMap(lambda d, t=table: _rows(d, t))
        frame = spark.createDataFrame(rows, schema=_spark_schema(table))
        frame.write.mode("overwrite").partitionBy("month").parquet(os.path.join(out, table))
        counts[table] = frame.count()
    incidents = (docs.flatMap(_family_reports).groupByKey().flatMap(lambda kv: _merge_family(kv[1])))
    frame = spark.createDataFrame(incidents, schema=_spark_schema("incidents"))
    frame.write.mode("overwrite").partitionBy("month").parquet(os.path.join(out, "incidents"))
    counts["incidents"] = frame.count()
    counts["failures"] = failures.take(100)
    counts["failed"] = failures.count()
    items.unpersist()
    docs.unpersist()
    return counts


def main(argv: list[str] | None = None) -> int:   # spark-submit entry: spark-submit -m? use the CLI
    import sys

    from ..cli import main as cli

    return cli(["spark", *(argv if argv is not None else sys.argv[1:])])
