"""Language evidence for the brand filter: width folding for matching, and a compact table from a dictionary.

* :func:`match_text` folds compatibility forms (full-width ``ＡＢ１``, mathematical ``𝐀𝐌𝟔𝟖``) to plain
  letters and digits, and traditional characters to simplified ones (OpenCC's table, Apache-2.0,
  ``data/models/brand_t2s.txt.gz``), one character for one, so offsets found in the folded text
  index the input.
* :func:`table` reads ``data/models/brand_lang.txt.gz``, built from jieba's MIT-licensed dictionary by
  ``bench/build_brand_lexicon.py``: how often a Han character pair occurs inside words (``log2``
  frequency level, 0 when unseen) and which 2-3 character words are common verbs.

>>> match_text("𝐀𝐌𝟔𝟖.𝐂𝐂，ｘｈ８８")
'AM68.CC，xh88'
>>> match_text("澳門賭場")
'澳门赌场'
>>> t = table(); t.pair("体育") > t.pair("育今"), t.is_verb("开设"), t.is_verb("金沙")
(True, True, False)
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from functools import cache
from importlib import resources

_fold: dict[int, str | None] = {}


def _folded(ch: str) -> str | None:
    n = unicodedata.normalize("NFKC", ch)
    return n if len(n) == 1 and n != ch and (n.isalnum()) else None


# where compatibility letters and digits live: letterlike and enclosed forms, full-width forms,
# mathematical alphanumerics
# (plain ``re``: a simple class, scanned faster than with ``regex``)
_FOLDABLE = re.compile(
    r"[\u2100-\u214f\u2460-\u24ff\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\U0001d400-\U0001d7ff]")


@cache
def _t2s() -> dict[str, str]:
    """Traditional -> simplified, one character for one (``bench/build_brand_t2s.py``, from OpenCC)."""
    raw = resources.files("cleantext").joinpath("data", "models", "brand_t2s.txt.gz").read_bytes()
    s = gzip.decompress(raw).decode("utf-8").strip()
    return {s[i]: s[i + 1] for i in range(0, len(s) - 1, 2)}


@cache
def _trad_or_astral() -> re.Pattern[str]:
    """One class: the map's characters in the Basic Multilingual Plane, and every character past it.

    Plain ``re`` tests a class of BMP characters with a bitmap, fast; the map's few characters past
    the BMP would turn the class into a list tried one by one, so any such character found sends
    the text to the set test instead."""
    bmp = "".join(re.escape(c) for c in sorted(_t2s()) if c <= "\uffff")
    return re.compile(f"[{bmp}\U00010000-\U0010ffff]")


def _has_traditional(text: str) -> bool:
    m = _trad_or_astral().search(text)
    if m is None:
        return False
    return m.group() <= "\uffff" or not _t2s().keys().isdisjoint(text)


def match_text(text: str) -> str:
    """``text`` with letters and digits in compatibility forms folded to their plain form, and
    traditional characters mapped to simplified ones (same length: offsets still index ``text``)."""
    t2s = _t2s()
    # most texts hold no traditional character: a scan that stops at the first one settles them;
    # in the others, the characters of the class found are those of the map and any past the BMP
    trad = t2s.keys() & set(_trad_or_astral().findall(text)) if _has_traditional(text) else None
    if trad:  # (a class of the few characters found, replaced where they are: faster than translate)
        cls = re.compile("[" + "".join(re.escape(c) for c in trad) + "]")
        text = cls.sub(lambda m: t2s[m.group()], text)
    if not _FOLDABLE.search(text):
        return text
    found = _FOLDABLE.findall(text)
    table: dict[int, str] = {}
    for ch in set(found):
        o = ord(ch)
        if o not in _fold:
            _fold[o] = _folded(ch)
        f = _fold[o]
        if f is not None:
            table[o] = f
    # one replace per folded character (a few, each a scan at C speed) rather than translate(), which
    # looks every character up; the same result, as no folded form is itself foldable (NFKC is idempotent)
    for o, plain in table.items():
        text = text.replace(chr(o), plain)
    return text


class LangTable:
    def __init__(self, pairs: dict[str, int], verbs: frozenset[str]) -> None:
        self.pairs = pairs
        self.verbs = verbs

    def pair(self, ab: str) -> int:
        """``round(log2 f)`` of pair ``ab`` inside dictionary words (0: not a pair of the language)."""
        return self.pairs.get(ab, 0)

    def is_verb(self, w: str) -> bool:
        return w in self.verbs

    def opens_with_verb(self, s: str) -> bool:
        return s[:2] in self.verbs or s[:3] in self.verbs


@cache
def table() -> LangTable:
    raw = resources.files("cleantext").joinpath("data", "models", "brand_lang.txt.gz").read_bytes()
    pairs: dict[str, int] = {}
    verbs: frozenset[str] = frozenset()
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if line.startswith("P"):
            lv, _, s = line[1:].partition("\t")
            level = int(lv)
            for i in range(0, len(s), 2):
                pairs[s[i : i + 2]] = level
        elif line.startswith("V\t"):
            verbs = frozenset(line[2:].split())
    return LangTable(pairs, verbs)
