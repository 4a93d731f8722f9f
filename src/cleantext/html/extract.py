"""Main-text extraction from raw HTML pages, with every dropped block reported.

``extract(html)`` returns an :class:`Extraction`: ``text`` is the *whole* text of the page, one block
(heading, paragraph, list item, table cell, ``<br>``-separated line) per line, and ``removals`` are
spans of that text judged not to be the main content, each with a kind and a reason. The pipeline
then runs the text filters over what is left, so offsets of every removal index ``text``.

How the main content is chosen (:func:`select`):

1. every line gets a score from its own evidence: characters outside links count for it, characters
   inside links against it, sentence punctuation (，。！？；) marks prose, and short lines without
   punctuation are weakly negative (menus, dates, bylines, buttons);
2. class/id words of the enclosing elements (``content``/``article`` vs ``nav``/``footer``/
   ``comment``...) scale the score a little: a prior, never a verdict;
3. the main region is the contiguous run of lines with the highest total score (maximum subarray),
   so it starts and ends on content and absorbs small negative islands (a subheading, a caption);
   runs of three or more link lines are barriers, and reader-comment containers count against it
   when the page has real text outside them;
4. inside the element holding most of the region's text, short plain lines (table cells, dates,
   captions) are neutral, so the region grows over tables and lists that belong to the article;
5. a region made of dated entries with the same structure (a blog's front page) keeps its first
   entry; button lines at its edges and datelines at its end are trimmed;
6. lines outside the region, and hidden lines anywhere, are removed, one removal per run of lines
   with the same kind and reason: ``page_chrome`` before the region (and hidden elements, reader
   comments, further entries), and after it ``scraper_footer`` (copyright/ICP/contact lines),
   ``unrelated_tail`` (link lists) or ``page_chrome``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..report import Removal
from .blocks import COMMENT, HEADINGS, NEGATIVE, POSITIVE, Line, parse_lines

__all__ = ["DEFAULT_PARSER", "Extraction", "extract", "select"]

FILTER = "html"


@dataclass(slots=True)
class Extraction:
    """Text of the page (one block per line), the removals that leave its main text, page facts."""

    text: str
    removals: list[Removal] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)


_PUNCT = re.compile(r"[，。！？；：、,.!?;…]")
_END_PUNCT = re.compile(r"[。！？!?…；;”」』）)]$")
_FOOTER = re.compile(
    r"版权所有|copyright|©|\(c\)|all rights reserved|icp[备证]|备案|公网安备|违法和不良信息|举报电话"
    r"|客服(热线|电话)|联系我们|关于我们|免责声明|版权声明|网站地图|法律声明|隐私政策|powered by",
    re.IGNORECASE,
)


def _hint(line: Line) -> float:
    """A multiplier from the class/id words on the line's path."""
    f = line.flags
    return 1.0 + (0.25 if f & POSITIVE else 0.0) - (0.35 if f & NEGATIVE else 0.0)


def score_line(line: Line) -> float:
    """Evidence that a line is main text (positive) or chrome (negative), in characters."""
    n = line.chars
    link = line.link_chars
    own = n - link
    punct = len(_PUNCT.findall(line.text))
    density = link / n if n else 1.0
    f = line.features
    f["link_density"] = round(density, 3)
    f["punct"] = punct
    if density >= 0.5:
        s = -(1.0 + 0.5 * n)
    elif own < 10 and punct == 0:
        s = -2.0 - link
    else:
        s = own * (1.0 if punct else 0.4) - 1.5 * link - 2.0
    if line.tag in HEADINGS:
        s = min(s, -1.0)
    if n < 200 and _FOOTER.search(line.text):
        s = min(s, -5.0 - 0.5 * n)
    s *= _hint(line) if s > 0 else 2.0 - _hint(line)
    f["score"] = round(s, 2)
    return s


def _best_region(scores: list[float]) -> tuple[int, int]:
    """Indices [i, j) of the contiguous run with the highest sum (empty when nothing is positive)."""
    best, best_i, best_j = 0.0, 0, 0
    cur, cur_i = 0.0, 0
    for k, s in enumerate(scores):
        if cur <= 0:
            cur, cur_i = s, k
        else:
            cur += s
        if cur > best:
            best, best_i, best_j = cur, cur_i, k + 1
    return best_i, best_j


def _category(line: Line, where: str) -> tuple[str, str]:
    """Kind and reason (without per-line numbers, so neighbours group) of a line outside the region."""
    f = line.features
    if line.hidden:
        return "page_chrome", "hidden element (display:none, hidden attribute or class)"
    if where == "before":
        if f.get("link_density", 0) >= 0.5:
            return "page_chrome", "navigation links before the main content"
        if line.tag in HEADINGS:
            return "page_chrome", "heading before the main content"
        return "page_chrome", "page header before the main content"
    if f.get("later_entry"):
        return "page_chrome", "further entries of a listing page (the first entry is the main content)"
    if f.get("comment"):
        return "page_chrome", "reader comments after the main content"
    if _FOOTER.search(line.text):
        return "scraper_footer", "site footer after the main content (copyright/contact/licence)"
    if f.get("link_density", 0) >= 0.5:
        return "unrelated_tail", "link list after the main content"
    return "page_chrome", "page chrome after the main content"


def _in_comments(line: Line) -> bool:
    return bool(line.flags & COMMENT)


def select(lines: list[Line]) -> tuple[int, int]:
    """The main region of ``lines`` as indices [i, j).

    Hidden lines do not count either way (they are removed on their own). Lines inside reader
    comment containers count against the region, unless little of the page's text is outside them
    (a forum thread, or a site that names its article box "comment").
    """
    scores = [0.0 if ln.hidden else score_line(ln) for ln in lines]
    comment = [_in_comments(ln) for ln in lines]
    total = sum(s for s in scores if s > 0)
    in_comments = sum(s for s, c in zip(scores, comment, strict=True) if s > 0 and c)
    if total - in_comments >= 150.0:
        for k, c in enumerate(comment):
            if c and scores[k] > 0:
                scores[k] = -0.5 * scores[k] - 2.0
                lines[k].features["comment"] = True
    # A run of three or more link lines (a menu, a related-news list) is a barrier.
    run: list[int] = []
    for k in range(len(lines) + 1):
        if k < len(lines) and (lines[k].hidden or lines[k].features.get("link_density", 0) >= 0.5):
            if not lines[k].hidden:
                run.append(k)
            continue
        if len(run) >= 3:
            for m in run:
                scores[m] -= 10.0
        run = []
    i, j = _best_region(scores)
    if i >= j:
        return i, j
    # Inside the element that holds most of the region's text, short plain lines (table cells,
    # dates, captions, subheadings) are neutral rather than negative: the region may grow over them.
    box = _main_container(lines[i:j], scores[i:j])
    if box is None:
        return i, j
    depth, serial = box
    lo, hi = i, j
    while lo > 0 and _inside(lines[lo - 1], depth, serial):
        lo -= 1
    while hi < len(lines) and _inside(lines[hi], depth, serial):
        hi += 1
    inner = [max(sc, 0.0) if -6.0 <= sc < 0 and lines[k].features.get("link_density", 0) < 0.5 else sc
             for k, sc in enumerate(scores[lo:hi], lo)]
    a, b = _best_region(inner)
    i, j = min(i, lo + a), max(j, lo + b)
    return i, _first_item_end(lines, scores, i, j)


_STAMP = re.compile(r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\D{0,6}\d{1,2}:\d\d")


def _is_dateline(line: Line) -> bool:
    """A short line with a full timestamp (date and time), as entries of a listing carry."""
    return (not line.hidden and line.chars <= 80 and _STAMP.search(line.text) is not None
            and not _END_PUNCT.search(line.text))


def _first_item_end(lines: list[Line], scores: list[float], i: int, j: int) -> int:
    """End of the region when it is a listing of dated entries (a blog's front page): the first entry.

    Two datelines with the same element path (tags and class words) whose nearest distinct
    ancestors each hold several lines and real text are two entries of one listing; the region
    then ends with the first entry, and the rest is reported as further entries.
    """
    seen: dict[tuple[tuple[str, tuple[str, ...]], ...], int] = {}
    for k in range(i, j):
        if not _is_dateline(lines[k]):
            continue
        sig = tuple((n.tag, n.words) for n in lines[k].path)
        first = seen.get(sig)
        if first is None:
            seen[sig] = k
            continue
        if first < 0:  # this path was tried already (only its first two entries are compared)
            continue
        seen[sig] = -1
        p1, p2 = lines[first].path, lines[k].path
        m = 0
        while m < min(len(p1), len(p2)) and p1[m].serial == p2[m].serial:
            m += 1
        if m >= min(len(p1), len(p2)):
            continue
        a1, b1 = _span_of(lines, first, m, p1[m].serial, i, j)
        a2, b2 = _span_of(lines, k, m, p2[m].serial, i, j)
        if min(b1 - a1, b2 - a2) < 3:
            continue
        if min(sum(max(sc, 0) for sc in scores[a1:b1]), sum(max(sc, 0) for sc in scores[a2:b2])) < 50:
            continue
        for x in range(b1, j):
            lines[x].features["later_entry"] = True
        return b1
    return j


def _inside(line: Line, depth: int, serial: int) -> bool:
    return len(line.path) > depth and line.path[depth].serial == serial


def _span_of(lines: list[Line], k: int, depth: int, serial: int, lo: int, hi: int) -> tuple[int, int]:
    """The lines [a, b) inside element ``serial`` (at ``depth``) around line ``k``, within [lo, hi).

    An element's lines are contiguous, so this walks out from ``k`` only as far as the element goes.
    """
    a = k
    while a > lo and _inside(lines[a - 1], depth, serial):
        a -= 1
    b = k + 1
    while b < hi and _inside(lines[b], depth, serial):
        b += 1
    return a, b


_DATETIME = re.compile(r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|\d{1,2}:\d\d")
_SENTENCE = re.compile(r"[，。！？；,!?;]")


_LIST_ITEM = re.compile(
    r"^\s*(?:\d{1,3}\s*[、.．)）]|[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\d{1,3}[)）])")


def _edge_chrome(line: Line, dateline: bool = True) -> bool:
    """A dateline/byline, or a short button-like line (分享到, 打印, 扫一扫...) at an edge of the region."""
    t = line.text
    if line.hidden:
        return True
    if dateline and line.chars <= 80 and _DATETIME.search(t) and not _END_PUNCT.search(t):
        return True
    return line.chars <= 12 and not _SENTENCE.search(t) and not _LIST_ITEM.match(t)


def trim(lines: list[Line], i: int, j: int, max_lines: int = 6) -> tuple[int, int]:
    """Drop button lines at the edges of the region [i, j), and datelines at its end (a few at most).

    Datelines and bylines at the start are left to the ``PageChrome`` text filter, which removes
    them and records their values (published, source, author) in ``report.metadata``.
    """
    k = 0
    while i < j and k < max_lines and _edge_chrome(lines[i], dateline=False):
        i, k = i + 1, k + 1
    k = 0
    while j > i and k < max_lines and _edge_chrome(lines[j - 1]):
        j, k = j - 1, k + 1
    return i, j


def _main_container(lines: list[Line], scores: list[float], share: float = 0.8) -> tuple[int, int] | None:
    """Depth and serial of the deepest element holding ``share`` of the positive score of ``lines``."""
    total = sum(sc for sc in scores if sc > 0)
    if total <= 0:
        return None
    acc: dict[int, float] = {}
    depth: dict[int, int] = {}
    for ln, sc in zip(lines, scores, strict=True):
        if sc > 0:
            for n in ln.path:
                acc[n.serial] = acc.get(n.serial, 0.0) + sc
                depth[n.serial] = n.depth
    best = [k for k, v in acc.items() if v >= share * total]
    if not best:
        return None
    serial = max(best, key=lambda k: depth[k])
    return depth[serial], serial


#: The parser :func:`extract` uses when none is given (what ``cleantext.clean`` gets).
DEFAULT_PARSER = "auto"


def extract(html: str, *, parser: str | None = None) -> Extraction:
    """Extract the page's text and mark everything outside its main content as removals.

    ``parser``: ``"auto"`` (lxml directly when installed: the fast path; else BeautifulSoup with
    ``html.parser``), ``"bs4"`` (BeautifulSoup, lxml parser when installed), ``"lxml"``, or a
    BeautifulSoup parser name such as ``"html.parser"``. Default: :data:`DEFAULT_PARSER`. Both
    paths give identical output on the test pages (``tests/test_html_cwced.py``).
    """
    lines, title = parse_lines(html, parser or DEFAULT_PARSER)
    text = "\n".join(ln.text for ln in lines)
    meta: dict[str, str] = {}
    if title:
        meta["title"] = title
    h1 = next((ln.text for ln in lines if ln.tag == "h1"), None)
    if h1:
        meta.setdefault("headline", h1)
    if not lines:
        return Extraction(text, [], meta)
    i, j = trim(lines, *select(lines))
    removals: list[Removal] = []
    group: list[Line] = []
    key: tuple[str, str] | None = None
    g_start = pos = 0
    for k, ln in enumerate([*lines, None]):
        if ln is None or (i <= k < j and not ln.hidden):
            new = None
        else:
            new = _category(ln, "before" if k < i else "after")
        if new != key or new is None:
            if group and key is not None:
                removals.append(_group_removal(text, g_start, group, *key))
            group, key, g_start = [], new, pos
        if ln is not None:
            if new is not None:
                group.append(ln)
            pos += len(ln.text) + 1
    return Extraction(text, removals, meta)


def _group_removal(text: str, start: int, group: list[Line], kind: str, reason: str) -> Removal:
    end = start + sum(len(ln.text) + 1 for ln in group) - 1
    chars = sum(ln.chars for ln in group)
    density = sum(ln.link_chars for ln in group) / chars if chars else 0.0
    n = len(group)
    detail = f"{n} line{'s' if n > 1 else ''}, link density {density:.2f}"
    return Removal(start, end, kind, FILTER, f"{reason}: {detail}", 1.0, text[start:end], f"html.{reason}")
