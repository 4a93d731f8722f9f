"""The picklable Cleaner: same output as the pipeline, one JSON report string per document."""

from __future__ import annotations

import json
import pickle

import cleantext
from cleantext.engine import Cleaner
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
        assert json.loads(rep) == json.loads(r.report.to_json())
        assert Report.from_dict(json.loads(rep)).removals == r.report.removals


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
    assert texts == ["好的。", "炸了。", ""]
    assert json.loads(reports[1])["error"] == "RuntimeError: bad input"
    assert "error" not in json.loads(reports[0])
    assert pickle.loads(pickle.dumps(c)).clean_batch(["好的。"])[0] == ["好的。"]


def test_limits_pass_through():
    texts, reports = Cleaner(max_chars=5).clean_batch(["这是一个超过五个字的文档。"])
    assert texts == ["这是一个超过五个字的文档。"]
    assert "limit" in json.loads(reports[0])["skipped"]
