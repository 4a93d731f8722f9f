"""The walkers' shortcuts (leaf elements without a node, blank text skipped) give exactly the lines of
a plain walk that opens and closes every element (generated pages and the cwced-zh fixtures)."""

from __future__ import annotations

import pathlib
import random
import sys
from typing import Any

import pytest

from cleantext.html import blocks as B
from cleantext.io.decoding import decode

D = pathlib.Path(__file__).parent / "fixtures" / "cwced" / "original"

_TAGS = ("div", "p", "span", "a", "b", "em", "li", "ul", "td", "tr", "table", "h2", "pre", "br", "hr", "img",
         "script", "time", "section", "font", "i", "strong", "label", "meta", "textarea")
_ATTRS = ('', '', '', ' class="content"', ' class="nav menu"', ' id="side"', ' hidden', ' style="display:none"',
          ' aria-hidden="true"', ' class="share"', ' href="/x"', ' style="color:red"', ' datetime="2024-05-06"')
_WORDS = ("正文内容", "hello world", "  ", "\n", "\n  \n", "a\nb", " 第二段。 ", "\u200b", "链接", "x", "\t")


def _page(rng: random.Random, depth: int = 0) -> str:
    out = []
    for _ in range(rng.randint(0, 4 if depth < 6 else 1)):
        r = rng.random()
        if r < 0.35:
            out.append(rng.choice(_WORDS))
        elif r < 0.4:
            out.append("<!-- c -->")
        else:
            t = rng.choice(_TAGS)
            a = rng.choice(_ATTRS)
            if t in ("br", "hr", "img", "meta"):
                out.append(f"<{t}{a}>")
            else:
                inner = _page(rng, depth + 1) if depth < 8 else rng.choice(_WORDS)
                out.append(f"<{t}{a}>{inner}</{t}>")
    return "".join(out)


def _plain_lxml(root: Any, b: B._Builder) -> None:
    def rec(el: Any) -> None:
        tag = el.tag
        if not isinstance(tag, str):
            if el.tail:
                b.text(el.tail)
            return
        get = el.get
        if tag in B.SKIP or tag in ("br", "hr"):
            if tag in ("br", "hr"):
                b.flush()
            elif tag == "script":
                b.special(tag, get, lambda: el.text or "")
            if el.tail:
                b.text(el.tail)
            return
        if tag in ("meta", "time"):
            b.special(tag, get, None)
        style, aria = get("style"), get("aria-hidden")
        hid = get("hidden") is not None or (style is not None and B._HIDDEN.search(style) is not None)
        b.start(tag, get("class"), get("id"), hid, aria is not None and aria.strip().lower() == "true")
        if el.text:
            b.text(el.text)
        for ch in el:
            rec(ch)
        b.end(tag)
        if el.tail:
            b.text(el.tail)
    rec(root)


def _plain_bs4(soup: Any, b: B._Builder) -> None:
    from bs4 import NavigableString, Tag
    from bs4.element import PreformattedString

    def rec(node: Any) -> None:
        if isinstance(node, Tag):
            name = node.name.lower()
            get = node.attrs.get
            if name in B.SKIP:
                if name == "script":
                    b.special(name, get, lambda: "".join(str(c) for c in node.contents))
                return
            if name in ("br", "hr"):
                b.flush()
                return
            if name in ("meta", "time"):
                b.special(name, get, None)
            style = get("style")
            hid = get("hidden") is not None or (style is not None and B._HIDDEN.search(style) is not None)
            b.start(name, B._attr_str(get("class")), B._attr_str(get("id")), hid, B._aria(get("aria-hidden")))
            for c in node.contents:
                rec(c)
            b.end(name)
        elif isinstance(node, NavigableString) and not isinstance(node, PreformattedString):
            b.text(str(node))
    for c in soup.contents:
        rec(c)


def _lines(b: B._Builder) -> list[tuple[Any, ...]]:
    b.flush()
    B._unhide_main(b.lines)
    return [(ln.text, ln.link_chars, ln.tag, ln.chars, ln.hidden, ln.flags, bool(ln.hidden_root),
             tuple((n.tag, n.words, n.depth, n.hidden, n.flags, n.label, n.own) for n in ln.path))
            for ln in b.lines]


def _check(html: str) -> None:
    from lxml import etree

    html = B._clean_chars(html)
    src = B._ENC_DECL.sub(r"\1", html, count=1)
    root = etree.fromstring(src, etree.HTMLParser(remove_comments=False, huge_tree=True))
    if root is not None:
        fast, plain = B._Builder(), B._Builder()
        B.walk_lxml(root, fast)
        _plain_lxml(root, plain)
        assert _lines(fast) == _lines(plain)
    from bs4 import BeautifulSoup

    soup = B._soup(BeautifulSoup, html, "lxml")
    fast, plain = B._Builder(), B._Builder()
    B.walk_bs4(soup, fast)
    _plain_bs4(soup, plain)
    assert _lines(fast) == _lines(plain)


def test_shortcuts_match_the_plain_walk_on_generated_pages():
    pytest.importorskip("lxml")
    rng = random.Random(11)
    for _ in range(400):
        _check(f"<html><body>{_page(rng)}</body></html>")


def test_shortcuts_match_the_plain_walk_on_cwced():
    pytest.importorskip("lxml")
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(20000)
    try:
        for f in sorted(D.glob("*.html"))[::4]:
            _check(decode(f.read_bytes())[0])
    finally:
        sys.setrecursionlimit(old)


def test_walker_title_is_the_first_title_element():
    """The lxml walker notes the first ``<title>`` as it passes; a skipped subtree before it (an
    ``<svg>`` with its own title, a ``<noscript>``) makes it say so, and the search decides."""
    pytest.importorskip("lxml")
    from lxml import etree

    pages = [
        "<html><head><title>页面标题</title></head><body><p>正文</p></body></html>",
        "<html><body><svg><title>图标</title></svg><p>正文</p></body></html>",
        "<html><head><noscript><p>x</p></noscript><title>标题</title></head><body>正文</body></html>",
        "<html><body><p>正文</p></body></html>",
    ]
    rng = random.Random(5)
    pages += [f"<html><head><title>t{k}</title></head><body>{_page(rng)}</body></html>" for k in range(60)]
    for html in pages:
        root = etree.fromstring(html, B._lxml_parser(etree))
        got = B.walk_lxml(root, B._Builder())
        if got is not B._LOOK:
            assert got == root.find(".//title"), html
    assert B.parse_lines(pages[1], "lxml")[1] == B.parse_lines(pages[1], "bs4")[1] == "图标"
    assert B.parse_lines(pages[2], "lxml")[1] == B.parse_lines(pages[2], "bs4")[1] == "标题"
