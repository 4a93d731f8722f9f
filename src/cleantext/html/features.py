"""Per-block DOM features for the fitted block scorer: one vector per line, computed once per page.

What a block is measured by (names in :data:`NAMES`, the order of the model's weights):

- its own text: length, characters outside links, link density, sentence punctuation (full-width
  ，。！？ and ASCII ``, . ; ! ?`` followed by a space), English words, Han share, a sentence end;
- its element: the innermost block tag (p, li, td, heading...), depth, whether it sits in
  ``<nav>``/``<aside>``/``<footer>``/``<header>``/``<form>``/``<article>``, class/id word groups
  (content, navigation, sidebar, footer, related, share, ad, byline, caption, comment), ``aria-hidden``;
- its surroundings: how many lines share its element path (repeated list items, menus), the text and
  link density of its parent and grandparent elements, the share of the page's prose under them,
  whether it is inside the element holding most of the page's prose;
- its place: position among the lines and in the page's characters;
- shapes that mark furniture: copyright/ICP/contact words, a full timestamp, a short line without
  punctuation.

Language-aware: English prose (words and ASCII punctuation) counts like Chinese prose, so an
English page is not read as a page of short unpunctuated lines.
"""

from __future__ import annotations

import math
import re
from typing import Any

from .blocks import (
    ARIA_HIDDEN,
    COMMENT,
    HEADINGS,
    NEGATIVE,
    POSITIVE,
    T_ARTICLE,
    T_ASIDE,
    T_FIGURE,
    T_FOOTER,
    T_FORM,
    T_HEADER,
    T_NAV,
    W_AD,
    W_BYLINE,
    W_CAPTION,
    W_FOOT,
    W_HEAD,
    W_NAV,
    W_RELATED,
    W_SHARE,
    W_SIDE,
    W_TITLE,
    Line,
)

__all__ = ["NAMES", "features", "FOOTER_RE"]

_ZH_PUNCT = re.compile(r"[，。！？；：、]")
_ZH_END_CHARS = frozenset("。！？；…”」』）")
_EN_END_CHARS = frozenset(".!?…")
_CLOSERS = frozenset("\"'”’)")
_EN_PUNCT = re.compile(r"[,.;:!?](?=\s|$)")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_NOT_HAN = re.compile(r"[^\u3400-\u9fff\uf900-\ufaff]+")
FOOTER_RE = re.compile(
    r"版权所有|copyright|©|\(c\)|all rights reserved|icp[备证]|备案|公网安备|违法和不良信息|举报电话"
    r"|客服(?:热线|电话)|联系我们|关于我们|免责声明|版权声明|网站地图|法律声明|隐私政策|powered by"
    r"|privacy policy|terms of (?:use|service)|cookie",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_NO_STAMP = (False, False, False)
#: The same words on a lowercased line, without IGNORECASE (which makes the alternation 4x slower).
_FOOTER_LOWER = re.compile(FOOTER_RE.pattern)
_CLOCK = re.compile(r"(?<!\d)\d{1,2}:\d\d(?!\d)")
_STAMP = re.compile(r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
#: A date written in words (English month names, "3 hours ago"): entries of English listings carry these.
_DATE_WORDS = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?\s{1,3}\d{1,2}(?:st|nd|rd|th)?,?"
    r"\s{1,3}\d{4}"
    r"|\b\d{1,2}\s{1,3}(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?,?\s{1,3}\d{4}"
    r"|\b\d{1,3}\s{1,3}(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s{1,3}ago\b"
    r"|(?<!\d)\d{1,3}\s{0,3}(?:分钟|小时|天)前",
    re.IGNORECASE,
)
#: Every match of ``_DATE_WORDS`` holds a letter (of a month name, "ago") and one of these words (or
#: 前): tested first, with the same flags, they skip its slow scan on most lines (the same answers).
_DATE_LETTER = re.compile(r"[a-z前]", re.IGNORECASE)
_DATE_TOKEN = re.compile(r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|ago|前", re.IGNORECASE)
#: Entries of a repeated group larger than this (lines) are not teasers or replies but sections.
_ENTRY_MAX_LINES = 12

_TAGS = ("p", "li", "td", "h1", "hx", "div", "dd", "blockquote", "pre", "a_only", "span_like")
_BITS = (
    ("w_pos", POSITIVE), ("w_neg", NEGATIVE), ("w_comment", COMMENT), ("w_nav", W_NAV), ("w_side", W_SIDE),
    ("w_foot", W_FOOT), ("w_head", W_HEAD), ("w_related", W_RELATED), ("w_share", W_SHARE), ("w_ad", W_AD),
    ("w_byline", W_BYLINE), ("w_caption", W_CAPTION), ("w_title", W_TITLE), ("t_nav", T_NAV),
    ("t_aside", T_ASIDE), ("t_footer", T_FOOTER), ("t_header", T_HEADER), ("t_article", T_ARTICLE),
    ("t_form", T_FORM), ("t_figure", T_FIGURE), ("aria_hidden", ARIA_HIDDEN),
)

_ONEHOT = {t: tuple(1.0 if t == s else 0.0 for s in _TAGS) for t in _TAGS}
_bit_cache: dict[int, tuple[float, ...]] = {}


def _bit_vector(flags: int) -> tuple[float, ...]:
    v = _bit_cache.get(flags)
    if v is None:
        v = _bit_cache[flags] = tuple(1.0 if flags & b else 0.0 for _, b in _BITS)
    return v


NAMES: tuple[str, ...] = (
    "bias", "log_units", "log_own", "link_density", "all_link", "punct_rate", "log_punct", "zh_punct",
    "en_punct", "log_chars",
    "sentence_end", "short_plain", "footer_words", "timestamp", "clock", "list_run",
    "log_dated_repeats", "evidence", "log_entry_repeats", "entry_dated", "entry_linked_dated", "path_dated",
    *(f"tag_{t}" for t in _TAGS),
    *(n for n, _ in _BITS),
    "log_same_path", "same_path_share",
    "parent_log_units", "parent_link_density", "parent_prose_share",
    "gparent_log_units", "gparent_link_density", "gparent_prose_share",
    "in_main_box", "main_box_share",
    "pos_line", "pos_chars",
)


#: Block tag -> its one-hot slot (``a_only`` aside: that depends on the line's links).
_SLOT = {**{t: t for t in ("p", "li", "td", "h1", "div", "dd", "blockquote", "pre")},
         **{h: "hx" for h in HEADINGS if h != "h1"}, "th": "td", "dt": "dd"}
#: (slot, flags) -> the one-hot tag slot followed by the class/id/tag bits (both spliced in as they are).
_const_cache: dict[tuple[str, int], tuple[float, ...]] = {}


def _constant_part(slot: str, flags: int) -> tuple[float, ...]:
    v = _const_cache.get((slot, flags))
    if v is None:
        v = _const_cache[(slot, flags)] = _ONEHOT[slot] + _bit_vector(flags)
    return v


def _tag_slot(line: Line) -> str:
    t = line.tag
    if line.chars and line.link_chars >= line.chars:
        return "a_only"
    if t in ("p", "li", "td", "h1", "div", "dd", "blockquote", "pre"):
        return t
    if t in HEADINGS:
        return "hx"
    if t == "th":
        return "td"
    if t == "dt":
        return "dd"
    return "span_like"


def _units(t: str, chars: int) -> float:
    """Language-neutral length: Han characters plus two per Latin word (about the same information),
    so an English paragraph and a Chinese one of the same content measure alike."""
    han = len(_NOT_HAN.sub("", t))  # what is left without the rest (2x faster than summing the runs)
    words = len(_EN_WORD.findall(t)) if han < chars else 0
    u = han + 2.0 * words
    return u if u else chars / 3.0


def _evidence(own: int, link: int, punct: int, heading: bool) -> float:
    """A hand-set prior (the extractor's earlier rule, now one feature among others): characters
    outside links for it, inside links against it, punctuation marks prose; signed log scale."""
    n = own + link
    if n and link / n >= 0.5:
        s = -(1.0 + 0.5 * n)
    elif own < 10 and punct == 0:
        s = -2.0 - link
    else:
        s = own * (1.0 if punct else 0.4) - 1.5 * link - 2.0
    if heading:
        s = min(s, -1.0)
    return math.copysign(math.log1p(abs(s)), s)


_no_id_cache: dict[str, str] = {}


def _no_id(label: str) -> str:
    """``tag#id.class`` without its ``#id`` (ids name one element; classes name a kind of element)."""
    if "#" not in label:
        return label
    got = _no_id_cache.get(label)
    if got is None:
        tag, _, rest = label.partition("#")
        dot = rest.find(".")
        got = tag + rest[dot:] if dot >= 0 else tag
        if len(_no_id_cache) < 50_000:
            _no_id_cache[label] = got
    return got


def features(lines: list[Line]) -> list[list[float]]:
    """One feature vector per line (order of :data:`NAMES`).

    Element aggregates are computed once per element, not once per line and ancestor: each line
    adds to its innermost element, sums flow up the tree once, and per-element facts (effective
    class/id bits, inside the main box, repeated siblings, path signature) flow down once.
    """
    n = len(lines)
    if not n:
        return []
    ROOT = 0
    # units, link units, prose, lines, lines with a link, short dated lines
    agg: dict[int, list[float]] = {ROOT: [0.0, 0.0, 0.0, 0, 0, 0]}
    parent: dict[int, int] = {}
    nodes: dict[int, Any] = {}
    total_chars = 0
    total_prose = 0.0
    raw: list[tuple[int, int, float, int, float, float]] = []
    leaves: list[int] = []
    stamps: list[tuple[bool, bool, bool]] = []  # full stamp (short line), clock, date anywhere
    dated_lines: list[bool] = []
    for ln in lines:
        t = ln.text
        c = ln.chars
        if t.isascii():  # no Han characters, no full-width punctuation: two regex scans saved
            zp = 0
            ep = len(_EN_PUNCT.findall(t))
            u = 2.0 * len(_EN_WORD.findall(t)) or c / 3.0
        else:
            zp = len(_ZH_PUNCT.findall(t))
            ep = len(_EN_PUNCT.findall(t)) if "." in t or "," in t else 0
            u = _units(t, c)
        own_u = u * (c - ln.link_chars) / c if c else 0.0
        prose = 0.0 if ln.hidden else own_u if (own_u >= 10 or zp + ep) else 0.3 * own_u
        total_chars += c
        total_prose += prose
        path = ln.path
        for d in range(len(path) - 1, -1, -1):  # register new elements (shared prefixes stop early)
            s = path[d].serial
            if s in parent:
                break
            parent[s] = path[d - 1].serial if d else ROOT
            nodes[s] = path[d]
            agg[s] = [0.0, 0.0, 0.0, 0, 0, 0]
        leaf = path[-1].serial if path else ROOT
        leaves.append(leaf)
        if c <= 120 and _DIGIT.search(t) is not None:  # every date has a digit
            sm = _STAMP.search(t) is not None
            ck = _CLOCK.search(t) is not None
            dated_line = sm or ck or (_DATE_LETTER.search(t) is not None and _DATE_TOKEN.search(t) is not None
                                       and _DATE_WORDS.search(t) is not None)
            stamps.append((sm and c <= 80, ck, sm))
        else:
            dated_line = False
            stamps.append(_NO_STAMP)
        a = agg[leaf]
        a[0] += u
        a[1] += u - own_u
        a[2] += prose
        a[3] += 1
        if ln.link_chars:
            a[4] += 1
        if dated_line:
            a[5] += 1
        dated_lines.append(dated_line)
        raw.append((zp, ep, prose, c, u, own_u))
    order = sorted(parent)  # pre-order serials: a parent before its children
    for s in reversed(order):
        a, b = agg[s], agg[parent[s]]
        b[0] += a[0]
        b[1] += a[1]
        b[2] += a[2]
        b[3] += a[3]
        b[4] += a[4]
        b[5] += a[5]
    tp = total_prose or 1.0
    half = 0.5 * total_prose if total_prose > 0 else 1.0
    # The deepest element holding 60 % of the page's prose: where the article most likely is.
    box, box_share, best_depth = -1, 0.0, -1
    if total_prose > 0:
        for s in order:
            nd = nodes[s]
            if nd.depth > best_depth and agg[s][2] >= 0.6 * total_prose:
                best_depth, box, box_share = nd.depth, s, agg[s][2] / tp
    # Sibling similarity: elements of the same tag/class under one parent, each holding two lines or
    # more (a teaser with title, summary and date; a comment with its header): entries of a list.
    kin: dict[tuple[int, str], int] = {}
    # Entries of a listing (teasers, replies, a feed): three or more siblings with the same tag and
    # class words, each small; how many carry a date, and a date and a link (headline, author, time).
    groups: dict[tuple[int, str, tuple[str, ...]], list[int]] = {}
    for s in order:
        a = agg[s]
        p = parent[s]
        if a[3] >= 2 and p != ROOT:
            key = (p, nodes[s].label)
            kin[key] = kin.get(key, 0) + 1
        if p != ROOT:
            nd = nodes[s]
            g = groups.get((p, nd.tag, nd.words))
            if g is None:
                g = groups[(p, nd.tag, nd.words)] = [0, 0, 0]
            g[0] += 1
            if a[5] and a[3] <= _ENTRY_MAX_LINES:
                g[1] += 1
                if a[4]:
                    g[2] += 1
    # Top-down: effective bits (class/id words of elements holding the page's main prose, such as
    # ``<body class="...">`` or a wrapper, say nothing about a block), inside the box, repeats, path id.
    eff: dict[int, int] = {ROOT: 0}
    inbox: dict[int, bool] = {ROOT: False}
    rep: dict[int, int] = {ROOT: 1}
    sig: dict[int, int] = {ROOT: 0}
    sig_ids: dict[tuple[int, str], int] = {}
    shape: dict[int, int] = {ROOT: 0}
    shape_ids: dict[tuple[int, str], int] = {}
    ent: dict[int, tuple[float, float]] = {ROOT: (0.0, 0.0)}
    for s in order:
        p = parent[s]
        nd = nodes[s]
        e = ent[p]
        if p != ROOT and agg[s][3] <= _ENTRY_MAX_LINES:
            g = groups[(p, nd.tag, nd.words)]
            if g[1] >= 3:
                lg = math.log(g[0])
                e = (max(e[0], lg * g[1] / g[0]), max(e[1], lg * g[2] / g[0]))
        ent[s] = e
        a = agg[s]
        label = nd.label
        eff[s] = eff[p] | (nd.own if a[2] < half else 0)
        inbox[s] = inbox[p] or s == box
        r = kin.get((p, label), 1) if a[3] >= 2 else 1
        rp = rep[p]
        rep[s] = rp if rp >= r else r
        sig[s] = sig_ids.setdefault((sig[p], label), len(sig_ids) + 1)
        shape[s] = shape_ids.setdefault((shape[p], _no_id(label) if "#" in label else label),
                                        len(shape_ids) + 1)
    sig_count: dict[int, int] = {}
    sig_dated: dict[int, int] = {}  # short dated lines per element path (``<br>``-separated entries too)
    dated: dict[int, int] = {}  # datelines per parent path: entries of a listing, comments
    for k in range(n):
        leaf = leaves[k]
        sg = lines[k].sig = sig[leaf]
        lines[k].shape = shape[leaf]
        sig_count[sg] = sig_count.get(sg, 0) + 1
        st, ck, sm = stamps[k]
        if dated_lines[k]:
            sig_dated[sg] = sig_dated.get(sg, 0) + 1
        if ck or sm:
            ps = sig[parent.get(leaf, ROOT)] if leaf != ROOT else -1
            dated[ps] = dated.get(ps, 0) + 1
    out: list[list[float]] = []
    pos_chars = 0
    tc = total_chars or 1
    log, log1p = math.log, math.log1p
    zh_end, en_end, closers, headings = _ZH_END_CHARS, _EN_END_CHARS, _CLOSERS, HEADINGS
    footer = _FOOTER_LOWER.search
    slots, const_cache = _SLOT, _const_cache
    # What a line reads of its parent and grandparent elements, once per innermost element (lines
    # with a path of three elements or more; the same expressions as for the others below).
    around: dict[int, tuple[float, ...]] = {}
    for k, ln in enumerate(lines):
        t = ln.text
        lc = ln.link_chars
        c = ln.chars or 1
        zp, ep, prose, chars, u, own_u = raw[k]
        own = ln.chars - lc
        punct = zp + ep
        path = ln.path
        last = t[-1]
        end = 1.0 if (last in zh_end or last in en_end
                      or (last in closers and len(t) > 1 and t[-2] in en_end)) else 0.0
        leaf = leaves[k]
        flags = (ln.flags & (POSITIVE | T_ARTICLE)) | eff[leaf]
        if ln.chars and lc >= ln.chars:
            slot = "a_only"
        else:
            slot = slots.get(ln.tag, "span_like")
        cst = const_cache.get((slot, flags))
        if cst is None:
            cst = _constant_part(slot, flags)
        sg = sig[leaf]
        same = sig_count[sg]
        sd = sig_dated.get(sg, 0)
        log_same = log(same)
        st = stamps[k]
        ctx = around.get(leaf) if len(path) >= 3 else None
        if ctx is None:
            pl = parent.get(leaf, ROOT)
            par = agg[pl] if len(path) >= 2 else [u, u - own_u, prose]
            gpar = agg[parent.get(pl, ROOT)] if len(path) >= 3 else par
            in_box = 1.0 if inbox[leaf] else 0.0
            ctx = (
                log1p(dated.get(sig[pl] if leaf != ROOT else -1, 0)),
                log(rep[pl]) if leaf != ROOT else 0.0,
                *ent[leaf],
                log1p(par[0]),
                par[1] / par[0] if par[0] else 0.0,
                par[2] / tp,
                log1p(gpar[0]),
                gpar[1] / gpar[0] if gpar[0] else 0.0,
                gpar[2] / tp,
                in_box,
                box_share if in_box else 0.0,
            )
            if len(path) >= 3:
                around[leaf] = ctx
        v = [
            1.0,
            log1p(u),
            log1p(own_u),
            lc / c,
            1.0 if lc >= c else 0.0,
            min(punct / max(u, 1.0) * 10.0, 3.0),
            log1p(punct),
            min(zp / c * 10.0, 3.0),
            min(ep / max(u, 1.0) * 10.0, 3.0),
            log1p(chars),
            end,
            1.0 if own_u < 8 and punct == 0 else 0.0,
            1.0 if chars < 200 and footer(t.lower()) else 0.0,
            1.0 if st[0] else 0.0,
            1.0 if st[1] else 0.0,
            log_same if slot in ("li", "dd", "td", "a_only") else 0.0,
            ctx[0],
            _evidence(own, lc, punct, ln.tag in headings),
            ctx[1], ctx[2], ctx[3],
            log_same * sd / same if sd >= 3 else 0.0,
            *cst,
            log_same,
            same / n,
            *ctx[4:12],
            k / n,
            pos_chars / tc,
        ]
        pos_chars += chars
        out.append(v)
    return out
