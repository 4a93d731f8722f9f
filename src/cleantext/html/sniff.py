"""Is this string an HTML page? A cheap look at its start, used when ``format`` is not given."""

from __future__ import annotations

import re

_HINT = ("<html", "<!doctype", "<body", "<head", "<div", "<p>", "<p ", "<meta", "<table", "<article")
_TAG = re.compile(r"</?(?:html|head|body|div|p|table|tr|td|span|a|script|style|br|li|ul|meta|title|h[1-6])\b",
                  re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts with markup and has HTML elements near its start.

    >>> looks_like_html("<html><body><p>正文</p></body></html>")
    True
    >>> looks_like_html('<text id="x">\\n<script>f()</script><div>正文</div><br><a href="/">x</a>')
    True
    >>> looks_like_html("正文 <b>加粗</b>")
    False
    """
    head = text[:2048].lstrip("\ufeff \t\r\n").lower()
    if not head.startswith("<"):
        return False
    if any(h in head for h in _HINT):
        return True
    # Crawlers' wrappers (``<text ...>``) or long preambles: count real HTML tags further in.
    return len(_TAG.findall(text, 0, 65536)) >= 5
