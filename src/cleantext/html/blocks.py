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
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_WORDS = re.compile(r"[a-z]+")
#: Class names that mean "not displayed" by near-universal convention: ``hidden``, ``hide``,
#: ``collapsed`` and modifiers ending in them (``is-hidden``, ``control-hide``, ``mw-collapsed``).
_HIDDEN_CLASS = re.compile(r"(?:.*[-_])?(?:hidden|hide|invisible|collapsed)\Z")


#: Class/id words that suggest main content, chrome, or reader comments (a prior, never a verdict).
POSITIVE, NEGATIVE, COMMENT = 1, 2, 4
_POSITIVE_WORDS = frozenset({
    "article", "content", "contents", "main", "text", "body", "post", "entry", "story", "detail",
    "zw", "zhengwen", "artibody", "news", "blog", "txt", "con", "cont", "context", "words", "read",
})
_NEGATIVE_WORDS = frozenset({
    "nav", "navbar", "navigation", "menu", "footer", "foot", "header", "head", "top", "sidebar", "side",
    "related", "relate", "share", "ad", "ads", "advert", "banner", "breadcrumb", "crumb", "copyright",
    "login", "search", "tag", "tags", "recommend", "hot", "rank", "sponsor", "promo", "toolbar", "social",
    "widget", "pager", "pagination", "subnav", "friendlink", "link", "links", "dh", "daohang", "bottom",
    "right", "left", "noprint", "tool", "tools",
})
_COMMENT_WORDS = frozenset({
    "comment", "comments", "commentlist", "reply", "replies", "respond", "commentform", "discuss",
    "pinglun", "pl", "feedback", "guestbook",
})
_WORD_FLAGS = {
    **{w: POSITIVE for w in _POSITIVE_WORDS},
    **{w: NEGATIVE for w in _NEGATIVE_WORDS},
    **{w: NEGATIVE | COMMENT for w in _COMMENT_WORDS},
}


@dataclass(slots=True)
class Node:
    """An element on the path of a line: its tag, class/id words and a serial number (unique per page)."""

    serial: int
    tag: str
    words: tuple[str, ...]
    depth: int
    hidden: bool = False
    #: Class/id evidence of this element and its ancestors: POSITIVE | NEGATIVE | COMMENT bits.
    flags: int = 0


@dataclass(slots=True)
class Line:
    """One line of extracted text and what the selector needs to know about it."""

    text: str
    link_chars: int
    path: tuple[Node, ...]
    tag: str  # innermost block element
    chars: int = 0  # non-space characters
    hidden: bool = False  # inside an element the reader does not see (display:none, hidden, class hidden)
    features: dict[str, Any] = field(default_factory=dict)
    flags: int = 0  # class/id evidence on the path (see Node.flags)


class _Builder:
    __slots__ = ("lines", "parts", "link_parts", "path", "link_depth", "serial", "title", "hidden", "pre")

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

    def text(self, s: str) -> None:
        if s:
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
        text = _WS.sub(" ", raw).strip()
        link = "".join(self.link_parts)
        self.link_parts.clear()
        if not text:
            return
        chars = len(text) - text.count(" ")
        link_chars = min(chars, len(_WS.sub("", link))) if link else 0
        path = self.path
        block = next((n.tag for n in reversed(path) if n.tag in BLOCK), "")
        self.lines.append(Line(text, link_chars, tuple(path), block, chars, hidden=self.hidden > 0,
                               flags=path[-1].flags if path else 0))

    def start(self, tag: str, cls: str | None, ident: str | None, hidden: bool = False) -> None:
        if tag in BLOCK or hidden:
            self.flush()
        if tag == "a":
            self.link_depth += 1
        elif tag == "pre" or tag == "textarea" or tag == "listing" or tag == "xmp":
            self.pre += 1
        flags = self.path[-1].flags if self.path else 0
        if cls or ident:
            words = tuple(_WORDS.findall(f"{cls or ''} {ident or ''}".lower()))
            for w in words:
                flags |= _WORD_FLAGS.get(w, 0)
            if cls and any(_HIDDEN_CLASS.match(c) for c in cls.lower().split()):
                hidden = True
        else:
            words = ()
        if hidden:
            self.hidden += 1
        self.serial += 1
        self.path.append(Node(self.serial, tag, words, len(self.path), hidden, flags))

    def end(self, tag: str) -> None:
        node = self.path[-1] if self.path else None
        if tag in BLOCK or (node is not None and node.hidden):
            self.flush()
        if tag == "a" and self.link_depth:
            self.link_depth -= 1
        elif (tag == "pre" or tag == "textarea" or tag == "listing" or tag == "xmp") and self.pre:
            self.pre -= 1
        if node is not None:
            if node.hidden:
                self.hidden -= 1
            self.path.pop()


def _hidden(style: str | None, hidden: Any) -> bool:
    return hidden is not None or bool(style and _HIDDEN.search(style))


def _attr_str(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, list | tuple):
        return " ".join(v)
    return str(v)


def walk_bs4(soup: Any, b: _Builder) -> None:
    """Feed a BeautifulSoup tree to the builder."""
    from bs4 import NavigableString, Tag
    from bs4.element import PreformattedString

    stack: list[Any] = [iter(soup.contents)]
    tags: list[str] = []
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            if tags:
                b.end(tags.pop())
            continue
        if isinstance(node, Tag):
            name = (node.name or "").lower()
            if name in SKIP:
                continue
            if name == "br" or name == "hr":
                b.flush()
                continue
            b.start(name, _attr_str(node.get("class")), _attr_str(node.get("id")),
                    _hidden(node.get("style"), node.get("hidden")))
            tags.append(name)
            stack.append(iter(node.contents))
        elif isinstance(node, NavigableString) and not isinstance(node, PreformattedString):
            b.text(str(node))


def walk_lxml(root: Any, b: _Builder) -> None:
    """Feed an lxml.html tree to the builder (the fast path; hot loop, hence the local names)."""
    stack: list[Any] = [iter((root,))]
    tags: list[Any] = []
    text, start, end, flush = b.text, b.start, b.end, b.flush
    skip, hidden_style = SKIP, _HIDDEN.search
    pop, push, open_ = stack.pop, stack.append, tags.append
    while stack:
        el = next(stack[-1], None)
        if el is None:
            pop()
            if tags:
                done = tags.pop()
                end(done.tag)
                if done.tail:
                    text(done.tail)
            continue
        tag = el.tag
        if tag.__class__ is not str:  # comment, processing instruction, entity
            if el.tail:
                text(el.tail)
            continue
        if tag in skip or tag == "br" or tag == "hr":
            if tag == "br" or tag == "hr":
                flush()
            if el.tail:
                text(el.tail)
            continue
        get = el.get
        style = get("style")
        start(tag, get("class"), get("id"),
              get("hidden") is not None or (style is not None and hidden_style(style) is not None))
        if el.text:
            text(el.text)
        open_(el)
        push(iter(el))


_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _bad_char(m: re.Match[str]) -> str:
    return "\ufffd" if m.group() >= "\ud800" else " "


_ENC_DECL = re.compile(r"\A(\s*<\?xml[^>]*?)\s+encoding\s*=\s*[\"'][^\"']*[\"']")


def parse_lines(html: str, parser: str = "auto") -> tuple[list[Line], str | None]:
    """Parse ``html`` and return its lines and the page title.

    ``parser``: ``"auto"`` (lxml directly when installed, else bs4 with html.parser), ``"lxml"``
    (the fast path), ``"bs4"`` (BeautifulSoup with the lxml parser when installed), or a bs4 parser
    name (``"html.parser"``, ``"bs4-lxml"``, ``"html5lib"``).
    """
    b = _Builder()
    # Lone surrogates (from a lenient decoder) cannot reach libxml2, and C0 controls are not text:
    # the same clean-up for every parser keeps their outputs equal.
    html = _BAD_CHARS.sub(_bad_char, html)
    if parser == "auto":
        parser = "lxml" if _have_lxml() else "html.parser"
    if parser == "lxml":
        from lxml import etree

        # lxml refuses str input with an encoding declaration: drop the declaration (it was used).
        # Plain etree elements, not lxml.html's: no per-element Python class lookup (2x faster).
        src = _ENC_DECL.sub(r"\1", html, count=1)
        lp = etree.HTMLParser(remove_comments=False, huge_tree=True)
        try:
            root = etree.fromstring(src, lp)
        except Exception:  # empty or unparseable document  # noqa: BLE001
            root = None
        if any(e.level_name == "FATAL" for e in lp.error_log):
            # libxml2 gave up (elements nested over 2048 deep): the BeautifulSoup path copes.
            return parse_lines(html, "bs4")
        if root is None:
            return [], None
        walk_lxml(root, b)
        t = root.find(".//title")
        if t is not None:
            b.title = _WS.sub(" ", "".join(t.itertext())).strip() or None
    else:
        from bs4 import BeautifulSoup

        feature = {"bs4": "lxml" if _have_lxml() else "html.parser", "bs4-lxml": "lxml"}.get(parser, parser)
        soup = BeautifulSoup(html, feature)
        walk_bs4(soup, b)
        t = soup.find("title")
        if t is not None:
            b.title = _WS.sub(" ", t.get_text()).strip() or None
    b.flush()
    return b.lines, b.title


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


__all__ = ["BLOCK", "COMMENT", "HEADINGS", "NEGATIVE", "POSITIVE", "SKIP", "Line", "Node", "parse_lines",
           "walk_bs4", "walk_lxml"]
