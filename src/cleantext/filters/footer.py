"""Scraper footers: snapshot, crawler, repost, disclaimer and copyright blocks at the end of an article.

Structure beats phrases: the filter walks back from the end of the kept text over lines that carry
footer markers (``data/footer_markers.txt``: crawler/snapshot wording, 如有侵权, 版权归…所有,
Copyright, ICP备 …) and stops at the first line that is not footer-like. A long line needs two
distinct markers, so a paragraph *about* crawlers or copyright stays. Lines removed by earlier
filters (the related-news tail) are skipped, so a footer above a tail is still "at the end".

>>> from cleantext import Pipeline
>>> text = "正文第一段，讲了一件事。\\n免责声明:本文来源于网络,仅供参考。如有侵权,请联系删除。\\n"
>>> Pipeline([ScraperFooter()]).clean(text).text
'正文第一段，讲了一件事。\\n'
"""

from __future__ import annotations

import regex

from ..document import Document, Line
from ..report import Removal
from ..textutil import lexicon
from .base import Filter

_AUX = regex.compile(r"(https?://|www\.|@[\w-]+\.|\b[\w-]+\.(com|cn|net|cc|org)\b|电话|邮箱|[:：]$)")


class ScraperFooter(Filter):
    """Remove the footer block at the end of the document.

    Parameters:
        max_line: longest line (chars) that can be part of a footer.
        short_line: up to this length one marker suffices; longer lines need two distinct markers.
    """

    name = "footer"
    kind = "scraper_footer"

    def __init__(self, max_line: int = 400, short_line: int = 40) -> None:
        self.max_line = max_line
        self.short_line = short_line
        self._markers = [regex.compile(p) for p in lexicon("footer_markers")]

    def markers(self, text: str) -> list[str]:
        return [m.pattern for m in self._markers if m.search(text)]

    def find(self, doc: Document) -> list[Removal]:
        lines = doc.kept_lines()
        block: list[tuple[Line, list[str]]] = []
        pending: list[Line] = []  # unmarked short lines, kept only if a marked line comes above them
        for ln in reversed(lines):
            hits = self.markers(ln.text) if len(ln) <= self.max_line else []
            if hits and (len(ln) <= self.short_line or len(hits) >= 2):
                block.extend((p, []) for p in pending)
                pending = []
                block.append((ln, hits))
            elif len(ln) <= 30 and _AUX.search(ln.text) and len(pending) < 1:
                pending.append(ln)
            else:
                break
        if not block or len(block) >= len(lines):
            return []
        out = []
        for ln, hits in block:
            why = "footer line" if not hits else "footer marker: " + ", ".join(h[:16] for h in hits[:3])
            out.append(self.span(doc, ln.start, ln.end, why, 0.9 if hits else 0.7))
        return out
