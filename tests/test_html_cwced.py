"""The 69 real pages of cwced-zh (MIT, tests/fixtures/cwced): decoding, no crash, parity, F1."""

from __future__ import annotations

import collections
import pathlib
import re

import pytest

import cleantext
from cleantext.html.extract import extract
from cleantext.io.decoding import decode
from cleantext.spans import apply

D = pathlib.Path(__file__).parent / "fixtures" / "cwced"
IDS = sorted(p.stem for p in (D / "original").glob("*.html"))

try:
    import lxml  # noqa: F401

    HAVE_LXML = True
except ImportError:  # pragma: no cover
    HAVE_LXML = False


def norm(s: str) -> str:
    return re.sub(r"[\s\W_]+", "", s)


def gold(k: str) -> str:
    return (D / "cleaned" / f"{k}.txt").read_bytes().decode("utf-8", "replace")


def raw(k: str) -> bytes:
    return (D / "original" / f"{k}.html").read_bytes()


def f1(g: str, p: str) -> float:
    """The metric of ../shared/eval/score_html.py: character bigrams after dropping space/punctuation."""
    def grams(s):
        s = norm(s)
        return collections.Counter(s[i:i + 2] for i in range(len(s) - 1))
    a, b = grams(g), grams(p)
    tp = sum((a & b).values())
    if not tp:
        return 0.0
    prec, rec = tp / sum(b.values()), tp / sum(a.values())
    return 2 * prec * rec / (prec + rec)


def first_sentence(text: str) -> str:
    for s in re.split(r"[。！？!?\n]", text):
        if len(norm(s)) >= 8:
            return norm(s)[:20]
    return norm(text)[:20]


def test_fixture_set_is_complete():
    assert len(IDS) == 69
    assert (D / "LICENSE").exists()


@pytest.mark.parametrize("k", IDS)
def test_page_decodes_without_mojibake(k):
    text, info = decode(raw(k))
    assert info["replaced"] <= 12, info
    page_text = extract(text).text
    assert first_sentence(gold(k)) in norm(page_text)


@pytest.mark.skipif(not HAVE_LXML, reason="lxml not installed")
@pytest.mark.parametrize("k", IDS)
def test_fast_path_gives_identical_output(k):
    text, _ = decode(raw(k))
    a, b = extract(text, parser="lxml"), extract(text, parser="bs4")
    assert a.text == b.text
    assert a.removals == b.removals
    assert a.metadata == b.metadata


@pytest.mark.parametrize("parser", ["auto", "html.parser"])
def test_extraction_f1_on_cwced(parser):
    scores = []
    for k in IDS:
        text, _ = decode(raw(k))
        ex = extract(text, parser=parser)
        for r in ex.removals:
            assert ex.text[r.start:r.end] == r.text
        scores.append(f1(gold(k), apply(ex.text, ex.removals)))
    # the scorer is fitted on lxml's lines; html.parser repairs broken markup differently
    assert sum(scores) / len(scores) >= 0.92


@pytest.mark.slow
def test_full_pipeline_f1_on_cwced():
    """The acceptance figure: cleantext.clean(bytes) end to end, macro F1 over the 69 pages."""
    scores = []
    for k in IDS:
        r = cleantext.clean(raw(k))
        assert r.report.input["format"] == "html"
        scores.append(f1(gold(k), r.text))
    assert sum(scores) / len(scores) >= 0.93
