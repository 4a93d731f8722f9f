"""A page's title and the copies of it a scraper leaves below it.

The first line of a scraped page is usually its title, and the lines under it often carry the
title again: on a line of its own, glued to the first sentence, or behind a short label
(``原标题：…``, ``标题：…``). Copies are compared *folded* (:func:`fold`: no spacing, quotes,
brackets or separators, width-folded, lower case), so ``【视频】标题_站名`` and ``标题`` meet.
Shared by the duplicates filter (a bare copy is a duplicate) and the chrome filter (a labelled copy
is page chrome).

>>> cores = title_cores("大火彻夜燃烧，厂房轰然倒塌_某地")
>>> text = "原标题：大火彻夜燃烧，厂房轰然倒塌\\n"
>>> text[: labelled_copy(text.rstrip(), cores, 90.0)]
'原标题：大火彻夜燃烧，厂房轰然倒塌'
>>> labelled_copy("记者：今天下午，厂房轰然倒塌。", cores, 90.0) is None
True
>>> labelled_copy("Summary: Storm hits coast killing three", title_cores("Storm hits coast"), 90.0) is None
True
"""

from __future__ import annotations

import re

import regex
from rapidfuzz import fuzz

from .textutil import ends_sentence, han_count

#: dropped when comparing a title with its copies: spacing, quotes, brackets, separators, dots
_FOLD_DROP = frozenset(" \t\u3000\xa0“”\"'‘’「」『』[]【】《》<>()（）.…·•|｜_-—–~～*#")
#: brackets and quotes by their opening character: a copy opened by one runs to its close
_PAIR = {"[": "]", "【": "】", "《": "》", "“": "”", "‘": "’", "(": ")", "（": "）", "「": "」", "『": "』",
         "<": ">"}
_OPEN = frozenset(_PAIR)
_CLOSE = frozenset(_PAIR.values())
#: what may stand right before a title glued into a line: a sentence end, a label's colon, a space
_BOUNDARY = frozenset("。！？!?；;：:）)]】”’」』…. \t\u3000\xa0")
#: a copy followed by one of these is a clause of the sentence, not a pasted title
_CONTINUES = frozenset("，,、的了是和与及在")
#: in Latin script, a copy followed by a lower-case word is the start of the sentence itself
_LOWER_NEXT = re.compile(r"[ \t\xa0]{0,3}[a-z]")
_TAG = re.compile(r"^\s*(?:[【\[][^】\]【\[]{1,8}[】\]]\s*)+")
_TITLE_SEP = re.compile(r"_|\||｜|--|—|\s-\s|-(?=[^-]{2,15}$)")
#: a short label at the start of a line: up to 8 letters or Han characters and a colon (no digits,
#: no punctuation: a dateline or a sentence is not a label). Which words it holds is not asked.
#: (a match starts where a blank run starts: a long run is scanned once, not once per position)
_LABEL_HEAD = regex.compile(
    r"(?<![ \t\u3000\xa0])[ \t\u3000\xa0]*[\p{Han}A-Za-z]{1,8}[ \t]*[:：][ \t\u3000\xa0]*")

_SPACES = " \t\n\r\x0b\x0c\xa0\u1680\u200b\u2028\u2029\u202f\u205f\u3000\ufeff" + "".join(
    map(chr, range(0x2000, 0x200B)))
#: one table for both folds: drop spacing and decoration, full-width ASCII to ASCII (：to :)
_FOLD_TABLE: dict[int, int | None] = {
    **{cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)},
    **{ord(c): None for c in _FOLD_DROP | set(_SPACES)},
}
_FOLD_DROPPED = frozenset(chr(cp) for cp, t in _FOLD_TABLE.items() if t is None)


def fold(s: str, base: int = 0) -> tuple[str, list[int]]:
    """``s`` without spacing and decoration, width-folded (：/:), lower case, with each kept
    character's offset (for short strings: titles, a line's head)."""
    folded = s.translate(_FOLD_TABLE)  # one character for one, or none
    if len(folded) == len(s):
        return folded.lower(), list(range(base, base + len(s)))
    return folded.lower(), [base + i for i, ch in enumerate(s) if ch not in _FOLD_DROPPED]


def fold_text(s: str) -> str:
    """:func:`fold` without offsets, at C speed (for the text a box is compared with)."""
    return s.translate(_FOLD_TABLE).lower()


#: what joins a page's title to its site and channel names when they are *cut* (:func:`site_suffix`):
#: underscores, a double hyphen, a spaced dash or bar, a bar, a hyphen between Han characters. Stricter
#: than _TITLE_SEP, which only offers one more form of the title to match copies against: an em dash
#: opens a subtitle, and a hyphen between digits or Latin letters is a date or a word.
# ((?<!...) before a repeated run: a match starts only where the run starts, so a long run is scanned once)
_SUFFIX_SEP = regex.compile(r"(?<!_)_+|(?<!-)-{2,}|(?<!\s)\s+[-|｜]\s+|(?<=\p{Han})-(?=\p{Han})|[|｜]")
_NAME_CLAUSE = regex.compile(r"[，,。！？!?；;：:]")


def site_suffix(text: str) -> int:
    """Where the site and channel names glued after a title start (-1: none): ``某地突发大火_揭阳``,
    ``某某通知-某某市政府门户网站``. A priori: the title before the separator holds 6+ Han characters, and
    everything after it is names, each of at most 14 characters with no clause mark; a title that ends a
    sentence (a one-line article) has none. An em dash (``——``, a subtitle) is no separator."""
    if len(text) > 100 or ends_sentence(text):
        return -1
    for m in _SUFFIX_SEP.finditer(text):
        if han_count(text[: m.start()]) < 6:
            continue
        names = [x.strip() for x in _SUFFIX_SEP.split(text[m.end():]) if x.strip()]
        if names and all(len(x) <= 14 and not _NAME_CLAUSE.search(x) for x in names):
            return m.start()
    return -1


def title_cores(title: str) -> list[str]:
    """Folded forms of the title a copy may take: whole, without a leading tag (【特稿】), and its
    first part before a site or channel suffix (``标题_站名``)."""
    cores = []
    bare = _TAG.sub("", title)
    for form in (title, bare, _TITLE_SEP.split(title)[0], _TITLE_SEP.split(bare)[0]):
        k = fold_text(form)
        if len(k) >= 6 and len(k) <= 120 and k not in cores:
            cores.append(k)
    return cores


def glued(text: str, cores: list[str]) -> tuple[int, int] | None:
    """Where a title core stands at a boundary in the first part of ``text`` (start, end offsets)."""
    limit = 400 + 2 * max(len(c) for c in cores)
    k = fold_text(text[:limit])
    if not any(core in k for core in cores):
        return None  # (the common case: the offsets are never built)
    pos = fold(text[:limit])[1]
    for core in sorted(cores, key=len, reverse=True):
        at = k.find(core)
        while at >= 0:
            s, e = pos[at], pos[at + len(core) - 1] + 1
            while s > 0 and text[s - 1] in _OPEN:
                s -= 1
            if s == 0 or text[s - 1] in _BOUNDARY:
                while e < len(text) and text[e] in _CLOSE:
                    e += 1
                return s, e
            at = k.find(core, at + 1)
    return None


def labelled_copy(text: str, cores: list[str], near: float) -> int | None:
    """The end of a labelled copy of the title that opens ``text`` (one line), or None.

    A labelled copy is a short label and a colon, then the title: the whole rest of the line a near
    copy (folded ratio >= ``near``), or a title core followed by the article's first sentence with
    nothing joining them (``原标题：标题都说…``; a comma or a particle after the copy makes it the
    sentence's own words, and it stays). A copy opened by a bracket runs to the bracket's close.
    """
    m = _LABEL_HEAD.match(text)
    if m is None or not cores:
        return None
    a = m.end()
    longest = max(len(c) for c in cores)
    rest = fold_text(text[a:]) if len(text) - a <= 2 * longest + 10 else ""
    if rest and max(fuzz.ratio(c, rest) for c in cores) >= near:
        return len(text)
    head = text[a : a + 2 * longest + 10]
    k = fold_text(head)
    if not k.startswith(tuple(cores)):
        return None
    pos = fold(head, a)[1]
    for core in sorted(cores, key=len, reverse=True):
        if not k.startswith(core):
            continue
        e = pos[len(core) - 1] + 1
        opened = next((c for c in text[a:pos[0]] if c in _OPEN), None)
        if opened is not None:
            close = text.find(_PAIR[opened], e, e + 40)
            if close >= 0:
                e = close
        while e < len(text) and text[e] in _CLOSE:
            e += 1
        if e < len(text) and (text[e] in _CONTINUES or _LOWER_NEXT.match(text, e)):
            return None
        return e
    return None

