"""Small helpers for engines that need no adapter class: Spark ``mapInPandas`` and Dask bags.

Each helper returns a plain function that builds one :class:`~cleantext.engine.Cleaner` per
process on first use (Spark and Dask pickle the function, not the compiled filters).

PySpark::

    from cleantext.integrations.recipes import SPARK_SCHEMA_FIELDS, pandas_cleaner
    schema = df.schema.simpleString()[7:-1] + "," + SPARK_SCHEMA_FIELDS  # or spell it out
    out = df.mapInPandas(pandas_cleaner(text_column="text"), schema=...)

Dask::

    import dask.bag as db, json
    from cleantext.integrations.recipes import record_cleaner
    db.read_text("corpus-*.jsonl").map(json.loads).map(record_cleaner()).map(json.dumps).to_textfiles(...)
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

from ..engine import Cleaner

REPORT_COLUMN = "cleantext_report"
#: The column the report adds, as a Spark DDL fragment.
SPARK_SCHEMA_FIELDS = f"{REPORT_COLUMN} string"

_CLEANERS: dict[str, Cleaner] = {}


def _cleaner(key: str, kw: dict[str, Any]) -> Cleaner:
    c = _CLEANERS.get(key)
    if c is None:
        c = _CLEANERS[key] = Cleaner(**kw)
    return c


def pandas_cleaner(*, text_column: str = "text", report_column: str = REPORT_COLUMN,
                   site_column: str | None = None, **cleaner_kw: Any,
                   ) -> Callable[[Iterator[Any]], Iterator[Any]]:
    """A function for ``DataFrame.mapInPandas``: cleans ``text_column`` in place, adds the report."""
    key = uuid.uuid4().hex  # travels with the pickled function: one Cleaner per process

    def run(frames: Iterator[Any]) -> Iterator[Any]:
        c = _cleaner(key, cleaner_kw)
        for df in frames:
            sites = df[site_column].tolist() if site_column else None
            texts, reports = c.clean_batch(df[text_column].tolist(), sites)
            df = df.copy()
            df[text_column] = texts
            df[report_column] = reports
            yield df

    return run


Record = dict[str, Any]


def record_cleaner(*, text_field: str = "text", report_field: str = REPORT_COLUMN,
                   site_field: str | None = None, **cleaner_kw: Any) -> Callable[[Record], Record]:
    """A function for ``dask.bag.map`` (or any ``map``) over dict records."""
    key = uuid.uuid4().hex  # travels with the pickled function: one Cleaner per process

    def run(rec: Record) -> Record:
        c = _cleaner(key, cleaner_kw)
        site = rec.get(site_field) if site_field else None
        texts, reports = c.clean_batch([rec.get(text_field)], [site])
        return {**rec, text_field: texts[0], report_field: reports[0]}

    return run
