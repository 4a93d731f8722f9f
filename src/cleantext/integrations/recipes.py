"""Small helpers for engines that need no adapter class: Spark ``mapInPandas`` and Dask bags.

Each helper returns a plain function that builds one :class:`~cleantext.engine.Cleaner` per
process on first use (Spark and Dask pickle the function, not the compiled filters). Every record
gets the cleaned text and the columns of :mod:`cleantext.engine` (``cleantext_report``,
``cleantext_changed``, ``cleantext_error``, ``cleantext_removed_chars``); a null, missing,
non-string or failing record comes back unchanged with its error, and the job goes on.

PySpark (``local[2]``), as a script::

    import os, sys
    from cleantext.integrations.recipes import pandas_cleaner, spark_schema

    if __name__ == "__main__":
        os.environ["PYSPARK_PYTHON"] = sys.executable       # workers must import cleantext
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.master("local[2]").getOrCreate()
        df = spark.read.json("corpus.jsonl")
        out = df.mapInPandas(pandas_cleaner(text_column="text"), schema=spark_schema(df.schema))
        out.write.mode("overwrite").parquet("cleaned-spark")
        spark.stop()

Dask (2 processes), as a script::

    import json, dask, dask.bag as db
    from cleantext.integrations.recipes import partition_cleaner

    if __name__ == "__main__":
        with dask.config.set(scheduler="processes", num_workers=2):
            db.read_text("corpus.jsonl", blocksize="4MiB").map(json.loads) \\
              .map_partitions(partition_cleaner(text_field="text")) \\
              .map(json.dumps, ensure_ascii=False).to_textfiles("cleaned-dask/*.jsonl")
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..engine import CHANGED_COLUMN, ERROR_COLUMN, MISSING, REMOVED_COLUMN, REPORT_COLUMN, Cleaner, is_null

#: The columns the report adds, as a Spark DDL fragment (for ``mapInPandas(schema=...)``).
SPARK_SCHEMA_FIELDS = (f"{REPORT_COLUMN} string, {CHANGED_COLUMN} boolean, {ERROR_COLUMN} string, "
                       f"{REMOVED_COLUMN} bigint")

_CLEANERS: dict[str, Cleaner] = {}


def _cleaner(key: str, kw: dict[str, Any]) -> Cleaner:
    c = _CLEANERS.get(key)
    if c is None:
        c = _CLEANERS[key] = Cleaner(**kw)
    return c


def spark_schema(schema: Any, *, text_column: str = "text", output_column: str | None = None,
                 report_column: str | None = REPORT_COLUMN) -> Any:
    """``schema`` (a Spark ``StructType``) plus the report columns, for ``mapInPandas(schema=...)``."""
    from pyspark.sql.types import BooleanType, LongType, StringType, StructField, StructType

    fields = list(schema.fields)
    names = [f.name for f in fields]
    out = output_column or text_column
    if out not in names:
        fields.append(StructField(out, StringType(), True))
    extra = [(CHANGED_COLUMN, BooleanType()), (ERROR_COLUMN, StringType()), (REMOVED_COLUMN, LongType())]
    if report_column:
        extra.insert(0, (report_column, StringType()))
    fields += [StructField(n, t, True) for n, t in extra if n not in names]
    return StructType(fields)


def pandas_cleaner(*, text_column: str = "text", output_column: str | None = None,
                   report_column: str | None = REPORT_COLUMN, site_column: str | None = None,
                   **cleaner_kw: Any) -> Callable[[Iterator[Any]], Iterator[Any]]:
    """A function for ``DataFrame.mapInPandas``: cleans ``text_column`` (into ``output_column``, default
    in place) and adds the report columns. ``cleaner_kw`` are :class:`~cleantext.engine.Cleaner` options."""
    key = uuid.uuid4().hex  # travels with the pickled function: one Cleaner per process
    out_col = output_column or text_column

    def run(frames: Iterator[Any]) -> Iterator[Any]:
        import pandas as pd

        c = _cleaner(key, cleaner_kw)
        for df in frames:
            n = len(df)
            texts = df[text_column].tolist() if text_column in df.columns else [MISSING] * n
            sites = df[site_column].tolist() if site_column and site_column in df.columns else None
            b = c.clean_columns(texts, sites, report=report_column is not None)
            df = df.copy(deep=False)
            # a null comes back null (None, which every engine reads as null; NaN is a float to Arrow)
            out_texts = [None if is_null(t) else t for t in b.texts]
            df[out_col] = pd.Series(out_texts, index=df.index, dtype=object)
            if report_column:
                df[report_column] = pd.Series(b.reports, index=df.index, dtype=object)
            df[CHANGED_COLUMN] = pd.Series(b.changed, index=df.index, dtype=bool)
            df[ERROR_COLUMN] = pd.Series(b.errors, index=df.index, dtype=object)
            df[REMOVED_COLUMN] = pd.Series(b.removed_chars, index=df.index, dtype="int64")
            yield df

    return run


Record = dict[str, Any]


def _clean_records(c: Cleaner, recs: list[Any], text_field: str, report_field: str | None,
                   site_field: str | None) -> list[Any]:
    dicts = [r if isinstance(r, dict) else {text_field: r} for r in recs]
    texts = [r.get(text_field, MISSING) for r in dicts]
    sites = [r.get(site_field) for r in dicts] if site_field else None
    b = c.clean_columns(texts, sites, report=report_field is not None)
    out = []
    for i, r in enumerate(dicts):
        r = dict(r)
        if texts[i] is not MISSING:  # a missing field stays missing
            r[text_field] = b.texts[i]
        if report_field:
            r[report_field] = b.reports[i]
        r[CHANGED_COLUMN] = b.changed[i]
        r[ERROR_COLUMN] = b.errors[i]
        r[REMOVED_COLUMN] = b.removed_chars[i]
        out.append(r)
    return out


def record_cleaner(*, text_field: str = "text", report_field: str | None = REPORT_COLUMN,
                   site_field: str | None = None, **cleaner_kw: Any) -> Callable[[Record], Record]:
    """A function for ``dask.bag.map`` (or any ``map``) over dict records (one record per call)."""
    key = uuid.uuid4().hex  # travels with the pickled function: one Cleaner per process

    def run(rec: Record) -> Record:
        return _clean_records(_cleaner(key, cleaner_kw), [rec], text_field, report_field, site_field)[0]

    return run


def partition_cleaner(*, text_field: str = "text", report_field: str | None = REPORT_COLUMN,
                      site_field: str | None = None,
                      **cleaner_kw: Any) -> Callable[[Iterable[Record]], list[Record]]:
    """A function for ``dask.bag.map_partitions``: a whole partition of dict records per call."""
    key = uuid.uuid4().hex

    def run(recs: Iterable[Record]) -> list[Record]:
        return _clean_records(_cleaner(key, cleaner_kw), list(recs), text_field, report_field, site_field)

    return run
