"""Page facts for ``report.metadata``: title, headline, published (ISO 8601), author, source.

Read from what the page declares for machines first (``<meta>`` names and properties of Open
Graph, Dublin Core, ``article:*``, ``itemprop``; JSON-LD ``NewsArticle``/``Article`` objects), then
``<time datetime>`` and the byline block ("By ...", "作者：..."). Only what the page states is
recorded: no guess from the text around it.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .blocks import W_BYLINE

__all__ = ["iso_date", "page_metadata"]

_PUBLISHED_KEYS = ("article:published_time", "datepublished", "og:published_time", "publishdate",
                   "publish_date", "publish-date", "pubdate", "dc.date.issued", "dc.date", "dcterms.created",
                   "sailthru.date", "parsely-pub-date", "og:release_date", "date", "created")
_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author")
_SOURCE_KEYS = ("og:site_name", "application-name", "source", "publisher", "dc.publisher")
_TITLE_KEYS = ("og:title", "twitter:title", "headline", "dc.title")

_DATE = re.compile(
    r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?:\s*日)?"
    r"(?:[T\s]+(\d{1,2}):(\d\d)(?::(\d\d))?(?:\.\d+)?\s*(Z|[+-]\d\d:?\d\d)?)?")
_COMPACT = re.compile(r"\A((?:19|20)\d\d)(\d\d)(\d\d)(?:T?(\d\d)(\d\d)(\d\d)?)?")
_BYLINE = re.compile(r"^(?:(?:written\s+)?by\s+|(?:作者|文|记者|撰文)\s*[:：]\s*)(.{2,60}?)\s*$",
                     re.IGNORECASE)
_URL = re.compile(r"^(?:https?:)?//")


def iso_date(value: str) -> str | None:
    """``2024-05-06T10:00:00+08:00``, ``2024-05-06`` ... from the common date shapes, else None."""
    v = value.strip()
    m = _DATE.search(v)
    if m:
        y, mo, d, hh, mm, ss, tz = m.groups()
    else:
        m = _COMPACT.match(v)
        if not m:
            return None
        y, mo, d, hh, mm, ss = m.groups()
        tz = None
    if not (1 <= int(mo) <= 12 and 1 <= int(d) <= 31):
        return None
    out = f"{y}-{int(mo):02d}-{int(d):02d}"
    if hh is not None and mm is not None and int(hh) < 24 and int(mm) < 60:
        out += f"T{int(hh):02d}:{mm}:{ss or '00'}"
        if tz:
            out += "+00:00" if tz == "Z" else (tz if ":" in tz else f"{tz[:3]}:{tz[3:]}")
    return out


def _names(v: Any) -> str | None:
    """A person or organisation name from a JSON-LD value (str, {"name": ...} or a list of them)."""
    if isinstance(v, str):
        return v.strip() or None
    if isinstance(v, dict):
        return _names(v.get("name"))
    if isinstance(v, list):
        names = [n for n in (_names(x) for x in v) if n]
        return ", ".join(dict.fromkeys(names)) or None
    return None


def _jsonld_objects(blobs: list[str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for s in blobs:
        try:
            data = json.loads(s.strip().rstrip(";"))
        except (ValueError, RecursionError):
            continue
        todo = [data]
        while todo and len(out) < 50:
            x = todo.pop()
            if isinstance(x, list):
                todo.extend(x)
            elif isinstance(x, dict):
                out.append(x)
                g = x.get("@graph")
                if isinstance(g, list):
                    todo.extend(g)
    return out


def _is_article(obj: dict[str, Any]) -> bool:
    t = obj.get("@type")
    types = t if isinstance(t, list) else [t]
    return any(isinstance(x, str) and ("Article" in x or x in ("BlogPosting", "Report", "WebPage"))
               for x in types)


def page_metadata(b: Any) -> dict[str, str]:
    """Facts from a parsed page (a :func:`.blocks.parse_page` builder)."""
    meta: dict[str, str] = {}
    if b.title:
        meta["title"] = b.title
    lines = b.lines
    h1 = next((ln.text for ln in lines if ln.tag == "h1" and not ln.hidden), None)
    if h1:
        meta["headline"] = h1
    tags: dict[str, str] = {}
    for k, v in b.meta:
        tags.setdefault(k, v.strip())
    ld = [o for o in _jsonld_objects(b.jsonld) if _is_article(o)]
    obj = next((o for o in ld if o.get("datePublished") or o.get("author")), ld[0] if ld else {})

    published = None
    for cand in (obj.get("datePublished"), *(tags.get(k) for k in _PUBLISHED_KEYS), *b.times[:1]):
        if isinstance(cand, str) and (published := iso_date(cand)):
            break
    if published:
        meta["published"] = published

    author = _names(obj.get("author"))
    if not author:
        author = next((tags[k] for k in _AUTHOR_KEYS if tags.get(k) and not _URL.match(tags[k])), None)
    if not author:
        for ln in lines[: max(40, len(lines) // 3)]:
            if ln.chars <= 60 and not ln.hidden:
                m = _BYLINE.match(ln.text)
                if m and (ln.flags & W_BYLINE or ln.text[:3].lower() == "by "):
                    author = m.group(1)
                    break
    if author:
        meta["author"] = author[:200]

    source = _names(obj.get("publisher")) if obj else None
    source = source or next((tags[k] for k in _SOURCE_KEYS if tags.get(k) and not _URL.match(tags[k])), None)
    if source:
        meta["source"] = source[:200]
    if "title" not in meta:
        t = _names(obj.get("headline")) or next((tags[k] for k in _TITLE_KEYS if tags.get(k)), None)
        if t:
            meta["title"] = t
    return meta
