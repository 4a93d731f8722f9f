"""Units finer than lines: the pieces a boilerplate decision is made on.

Real pages glue noise to content (``…工人日报。返回搜狐，查看更多 责任编辑：``, ``标题_网站名``), so a
line is split further: after sentence ends, at runs of blanks, at a single blank between two
Chinese characters, and before/after the glue points where site furniture usually starts (a
``_``/`` - ``/``|`` title suffix, a ``（完）`` close, a ``▍`` marker). Each unit keeps ``[start, end)``
offsets into ``doc.text`` without surrounding blanks, so a span of units is a span of the input.
One linear pass per line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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


def _split(text: str) -> tuple[tuple[int, int], ...]:
    """:func:`_scan`'s pieces, without the scan for a line none of ``_SPLIT``'s alternatives can match."""
    if (_ASCII_SPLIT if text.isascii() else _PLAIN_SPLIT).search(text) is None:
        out: list[tuple[int, int]] = []
        _emit(out, text, 0, len(text))
        return tuple(out)
    return _scan(text)


def _scan(text: str) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _SPLIT.finditer(text):
        if m.group("cut") is not None:
            _emit(out, text, pos, m.start())
            pos = m.end()
        elif m.group("after") is not None:
            _emit(out, text, pos, m.end())
            pos = m.end()
        else:
            if _HEAD.fullmatch(text, pos, m.start()):
                # one or two Han characters before a label are the label's own head
                # ("责任编辑：", "值班编辑：" after a blank): not a unit of their own
                continue
            _emit(out, text, pos, m.start())
            pos = m.start()
    _emit(out, text, pos, len(text))
    return tuple(out)


_cached_pieces = lru_cache(maxsize=4096)(_split)


def edge_units(lines: list[Line], head: int, tail: int) -> list[Unit]:
    """The first ``head`` and the last ``tail`` units of ``lines`` (at least; all when they meet), in order.

    Only the lines at the document's edges are split: a long article costs no more than a short one.
    """
    first: list[tuple[Line, tuple[tuple[int, int], ...]]] = []  # the lines split, with their pieces
    got = 0
    i = 0
    while i < len(lines) and got < head:
        pieces = _pieces(lines[i].text)
        first.append((lines[i], pieces))
        got += len(pieces)
        i += 1
    last: list[tuple[Line, tuple[tuple[int, int], ...]]] = []
    j = len(lines)
    got = 0
    while j > i and got < tail:
        j -= 1
        pieces = _pieces(lines[j].text)
        last.append((lines[j], pieces))
        got += len(pieces)
    return _units(first + last[::-1])  # each piece made a Unit once, at the end


def _emit(out: list[tuple[int, int]], text: str, a: int, b: int) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        out.append((a, b))
