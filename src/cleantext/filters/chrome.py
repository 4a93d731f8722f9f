"""Page chrome: navigation crumbs, header metadata lines and republication lines around the title.

The header of a scraped article is where sites put their furniture::

    • 我的订阅            <- menu item          (removed)
    首页 > 新闻 > 国内     <- breadcrumb         (removed)
    某某标题               <- title              (kept; recorded as metadata["title"])
    类别:国内 发布时间:2024-01-25 16:20:00 来源:某网   (removed; values go to metadata)
    本文转自:某网          <- republication line (removed)

Only the head of the document (before the first prose paragraph) and the block after the last prose
paragraph are searched, so a body sentence that happens to contain "来源:" is never touched.
"""

from __future__ import annotations

import regex

from ..document import Document, Line
from ..report import Removal
from ..textutil import ends_sentence, han_count, is_date_line, lexicon, lexicon_regex, parse_datetime
from .base import Filter

_CLAUSE_IN_VALUE = regex.compile(r"[：，,;；]|(?<!\d):(?!\d)")  # a colon between digits is a time
# (?<!\s): a match starts at the first blank before a separator, so a long blank run without one is
# scanned once, not once per position (same matches: the trailing \s* is greedy)
_SEPARATORS = regex.compile(r"(?<!\s)\s*(?:>|›|»|→|&gt;|/|\|)\s*")


def _labels() -> tuple[regex.Pattern[str], dict[str, str]]:
    keys: dict[str, str] = {}
    for entry in lexicon("chrome_labels"):
        label, _, key = entry.partition("=")
        keys[label.strip()] = key.strip()
    alternation = "|".join(regex.escape(k) for k in sorted(keys, key=len, reverse=True))
    return regex.compile(rf"(?:^|(?<=\s))({alternation})\s*[:：]"), keys


class PageChrome(Filter):
    """Remove navigation and header metadata lines; record their values in ``report.metadata``.

    Parameters:
        head_lines: how many non-blank lines at the top may hold chrome.
        max_line: chrome lines are short; longer lines are never chrome.
    """

    name = "chrome"
    kind = "page_chrome"

    def __init__(self, head_lines: int = 12, max_line: int = 160) -> None:
        self.head_lines = head_lines
        self.max_line = max_line
        self._label_re, self._label_keys = _labels()
        self._nav_re = lexicon_regex("chrome_lines")

    def find(self, doc: Document) -> list[Removal]:
        lines = doc.kept_lines()
        out: list[Removal] = []
        title_seen = False
        for ln in lines[: self.head_lines]:
            if _is_prose(ln):
                break
            why = self._classify(ln, doc, head=True)
            if why:
                out.append(self.span(doc, ln.start, ln.end, why, 0.95))
            elif not title_seen:
                title_seen = True
                if len(ln) <= 80 and not ends_sentence(ln.text):
                    doc.metadata.setdefault("title", ln.text)
                    doc.hints["title_line"] = ln
        # furniture after the last prose paragraph (share bars, editor lines, "back to top")
        for ln in reversed(lines):
            if _is_prose(ln) or any(r.start <= ln.start < r.end for r in out):
                break
            why = self._classify(ln, doc, head=False)
            if why:
                out.append(self.span(doc, ln.start, ln.end, why, 0.9))
        return out

    def _classify(self, ln: Line, doc: Document, head: bool) -> str | None:
        text = ln.text
        if len(text) > self.max_line:
            return None
        if len(text) <= 60 and self._nav_re.search(text):
            return "navigation or republication line"
        if head and _is_breadcrumb(text):
            return "breadcrumb"
        meta = self._metadata(text)
        if meta is not None:
            for k, v in meta.items():
                if k and v:
                    doc.metadata.setdefault(k, v)
            return "header metadata line: " + ", ".join(k for k in meta if k) if meta else "header metadata"
        if head and is_date_line(text):
            # a bare date under the title is recorded but kept: many articles print it as their dateline
            iso = parse_datetime(text)
            if iso:
                doc.metadata.setdefault("published", iso)
        return None

    def _metadata(self, text: str) -> dict[str, str] | None:
        """Parse ``label: value`` pairs if they make up the whole line, else None."""
        hits = list(self._label_re.finditer(text))
        if not hits or len(text) - hits[0].start() < 3:
            return None
        lead = text[: hits[0].start()].strip()
        if len(lead) > 2 and not is_date_line(lead):
            return None  # only a date may stand before the first label ("2024-01-25 16:20 来源：…")
        if len(hits) == 1 and len(text) > 60:
            return None
        meta: dict[str, str] = {}
        if len(lead) > 2 and (iso := parse_datetime(lead)):
            meta["published"] = iso
        for i, m in enumerate(hits):
            end = hits[i + 1].start() if i + 1 < len(hits) else len(text)
            value = text[m.end() : end].strip(" \u3000\xa0\u2002|｜,，")
            if len(value) > 40 or ends_sentence(value) and len(value) > 20:
                return None
            if _CLAUSE_IN_VALUE.search(value):
                return None  # "作者: 某某：某大学，北京" is a byline with an affiliation, part of the text
            key = self._label_keys.get(m.group(1), "")
            if key == "published":
                value = parse_datetime(value) or value
            if key and value and key not in meta:
                meta[key] = value
        return meta


def _is_prose(ln: Line) -> bool:
    return len(ln) >= 40 and han_count(ln.text) >= 20 and any(c in ln.text for c in "，,。；")


def _is_breadcrumb(text: str) -> bool:
    if len(text) > 60:
        return False
    parts = [p for p in _SEPARATORS.split(text) if p]
    if len(parts) < 2 or len(parts) == 1:
        return False
    if not _SEPARATORS.search(text):
        return False
    return len(parts) >= 3 and all(len(p) <= 10 for p in parts)
