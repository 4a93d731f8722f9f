"""Run filters in order over one document, then apply their spans in one place and report."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .document import BlockShapes, Document
from .filters.base import Filter
from .gcpause import paused
from .report import Removal, Report, Result
from .spans import apply, settle


@dataclass(slots=True)
class FilterStats:
    """Per-filter counters, datatrove style: how often it fired and what it cost."""

    docs: int = 0
    removals: int = 0
    chars: int = 0
    seconds: float = 0.0


#: At most this many passes over a document by default (see :class:`Pipeline`).
DEFAULT_PASSES = 4


class Pipeline:
    """An ordered list of filters.

    Each filter sees the removals of the filters before it, so order is part of the meaning:
    the default order (:func:`default_filters`) takes out whole-line noise first (chrome,
    footers, tails), then duplicates, then the brand tokens inside what is left.

    ``max_chars``/``max_seconds`` bound the work per document: a document over a limit comes back
    unchanged and ``report.skipped`` says why (never a partial result).

    ``allow`` lists strings never to remove: a removal whose span overlaps an occurrence of one of
    them is dropped before the spans are applied.

    A second pass runs the filters once more over the cleaned text when the first pass removed
    something, and adds what that finds (mapped back to input offsets): cleaning a cleaned text then
    changes nothing in practice. Later passes run only when a filter of the pass before asks for one
    (``doc.hints["more"]``: the segmenter cut furniture up to the edge of the units it reads, so
    there may be more beyond, as in whole-page text with long menus and link lists), ``passes`` in
    all at most (default 4; ``passes=1`` is one pass, ``passes=2`` never more than two).
    """

    def __init__(self, filters: Sequence[Filter] | None = None, *, max_chars: int | None = None,
                 max_seconds: float | None = None, allow: Sequence[str] = (),
                 passes: int = DEFAULT_PASSES) -> None:
        self.filters: list[Filter] = list(default_filters() if filters is None else filters)
        # (``Pipeline()`` with no filters is the default set: see :mod:`cleantext.registry`)
        self.allow: tuple[str, ...] = tuple(a for a in allow if a)
        self.max_chars = max_chars
        self.max_seconds = max_seconds
        self.passes = passes
        self.stats: dict[str, FilterStats] = {f.name: FilterStats() for f in self.filters}

    def clean(self, data: str | bytes, *, format: str | None = None) -> Result:
        """Clean one document given as ``str`` (text or HTML) or ``bytes`` (any encoding)."""
        with paused():  # (see :mod:`cleantext.gcpause`)
            return self._clean(data, format)

    def _clean(self, data: str | bytes, format: str | None) -> Result:
        info: dict[str, Any] = {}
        original: str | None = None
        if isinstance(data, bytes | bytearray | memoryview):
            from .io.decoding import decode

            text, info = decode(bytes(data))
            original = text
        elif isinstance(data, str):
            text = data
        else:
            raise TypeError(f"clean() takes str or bytes, not {type(data).__name__}")

        fmt = format or ("html" if _looks_like_html(text) else "text")
        if fmt not in ("text", "html"):
            raise ValueError(f"unknown format {format!r}: use 'text' or 'html'")
        info["format"] = fmt
        doc = Document(text)
        base = text  # the text the report's offsets index
        pre: list[Removal] = []  # the extraction's removals (HTML), spans of ``base``
        if fmt == "html":
            from .html.extract import extract

            ex = extract(text)
            original = base = ex.text
            pre = settle(base, self._allowed(base, ex.removals))
            # The text filters read the main text only (what the extraction kept); their spans are
            # mapped back to the page's text below.
            doc = Document(apply(base, pre) if pre else base)
            doc.metadata.update(ex.metadata)
            if ex.shapes:
                starts, pos = [], 0
                for ln in base.split("\n"):
                    starts.append(pos)
                    pos += len(ln) + 1
                doc.hints["block_shapes"] = BlockShapes(starts, ex.shapes).shifted(pre)

        report = Report(input=info, source_text=original)
        limit = self._over_limit(base)
        if limit:
            report.skipped = limit
            return Result(base, report)

        t_start = time.perf_counter()
        if not self._run_filters(doc, report, t_start):
            return Result(base, report)
        removals = settle(doc.text, self._allowed(doc.text, doc.removals))
        extra, more = removals, doc.hints.get("more", False)
        for k in range(self.passes - 1):
            if not extra or (k >= 1 and not more):
                break
            # Another pass over the cleaned text catches what only shows once noise is gone (a
            # title copy behind a brand token, a copy that becomes exact): fix mode is then
            # idempotent. Its spans are mapped back to the input, so offsets stay the truth.
            again = Document(apply(doc.text, removals))
            # (a filter may skip a costly search it already ran over the fuller text)
            again.hints["second_pass"] = True
            # (or update what it computed over the fuller text: the first pass's hints)
            again.hints["first_pass"] = doc.hints
            shapes = doc.hints.get("block_shapes")
            if shapes is not None:
                again.hints["block_shapes"] = shapes.shifted(removals)
            if not self._run_filters(again, report, t_start, again=True):
                return Result(base, report)
            extra = settle(again.text, self._allowed(again.text, again.removals))
            more = again.hints.get("more", False)
            if extra:
                removals = settle(doc.text, [*removals, *_map_back(doc.text, removals, extra)])
        report.removals = removals
        report.annotations = sorted(doc.annotations, key=lambda r: (r.start, r.end))
        report.metadata = dict(doc.metadata)
        _clean_title(doc, report)
        if pre:
            report.removals = settle(base, [*pre, *_map_back(base, pre, removals)])
            report.annotations = _map_back(base, pre, report.annotations)
        return Result(apply(base, report.removals), report)

    def _run_filters(self, doc: Document, report: Report, t_start: float, again: bool = False) -> bool:
        """Every filter over ``doc``; False (and ``report.skipped`` set) when the time limit passed.
        A second pass (``again``) adds to a filter's removals and time, not to its documents."""
        for f in self.filters:
            t0 = time.perf_counter()
            found = [r for r in f.find(doc) if 0 <= r.start < r.end <= len(doc.text)]
            doc.add(found)
            st = self.stats.setdefault(f.name, FilterStats())
            st.docs += 0 if again else 1
            st.removals += len(found)
            st.chars += sum(r.end - r.start for r in found)
            st.seconds += time.perf_counter() - t0
            if self.max_seconds is not None and time.perf_counter() - t_start > self.max_seconds:
                report.skipped = f"time limit {self.max_seconds}s exceeded after filter {f.name!r}"
                return False
        return True

    def _allowed(self, text: str, removals: list[Removal]) -> list[Removal]:
        return _drop_allowed(text, removals, self.allow) if self.allow else removals

    def _over_limit(self, text: str) -> str | None:
        if self.max_chars is not None and len(text) > self.max_chars:
            return f"document has {len(text)} characters, over the limit of {self.max_chars}"
        return None

    def __repr__(self) -> str:
        return f"Pipeline({self.filters!r})"


def _map_back(text: str, first: list[Removal], extra: list[Removal]) -> list[Removal]:
    """``extra`` (offsets in ``apply(text, first)``) as spans of ``text``: one linear merge.

    A span that crosses a first-pass cut becomes one piece per kept stretch it covers.
    """
    out: list[Removal] = []
    kept: list[tuple[int, int]] = []  # kept stretches of text, in order
    pos = 0
    for r in first:
        if r.start > pos:
            kept.append((pos, r.start))
        pos = max(pos, r.end)
    if pos < len(text):
        kept.append((pos, len(text)))
    k, base = 0, 0  # kept[k] starts at ``base`` in the cleaned text
    for r in extra:
        while k < len(kept) and base + (kept[k][1] - kept[k][0]) <= r.start:
            base += kept[k][1] - kept[k][0]
            k += 1
        j, b = k, base
        while j < len(kept) and b < r.end:
            ks, ke = kept[j]
            s, e = ks + max(r.start - b, 0), ks + min(r.end - b, ke - ks)
            if e > s:
                out.append(Removal(s, e, r.kind, r.filter, r.reason, r.score, text[s:e], r.code))
            b += ke - ks
            j += 1
    return out


def _drop_allowed(text: str, removals: list[Removal], allow: Sequence[str]) -> list[Removal]:
    """The removals that overlap no occurrence of an allowlisted string."""
    hits: list[tuple[int, int]] = []
    for a in allow:
        i = text.find(a)
        while i >= 0:
            hits.append((i, i + len(a)))
            i = text.find(a, i + 1)
    if not hits:
        return removals
    return [r for r in removals if not any(s < r.end and r.start < e for s, e in hits)]


def _clean_title(doc: Document, report: Report) -> None:
    """The recorded title without the tokens removed from the title line (an injected brand prefix)."""
    line = doc.hints.get("title_line")
    if line is None or report.metadata.get("title") != line.text:
        return
    inside = [r for r in report.removals if line.start <= r.start and r.end <= line.end]
    if inside:
        shifted = [Removal(r.start - line.start, r.end - line.start, r.kind, r.filter, r.reason)
                   for r in inside]
        report.metadata["title"] = apply(line.text, shifted).strip()


def default_filters() -> list[Filter]:
    """The default filters, from the one builder (:mod:`cleantext.registry`)."""
    from .registry import default_filters as _default_filters

    return _default_filters()


def _looks_like_html(text: str) -> bool:
    from .html.sniff import looks_like_html

    return looks_like_html(text)


_default: Pipeline | None = None


def clean(data: str | bytes, *, format: str | None = None) -> Result:
    """Clean one document with the default pipeline (built once, by :func:`cleantext.registry.build`).

    An article whose two paragraphs were pasted twice keeps one copy of each:

    >>> p = "今年以来，我市持续推进老旧小区改造，外墙保温、管网更新等工程进展顺利。"
    >>> q = "下一步，有关部门将总结经验做法，完善长效管理机制，推动改造成果惠及更多群众。"
    >>> r = clean(f"小区改造稳步推进\\n\\n{p}\\n\\n{q}\\n\\n{p}\\n\\n{q}\\n")
    >>> r.text == f"小区改造稳步推进\\n\\n{p}\\n\\n{q}\\n"
    True
    >>> [(x.kind, x.filter) for x in r.report.removals]
    [('duplicate', 'duplicates'), ('duplicate', 'duplicates')]
    """
    global _default
    if _default is None:
        from .registry import build

        _default = build()
    return _default.clean(data, format=format)
