"""Brand candidates without a suffix list, and the evidence features a fitted scorer combines (issue 11).

A token injected at random places recurs at clause boundaries: some copies open a line or a clause,
others end one. So the candidates are the maximal strings that *open* two or more runs of word
characters (longest common prefix of runs that share their first two characters), or *close* two
or more (longest common suffix). Every occurrence of a candidate is then found, inside words too,
and described by :func:`features`: where its copies sit, whether deleting it leaves a pair of
characters the language uses (a table from a dictionary, :mod:`.brand_lang`), whether its edges are
pairs of the language (a word of the sentence) or not (pasted in), whether its parts occur elsewhere,
constant neighbours, the words around a name, the promotional shape (one feature among many).

The weights live in ``data/models/brand.json``, fitted by ``bench/fit_brand.py``; :func:`probability`
applies them (pure Python).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import cache
from importlib import resources
from itertools import compress
from operator import itemgetter

import regex

from ..textutil import CLAUSE_PUNCT
from .brand_lang import LangTable

_LATIN = regex.compile(r"[A-Za-z]")
_LATIN_OR_DIGIT = regex.compile(r"[A-Za-z0-9]")

FEATURES = (
    "log_occ", "line_start", "clause_start", "before_punct", "inside", "n_kinds", "splits_word",
    "edges_foreign", "internal_word", "isolated", "constant_neighbour", "name_context", "shape",
    "opens_with_verb", "latin_or_digit", "joiner", "in_title", "length", "deletion_breaks", "joint_seen",
    "new_pair", "object_slot", "in_sentence",
)
# punctuation no clause opens with: a copy between a clause boundary and one of these leaves, once
# deleted, a clause that opens with a comma (``，、``): it was a word of its sentence (an item of a
# list, a clause of its own), not something pasted into the sentence
_NO_START = frozenset("，,。．、；;！!？?…”’）)》〉】]」』")


#: the joiners brands are written with (bracketed parts, middle dots; the dot of a domain)
_JOINERS = "·_|【】[]()（）."
_J = re.escape(_JOINERS)  # as members of a character class
# word characters and the joiners
_W = rf"[\p{{Han}}\p{{Latin}}\p{{Nd}}{_J}]"
_SPLIT = regex.compile(rf"[^\p{{Han}}\p{{Latin}}\p{{Nd}}{_J}]+")
_HAN = regex.compile(r"\p{Han}")
#: running Chinese text: Han characters and full-width punctuation (not the ideographic space)
RUNNING = regex.compile(r"[\p{Han}\u3001-\u303f\uff01-\uff0f\uff1a-\uff1f"
                        r"\u201c\u201d\u2018\u2019\u2026\u2014]")
#: the blanks that indent a paragraph (two or more), and the characters of a paragraph of running text
_BLANKS = frozenset(" \u3000\t")
_PARAGRAPH = 40
# opening marks and their closing ones: a copy between a pair is quoted or bracketed (a title, a
# term, a label), not pasted into the sentence around it
_ENCLOSE = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "〈": "〉", "【": "】", "（": "）"}
_HAN_PAIR = regex.compile(r"\p{Han}{2}")
_WORD = regex.compile(_W)
#: grammatical characters: a name does not run across them (X发布的数据显示 is X and a phrase)
GRAMMAR = "的了是在和与及就都也把被对从向于而但并或之其这那些让给着过"
_GRAMMAR = frozenset(GRAMMAR)
# runs (word characters and joiners) with a Latin letter or a joiner in them: found from those
# characters, each grown to its run's ends (a reverse match to the left), so the cost follows them
_M_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" + _JOINERS.rstrip("."))
_M = "[A-Za-z" + re.escape(_JOINERS.rstrip(".")) + "]"
_MIXED = regex.compile(_M)
# one maximal group of such characters, matched where it starts (:func:`_glued_to_digits`)
_GROUP = re.compile(rf"{_M}+")


_GLUE_CJK = re.compile(r"[\u4e00-\u9fff]")
_DIGITS = re.compile(r"[0-9]+")


# The groups glued to Han or digits on one side (a word of English text is not), found by a pattern
# that opens with the ``_M`` class: plain ``re`` skips to the positions of that class at C speed (a
# lookbehind first would be tried at every position), then tells a group's first character (no
# ``_M`` before it) glued on the left, or on the right.
_H = "[\u4e00-\u9fff0-9]"
_GLUED = re.compile(rf"{_M}(?:(?<={_H}{_M}){_M}*|(?<!{_M}{_M}){_M}*(?={_H}))")


def _glued(text: str) -> list[re.Match[str]]:
    """The maximal groups of ``_M`` characters with a CJK ideograph (U+4E00-U+9FFF) or an ASCII
    digit right before or after them: the matches of ``(?<=[H]){_M}+|(?<!{_M}){_M}++(?=[H])``."""
    if _GLUE_CJK.search(text) is None:
        return _glued_to_digits(text)
    return list(_GLUED.finditer(text))


def _glued_to_digits(text: str) -> list[re.Match[str]]:
    """:func:`_glued` for a text without CJK ideographs (English): only digits can glue, and they are
    far fewer than the groups (every word), so the groups are found from the digit runs' edges."""
    starts: list[int] = []
    m_chars = _M_CHARS
    for d in _DIGITS.finditer(text):
        s, e = d.span()
        if s > 0 and text[s - 1] in m_chars:  # a group ends right before the digits: find its start
            a = s - 1
            while a > 0 and text[a - 1] in m_chars:
                a -= 1
            starts.append(a)
        if e < len(text) and text[e] in m_chars:
            starts.append(e)
    if not starts:
        return []
    match = _GROUP.match
    return [match(text, a) for a in sorted(set(starts))]  # type: ignore[misc]


_RUN_RIGHT = regex.compile(rf"{_W}*")
_RUN_LEFT = regex.compile(rf"(?r){_W}*")


def _mixed_runs(text: str, groups: list[re.Match[str]]) -> list[str]:
    out, end = [], -1
    for m in groups:
        if m.start() < end:
            continue
        s = _RUN_LEFT.search(text, 0, m.start()).start()  # type: ignore[union-attr]
        end = _RUN_RIGHT.match(text, m.end()).end()  # type: ignore[union-attr]
        out.append(text[s:end])
    return out


_PAIRS = {"【": "】", "[": "]", "(": ")", "（": "）"}
_CLOSERS = frozenset(_PAIRS.values())


def _trim(s: str) -> str:
    """``s`` without joiners at its ends, unless they are a bracket pair around it (``【X官方】``)."""
    if s and s[0] in _PAIRS and s.endswith(_PAIRS[s[0]]):
        return s
    s = s.strip(_JOINERS)
    depth = 0
    for c in s:  # brackets inside must pair up in order: 紧急扩散】刘川镇 is a piece of a bracketed title
        if c in _PAIRS:
            depth += 1
        elif c in _CLOSERS:
            depth -= 1
            if depth < 0:
                return ""
    return s if depth == 0 else ""


def _anchored(text: str, groups: list[re.Match[str]], max_len: int, most: int = 40) -> set[str]:
    """Around each Latin or joiner group that recurs, the longest context its copies share.

    ``低碳达源隆M97游戏、`` and ``趋势，达源隆M97游戏加速``: the copies of ``M97`` share ``达源隆`` on the
    left and ``游戏`` on the right, wherever they sit (inside a word too). The copies are taken in
    sets by their right neighbour, then by their left one, so other uses of the same letters
    elsewhere (an ``S`` in ``S级``) do not hide the token.
    """
    where: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in groups:
        where[m.group()].append(m.span())
    n = len(text)
    out = set()
    for spans in where.values():
        if not 2 <= len(spans) <= most:
            continue
        done = set()  # copies sharing both neighbours form the same set twice: one look each
        for side in (0, 1):
            sets: dict[str, list[tuple[int, int]]] = defaultdict(list)
            for a, b in spans:
                sets[text[b : b + 1] if side == 0 else text[max(0, a - 1) : a]].append((a, b))
            for copies in sets.values():
                if len(copies) >= 2 and (key := tuple(copies)) not in done:
                    done.add(key)
                    s = _shared(text, n, copies, max_len)
                    if s:
                        out.add(s)
    return out


def _word(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or (c.isalnum() and c.isascii()) or c in _JOINERS or bool(_WORD.match(c))


class _NameChars(dict[str, bool]):
    """``c -> _word(c) and c not in _GRAMMAR``: may ``c`` extend a shared context (once a character)."""

    def __missing__(self, c: str) -> bool:
        ok = self[c] = _word(c) and c not in _GRAMMAR
        return ok


_NAME_CHAR = _NameChars()


def _common_prefix(strs: list[str]) -> str:
    """``os.path.commonprefix`` of strings (the same steps, without its path conversions)."""
    s1 = min(strs)
    s2 = max(strs)
    for i, c in enumerate(s1):
        if c != s2[i]:
            return s1[:i]
    return s1


def _shared(text: str, n: int, spans: list[tuple[int, int]], max_len: int) -> str:
    """The longest context the copies at ``spans`` share: word characters (no grammar) to the right of
    the first copy that every copy has too, then to the left, ``max_len`` characters in all."""
    (s0, e0), rest = spans[0], spans[1:]
    ok = _NAME_CHAR
    room = max_len - (e0 - s0)
    right = 0
    if room > 0:
        same = _common_prefix([text[e0 : e0 + room], *[text[e : e + room] for _, e in rest]])
        while right < len(same) and ok[same[right]]:
            right += 1
    room -= right
    left = 0
    if room > 0:
        # the same to the left: a common suffix, read backwards
        same = _common_prefix([text[s0 - room if s0 > room else 0 : s0][::-1],
                               *[text[a - room if a > room else 0 : a][::-1] for a, _ in rest]])
        while left < len(same) and ok[same[left]]:
            left += 1
    return _trim(text[s0 - left : e0 + right]) if left or right else ""


def candidates(text: str, max_len: int = 12, mixed_only: bool = False) -> set[str]:
    """Maximal strings that open, or close, two or more runs of word characters (and joiners).

    >>> sorted(candidates("鑫盛达今天开工，鑫盛达明天验收。工地在城东鑫盛达。"))
    ['鑫盛达']
    """
    out: set[str] = set()
    groups = _glued(text) if mixed_only else []
    if mixed_only:  # the cheap pass: runs mixing Han with Latin letters or joiners (XY某某, 某某m6, 【某某】)
        runs = _mixed_runs(text, groups)
    else:
        runs = [r for r in _SPLIT.split(text) if len(r) >= 2]
    for rev in (False, True):
        ends = sorted(r[-1 : -max_len - 2 : -1] if rev else r[: max_len + 1] for r in runs)
        # (a whole run seen twice is a candidate too: a token on a line of its own)
        for p in _shared_openings(ends, 2, max_len):
            out.add(_trim(p[::-1] if rev else p))
    if mixed_only:
        out |= _anchored(text, groups, max_len)
    # a name has two Han characters, or Han and Latin letters (a date, a number, a Latin word is none)
    if mixed_only:  # (the cheaper test first: half the strings hold no Latin letter or joiner)
        out = {s for s in out if _MIXED.search(s)}
    return {s for s in out if len(_HAN.findall(s)) >= 2 or (_HAN.search(s) and _LATIN.search(s))}


_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{3,}")
_FIRST2 = itemgetter(slice(0, 2))


def han_candidates(text: str, lang: LangTable, max_len: int = 12) -> set[str]:
    """Pure-Han strings of three characters or more that open two or more runs of Han characters,
    where the opening pair of characters is no pair of the language's words.

    A clause opens with a word; a name pasted in front of it opens with two characters no word
    holds (an invented name). Only the runs whose opening pair opens another run too, and is no
    word's, are sorted and compared. (Closing pairs were tried too: the same held-out recall, at
    half again the cost.)
    """
    out: set[str] = set()
    pairs = lang.pairs
    runs = _HAN_RUN.findall(text)
    # (map, compress and sorted keep the pass over every run in C: the Python loop below sees
    # only the runs whose opening pair recurs and is no word's)
    seen = Counter(map(_FIRST2, runs))
    odd = {g for g, c in seen.items() if c >= 2 and g not in pairs}
    if not odd:
        return out
    chosen = compress(runs, map(odd.__contains__, map(_FIRST2, runs)))
    heads = sorted(map(itemgetter(slice(0, max_len + 1)), chosen))
    out.update(_shared_openings(heads, 3, max_len))
    return out


def _shared_openings(heads: list[str], least: int, most: int) -> Iterator[str]:
    """The longest opening each sorted string shares with the one before it, when it is ``least`` to
    ``most`` characters long and at least two (neighbours in sorted order share the longest)."""
    prev = ""
    for b in heads:
        if prev[:2] == b[:2]:
            k = 2
            while k < len(prev) and k < len(b) and prev[k] == b[k]:
                k += 1
            if least <= k <= most:
                yield b[:k]
        prev = b


def features(text: str, s: str, occ: list[int], lang: LangTable, *, shape: bool,
             left_ctx: tuple[str, ...], right_ctx: tuple[str, ...], title_end: int,
             isolated: float = 1.0) -> list[float]:
    n = len(text)
    k = len(occ)
    line_start = clause_start = before = inside = splits = foreign = attached = in_title = breaks = 0
    joint_seen = object_slot = in_sentence = 0
    running = RUNNING.match
    enclose = _ENCLOSE.get
    lefts: dict[str, int] = defaultdict(int)
    rights: dict[str, int] = defaultdict(int)
    seen: dict[str, bool] = {}
    # (the pair table and the verbs read directly: ``lang.pair(x)`` is ``pairs.get(x, 0)``, every
    # value of which is positive, and ``lang.is_verb(w)`` is ``w in verbs``)
    pair = lang.pairs.get
    verbs = lang.verbs
    ls = len(s)
    s0, s1 = s[0], s[-1]
    punct = CLAUSE_PUNCT
    for p in occ:
        e = p + ls
        a = text[p - 1] if p > 0 else "\n"
        b = text[e] if e < n else "\n"
        lefts[a] += 1
        rights[b] += 1
        if p < title_end:
            in_title += 1
        a_open = a.isspace()  # ("\n" is a space)
        a_edge = a_open or a in punct
        b_punct = b in punct or b.isspace()
        if a_open:
            line_start += 1
        elif a_edge:
            clause_start += 1
        joint = a + b
        j = seen.get(joint)
        if j is None:  # once per pair: linear in the text
            j = seen[joint] = joint in text or bool(pair(joint, 0))
        if b_punct:
            before += 1
            if a_edge:
                if b in _NO_START:
                    breaks += 1
            elif not pair(a + s0, 0):  # the only edge a pair: none of the language
                foreign += 1
        else:
            if not a_edge:
                inside += 1
                if j:  # (the pair is the language's or written elsewhere: a word split)
                    splits += 1
                if not pair(a + s0, 0) and not pair(s1 + b, 0):
                    foreign += 1
            elif not pair(s1 + b, 0):
                foreign += 1
        if tied(text, p, e, left_ctx, right_ctx, pair):
            attached += 1
        if text[p - 2 : p] in verbs or (a == "了" and text[p - 3 : p - 1] in verbs):
            object_slot += 1  # the object of a verb (使用X, 有了X): a word its clause needs
        if j:  # deleted, the copy leaves two characters the text writes elsewhere (访X问, 暴力X，)
            joint_seen += 1
        if running(a) and running(b) and enclose(a) != b:  # (:func:`in_sentence`, inlined)
            in_sentence += 1  # in a sentence of running text, neither quoted nor in a menu or a list line
        elif a == "\n" and b in _BLANKS and e + 1 < n and text[e + 1] in _BLANKS and _paragraph(text, e):
            # at a line's very start, before the blanks that indent a paragraph of running text (a
            # word of the paragraph follows the indentation; a heading or a menu item is short)
            in_sentence += 1
    kinds = sum(1 for c in (line_start, clause_start, before, inside) if c)
    const = 0.0
    for ctr in (lefts, rights):
        ch, c = max(ctr.items(), key=lambda t: t[1])
        if c >= 2 and not (ch in CLAUSE_PUNCT or ch.isspace()):
            const = max(const, c / k)
    pairs = [lang.pair(s[i : i + 2]) for i in range(len(s) - 1)]
    internal = sum(pairs) / (len(pairs) * 20.0) if pairs else 0.0
    # an invented name joins two Han characters no dictionary word joins; an everyday word (B超,
    # LED屏, vlog博主) glues Latin letters to words of the language
    han_pairs = [g for g in (s[i : i + 2] for i in range(len(s) - 1)) if _HAN_PAIR.fullmatch(g)]
    new = sum(1 for g in han_pairs if not lang.pair(g)) / len(han_pairs) if han_pairs else 0.0
    return [
        math.log(k), line_start / k, clause_start / k, before / k, inside / k, float(kinds), splits / k,
        foreign / k, internal, isolated, const, attached / k, float(shape),
        float(lang.opens_with_verb(s)), float(bool(_LATIN_OR_DIGIT.search(s))),
        float(any(c in _JOINERS for c in s)), in_title / k, len(s) / 10.0, breaks / k, joint_seen / k, new,
        object_slot / k, in_sentence / k,
    ]


def in_sentence(text: str, p: int, e: int) -> bool:
    """Does the copy at ``p:e`` sit inside running Chinese text: Han characters or full-width
    punctuation on both sides (not a space, a line end, a Latin letter: a menu, a list line, a
    label), and not between a pair of quotes or brackets (a title, a term); or at a line's very
    start, before the blanks that indent a paragraph of running text? (The feature ``in_sentence``
    is the share of copies that do.)"""
    n = len(text)
    if e >= n:
        return False
    a, b = (text[p - 1] if p > 0 else "\n"), text[e]
    if RUNNING.match(a) and RUNNING.match(b):
        return _ENCLOSE.get(a) != b
    return a == "\n" and b in _BLANKS and e + 1 < n and text[e + 1] in _BLANKS and _paragraph(text, e)


def _paragraph(text: str, e: int) -> bool:
    """Is the rest of the line from ``e`` a paragraph of running text (``_PARAGRAPH`` characters or
    more, opening with Han, with a clause mark)?"""
    le = text.find("\n", e)
    line = text[e : len(text) if le < 0 else le].strip()
    return len(line) >= _PARAGRAPH and bool(_HAN.match(line)) and ("，" in line or "。" in line)


#: a pair of the language this common (log2 of its count inside the dictionary's words) is a word of
#: its own (而已, 同样); a rarer one is as often a piece of a longer word or idiom (与共 of 休戚与共)
_COMMON_PAIR = 10


def tied(text: str, p: int, e: int, left_ctx: tuple[str, ...], right_ctx: tuple[str, ...], pair) -> bool:
    """Is the copy at ``p:e`` tied to its sentence by the words a name takes (据X, X表示)? A word on one
    side only does not tie a copy that splits a common word of the language (而X已 is 而已 split,
    whose 已 is no verb of X): a token pasted at random meets such characters by chance."""
    left = text.endswith(left_ctx, 0, p)
    right = text.startswith(right_ctx, e)
    if left and right:
        return True
    if not (left or right):
        return False
    return not (p > 0 and e < len(text) and pair(text[p - 1] + text[e], 0) >= _COMMON_PAIR)


def model_key(s: str, free: str) -> str:
    """Which fitted model scores candidate ``s`` under ``free``: in the default (``"mixed"``) path, a
    string with Latin letters or joiners is read by the ``"mixed"`` model, a pure-Han one by ``"han"``."""
    if free != "mixed":
        return free
    return "mixed" if _MIXED.search(s) else "han"


_LOG_OCC, _SPLITS, _NAME_CTX, _NEW_PAIR, _VERB, _CONST, _IN_SENTENCE = (
    FEATURES.index(f) for f in ("log_occ", "splits_word", "name_context", "new_pair", "opens_with_verb",
                                "constant_neighbour", "in_sentence"))


def removable(x: list[float], key: str) -> bool:
    """May a candidate with features ``x``, read by model ``key``, be removed at all (whatever its
    probability)? Only when seen three times or more, or, for a string mixing Han with Latin letters
    or joiners, twice when it holds a Han pair no word of the language holds and does not open with
    a verb (an invented name, not an everyday word or a phrase); not tied to its sentences like a
    name (据X, X表示 in half its occurrences or more, as on the suffix path); and, for a pure-Han
    string, when a copy splits a word of the sentence (a name or an idiom of the article never
    does; :func:`han_candidates`), or when two copies or more sit inside sentences of running text
    (unquoted, neither in a menu nor in a list line; or before the indentation of a paragraph)
    with no neighbour two copies share (a name
    pasted at random into the article's sentences; a place or a person of the story comes back
    with its words: ``X卫生院``, ``X卫生、计生``)."""
    k = math.exp(x[_LOG_OCC])
    if k < (2 if key == "mixed" else 3) - 1e-9:
        return False
    if k < 3 - 1e-9 and (x[_NEW_PAIR] == 0 or x[_VERB] > 0):
        return False  # seen twice: an invented name (a Han pair no word holds), not a word or a phrase
    tied = x[_NAME_CTX] * k
    if tied >= 2 - 1e-9 and x[_NAME_CTX] >= 0.5:
        return False
    if key != "han" or x[_SPLITS] > 0:
        return True
    return x[_IN_SENTENCE] * k >= 2 - 1e-9 and x[_CONST] == 0


@cache
def model() -> dict:
    raw = resources.files("cleantext").joinpath("data", "models", "brand.json").read_text(encoding="utf-8")
    return json.loads(raw)


def probability(x: list[float], m: dict) -> float:
    z = m["intercept"] + sum(w * (v - mu) / sd for w, v, mu, sd in zip(m["coef"], x, m["mean"], m["scale"],
                                                                        strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
