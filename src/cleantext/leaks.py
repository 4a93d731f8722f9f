"""Script, style and markup that leaked into a page's text: minified code no article is written in.

A scraper that reads a page's text nodes without skipping ``<script>``/``<style>`` (or that cuts a
tag in half) leaves lines such as ``!function(){var t=document.getElementById("box");…}();`` glued
to the article. What tells such a stretch is its syntax, not its words: over a hundred characters
with no run of Chinese prose, dense in the marks code is built of
(``{}();=<>`` and ``&&``), with braces or statement ends and calls or ``key:value`` pairs. Prose,
English included, never comes near that density, and code an article shows its reader is set out on
short lines, so only long single-line stretches are read (precision first: a code listing stays).

>>> text = "标题\\n" + "function f(){var a=b.c(d);if(a){g(a);}};" * 4 + "正文第一段。"
>>> [(s, e) for s, e in code_spans(text)]
[(3, 163)]
>>> code_spans("他说：“这（指合同）是一份 {草案}；我们会修改。”")
[]
"""

from __future__ import annotations

import regex

#: A stretch shorter than this is never read as leaked code (a priori: minified code is long).
MIN_CHARS = 100
#: The share of code marks a stretch must reach (a priori: the densest prose of the shared gold texts,
#: a reference list, reaches 0.062).
MIN_DENSITY = 0.08

# Chinese prose: three Han characters in a row end a code stretch (a string literal of one or two
# characters, ``+"评"``, does not).
_PROSE = regex.compile(r"\p{Han}{3,}")
_MARKS = frozenset("{}();=<>")
_CALL = regex.compile(r"[A-Za-z_$][\w$]*\(")
_PAIR = regex.compile(r"[A-Za-z-]+:[^;{}]{1,40};")
# where a stretch may start and end: code opens on a word or mark and closes on a mark or quote
_FIRST = regex.compile(r"[\w$.#@<{(\[=!&|'\"-]", regex.ASCII)
_LAST = regex.compile(r"[;})>\]'\"](?=[^;})>\]'\"]*$)")


def code_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each stretch of ``text`` that reads as leaked script, style or markup."""
    out: list[tuple[int, int]] = []
    if text.count("{") + text.count(";") < 3:
        return out  # (no line holds three: two C-level counts, no split)
    pos = 0
    for line in text.split("\n"):
        if len(line) >= MIN_CHARS and (line.count("{") + line.count(";")) >= 3:
            out.extend((pos + s, pos + e) for s, e in _line_spans(line))
        pos += len(line) + 1
    return out


def _line_spans(line: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in (*_PROSE.finditer(line), None):
        end = m.start() if m else len(line)
        if end - start >= MIN_CHARS:
            span = _trim(line, start, end)
            if span and _reads_as_code(line[span[0]:span[1]]):
                spans.append(span)
        if m:
            start = m.end()
    return spans


def _trim(line: str, start: int, end: int) -> tuple[int, int] | None:
    first = _FIRST.search(line, start, end)
    last = _LAST.search(line, start, end)
    if not first or not last or last.end() - first.start() < MIN_CHARS:
        return None
    return first.start(), last.end()


def _reads_as_code(s: str) -> bool:
    n = len(s)
    marks = sum(1 for ch in s if ch in _MARKS) + s.count("&&") + s.count("||")
    if marks < MIN_DENSITY * n:
        return False
    blocks = s.count("{") + s.count("}") + s.count(";")
    if blocks < 4:
        return False
    return len(_CALL.findall(s)) >= 3 or len(_PAIR.findall(s)) >= 3
