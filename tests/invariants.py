"""The invariants every cleaning result must satisfy, shared by the property and hostile-input tests.

Only checks that can fail: the pipeline computes ``result.text`` as ``apply(doc.text, removals)``,
so for a ``str`` of plain text "apply(input, removals) == text" (and "the output is a subsequence
of the input", "its length is the input's minus the removed characters") holds by construction
and is not asserted. What is asserted is what a bug in settling, decoding or extraction breaks:
removals sorted, disjoint and inside the source; each removal's ``text`` is the source's slice;
offsets index the input itself for text, and ``report.source_text`` is the string they index for
bytes and HTML (there ``apply(source_text, removals) == text`` is a real check); annotations in
bounds; the report serialises.
"""

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
    """Clean ``x`` (default pipeline, or ``pipeline``) and check the offset invariants of the result.

    ``subsequence`` (bytes/HTML only) also checks the output is a subsequence of the source text.
    """
    r = (pipeline or cleantext).clean(x)
    src = source_of(x, r)
    pos = 0
    for rm in r.report.removals:
        assert pos <= rm.start < rm.end <= len(src), (pos, rm)
        assert rm.text == src[rm.start : rm.end]
        pos = rm.end
    if r.report.source_text is not None:
        assert apply(src, r.report.removals) == r.text  # source_text is the string the offsets index
        if subsequence:
            assert is_subsequence(r.text, src)
    if isinstance(x, str) and r.report.input.get("format") == "text":
        assert r.report.source_text is None  # offsets index the input itself
    for a in r.report.annotations:
        assert 0 <= a.start <= a.end <= len(src)
    json.loads(r.report.to_json())
    return r
