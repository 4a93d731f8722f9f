"""Decode bytes in any (Chinese-first) encoding to text, and say how the encoding was chosen.

Order of evidence (first that applies wins, with the checks described below):

1. a byte order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
2. pure ASCII bytes: nothing to decide (the declared name is reported if there is one);
3. strict UTF-8: bytes that decode as UTF-8 without a single error *and* contain multibyte
   sequences are UTF-8, whatever the page declares (legacy CJK text is practically never valid
   UTF-8 by accident), so a wrong ``charset=gb2312`` cannot turn a UTF-8 page into mojibake;
4. the page's declared charset (``<meta charset>``, ``<meta http-equiv="Content-Type">``, an XML
   declaration or an ``encoding="..."`` attribute on a crawler's wrapper element), used when it
   decodes the bytes cleanly (or breaks at most 1 in 1000 non-ASCII bytes); a declaration that
   produces more errors, or a single-byte Western declaration on bytes that look like CJK text, is
   checked against detection and the decoding with fewer replaced bytes wins (ties go to the
   declaration);
5. nearly-valid UTF-8 (at most 5 % of the non-ASCII bytes broken, the rest valid UTF-8);
6. ``chardet`` (``encoding_era=MODERN_WEB`` on chardet >= 7), compared with UTF-8 and GB18030 by the
   number of bytes each would replace (ties go to chardet's guess); when the winner's Han characters
   are mostly rare ones (GBK read as Big5 or the reverse: see :func:`plausibility`), a decoding
   that replaces no more bytes and is clearly more plausible wins. The same check guards a
   declared CJK charset that decodes without errors;
7. GB18030 with replacement.

GB2312 and GBK (and their aliases) are decoded as GB18030, their superset; Big5 is decoded as
Big5-HKSCS (what browsers do), falling back to cp950 when that replaces fewer bytes.

Decoding never raises: undecodable bytes become U+FFFD and ``info["replaced"]`` counts the *bytes*
replaced. The info dict has ``encoding`` (Python codec name), ``encoding_source`` (``bom``,
``ascii``, ``utf-8``, ``declared``, ``utf-8-lenient``, ``detected``, ``plausibility``, ``fallback``),
``declared`` (the name the page declared, if any), ``replaced``, and ``note`` when a declaration was
overridden.
"""

from __future__ import annotations

import codecs
import re
import threading
from typing import Any

__all__ = ["decode", "declared_charset", "normalize_encoding", "decode_counting"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", 4),
    (codecs.BOM_UTF32_BE, "utf-32-be", 4),
    (codecs.BOM_UTF8, "utf-8", 3),
    (codecs.BOM_UTF16_LE, "utf-16-le", 2),
    (codecs.BOM_UTF16_BE, "utf-16-be", 2),
)

#: How far into the bytes to look for a declaration (browsers look at 1024; crawlers' wrappers and
#: long ``<head>`` sections push it further).
SNIFF_BYTES = 16384

_GB = "gb18030"
_ALIASES = {
    "gb2312": _GB, "gbk": _GB, "x-gbk": _GB, "cp936": _GB, "ms936": _GB, "windows-936": _GB,
    "gb_2312-80": _GB, "gb_2312": _GB, "csgb2312": _GB, "euc-cn": _GB, "euccn": _GB, "chinese": _GB,
    "iso-ir-58": _GB, "csiso58gb231280": _GB, "x-euc-cn": _GB, "gb18030": _GB, "hz-gb-2312": "hz",
    "big5": "big5hkscs", "big-5": "big5hkscs", "x-x-big5": "big5hkscs", "cn-big5": "big5hkscs",
    "csbig5": "big5hkscs", "big5-hkscs": "big5hkscs", "big5hkscs": "big5hkscs", "cp950": "cp950",
    "ms950": "cp950", "windows-950": "cp950",
    "utf8": "utf-8", "utf-8": "utf-8", "unicode-1-1-utf-8": "utf-8", "utf-8-sig": "utf-8",
    # WHATWG: these labels all mean windows-1252.
    "iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "l1": "cp1252", "ascii": "cp1252",
    "us-ascii": "cp1252", "iso8859-1": "cp1252", "windows-1252": "cp1252", "cp1252": "cp1252",
    "x-sjis": "shift_jis", "shift-jis": "shift_jis", "sjis": "shift_jis", "windows-31j": "cp932",
}
_CJK_MULTIBYTE = {_GB, "big5hkscs", "cp950", "hz", "shift_jis", "cp932", "euc_jp", "euc_kr", "cp949",
                  "iso2022_jp", "johab"}

_META_RE = re.compile(
    rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
_XML_RE = re.compile(rb"""<\?xml\b[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
#: An ``encoding="..."`` attribute on the first element (crawlers' ``<text ... encoding="gb2312">``).
_WRAPPER_RE = re.compile(rb"""\A\s*<[A-Za-z][^>]*?\bencoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""")
_ASCII_RUN = re.compile(rb"([\x00-\x7f])[\x00-\x7f]{7,}")

_WIDE = ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be")
_NOT_HAN = re.compile("[^\u4e00-\u9fff]+")
_ASCII_BYTES = bytes(range(0x80))
_state = threading.local()


def _count_replace(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):  # pragma: no cover - we only register it for decoding
        raise exc
    _state.count = getattr(_state, "count", 0) + (exc.end - exc.start)
    return "\ufffd", exc.end


codecs.register_error("cleantext-count", _count_replace)


def normalize_encoding(name: str | None) -> str | None:
    """Map a declared or detected charset label to the Python codec cleantext decodes it with.

    >>> normalize_encoding("GB2312"), normalize_encoding("x-gbk"), normalize_encoding("Big5")
    ('gb18030', 'gb18030', 'big5hkscs')
    >>> normalize_encoding("no-such-charset") is None
    True
    """
    if not name:
        return None
    key = name.strip().strip("\"'").lower().replace("_", "-")
    if key in _ALIASES:
        return _ALIASES[key]
    try:
        info = codecs.lookup(key)
    except LookupError:
        return None
    codec = info.name
    return _ALIASES.get(codec.replace("_", "-"), codec)


def decode_counting(data: bytes, encoding: str) -> tuple[str, int]:
    """Decode with U+FFFD for bad sequences; return the text and the number of bytes replaced."""
    _state.count = 0
    text = data.decode(encoding, errors="cleantext-count")
    n = _state.count
    _state.count = 0
    if encoding == "big5hkscs" and n:
        alt, m = decode_counting(data, "cp950")
        if m < n:
            return alt, m
    return text, n


def declared_charset(data: bytes) -> str | None:
    """The charset label the bytes declare about themselves (meta, XML declaration, wrapper), if any."""
    head = data[:SNIFF_BYTES]
    for rx in (_XML_RE, _META_RE, _WRAPPER_RE):
        m = rx.search(head)
        if m:
            return m.group(1).decode("ascii", "replace").lower()
    return None


def _sample(data: bytes, limit: int = 16384) -> bytes:
    """Bytes for the detector: long ASCII runs (markup) shrunk to their first byte and a space.

    The first byte is kept because it may be the trail byte of a double-byte character.
    """
    return _ASCII_RUN.sub(rb"\1 ", data[: limit * 4])[:limit]


def _detect(data: bytes) -> tuple[str | None, float]:
    try:
        import chardet
    except ImportError:  # pragma: no cover - chardet is a dependency
        return None, 0.0
    sample = _sample(data)
    kwargs: dict[str, Any] = {}
    era = getattr(getattr(chardet, "EncodingEra", None), "MODERN_WEB", None)
    if era is not None:  # chardet >= 7
        kwargs = {"encoding_era": era, "prefer_superset": True}
    try:
        res = chardet.detect(sample, **kwargs)
    except TypeError:  # an older chardet without these keywords
        res = chardet.detect(sample)
    return normalize_encoding(res.get("encoding")), float(res.get("confidence") or 0.0)


def non_ascii_count(data: bytes) -> int:
    return len(data.translate(None, _ASCII_BYTES))


def _nearly_utf8(sample: bytes) -> bool:
    """Quick look: at most 5 % of the non-ASCII bytes of ``sample`` are broken UTF-8."""
    bad = sample.decode("utf-8", "replace").count("\ufffd")
    return bad * 20 <= non_ascii_count(sample)


def _multibyte(enc: str | None) -> bool:
    return bool(enc) and (enc in _CJK_MULTIBYTE or enc == "utf-8")


_common: frozenset[str] | None = None


def _common_han() -> frozenset[str]:
    """The everyday Han characters of both scripts: GB2312 level 1 and Big5 level 1 (about 6,800)."""
    global _common
    if _common is None:
        chars: set[str] = set()
        for enc, leads, trails in (("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF)),
                                   ("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)])):
            for lead in leads:
                for trail in trails:
                    try:
                        chars.add(bytes((lead, trail)).decode(enc))
                    except UnicodeDecodeError:
                        pass
        _common = frozenset(chars)
    return _common


def plausibility(text: str, limit: int = 4000) -> float | None:
    """Share of the Han characters in ``text`` that are everyday characters (None: too few to say).

    Real Chinese text scores about 0.99 in either script; GBK bytes read as Big5 (or the reverse)
    decode without errors but score about 0.55, because half of the pairs land on rare characters.
    """
    # The Han characters of the first 200,000 characters, up to ``limit``: the text without the rest,
    # 8,192 characters at a time (most pages hold enough Han long before their end).
    parts, got, end = [], 0, min(len(text), 200_000)
    for a in range(0, end, 8192):
        piece = _NOT_HAN.sub("", text[a : min(a + 8192, end)])
        parts.append(piece)
        got += len(piece)
        if got >= limit:
            break
    han = "".join(parts)[:limit]
    if len(han) < 4:
        return None
    # the everyday ones counted as what a class of them leaves out (at C speed, 20x a set lookup each)
    return (len(han) - len(_common_class().sub("", han))) / len(han)


_common_re: re.Pattern[str] | None = None


def _common_class() -> re.Pattern[str]:
    global _common_re
    if _common_re is None:
        _common_re = re.compile("[" + "".join(map(re.escape, sorted(_common_han()))) + "]+")
    return _common_re


def _most_plausible(data: bytes, chosen: tuple[str, str, int], others: list[str | None],
                    margin: float = 0.15) -> tuple[str, str, int]:
    """Among decodings replacing no more bytes than ``chosen``, the clearly most plausible one."""
    p0 = plausibility(chosen[1])
    if p0 is None or p0 >= 0.9:
        return chosen
    best, best_p = chosen, p0
    for enc in dict.fromkeys(e for e in others if _multibyte(e) and e != chosen[0]):
        assert enc is not None
        text, n = decode_counting(data, enc)
        p = plausibility(text)
        if n <= chosen[2] and p is not None and p > best_p + margin:
            best, best_p = (enc, text, n), p
    return best


def _info(encoding: str, source: str, replaced: int, declared: str | None, **extra: Any) -> dict[str, Any]:
    d: dict[str, Any] = {"encoding": encoding, "encoding_source": source, "replaced": replaced}
    if declared:
        d["declared"] = declared
    d.update(extra)
    return d


_ESCAPED = re.compile("[\udc80-\udcff]")
#: Codecs that never decode bytes to a lone surrogate (so a surrogate in their output is an escaped byte).
_NO_SURROGATES = _CJK_MULTIBYTE | {"utf-8"}


def _replaced(data: bytes, encoding: str) -> tuple[int, str | None]:
    """The number of bytes :func:`decode_counting` replaces, and its text when that is none.

    Counted without the Python error handler, which is called once per broken sequence (thousands
    on a page in the wrong codec): ``surrogateescape`` stands for each byte of the same broken
    sequences by one lone surrogate, which these codecs never decode to. It cannot stand for an
    ASCII byte: then the handler counts."""
    if encoding not in _NO_SURROGATES:
        text, n = decode_counting(data, encoding)
        return n, text if n == 0 else None
    try:
        text = data.decode(encoding, "surrogateescape")
    except UnicodeDecodeError:
        text, n = decode_counting(data, encoding)
        return n, text if n == 0 else None
    n = len(_ESCAPED.findall(text))
    if n == 0:
        return 0, text
    if encoding == "big5hkscs":  # as decode_counting: cp950 when it replaces fewer
        return min(n, _replaced(data, "cp950")[0]), None
    return n, None


def _best(data: bytes, candidates: list[str]) -> tuple[str, str, int]:
    """Decode with each candidate; the fewest replaced bytes wins, earlier candidates win ties.
    (Only the winner's text is made with replacement characters.)"""
    best: tuple[str, str | None, int] | None = None
    seen: set[str] = set()
    for enc in candidates:
        if enc in seen:
            continue
        seen.add(enc)
        try:
            n, text = _replaced(data, enc)
        except LookupError:
            continue
        if best is None or n < best[2]:
            best = (enc, text, n)
        if n == 0:
            break
    assert best is not None
    enc, text, n = best
    if text is None:
        text, n = decode_counting(data, enc)
    return enc, text, n


def decode(data: bytes) -> tuple[str, dict[str, Any]]:
    """Decode ``data``; never raises. Returns ``(text, info)`` (see the module docstring).

    >>> decode("新闻".encode("gbk") + b"<meta charset=gb2312>")[1]["encoding"]
    'gb18030'
    >>> decode(b'<meta charset="gb2312">' + "正文".encode("utf-8"))[1]["encoding"]
    'utf-8'
    """
    data = bytes(data)
    for bom, enc, size in _BOMS:
        if data.startswith(bom):
            if enc == "utf-32-le" and data.startswith(codecs.BOM_UTF16_LE) and len(data) % 4:
                continue  # UTF-16 LE text starting with U+0000 is rare, odd lengths can't be UTF-32
            text, n = decode_counting(data[size:], enc)
            return text, _info(enc, "bom", n, None)

    label = declared_charset(data)
    declared = normalize_encoding(label)
    if data.isascii():
        enc = declared if declared and declared not in _WIDE and declared != "cp1252" else "ascii"
        return data.decode("ascii"), _info(enc, "ascii", 0, label)

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        extra = {}
        if declared and declared != "utf-8":
            extra["note"] = f"declared {label!r} overridden: the bytes are valid UTF-8"
        return text, _info("utf-8", "utf-8", 0, label, **extra)

    if declared and declared != "utf-8" and declared not in _WIDE:
        text, n = decode_counting(data, declared)
        single_byte = declared not in _CJK_MULTIBYTE
        if not single_byte and 0 < n and n * 1000 <= non_ascii_count(data):
            # A handful of broken bytes in a long page that otherwise fits its declaration
            # (a truncated character, a stray byte): the declaration stands, no detection needed.
            return text, _info(declared, "declared", n, label)
        if n == 0 and not single_byte:
            enc, text2, m = _most_plausible(data, (declared, text, 0), [_GB, "big5hkscs"])
            if enc == declared:
                return text, _info(declared, "declared", 0, label)
            note = f"declared {label!r} overridden: its decoding is mostly rare characters, {enc}'s is not"
            return text2, _info(enc, "plausibility", m, label, note=note)
        guess, conf = _detect(data)
        if single_byte:
            if guess and guess in _CJK_MULTIBYTE and conf >= 0.5:
                enc, text2, m = _best(data, [guess, _GB])
                if m <= max(2, len(data) // 2000):
                    note = f"declared {label!r} overridden: the bytes look like {enc} text"
                    return text2, _info(enc, "detected", m, label, note=note)
            return text, _info(declared, "declared", n, label)
        # Single-byte codecs decode anything without an error: they are no evidence against CJK.
        enc, text2, m = _best(data, [declared] + [e for e in (guess, "utf-8", _GB) if _multibyte(e)])
        if enc != declared:
            note = f"declared {label!r} overridden: it replaces {n} bytes, {enc} replaces {m}"
            return text2, _info(enc, "detected", m, label, note=note)
        return text2, _info(enc, "declared", m, label)

    # Declared UTF-8 (but invalid) or nothing declared.
    if _nearly_utf8(data[:65536]):
        text, n = decode_counting(data, "utf-8")
        non_ascii = non_ascii_count(data)
        if n * 20 <= non_ascii and non_ascii - n >= 16:
            return text, _info("utf-8", "utf-8-lenient", n, label)
    guess, conf = _detect(data)
    enc, text2, m = _best(data, [e for e in (guess, "utf-8", _GB) if _multibyte(e)])
    enc, text2, m = _most_plausible(data, (enc, text2, m), [_GB, "big5hkscs"])
    if guess and not _multibyte(guess) and conf >= 0.5 and m * 100 > non_ascii_count(data):
        # No multibyte reading fits (over 1 % of the non-ASCII bytes would be replaced): trust a
        # confident single-byte guess (a Western page) instead.
        enc, text2, m = _best(data, [guess])
    source = "detected" if guess and enc == guess else "fallback"
    extra = {"confidence": round(conf, 3)} if source == "detected" else {}
    if label and declared == "utf-8" and enc != "utf-8":
        extra["note"] = f"declared {label!r} overridden: the bytes are not UTF-8"
    return text2, _info(enc, source, m, label, **extra)
