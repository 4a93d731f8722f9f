"""Turn a parsed HTML page into text blocks (one line each) with the features main-text selection uses.

Two tree walkers feed one block builder, so both parsers give the same lines:

- :func:`walk_bs4` walks a ``BeautifulSoup`` tree (the reference path; lxml parser when installed,
  else Python's ``html.parser``);
- :func:`walk_lxml` walks a plain ``lxml.etree`` HTML tree directly (the fast path: about 3x
  faster end to end, because BeautifulSoup's tree building is most of the bs4 path's cost).

The builder breaks lines at block-level elements and ``<br>`` (and at line breaks inside ``<pre>``),
skips what is never text (scripts, styles, form controls), marks lines a reader does not see
(``display:none``, ``hidden``, ``class="hidden"``...) as hidden, counts the characters inside
links, and records for each line the chain of enclosing elements with their class/id evidence.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Any

#: Elements whose subtree is never text for a reader.
SKIP = frozenset({
    "script", "style", "noscript", "iframe", "template", "svg", "math", "object", "embed", "select",
    "option", "textarea", "button", "input", "title", "canvas", "audio", "video", "map", "applet",
    "frameset", "frame", "noembed", "noframes",
})
#: Elements that start and end a line of text.
BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p",
    "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul",
    "text", "marquee", "br",
})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_WS = re.compile(r"[\s\u00a0\u200b\u3000\ufeff]+")
#: Real hiding only: an inline ``display:none`` (and the ``hidden`` attribute, checked apart). Class names
#: are never read as hiding (``field-label-hidden``, ``print-hide`` hide nothing), and ``visibility:hidden``
#: is left out: pages set it on the article and reveal it by script (WeChat's ``js_content``).
_HIDDEN = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_WORDS = re.compile(r"[a-z]+")

#: Evidence bits on an element and (ORed) its ancestors. Class/id word groups are features for the
#: fitted block scorer and a prior for the region choice, never a verdict on their own.
POSITIVE, NEGATIVE, COMMENT = 1, 2, 4
W_NAV, W_SIDE, W_FOOT, W_HEAD, W_RELATED, W_SHARE, W_AD, W_BYLINE, W_CAPTION, W_TITLE = (
    1 << 3, 1 << 4, 1 << 5, 1 << 6, 1 << 7, 1 << 8, 1 << 9, 1 << 10, 1 << 11, 1 << 12)
T_NAV, T_ASIDE, T_FOOTER, T_HEADER, T_ARTICLE, T_FORM, T_FIGURE, ARIA_HIDDEN = (
    1 << 13, 1 << 14, 1 << 15, 1 << 16, 1 << 17, 1 << 18, 1 << 19, 1 << 20)
#: Bits the tag itself gives (HTML5 sectioning elements mean what they say, most of the time).
_TAG_FLAGS = {"nav": T_NAV, "menu": T_NAV, "aside": T_ASIDE, "footer": T_FOOTER, "header": T_HEADER,
              "article": T_ARTICLE, "main": T_ARTICLE, "form": T_FORM, "figure": T_FIGURE,
              "figcaption": T_FIGURE}

_GROUPS: dict[int, tuple[str, ...]] = {
    POSITIVE: ("article", "content", "contents", "main", "text", "body", "post", "entry", "story", "detail",
               "zw", "zhengwen", "artibody", "news", "blog", "txt", "con", "cont", "context", "words", "read",
               "prose", "markdown", "richtext"),
    NEGATIVE: ("ad", "ads", "advert", "banner", "crumb", "copyright", "login", "search", "tag", "tags", "hot",
               "rank", "sponsor", "promo", "toolbar", "widget", "pager", "pagination", "friendlink", "link",
               "links", "bottom", "right", "left", "noprint", "tool", "tools", "subscribe", "newsletter",
               "signup", "popup", "modal", "cookie", "skip"),
    NEGATIVE | COMMENT: ("comment", "comments", "commentlist", "reply", "replies", "respond", "commentform",
                         "discuss", "disqus", "pinglun", "pl", "feedback", "guestbook"),
    NEGATIVE | W_NAV: ("nav", "navbar", "navigation", "menu", "subnav", "dh", "daohang", "breadcrumb",
                       "breadcrumbs", "masthead", "topbar"),
    NEGATIVE | W_SIDE: ("sidebar", "side", "aside", "rail", "sidebox", "widget"),
    NEGATIVE | W_FOOT: ("footer", "foot", "colophon", "bottom"),
    NEGATIVE | W_HEAD: ("header", "head", "top", "topbar"),
    NEGATIVE | W_RELATED: ("related", "relate", "recommend", "recommended", "more", "also", "popular",
                           "trending", "xgxw", "xiangguan", "tuijian", "next", "prev", "previous"),
    NEGATIVE | W_SHARE: ("share", "sharing", "social", "follow", "print", "email", "fenxiang"),
    W_AD: ("ad", "ads", "advert", "advertisement", "sponsor", "sponsored", "promo", "gg", "guanggao"),
    W_BYLINE: ("byline", "author", "authors", "meta", "date", "time", "info", "source", "dateline",
               "timestamp", "published", "posted", "writer", "editor"),
    W_CAPTION: ("caption", "figcaption", "figure", "credit", "photo", "img", "image", "pic"),
    W_TITLE: ("title", "headline", "heading", "hd", "tit"),
}
_WORD_FLAGS: dict[str, int] = {}
for _bits, _ws in _GROUPS.items():
    for _w in _ws:
        _WORD_FLAGS[_w] = _WORD_FLAGS.get(_w, 0) | _bits
#: Prefixes for compound class names (``commentlist``, ``sidebarbox``, ``relatedposts``).
_PREFIXES = (("comment", NEGATIVE | COMMENT), ("sidebar", NEGATIVE | W_SIDE),
             ("related", NEGATIVE | W_RELATED),
             ("footer", NEGATIVE | W_FOOT), ("navbar", NEGATIVE | W_NAV), ("breadcrumb", NEGATIVE | W_NAV),
             ("article", POSITIVE), ("content", POSITIVE), ("share", NEGATIVE | W_SHARE),
             ("advert", W_AD), ("byline", W_BYLINE), ("caption", W_CAPTION))
_word_cache: dict[str, int] = {}
#: (class, id) -> (words, bits, label suffix): the same attribute values recur on every page of a site.
_attr_cache: dict[tuple[str | None, str | None], tuple[tuple[str, ...], int, str]] = {}


def word_flags(w: str) -> int:
    """The evidence bits of one class/id word (memoised: the same words recur on every page)."""
    f = _word_cache.get(w)
    if f is None:
        f = _WORD_FLAGS.get(w, 0)
        if not f and len(w) > 6:
            for pre, bits in _PREFIXES:
                if w.startswith(pre) or w.endswith(pre):
                    f = bits
                    break
        _word_cache[w] = f
    return f


@dataclass(slots=True)
class Node:
    """An element on the path of a line: its tag, class/id words and a serial number (unique per page)."""

    serial: int
    tag: str
    words: tuple[str, ...]
    depth: int
    hidden: bool = False
    #: Class/id/tag evidence of this element and its ancestors (the bits above, ORed).
    flags: int = 0
    #: ``tag#id.class`` as written, for the DOM path in removal reasons.
    label: str = ""
    #: The bits of this element alone (its tag, class and id), without its ancestors'.
    own: int = 0


@dataclass(slots=True)
class Line:
    """One line of extracted text and what the selector needs to know about it."""

    text: str
    link_chars: int
    path: tuple[Node, ...]
    tag: str  # innermost block element
    chars: int = 0  # non-space characters
    hidden: bool = False  # inside an element the reader does not see (display:none, hidden attribute)
    features: dict[str, Any] = field(default_factory=dict)
    flags: int = 0  # class/id evidence on the path (see Node.flags)
    hidden_root: int = 0  # serial of the outermost hidden element around the line (0: not hidden)
    #: Id of the line's element path (tags and class/id words, not serials), set by ``features``: lines
    #: with the same path are repeated structure (the article's paragraphs, a list's items).
    sig: int = 0
    #: Id of the line's element path by tags and classes only (ids left out: ``p#first`` and ``p#second``
    #: are the same structure), set by ``features``: what the duplicates filter compares.
    shape: int = 0


def dom_path(path: tuple[Node, ...], depth: int | None = None) -> str:
    """``html > body > div#main.article > p``: the labels of ``path`` (up to ``depth`` elements)."""
    nodes = path if depth is None else path[:depth]
    return " > ".join(n.label for n in nodes)


_LABEL_ID = re.compile(r"[^\w-]+")
#: Elements whose text keeps its line breaks.
_PRE = frozenset({"pre", "textarea", "listing", "xmp"})
#: What the builder does at an element's start, by tag (one lookup): break the line, count link text,
#: keep line breaks.
_K_BLOCK, _K_LINK, _K_PRE = 1, 2, 4
_KIND: dict[str, int] = {}
for _t in BLOCK:
    _KIND[_t] = _KIND.get(_t, 0) | _K_BLOCK
_KIND["a"] = _KIND.get("a", 0) | _K_LINK
#: For the lxml walker's one lookup: never text (``SKIP``), a line break (``<br>``, ``<hr>``), page facts.
_K_SKIP, _K_BREAK, _K_FACTS = 8, 16, 32
for _t in SKIP:
    _KIND[_t] = _KIND.get(_t, 0) | _K_SKIP
for _t in ("br", "hr"):
    _KIND[_t] |= _K_BREAK
for _t in ("meta", "time"):
    _KIND[_t] = _KIND.get(_t, 0) | _K_FACTS
_K_SKIP_BREAK = _K_SKIP | _K_BREAK
for _t in _PRE:
    _KIND[_t] = _KIND.get(_t, 0) | _K_PRE


def _label(tag: str, cls: str | None, ident: str | None) -> str:
    lab = tag
    if ident:
        lab += "#" + _LABEL_ID.sub("", ident.split()[0])[:40] if ident.split() else ""
    if cls:
        first = cls.split()
        if first:
            lab += "." + _LABEL_ID.sub("", first[0])[:40]
    return lab


class _Builder:
    __slots__ = ("lines", "parts", "link_parts", "path", "link_depth", "serial", "title", "hidden", "pre",
                 "hidden_root", "meta", "jsonld", "times", "blocks")

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.parts: list[str] = []
        self.link_parts: list[str] = []
        self.path: list[Node] = []
        self.link_depth = 0
        self.serial = 0
        self.title: str | None = None
        self.hidden = 0
        self.pre = 0
        self.hidden_root = 0
        self.meta: list[tuple[str, str]] = []
        self.jsonld: list[str] = []
        self.times: list[str] = []
        #: The innermost block element's tag for each depth of ``path`` ("" outside any), one entry more.
        self.blocks: list[str] = [""]

    def text(self, s: str) -> None:
        # Whitespace with no text before it on the line changes nothing (flush drops it): skipped.
        if s and (self.parts or not s.isspace()):
            if self.pre and "\n" in s:  # preformatted text keeps its line breaks
                first, *rest = s.split("\n")
                self.text(first)
                for piece in rest:
                    self.flush()
                    self.text(piece)
                return
            self.parts.append(s)
            if self.link_depth:
                self.link_parts.append(s)

    def flush(self) -> None:
        if not self.parts:
            return
        raw = "".join(self.parts)
        self.parts.clear()
        if raw.isspace():
            self.link_parts.clear()
            return
        # str.split() splits on the whitespace _WS names but the zero-width space and BOM (5x faster)
        if "\u200b" in raw or "\ufeff" in raw:
            raw = raw.replace("\u200b", " ").replace("\ufeff", " ")
        text = " ".join(raw.split())
        link = "".join(self.link_parts)
        self.link_parts.clear()
        if not text:
            return
        chars = len(text) - text.count(" ")
        if link:
            if "\u200b" in link or "\ufeff" in link:
                link = link.replace("\u200b", " ").replace("\ufeff", " ")
            link_chars = min(chars, len("".join(link.split())))
        else:
            link_chars = 0
        path = self.path
        self.lines.append(Line(text, link_chars, tuple(path), self.blocks[-1], chars, self.hidden > 0, {},
                               path[-1].flags if path else 0, self.hidden_root if self.hidden else 0))

    def start(self, tag: str, cls: str | None, ident: str | None, hidden: bool = False,
              aria_hidden: bool = False) -> None:
        kind = _KIND.get(tag, 0)  # one lookup: block element, link, preformatted
        if (kind & _K_BLOCK or hidden) and self.parts:
            self.flush()
        if kind & _K_LINK:
            self.link_depth += 1
        elif kind & _K_PRE:
            self.pre += 1
        own = _TAG_FLAGS.get(tag, 0)
        if aria_hidden:
            own |= ARIA_HIDDEN
        if cls or ident:
            got = _attr_cache.get((cls, ident))
            if got is None:
                ws = tuple(_WORDS.findall(f"{cls or ''} {ident or ''}".lower()))
                bits = 0
                for w in ws:
                    bits |= word_flags(w)
                got = (ws, bits, _label("", cls, ident))
                if len(_attr_cache) < 50_000:
                    _attr_cache[(cls, ident)] = got
            words, bits, suffix = got
            own |= bits
            label = tag + suffix
        else:
            words = ()
            label = tag
        serial = self.serial = self.serial + 1
        if hidden:
            if not self.hidden:
                self.hidden_root = serial
            self.hidden += 1
        path = self.path
        flags = (path[-1].flags | own) if path else own
        path.append(Node(serial, tag, words, len(path), hidden, flags, label, own))
        blocks = self.blocks
        blocks.append(tag if kind & _K_BLOCK else blocks[-1])

    def end(self, tag: str) -> None:
        path = self.path
        node = path[-1] if path else None
        if self.parts and (tag in BLOCK or (node is not None and node.hidden)):
            self.flush()
        if tag == "a":
            if self.link_depth:
                self.link_depth -= 1
        elif self.pre and tag in _PRE:
            self.pre -= 1
        if node is not None:
            if node.hidden:
                self.hidden -= 1
            path.pop()
            self.blocks.pop()

    def special(self, tag: str, get: Any, text: Any) -> None:
        """Page facts from elements that are not text: ``<meta>``, JSON-LD scripts, ``<time datetime>``."""
        if tag == "meta":
            key = get("property") or get("name") or get("itemprop")
            val = get("content")
            if key and val:
                self.meta.append((str(key).strip().lower(), str(val)))
        elif tag == "script":
            t = get("type")
            if t and "ld+json" in str(t).lower():
                s = text()
                if s:
                    self.jsonld.append(s)
        elif tag == "time":
            d = get("datetime")
            if d:
                self.times.append(str(d))



def _aria(v: Any) -> bool:
    return v is not None and str(v).strip().lower() == "true"


def _attr_str(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, list | tuple):
        return " ".join(v)
    return str(v)


def walk_bs4(soup: Any, b: _Builder) -> None:
    """Feed a BeautifulSoup tree to the builder (hot loop: local names, one attribute-dict read per
    element, no attribute reads on elements without attributes).

    As in :func:`walk_lxml`, an element no line can end inside (not a block, not preformatted, not
    hidden) holding nothing or one plain string gives its text straight to the line being built,
    and an empty (or blank) block element only ends the line before it."""
    from bs4 import NavigableString, Tag
    from bs4.element import PreformattedString

    stack: list[Any] = [iter(soup.contents)]
    tags: list[str] = []
    text, start, end, flush, special = b.text, b.start, b.end, b.flush, b.special
    parts, link_parts = b.parts, b.link_parts
    add, add_link = parts.append, link_parts.append
    skip, hidden_style, kinds = SKIP, _HIDDEN.search, _KIND
    pop, push, open_tag = stack.pop, stack.append, tags.append
    while stack:
        node = next(stack[-1], None)
        if node is None:
            pop()
            if tags:
                end(tags.pop())
            continue
        cls = node.__class__
        if cls is NavigableString:
            if parts or not node.isspace():
                text(node)
            continue
        if cls is Tag or isinstance(node, Tag):
            name = (node.name or "").lower()
            attrs = node.attrs
            if name in skip:
                if name == "script":
                    special(name, attrs.get, lambda n=node: "".join(str(c) for c in n.contents))
                continue
            if name == "br" or name == "hr":
                flush()
                continue
            if name == "meta" or name == "time":
                special(name, attrs.get, None)
            kind = kinds.get(name, 0)
            if attrs:
                get = attrs.get
                style = get("style")
                hid = get("hidden") is not None or (style is not None and hidden_style(style) is not None)
            else:
                hid = False
            contents = node.contents
            if not hid and not kind & _K_PRE and len(contents) <= 1:  # a leaf (see above)
                if not contents:
                    if kind & _K_BLOCK and parts:
                        flush()
                    continue
                s = contents[0]
                if s.__class__ is NavigableString:
                    if kind & _K_BLOCK:
                        if s.isspace():
                            if parts:
                                flush()
                            continue
                    elif not b.pre or "\n" not in s:
                        add(s)
                        if kind & _K_LINK or b.link_depth:
                            add_link(s)
                        continue
            if attrs:
                start(name, _attr_str(get("class")), _attr_str(get("id")), hid, _aria(get("aria-hidden")))
            else:
                start(name, None, None, False, False)
            open_tag(name)
            push(iter(contents))
        elif isinstance(node, NavigableString) and not isinstance(node, PreformattedString):
            text(str(node))


def walk_lxml(root: Any, b: _Builder) -> Any:
    """Feed an lxml.html tree to the builder (the fast path; hot loop, hence the local names).

    lxml builds a new ``str`` on every read of ``.tag``, ``.text`` and ``.tail``: each is read once
    per element and kept (the open elements' tags on their own stack).

    An element without children that no line can end inside (not a block, not preformatted, not
    hidden) never appears on a line's path: its text goes straight to the line being built (and to
    the link text for ``<a>``), without a :class:`Node` or the builder's ``start``/``end``. An empty
    (or blank) block element only ends the line before it. (Serial numbers then skip such elements:
    only their order and equality are ever read.)

    Returns the page's first ``<title>`` element as ``root.find(".//title")`` does (None: none), or
    ``_LOOK`` when a skipped subtree came before any (then only a search can tell)."""
    title: Any = None
    stack: list[Any] = [iter((root,))]
    tags: list[str] = []
    opened: list[Any] = []
    text, start, end, flush, special = b.text, b.start, b.end, b.flush, b.special
    parts, link_parts = b.parts, b.link_parts
    add, add_link = parts.append, link_parts.append
    hidden_style, kinds = _HIDDEN.search, _KIND
    pop, push, open_, open_tag = stack.pop, stack.append, opened.append, tags.append
    while stack:
        el = next(stack[-1], None)
        if el is None:
            pop()
            if tags:
                end(tags.pop())
                tail = opened.pop().tail
                if tail and (parts or not tail.isspace()):
                    text(tail)
            continue
        tag = el.tag
        if tag.__class__ is not str:  # comment, processing instruction, entity
            tail = el.tail
            if tail and (parts or not tail.isspace()):
                text(tail)
            continue
        kind = kinds.get(tag, 0)  # one lookup: skipped, line break, page facts, block, link, pre
        if kind & _K_SKIP_BREAK:
            if kind & _K_BREAK:
                flush()
            elif tag == "script":
                special(tag, el.get, lambda e=el: e.text or "")
            elif title is None:  # the first <title> in document order, unless a subtree skipped may hide it
                if tag == "title" and el is not root:
                    title = el
                elif len(el):
                    title = _LOOK
            tail = el.tail
            if tail and (parts or not tail.isspace()):
                text(tail)
            continue
        if kind & _K_FACTS:
            special(tag, el.get, None)
        attrib = el.attrib  # one read tells an element without attributes (most of them) from the rest
        if attrib:
            get = attrib.get
            style = get("style")
            hid = get("hidden") is not None or (style is not None and hidden_style(style) is not None)
        else:
            hid = False
        if not hid and not len(el):  # a leaf no line ends inside (see above)
            if not kind & _K_PRE:
                t = el.text
                if kind & _K_BLOCK:
                    if not t or t.isspace():
                        if parts:
                            flush()
                        tail = el.tail
                        if tail and (parts or not tail.isspace()):
                            text(tail)
                        continue
                elif not t or not b.pre or "\n" not in t:
                    if t:
                        add(t)
                        if kind & _K_LINK or b.link_depth:
                            add_link(t)
                    tail = el.tail
                    if tail and (parts or not tail.isspace()):
                        text(tail)
                    continue
        if attrib:
            aria = get("aria-hidden")
            start(tag, get("class"), get("id"), hid, aria is not None and aria.strip().lower() == "true")
        else:
            start(tag, None, None, False, False)
        t = el.text
        if t and (parts or not t.isspace()):
            text(t)
        open_(el)
        open_tag(tag)
        push(iter(el))
    return title


#: :func:`walk_lxml`'s answer when it cannot tell the first ``<title>`` (a subtree it skipped came first).
_LOOK = object()


_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _bad_char(m: re.Match[str]) -> str:
    return "\ufffd" if m.group() >= "\ud800" else " "


#: The C0 controls (and DEL) of ``_BAD_CHARS``, as bytes: UTF-8 encodes them as themselves.
_CTRL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def _clean_chars(html: str) -> str:
    """``html`` with lone surrogates as U+FFFD and C0 controls as spaces (``_BAD_CHARS``).

    Most pages hold neither: the UTF-8 encoder (which refuses lone surrogates) and a search for each
    control byte tell so at C speed, about 3x faster than the regex scan, which then runs only on
    the pages that need it."""
    try:
        data = html.encode("utf-8")
    except UnicodeEncodeError:
        return _BAD_CHARS.sub(_bad_char, html)
    if any(map(data.__contains__, _CTRL_BYTES)):  # (one memchr per byte value: 2x the translate)
        return _BAD_CHARS.sub(_bad_char, html)
    return html


_ENC_DECL = re.compile(r"\A(\s*<\?xml[^>]*?)\s+encoding\s*=\s*[\"'][^\"']*[\"']")


def parse_lines(html: str, parser: str = "auto") -> tuple[list[Line], str | None]:
    """Parse ``html`` and return its lines and the page title.

    ``parser``: ``"auto"`` (lxml directly when installed, else bs4 with html.parser), ``"lxml"``
    (the fast path), ``"bs4"`` (BeautifulSoup with the lxml parser when installed), or a bs4 parser
    name (``"html.parser"``, ``"bs4-lxml"``, ``"html5lib"``).
    """
    b = _Builder()
    _parse_into(html, parser, b)
    return b.lines, b.title


def _parse_into(html: str, parser: str, b: _Builder) -> None:
    # Lone surrogates (from a lenient decoder) cannot reach libxml2, and C0 controls are not text:
    # the same clean-up for every parser keeps their outputs equal.
    html = _clean_chars(html)
    if parser == "auto":
        parser = "lxml" if _have_lxml() else "html.parser"
    if parser == "lxml":
        from lxml import etree

        # lxml refuses str input with an encoding declaration: drop the declaration (it was used).
        # Plain etree elements, not lxml.html's: no per-element Python class lookup (2x faster).
        src = _ENC_DECL.sub(r"\1", html, count=1)
        lp = _lxml_parser(etree)
        try:
            root = etree.fromstring(src, lp)
        except Exception:  # empty or unparseable document  # noqa: BLE001
            root = None
        if any(e.level_name == "FATAL" for e in lp.error_log):
            # libxml2 gave up (elements nested over 2048 deep): the BeautifulSoup path copes.
            _parse_into(html, "bs4", b)
            return
        if root is None:
            return
        t = walk_lxml(root, b)
        if t is _LOOK:
            t = root.find(".//title")
        if t is not None:
            b.title = _WS.sub(" ", "".join(t.itertext())).strip() or None
    else:
        from bs4 import BeautifulSoup

        feature = {"bs4": "lxml" if _have_lxml() else "html.parser", "bs4-lxml": "lxml"}.get(parser, parser)
        soup = _soup(BeautifulSoup, html, feature)
        walk_bs4(soup, b)
        t = soup.find("title")
        if t is not None:
            b.title = _WS.sub(" ", t.get_text()).strip() or None
    b.flush()
    _unhide_main(b.lines)


_local = threading.local()


def _lxml_parser(etree: Any) -> Any:
    """This thread's lxml HTML parser, made once (a parser is not shared between threads; making one
    per page cost a quarter of libxml2's parse time). Each parse starts a fresh error log."""
    lp = getattr(_local, "parser", None)
    if lp is None:
        lp = _local.parser = etree.HTMLParser(remove_comments=False, huge_tree=True)
    return lp


#: BeautifulSoup options that make its tree cheaper to build, best first: class and rel as the page
#: wrote them (a string, not split into a list) and attributes in a plain dict (lxml and html.parser
#: give strings already): less work per element, the same words. Older bs4 lacks the second.
#: Whitespace kept as written everywhere (the document itself a whitespace-preserving tag): bs4 then
#: skips its per-character scan of every blank string (to shrink it to one space or newline), which
#: the line builder does not need (a blank string counts as one space or nothing either way, and
#: ``<pre>`` keeps its whitespace in both).
_SOUP_OPTIONS: list[dict[str, Any]] = [
    {"multi_valued_attributes": None, "attribute_dict_class": dict,
     "preserve_whitespace_tags": {"[document]"}},
    {"multi_valued_attributes": None, "attribute_dict_class": dict},
    {"multi_valued_attributes": None},
    {},
]


def _soup(cls: Any, html: str, feature: str) -> Any:
    while len(_SOUP_OPTIONS) > 1:
        try:
            return cls(html, feature, **_SOUP_OPTIONS[0])
        except TypeError:  # an older bs4 without these builder options
            _SOUP_OPTIONS.pop(0)
    return cls(html, feature)


def parse_page(html: str, parser: str = "auto") -> _Builder:
    """Like :func:`parse_lines`, but the builder itself: lines, title and the page facts (meta, JSON-LD)."""
    b = _Builder()
    _parse_into(html, parser, b)
    return b


def _unhide_main(lines: list[Line], share: float = 0.5) -> None:
    """Never hide the element holding most of the page's text (outside links): it is the article,
    hidden for a script to reveal (or a template bug), not chrome a reader never sees."""
    per: dict[int, int] = {}
    total = 0
    for ln in lines:
        own = ln.chars - ln.link_chars
        total += own
        if ln.hidden:
            per[ln.hidden_root] = per.get(ln.hidden_root, 0) + own
    big = {k for k, v in per.items() if v >= share * total}
    if big:
        for ln in lines:
            if ln.hidden and ln.hidden_root in big:
                ln.hidden = False


_lxml_ok: bool | None = None


def _have_lxml() -> bool:
    global _lxml_ok
    if _lxml_ok is None:
        try:
            import lxml.etree  # noqa: F401
        except ImportError:
            _lxml_ok = False
        else:
            _lxml_ok = True
    return _lxml_ok


__all__ = ["BLOCK", "COMMENT", "HEADINGS", "NEGATIVE", "POSITIVE", "SKIP", "Line", "Node", "dom_path",
           "parse_lines", "parse_page", "walk_bs4", "walk_lxml", "word_flags"]
