"""Page chrome: navigation crumbs, header metadata lines and republication lines around the title.

The header of a scraped article is where sites put their furniture::

    • 我的订阅            <- menu item          (removed)
    首页 > 新闻 > 国内     <- breadcrumb         (removed)
    某某标题               <- title              (kept; recorded as metadata["title"])
    类别:国内 发布时间:2024-01-25 16:20:00 来源:某网   (removed; values go to metadata)
    本文转自:某网          <- republication line (removed)

Only the head of the document (before the first prose paragraph) and the block after the last prose
paragraph are searched, so a body sentence that happens to contain "来源:" is never touched. Leaked
script and style (:mod:`cleantext.leaks`) are found anywhere, by their syntax.
"""

from __future__ import annotations

import regex

from ..document import Document, Line
from ..leaks import code_spans
from ..metadata import _is_prose, parse_header
from ..report import Removal
from ..textutil import SENTENCE_END, ends_sentence, is_date_line, lexicon_regex, parse_datetime
from ..titles import labelled_copy, site_suffix, title_cores
from .base import Filter

#: the lines under the title searched for a labelled copy of it, and how alike a copy is (a priori)
_TITLE_COPY_LINES = 3
_TITLE_NEAR = 90.0
# (?<!\s): a match starts at the first blank before a separator, so a long blank run without one is
# scanned once, not once per position (same matches: the trailing \s* is greedy)
_SEPARATORS = regex.compile(r"(?<!\s)\s*(?:>|›|»|→|&gt;|/|\|)\s*")
_LETTER = regex.compile(r"\p{L}")  # (Han included): a breadcrumb's part that is a word


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
        self._nav_re = lexicon_regex("chrome_lines")

    def find(self, doc: Document) -> list[Removal]:
        lines = doc.kept_lines()
        out: list[Removal] = []
        title_seen = False
        cores: list[str] = []
        after_title = 0
        for ln in lines[: self.head_lines]:
            if cores and after_title < _TITLE_COPY_LINES:
                # ``原标题：标题`` on the lines under the title, alone or glued to the first sentence:
                # the label is any short word and a colon, the evidence is the copy of the title
                after_title += 1
                e = labelled_copy(ln.text, cores, _TITLE_NEAR)
                if e is not None:
                    out.append(self.span(doc, ln.start, ln.start + e, "the title again, behind a label",
                                         0.95, code="chrome.title_labelled"))
                    if e < len(ln.text):
                        break  # the rest of the line is the article's first sentence
                    continue
            if _is_prose(ln):
                if title_seen and (end := _glued_header(ln.text, doc)):
                    out.append(self.span(doc, ln.start, ln.start + end,
                                         "header metadata line glued to the first sentence", 0.9,
                                         code="chrome.header_glued"))
                break
            got = self._classify(ln, doc, head=True)
            if got:
                out.append(self.span(doc, ln.start, ln.end, got[0], 0.95, code="chrome.header_line"))
            elif not title_seen:
                title_seen = True
                if len(ln) <= 80 and "。" not in ln.text:  # a headline may end in ！ or ？
                    cores = title_cores(ln.text)
                if len(ln) <= 80 and not ends_sentence(ln.text):
                    doc.metadata.setdefault("title", ln.text)
                    doc.hints["title_line"] = ln
                if (cut := site_suffix(ln.text)) >= 0:
                    out.append(self.span(doc, ln.start + cut, ln.end, "site or channel name after the title",
                                         0.9, code="chrome.title_suffix"))
        # furniture after the last prose paragraph (share bars, editor lines, "back to top")
        below = True  # every line below the one read is furniture
        for ln in reversed(lines):
            if any(r.start <= ln.start < r.end for r in out):
                break
            if _is_prose(ln):
                if below and (start := _glued_end(ln.text, doc)) >= 0:
                    out.append(self.span(doc, ln.start + start, ln.end,
                                         "end metadata glued to the last sentence", 0.9,
                                         kind="scraper_footer", code="chrome.end_glued"))
                break
            got = self._classify(ln, doc, head=False)
            if got:
                # below the article, label fields (来源：…, 责任编辑：…) are what the site appends, a footer;
                # share bars and "back to top" lines are the page's own furniture
                why, meta = got
                if meta:
                    kind, why = "scraper_footer", "sign-off or source line below the article: " + ", ".join(
                        k for k in meta if k)
                else:
                    kind = "page_chrome"
                out.append(self.span(doc, ln.start, ln.end, why, 0.9, kind=kind, code="chrome.end_furniture"))
            else:
                below = False
        # script or style a scraper read as text, anywhere in the page: told by its syntax alone
        out.extend(self.span(doc, s, e, "script, style or markup leaked into the text", 0.95,
                             code="chrome.script")
                   for s, e in code_spans(doc.text) if not doc.is_removed(s, e))
        return out

    def _classify(self, ln: Line, doc: Document, head: bool) -> tuple[str, dict[str, str] | None] | None:
        """Why ``ln`` is chrome (None: it is not), and its ``label: value`` fields when it parses as
        such (read once; below the article they make it a footer: see :meth:`find`)."""
        text = ln.text
        if len(text) > self.max_line:
            return None
        if len(text) <= 60 and self._nav_re.search(text):
            return "navigation or republication line", None if head else self._metadata(text)
        if head and _is_breadcrumb(text):
            return "breadcrumb", None
        meta = self._metadata(text)
        if meta is not None:
            _record(doc, meta)
            why = "header metadata line: " + ", ".join(k for k in meta if k) if meta else "header metadata"
            return why, meta
        if head and is_date_line(text):
            # a bare date under the title is recorded but kept: many articles print it as their dateline
            iso = parse_datetime(text)
            if iso:
                doc.metadata.setdefault("published", iso)
        return None

    def _metadata(self, text: str) -> dict[str, str] | None:
        """``label: value`` pairs if they make up the whole line, else None (one parser:
        :func:`cleantext.metadata.parse_header`)."""
        return parse_header(text)


#: a field boundary in a scraped line: two or more blanks, or an ideographic space
_BLANKS = regex.compile(r"(?<![ \t\u3000\xa0])(?:[ \t\xa0]{2,}|\u3000)[ \t\u3000\xa0]*")


def _glued_header(text: str, doc: Document) -> int:
    """Where header fields that open a prose line end (0: none): ``来源：某网  2018-03-15 09:28　　某网讯…``.

    Only a run of blanks is taken as the end of the fields (a scraper joins fields and body with
    the page's spacing); the text before it must parse as ``label: value`` pairs as a whole header
    line does. The longest such head is taken, and its values are recorded.
    """
    best, meta = 0, None
    for m in _BLANKS.finditer(text, 0, 160):
        got = parse_header(_BLANKS.sub(" ", text[: m.start()]))  # a field's own spacing is not its length
        if got:
            best, meta = m.end(), got
    if meta:
        _record(doc, meta)
    return best


def _glued_end(text: str, doc: Document) -> int:
    """Where ``label: value`` fields glued after the last sentence of a line start (-1: none):
    ``…案件仍在进一步侦办中。（来源：某报、某网）``, ``…罚款3400元。责任编辑：某某``.

    The fields must parse as a whole end line does (:func:`cleantext.metadata.parse_header`, the
    parser of header lines), alone or in one pair of brackets, and hold no sentence of their own;
    their values are recorded as a header line's are.
    """
    last = None
    for last in SENTENCE_END.finditer(text):  # noqa: B007 (the last one is wanted)
        pass
    if last is None or last.end() >= len(text):
        return -1
    start = len(text) - len(text[last.end():].lstrip())  # the first character past the blanks
    rest = text[start:].rstrip()
    if not rest or len(rest) > 60:
        return -1
    wrapped = len(rest) > 2 and rest[0] in "（(【[" and rest[-1] in "）)】]"
    meta = parse_header(rest[1:-1].strip() if wrapped else rest)
    if meta is None:
        return -1
    _record(doc, meta)
    return start


def _record(doc: Document, meta: dict[str, str]) -> None:
    """Header values into ``doc.metadata``; a value already there (an earlier line's) stays."""
    for k, v in meta.items():
        if k and v:
            doc.metadata.setdefault(k, v)


def _is_breadcrumb(text: str) -> bool:
    """Three or more short parts split by ``> › » → / |``, at least two of them words: ``2025/3/2``
    is a date, not a trail of pages."""
    if len(text) > 60:
        return False
    parts = [p for p in _SEPARATORS.split(text) if p]
    if len(parts) < 3 or not _SEPARATORS.search(text):
        return False
    return all(len(p) <= 10 for p in parts) and sum(bool(_LETTER.search(p)) for p in parts) >= 2
