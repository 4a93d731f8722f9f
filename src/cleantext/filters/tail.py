"""Unrelated tail: "more news" and related-article blocks that run to the end of the document.

Such a block is recognised by its structure, not its topics (related items often share names with
the article): a run of items, each a headline, an optional snippet and a date line::

    更多相关新闻:                  <- optional heading
    某条新闻标题
    ...一段摘要
    2023-02-24 17:42:00
    另一条新闻标题
    2023-02-23 16:26:00

The block must reach the end of the document (ignoring lines earlier filters removed, and a footer
block below it, which :class:`ScraperFooter` removes after this filter) and hold at
least ``min_items`` dated items (fewer if a heading announces it). A heading such as 相关阅读 or
猜你喜欢 followed only by short headline lines is a tail too. A dated list inside the article (a
timeline followed by more prose) never reaches the end, so it stays.
"""

from __future__ import annotations

import re
from collections import Counter

import regex

from ..document import Document, Line
from ..features import novelty
from ..report import Removal
from ..textutil import DATE_RE, SENTENCE_END, ends_sentence, is_date_line, lexicon, lexicon_regex
from .base import Filter
from .footer import ScraperFooter

_TIME_LABEL = regex.compile(r"([:：]|[于在]|时间|日期|更新|生成|发布|存档|保存|抓取)\s*$")
_TRAILING_DATE = regex.compile(r"[\s(（\[【]*" + DATE_RE.pattern + r"\s*[)）\]】]?$")


# An item's stamp without a year, as lists print it: month-day (``11-01`` zero-padded, ``11月1日``, a
# clock time may follow) or a relative time (``3小时前``, ``昨天 14:20``, ``刚刚``); in English a month's
# name with its day and year (``March 1, 2026``, ``1 Mar. 2026``) or ``3 hours ago``. Date shapes, no
# words of any page; a bare stamp line or one ending a short headline counts as a year-dated one does.
_ZH_STAMP = (r"(?<![\d.])(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\d/-])"
             r"|(?:0?[1-9]|1[0-2])\s*月\s*(?:0?[1-9]|[12]\d|3[01])\s*日)"
             r"(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
             r"|(?<!\d)\d{1,3}\s*(?:秒|分钟|小时|天|周)前|(?:昨天|前天)(?:\s*\d{1,2}[:：]\d{2})?|刚刚")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?"
_EN_DATE = (r"(?:(?<![A-Za-z])" + _MONTH + r"\s+\d{1,2},?\s+(?:19|20)\d\d"
            r"|(?<![\d])\d{1,2}\s+" + _MONTH + r",?\s+(?:19|20)\d\d)(?!\d)")
_EN_REL = r"(?<![\d])\d{1,3}\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago"
_STAMP = "(?:" + "|".join((_ZH_STAMP, _EN_DATE, _EN_REL)) + ")"
# (no blank run before the stamp in either pattern: a search over a long blank run stays linear)
_STAMP_LINE = regex.compile(r"[\[【(（]?" + _STAMP + r"\s*[\]】)）]?")
_TRAILING_STAMP = regex.compile(_STAMP + r"\s*[)）\]】]?$")
_STAMP_ENDS = frozenset("0123456789日前天刚)）]】o")


# A related list glued into one line (a scraper joined its items): items split by one recurring bullet,
# by numbers counting up from 1, or each closed by its time stamp or by the dots of a headline cut short.
# Shapes only; no words of any page.
_BLANK = " \t\u3000\xa0"
_BULLETS = "■□▼▲●◆◇★☆▶►•※"
_NUMBER = regex.compile(r"(?<![\d.])([1-9]\d?)[、.．](?=\D)")
_STAMP_RUN = regex.compile(_STAMP)
_CUT_SHORT = regex.compile(r"(?<=[^\s.])\.{2,3}(?!\.)")  # a headline cut short: "政协委.."
_AFTER_MARK = _BLANK + ")）]】"  # what may follow an item's closing mark at the line's end
_CUT_ITEMS, _CUT_MEDIAN = 5, 8  # (dots also trail off a chat's phrases: more and longer items needed)
_ITEM_MIN, _ITEM_MAX = 4, 60  # a headline's length
_WINDOW = 50 * _ITEM_MAX  # the end of a line read for one
_HEADING_MARKS = "[]【】〔〕()（）<>《》「」『』|｜▍▌■□●◆▶►★☆" + _BLANK
_OPENING_MARKS = "[【〔(（<《「『|｜▍▌■□●◆▶►★☆" + _BLANK  # what may open a heading
_HEAD_MAX = 12  # a heading glued before the first item ("热文推荐", "往期精选▼")
_MIN_NOVELTY = 0.5  # share of the list's word pairs found nowhere else in the page: other stories


def _headline(s: str) -> bool:
    s = s.strip(_BLANK)
    # a full stop may close a headline, not stand inside one; a clause of steps ends in a semicolon
    return _ITEM_MIN <= len(s) <= _ITEM_MAX and "。" not in s[:-1] and s[-1] not in ";；"


def _glued_items(text: str) -> tuple[int, int, bool] | None:
    """``(start, items, numbered)`` of a list of at least three headlines glued into ``text`` and
    reaching its end (the offset where its first item or its first delimiter starts; whether only
    numbers split it), or None."""
    best: tuple[int, int, bool] | None = None
    for b in _BULLETS:
        if text.count(b) < 3:
            continue
        pos = [i for i, c in enumerate(text) if c == b]
        if not _headline(text[pos[-1] + 1 :]):
            continue
        k = len(pos) - 1
        while k > 0 and _headline(text[pos[k - 1] + 1 : pos[k]]):
            k -= 1
        if len(pos) - k >= 3 and (best is None or pos[k] < best[0]):
            best = (pos[k], len(pos) - k, False)
    nums = list(_NUMBER.finditer(text))
    if len(nums) >= 3 and _headline(text[nums[-1].end() :]):
        k = len(nums) - 1
        while (k > 0 and int(nums[k - 1].group(1)) == int(nums[k].group(1)) - 1
               and _headline(text[nums[k - 1].end() : nums[k].start()])):
            k -= 1
        if nums[k].group(1) == "1" and len(nums) - k >= 3 and (best is None or nums[k].start() < best[0]):
            best = (nums[k].start(), len(nums) - k, True)
    end = text.rstrip(_AFTER_MARK)
    for closer, skip, least, ends_on_mark in ((_STAMP_RUN, 2, 3, end[-1:] in _STAMP_ENDS),
                                              (_CUT_SHORT, 1, _CUT_ITEMS, end.endswith(".."))):
        # items each closed by a mark: the items after the run's first mark (where the first item's
        # headline begins is not known); after its second for stamps (the first may be the article's
        # own byline time). The text must end on a mark (every stamp ends in one of _STAMP_ENDS).
        marks = list(closer.finditer(text)) if ends_on_mark and len(text) > 3 * _ITEM_MIN else []
        if len(marks) < 3 or text[marks[-1].end() :].strip(_AFTER_MARK):
            continue
        k = len(marks) - 1
        while k > 0 and _headline(text[marks[k - 1].end() : marks[k].start()]):
            k -= 1
        items = len(marks) - k - skip
        if closer is _CUT_SHORT and items >= least:
            # headlines cut at one display width, not a chat's short trailing-off phrases
            closes = [m.end() for m in marks[k + skip - 1 : -1]]
            sizes = sorted(m.start() - c for c, m in zip(closes, marks[k + skip :], strict=True))
            if sizes[len(sizes) // 2] < _CUT_MEDIAN:
                continue
        if items >= least and (best is None or marks[k + skip - 1].end() < best[0]):
            best = (marks[k + skip - 1].end(), items, False)
    return best


# Another article glued after the article's end (a scraper joined the page's "related" block to the
# body): where a sentence or a bracket closes, either a related-list heading begins, or a short headline
# runs into a machine time stamp (``01-23 14:47``, ``2019-01-23 14:47``: a byline printed by a page,
# not a date written in a sentence). Shapes and the heading lexicon only; no words of any page.
_CLOSE = "。！？!?…）)】」”』"
# the bracket after an item's number (a line's start, a space or a closed sentence before it): 3）
_ITEM_NUMBER = re.compile(r"(?:^|(?<=[\s。！？；;]))[0-9一二三四五六七八九十]{1,3}[)）]$", re.MULTILINE)
# after a heading word, what makes it a word of the sentence rather than a heading: "see …" (相关报道见
# A06版, a cross-reference), a dash (热点专题-…, a name described in a list), or the sentence going on
# with the word as its subject or modifier (今日头条网友…, 相关报道称…: a platform, a report)
_NOT_A_HEADING = re.compile(r"[" + _BLANK + r"]{0,2}(?:详见|请见|参见|请看|见|[-—–])"
                            r"|网友|用户|平台|客户端|的|上的|号|称|显示|指出|表示", re.IGNORECASE)
# (a stamp a sentence writes is led by a preposition or runs on into a range or a clause: "于…", "…至",
# or ends a range: "09:30 - 2018-04-30 17:00")
_BYLINE_STAMP = regex.compile(r"(?<![\d于在至到从自截止前])(?<![-—~～/.]\s{0,3})"
                              r"(?:(?:19|20)\d\d[-/.])?(?:0[1-9]|1[0-2])[-/.]"
                              r"(?:0[1-9]|[12]\d|3[01])\s{0,3}\d{1,2}:\d{2}(?!\d)(?!\s{0,3}[至到起止前后—~～\-,，、])")
_HEADLINE_MIN, _HEADLINE_MAX = 4, 60
_BEFORE_MIN = 200  # the article's own text before the glued one: a page's first header is its own
_BLOCK_MIN = 100  # an article, not a line
_BLOCK_WINDOW = 4000  # how much of the document's end is read for a glued article


def _inside_a_sentence(text: str, word: str) -> bool:
    """Whether ``word`` occurs in ``text`` inside a sentence: after a letter, a digit or a Han
    character, not at a line's start or after punctuation, where a heading stands."""
    p = text.find(word)
    while p >= 0:
        if p > 0 and text[p - 1].isalnum():
            return True
        p = text.find(word, p + 1)
    return False


def _mostly_new(others: list[str], block: str) -> bool:
    """Whether ``block``'s wording is mostly new to the page made of ``others`` and itself (other
    stories, not the article's own points)."""
    return novelty([*others, block], [block])[0] >= _MIN_NOVELTY


def _is_dated(ln: Line) -> bool:
    """A bare date line, or a short headline ending in a date (with its year or without)."""
    text = ln.text
    if "19" in text or "20" in text:  # every year opens with 19 or 20 (DATE_RE)
        if is_date_line(text):
            return True
        if 10 < len(ln) <= 80:
            m = _TRAILING_DATE.search(text)
            # "label: date" (快照生成时间:…, 发布时间:…, 页面更新于 …) is a metadata line, not a headline item
            if m and not _TIME_LABEL.search(text[: m.start()]):
                return True
    end = text.rstrip()[-1:]
    if not end or end not in _STAMP_ENDS:
        return False  # every stamp ends in a digit, 日, 前, 天, 刚 or "ago" (a bracket may close it)
    if _STAMP_LINE.fullmatch(text.strip()):
        return True
    if len(ln) > 80 or len(ln) <= 10:
        return False
    m = _TRAILING_STAMP.search(text)
    head = text[: m.start()].rstrip(" \t\u3000\xa0(（[【") if m else ""
    return bool(head) and not _TIME_LABEL.search(head)


class UnrelatedTail(Filter):
    """Remove the related-news block at the end of a document.

    Parameters:
        min_items: dated items needed without a heading (with a recognised heading: ``min_items - 1``).
        max_gap: most undated lines (headline, snippet, heading) between two dates in one list.
        max_item_line: longest line (chars) that can be a headline or a snippet.
    """

    name = "tail"
    kind = "unrelated_tail"

    def __init__(self, min_items: int = 3, max_gap: int = 4, max_item_line: int = 160) -> None:
        self.min_items = min_items
        self.max_gap = max_gap
        self.max_item_line = max_item_line
        self._heading = lexicon_regex("tail_headings")
        # Headings without a free-text part, read where a sentence closes: one with one ("X热点",
        # "更多…新闻") matches ordinary words once it is glued inside a sentence rather than set on a
        # line of its own. Nor tags and keywords: they name the article's own subject, and glued after
        # a sentence they open its next part (an academic article's body after its abstract).
        named = "|".join(f"(?:{p.lstrip('^').rstrip('$')})" for p in lexicon("tail_headings")
                         if "{" not in p and "关键词" not in p)
        # (stdlib re: it tries this alternation at each closing mark about four times faster than regex)
        self._glued_heading = re.compile(
            r"[" + _CLOSE + r"][" + _BLANK + r"]{0,4}(?P<h>[" + regex.escape(_OPENING_MARKS) + r"]{0,4}(?:"
            + named + "))", re.IGNORECASE)
        self._footer = lexicon_regex("footer_markers")
        self._footer_filter = ScraperFooter()

    def _item_like(self, ln: Line, limit: int) -> bool:
        return len(ln) <= limit and not self._footer.search(ln.text)

    def is_heading(self, ln: Line) -> bool:
        return len(ln) <= 30 and self._is_heading_text(ln.text)

    def _is_heading_text(self, text: str) -> bool:
        """A list heading, also in the brackets or behind the marks a page sets it in (``[热点新闻]``,
        ``【相关阅读】``, ``▍猜你喜欢``)."""
        return bool(self._heading.search(text.strip().strip(_HEADING_MARKS)))

    def find(self, doc: Document) -> list[Removal]:
        lines = doc.kept_lines()
        footer = len(self._footer_filter.block_of(doc))
        if footer:
            lines = lines[:-footer]  # a footer under the list: the list still ends the article
        if not lines:
            return []
        start = self._dated_block(lines)
        reason = None
        if start is not None:
            reason = f"list of {sum(_is_dated(ln) for ln in lines[start:])} dated headline items to the end"
        else:
            start = self._headed_block(lines)
            if start is not None:
                reason = f"'{lines[start].text[:20]}' heading followed by headlines to the end"
        if start is None:
            return self._glued(doc, lines) or self._glued_article(doc, lines)
        # a heading directly above the block belongs to it
        while start > 0 and self.is_heading(lines[start - 1]):
            start -= 1
        a, b = lines[start].start, lines[-1].end
        return [self.span(doc, a, b, reason or "related-news block", 0.9, code="tail.related_list")]

    def _glued(self, doc: Document, lines: list[Line]) -> list[Removal]:
        """A related list glued into the last line (:func:`_glued_items`), from its heading when one is
        glued before it (a numbered list needs one), when its wording is mostly new to the page (other
        stories, not the article's own points)."""
        if len(lines) < 2:
            return []
        last = lines[-1]
        # (its items are short: the last characters of a long line hold any list reaching its end)
        off = max(0, len(last.text) - _WINDOW)
        found = _glued_items(last.text[off:])
        if found is None:
            return []
        at, items, numbered = found
        at += off
        low = max(0, at - _ITEM_MAX)
        head_from = max((m.end() for m in SENTENCE_END.finditer(last.text, low, at)), default=low)
        head = last.text[head_from:at].strip(_BLANK + _BULLETS)
        if head and len(head) <= _HEAD_MAX and self._is_heading_text(head):
            at = head_from
        elif numbered:
            return []  # numbered lines without a list's heading may be the article's own steps
        run = last.text[at:]
        if not _mostly_new([ln.text for ln in lines[:-1]] + [last.text[:at]], run):
            return []
        a = last.start + at + (len(run) - len(run.lstrip()))
        return [self.span(doc, a, last.end, f"{items} headlines glued into one line to the end", 0.9,
                          code="tail.glued_list")]

    def _glued_article(self, doc: Document, lines: list[Line]) -> list[Removal]:
        """Another article glued after this one's end, to the end of the document: from a related-list
        heading glued after a closing sentence (``…。相关新闻近日，…``), or from a headline glued there
        that runs into a machine time stamp (another article's title and byline), when at least
        ``_BEFORE_MIN`` characters of the article come before it and the block's wording is mostly new
        to the page. A heading set in a mark that its line already used is one of the page's own
        sections, as in a digest."""
        if len(lines) < 2:
            return []
        first, size = len(lines), 0
        while first > 1 and size < _BLOCK_WINDOW:
            first -= 1
            size += len(lines[first])
        a, b = lines[first].start, lines[-1].end
        text = doc.text
        if not (self._glued_heading.search(text, a, b) or _BYLINE_STAMP.search(text, a, b)):
            return []  # (one scan of the window: most pages have neither)
        before = sum(len(ln) for ln in lines[:first])
        for k in range(first, len(lines)):
            found = self._glue_point(lines[k].text, before)
            if found is not None:
                break
            before += len(lines[k])
        else:
            return []
        ln, (at, why, word) = lines[k], found
        block = "\n".join([ln.text[at:]] + [x.text for x in lines[k + 1 :]])
        others = [x.text for x in lines[:k]] + [ln.text[:at]]
        if word and any(_inside_a_sentence(x, word) for x in others):
            return []  # the article wrote the word in a sentence (在今日头条上…, the company it reports on)
        if len(block) < _BLOCK_MIN or not _mostly_new(others, block):
            return []  # (the first point only: one novelty per page keeps this linear)
        why += " glued after the article's end"
        return [self.span(doc, ln.start + at, lines[-1].end, why, 0.9, code="tail.glued_article")]

    def _glue_point(self, text: str, before: int) -> tuple[int, str, str] | None:
        """The first offset in ``text`` where a glued article begins (see :meth:`_glued_article`) with
        at least ``_BEFORE_MIN`` characters before it (``before`` of them in earlier lines), why, and
        the heading's word (empty for a headline and its time stamp)."""
        lo = max(0, _BEFORE_MIN - before)
        best: tuple[int, str, str] | None = None
        first_mark: dict[str, int] = {}
        for m in self._glued_heading.finditer(text, lo):
            at, head = m.start("h"), m.group("h")
            if _NOT_A_HEADING.match(text, m.end("h")):
                continue  # 相关报道见A06版, 热点专题-…, 今日头条网友…: a word of the sentence
            if _ITEM_NUMBER.search(text, max(0, m.start() - 5), m.start() + 1):
                continue  # 3）今日头条起诉…: an item's number, not a sentence closing before a heading
            mark = head[0]
            if mark in _OPENING_MARKS and mark.strip():
                if mark not in first_mark:
                    first_mark[mark] = text.find(mark)
                if first_mark[mark] < at:
                    continue  # a mark the line sets its own sections in
            word = head.strip(_HEADING_MARKS)
            best = (at, f"'{word}' heading and another article", word.rstrip(":："))
            break
        for m in _BYLINE_STAMP.finditer(text, lo, best[0] if best else len(text)):
            # its headline: back from the stamp to where a sentence closes, on the same line
            s = m.start()
            k = s - 1
            while k >= max(lo, s - _HEADLINE_MAX - 1) and text[k] not in _CLOSE and text[k] != "\n":
                k -= 1
            if k < lo or text[k] not in _CLOSE:
                continue
            at = k + 1
            while at < s and text[at] in _BLANK:
                at += 1
            if s - at >= _HEADLINE_MIN:
                return at, "another article's headline and time stamp", ""
        return best

    def _dated_block(self, lines: list[Line]) -> int | None:
        n = len(lines)
        # Read from the end only: the block is a chain of dates reaching the end, so the dates above
        # the first gap that is too long (or not item-like) are never asked for.
        # lines after the last date: at most one item's worth of short lines
        last = n - 1
        while last >= 0 and not _is_dated(lines[last]):
            if n - last > 2:
                return None
            last -= 1
        if last < 0 or not all(self._item_like(ln, self.max_item_line) for ln in lines[last + 1 :]):
            return None
        # walk back while the gaps between dates look like items
        chain = [last]  # the dates of the block, last first
        gaps: list[int] = []
        j = last - 1
        while j >= 0:
            if _is_dated(lines[j]):
                if not all(self._item_like(ln, self.max_item_line) for ln in lines[j + 1 : chain[-1]]):
                    break
                gaps.append(chain[-1] - j - 1)
                chain.append(j)
            elif chain[-1] - j > self.max_gap:
                break
            j -= 1
        items = len(chain)
        if items < 2:
            return None
        # the first item: as many lines before its date as a typical item has, and more while they
        # look like a headline or a snippet (short and unfinished, or a "..." excerpt)
        typical = Counter(gaps).most_common(1)[0][0] if gaps else 1
        start = chain[-1]
        taken = 0
        while taken < self.max_gap and start > 0:
            ln = lines[start - 1]
            if _is_dated(ln) or not self._item_like(ln, 100) or self.is_heading(ln):
                break
            # past a typical item's size only an excerpt ("...摘要") or the headline it hangs under
            # joins: the article's last line may be short and unfinished too
            excerpt = ln.text.startswith(("...", "…"))
            above_excerpt = len(ln) <= 60 and lines[start].text.startswith(("...", "…"))
            # (items of one line each, a headline ending in its date: the first has no line above it)
            if taken >= typical and not (excerpt or above_excerpt):
                break
            start -= 1
            taken += 1
        # a heading a line or two above: what lies between is the first item's headline
        for k in (2, 3):
            if start - k >= 0 and self.is_heading(lines[start - k]) and all(
                    len(ln) <= 60 and self._item_like(ln, 60) for ln in lines[start - k + 1 : start]):
                start = start - k + 1
                break
        heading = start > 0 and self.is_heading(lines[start - 1])
        has_heading = heading or any(self.is_heading(ln) for ln in lines[start:last])
        if items < self.min_items - (1 if has_heading else 0):
            return None
        if start == 0 or start >= n:
            return None  # a page that is nothing but a list is not a tail of anything
        return start

    def _headed_block(self, lines: list[Line]) -> int | None:
        n = len(lines)
        for i in range(max(0, n - 30), n):
            if not self.is_heading(lines[i]) or i == 0:
                continue
            rest = lines[i + 1 :]
            if all(len(ln) <= 40 and not ends_sentence(ln.text) or self.is_heading(ln) for ln in rest):
                if len(rest) >= 2 or not rest:
                    return i
        return None
