"""Article metadata read from the page chrome: title, published (ISO 8601), source, author.

The segmenter decides which units are chrome; this module only reads values out of the header
lines (``发布时间:2024-01-25 16:20 来源:某网 作者:某某``) and records the title line, which
:func:`cleantext.pipeline._clean_title` and the brand filter use (``doc.hints["title_line"]``).
"""

from __future__ import annotations

from functools import cache

import regex

from .document import Document, Line
from .textutil import ends_sentence, han_count, is_date_line, lexicon, parse_datetime, to_iso8601

_CLAUSE_IN_VALUE = regex.compile(r"[：，,;；]|(?<!\d):(?!\d)")  # a colon between digits is a time


#: Labels one or two Han characters may open (内容来源, 值班编辑, 本文作者): see :func:`_labels`.
_HEADED = ("来源", "编辑", "作者", "记者")


@cache
def _labels() -> tuple[regex.Pattern[str], dict[str, str]]:
    keys: dict[str, str] = {}
    for entry in lexicon("chrome_labels"):
        label, _, key = entry.partition("=")
        keys[label.strip()] = key.strip()
    alternation = "|".join(regex.escape(k) for k in sorted(keys, key=len, reverse=True))
    # one or two Han characters may open a source, editor or author label (内容来源, 值班编辑, 本文作者):
    # the label's own head (not before 字号 or 日期: 发文字号 is a document's number, not a font size;
    # not an image's or a video's: 图片来源 is a photo credit, part of the article)
    headed = "|".join(k for k in _HEADED if k in keys)
    head = rf"(?:(?![图照视])\p{{Han}}{{1,2}}(?=(?:{headed})\s*[:：]))?"
    return regex.compile(rf"(?:^|(?<=\s)){head}({alternation})\s*[:：]"), keys


def parse_header(text: str) -> dict[str, str] | None:
    """``label: value`` pairs if they make up the whole line (a date may lead), else None.

    >>> parse_header("发布时间:2024-01-25 16:20:00 来源:某网")
    {'published': '2024-01-25T16:20:00', 'source': '某网'}
    """
    if ":" not in text and "：" not in text:
        return None  # every label ends with a colon: no colon, no label (the scan is skipped)
    label_re, label_keys = _labels()
    hits = list(label_re.finditer(text))
    if not hits or len(text) - hits[0].start() < 3 or len(text) > 160:
        return None
    lead = text[: hits[0].start()].strip()
    if len(lead) > 2 and not is_date_line(lead):
        return None
    if len(hits) == 1 and len(text) > 60:
        return None
    meta: dict[str, str] = {}
    if len(lead) > 2 and (iso := parse_datetime(lead)):
        meta["published"] = iso
    for i, m in enumerate(hits):
        end = hits[i + 1].start() if i + 1 < len(hits) else len(text)
        value = text[m.end() : end].strip(" \u3000\xa0\u2002|｜,，")
        if len(value) > 40 or ends_sentence(value) and len(value) > 20:
            return None
        if _CLAUSE_IN_VALUE.search(value):
            return None  # "作者: 某某：某大学，北京" is a byline with an affiliation, part of the text
        key = label_keys.get(m.group(1), "")
        if key == "published":
            value = parse_datetime(value) or to_iso8601(value) or value
        if key and value and key not in meta:
            meta[key] = value
    return meta


def _is_prose(ln: Line) -> bool:
    text = ln.text
    # (the first 200 characters holding 20 Han characters answer for a long line: no count of all)
    return (len(text) >= 40 and ("，" in text or "," in text or "。" in text or "；" in text)
            and (han_count(text[:200]) >= 20 or len(text) > 200 and han_count(text) >= 20))


def record(doc: Document, chrome: list[tuple[int, int]], head_lines: int = 12) -> None:
    """Fill ``doc.metadata`` from the header lines and ``doc.hints["title_line"]``.

    ``chrome``: the spans the segmenter found as page chrome. Header values are read from lines
    that lie in chrome (or a bare date line at the head); the title is the first head line that is
    not wholly chrome, short and unfinished, above the first prose line.
    """
    def chrome_chars(ln: Line) -> int:
        return sum(max(0, min(e, ln.end) - max(s, ln.start)) for s, e in chrome)

    title_seen = False
    lines = doc.kept_lines()
    for ln in lines[:head_lines]:
        if _is_prose(ln):
            break
        covered = chrome_chars(ln)
        meta = parse_header(ln.text) if covered else None
        if meta:
            for k, v in meta.items():
                doc.metadata.setdefault(k, v)
        elif is_date_line(ln.text) and (iso := parse_datetime(ln.text)):
            doc.metadata.setdefault("published", iso)
        if covered >= len(ln) or title_seen:
            continue
        title_seen = True
        if len(ln) <= 80 and not ends_sentence(ln.text):
            doc.metadata.setdefault("title", ln.text)
            doc.hints["title_line"] = ln
    for ln in lines[-6:]:
        if chrome_chars(ln) and (meta := parse_header(ln.text)):
            for k, v in meta.items():
                doc.metadata.setdefault(k, v)
