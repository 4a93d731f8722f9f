"""Character classes and small text helpers shared by the filters (Chinese first, width-agnostic)."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from functools import cache
from importlib import resources

import regex

#: Sentence-final punctuation, full-width and ASCII alike.
TERMINAL = frozenset("。！？!?…；;」』”\"'）)")
#: Where a sentence ends: its marks and the closing quotes or brackets after them.
SENTENCE_END = regex.compile(r"[。！？!?…]+[”」』\"'’）)】]*")
#: Any punctuation or symbol that ends a clause (used to find "before punctuation" positions).
CLAUSE_PUNCT = frozenset("，,。．、；;：:！!？?…“”‘’\"'（）()《》〈〉【】[]「」『』—–-·•|/\\~～")

WORD_CHAR = regex.compile(r"[\p{Han}\p{Latin}\p{Nd}]")
HAN = regex.compile(r"\p{Han}")
_HAN_RUN = regex.compile(r"\p{Han}+")

# A date, optionally with a time: 2024-01-25 16:20:00, 2024/1/25, 2024年1月25日 16:20, 2024.01.25
DATE_RE = regex.compile(
    r"(?P<y>(?:19|20)\d\d)\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*(?P<H>\d{1,2})[:：](?P<M>\d{2})(?:[:：](?P<S>\d{2}))?)?"
)
DATE_LINE_RE = regex.compile(r"^[\[【(（]?\s*" + DATE_RE.pattern + r"\s*[\]】)）]?$")


def is_word_char(ch: str) -> bool:
    return bool(WORD_CHAR.match(ch))


def is_punct(ch: str) -> bool:
    return ch in CLAUSE_PUNCT or unicodedata.category(ch)[0] in "PS"


def han_count(s: str) -> int:
    """Han characters in ``s``, counted by runs (a list of every character cost 80 bytes each); none in
    an ASCII string (told at C speed: English lines skip the scan)."""
    if s.isascii():
        return 0
    return sum(map(len, _HAN_RUN.findall(s)))


def squeeze(s: str) -> str:
    """``s`` without any whitespace: the key two copies of a paragraph share.

    Width variants (，/,) are left to the near-copy comparison, which tolerates them; folding every
    line up front cost more than the rest of the duplicate search.

    >>> squeeze(" 正文 第一段。\u3000")
    '正文第一段。'
    """
    return "".join(s.split())


def ends_sentence(s: str) -> bool:
    s = s.rstrip()
    return bool(s) and s[-1] in TERMINAL


def parse_datetime(s: str) -> str | None:
    """The first date(time) in ``s`` as ISO 8601, or None.

    >>> parse_datetime("发布时间:2024-01-25 16:20:00 来源:x")
    '2024-01-25T16:20:00'
    >>> parse_datetime("2023年5月9日")
    '2023-05-09'
    """
    m = DATE_RE.search(s)
    if not m:
        return None
    try:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        if m["H"] is None:
            return datetime(y, mo, d).date().isoformat()
        dt = datetime(y, mo, d, int(m["H"]), int(m["M"]), int(m["S"] or 0))
        return dt.isoformat()
    except ValueError:
        return None


# 7/5/2005 9:23:57 PM (month first, as US pages print it; day first when the first number is over 12)
_US_DATE = regex.compile(
    r"(?<!\d)(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d\d)"
    r"(?:\s+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?))?)?"
)
_ISO_FULL = regex.compile(r"(?P<d>(?:19|20)\d\d-\d\d-\d\d)[T ](?P<t>\d\d:\d\d(?::\d\d)?)"
                          r"(?:\.\d+)?(?P<z>Z|[+-]\d\d:?\d\d)?")
_CN_HALF_DAY = regex.compile(r"(?P<half>上午|下午|晚上)\s*(?P<H>\d{1,2})[:：](?P<M>\d{2})")


def to_iso8601(s: str) -> str | None:
    """The first date(time) in ``s`` as ISO 8601 (``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM:SS``), or None.

    One parser for every ``published`` value, whatever the page printed: the forms
    :func:`parse_datetime` reads, ISO 8601 with a zone (kept), month-first dates with a 12-hour
    clock, and 上午/下午 times.

    >>> to_iso8601("7/5/2005 9:23:57 PM")
    '2005-07-05T21:23:57'
    >>> to_iso8601("2024-01-25T16:20:00+08:00")
    '2024-01-25T16:20:00+08:00'
    >>> to_iso8601("2023年5月9日 下午3:05")
    '2023-05-09T15:05:00'
    >>> to_iso8601("昨天") is None
    True
    """
    m = _ISO_FULL.search(s)
    if m and m["z"]:
        base = parse_datetime(f"{m['d']} {m['t']}")
        if base:
            z = m["z"] if m["z"] == "Z" or ":" in m["z"] else m["z"][:3] + ":" + m["z"][3:]
            return base + z
    us = _US_DATE.search(s)
    if us and not DATE_RE.search(s):
        a, b, y = int(us["a"]), int(us["b"]), int(us["y"])
        mo, d = (b, a) if a > 12 else (a, b)
        try:
            if us["H"] is None:
                return datetime(y, mo, d).date().isoformat()
            h = int(us["H"])
            if us["ampm"]:
                pm = us["ampm"][0] in "Pp"
                if not 1 <= h <= 12:
                    return None
                h = h % 12 + (12 if pm else 0)
            return datetime(y, mo, d, h, int(us["M"]), int(us["S"] or 0)).isoformat()
        except ValueError:
            return None
    iso = parse_datetime(s)
    half = _CN_HALF_DAY.search(s)
    if iso and "T" not in iso and half:
        h = int(half["H"])
        if half["half"] != "上午" and h < 12:
            h += 12
        try:
            return datetime.fromisoformat(iso).replace(hour=h, minute=int(half["M"])).isoformat()
        except ValueError:
            return iso
    return iso


def is_date_line(s: str) -> bool:
    if "19" not in s and "20" not in s:
        return False  # DATE_RE opens with the year's 19 or 20
    return bool(DATE_LINE_RE.match(s.strip()))


@cache
def lexicon(name: str) -> tuple[str, ...]:
    """Entries of a package data file ``data/<name>.txt`` (one per line, ``#`` comments)."""
    raw = resources.files("cleantext").joinpath("data", f"{name}.txt").read_text(encoding="utf-8")
    out = []
    for line in raw.splitlines():
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("\\#") else line.strip()
        if line:
            out.append(line)
    return tuple(out)


@cache
def lexicon_regex(name: str) -> regex.Pattern[str]:
    """One alternation of the regex entries of ``data/<name>.txt``."""
    return regex.compile("|".join(f"(?:{p})" for p in lexicon(name)), regex.IGNORECASE)
