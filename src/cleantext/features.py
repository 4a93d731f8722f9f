"""Features of units and of document edges for the boilerplate segmenter, each defined once.

A unit (:mod:`cleantext.units`) gets shallow features of its own text (length, script shares,
terminal punctuation, date/time shapes of every format, bullets, links and contacts, ``label：``
shape, separators, lexicon hits) and a learned one, the n-gram score (the fitted wording of chrome
and footers, :func:`ngram_score`). The segmenter decides on *edges*, not on units one by one: real
pages glue their furniture to the article's first and last sentences, so the question asked is
"is everything from unit ``s`` to the end furniture?" (and the same for the units between the title
and unit ``e``). An edge candidate gets the mean and the maximum of the shallow features over the
units it would remove, the features of its first unit and of the unit it would keep next to it,
and how much of the document it would take. No feature reads line breaks, so a page whose body is
one long line and a page with a line per paragraph look alike. Lexicon hits are features, never
gates: the fitted trees decide what they are worth.
"""

from __future__ import annotations

import collections
import math
import operator
from collections.abc import ItemsView, Iterator
from functools import cache, lru_cache
from itertools import chain, compress, repeat
from typing import Protocol

import regex

from .textutil import lexicon
from .units import Unit

# character classes as runs: characters are counted by run (:func:`_chars`), fewer match objects
_HAN = regex.compile(r"\p{Han}+")
_LATIN = regex.compile(r"[A-Za-z]+")
_DIGIT = regex.compile(r"\d+")
_PUNCT = regex.compile(r"[\p{P}\p{S}]+")
_TERM_FULL = frozenset("。！？；…")
_TERM_ASCII = frozenset("!?;.")
_CLOSERS = "”」』\"'’）)】]"
_DATE_Y = regex.compile(r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
_DATE_MD = regex.compile(r"(?<!\d)\d{1,2}\s*月\s*\d{1,2}\s*日|(?<![\d-])\d{1,2}[-/]\d{1,2}(?![\d-])")
_TIME = regex.compile(r"(?<!\d)\d{1,2}[:：]\d{2}(?!\d)")
_REL = regex.compile(r"(?<!\d)\d+\s*(?:秒|分钟|小时|天|周|个月|月|年)前|昨天|前天|刚刚|今天|(?<!\d)\d+评")
_BULLET = regex.compile(r"^[•·▪◆◇■□●○▶►▸▍|>»*\-—]")
_NUMBER = regex.compile(
    r"^(?:\d{1,2}\s*[.、)）:：]|[（(]\s*\d{1,2}\s*[)）]|[（(]?[一二三四五六七八九十]{1,3}[)）、])")
# (?<!...) before a leading run: a match starts only where the run starts, so a long run is scanned once
_URL = regex.compile(r"https?://|www\.|(?<![\w-])[\w-]+\.(?:com|cn|net|org|cc|html?)\b", regex.IGNORECASE)
_MAIL = regex.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+")
_PHONE = regex.compile(r"(?<!\d)(?:0\d{2,3}-?\d{7,8}|1[3-9]\d{9}|400-?\d{3}-?\d{4})(?!\d)")
_ICP = regex.compile(r"ICP|备案|公网安备|©|copyright", regex.IGNORECASE)
_LABEL = regex.compile(r"^[【\[（(]?\s*[\p{Han}A-Za-z]{1,7}\s*[】\]）)]?\s*[:：丨|]")
_LABELS_IN = regex.compile(r"[\p{Han}]{2,5}\s*[:：](?!\d)")
_SEP = regex.compile(r"[|｜>›»/·•]|&gt;|\s-\s|_")
_BRACKET = regex.compile(r"[【】\[\]]")
_QUOTE = regex.compile(r"[“”\"「」]")
_SPEECH = regex.compile(r"(?:表示|指出|认为|提醒|介绍|强调|透露|坦言|建议|呼吁|告诉记者|说|称|问)\s*[,，:：]")
_ARROWS = regex.compile(r"[↓↑→←▼▲►◄➤✔☞?]{2,}|\?\s*\?")
_FIRST_PERSON = regex.compile(r"我们|大家|你们|您|朋友们|小编")
_CALL = regex.compile(r"点击|关注|扫码|扫描|长按|二维码|转发|分享|点赞|在看|订阅|公众号|下载|评论|留言")

#: Names of the shallow (own-text) features, in order.
SHALLOW = (
    "bias", "loglen", "len<=4", "len<=10", "len<=20", "len<=40", "len<=80", "len>160",
    "han", "latin", "digit", "punct", "term_full", "term_ascii", "ends_colon", "ends_comma",
    "commas", "sentences", "date_y", "date_md", "time", "relative", "date_only", "bullet", "number",
    "url", "mail", "phone", "icp", "label", "labels_in", "seps", "brackets", "quotes", "speech",
    "arrows", "first_person", "call", "lex_chrome_label", "lex_chrome_line", "lex_footer",
    "lex_vocab_self", "lex_vocab_legal", "lex_vocab_source", "lex_vocab_contact", "lex_vocab_archive",
    "lex_tail_heading",
)
#: Names of a unit's features: the shallow ones, the fitted n-gram score (:func:`ngram_score`) and how
#: much of its wording the rest of the document lacks (:func:`novelty`).
UNIT = (*SHALLOW, "ngram", "novel")
_DIGITS = regex.compile(r"\d")


def bigrams(text: str) -> dict[str, None]:
    """The distinct character bigrams of ``text`` for :func:`ngram_score`, in order of first
    appearance: lower-cased, digits as ``0``, none spanning whitespace."""
    t = _DIGITS.sub("0", text.lower())
    return dict.fromkeys(chain.from_iterable(map(operator.add, w, w[1:]) for w in t.split()))


def ngram_score(text: str, table: dict[str, float]) -> float:
    """The mean fitted weight of ``text``'s bigrams: > 0 where its wording is that of page chrome and
    footers in the fitting data, < 0 where it is that of article text, 0 when unknown. The table is a
    learned lexicon (``bench/fit_segmenter.py``): no phrase in it is a gate, the trees weigh it."""
    grams = bigrams(text)
    if not grams:
        return 0.0
    return sum(map(table.get, grams, repeat(0.0))) / len(grams)  # summed in text order: reproducible


# runs of two Han characters or more of the BMP (each one UTF-16 code unit: see :func:`novelty`);
# a unit's Han bigrams are the pairs inside these runs
_HAN_PAIR = regex.compile(r"[\p{Han}&&[\x00-\uffff]]{2,}", regex.V1)


def _pair_counts(text: str) -> collections.Counter[int]:
    """How often each pair of adjacent characters occurs in ``text`` (non-empty), keyed by its two
    UTF-16 code units read as one 32-bit integer: two C-level passes over views of the encoded text
    (the pairs from even offsets, then from odd ones), no string per pair (which would cost twice as
    much) and no copy of the text."""
    b = text.encode("utf-16-le", "surrogatepass")
    m = len(b) // 2  # code units
    view = memoryview(b)
    out = collections.Counter(view[: 4 * (m // 2)].cast("I"))
    out.update(view[2 : 2 + 4 * ((m - 1) // 2)].cast("I"))
    return out


_GAP = "\uffff"  # a noncharacter between Han runs: the pairs across it are found nowhere in a page


def page_pairs(lines: list[str]) -> collections.Counter[int]:
    """The pair counts of a page's kept ``lines`` that :func:`unit_novelty` reads."""
    return _pair_counts("\n".join(lines) or "\n")


def page_pairs_after(old_lines: list[str], old: collections.Counter[int], lines: list[str], *,
                     reuse: bool = False) -> collections.Counter[int]:
    """:func:`page_pairs` of ``lines`` from ``old`` = ``page_pairs(old_lines)``, counting only the lines
    that differ (the pipeline's second pass reads the page again without some lines, or with a few
    lines changed): equal to ``page_pairs(lines)`` on every key without a line break (a key may be
    left at 0), the only keys :func:`unit_novelty` reads (its keys are pairs of Han characters and
    ``_GAP``).

    Exact there, as the pairs of ``"\n".join(lines)`` (non-empty lines) without a break are the
    pairs inside each line, which depend on the multiset of lines only: new = old - pairs(lines gone)
    + pairs(lines added), as multisets (joined by breaks, the pieces add no other pair). Counted
    afresh when the lines that differ are over a third of ``lines``' length (then this costs more:
    it adds and takes away key by key) or when a line is empty. With ``reuse`` (the caller gives
    ``old`` up) ``old`` itself is updated and returned, not a copy.
    """
    before, after = collections.Counter(old_lines), collections.Counter(lines)
    gone, added = list((before - after).elements()), list((after - before).elements())
    if (not old_lines or not lines or "" in after or "" in before
            or 3 * (sum(map(len, gone)) + sum(map(len, added))) > sum(map(len, lines))):
        return page_pairs(lines)
    out = old if reuse else collections.Counter(old)
    if gone:
        out.subtract(_pair_counts("\n".join(gone)))
    if added:
        out.update(_pair_counts("\n".join(added)))
    return out


def unit_novelty(page: collections.Counter[int], text: str) -> float:
    """The share of ``text``'s distinct Han bigrams (pairs inside its Han runs) that occur nowhere else in
    the page whose :func:`page_pairs` are ``page`` (0.0 without any): see :func:`novelty`."""
    own = _own_pairs(text)
    if own is None:
        return 0.0
    items, distinct = own
    # the pairs the page holds exactly as often as the text: (key, count) items both hold (one C-level
    # intersection; a count is >= 1, so a key the page lacks, or holds at 0, is no match)
    return len(items & page.items()) / distinct


@lru_cache(maxsize=4096)
def _own_pairs(text: str) -> tuple[ItemsView[int, int], int] | None:
    """What :func:`unit_novelty` reads of ``text`` whatever the page: the (key, count) items of the pair
    counts of its Han runs joined by ``_GAP`` and the number of its distinct Han bigrams (None without
    any). Cached: the pipeline's second pass reads the same edge units against another page."""
    runs = _HAN_PAIR.findall(text)
    if not runs:
        return None
    own = _pair_counts(_GAP.join(runs))
    # the pairs across _GAP: in no page, so never counted new (the page holds them 0 times)
    across = len({r[-1] for r in runs[:-1]}) + len({r[0] for r in runs[1:]})
    return dict(own).items(), len(own) - across


def novelty(lines: list[str], texts: list[str]) -> list[float]:
    """Per text of ``texts`` (units of the page whose kept lines are ``lines``), the share of its
    distinct Han bigrams (pairs inside its runs of Han characters) that occur nowhere else in the page
    (0.0 without any).

    A related list's headlines are about other things: their wording is new to the page. An
    article's own closing lines (a dated timeline, a list of accounts, a sign-off naming its
    subject) repeat the words of its body. Topic, not template: it holds on any site.

    >>> [round(v, 2) for v in novelty(["市政府召开防汛会议", "防汛物资已经到位", "明星演唱会门票开售"],
    ...                                ["防汛物资已经到位", "明星演唱会门票开售"])]
    [0.86, 1.0]
    """
    page = page_pairs(lines)
    return [unit_novelty(page, t) for t in texts]


@cache
def _lexicons() -> dict[str, regex.Pattern[str]]:
    labels = [e.partition("=")[0].strip() for e in lexicon("chrome_labels")]
    out = {
        "chrome_label": regex.compile(
            "(?:" + "|".join(regex.escape(k) for k in sorted(labels, key=len, reverse=True)) + r")\s*[:：]"),
        "chrome_line": regex.compile("|".join(f"(?:{p})" for p in lexicon("chrome_lines")), regex.IGNORECASE),
        "footer": regex.compile("|".join(f"(?:{p})" for p in lexicon("footer_markers")), regex.IGNORECASE),
        "tail_heading": regex.compile("|".join(f"(?:{p})" for p in lexicon("tail_headings")),
                                      regex.IGNORECASE),
    }
    for entry in lexicon("footer_vocabulary"):
        topic, _, pattern = entry.partition("=")
        out["vocab_" + topic.strip()] = regex.compile(pattern.strip(), regex.IGNORECASE)
    return out


def _n(rx: regex.Pattern[str], s: str) -> int:
    return len(rx.findall(s))


def _chars(runs: regex.Pattern[str], s: str) -> int:
    """How many characters of ``s`` a one-character class matches, counted by its runs (``X+``)."""
    return sum(map(len, runs.findall(s)))


@lru_cache(maxsize=4096)
def script_shares(text: str) -> tuple[float, float]:
    """The "han" and "latin" features of :func:`shallow` alone (the same values, computed the same
    way), for a caller that needs no other."""
    n = len(text)
    return _chars(_HAN, text) / n, _chars(_LATIN, text) / n


@lru_cache(maxsize=4096)
def shallow(text: str) -> tuple[float, ...]:
    """The own-text features of one unit (:data:`SHALLOW` order); cached, as the pipeline's second
    pass sees the same edge units again."""
    n = len(text)
    lex = _lexicons()
    han = _chars(_HAN, text)
    last = text.rstrip(_CLOSERS)[-1:] if text.rstrip(_CLOSERS) else ""
    # patterns that cannot match without a digit, a colon, a dot or an "@" are not run without one
    digits = _chars(_DIGIT, text)
    colon = ":" in text or "：" in text
    date_y = _n(_DATE_Y, text) if digits else 0
    date_md = _n(_DATE_MD, text) if digits else 0
    tm = _n(_TIME, text) if digits else 0
    short = n <= 40
    return (
        1.0, math.log1p(n) / 5, float(n <= 4), float(n <= 10), float(n <= 20), float(n <= 40), float(n <= 80),
        float(n > 160),
        han / n, _chars(_LATIN, text) / n, digits / n, _chars(_PUNCT, text) / n,
        float(last in _TERM_FULL), float(last in _TERM_ASCII), float(last in ":："), float(last in ",，、"),
        min(text.count("，") + text.count(","), 6) / 6, min(sum(text.count(c) for c in "。！？"), 5) / 5,
        min(date_y, 3) / 3, min(date_md, 3) / 3, min(tm, 3) / 3, min(_n(_REL, text), 3) / 3,
        float((date_y or date_md or tm) and han <= 2 and n <= 30),
        float(bool(_BULLET.match(text))), float(bool(_NUMBER.match(text))),
        float(("." in text or "://" in text) and bool(_URL.search(text))),
        float("@" in text and bool(_MAIL.search(text))), float(bool(digits and _PHONE.search(text))),
        float(bool(_ICP.search(text))), float(bool(_LABEL.match(text))),
        min(_n(_LABELS_IN, text), 4) / 4 if colon else 0.0,
        min(_n(_SEP, text), 6) / 6, min(_n(_BRACKET, text), 4) / 4, float(bool(_QUOTE.search(text))),
        float(bool(_SPEECH.search(text))), float(bool(_ARROWS.search(text))),
        float(bool(_FIRST_PERSON.search(text))), min(_n(_CALL, text), 3) / 3,
        min(_n(lex["chrome_label"], text), 3) / 3 if colon else 0.0,
        float(short and bool(lex["chrome_line"].search(text))),
        min(_n(lex["footer"], text), 3) / 3,
        float(bool(lex["vocab_self"].search(text))), float(bool(lex["vocab_legal"].search(text))),
        float(bool(lex["vocab_source"].search(text))), float(bool(lex["vocab_contact"].search(text))),
        float(bool(lex["vocab_archive"].search(text))),
        float(n <= 30 and bool(lex["tail_heading"].search(text))),
    )


_I_TERM = SHALLOW.index("term_full")
#: How many units from the end (suffix candidates) and from the start (prefix candidates) are tried.
SUFFIX_UNITS = 30
PREFIX_UNITS = 12
_EDGE_TAIL = ("log_units", "log_chars", "share", "log_chars_kept", "prose_share", "any_prose", "log_kept_len")
_HEAD_TAIL = ("log_units", "log_chars", "share", "prose_share", "any_prose", "title_like",
              "last_on_title_line", "next_on_title_line", "log_title_len")
#: Names of a suffix candidate's features, in order.
SUFFIX_NAMES = (*(f"mean.{n}" for n in UNIT), *(f"max.{n}" for n in UNIT),
                *(f"first.{n}" for n in UNIT), *(f"kept.{n}" for n in UNIT), *_EDGE_TAIL)
#: Names of a prefix candidate's features, in order.
PREFIX_NAMES = (*(f"mean.{n}" for n in UNIT), *(f"max.{n}" for n in UNIT),
                *(f"last.{n}" for n in UNIT), *(f"kept.{n}" for n in UNIT),
                *(f"title.{n}" for n in UNIT), *_HEAD_TAIL)


def _bigrams(s: str) -> set[str]:
    return {s[i : i + 2] for i in range(len(s) - 1)} if len(s) > 1 else {s}


def _jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


@lru_cache(maxsize=4096)
def _title_like(text: str, title: str) -> float:
    """How much unit ``text`` reads like the ``title``: the Jaccard similarity of their character
    bigrams, or 1.0 when it holds a title of 6 characters or more. Cached: the pipeline's second
    pass reads the same units against the same title."""
    return max(_jaccard(_bigrams(text), _bigrams(title)), float(len(title) >= 6 and title in text))


def _prose(n: int, row: tuple[float, ...]) -> bool:
    return n >= 25 and row[_I_TERM] > 0


Rows = tuple[list[int], list[list[float]]]
Row = tuple[int, list[float]]  # a candidate and its features


class UnitRows(Protocol):
    """Unit rows read by index: a list, or rows built when first read (the segmenter's)."""

    def __getitem__(self, i: int, /) -> tuple[float, ...]: ...


State = tuple[int, tuple]  # a candidate and the state its features are made of (SUFFIX_STATE, PREFIX_STATE)


def _grow(sm: list[float], mx: list[float], x: tuple[float, ...]) -> None:
    """Add one unit's row to the running sums and maxima (which start at 0.0), in place: only its
    non-zero features can change them (a unit has few)."""
    for i in compress(range(len(x)), x):
        v = x[i]
        sm[i] += v
        if v > mx[i]:
            mx[i] = v


def suffix_candidates(n: int) -> range:
    """The suffix candidates of ``n`` units, nearest the end first (unit 0, the title, never)."""
    return range(n - 1, max(1, n - SUFFIX_UNITS) - 1, -1)


def prefix_candidates(n: int) -> range:
    """The prefix candidates of ``n`` units (``e``: remove ``units[1:e]``), nearest the title first."""
    return range(2, min(n, PREFIX_UNITS) + 1)


def suffix_rows(units: list[Unit], sh: UnitRows, total: int) -> Rows:
    """Suffix candidates and their features: all of :func:`iter_suffix_rows`."""
    pairs = list(iter_suffix_rows(units, sh, total))
    return [s for s, _ in pairs], [x for _, x in pairs]


def prefix_rows(units: list[Unit], sh: UnitRows, total: int) -> Rows:
    """Prefix candidates and their features: all of :func:`iter_prefix_rows`."""
    pairs = list(iter_prefix_rows(units, sh, total))
    return [e for e, _ in pairs], [x for _, x in pairs]


def iter_suffix_rows(units: list[Unit], sh: UnitRows, total: int) -> Iterator[Row]:
    """Suffix candidates ``s`` (remove ``units[s:]``), nearest the end first, and their features, one
    at a time (a caller that stops early builds no more rows).

    ``sh`` holds the unit rows (:data:`UNIT`: :func:`shallow` and the n-gram score) of the last
    ``SUFFIX_UNITS + 1`` units at least, ``total`` is the length of the document's kept lines. Unit 0
    (the title) is never a candidate. Linear in the number of candidates: the aggregates grow one
    unit at a time (:func:`iter_suffix_states`; each row is made before the next state).
    """
    log1p = math.log1p
    for s, (sm, mx, x, kx, cnt, chars, tot, prose, kept) in iter_suffix_states(units, sh, total):
        yield s, [*[v / cnt for v in sm], *mx, *x, *kx,
                  log1p(cnt), log1p(chars), chars / tot, log1p(tot - chars), prose / cnt,
                  float(prose > 0), log1p(kept)]


def iter_prefix_rows(units: list[Unit], sh: UnitRows, total: int) -> Iterator[Row]:
    """Prefix candidates ``e`` (remove ``units[1:e]``, the title ``units[0]`` stays) and their features,
    one at a time (:func:`iter_prefix_states`)."""
    log1p = math.log1p
    for e, (sm, mx, x, kx, tx, cnt, chars, tot, prose, like, on, nxt, tlen) in iter_prefix_states(
            units, sh, total):
        yield e, [*[v / cnt for v in sm], *mx, *x, *kx, *tx,
                  log1p(cnt), log1p(chars), chars / tot, prose / cnt, float(prose > 0), like,
                  float(on), float(nxt), log1p(tlen)]


# The same rows, for a scorer that reads only some of their features (:func:`cleantext.trees.compiled`
# with ``exprs``): a candidate is given as the state its row is made of (``SUFFIX_STATE`` /
# ``PREFIX_STATE``, a tuple), and each feature as a Python expression over that state
# (``SUFFIX_EXPRS`` / ``PREFIX_EXPRS``, in the order of ``SUFFIX_NAMES`` / ``PREFIX_NAMES``): the same
# operations on the same numbers as :func:`iter_suffix_rows` / :func:`iter_prefix_rows`, so the same
# values (tests/test_fast_paths.py holds them equal). The segmenter's trees read under half of the
# features: the others are never computed, and no row list is built.
_K = len(UNIT)
#: The state of a suffix candidate: running sums and maxima, its first unit's row, the kept unit's
#: row, the count of units taken, their characters, the kept text's length (``total or 1``), the
#: count of prose units and the kept unit's length.
SUFFIX_STATE = "sm, mx, x, kx, cnt, chars, tot, prose, kept"
SUFFIX_EXPRS = (*(f"sm[{i}] / cnt" for i in range(_K)), *(f"mx[{i}]" for i in range(_K)),
                *(f"x[{i}]" for i in range(_K)), *(f"kx[{i}]" for i in range(_K)),
                "log1p(cnt)", "log1p(chars)", "chars / tot", "log1p(tot - chars)", "prose / cnt",
                "float(prose > 0)", "log1p(kept)")
#: The state of a prefix candidate: as a suffix's (``x`` the last unit taken, ``kx`` the next unit's
#: row), the title's row, the title likeness so far, whether the last unit taken and the next one
#: are on the title's line, and the title's length.
PREFIX_STATE = "sm, mx, x, kx, tx, cnt, chars, tot, prose, like, on, nxt, tlen"
PREFIX_EXPRS = (*(f"sm[{i}] / cnt" for i in range(_K)), *(f"mx[{i}]" for i in range(_K)),
                *(f"x[{i}]" for i in range(_K)), *(f"kx[{i}]" for i in range(_K)),
                *(f"tx[{i}]" for i in range(_K)),
                "log1p(cnt)", "log1p(chars)", "chars / tot", "prose / cnt", "float(prose > 0)", "like",
                "float(on)", "float(nxt)", "log1p(tlen)")
#: What the expressions call.
EXPR_SCOPE = {"log1p": math.log1p}


def iter_suffix_states(units: list[Unit], sh: UnitRows, total: int,
                       most: float = math.inf) -> Iterator[State]:
    """:func:`iter_suffix_rows` as states (:data:`SUFFIX_STATE`), without the candidates whose share
    of the kept text (the "share" feature) is over ``most``. A state holds the running sums and
    maxima themselves: it is read before the next one is made."""
    n = len(units)
    tot = total or 1
    sm = [0.0] * _K
    mx = [0.0] * _K
    cnt = chars = prose = 0
    for s in suffix_candidates(n):
        x = sh[s]
        u = units[s]
        m = u.end - u.start
        cnt += 1
        chars += m
        _grow(sm, mx, x)
        prose += _prose(m, x)
        if chars / tot <= most:
            k = units[s - 1]
            yield s, (sm, mx, x, sh[s - 1], cnt, chars, tot, prose, k.end - k.start)


def iter_prefix_states(units: list[Unit], sh: UnitRows, total: int,
                       most: float = math.inf) -> Iterator[State]:
    """:func:`iter_prefix_rows` as states (:data:`PREFIX_STATE`), as :func:`iter_suffix_states`."""
    n = len(units)
    if n < 2:
        return
    tot = total or 1
    sm = [0.0] * _K
    mx = [0.0] * _K
    cnt = chars = prose = 0
    t = units[0]
    title, tline, tlen = t.text, t.line, t.end - t.start
    like = 0.0
    zeros = (0.0,) * _K
    tx = sh[0]
    for e in prefix_candidates(n):
        u = units[e - 1]
        x = sh[e - 1]
        m = u.end - u.start
        cnt += 1
        chars += m
        _grow(sm, mx, x)
        prose += _prose(m, x)
        like = max(like, _title_like(u.text, title))
        if chars / tot <= most:
            nxt = e < n
            yield e, (sm, mx, x, sh[e] if nxt else zeros, tx, cnt, chars, tot, prose, like,
                      u.line == tline, nxt and units[e].line == tline, tlen)
