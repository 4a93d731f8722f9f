"""The invariants every cleaning result must satisfy, shared by the property and hostile-input tests."""

from __future__ import annotations

import json

import cleantext
from cleantext import apply


def is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


def source_of(x: str | bytes, r: cleantext.Result) -> str:
    if r.report.source_text is not None:
        return r.report.source_text
    assert isinstance(x, str)
    return x


def check_invariants(x: str | bytes, pipeline=None, *, subsequence: bool = True) -> cleantext.Result:
    """Clean ``x`` (default pipeline, or ``pipeline``) and check the offset invariants of the result."""
    r = (pipeline or cleantext).clean(x)
    src = source_of(x, r)
    pos = 0
    for rm in r.report.removals:
        assert pos <= rm.start < rm.end <= len(src), (pos, rm)
        assert rm.text == src[rm.start : rm.end]
        pos = rm.end
    assert apply(src, r.report.removals) == r.text
    if subsequence:
        assert is_subsequence(r.text, src)
    if isinstance(x, str) and r.report.input.get("format") == "text":
        assert r.report.source_text is None  # offsets index the input itself
        assert len(r.text) == len(x) - r.report.removed_chars
    for a in r.report.annotations:
        assert 0 <= a.start <= a.end <= len(src)
    json.loads(r.report.to_json())
    return r
