"""Recipe helpers: the functions handed to Spark mapInPandas and Dask bags give one-process output."""

from __future__ import annotations

import json
import pickle

import pytest

from cleantext.engine import COLUMNS, Cleaner
from cleantext.integrations.recipes import REPORT_COLUMN, pandas_cleaner, record_cleaner

DOCS = ["标题\n正文一段。\n\n正文一段。\n", "首页 > 新闻 > 正文\n一个干净的段落。\n", "干净。\n"]


def test_record_cleaner_survives_pickling():
    cloudpickle = pytest.importorskip("cloudpickle")  # what Dask and Spark use to ship functions
    fn = pickle.loads(cloudpickle.dumps(record_cleaner(text_field="t")))
    ref_texts, ref_reports = Cleaner().clean_batch(DOCS)
    for i, d in enumerate(DOCS):
        out = fn({"id": i, "t": d})
        assert out["id"] == i and out["t"] == ref_texts[i]
        assert json.loads(out[REPORT_COLUMN]) == json.loads(ref_reports[i])


def test_pandas_cleaner():
    pd = pytest.importorskip("pandas")
    fn = pandas_cleaner(text_column="text")
    frames = [pd.DataFrame({"id": [0, 1], "text": DOCS[:2]}), pd.DataFrame({"id": [2], "text": DOCS[2:]})]
    out = pd.concat(list(fn(iter(frames))))
    assert list(out["text"]) == Cleaner().clean_batch(DOCS)[0]
    assert list(out.columns) == ["id", "text", *COLUMNS]


def test_dask_bag_with_processes():
    dask = pytest.importorskip("dask")
    import dask.bag as db

    recs = [{"id": i, "text": d} for i, d in enumerate(DOCS * 4)]
    with dask.config.set(scheduler="processes", num_workers=2):
        out = db.from_sequence(recs, npartitions=2).map(record_cleaner()).compute()
    assert [r["text"] for r in out] == Cleaner().clean_batch([r["text"] for r in recs])[0]
