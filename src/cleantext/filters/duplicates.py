"""Duplicates: text a page holds twice. The first copy stays, except a summary box.

Five forms, each with its reason code:

* ``duplicate.summary_box``: a box opened by a summary label (``data/summary_labels.txt``: 导读,
  摘要, 核心提示 ... or a short ``X注：`` / ``X按：``) whose text is found again in the body. The label
  is only the trigger; the measured overlap (share of the box's 8-character pieces found in the
  text around it) decides. The box goes wherever it stands, so the body stays whole.
* ``duplicate.title_repeat``: the first line (the page title, or what is left of it) repeated in
  the next few lines, on a line of its own (a near copy counts) or glued to the start of a line or
  of a sentence (``标题正文第一句…`` with no break).
* ``duplicate.exact_copy`` / ``duplicate.near_copy``: a line compared with the lines before it: an
  exact copy (ignoring whitespace), a near copy (``rapidfuzz`` ratio, which tolerates a token
  injected into one copy), or a paragraph made almost wholly of earlier text; and runs of
  sentences inside lines that repeat earlier sentences in order (sub-line copies).
* ``duplicate.body_twice``: a run of copied lines as long as the text before it.

Copies are judged by the run they stand in, so legitimate repetition survives: a run holding two
real paragraphs (or one, with its heading) is removed, as is a long paragraph pasted verbatim; a
lone short repeat (a heading repeated later, a slogan, ``是的。``) or a sentence the author quotes
again is kept and only annotated. Thresholds for the title and summary forms are fitted by
``bench/fit_duplicates.py`` (``data/models/duplicates.json``).

Reasons count lines as ``path:line:col`` does: file lines, blank ones included.

The tokens by which two near copies differ are left in ``doc.hints["inserted_tokens"]`` for the
brand filter: text present in one copy of a paragraph and not the other was inserted.
"""

from __future__ import annotations

import bisect
import itertools
import json
import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from functools import cache, lru_cache
from importlib import resources

import regex
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from ..document import Document, Line
from ..report import Removal
from ..textutil import WORD_CHAR, lexicon, squeeze
from ..titles import fold as _fold
from ..titles import fold_text as _fold_text
from ..titles import glued as _glued
from ..titles import title_cores as _title_cores
from .base import Filter

_Q = 8  # shingle length for containment
# a finished sentence: lines without sentence punctuation (spec tables, headings) are the line pass's
# the unfinished rest of a line matches too (and is skipped): without the ``$`` branch a long line
# with no terminator fails at every start position, which is quadratic in the line's length.
# Read by ``findall``: (the sentence, its terminators or "" for the unfinished rest).
_SENTENCE = re.compile(r"([^。！？!?；;]+(?:([。！？!?；;]+)[”’」』）)]*|$))")
_STOPS = frozenset("。！？!?；;")

#: any whitespace (what :func:`~cleantext.textutil.squeeze` drops)
_BLANK = re.compile(r"\s")
#: a title followed by one of these is a clause of the sentence, not a pasted title
_CONTINUES = frozenset("，,、的了是和与及在。！？!?；;")
#: in Latin script, a title followed by a lower-case word or a possessive is the start of the sentence itself
_LOWER_NEXT = re.compile(r"[ \t\xa0]{1,3}[a-z]|['’]s\b")
#: a line that names the title it carries (``原标题：…``) is page chrome, the chrome filter's to judge
_TITLE_LABEL = regex.compile(
    r"(?:(?:本文|文章)?原?标题|题目|title|headline)\s*[:：]\s*(?:[【\[][^】\]【\[]{0,8}[】\]]?\s*)*$",
    regex.I)
#: sentences that share this many first or last characters are compared as near copies
_HEAD = 8
#: a box's text is compared with this much text on either side of it (bounded time)
_BOX_WINDOW = 20000
#: a box's first characters that are compared, and the boxes tried per document (bounded time)
_BOX_CHARS = 600
_MAX_BOXES = 64


@cache
def _label_re() -> regex.Pattern[str]:
    words = "|".join(regex.escape(w) for w in sorted(lexicon("summary_labels"), key=len, reverse=True))
    return regex.compile(
        rf"^[【\[（(]?\s*(?:(?:{words})[】\]）)]?\s*(?:[:：]|\s|$)|\p{{Han}}{{1,4}}[注按][】\]）)]?\s*[:：])\s*",
        regex.IGNORECASE)


@cache
def _fitted() -> dict[str, float]:
    """Thresholds fitted by ``bench/fit_duplicates.py`` (package data)."""
    try:
        raw = resources.files("cleantext").joinpath("data", "models", "duplicates.json").read_text("utf-8")
        return dict(json.loads(raw)["thresholds"])
    except (FileNotFoundError, KeyError, ValueError):
        return {}


def _shingles(s: str) -> set[str]:
    return {s[p : p + _Q] for p in range(len(s) - _Q + 1)}


def _coverage(k: str, shingles: set[str] | str) -> float:
    """Share of ``k`` covered by 8-character pieces found in ``shingles`` (a set, or a text)."""
    if len(k) < _Q:
        return 0.0
    covered, reach = 0, 0
    for p in range(len(k) - _Q + 1):
        if k[p : p + _Q] in shingles:
            covered += p + _Q - max(p, reach)
            reach = p + _Q
    return covered / len(k)


#: characters :func:`_covered` may scan, per character of the lines a set of pieces would hold
_SCAN_BUDGET = 400


def _covered(k: str, text: str, need: float, budget: int, end: int | None = None) -> tuple[float, int] | None:
    """``(cover, budget left)``: :func:`_coverage` of ``k`` by the pieces found in ``text[:end]`` when it
    reaches ``need`` (else a cover below it: the scan stops once ``need`` is out of reach), or
    None when the scans would pass ``budget`` characters."""
    n = len(k)
    if end is None:
        end = len(text)
    find = text.find
    covered, reach = 0, 0
    for p in range(n - _Q + 1):
        if (covered + n - max(p, reach)) / n < need:
            return 0.0, budget  # even every later piece found would leave it short
        budget -= end
        if budget < 0:
            return None
        if find(k[p : p + _Q], 0, end) >= 0:
            covered += p + _Q - max(p, reach)
            reach = p + _Q
    return (covered / n if n >= _Q else 0.0), budget


class _LineNo:
    """File line numbers (1-based, blank lines counted) of offsets, as ``path:line:col`` gives them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._nl: list[int] | None = None

    def __call__(self, pos: int) -> int:
        if self._nl is None:
            self._nl = [m.start() for m in re.finditer("\n", self.text)]
        return bisect.bisect_left(self._nl, pos) + 1


class Duplicates(Filter):
    """Remove text a page holds twice, keeping the first copy (but the body over a summary box).

    Parameters:
        near: rapidfuzz ratio (0-100) at or above which two lines are near copies.
        contained: share of a paragraph that earlier lines must cover for it to be a copy.
        min_chars: shorter lines are never compared.
        paragraph_chars: a line this long (or a shorter full sentence) counts as a real paragraph.
        max_fuzzy_lines: above this many lines only exact copies are sought (bounded time).
        min_sentence_run, min_run_chars: a sub-line copy is at least this many sentences and characters.
        title_near: folded ratio (0-100) at which a line near the top is a copy of the title
            (fitted; above 100 switches title copies off).
        summary_cover: share of a summary box found again in the text for the box to go (fitted;
            above 1 switches summary boxes off).
        head_lines: how many lines after the title are searched for its copies (fitted).
    """

    name = "duplicates"
    kind = "duplicate"

    def __init__(self, near: float = 85.0, contained: float = 0.75, min_chars: int = 4,
                 paragraph_chars: int = 40, max_fuzzy_lines: int = 3000, min_sentence_run: int = 3,
                 min_run_chars: int = 80, title_near: float | None = None,
                 summary_cover: float | None = None, head_lines: int | None = None) -> None:
        fitted = _fitted()
        self.near = near
        self.contained = contained
        self.min_chars = min_chars
        self.paragraph_chars = paragraph_chars
        self.max_fuzzy_lines = max_fuzzy_lines
        self.min_sentence_run = min_sentence_run
        self.min_run_chars = min_run_chars
        self.title_near = float(fitted.get("title_near", 90.0) if title_near is None else title_near)
        self.summary_cover = float(fitted.get("summary_cover", 0.7)
                                   if summary_cover is None else summary_cover)
        self.head_lines = int(fitted.get("head_lines", 3) if head_lines is None else head_lines)

    def find(self, doc: Document) -> list[Removal]:
        lines = doc.kept_lines()
        lineno = _LineNo(doc.text)
        inserted: Counter[str] = doc.hints.setdefault("inserted_tokens", Counter())
        out: list[Removal] = []
        if self.summary_cover <= 1.0:
            out.extend(self._summary_boxes(doc, lines))
        if self.title_near <= 100.0 and lines:
            out.extend(self._title_copies(doc, lines, out))
        # (nothing cut yet: every line is left, with no lookup per line)
        cut = _Cuts(out)
        out.extend(self._line_copies(doc, [ln for ln in lines if not cut.covers(ln.start, ln.end)]
                                     if out else lines, lineno, inserted))
        cut = _Cuts(out)
        rest = [ln for ln in lines if not cut.covers(ln.start, ln.end)] if out else lines
        out.extend(self._sentence_copies(doc, rest, inserted, lineno, cut))
        return out

    # -- summary boxes ------------------------------------------------------------------------

    def _summary_boxes(self, doc: Document, lines: list[Line]) -> list[Removal]:
        """Boxes opened by a summary label whose text the body holds again: the box goes."""
        label = _label_re()
        out: list[Removal] = []
        text = doc.text
        tried = 0
        seen: Counter[str] | None = None
        for n, ln in enumerate(lines):
            m = label.match(ln.text)
            if m is None:
                continue
            tried += 1
            if tried > _MAX_BOXES:
                break  # a page has a box or two; thousands are a concatenation (bounded time)
            cs = m.end()
            if cs >= len(ln.text):  # the label on a line of its own: the box is the lines below it
                if seen is None:
                    seen = Counter(squeeze(o.text) for o in lines)
                if seen[squeeze(ln.text)] > 1:
                    continue  # the box itself comes again: a body pasted twice, not a summary
                last = None
                for nxt in lines[n + 1 : n + 6]:
                    k = _fold_text(nxt.text)
                    if len(k) < 12:
                        break
                    ref = _fold_text(text[nxt.end : nxt.end + _BOX_WINDOW])
                    if _coverage(k[:_BOX_CHARS], ref) < self.summary_cover:
                        break
                    last = nxt
                if last is not None:
                    out.append(self.span(doc, ln.start, last.end,
                                         f"summary box '{ln.text}' repeating the text below it", 0.9,
                                         code="duplicate.summary_box"))
                continue
            body, pos = _fold(ln.text[cs : cs + 3000], cs)
            if len(body) < 12:
                continue
            # the box ends where its own opening comes again (a box glued to the lead it repeats)
            again = body.find(body[:_Q], _Q)
            end = pos[again] if again > 0 else len(ln.text)  # the spacing before the lead goes with it
            box = _fold_text(ln.text[cs:end])
            if len(box) < 12:
                continue
            a, b = ln.start + end, ln.start
            around = (_fold_text(text[a : a + _BOX_WINDOW]) + "\n"
                      + _fold_text(text[max(0, b - _BOX_WINDOW) : b]))
            if _fold_text(ln.text[: min(end, cs + 24)]) in around:
                continue  # the box itself comes again, label and all: a body pasted twice
            cover = _coverage(box[:_BOX_CHARS], around)
            if cover >= self.summary_cover:
                out.append(self.span(doc, ln.start, ln.start + end,
                                     f"summary box '{m.group().strip()}' whose text the article repeats "
                                     f"({cover:.0%} of it found again)", round(cover, 2),
                                     code="duplicate.summary_box"))
        return out

    # -- titles --------------------------------------------------------------------------------

    def _title_copies(self, doc: Document, lines: list[Line], boxes: list[Removal]) -> list[Removal]:
        """The first line repeated just below it: whole (near copies count) or glued into a line."""
        title = lines[0]
        if "。" in title.text:
            return []  # a first line that is a sentence is the lead, not a title
        cores = _title_cores(title.text)
        if not cores:
            return []
        out: list[Removal] = []
        cut = _Cuts(boxes)
        shapes = doc.hints.get("block_shapes")
        # From HTML every line is a block of the page: a paragraph that opens with the title's words
        # is the page's own text, not a title a scraper glued on (only copies on a line of their own).
        glued = shapes is not None
        tlen = max(len(c) for c in cores)
        head = True  # until the first paragraph: a title copy on a line of its own
        for ln in lines[1 : 1 + self.head_lines]:
            if cut.covers(ln.start, ln.end):
                continue
            if shapes is not None and shapes.of(ln.start) == shapes.of(title.start):
                continue  # from HTML: a block of the same structure as the first line, not its title
            shaped = len(ln) <= 2 * tlen + 10 and "。" not in ln.text[:-1] and _named_title(ln.text) is None
            if head and shaped:
                k = _fold_text(ln.text)
                score = max(fuzz.ratio(c, k) for c in cores) if k else 0.0
                if score >= self.title_near:
                    how = "repeated" if score >= 100 else f"repeated ({score:.0f}% alike)"
                    out.append(self.span(doc, ln.start, ln.end, f"the title of the first line {how}",
                                         round(score / 100, 2), code="duplicate.title_repeat"))
                    continue
            if self._paragraph(squeeze(ln.text)):
                head = False
            if glued:
                continue
            hit = _glued(ln.text, cores)
            if hit is None:
                continue
            s, e = hit
            if not ln.text[e:].strip():
                continue  # the title alone on its line: a heading, judged above
            if _TITLE_LABEL.search(ln.text[max(0, s - 12) : s]):
                continue  # ``原标题：…``: a labelled title is page chrome
            after = ln.text[e:].lstrip()[:1]
            if after and after in "|｜_-—":
                continue  # the title with its subtitle or suffix: a headline line, not a glued body
            if e < len(ln.text) and (ln.text[e] in _CONTINUES or _LOWER_NEXT.match(ln.text, e)):
                self.annotate(doc, ln.start + s, ln.start + e,
                              "title text that opens a sentence kept", 0.3, code="duplicate.title_repeat")
                continue
            glued = True
            out.append(self.span(doc, ln.start + s, ln.start + e,
                                 "the title of the first line glued to the text after it", 0.8,
                                 code="duplicate.title_repeat"))
        return out

    # -- lines ---------------------------------------------------------------------------------

    def _line_copies(self, doc: Document, lines: list[Line], lineno: _LineNo,
                     inserted: Counter[str]) -> list[Removal]:
        if len(lines) < 2:
            return []  # no earlier line to copy (and no key made of a long single line)
        keys = [squeeze(ln.text) for ln in lines]
        fuzzy = len(lines) <= self.max_fuzzy_lines
        first: dict[str, int] = {}
        match: list[tuple[str, int, float] | None] = [None] * len(lines)
        ends: dict[str, list[int]] = {}
        # how many lines open or end with each 10 characters: a line whose opening and ending no
        # other line has has no near copy to look for (nor is it one)
        long = [k for k in keys if len(k) >= 12]
        shared = Counter([k[:10] for k in long] + [k[-10:] for k in long])
        # From HTML: a line repeated in the same element path (the paragraphs of one body, the items
        # of one list, the lines of one code block) is the page's own repetition, not a body pasted
        # again; such repeats are kept and annotated.
        shapes = doc.hints.get("block_shapes")
        shape = [shapes.of(ln.start) for ln in lines] if shapes is not None else None
        seen: set[tuple[str, int]] = set()
        for i, k in enumerate(keys):
            if len(k) < self.min_chars:
                continue
            if shape is not None:
                if (k, shape[i]) in seen:
                    self._structure_repeat(doc, lines[i], lines[first[k]], lineno)
                    continue
                seen.add((k, shape[i]))
            if k in first:
                match[i] = ("exact", first[k], 1.0)
                continue
            first[k] = i
            if not fuzzy or len(k) < 12 or (shared[k[:10]] < 2 and shared[k[-10:]] < 2):
                continue
            near = self._near(k, keys, i, ends)
            if near is not None and _renumbered(keys[near[0]], k):
                # the next item of a numbered list (第三十五条 / 第三十六条), not the line pasted again
                near = None
            if near is not None:
                j, score = near
                if shape is not None and shape[j] == shape[i]:
                    self._structure_repeat(doc, lines[i], lines[j], lineno)
                    continue
                match[i] = ("near", j, score / 100)
                _diff_tokens(keys[j], k, inserted)
        if any(m is not None for m in match):
            self._series(doc, lines, keys, match, lineno)
            self._contained(keys, match)
        out: list[Removal] = []
        prefix: list[int] | None = None  # characters before each line, for "the body pasted again"
        i = 0
        while i < len(lines):
            if match[i] is None:
                i += 1
                continue
            j = i
            while j < len(lines) and match[j] is not None:
                j += 1
            run = range(i, j)
            if self._copied_block(keys, match, run):
                if prefix is None:
                    prefix = list(itertools.accumulate((len(k) for k in keys), initial=0))
                twice = prefix[j] - prefix[i] >= 0.8 * prefix[i] and j - i >= 2
                out.extend(self._removal(doc, lines, r, match[r], lineno, twice)  # type: ignore[arg-type]
                           for r in run)
            else:
                for r in run:
                    m = match[r]
                    assert m is not None
                    if self._title_after_header(doc, lines, r, m):
                        out.append(self.span(doc, lines[r].start, lines[r].end,
                                             "title repeated after the page header", 0.9,
                                             code="duplicate.title_repeat"))
                    else:
                        self.annotate(doc, lines[r].start, lines[r].end,
                                      f"repeated short line kept (copy of line {lineno(lines[m[1]].start)})"
                                      if m[1] >= 0 else "short line made of earlier text kept", 0.3,
                                      code="duplicate.kept_repeat")
            i = j
        return out

    def _series(self, doc: Document, lines: list[Line], keys: list[str], match: list,
                lineno: _LineNo) -> None:
        """Keep three alike lines in a row or more: a list written to a formula (``任命X为Y。`` for
        each person, the same notice for each district), not a line pasted again, which makes two.
        A block of lines in a row, each after the first a near copy of one of the two lines before it
        inside the block, is a series when it holds three lines or more. Each copy must change values
        (a name, a number: :func:`_changes`) and read as text (markup repeats its rules and
        attributes: :func:`_text_like`). Such near matches are annotated, not cut."""
        def link(i: int) -> int:  # the line before i (one of two) that line i copies, changing values
            m = match[i]
            if m is None or m[0] != "near" or not i - 2 <= m[1] < i or not _text_like(keys[i]):
                return -1
            values, others = _changes(keys[m[1]], keys[i])
            return m[1] if values > 0 and values >= others else -1

        def close(start: int, end: int) -> None:  # lines start..end - 1, each after the first linked
            if end - start >= 3:
                for i in range(start + 1, end):
                    match[i] = None
                    self.annotate(doc, lines[i].start, lines[i].end,
                                  f"line written like the lines around it kept (one of a series from line "
                                  f"{lineno(lines[start].start)})", 0.3, code="duplicate.kept_repeat")

        start = 0
        for i in range(1, len(match)):
            j = link(i)
            if j < start:  # not linked into the block so far: it ends, a new one may start
                close(start, i)
                start = i - 1 if j == i - 1 else i
        close(start, len(match))

    def _structure_repeat(self, doc: Document, line: Line, orig: Line, lineno: _LineNo) -> None:
        self.annotate(doc, line.start, line.end,
                      f"line repeated in the same page structure kept (copy of line {lineno(orig.start)})",
                      0.3, code="duplicate.kept_repeat")

    def _sentence_copies(self, doc: Document, lines: list[Line], inserted: Counter[str],
                         lineno: _LineNo, skip: _Cuts) -> list[Removal]:
        """Copies inside paragraphs: a run of sentences that repeats earlier sentences in order.

        Catches a body pasted twice when the page has no line breaks between paragraphs (or the copy
        was glued onto a paragraph), and a run of sentences pasted again with a few characters
        changed. At least ``min_sentence_run`` sentences and ``min_run_chars`` characters in a row,
        the originals consecutive too. A near copy is sought only among sentences that share the
        first or last 8 characters (a bounded window), so the search stays linear.
        """
        # cheap gate: without a repeated sentence opening or ending there is nothing to find
        if not _repeats_an_end(lines) or _is_regulation(lines):
            return []
        # (nothing cut: no question)
        first_at, last_at, keys = _sentences(lines, skip.touches if skip.starts else None)
        n = len(keys)
        if n < 2 * self.min_sentence_run:
            return []
        first: dict[str, int] = {}
        by_end: dict[str, list[int]] = {}
        orig: list[int] = [-1] * n
        fuzzy_orig: list[bool] = [False] * n
        # how many sentences have each opening/ending: one alone has no other sentence to compare with
        shared = Counter(key[:_HEAD] for key in keys if len(key) >= 20)
        shared.update("$" + key[-_HEAD - 1 : -1] for key in keys if len(key) >= 20)
        for k, key in enumerate(keys):
            if len(key) >= 12 and key in first:
                orig[k] = first[key]
                continue
            first.setdefault(key, k)
            if len(key) < 20:
                continue
            ends = (key[:_HEAD], "$" + key[-_HEAD - 1 : -1])  # the end without its full stop
            if shared[ends[0]] < 2 and shared[ends[1]] < 2:
                continue
            cands = {j for e in ends for j in _ends_window(by_end.get(e, ()))}
            for e in ends:
                by_end.setdefault(e, []).append(k)
            if cands:
                best = process.extractOne(key, {j: keys[j] for j in cands}, scorer=fuzz.ratio,
                                          score_cutoff=self.near)
                if best is not None and not _renumbered(keys[best[2]], key):  # (see _line_copies)
                    orig[k], fuzzy_orig[k] = best[2], True
        out: list[Removal] = []
        counts: Counter[str] | None = None  # each sentence's number of exact occurrences, when asked
        k = 0
        while k < n:
            if orig[k] < 0:
                k += 1
                continue
            # the run is sentences ``k .. end - 1`` (consecutive), copying ``o .. o + end - k - 1``
            end = k + 1
            o = orig[k]
            near = fuzzy_orig[k]
            while end < n:
                nxt, want = end, o + end - k
                if want >= k or want >= n:
                    break
                if orig[nxt] == want:
                    near = near or fuzzy_orig[nxt]
                    end += 1
                elif (fuzz.ratio(keys[nxt], keys[want]) >= self.near
                      and not _renumbered(keys[want], keys[nxt])):
                    near = True
                    end += 1
                else:
                    break
            a, b = first_at[k], last_at[end - 1]
            chars = sum(map(len, itertools.islice(keys, k, end)))
            long = end - k >= self.min_sentence_run and chars >= self.min_run_chars
            if long and near and _refrain(keys, range(k, end), o, counts := counts or Counter(keys)):
                # a formula's refrain: a sentence said three times or more, between sentences that
                # differ (each defendant's record, each district's notice); a paste says it twice
                self.annotate(doc, a, b, f"{end - k} sentences written like earlier ones kept (a series: "
                              f"from line {lineno(first_at[o])})", 0.3, code="duplicate.kept_repeat")
            elif long:
                if near:
                    for x in range(k, end):
                        if keys[x] != keys[o + x - k]:
                            _diff_tokens(keys[o + x - k], keys[x], inserted)
                where = lineno(first_at[o])
                out.append(self.span(
                    doc, a, b, f"{end - k} sentences repeating earlier ones in order (from line {where})"
                    + (", a few characters changed" if near else ""), 0.9,
                    code="duplicate.near_copy" if near else "duplicate.exact_copy"))
            k = end
        return out

    def _copied_block(self, keys: list[str], match: list, run: range) -> bool:
        """Is this run of repeated lines a pasted copy, rather than text an author repeated?

        Two or more real paragraphs copied in a row are; so is one real paragraph with its
        neighbouring copied lines (a heading, a short line). A lone paragraph counts only when it
        is a long, exact copy: an author who quotes his lead again later ("而且" + the lead sentence)
        or a summary that repeats a body sentence is left alone.
        """
        strong = [r for r in run if match[r][0] != "contained" and self._paragraph(keys[r])]
        if len(strong) >= 2:
            return True
        if len(strong) == 1 and len(run) >= 2:
            return all(match[r][0] != "contained" for r in run)
        if len(run) == 1 and strong:
            return match[run[0]][0] == "exact" and len(keys[run[0]]) >= 80
        return False

    def _paragraph(self, key: str) -> bool:
        if not (len(key) >= self.paragraph_chars or (len(key) >= 20 and key[-1] in "。；;")):
            return False  # (asked first: a short line needs no count of its characters)
        words = sum(map(str.isalnum, key))
        return words * 2 >= len(key)  # a rule of underscores or a row of symbols is layout, not a paragraph

    def _near(self, k: str, keys: list[str], i: int, ends: dict[str, list[int]]) -> tuple[int, float] | None:
        """Best earlier near copy. Copies that differ by an injected token still share their first or
        their last 10 characters, so only lines sharing one of those are scored (linear, not quadratic)."""
        cands = {j for key in (k[:10], k[-10:]) for j in _ends_window(ends.get(key, ()))}
        for key in (k[:10], k[-10:]):
            ends.setdefault(key, []).append(i)
        if not cands:
            return None
        cutoff = self.near if len(k) >= 40 else max(self.near, 90.0)
        best = process.extractOne(k, {j: keys[j] for j in cands}, scorer=fuzz.ratio, score_cutoff=cutoff)
        if best is None:
            return None
        return best[2], best[1]

    def _contained(self, keys: list[str], match: list) -> None:
        """Mark long lines next to a copied run that are made of earlier text (a glued description)."""
        # (an item of a numbered list is written like its neighbours on purpose: _renumbered)
        todo = [i for i, k in enumerate(keys) if match[i] is None and len(k) >= 30 and (
            (i + 1 < len(keys) and match[i + 1] is not None) or (i > 0 and match[i - 1] is not None))
            and not _ITEM.match(k)]
        if not todo:
            return
        # Each piece is first looked up in the earlier lines joined (no piece spans a join: keys hold
        # no whitespace), and a line stops as soon as it cannot reach ``contained``: a few lines
        # next to a copy cost a few scans. Past a budget of scanned characters (a page with many
        # such lines), every piece of the earlier lines goes into one set, as it always did.
        budget = _SCAN_BUDGET * sum(len(k) for k in keys[: todo[-1] + 1])
        # the earlier lines joined once: the lines before ``i`` are its first ``ends[i]`` characters
        # (a piece never spans a join: keys hold no whitespace)
        joined = "\n".join(k for k in keys[: todo[-1]] if len(k) >= 10)
        ends = [0] * (todo[-1] + 1)
        pos = -1
        for j, k in enumerate(keys[: todo[-1]]):
            if len(k) >= 10:
                pos += len(k) + 1
            ends[j + 1] = max(pos, 0)
        for n, i in enumerate(todo):
            found = _covered(keys[i], joined, self.contained, budget, ends[i])
            if found is None:
                self._contained_by_set(keys, match, todo[n:])
                return
            cover, budget = found
            if cover >= self.contained:
                match[i] = ("contained", -1, cover)

    def _contained_by_set(self, keys: list[str], match: list, todo: list[int]) -> None:
        shingles: set[str] = set()
        todo_set = set(todo)
        for i, k in enumerate(keys[: todo[-1] + 1]):
            if i in todo_set:
                cover = _coverage(k, shingles)
                if cover >= self.contained:
                    match[i] = ("contained", -1, cover)
            if len(k) >= 10:
                shingles.update(_shingles(k))

    def _title_after_header(self, doc: Document, lines: list[Line], r: int,
                            m: tuple[str, int, float]) -> bool:
        """The page title repeated as the article title, with only removed header lines between."""
        title = doc.hints.get("title_line")
        j = m[1]
        return (m[0] == "exact" and title is not None and j >= 0 and lines[j].start == title.start
                and r == j + 1 and lines[r].index - lines[j].index > 1)

    def _removal(self, doc: Document, lines: list[Line], r: int, m: tuple[str, int, float],
                 lineno: _LineNo, twice: bool) -> Removal:
        how, j, score = m
        if how == "exact":
            why, code = f"exact copy of line {lineno(lines[j].start)}", "duplicate.exact_copy"
        elif how == "near":
            why = f"near copy ({score:.0%} alike) of line {lineno(lines[j].start)}"
            code = "duplicate.near_copy"
        else:
            why, code = f"paragraph made of earlier text ({score:.0%} covered)", "duplicate.near_copy"
        if twice:
            why, code = f"the body pasted again: {why}", "duplicate.body_twice"
        return self.span(doc, lines[r].start, lines[r].end, why, score, code=code)


def _named_title(text: str) -> regex.Match[str] | None:
    """``原标题：…`` and the like at the start of a line."""
    colon = min((i for i in (text.find("："), text.find(":")) if i >= 0), default=-1)
    return _TITLE_LABEL.search(text[: colon + 1]) if 0 < colon <= 12 else None


def _repeats_an_end(lines: list[Line]) -> bool:
    """Whether two of the pieces between full stops (12 characters or longer) of ``lines`` open or
    end alike (the first or last ``_HEAD`` characters): without, no run of sentences repeats. The
    pieces are read in place (no list of them; a long line's pieces would copy it)."""
    heads: set[str] = set()
    tails: set[str] = set()
    n = 0
    for ln in lines:
        text = ln.text
        a = 0
        while True:
            b = text.find("。", a)
            e = len(text) if b < 0 else b
            if e - a >= 12:
                n += 1
                heads.add(text[a : a + _HEAD])
                tails.add(text[e - _HEAD : e])
                if len(heads) < n or len(tails) < n:
                    return True
            if b < 0:
                break
            a = b + 1
    return False


def _sentences(lines: list[Line],
               touches: Callable[[int, int], bool] | None) -> tuple[array[int], array[int], list[str]]:
    """The starts, ends and keys of each finished sentence of ``lines`` that ``touches`` (a cut) does
    not touch, in document order; the key is the sentence without blanks (:func:`squeeze`). Compact:
    offsets in two arrays, one string for sentences with equal keys (a body pasted twice)."""
    starts, ends = array("q"), array("q")
    keys: list[str] = []
    one: dict[str, str] = {}
    for ln in lines:
        at = ln.start
        text = ln.text
        split = _line_sentences(text) if len(text) <= _CACHED_LINE else _iter_line_sentences(text)
        for a, b, key in split:
            if touches is not None and touches(at + a, at + b):
                continue  # already cut (a summary box, a glued title): not an original
            starts.append(at + a)
            ends.append(at + b)
            keys.append(one.setdefault(key, key))
    return starts, ends, keys


_CACHED_LINE = 2000  # longer lines are split again, not kept in the cache


def _iter_line_sentences(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, key)`` of each finished sentence of one line, offsets in the line, one at a time."""
    blanks = _BLANK.search(text) is not None  # (a line without any: its sentences are their keys)
    pos = 0  # where the previous sentence ended
    for m in _SENTENCE.finditer(text):
        whole = m.group(1)
        if text[pos] in _STOPS:
            # terminators after a closing quote start no sentence: the regex passed over them
            pos = text.find(whole, pos)
        a = pos
        pos += len(whole)
        if not m.group(2):
            continue  # the unfinished rest of the line
        key = squeeze(whole) if blanks else whole
        if key:
            yield a, pos, key


@lru_cache(maxsize=8192)
def _line_sentences(text: str) -> tuple[tuple[int, int, str], ...]:
    """:func:`_iter_line_sentences`, cached per line text for :func:`_sentences` (a body pasted twice,
    the pipeline's second pass)."""
    return tuple(_iter_line_sentences(text))


class _Cuts:
    """Spans already taken, merged, for O(log n) questions (no scan per line or sentence)."""

    def __init__(self, removals: list[Removal]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for r in sorted(removals, key=lambda r: r.start):
            if self.ends and r.start <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], r.end)
            else:
                self.starts.append(r.start)
                self.ends.append(r.end)

    def _at(self, a: int, b: int) -> int:
        return bisect.bisect_right(self.starts, max(a, b - 1)) - 1

    def covers(self, a: int, b: int) -> bool:
        i = bisect.bisect_right(self.starts, a) - 1
        return i >= 0 and self.ends[i] >= b

    def touches(self, a: int, b: int) -> bool:
        i = self._at(a, b)
        return i >= 0 and self.ends[i] > a


#: an item's number at the start of a line or sentence key (keys hold no whitespace): 第三十五条, （二）
_ITEM = re.compile(r"(?:第[一二三四五六七八九十百千零〇两0-9]+[条章节款项篇]"
                   r"|[（(][一二三四五六七八九十0-9]{1,3}[）)]"
                   r"|[一二三四五六七八九十]{1,3}[、.．]|[0-9]{1,3}(?:[、．)）]|\.(?!\d)))")


_ARTICLE = re.compile(r"第[一二三四五六七八九十百千零〇两0-9]{1,6}条")


def _is_regulation(lines: list[Line]) -> bool:
    """Whether ``lines`` hold three numbered articles or more (第一条, 第二条, …): a regulation's
    articles repeat their formulas sentence for sentence on purpose (未能按期筹建的，…; the same list
    of conditions for each kind of institution), so runs of sentences there are no pasted copy. A
    regulation pasted again whole is still the line pass's."""
    seen: set[str] = set()
    for ln in lines:
        for m in _ARTICLE.finditer(ln.text):
            seen.add(m.group())
            if len(seen) >= 3:
                return True
    return False


def _refrain(keys: list[str], run: range, orig: int, counts: Counter[str]) -> bool:
    """Whether ``run`` (copying the sentences from ``orig`` on) is an item of a formula: one of its
    sentences (12 characters or more, text) occurs three times or more in ``keys``, and the sentences
    that differ from their originals change values in them more than anything else (:func:`_changes`).
    Text inserted into copies (junk glued into a paragraph pasted again and again) is no formula."""
    if not any(len(keys[x]) >= 12 and counts[keys[x]] >= 3 and _text_like(keys[x]) for x in run):
        return False
    if any(_CODE_MARK.search(keys[x]) for x in run):
        return False  # markup: a style rule or attribute repeated, no formula
    values = others = 0
    for x in run:
        if keys[x] != keys[orig + x - run.start]:
            v, o = _changes(keys[orig + x - run.start], keys[x])
            values += v
            others += o
    return values > 0 and values >= others


_CODE_MARK = re.compile(r'[{}<>]|="')


def _text_like(key: str) -> bool:
    """Whether a key (no whitespace) reads as text: no markup or style marks, and letters (Han
    included) for 60 % of it or more."""
    return not _CODE_MARK.search(key) and sum(map(str.isalpha, key)) * 5 >= 3 * len(key)


def _changes(a: str, b: str) -> tuple[int, int]:
    """How ``b`` differs from ``a``: (changes of a value, other changes). A value changes where a short
    text (12 characters or fewer) is dropped and a new one put in its place (a name, a date: 赵某 for
    肖某); text only inserted or only dropped, or put from elsewhere in the same sentence (a scraper's
    shuffled junk: ``…留恋，安静我安静地…``), is another change."""
    values = others = 0
    dropped = put = 0
    at = 0  # where the current change's put text starts in ``b``
    for op in [*Indel.opcodes(a, b), None]:
        if op is None or op.tag == "equal":
            if dropped or put:
                new = b[at : at + put]
                if 0 < dropped <= 12 and 0 < put <= 12 and (put < 2 or new not in a):
                    values += 1
                else:
                    others += 1
            dropped = put = 0
            if op is not None:
                at = op.dest_end
        elif op.tag == "delete":
            dropped += op.src_end - op.src_start
        else:
            put += op.dest_end - op.dest_start
    return values, others


def _renumbered(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are two items of one numbered list (第三十五条 / 第三十六条, （一） /
    （二）): they open on item numbers that differ. Such items are written alike on purpose (the
    articles of a regulation); a paragraph pasted again keeps its number."""
    ma, mb = _ITEM.match(a), _ITEM.match(b)
    return ma is not None and mb is not None and ma.group() != mb.group()


def _diff_tokens(a: str, b: str, out: Counter[str]) -> None:
    """Count the word-like runs present in one copy and not the other."""
    for op in Indel.opcodes(a, b):
        if op.tag == "delete":
            seg = a[op.src_start : op.src_end]
        elif op.tag == "insert":
            seg = b[op.dest_start : op.dest_end]
        else:
            continue
        if 2 <= len(seg) <= 16 and all(WORD_CHAR.match(c) or c == "." for c in seg):
            out[seg] += 1


#: Lines sharing a 10-character end that are scored as near copies: the earliest and the latest
#: (a body pasted twice copies early lines; a repeat nearby copies recent ones). Without a bound, a
#: document whose paragraphs open alike ("本报讯（记者…") made the near search quadratic.
_NEAR_WINDOW = 32


def _ends_window(js: Sequence[int]) -> Sequence[int]:
    return js if len(js) <= 2 * _NEAR_WINDOW else [*js[:_NEAR_WINDOW], *js[-_NEAR_WINDOW:]]
