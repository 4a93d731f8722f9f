"""Brand spam: promotional tokens injected into an article's sentences, found without a fixed list.

An injected token (a betting site's name, say) is pasted at random places: the start of a
paragraph, just before a comma, between two characters of one word, in front of the title. Real
names are woven into their sentences instead: a person is followed by 说/表示, a place follows 在,
an event is always "X体育大会". The filter therefore scores each *repeated* string by how it sits:

* the text is matched width-folded (:func:`.brand_lang.match_text`: ``ＫＸ８８``, ``𝐀𝐌𝟔𝟖.𝐂𝐂``),
  one character for one, so offsets index the input;
* suffix path: maximal strings (Han, Latin letters, digits, a short bracketed part) ending in a
  brand-like shape (``data/brand_shapes.txt``, a prior only) or a domain, scored by hand-set
  evidence: occurrences in several kinds of position, occurrences that split a word whose halves
  meet elsewhere in the text, and, strongest of all, being the difference between two copies of one
  paragraph (``doc.hints["inserted_tokens"]`` from the duplicates filter); against: occurrences tied
  to their sentence by the characters around them (``data/name_contexts.txt``), a constant
  neighbour (``X体育大会`` every time), a common word or a common verb before the suffix
  (``data/common_names.txt``, the jieba-derived table of :mod:`.brand_lang`);
* free path (no suffix list, :mod:`.brand_free`): strings that open or close several runs, or that
  every copy of a recurring Latin/joiner group shares, and pure-Han strings of 3-8 characters that
  open several runs with a pair no dictionary word holds (read in the text earlier filters kept),
  scored by logistic regressions fitted by ``bench/fit_brand.py`` (``data/models/brand.json``);
  removed only when sure, seen three times or more (a mixed invented name: twice, in running text),
  not tied to its sentences like a name, and, for a pure-Han string, when a copy splits a word or
  two copies sit inside sentences of running text with no neighbour shared
  (:func:`.brand_free.removable`).

Only the token is removed (with the colon after a copy that opens its line, ``X：``); the sentence
stays. A string with some evidence but not enough is kept and recorded in ``report.annotations``
(precision first).
"""

from __future__ import annotations

import operator
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import compress

import regex

from ..document import Document
from ..report import Removal
from ..textutil import CLAUSE_PUNCT, lexicon
from . import brand_free, brand_promo
from .base import Filter
from .brand_lang import match_text, table

_RUN = regex.compile(r"[\p{Han}\p{Latin}\p{Nd}][\p{Han}\p{Latin}\p{Nd}.]*")
_LATIN_HEAD = regex.compile(r"^[A-Za-z]{1,4}(?=\p{Han})")
# a capital-letter tag glued to a short Han name and a brand suffix (``XY<name>体育``): how betting
# sites label their mirror brands; ordinary text writes ``NBA中国`` but rarely ``NBA<name>真人``
_TAGGED = regex.compile(r"^[A-Z]{1,4}\p{Han}{2,4}$")
_LABEL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
_ALNUM_RUN = regex.compile(r"[A-Za-z0-9]+")
_ALNUM_PIECE = regex.compile(r"[A-Za-z0-9]{2,}")
_LATIN_WORD = regex.compile(r"[A-Za-z]{5,}")
_DIGITS = regex.compile(r"^[\p{Nd}.]+$")
_OPEN, _CLOSE = "(（[【", ")）]】"
# bounded: a bracketed part of a brand is short, and an unclosed bracket must not rescan the text
_BRACKETED = regex.compile(r"[(（\[【][^)）\]】]{0,8}[)）\]】]")
_TAIL = regex.compile(r"(?:(?<=\p{Han})[A-Za-z0-9]{1,8})?(?:[(（\[【][^)）\]】]{0,8}[)）\]】])?$")


def _core(s: str, shape_end: re.Pattern[str] | None = None) -> str:
    """``s`` without a trailing bracketed part or Latin/digit tail after a Han suffix.

    With ``shape_end``: ``s`` itself when it already ends in a shape (``X app``).
    """
    if shape_end is not None and shape_end.search(s):
        return s
    return _TAIL.sub("", s) or s
# what may remain of a promotional line besides its brands: a label (本文来源：, 版权所有, Copyright 2024)
# (only punctuation; or a label of at most 6 characters ending in a colon, and the brand's host; or a
# copyright sign with at most 6 Han and a year), all else around the brand kept
#: (the patterns below are applied with ``fullmatch`` to a token, or to what remains of a line when
#: that is at most ``_MAX_REST`` characters: a label, never a sentence)
_MAX_REST = 80
_BARE_HOST = regex.compile(r"(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_NW = r"[^\p{Han}\p{Latin}\p{Nd}]*"
_HL = r"[\p{Han}\p{Latin}]"
_HOST = r"(?:(?:https?://)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,6}/?" + _NW + r")?"
_LABEL_REST = regex.compile(_NW + r"(?:" + _HL + r"{1,6}[:：]" + _NW + r")?" + _HOST)
_COPYRIGHT_REST = regex.compile(_NW + r"(?:(?:\p{Han}{1,6}|[A-Za-z]{1,9}|\d{4}(?:-\d{4})?)" + _NW + r"){0,4}")
#: longest pure-Han candidate of the free path: an invented name and a category word (``<name>娱乐城``);
#: a longer string that recurs verbatim is a place, an organisation's full name, an event
_HAN_MAX = 8
#: characters per window of the free path (a long article; a longer text is read in windows)
_WINDOW = 40000
_GRAMMAR = regex.compile(f"[{brand_free.GRAMMAR}]")
_WORDISH = regex.compile(r"[\p{Han}A-Za-z0-9]")
# the grammatical characters and a few more function words (只, 个, 像): not in a name's unit
_FUNCTION_CHARS = brand_free.GRAMMAR + "只个像"
_FUNCTION = regex.compile(f"[{_FUNCTION_CHARS}]")
# the same and the adverbs, negations and particles of a phrase (a pure-Han string with one of them
# is a phrase of the sentence, not an invented name)
_HAN_FUNCTION = regex.compile(f"[{_FUNCTION_CHARS}才又再还很最更太不没未已曾却便竟吗呢吧啊得地们]")


def _contexts() -> tuple[tuple[str, ...], tuple[str, ...]]:
    sides: dict[str, tuple[str, ...]] = {"left": (), "right": ()}
    for entry in lexicon("name_contexts"):
        side, _, words = entry.partition("=")
        sides[side.strip()] = tuple(words.split())
    return sides["left"], sides["right"]


def _bracket_end(text: str, o: int, most: int = 6) -> int | None:
    """End (exclusive) of a short bracketed part of word characters opening at ``o``, or None."""
    c = text.find(_CLOSE[_OPEN.index(text[o])], o + 1, o + most + 2)
    if c < 0 or c == o + 1 or not all(ch.isalnum() for ch in text[o + 1 : c]):
        return None
    return c + 1


def _bracket_start(text: str, c: int, most: int = 6) -> int | None:
    """Start of a short bracketed part of word characters closing at ``c``, or None."""
    o = text.rfind(_OPEN[_CLOSE.index(text[c])], max(0, c - most - 1), c)
    if o < 0 or o == c - 1 or not all(ch.isalnum() for ch in text[o + 1 : c]):
        return None
    return o


def _only_inside(text: str, s: str, n_occ: int, pieces: Iterable[str]) -> bool:
    """Every piece occurs only inside the ``n_occ`` copies of ``s`` (as often as ``s`` holds it)."""
    return all(text.count(g) <= n_occ * s.count(g) for g in pieces)


def _own_lines(text: str, occ: list[int], e: int) -> bool:
    """Each copy (of length ``e``) is a line of its own: a heading, a label, not an insertion."""
    n = len(text)
    return all(_at_line_start(text, p)
               and not text[p + e : (text.find("\n", p + e) + 1 or n + 1) - 1].strip() for p in occ)


def _cuts_latin(text: str, occ: list[int], e: int) -> bool:
    """An ASCII letter or digit run goes on past one end of every copy (of length ``e``):
    ``64GB售``, ``256GB售`` hold a piece of a Latin/digit word, not a unit."""
    n = len(text)
    s0, s1 = text[occ[0]], text[occ[0] + e - 1]
    if s0.isascii() and s0.isalnum() and all(p > 0 and text[p - 1].isascii() and text[p - 1].isalnum()
                                               for p in occ):
        return True
    return s1.isascii() and s1.isalnum() and all(p + e < n and text[p + e].isascii() and text[p + e].isalnum()
                                                  for p in occ)


def _same_word_neighbour(text: str, occ: list[int], e: int) -> bool:
    """Every copy (of length ``e``) has the same word character on its left, or on its right."""
    left = {text[p - 1 : p] for p in occ}
    right = {text[p + e : p + e + 1] for p in occ}
    return (len(left) == 1 and bool(_WORDISH.match(next(iter(left))))) or (
        len(right) == 1 and bool(_WORDISH.match(next(iter(right)))))


_SPLITS = brand_free.FEATURES.index("splits_word")


def _one_passage(text: str, occ: list[int], e: int, reach: int = 4) -> bool:
    """Two copies (of length ``e``) or more are followed, or preceded, by the same ``reach`` characters
    holding two Han characters or more (``X，一季度``): one passage written again (a sentence
    repeated, a list line's label), of which the candidate is a piece; a pasted token meets new text
    at each copy. Asked of a pure-Han candidate that no copy of which splits a word (the running-text
    gate of :func:`.brand_free.removable`)."""
    for ctx in ([text[p + e : p + e + reach] for p in occ], [text[max(0, p - reach) : p] for p in occ]):
        seen = Counter(c for c in ctx if len(_HAN_CHAR.findall(c)) >= 2)
        if seen and max(seen.values()) >= 2:
            return True
    return False


def _in_running_text(text: str, p: int, e: int) -> bool:
    """Both neighbours of the copy at ``p:e`` are characters of running Chinese text (Han characters
    or full-width punctuation), not spaces, line ends or Latin letters: the copy sits in a sentence,
    not in a menu, a list of items or a label line."""
    return p > 0 and e < len(text) and all(_RUNNING.match(c) for c in (text[p - 1], text[e]))


def _same_topic(text: str, occ: list[int], e: int, reach: int = 30, least: int = 3) -> bool:
    """The passages around two copies (up to ``reach`` characters each side, within their lines) share
    ``least`` Han pairs or more besides the copy, and a quarter of the smaller passage's: one topic
    written twice (two headlines of one story), where a pasted token's copies sit in unrelated
    sentences (which share a few of the article's words, not a quarter of them)."""
    sets = []
    for p in occ:
        a = max(text.rfind("\n", 0, p) + 1, p - reach)
        b = text.find("\n", p + e)
        b = min(len(text) if b < 0 else b, p + e + reach)
        sides = (text[a:p], text[p + e : b])
        pairs = (w[i : i + 2] for w in sides for i in range(len(w) - 1))
        sets.append({g for g in pairs if _HAN_PAIR.fullmatch(g)})
    shared = len(sets[0] & sets[1])
    return shared >= least and shared >= min(len(sets[0]), len(sets[1])) / 4


def _two_copies_sure(text: str, s: str, occ: list[int]) -> bool:
    """May a free-path token seen only twice be removed (else it is kept, annotated as weak)? Not when
    it labels what follows it both times (投稿请加qq:<number>: the promo path's), when neither copy
    sits in running text (a menu, a list of items), or when the passages around the copies share
    their words (one story's two headlines)."""
    e = len(s)
    if all(text[p + e : p + e + 1] in _COLONS for p in occ):
        return False
    if not any(_in_running_text(text, p, p + e) for p in occ):
        return False
    return not _same_topic(text, occ, e)


def _chance_ends(text: str, s: str, occ: list[int], lang) -> str:
    """``s`` without an end character that joins its neighbour outside ``s`` as a pair of the language
    in every copy while it joins the character inside ``s`` as none (``<name>集团农`` before ``农机``
    and ``农民``: the shared ``农`` is the next word's)."""
    n, e = len(text), len(s)
    if e > 2 and not lang.pair(s[-2:]) and all(p + e < n and lang.pair(s[-1] + text[p + e]) for p in occ):
        s, e = s[:-1], e - 1
    if e > 2 and not lang.pair(s[:2]) and all(p > 0 and lang.pair(text[p - 1] + s[0]) for p in occ):
        s = s[1:]
    return s


_COLONS = frozenset("：:")
_HAN_PAIR = regex.compile(r"\p{Han}{2}")
_HAN_CHAR = regex.compile(r"\p{Han}")
# running Chinese text: Han characters and full-width punctuation (not the ideographic space)
_RUNNING = brand_free.RUNNING


def _at_line_start(text: str, p: int) -> bool:
    """Only whitespace stands between the start of ``p``'s line and ``p``."""
    return not text[text.rfind("\n", 0, p) + 1 : p].strip()


def _kept_text(text: str, removals: list[Removal]) -> str:
    """``text`` with the spans already removed blanked out (same length: offsets still hold)."""
    if not removals:
        return text
    parts, pos = [], 0
    for r in sorted(removals, key=lambda r: r.start):
        if r.end <= pos:
            continue
        start = max(pos, r.start)
        parts.append(text[pos:start])
        parts.append("\n" * (r.end - start))
        pos = r.end
    parts.append(text[pos:])
    return "".join(parts)


class BrandSpam(Filter):
    """Remove injected promotional tokens, keeping the sentences around them.

    Parameters:
        threshold: evidence score at which a token is removed (annotated from ``threshold - 1.5``).
        min_len, max_len: token length bounds (characters).
        extra_lexicons: paths of extra brand-shape files (one regex per line), added to the prior.
        free: candidates found without the suffix list, scored by the fitted model
            (``data/models/brand.json``, ``bench/fit_brand.py``): ``"mixed"`` (default) those that
            mix Han with Latin letters or joiners (``XY某某``, ``某某m6``, ``【某某官方】``), ``"all"``
            every string that opens or closes several runs (slower: see docs/benchmarks.md,
            "Brands (left-out)"), ``"off"`` none. ``"mixed"`` also reads pure-Han strings that open
            runs with a pair no dictionary word holds (:func:`.brand_free.han_candidates`).
        promo: also remove promotional insertions longer than a token (:mod:`.brand_promo`):
            recurring self-labelled contact segments and runs of glued links.
    """

    name = "brand"
    kind = "brand_spam"

    def __init__(self, threshold: float = 4.5, min_len: int = 2, max_len: int = 16,
                 extra_lexicons: Iterable[str] = (), free: str = "mixed", promo: bool = True) -> None:
        if free not in ("off", "mixed", "all"):
            raise ValueError(f"free must be 'off', 'mixed' or 'all', not {free!r}")
        self.threshold = threshold
        self.free = free
        self.promo = promo
        self.min_len = min_len
        self.max_len = max_len
        self.extra_lexicons = tuple(extra_lexicons)
        shapes = list(lexicon("brand_shapes"))
        for path in self.extra_lexicons:
            with open(path, encoding="utf-8") as fh:
                shapes += [ln.strip() for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
        tlds = [p.split(None, 1)[1] for p in shapes if p.startswith("@domain ")]
        shapes = [p for p in shapes if not p.startswith("@domain ")]
        # plain ``re``: the shapes are literal alternations, which ``re`` scans faster than ``regex``
        alternation = "|".join(f"(?:{p})" for p in shapes)
        self._shape_re = re.compile(alternation)
        self._tld_re = re.compile(r"\.(?i:" + "|".join(tlds) + ")") if tlds else None
        domain = [r"[A-Za-z0-9-]{1,63}\.(?i:" + "|".join(tlds) + ")"] if tlds else []
        self._shape_end = re.compile("(?:" + "|".join(f"(?:{p})" for p in [*shapes, *domain]) + ")$")
        self._common = frozenset(lexicon("common_names"))
        self._left, self._right = _contexts()

    # -- candidates ---------------------------------------------------------------------------
    def _shape_spans(self, text: str) -> list[tuple[int, int]]:
        """Spans of the shapes in ``text``: suffix hits, and domains found from their ``.TLD``."""
        spans = [m.span() for m in self._shape_re.finditer(text)]
        if self._tld_re is not None:
            for m in self._tld_re.finditer(text):
                dot = k = m.start()
                while k > 0 and dot - k < 63 and text[k - 1] in _LABEL:
                    k -= 1
                if k < dot:
                    spans.append((k, m.end()))
        return spans

    def _candidates(self, text: str) -> Counter[str]:
        """Maximal strings ending in a brand-like shape: ``<name><suffix>`` for every suffix hit.

        A short bracketed part comes out with the brand (``X(中国)官方网站``, ``X体育(官方)``), and so
        do Latin letters or digits glued after a Han suffix (``X会J9``, ``X赌场2018``).
        """
        counts: Counter[str] = Counter()
        n = len(text)
        for i, j in self._shape_spans(text):
            if j < n and text[j].isalnum() and text[j - 1].isascii() and text[j].isascii():
                continue  # inside a longer Latin word
            ends = [j]
            if j < n and not text[j - 1].isascii():
                e = j
                while e < n and e - j < 8 and text[e].isascii() and text[e].isalnum():
                    e += 1
                if e > j and not (e < n and text[e].isascii() and text[e].isalnum()):
                    ends.append(e)
            e = ends[-1]
            if e < n and text[e] in _OPEN:
                c = _bracket_end(text, e)
                if c:
                    ends.append(c)
            k = i
            while k > 0 and j - k < self.max_len:
                if text[k - 1].isalnum():
                    k -= 1
                elif text[k - 1] in _CLOSE and (o := _bracket_start(text, k - 1)) is not None and o > 0 \
                        and text[o - 1].isalnum():
                    k = o  # a bracketed part inside the name: X(中国)官方网站
                    continue
                else:
                    break
                if j - k >= self.min_len:
                    for e in ends:
                        counts[text[k:e]] += 1
            if j - i >= self.min_len and "." in text[i:j]:
                if text[i - 4 : i].lower() == "www.":
                    i -= 4  # the host comes out whole: www.<name>.<tld>
                if text[i - 1 : i] in ("/", ".", "@", ":") or text[j : j + 1] in ("/", "@"):
                    continue  # part of a URL or an e-mail address, i.e. a citation, not an insertion
                counts[text[i:j]] += 1
        # maximal: drop s when its one-character left extension is as frequent
        ext: dict[str, int] = defaultdict(int)
        for s, c in counts.items():
            sub = s[1:]
            if c > ext[sub]:
                ext[sub] = c
        return Counter({s: c for s, c in counts.items() if ext.get(s, 0) < c and not _DIGITS.match(s)})

    # -- evidence -----------------------------------------------------------------------------
    def _is_shaped(self, s: str) -> bool:
        """``<name><brand suffix>`` with a short name that is not an ordinary word, or a domain."""
        m = self._shape_end.search(_core(s, self._shape_end))
        if not m:
            return False
        if m.start() == 0:
            return "." in s  # a bare domain is a shape of its own; a bare suffix is not
        if _LATIN_WORD.fullmatch(s[: m.start()]):
            return False  # a Latin word before 娱乐 is a company's own name (Maroo娱乐), not a brand tag
        name = _LATIN_HEAD.sub("", s[: m.start()])
        if not name:
            return bool(_LATIN_HEAD.match(s))
        name = _BRACKETED.sub("", name)
        # brand names are short and carry no grammar: "只限於会员", "脸红的神仙游戏" are phrases; a Latin
        # or digit run inside the name (X betway 体育, X J9 会) counts as one unit
        units = len(name) if name.isascii() else len(_ALNUM_RUN.sub("a", name))
        if units > 6 or _FUNCTION.search(name) or (units < 2 and not _LATIN_HEAD.match(s)):
            return False
        # a phrase of the language (开设赌场, 支付平台) opens with a common verb; a name does not
        return name not in self._common and not table().opens_with_verb(name)

    def _isolated(self, text: str, s: str, n_occ: int) -> bool:
        """Out of place: the token's name (and its joint with the suffix) occurs only inside the token.

        ``鸿运娱乐城`` in a government press release: 鸿运 and 运娱 appear nowhere else. ``重大平台``
        in the same release is not out of place: 重大 also opens 重大项目.
        """
        if "." in s:  # a domain: its first label (after www)
            label = next((x for x in s.split(".") if x.lower() != "www"), s)
            return text.count(label) <= n_occ * s.count(label)
        cut = len(_core(s, self._shape_end))
        while (m := self._shape_end.search(s[:cut])) and m.start() > 0:
            cut = m.start()  # strip stacked suffixes: 万博|体育|官网
        # the name plus the first character of the suffix, without a bracketed part: (中国) is a word
        # of many articles, not of the brand
        stem = _BRACKETED.sub("", s[: min(cut + 1, len(s))])
        if len(stem) <= 2:
            pieces = list(stem)
        else:
            pieces = [g for g in (stem[i : i + 2] for i in range(len(stem) - 1)) if not g.isascii()]
            pieces += _ALNUM_PIECE.findall(stem)
        return _only_inside(text, s, n_occ, pieces)

    @staticmethod
    def _new_pairs_isolated(text: str, s: str, n_occ: int) -> bool:
        """Every Han pair of ``s`` that is no pair of the language's words (a joint, ``播家``) occurs only
        inside ``s``: the words a shape was grown by (``直播``) may be words of any article, but an
        event named after the article's own words (its joints also found in those words elsewhere) is
        not a new string."""
        lang = table()
        pieces = {g for g in (s[i : i + 2] for i in range(len(s) - 1))
                  if not g.isascii() and not lang.pair(g)}
        return _only_inside(text, s, n_occ, pieces)

    def _occurrences(self, text: str, s: str) -> list[int]:
        out, p = [], text.find(s)
        domain = "." in s
        while p >= 0:
            # a domain inside a URL or an address is a citation: never cut it out of its link
            e = p + len(s)
            if not (domain and (text[p - 1 : p] in ("/", ".", "@", ":") or text[e : e + 1] in ("/", "@"))):
                out.append(p)
            p = text.find(s, p + len(s))
        return out

    def _extension(self, text: str, s: str, occ: list[int]) -> tuple[str, list[int]] | None:
        """``s`` grown by the word characters all its copies share on each side, when there are some.

        Only Han, Latin letters and digits, no grammatical character, not across a word a name takes
        after it (``data/name_contexts.txt``, right side, two characters or more), up to ``max_len``;
        None when no copy-wide neighbour exists or when the grown string sits in one passage quoted
        again.
        """
        n = len(text)
        left = right = 0
        verbs = tuple(w for w in self._right if len(w) > 1)
        while len(s) + left + right < self.max_len:
            nxt = {text[p + len(s) + right] if p + len(s) + right < n else "\n" for p in occ}
            c = next(iter(nxt))
            if len(nxt) > 1 or not _WORDISH.match(c) or _GRAMMAR.match(c):
                break
            if text.startswith(verbs, occ[0] + len(s) + right):
                break  # a name's unit ends before the word a name takes (X发布…, X表示, X大会)
            right += 1
        while len(s) + left + right < self.max_len:
            prv = {text[p - left - 1] if p - left > 0 else "\n" for p in occ}
            c = next(iter(prv))
            if len(prv) > 1 or not _WORDISH.match(c) or _GRAMMAR.match(c):
                break
            left += 1
        if not (left or right):
            return None
        ext_occ = [p - left for p in occ]
        ext = text[ext_occ[0] : ext_occ[0] + len(s) + left + right]
        if len({(text[p - 8 : p], text[p + len(ext) : p + len(ext) + 8]) for p in ext_occ}) < 2:
            return None
        return ext, ext_occ

    def _score(self, text: str, s: str, occ: list[int], hinted: bool,
               meets: dict[str, bool] | None = None, shaped: str = "") -> tuple[float, list[str]]:
        """``meets`` caches, per document, whether a character pair occurs in the text (one scan each);
        ``shaped``: the brand-like shape ``s`` was grown from by its copy-wide neighbours
        (:meth:`_extension`); whether its name occurs elsewhere is asked of that shape, since the
        shared neighbours (``直播`` after ``X体育``) are ordinary words of any article."""
        meets = {} if meets is None else meets
        why: list[str] = []
        score = 0.0
        shape = shaped or self._is_shaped(s)
        if shape:
            score += 3.0
            why.append("brand-like shape")
            m = self._shape_end.search(_core(s, self._shape_end))
            if m and _TAGGED.match(s[: m.start()]):
                score += 0.5
                why.append("capital-letter tag before the name")
        if hinted and self._isolated(text, s, len(occ)):
            score += 3.0
            why.append("differs between two copies of a paragraph")
        kinds: set[str] = set()
        attached = 0
        pairs = table().pairs.get
        lefts: Counter[str] = Counter()
        rights: Counter[str] = Counter()
        splits = 0
        n = len(text)
        for p in occ:
            e = p + len(s)
            a = text[p - 1] if p > 0 else "\n"
            b = text[e] if e < n else "\n"
            lefts[a] += 1
            rights[b] += 1
            line_start = a == "\n" or (a.isspace() and text[text.rfind("\n", 0, p) + 1 : p].isspace())
            if line_start:
                kinds.add("line start")
            elif a in CLAUSE_PUNCT or a.isspace():
                kinds.add("clause start")
            if b in CLAUSE_PUNCT or b == "\n":
                kinds.add("before punctuation")
            elif not line_start and a not in CLAUSE_PUNCT and not a.isspace():
                kinds.add("inside a sentence")
                ab = a + b
                if ab not in meets:
                    meets[ab] = ab in text  # once per pair, not once per occurrence: linear in the text
                if meets[ab]:
                    splits += 1
            if brand_free.tied(text, p, e, self._left, self._right, pairs):
                attached += 1
        if len(kinds) > 1:
            score += 0.75 * (len(kinds) - 1)
            why.append("in " + ", ".join(sorted(kinds)))
        if len(occ) >= 3:
            score += 0.5
        elif len(occ) == 2 and shape and all(brand_free.in_sentence(text, p, p + len(s)) for p in occ) \
                and not _same_topic(text, occ, len(s)):
            # two copies, each inside a sentence of running text (neither in a menu, a list line nor
            # quotes), in passages that do not share their words: pasted into two unrelated sentences
            score += 0.5
            why.append("two copies inside sentences of unrelated passages")
        if len(occ) >= 5:
            score += 0.5
        if splits:
            score += min(1.0, 0.5 * splits)
            why.append(f"splits {splits} word(s)")
        if attached >= 2 and attached / len(occ) >= 0.5:
            score -= 3.0
            why.append("tied to its sentence (particles/verbs around it)")
        for side, ctr in (("right", rights), ("left", lefts)):
            ch, c = ctr.most_common(1)[0]
            if c >= 2 and c / len(occ) >= 0.6 and not (ch in CLAUSE_PUNCT or ch.isspace()):
                score -= 4.0
                why.append(f"part of a longer unit (constant {side} neighbour {ch!r})")
        if self._isolated(text, shaped or s, len(occ)) and (
                not shaped or self._new_pairs_isolated(text, s, len(occ))):
            score += 1.0
            why.append("its parts occur nowhere else in the text")
        else:
            score -= 2.0
            why.append("its parts are words of the article")
        if not (shape or hinted):
            score = min(score, self.threshold - 0.5)  # position alone never removes
        return score, why

    # -- candidates without a suffix list, scored by the fitted model ---------------------------
    def free_rows(self, text: str, skip: Iterable[str] = (),
                  han: str | None = None) -> list[tuple[str, list[int], list[float]]]:
        """Candidates that open or close several runs (no suffix list), with their evidence features;
        with ``han`` (``text`` with what earlier filters removed blanked out, :func:`_kept_text`) and
        ``free="mixed"``, the pure-Han ones of :meth:`_han_rows`, read in ``han``, too."""
        skip = set(skip)
        lang = table()
        first = len(text) - len(text.lstrip())
        title_end = text.find("\n", first)
        title_end = len(text) if title_end < 0 else title_end
        rows = []
        counts: dict[str, int] = {}
        for s in brand_free.candidates(text, self.max_len, mixed_only=self.free == "mixed"):
            if s in skip or len(s) < self.min_len or _DIGITS.match(s) or _GRAMMAR.search(s):
                continue  # (a name carries no grammar: X发布的数据显示 is a name and a phrase)
            if len(_HAN_CHAR.findall(s)) < 2:
                continue  # one Han character: a word (B超, K线) or a measure (为20mm), no name
            if all(lang.pair(s[i : i + 2]) for i in range(len(s) - 1)):
                continue  # every pair of it is a pair of the language (记者, 湖南, 消费者): no invented name
            k = text.count(s)
            if k < 2:
                continue
            # out of place: its pieces (Han pairs, Latin/digit runs) occur only inside it; a
            # generic ending (在线, 游戏) may occur elsewhere, so half of them must
            parts = list(s) if len(s) == 2 else [g for g in (s[i : i + 2] for i in range(len(s) - 1))
                                                 if not g.isascii()]
            parts += _ALNUM_PIECE.findall(s)  # (a single letter, F, is in many words: no piece of a name)
            # (the share of pieces alone must be 1.0: the first piece found elsewhere settles it,
            # and the pieces after it are not counted)
            isolated = 1.0 if parts else 0.0
            for g in parts:
                c = counts.get(g)
                if c is None:
                    c = counts[g] = text.count(g)
                if c > k * s.count(g):
                    isolated = 0.0
                    break
            if isolated < 1.0:
                continue
            occ = self._occurrences(text, s)
            if len(occ) < 2:
                continue
            if len({(text[p - 8 : p], text[p + len(s) : p + len(s) + 8]) for p in occ}) < 2:
                continue  # one passage quoted twice, not a recurrence
            if _cuts_latin(text, occ, len(s)) or _same_word_neighbour(text, occ, len(s)):
                continue  # (a word neighbour every copy shares: a piece of a longer passage written again)
            if len(occ) == 2:
                # two copies share an end character by chance as easily as by being one name: one that,
                # in both copies, joins the next (or previous) character as a pair of the language while
                # it joins its own neighbour inside as none (集团|农机, 集团|农民) is the sentence's
                t = _chance_ends(text, s, occ, lang)
                if t != s:
                    if len(t) < self.min_len or text.count(t) != 2:
                        continue
                    occ = [p + s.index(t) for p in occ]
                    s = t
            x = brand_free.features(text, s, occ, lang, shape=self._is_shaped(s), left_ctx=self._left,
                                    right_ctx=self._right, title_end=title_end, isolated=isolated)
            rows.append((s, occ, x))
        if han is not None and self.free == "mixed":
            rows += self._han_rows(han, skip, title_end)
        return rows

    def _han_rows(self, text: str, skip: set[str],
                  title_end: int) -> list[tuple[str, list[int], list[float]]]:
        """Pure-Han candidates (:func:`.brand_free.han_candidates`) seen three times or more, out of
        place (each of their character pairs occurs only inside them), not a piece of a longer
        string, with their features."""
        lang = table()
        counts: dict[str, int] = {}
        rows = []
        for s in brand_free.han_candidates(text, lang, _HAN_MAX):
            # (two Han characters no dictionary holds are as often a new word, 跨界, as a name; a
            # name carries no function word, 才发现 is a phrase)
            # (a function character inside the word a name ends with, 在 of 在线, is that word's)
            if s in skip or len(s) < max(3, self.min_len) or _HAN_FUNCTION.search(
                    s[:-2] if lang.pairs.get(s[-2:], 0) else s):
                continue
            parts = [s[i : i + 2] for i in range(len(s) - 1)]
            if all(lang.pairs.get(g, 0) for g in parts):
                continue
            k = text.count(s)
            if k < 3:
                continue
            isolated = True
            for g in parts:
                c = counts.get(g)
                if c is None:
                    c = counts[g] = text.count(g)
                if c > k * s.count(g):
                    isolated = False  # the pair occurs outside the candidate too
                    break
            if not isolated:
                continue
            occ = self._occurrences(text, s)
            e = len(s)
            if len(occ) < 3 or len({(text[p - 8 : p], text[p + e : p + e + 8]) for p in occ}) < 2:
                continue
            if _same_word_neighbour(text, occ, e) or _own_lines(text, occ, e):
                continue  # a piece of a longer string, or a heading (a line of its own every time)
            x = brand_free.features(text, s, occ, lang, shape=self._is_shaped(s), left_ctx=self._left,
                                    right_ctx=self._right, title_end=title_end, isolated=1.0)
            rows.append((s, occ, x))
        return rows

    def _free_rows_windowed(self, text: str, skip: Iterable[str],
                            han: str | None = None) -> list[tuple[str, list[int], list[float]]]:
        """:meth:`free_rows` over windows of about ``_WINDOW`` characters cut at line ends.

        Each candidate is counted in its window: linear in the text, where counting every
        candidate over a long document grew with its square. An article fits in one window.
        """
        if len(text) <= _WINDOW * 1.5:
            return self.free_rows(text, skip, han)
        skip = set(skip)
        rows, start = [], 0
        while start < len(text):
            end = text.find("\n", start + _WINDOW)
            end = len(text) if end < 0 or len(text) - end < _WINDOW // 2 else end + 1
            sub = self.free_rows(text[start:end], skip, None if han is None else han[start:end])
            rows += [(s, [p + start for p in occ], x) for s, occ, x in sub]
            start = end
        return rows

    # -- promotional insertions longer than a token (brand_promo) --------------------------------
    @staticmethod
    def _promo(text: str) -> list[tuple[int, int, str, str, str]]:
        found = [(s, e, seg, "brand.link_run", "URLs glued one after another (a link farm)")
                 for s, e, seg in brand_promo.link_runs(text)]
        found += [(s, e, seg, "brand.contact_segment",
                   "a self-labelled contact number repeated in different places, glued to the text")
                  for s, e, seg in brand_promo.contact_segments(text)]
        return sorted(found, key=lambda t: (t[0], -t[1]))

    # -- find ---------------------------------------------------------------------------------
    @staticmethod
    def _match_text(doc: Document) -> str:
        """``match_text(doc.text)``: width-folded for matching (same length, offsets index the input).

        :func:`.brand_lang.match_text` maps each character on its own, and a later pass's text is
        the first pass's with spans cut out (a subsequence of its characters): when the first pass's
        text was its own match text (no character to fold, the common case), so is every later one."""
        first = doc.hints.get("first_pass")
        if first is not None and first.get("brand_plain"):
            return doc.text
        text = match_text(doc.text)
        if first is None:
            doc.hints["brand_plain"] = text == doc.text
        return text

    def suffix_scored(self, text: str, hints: Counter[str] | None = None) -> tuple[list[tuple], set[str]]:
        """The suffix path's scored candidates ``(score, length, s, occ, why)`` (with ``hints``, the copy
        differences of ``doc.hints["inserted_tokens"]``), and the strings it leaves the free path
        none of: its candidates, less those it scored under the threshold with Latin letters or joiners
        in them (``X<code>电竞`` seen twice in one kind of place: the free path's scorer reads them too),
        and the copy differences it scores (one it drops, seen twice without a shape, stays a
        free-path candidate)."""
        hints = Counter() if hints is None else hints
        cands = self._candidates(text)
        skip = set(cands)
        for tok in hints:
            if self.min_len <= len(tok) <= self.max_len:
                cands[tok] = max(cands[tok], 2)
        scored = []
        meets: dict[str, bool] = {}
        for s in cands:
            hinted = s in hints
            if not hinted and not self._is_shaped(s):
                continue
            occ = self._occurrences(text, s)
            if len(occ) < 2 or (hinted and len(occ) < 3 and not self._is_shaped(s)):
                continue  # a one-off edit between two copies is not yet a recurring injection
            if not hinted and len({(text[p - 8 : p], text[p + len(s) : p + len(s) + 8]) for p in occ}) < 2:
                continue  # every occurrence inside the same words: one passage quoted twice, not a recurrence
            skip.add(s)
            s0 = s
            ext = self._extension(text, s, occ) if not hinted else None
            if ext is not None:
                # every copy continues the same way (X赌场 always followed by 美高梅): the unit is the
                # longer string, judged as a whole; a name (X体育大会) is then tied to its sentences
                shape_s, (s, occ) = s, ext
                score, why = self._score(text, s, occ, hinted, meets, shaped=shape_s)
                why.insert(0, "a brand-like shape inside a longer unit every copy shares")
            else:
                score, why = self._score(text, s, occ, hinted, meets)
            if score < self.threshold and not hinted and brand_free.model_key(s0, "mixed") == "mixed":
                skip.discard(s0)
            scored.append((score, len(s), s, occ, why))
        return scored, skip

    def find(self, doc: Document) -> list[Removal]:
        text = self._match_text(doc)
        scored, skip = self.suffix_scored(text, doc.hints.get("inserted_tokens", Counter()))
        # the candidates without a suffix list are read once, on the fuller text of the first pass
        # (the second pass reads the same strings less what was removed); the pure-Han ones only in
        # the text the filters before this one kept (a paragraph pasted twice and cut as a copy makes
        # every clause of it recur, which is no evidence)
        if self.free != "off" and not doc.hints.get("second_pass"):
            models = brand_free.model()
            han = _kept_text(text, doc.removals)
            for s, occ, x in self._free_rows_windowed(text, skip, han):
                key = brand_free.model_key(s, self.free)
                m = models.get(key)
                if m is None:
                    continue
                prob = brand_free.probability(x, m)
                if prob >= m["annotate"]:
                    sure = prob >= m["threshold"] and brand_free.removable(x, key) and (
                        len(occ) != 2 or _two_copies_sure(text, s, occ)) and (
                        key != "han" or x[_SPLITS] > 0 or not _one_passage(text, occ, len(s)))
                    score = self.threshold + prob if sure else self.threshold - 1.0
                    why = [f"fitted evidence without a suffix list p={prob:.2f}"]
                    scored.append((score, len(s), s, occ, why))
        scored.sort(key=lambda t: (-t[0], -t[1], t[2]))
        taken = bytearray(len(text))  # (a byte a character: a list of bools took eight)
        out: list[Removal] = []
        if self.promo:
            for s0, e0, seg, code, pwhy in self._promo(text):
                if any(taken[s0:e0]):
                    continue
                taken[s0:e0] = b"\x01" * (e0 - s0)
                if not doc.is_removed(s0, e0):
                    reason = f"promotional insertion {seg!r}: {pwhy}"
                    out.append(self.span(doc, s0, e0, reason, 1.0, code=code))
        for score, _, s, occ, why in scored:
            free = [p for p in occ if not any(taken[p : p + len(s)])]
            if not free:
                continue
            reason = f"injected token {s!r} x{len(occ)}: " + "; ".join(why)
            conf = min(1.0, score / (self.threshold + 2))
            if score >= self.threshold:
                for p in free:
                    e = p + len(s)
                    if e < len(text) and text[e] in _COLONS and not taken[e] and _at_line_start(text, p):
                        e += 1  # the token was a line's label (X：…): the line opens with no colon left alone
                    for q in range(p, e):
                        taken[q] = 1
                    if not doc.is_removed(p, e):
                        out.append(self.span(doc, p, e, reason, conf, code="brand.recurring_token"))
            elif score >= self.threshold - 1.5:
                self.annotate(doc, free[0], free[0] + len(s), "kept (weak evidence): " + reason, conf,
                              code="brand.weak")
        if self.promo and out:
            out = self._label_lines(doc, text, taken, out)
        return out

    def _label_lines(self, doc: Document, text: str, taken: bytearray, out: list[Removal]) -> list[Removal]:
        """A line that is a removed brand plus at most a label (``来源：<brand>-<domain>``,
        ``© 2024 <brand> 版权所有``) goes whole: a promotional line, not a sentence with a token in it."""
        lines: dict[int, int] = {}
        for r in out:
            if _BARE_HOST.fullmatch(r.text):
                continue  # a host alone (a cited site, an English page's own domain) says nothing of its line
            ls = text.rfind("\n", 0, r.start) + 1
            if ls not in lines:
                le = text.find("\n", r.end)
                lines[ls] = len(text) if le < 0 else le
        whole = []
        for ls, le in lines.items():
            # the line's characters not taken, without whitespace (``split()`` drops what ``isspace`` is)
            rest = "".join("".join(compress(text[ls:le], map(operator.not_, taken[ls:le]))).split())
            if len(rest) > _MAX_REST or not _WORDISH.search(rest) or not (
                    _LABEL_REST.fullmatch(rest) or ("©" in rest and _COPYRIGHT_REST.fullmatch(rest))):
                continue  # (a line of tokens and punctuation only: the tokens go, the separators stay)
            s, e = ls, le
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if doc.removed_chars(s, e) == 0:
                whole.append((s, e))
        if not whole:
            return out
        out = [r for r in out if not any(s <= r.start < e for s, e in whole)]
        for s, e in whole:
            out.append(self.span(doc, s, e, "promotional line: a removed brand and at most a label "
                                 f"({text[s:e][:40]!r})", 1.0, code="brand.promo_line"))
        return sorted(out, key=lambda r: r.start)
