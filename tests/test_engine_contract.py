"""One per-record contract on every engine adapter: a null, missing, non-string or failing record comes
back unchanged with its error (report and column), the others are cleaned, nothing raises.

The batch-format tests call the adapters directly (no cluster); the engines themselves run in
test_ray.py (Ray) and test_engine_docs.py (Spark, Dask, datatrove, as the documented scripts).
"""

from __future__ import annotations

import json

import pytest

from cleantext.engine import (
    CHANGED_COLUMN,
    COLUMNS,
    ERROR_COLUMN,
    REMOVED_COLUMN,
    REPORT_COLUMN,
    REPORT_KEYS,
    Cleaner,
    is_null,
)
from cleantext.filters.base import Filter
from cleantext.integrations.ray import RayCleaner
from cleantext.integrations.recipes import pandas_cleaner, partition_cleaner, record_cleaner

GOOD = "首页 > 新闻 > 正文\n一个干净的段落，讲了一件事。\n"


class Boom(Filter):
    """Raises on one document (a picklable stand-in for a filter bug)."""

    name = "boom"
    kind = "page_chrome"

    def find(self, doc):
        if "炸" in doc.text:
            raise RuntimeError("bad input")
        return []


def _expected(values):
    c = Cleaner()
    return [c.clean_record(v) for v in values]


def _check_row(value, text, report, changed, error, removed):
    """One output row against the contract."""
    d = json.loads(report)
    assert tuple(d) == REPORT_KEYS
    assert d["error"] == error
    if isinstance(value, str | bytes):
        res = Cleaner().clean(value)
        assert error is None and text == res.text
        assert changed == bool(res.report.removed_chars) and removed == res.report.removed_chars
    else:
        assert error and changed is False and removed == 0
        if is_null(value):
            assert is_null(text)  # null in, null out (the adapters write None)
        else:
            assert text == value


def _values(pd):
    return [GOOD, None, pd.NA, float("nan"), 123, 1.5, [1, 2], {"a": 1}, "干净。\n", GOOD.encode()]


@pytest.fixture
def pd():
    return pytest.importorskip("pandas")


def test_pandas_cleaner_nulls_and_non_strings(pd):
    values = _values(pd)
    df = pd.DataFrame({"id": range(len(values)), "text": pd.Series(values, dtype=object)})
    out = pd.concat(list(pandas_cleaner()(iter([df.iloc[:4], df.iloc[4:]]))))
    assert list(out.columns) == ["id", "text", *COLUMNS]
    for v, row in zip(values, out.to_dict("records"), strict=True):
        _check_row(v, row["text"], row[REPORT_COLUMN], row[CHANGED_COLUMN], row[ERROR_COLUMN], row[REMOVED_COLUMN])
    assert out["text"].iloc[1] is None and out["text"].iloc[2] is None  # a null comes back null
    assert out[CHANGED_COLUMN].dtype == bool and out[REMOVED_COLUMN].dtype == "int64"


def test_pandas_string_dtype_with_na(pd):
    """pandas' string dtypes (the default in pandas 3) hold nulls as NaN or pd.NA."""
    for dtype in ("string", "str") if int(pd.__version__.split(".")[0]) >= 3 else ("string",):
        df = pd.DataFrame({"text": pd.Series([GOOD, None, "干净。\n"], dtype=dtype)})
        out = next(pandas_cleaner()(iter([df])))
        assert out[ERROR_COLUMN].iloc[1].startswith("NullText") and out["text"].iloc[1] is None
        assert out["text"].iloc[0] == Cleaner().clean(GOOD).text and out[ERROR_COLUMN].iloc[0] is None


def test_pandas_cleaner_missing_column_and_failing_record(pd):
    out = next(pandas_cleaner(filters=[Boom()])(iter([pd.DataFrame({"other": [1, 2]})])))
    assert list(out[ERROR_COLUMN].str.split(":").str[0]) == ["MissingText", "MissingText"]
    out = next(pandas_cleaner(filters=[Boom()])(iter([pd.DataFrame({"text": ["好的。", "炸了。"]})])))
    assert list(out["text"]) == ["好的。", "炸了。"]
    assert list(out[ERROR_COLUMN]) == [None, "RuntimeError: bad input"]


@pytest.mark.parametrize("fmt", ["pandas", "pyarrow", "numpy"])
def test_ray_cleaner_every_batch_format(pd, fmt):
    pa = pytest.importorskip("pyarrow")
    np = pytest.importorskip("numpy")
    values = [GOOD, None, "干净。\n", "标题\n正文一段。\n\n正文一段。\n"]
    df = pd.DataFrame({"id": range(len(values)), "text": values})
    batch = {"pandas": df, "pyarrow": pa.Table.from_pandas(df, preserve_index=False),
             "numpy": {"id": np.arange(len(values)), "text": np.array(values, dtype=object)}}[fmt]
    out = RayCleaner()(batch)
    if fmt == "pyarrow":
        assert isinstance(out, pa.Table)
        assert out.schema.field(CHANGED_COLUMN).type == pa.bool_()
        assert out.schema.field(REMOVED_COLUMN).type == pa.int64()
        rows = out.to_pylist()
    elif fmt == "pandas":
        assert isinstance(out, pd.DataFrame)
        rows = out.to_dict("records")
    else:
        assert isinstance(out, dict) and out[CHANGED_COLUMN].dtype == bool
        rows = [{k: out[k][i] for k in out} for i in range(len(values))]
    assert [r["id"] for r in rows] == list(range(len(values)))
    for v, r in zip(values, rows, strict=True):
        _check_row(v, r["text"], r[REPORT_COLUMN], bool(r[CHANGED_COLUMN]), r[ERROR_COLUMN], int(r[REMOVED_COLUMN]))


def test_ray_cleaner_mixed_objects_and_output_column(pd):
    pa = pytest.importorskip("pyarrow")
    values = _values(pd)
    df = pd.DataFrame({"text": pd.Series(values, dtype=object)})
    out = RayCleaner(output_column="clean", report_column=None)(df)
    assert list(out["text"]) [:2] == values[:2] and REPORT_COLUMN not in out.columns
    assert out["clean"].iloc[0] == Cleaner().clean(GOOD).text and out["clean"].iloc[4] == 123
    t = pa.table({"text": pa.array([GOOD, None, "炸了。"])})
    out = RayCleaner(filters=[Boom()])(t)
    assert out.column("text").to_pylist() == [GOOD, None, "炸了。"]
    assert out.column(ERROR_COLUMN).to_pylist()[2] == "RuntimeError: bad input"


def test_record_and_partition_cleaners():
    values = [GOOD, None, float("nan"), 123, [1], {"a": 1}, "炸了。"]
    recs = [{"id": i, "text": v} for i, v in enumerate(values)] + [{"id": 99}]
    out = partition_cleaner(filters=[Boom()])(recs)
    one = record_cleaner(filters=[Boom()])
    for r, o in zip(recs, out, strict=True):
        a = one(r)
        assert a[ERROR_COLUMN] == o[ERROR_COLUMN] and a[REPORT_COLUMN] == o[REPORT_COLUMN]
    assert [o["id"] for o in out] == [r["id"] for r in recs]
    assert out[0]["text"] == Cleaner([Boom()]).clean(GOOD).text and out[0][ERROR_COLUMN] is None
    assert out[3]["text"] == 123 and out[3][ERROR_COLUMN].startswith("TypeError")
    assert out[6]["text"] == "炸了。" and out[6][ERROR_COLUMN] == "RuntimeError: bad input"
    assert "text" not in out[7] and out[7][ERROR_COLUMN].startswith("MissingText")
    assert {tuple(json.loads(o[REPORT_COLUMN])) for o in out} == {REPORT_KEYS}


def test_datatrove_step_guards_each_document():
    pytest.importorskip("datatrove")
    from datatrove.data import Document

    from cleantext.integrations.datatrove import CleantextStep

    docs = [Document(text=GOOD, id="0"), Document(text="炸了。", id="1"), Document(text=None, id="2"),
            Document(text="干净。\n", id="3")]
    out = list(CleantextStep(filters=[Boom()]).run(iter(docs)))
    assert [d.id for d in out] == ["0", "1", "2", "3"]
    assert out[0].text == Cleaner([Boom()]).clean(GOOD).text and out[0].metadata[ERROR_COLUMN] is None
    assert out[1].text == "炸了。" and out[1].metadata[ERROR_COLUMN] == "RuntimeError: bad input"
    assert out[2].text is None and out[2].metadata[ERROR_COLUMN].startswith("NullText")
    assert {tuple(json.loads(d.metadata[REPORT_COLUMN])) for d in out} == {REPORT_KEYS}


def test_dask_job_survives_bad_records():
    dask = pytest.importorskip("dask")
    import dask.bag as db

    recs = [{"id": i, "text": v} for i, v in enumerate([GOOD, None, 123, [1], "炸了。", "干净。\n"] * 2)]
    with dask.config.set(scheduler="processes", num_workers=2):
        out = db.from_sequence(recs, npartitions=2).map_partitions(partition_cleaner(filters=[Boom()])).compute()
    assert [o["id"] for o in out] == [r["id"] for r in recs]
    assert [o[ERROR_COLUMN] is None for o in out] == [isinstance(r["text"], str) and "炸" not in r["text"]
                                                       for r in recs]


@pytest.mark.slow
def test_spark_job_survives_null_and_failing_records(pd, tmp_path):
    """Spark local[2]: a null (None or NaN, by pandas version) and a failing document in a job."""
    import os
    import shutil
    import sys

    pytest.importorskip("pyspark")
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        pytest.skip("Spark needs a Java runtime")
    from pyspark import cloudpickle
    from pyspark.sql import SparkSession

    from cleantext.integrations.recipes import spark_schema

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # Boom travels to the Python workers
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false").getOrCreate()
    try:
        values = [GOOD, None, "炸了。", "干净。\n"] * 3
        path = tmp_path / "in.jsonl"
        path.write_text("".join(json.dumps({"id": i, "text": v}, ensure_ascii=False) + "\n"
                                for i, v in enumerate(values)), encoding="utf-8")
        df = spark.read.json(str(path)).repartition(2)
        out = df.mapInPandas(pandas_cleaner(filters=[Boom()]), schema=spark_schema(df.schema))
        rows = sorted((r.asDict() for r in out.collect()), key=lambda r: r["id"])
    finally:
        spark.stop()
    ref = Cleaner([Boom()])
    assert len(rows) == len(values)
    for v, r in zip(values, rows, strict=True):
        text, error, _ = ref.clean_record(v)
        if v is None:  # None or NaN, by pandas version: the message names the type
            assert r["text"] is None and r[ERROR_COLUMN].startswith("NullText: the text is null")
        else:
            assert (r["text"], r[ERROR_COLUMN]) == (text, error)
        assert tuple(json.loads(r[REPORT_COLUMN])) == REPORT_KEYS
    assert rows[1][ERROR_COLUMN].startswith("NullText") and rows[2][ERROR_COLUMN] == "RuntimeError: bad input"


@pytest.mark.slow
def test_ray_job_survives_a_failing_record():
    import os
    import sys

    ray = pytest.importorskip("ray")
    from ray import cloudpickle

    from cleantext.integrations.ray import clean_dataset

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # Boom travels to the actors
    os.environ.setdefault("RAY_AUTH_MODE", "disabled")
    started = not ray.is_initialized()
    if started:
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        ds = ray.data.from_items([{"id": i, "text": t} for i, t in enumerate(["好的。", "炸了。", None, "正文。"])])
        rows = sorted(clean_dataset(ds, filters=[Boom()], batch_size=2).take_all(), key=lambda r: r["id"])
    finally:
        if started:
            ray.shutdown()
    assert [r["text"] for r in rows] == ["好的。", "炸了。", None, "正文。"]
    assert [str(r[ERROR_COLUMN]).split(":")[0] for r in rows] == ["None", "RuntimeError", "NullText", "None"]
