"""The picklable Cleaner: same output as the pipeline, one JSON report string per document."""

from __future__ import annotations

import json
import pickle

import pytest

import cleantext
from cleantext.engine import MISSING, REPORT_KEYS, Cleaner
from cleantext.filters.base import Filter
from cleantext.report import Report

DOCS = [
    "标题\n\n第一段正文，讲了一件事。\n\n第一段正文，讲了一件事。\n",
    "首页 > 新闻 > 正文\n一个干净的段落。\n",
    "",
]


def test_clean_batch_matches_pipeline():
    c = Cleaner()
    texts, reports = c.clean_batch(DOCS)
    for doc, t, rep in zip(DOCS, texts, reports, strict=True):
        r = cleantext.clean(doc)
        assert t == r.text
        d = json.loads(rep)
        assert list(d) == list(REPORT_KEYS) and d["error"] is None
        assert {k: v for k, v in d.items() if v is not None} == json.loads(r.report.to_json())
        assert Report.from_dict(d).removals == r.report.removals


def test_pickle_roundtrip_rebuilds_pipeline():
    c = Cleaner(max_chars=10_000)
    c.clean(DOCS[0])  # builds the pipeline
    c2 = pickle.loads(pickle.dumps(c))
    assert c2._pipeline is None and c2.max_chars == 10_000
    assert c2.clean_batch(DOCS) == c.clean_batch(DOCS)


def test_lazy_export_and_call():
    assert cleantext.Cleaner is Cleaner
    assert Cleaner()(DOCS[1]).text == cleantext.clean(DOCS[1]).text


class Boom(Filter):
    name = "boom"
    kind = "page_chrome"

    def find(self, doc):
        if "炸" in doc.text:
            raise RuntimeError("bad input")
        return []


def test_one_failing_document_does_not_lose_the_batch():
    c = Cleaner([Boom()])
    texts, reports = c.clean_batch(["好的。", "炸了。", None])
    assert texts == ["好的。", "炸了。", None]
    assert json.loads(reports[1])["error"] == "RuntimeError: bad input"
    assert json.loads(reports[0])["error"] is None
    assert pickle.loads(pickle.dumps(c)).clean_batch(["好的。"])[0] == ["好的。"]


def test_limits_pass_through():
    texts, reports = Cleaner(max_chars=5).clean_batch(["这是一个超过五个字的文档。"])
    assert texts == ["这是一个超过五个字的文档。"]
    assert "limit" in json.loads(reports[0])["skipped"]


# -- the per-record contract (every engine adapter goes through clean_columns) --------------------

BAD = [None, float("nan"), 123, 1.5, -1, True, [1, 2], {"a": 1}]


def test_bad_records_come_back_unchanged_with_an_error():
    c = Cleaner([Boom()])
    good = "首页 > 新闻\n正文一段。\n"
    b = c.clean_columns([good, *BAD, "炸了。", b"\xe6\xad\xa3\xe6\x96\x87", MISSING])
    n = len(BAD)
    assert b.texts[0] == c.clean(good).text and b.errors[0] is None
    for i, v in enumerate(BAD, start=1):
        assert b.texts[i] is v or (v != v and b.texts[i] != b.texts[i])  # the very object, NaN included
        assert b.errors[i] and not b.changed[i] and b.removed_chars[i] == 0
        assert json.loads(b.reports[i])["error"] == b.errors[i]
    assert b.errors[1].startswith("NullText") and b.errors[2].startswith("NullText")
    assert b.errors[3] == "TypeError: the text is int, not str or bytes"
    assert b.texts[n + 1] == "炸了。" and b.errors[n + 1] == "RuntimeError: bad input"
    assert b.texts[n + 2] == "正文" and b.errors[n + 2] is None  # bytes are valid input
    assert b.texts[n + 3] is None and b.errors[n + 3].startswith("MissingText")
    assert {tuple(json.loads(r)) for r in b.reports} == {REPORT_KEYS}  # one set of keys for all


def test_changed_and_removed_chars_match_the_report():
    docs = ["首页 > 新闻 > 正文\n一个干净的段落。\n", "干净。\n"]
    b = Cleaner().clean_columns(docs)
    for d, ch, n in zip(docs, b.changed, b.removed_chars, strict=True):
        r = cleantext.clean(d)
        assert n == r.report.removed_chars and ch == (n > 0)
    assert b.changed == [True, False]


def test_pandas_nulls_and_numpy_values():
    pd = pytest.importorskip("pandas")
    np = pytest.importorskip("numpy")
    b = Cleaner().clean_columns(["正文。", pd.NA, np.nan, np.float32("nan"), pd.NaT, np.str_("正文。"), np.int64(3)])
    assert [e.split(":")[0] if e else None for e in b.errors] == \
        [None, "NullText", "NullText", "NullText", "NullText", None, "TypeError"]
    assert b.texts[5] == "正文。" and b.texts[1] is pd.NA


def test_report_false_keeps_the_columns():
    b = Cleaner().clean_columns(["首页 > 新闻 > 正文\n一个干净的段落。\n", None], report=False)
    assert b.reports == [None, None] and b.changed == [True, False] and b.errors[1]


def test_module_docstring_examples():
    import doctest

    import cleantext.engine

    r = doctest.testmod(cleantext.engine)
    assert r.attempted >= 4 and r.failed == 0
