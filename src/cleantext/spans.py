"""Applying removal spans, and tidying them so whole lines take their line breaks along."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .report import Removal


def apply(text: str, removals: Iterable[Removal]) -> str:
    """Return ``text`` with every removal span cut out.

    The spans must be sorted and non-overlapping, as in ``Report.removals``.

    >>> from cleantext.report import Removal
    >>> apply("ab广告cd", [Removal(2, 4, "brand_spam", "x", "demo")])
    'abcd'
    """
    out: list[str] = []
    pos = 0
    for r in removals:
        if r.start < pos or r.end < r.start or r.end > len(text):
            raise ValueError(f"removal {r.start}:{r.end} overlaps, is unsorted or lies outside the text")
        out.append(text[pos : r.start])
        pos = r.end
    out.append(text[pos:])
    return "".join(out)


def _blank(s: str) -> bool:
    return not s or s.isspace()


def _blank_before(text: str, s: int) -> int:
    """The start of ``s``'s line when only whitespace lies between them, else -1.

    A scan back over whitespace only (never the whole line), so settling costs one pass in all.
    """
    j = s
    while j > 0 and text[j - 1] != "\n" and text[j - 1].isspace():
        j -= 1
    return j if j == 0 or text[j - 1] == "\n" else -1


def _blank_after(text: str, e: int) -> int:
    """The end of the line ``e`` is on (its ``\n`` or the end) when only whitespace lies between, else -1."""
    n = len(text)
    j = e
    while j < n and text[j] != "\n" and text[j].isspace():
        j += 1
    return j if j == n or text[j] == "\n" else -1


def settle(text: str, removals: Sequence[Removal]) -> list[Removal]:
    """Sort, drop overlaps (earlier filters win) and let whole-line removals take their line breaks.

    A removal that covers every visible character of its lines grows to the full lines plus the
    blank lines after them, so cutting it leaves no hole; at the end of the document it instead
    takes the blank lines before it, keeping the newline of the last kept line. Inline removals
    (a token inside a sentence) are never grown.

    One pass over the sorted spans: each look at the text around a span scans only the whitespace
    next to it (a document with 18,000 removals settles in linear time; see bench/bench_removals.py).
    """
    taken: list[Removal] = []
    for r in sorted(removals, key=lambda r: (r.start, -r.end)):
        if r.end <= r.start:
            continue
        if taken and r.start < taken[-1].end:
            if r.end <= taken[-1].end:
                continue
            r = _with(text, r, taken[-1].end, r.end)
        taken.append(r)

    grown: list[Removal] = []
    n = len(text)
    tail = len(text.rstrip())  # text[e:] is blank exactly when e >= tail
    for i, r in enumerate(taken):
        s, e = r.start, r.end
        ls = _blank_before(text, s)
        le = (e - 1) if text[e - 1] == "\n" else _blank_after(text, e)
        if ls >= 0 and le >= 0:
            s, e = ls, le
            if e < n:
                e += 1  # the line break
                while e < n:  # and the blank lines after it
                    nxt = _blank_after(text, e)
                    if nxt < 0 or nxt >= n:
                        break
                    e = nxt + 1
            if e >= tail:
                # at the end: eat the blank lines before, keep the newline of the last kept line
                e = n
                j = s
                while j > 0 and text[j - 1].isspace():
                    j -= 1
                k = text.find("\n", j, s)
                if k >= 0:
                    s = k + 1
            lo = grown[-1].end if grown else 0
            hi = taken[i + 1].start if i + 1 < len(taken) else n
            s, e = max(s, lo), min(e, hi)
        grown.append(_with(text, r, s, e))
    grown = [r for r in grown if r.end > r.start]
    _trim_end(text, grown)
    return grown


def _trim_end(text: str, spans: list[Removal]) -> None:
    """When removals run to the end of the text, let the first of that chain take the blank lines
    before it, so the result ends with the last kept line and its newline (no trailing hole)."""
    if not spans or spans[-1].end != len(text):
        return
    k = len(spans) - 1
    while k > 0 and spans[k - 1].end == spans[k].start:
        k -= 1
    s = spans[k].start
    lo = spans[k - 1].end if k > 0 else 0
    j = s
    while j > lo and text[j - 1].isspace():
        j -= 1
    nl = text.find("\n", j, s)
    start = nl + 1 if nl >= 0 else s
    if start < s and _blank(text[start:s]):
        spans[k] = _with(text, spans[k], start, spans[k].end)


def _with(text: str, r: Removal, s: int, e: int) -> Removal:
    return Removal(s, e, r.kind, r.filter, r.reason, r.score, text[s:e], r.code)
