"""Units finer than lines: the pieces a boilerplate decision is made on.

Real pages glue noise to content (``…工人日报。返回搜狐，查看更多 责任编辑：``, ``标题_网站名``), so a
line is split further: after sentence ends, at runs of blanks, at a single blank between two
Chinese characters, and before/after the glue points where site furniture usually starts (a
``_``/`` - ``/``|`` title suffix, a ``（完）`` close, a ``▍`` marker). Each unit keeps ``[start, end)``
offsets into ``doc.text`` without surrounding blanks, so a span of units is a span of the input.
One linear pass per line.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from .document import Line, slot_setters

# Labels that open site furniture glued to a preceding sentence ("…袁粼来源:某报", "…（编辑：某）"):
# split points only; whether the piece is noise is the model's decision.
_LABELS = (
    "来源", "文章来源", "信息来源", "消息来源", "稿件来源", "本文来源", "责任编辑", "编辑",
    "责编", "编审", "审核", "校对", "监制", "主编", "原标题", "本文原标题",
    "原文标题", "发布时间", "发表时间", "更新时间", "发布日期", "点击数", "浏览次数", "阅读量",
    "关键词", "标签", "声明", "特别声明", "免责声明", "版权声明", "相关阅读", "相关知识",
    "相关链接", "上一篇", "下一篇", "作者", "记者", "通讯员", "摄影", "图片来源",
)

# Where a unit ends or a new one starts. Group "cut" marks a separator dropped from both sides
# (blanks); "after" ends a unit after the match; "before" starts a new unit at the match.
_SPLIT = regex.compile(
    r"(?P<cut>[ \t\u3000\xa0\u2002\u2003]{2,}"
    r"|(?<=[\p{Han}。，！？；：、”）】》])[ \t\u3000\xa0](?=[\p{Han}（【《“]))"
    r"|(?P<after>[。！？!?；;]+[”」』\"'’）)】]*|[（(【\[]完[）)】\]])"
    r"|(?P<before>(?<=\S)(?:_(?=\S)|\s[-|｜]\s|--+|(?<=\p{Han})-(?=\p{Han})|▍|[—-]\s*end\s*[—-]"
    r"|[（(【\[]?(?:" + "|".join(sorted(_LABELS, key=len, reverse=True)) + r")\s*[:：]))",
    regex.IGNORECASE,
)


_HEAD = regex.compile(r"[ \t\u3000\xa0]{0,4}\p{Han}{1,2}")


@dataclass(frozen=True, slots=True, init=False)
class Unit:
    """A piece of a line: ``doc.text[start:end] == text``."""

    index: int
    line: int  # index of its Line in doc.lines
    start: int
    end: int
    text: str

    def __init__(self, index: int, line: int, start: int, end: int, text: str) -> None:
        # frozen, set through the slots (see :class:`~cleantext.document.Line`)
        _UNIT_SET[0](self, index)
        _UNIT_SET[1](self, line)
        _UNIT_SET[2](self, start)
        _UNIT_SET[3](self, end)
        _UNIT_SET[4](self, text)

    def __len__(self) -> int:
        return self.end - self.start


_UNIT_SET = slot_setters(Unit)


def split_units(lines: list[Line]) -> list[Unit]:
    """The units of ``lines`` (non-blank :class:`~cleantext.document.Line` objects), in order."""
    return _units((ln, _pieces(ln.text)) for ln in lines)


def _units(split: Iterable[tuple[Line, tuple[tuple[int, int], ...]]]) -> list[Unit]:
    """A Unit for each piece of each line, numbered in order."""
    out: list[Unit] = []
    for ln, pieces in split:
        text, base = ln.text, ln.start
        for a, b in pieces:
            out.append(Unit(len(out), ln.index, base + a, base + b, text[a:b]))
    return out


def _pieces(text: str) -> tuple[tuple[int, int], ...]:
    """``[start, end)`` of each unit of one line's text; cached for lines of up to 2,000 characters
    (bounded memory), as the pipeline's second pass splits the same edge lines again."""
    return _cached_pieces(text) if len(text) <= 2000 else _split(text)


#: Every match of ``_SPLIT`` in ASCII text holds one of these (a blank pair, ``!?;_|``, `` - ``, ``--``, a
#: dash before "end"; its other splits need characters outside ASCII): an English line without one
#: is one unit, told by this scan (``re``'s ``\s`` takes in all of ``regex``'s) in a sixth of the time.
_ASCII_SPLIT = re.compile(r"[!?;_|]|[ \t]{2}|\s-\s|--|-\s*end", re.IGNORECASE)

#: The same for any text without a Han character (English with curly quotes or dashes), in ``regex``
#: with ``_SPLIT``'s flags: each alternative holds what one of ``_SPLIT``'s needs there (its Han
#: alternatives, the labels and 完 among them, need a Han character).
_PLAIN_SPLIT = regex.compile(
    r"[ \t\u3000\xa0\u2002\u2003]{2}|[。，！？；：、”）】》][ \t\u3000\xa0][（【《“]|[。！？!?；;]"
    r"|_|\s[-|｜]\s|--|▍|[—-]\s*end|\p{Han}",
    regex.IGNORECASE,
)


def _may_split(text: str) -> bool:
    """False when none of ``_SPLIT``'s alternatives can match in ``text`` (it is one piece)."""
    return (_ASCII_SPLIT if text.isascii() else _PLAIN_SPLIT).search(text) is not None


def _split(text: str) -> tuple[tuple[int, int], ...]:
    """:func:`_scan`'s pieces, without the scan for a line none of ``_SPLIT``'s alternatives can match."""
    if not _may_split(text):
        p = _piece(text, 0, len(text))
        return (p,) if p is not None else ()
    return _scan(text)


def _scan(text: str) -> tuple[tuple[int, int], ...]:
    """Every piece of ``text`` (:func:`_iter_scan`, read to the end)."""
    return tuple(_iter_scan(text))


_cached_pieces = lru_cache(maxsize=4096)(_split)


def edge_units(lines: list[Line], head: int, tail: int, keep: Callable[[int, int], bool] | None = None,
               where: list[tuple[int, int, int]] | None = None) -> list[Unit]:
    """The first ``head`` and the last ``tail`` units of ``lines`` (at least; all when they meet), in order.

    Only the lines at the document's edges are split: a long article costs no more than a short one.
    The lines are those that hold the first ``head`` and the last ``tail`` units; of their units,
    only those ``keep(start, end)`` accepts (offsets in the document) are taken, and of a line
    longer than ``_LAZY`` characters only those among the first ``head`` and the last ``tail`` taken
    (it is split from its two ends, lazily: a 50 MB line is not split whole). So the units returned
    are the first ``head`` and the last ``tail`` of what splitting the lines whole would take, and
    all of them when those are ``head + tail`` or fewer. ``where``, when given, receives ``(k, a, b)``
    for each unit returned: it is ``lines[k].text[a:b]``.
    """
    first: list[tuple[int, _Split]] = []  # the lines split (their place in ``lines``), with their pieces
    got = 0
    i = 0
    while i < len(lines) and got < head:
        sp = _Split(lines[i])
        first.append((i, sp))
        got += sp.count_at_least(head - got)
        i += 1
    last: list[tuple[int, _Split]] = []
    j = len(lines)
    got = 0
    while j > i and got < tail:
        j -= 1
        sp = _Split(lines[j])
        last.append((j, sp))
        got += sp.count_at_least(tail - got)
    chosen = first + last[::-1]
    if all(sp.whole is not None for _, sp in chosen):  # no long line: every kept piece (the common case)
        picked = [(k, sp, a, b) for k, sp in chosen for a, b in sp.whole  # type: ignore[union-attr]
                  if keep is None or keep(sp.base + a, sp.base + b)]
    else:
        picked = _walk(chosen, head, tail, keep)
    out: list[Unit] = []
    for _, sp, a, b in picked:
        out.append(Unit(len(out), sp.line.index, sp.base + a, sp.base + b, sp.line.text[a:b]))
    if where is not None:
        where.extend((k, a, b) for k, _, a, b in picked)
    return out


def _walk(chosen: list[tuple[int, _Split]], head: int, tail: int,
          keep: Callable[[int, int], bool] | None) -> list[tuple[int, _Split, int, int]]:
    """The first ``head`` kept pieces of the ``chosen`` lines, read from the front, and the last
    ``tail`` read from the back up to where the front walk stopped (all of them when they meet)."""
    front: list[tuple[int, _Split, int, int]] = []
    at, upto = 0, 0  # where the front walk stopped: the line (in ``chosen``) and the end of its last piece
    for n, (k, sp) in enumerate(chosen):
        at, upto = n, 0
        for a, b in sp.forward():
            if keep is None or keep(sp.base + a, sp.base + b):
                front.append((k, sp, a, b))
            upto = b
            if len(front) >= head:
                break
        if len(front) >= head:
            break
    back: list[tuple[int, _Split, int, int]] = []
    for n in range(len(chosen) - 1, at - 1, -1):
        k, sp = chosen[n]
        for a, b in sp.backward():
            if n == at and a < upto:
                break
            if keep is None or keep(sp.base + a, sp.base + b):
                back.append((k, sp, a, b))
                if len(back) >= tail:
                    break
        if len(back) >= tail:
            break
    return front + back[::-1]


#: Lines longer than this are split lazily from their two ends (:class:`_Split`), shorter ones whole.
_LAZY = 2000
#: The characters a line's backward split scans first (doubled each time more are needed).
_WINDOW = 4096


class _Split:
    """The pieces of one line as :func:`_pieces` gives them, read from the front (:meth:`forward`)
    or from the back (:meth:`backward`); a line longer than ``_LAZY`` characters is split only as far
    as it is read (:func:`_iter_scan`, :func:`_iter_back`)."""

    __slots__ = ("line", "base", "whole", "_fwd", "_fgen")

    def __init__(self, line: Line) -> None:
        self.line = line
        self.base = line.start
        text = line.text
        #: all the pieces, for a line split whole (None: a long line, split lazily)
        self.whole = _pieces(text) if len(text) <= _LAZY or not _may_split(text) else None
        self._fwd: list[tuple[int, int]] = []  # pieces read from the front so far (long line)
        self._fgen: Iterator[tuple[int, int]] | None = None

    def count_at_least(self, need: int) -> int:
        """The number of pieces, or any number >= ``need`` when there are at least ``need``."""
        if self.whole is not None:
            return len(self.whole)
        if self._fgen is None:
            self._fgen = _iter_scan(self.line.text)
        while len(self._fwd) < need:
            piece = next(self._fgen, None)
            if piece is None:
                break
            self._fwd.append(piece)
        return len(self._fwd)

    def forward(self) -> Iterator[tuple[int, int]]:
        """The pieces from the first (read once: a long line's scan goes on where counting stopped)."""
        if self.whole is not None:
            return iter(self.whole)
        if self._fgen is None:
            self._fgen = _iter_scan(self.line.text)
        return itertools.chain(self._fwd, self._fgen)

    def backward(self) -> Iterator[tuple[int, int]]:
        """The pieces from the last."""
        if self.whole is not None:
            return reversed(self.whole)
        return _iter_back(self.line.text)


def _piece(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The piece ``text[a:b]`` with its blanks trimmed, or None when it is blank."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return (a, b) if b > a else None


def _iter_scan(text: str) -> Iterator[tuple[int, int]]:
    """:func:`_scan`'s pieces, one at a time (as far as they are read)."""
    pos = 0
    for m in _SPLIT.finditer(text):
        if m.group("cut") is not None:
            p = _piece(text, pos, m.start())
            pos = m.end()
        elif m.group("after") is not None:
            p = _piece(text, pos, m.end())
            pos = m.end()
        else:
            if _HEAD.fullmatch(text, pos, m.start()):
                # one or two Han characters before a label are the label's own head
                # ("责任编辑：", "值班编辑：" after a blank): not a unit of their own
                continue
            p = _piece(text, pos, m.start())
            pos = m.start()
        if p is not None:
            yield p
    p = _piece(text, pos, len(text))
    if p is not None:
        yield p


# Characters no match of ``_SPLIT`` can take in: none of its separators, labels, brackets or
# "end" (case folded). A scan of ``_SPLIT`` started right after one of them finds the same matches
# from there on as the scan of the whole line (a match of the whole scan either ends before it or
# starts after it), see :func:`_iter_back`.
_LABEL_CHARS = frozenset("".join(_LABELS) + "完")


def _opens_scan(text: str, q: int) -> bool:
    """Whether a scan of ``text`` may start at ``q``: at the line's start, or right after an ASCII
    letter or digit or a common Han character that no match of ``_SPLIT`` takes in."""
    if q == 0:
        return True
    c = text[q - 1]
    return ((c.isascii() and c.isalnum() and c not in "endEND")
            or ("\u4e00" <= c <= "\u9fff" and c not in _LABEL_CHARS))


def _iter_back(text: str) -> Iterator[tuple[int, int]]:
    """:func:`_scan`'s pieces from the last, one at a time, scanning windows from the line's end.

    A window's scan starts at a point :func:`_opens_scan` allows, so its matches are those of the
    whole scan; its state (where the current piece starts) is the whole scan's once it passes a
    ``cut`` or ``after`` match (both set it to the match's end) or a ``before`` match after an ASCII
    character (one starts a piece at the match): the pieces after that point are exact. The next
    window, twice as wide, ends at that point.
    """
    n = len(text)
    stop = -1  # where the window scanned last became exact (-1: none yet, scan to the line's end)
    hi, width = n, _WINDOW
    while True:
        q = max(0, hi - width)
        while not _opens_scan(text, q):
            q -= 1
        exact = q == 0
        pos = q
        sync = -1
        got: list[tuple[int, int]] = []
        for m in _SPLIT.finditer(text, q):
            if m.group("cut") is not None or m.group("after") is not None:
                if exact:
                    p = _piece(text, pos, m.start() if m.group("cut") is not None else m.end())
                    if p is not None:
                        got.append(p)
                else:
                    exact = True
                    sync = m.end()
                pos = m.end()
            elif exact:
                if not _HEAD.fullmatch(text, pos, m.start()):
                    p = _piece(text, pos, m.start())
                    if p is not None:
                        got.append(p)
                    pos = m.start()
            elif text[m.start() - 1].isascii():
                # a ``before`` match after an ASCII character is never a label's head (``_HEAD`` ends
                # on a Han character): the whole scan starts a piece there too
                exact = True
                sync = pos = m.start()
            if exact and pos == stop:
                break  # the state the last window became exact in: its pieces follow
        else:
            if stop >= 0:
                raise AssertionError("units: a window's scan missed its end")  # pragma: no cover
            if exact:
                p = _piece(text, pos, n)
                if p is not None:
                    got.append(p)
        yield from reversed(got)
        if q == 0:
            return
        if sync >= 0:
            stop = sync
        hi, width = q, width * 2
