"""Main-text extraction from raw HTML pages, with every dropped block reported.

``extract(html)`` returns an :class:`Extraction`: ``text`` is the *whole* text of the page, one block
(heading, paragraph, list item, table cell, ``<br>``-separated line) per line, and ``removals`` are
spans of that text judged not to be the main content, each with a kind, a reason code
(``html.navigation``, ``html.related_links``...), a reason in words with the block's DOM path, and
the scorer's confidence. The pipeline then runs the text filters over what is left, so offsets of
every removal index ``text``.

How the main content is chosen:

1. every line gets DOM features (:mod:`.features`) and a probability of being main text from the
   fitted two-stage scorer (:mod:`.scorer`, weights in ``data/models/html_blocks.json``);
2. the main region is the contiguous run of lines with the highest total of
   ``(p - threshold) * weight(chars)`` (maximum subarray), so it starts and ends on content and
   absorbs small islands the scorer doubts (a subheading, a caption);
3. inside the region only lines the scorer is nearly sure are not text are dropped (an inline
   advert, a share bar); lines outside the region, and hidden lines anywhere, are removed, one
   removal per run of lines with the same kind and reason.

Hidden means hidden for a reader: an inline ``display:none`` or the ``hidden`` attribute, never a
class name; and the element holding most of the page's text is never hidden (:mod:`.blocks`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from ..gcpause import paused
from ..report import Removal
from .blocks import COMMENT, HEADINGS, NEGATIVE, Line, dom_path, parse_page
from .features import FOOTER_RE, features
from .meta import page_metadata
from .scorer import load_model, probabilities

__all__ = ["DEFAULT_PARSER", "Extraction", "choose", "extract", "main_text"]

FILTER = "html"


@dataclass(slots=True)
class Extraction:
    """Text of the page (one block per line), the removals that leave its main text, page facts."""

    text: str
    removals: list[Removal] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    #: Per line of ``text``: an id of the line's element path (tags and class/id words from the root):
    #: lines with the same id are repeated structure (paragraphs of one body, items of one list).
    shapes: list[int] = field(default_factory=list)


_CODES = {
    "hidden": ("page_chrome", "hidden element (display:none or hidden attribute)"),
    "navigation": ("page_chrome", "navigation links"),
    "heading": ("page_chrome", "heading outside the main content"),
    "header": ("page_chrome", "page header before the main content"),
    "comments": ("page_chrome", "reader comments"),
    "footer": ("scraper_footer", "site footer (copyright/contact/licence)"),
    "related_links": ("unrelated_tail", "link list after the main content"),
    "chrome": ("page_chrome", "page chrome after the main content"),
    "inline_chrome": ("page_chrome", "chrome inside the main content (share bar, advert, label)"),
    "later_entries": ("page_chrome", "further entries of a listing page (the first is the main content)"),
}


def _category(line: Line, where: str) -> str:
    """The reason code (without ``html.``) of a line outside the main content."""
    if line.hidden:
        return "hidden"
    dens = line.link_chars / line.chars if line.chars else 0.0
    if line.features.get("later_entry"):
        return "later_entries"
    if line.features.get("comment") or (where == "after" and line.flags & COMMENT):
        return "comments"
    if where == "inside":
        return "inline_chrome"
    if line.chars < 200 and FOOTER_RE.search(line.text) and where == "after":
        return "footer"
    if dens >= 0.5:
        return "navigation" if where == "before" else "related_links"
    if line.tag in HEADINGS:
        return "heading"
    return "header" if where == "before" else "chrome"


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


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1.0 - 1e-6)
    return math.log(p / (1.0 - p))


def choose(lines: list[Line], probs: list[float], decode: dict[str, float]) -> list[bool]:
    """Which lines are main text, from the scorer's probabilities and the decoding parameters.

    Two structural passes around the region choice: lines in reader-comment containers count
    against the region when the page has real text outside them (a forum thread, or a site that
    names its article box "comment", keeps them), and a region made of dated entries with the same
    structure (a blog's front page) keeps its first entry.
    """
    t = decode["threshold"]
    alpha = decode["alpha"]
    inner = decode["inner"]
    if decode.get("logit"):
        lt = math.log(t / (1.0 - t))
        scores = [0.0 if ln.hidden else (_logit(p) - lt) * (ln.chars ** alpha + 1.0)
                  for ln, p in zip(lines, probs, strict=True)]
    else:
        scores = [0.0 if ln.hidden else (p - t) * (ln.chars ** alpha + 1.0)
                  for ln, p in zip(lines, probs, strict=True)]
    # A run of three or more lines the scorer rejects (a menu, a share bar, a list of links) is a
    # barrier: the region does not reach across it for the teasers beyond.
    g = decode.get("barrier", 0.0)
    if g:
        run: list[int] = []
        for k in range(len(lines) + 1):
            if k < len(lines) and (lines[k].hidden or probs[k] < t):
                if not lines[k].hidden:
                    run.append(k)
                continue
            if len(run) >= 3:
                for m in run:
                    scores[m] -= g
            run = []
    comment = [bool(ln.flags & COMMENT) for ln in lines]
    outside = sum(s for s, c in zip(scores, comment, strict=True) if s > 0 and not c)
    if outside >= decode.get("comment_outside", 40.0):
        for k, c in enumerate(comment):
            if c and scores[k] > 0:
                scores[k] = -scores[k]
                lines[k].features["comment"] = True
    i, j = _best_region(scores)
    if i < j and decode.get("grow", 1):
        i, j = _grow(lines, scores, i, j)
    if i < j and decode.get("continue", _CONTINUE_FLOOR) < 1.0:
        i, j = _continue(lines, scores, probs, i, j, decode.get("continue", _CONTINUE_FLOOR))
    if i < j and decode.get("trim_links", 1):
        i, j = _trim_links(lines, i, j)
    if i < j:
        j = _first_item_end(lines, scores, i, j)
        i, j = _first_entry(lines, i, j)
    # Inside the region, a line goes only when the scorer nearly rules it out *and* it looks like
    # chrome (mostly links, or in an element whose class/id says navigation, share, related...):
    # a short table cell or a numbered subheading the scorer doubts stays (precision first).
    return [i <= k < j and not ln.hidden
            and (probs[k] >= inner or not (ln.link_chars * 2 >= ln.chars or ln.flags & NEGATIVE))
            for k, ln in enumerate(lines)]


def _grow(lines: list[Line], scores: list[float], i: int, j: int) -> tuple[int, int]:
    """Inside the element holding most of the region's score, short plain lines (table cells, list
    numbers, captions, subheadings) are neutral rather than negative: the region may grow over them."""
    box = _main_container(lines[i:j], scores[i:j])
    if box is None:
        return i, j
    depth, serial = box
    lo, hi = i, j
    while lo > 0 and _inside(lines[lo - 1], depth, serial):
        lo -= 1
    while hi < len(lines) and _inside(lines[hi], depth, serial):
        hi += 1
    inner = [max(sc, 0.0) if sc < 0 and lines[k].chars <= 24 and lines[k].link_chars * 2 < lines[k].chars
             else sc for k, sc in enumerate(scores[lo:hi], lo)]
    a, b = _best_region(inner)
    return min(i, lo + a), max(j, lo + b)


def _is_link_line(ln: Line) -> bool:
    return ln.hidden or ln.chars <= 3 or ln.link_chars * 2 >= ln.chars


def _trim_links(lines: list[Line], i: int, j: int) -> tuple[int, int]:
    """The region without the link lines at its edges (and the bare numbers, bullets and hidden lines
    among them): a byline link or a breadcrumb above the text, a list of links after it, are not its
    first or last lines. A run of three links or more after the text is a list, and its heading (a
    short line without a sentence end) goes with it. A region of links only is left as it is."""
    k, links = j, 0
    while k > i and _is_link_line(lines[k - 1]):
        if not lines[k - 1].hidden and lines[k - 1].chars > 3:
            links += 1
        k -= 1
    if links >= 3 and k > i + 1 and lines[k - 1].chars <= 30 and not _END_PUNCT.search(lines[k - 1].text):
        k -= 1
    a = i
    while a < k and _is_link_line(lines[a]):
        a += 1
    return (a, k) if a < k else (i, j)


#: Probability a line of the article's own shape must have for the region to continue over it.
_CONTINUE_FLOOR = 0.2
#: Lines of another shape the continuation may step over (a figure and its caption).
_CONTINUE_GAP = 2


def _continue(lines: list[Line], scores: list[float], probs: list[float], i: int, j: int,
              floor: float) -> tuple[int, int]:
    """The region continued over the lines of its own shape next to it.

    The shape (element path by tags and classes) holding most of the region's score is the
    article's paragraph; a paragraph of that same shape just before or after the region, mostly
    outside links and not ruled out by the scorer, is more of the article (the scorer may doubt
    the last sections of a long post), with at most two lines of other shapes between (a figure,
    its caption).
    """
    acc: dict[int, float] = {}
    for k in range(i, j):
        if scores[k] > 0:
            acc[lines[k].shape] = acc.get(lines[k].shape, 0.0) + scores[k]
    if not acc:
        return i, j
    total = sum(acc.values())
    core, best = max(acc.items(), key=lambda kv: kv[1])
    if best < 0.5 * total:
        return i, j

    def ok(ln: Line, p: float) -> bool:
        return ln.shape == core and p >= floor and ln.link_chars * 2 < ln.chars

    k, gap = j, 0
    while k < len(lines) and gap <= _CONTINUE_GAP:
        if lines[k].hidden:
            pass
        elif ok(lines[k], probs[k]):
            j, gap = k + 1, 0
        else:
            gap += 1
        k += 1
    k, gap = i - 1, 0
    while k >= 0 and gap <= _CONTINUE_GAP:
        if lines[k].hidden:
            pass
        elif ok(lines[k], probs[k]):
            i, gap = k, 0
        else:
            gap += 1
        k -= 1
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


_END_PUNCT = re.compile(r"[。！？!?…；;”」』）)]$")
_MIN_ENTRY = 10.0  # score an entry of a listing must hold (in the region's units) to count
_ENTRY_CHARS = 40  # characters outside links a later entry must hold to count as one
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
            # The datelines' own rows are small (a table row per title, per body, per footer line):
            # the entries are then the stretches the datelines close ("posted @ date" under each
            # post). Text the scorer keeps before the first dateline, and text between the two
            # datelines (the scorer may doubt it: it is a later entry), make two entries.
            if (k - first >= 3
                    and sum(max(sc, 0) for sc in scores[i:first]) >= _MIN_ENTRY
                    and sum(ln.chars - ln.link_chars for ln in lines[first + 1:k]) >= _ENTRY_CHARS):
                for x in range(first + 1, j):
                    lines[x].features["later_entry"] = True
                return first + 1
            continue
        # The first entry must be text the scorer keeps; the second need only hold text (the scorer
        # may doubt it: it is a later entry).
        if (sum(max(sc, 0) for sc in scores[a1:b1]) < _MIN_ENTRY
                or sum(ln.chars - ln.link_chars for ln in lines[a2:b2]) < _ENTRY_CHARS):
            continue
        for x in range(b1, j):
            lines[x].features["later_entry"] = True
        return b1
    return j


def _shape(line: Line) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The line's element path by tags and class/id words (``tr#p12128`` and ``tr#p10317`` alike)."""
    return tuple((n.tag, n.words) for n in line.path)


def _first_entry(lines: list[Line], i: int, j: int) -> tuple[int, int]:
    """The region moved to the first entry of a listing when it is one of its later entries.

    A region holding one dateline, the same shape of dateline closing earlier stretches with text
    ("posted @ date" under each post of a blog's front page): the entries are the stretches those
    datelines close, each opening with the shape of line that follows a dateline. The first entry
    is the main content (as :func:`_first_item_end` keeps the first entry when the region spans
    several); the region's own entry and those between are reported as further entries.
    """
    ds = [k for k in range(i, j) if _is_dateline(lines[k])]
    if len(ds) != 1:
        return i, j
    shape = _shape(lines[ds[0]])
    earlier = [k for k in range(i) if _is_dateline(lines[k]) and _shape(lines[k]) == shape]
    if not earlier:
        return i, j
    e1 = earlier[0]
    e2 = earlier[1] if len(earlier) > 1 else ds[0]
    if e2 - e1 < 2 or sum(ln.chars - ln.link_chars for ln in lines[e1 + 1:e2 + 1]) < _ENTRY_CHARS:
        return i, j
    head = _shape(lines[e1 + 1])
    m = next((x for x in range(e1 - 1, -1, -1) if _shape(lines[x]) == head), None)
    if m is None or e1 - m > 2 * (e2 - e1):
        return i, j
    while m > 0 and _shape(lines[m - 1]) == head:
        m -= 1
    if sum(ln.chars - ln.link_chars for ln in lines[m:e1 + 1]) < _ENTRY_CHARS:
        return i, j
    for x in range(e1 + 1, j):
        lines[x].features["later_entry"] = True
    return m, e1 + 1


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




#: The parser :func:`extract` uses when none is given (what ``cleantext.clean`` gets).
DEFAULT_PARSER = "auto"


def extract(html: str, *, parser: str | None = None, model: dict[str, Any] | None = None) -> Extraction:
    """Extract the page's text and mark everything outside its main content as removals.

    ``parser``: ``"auto"`` (lxml directly when installed: the fast path; else BeautifulSoup with
    ``html.parser``), ``"bs4"`` (BeautifulSoup, lxml parser when installed), ``"lxml"``, or a
    BeautifulSoup parser name such as ``"html.parser"``. Default: :data:`DEFAULT_PARSER`. Both
    paths give identical output (``tests/test_html_cwced.py``). ``model``: scorer parameters
    (default: the shipped ``html_blocks.json``).
    """
    with paused():  # (see :mod:`cleantext.gcpause`)
        return _extract(html, parser, model)


def _extract(html: str, parser: str | None, model: dict[str, Any] | None) -> Extraction:
    b = parse_page(html, parser or DEFAULT_PARSER)
    lines = b.lines
    text = "\n".join(ln.text for ln in lines)
    meta = page_metadata(b)
    if not lines:
        return Extraction(text, [], meta)
    m = model or load_model()
    probs = probabilities(lines, features(lines), m)
    keep = choose(lines, probs, m["decode"])
    first = next((k for k, x in enumerate(keep) if x), len(lines))
    last = max((k for k, x in enumerate(keep) if x), default=-1)
    removals: list[Removal] = []
    group: list[int] = []
    key: str | None = None
    g_start = pos = 0
    for k in range(len(lines) + 1):
        ln = lines[k] if k < len(lines) else None
        if ln is None or keep[k]:
            new = None
        else:
            new = _category(ln, "before" if k < first else "after" if k > last else "inside")
        if new != key or new is None:
            if group and key is not None:
                removals.append(_group_removal(text, g_start, [lines[x] for x in group],
                                               [probs[x] for x in group], key))
            group, key, g_start = [], new, pos
        if ln is not None:
            if new is not None:
                group.append(k)
            pos += len(ln.text) + 1
    return Extraction(text, removals, meta, [ln.shape for ln in lines])


def main_text(data: bytes | str, *, parser: str | None = None) -> str:
    """The page's main text after extraction only (no text filters): decode, extract, apply."""
    from ..io.decoding import decode
    from ..spans import apply

    text = decode(data)[0] if isinstance(data, bytes | bytearray) else data
    ex = extract(text, parser=parser)
    return apply(ex.text, ex.removals)


def _common_path(group: list[Line]) -> str:
    """DOM path of the innermost element enclosing every line of the group."""
    p = group[0].path
    m = len(p)
    for ln in group[1:]:
        q = ln.path
        k = 0
        top = min(m, len(q))
        while k < top and p[k].serial == q[k].serial:
            k += 1
        m = k
    return dom_path(p, m) or "(document)"


def _group_removal(text: str, start: int, group: list[Line], probs: list[float], code: str) -> Removal:
    kind, words = _CODES[code]
    end = start + sum(len(ln.text) + 1 for ln in group) - 1
    chars = sum(ln.chars for ln in group)
    density = sum(ln.link_chars for ln in group) / chars if chars else 0.0
    n = len(group)
    detail = f"{n} line{'s' if n > 1 else ''}, link density {density:.2f}, at {_common_path(group)}"
    score = 1.0 if code == "hidden" else round(1.0 - max(probs), 3)
    return Removal(start, end, kind, FILTER, f"{words}: {detail}", score, text[start:end], f"html.{code}")
