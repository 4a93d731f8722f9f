"""A document under cleaning: its text, its lines, and what earlier filters decided."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .report import Removal

_INF = float("inf")


@dataclass(frozen=True, slots=True, init=False)
class Line:
    """A line of the document. ``start``/``end`` bound its visible text (no indentation, no line break)."""

    index: int
    start: int
    end: int
    text: str

    def __init__(self, index: int, start: int, end: int, text: str) -> None:
        # frozen: the fields are set through their slots (a document makes thousands of lines, and
        # the generated frozen __init__ costs twice as much)
        _LINE_SET[0](self, index)
        _LINE_SET[1](self, start)
        _LINE_SET[2](self, end)
        _LINE_SET[3](self, text)

    def __len__(self) -> int:
        return self.end - self.start


def slot_setters(cls: type) -> tuple[Callable[[Any, Any], None], ...]:
    """The slot setters of a frozen slots dataclass's fields, in order (for a faster ``__init__``)."""
    return tuple(cls.__dict__[f].__set__ for f in cls.__dataclass_fields__)  # type: ignore[attr-defined]


_LINE_SET = slot_setters(Line)


@dataclass(slots=True)
class Document:
    """The shared view filters work on.

    Filters read ``text``/``lines`` and the removals made so far (filters run in order, so a later
    filter can skip or use what an earlier one found). ``hints`` carries evidence between filters,
    e.g. the tokens that distinguish two copies of one paragraph.
    """

    text: str
    removals: list[Removal] = field(default_factory=list)
    annotations: list[Removal] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    hints: dict[str, Any] = field(default_factory=dict)
    _lines: list[Line] | None = None
    _cuts: list[tuple[int, int]] | None = None
    _kept: list[Line] | None = None
    _memo: dict[Any, Any] = field(default_factory=dict)

    @property
    def lines(self) -> list[Line]:
        """Non-blank lines, in order."""
        if self._lines is None:
            self._lines = split_lines(self.text)
        return self._lines

    def add(self, removals: list[Removal]) -> None:
        if removals:
            self.removals.extend(removals)
            self._cuts = None
            self._kept = None
            self._memo.clear()

    def memo(self, key: Any, compute: Callable[[], Any]) -> Any:
        """``compute()``, once while the removals stay the same: for a value read from the kept
        lines that two filters ask for (``key`` names the value and what it depends on besides)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def _merged(self) -> list[tuple[int, int]]:
        if self._cuts is None:
            cuts: list[tuple[int, int]] = []
            for r in sorted(self.removals, key=lambda r: r.start):
                if cuts and r.start <= cuts[-1][1]:
                    cuts[-1] = (cuts[-1][0], max(cuts[-1][1], r.end))
                else:
                    cuts.append((r.start, r.end))
            self._cuts = cuts
        return self._cuts

    def removed_chars(self, start: int, end: int) -> int:
        """How many characters of ``[start, end)`` earlier filters already removed."""
        total = 0
        cuts = self._merged()
        i = bisect.bisect_right(cuts, (start, _INF)) - 1
        i = max(i, 0)
        while i < len(cuts) and cuts[i][0] < end:
            s, e = cuts[i]
            total += max(0, min(e, end) - max(s, start))
            i += 1
        return total

    def is_removed(self, start: int, end: int) -> bool:
        # merged cuts never touch, so a span is removed in full only when one cut covers it
        if end <= start:
            return False
        cuts = self._merged()
        i = bisect.bisect_right(cuts, (start, _INF)) - 1
        return i >= 0 and cuts[i][1] >= end

    def kept_lines(self) -> list[Line]:
        """Lines that no earlier filter removed in full."""
        if self._kept is None:
            if not self.removals:
                self._kept = list(self.lines)
            else:  # is_removed() inlined: lines are never empty
                cuts = self._merged()
                kept = []
                for ln in self.lines:
                    i = bisect.bisect_right(cuts, (ln.start, _INF)) - 1
                    if i < 0 or cuts[i][1] < ln.end:
                        kept.append(ln)
                self._kept = kept
        return list(self._kept)


class BlockShapes:
    """The element path of each line of a text extracted from HTML (``doc.hints["block_shapes"]``).

    ``starts`` are the lines' start offsets (ascending), ``shapes`` an id of each line's element
    path (tags and class/id words from the root, not element serials): lines with the same id are
    repeated structure of one page (the paragraphs of a body, the items of a list, the lines of a
    code block). The duplicates filter reads it: a line repeated in that same structure is an
    author's repetition, not a body pasted again.
    """

    __slots__ = ("shapes", "starts")

    def __init__(self, starts: list[int], shapes: list[int]) -> None:
        self.starts = starts
        self.shapes = shapes

    def of(self, pos: int) -> int:
        """The shape of the line holding offset ``pos`` (-1 before the first line)."""
        i = bisect.bisect_right(self.starts, pos) - 1
        return self.shapes[i] if i >= 0 else -1

    def shifted(self, removals: list[Removal]) -> BlockShapes:
        """The same lines in ``apply(text, removals)`` (removals settled: sorted, disjoint); a line
        removed from its start on starts where the kept text resumes."""
        starts: list[int] = []
        shapes: list[int] = []
        gone = 0  # characters removed before the current position
        k = 0
        for pos, shape in zip(self.starts, self.shapes, strict=True):
            while k < len(removals) and removals[k].end <= pos:
                gone += removals[k].end - removals[k].start
                k += 1
            cut = gone + (pos - removals[k].start if k < len(removals) and removals[k].start < pos else 0)
            new = pos - cut
            if starts and new <= starts[-1]:
                starts[-1], shapes[-1] = new, shape  # the earlier line was removed whole
            else:
                starts.append(new)
                shapes.append(shape)
        return BlockShapes(starts, shapes)


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        body = raw.strip()
        if body:
            # the first visible character is where the line's indentation ends (no copy of the line)
            s = pos if raw[0] == body[0] else pos + raw.index(body[0])
            lines.append(Line(len(lines), s, s + len(body), body))
        pos += len(raw) + 1
    return lines
