"""Duplicates: paragraphs, titles and whole bodies that a page holds twice. The first copy stays.

Every non-blank line is compared with the lines before it: an exact copy (ignoring whitespace and
full/half width), a near copy (``rapidfuzz`` ratio, which tolerates a token injected into one copy),
or a paragraph made almost wholly of earlier text (a description that glues the title to the lead).

Copies are then judged by the run they stand in, so legitimate repetition survives:

* a run of repeated lines holding two real paragraphs (or one, with its heading) is removed whole
  (a body pasted twice, a block of paragraphs repeated), as is a long paragraph pasted verbatim;
* a lone short or heading-like repeat (a title shown twice, a heading repeated as an image caption)
  or a lone sentence the author quotes again is kept and only annotated, except the page title
  repeated right after the header chrome.

The tokens by which two near copies differ are left in ``doc.hints["inserted_tokens"]`` for the
brand filter: text present in one copy of a paragraph and not the other was inserted.
"""

from __future__ import annotations

import re
from collections import Counter

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from ..document import Document, Line
from ..report import Removal
from ..textutil import WORD_CHAR, squeeze
from .base import Filter

_Q = 8  # shingle length for containment
# a finished sentence: lines without sentence punctuation (spec tables, headings) are the line pass's
# the unfinished rest of a line matches too (and is skipped): without the ``$`` branch a long line
# with no terminator fails at every start position, which is quadratic in the line's length
_SENTENCE = re.compile(r"[^。！？!?；;]+(?:([。！？!?；;]+)[”’」』）)]*|$)")


class Duplicates(Filter):
    """Remove repeated paragraphs, keeping the first copy.

    Parameters:
        near: rapidfuzz ratio (0-100) at or above which two lines are near copies.
        contained: share of a paragraph that earlier lines must cover for it to be a copy.
        min_chars: shorter lines are never compared.
        paragraph_chars: a line this long (or a shorter full sentence) counts as a real paragraph.
        max_fuzzy_lines: above this many lines only exact copies are sought (bounded time).
    """

    name = "duplicates"
    kind = "duplicate"

    def __init__(self, near: float = 85.0, contained: float = 0.75, min_chars: int = 4,
                 paragraph_chars: int = 40, max_fuzzy_lines: int = 3000, min_sentence_run: int = 3,
                 min_run_chars: int = 80) -> None:
        self.near = near
        self.contained = contained
        self.min_chars = min_chars
        self.paragraph_chars = paragraph_chars
        self.max_fuzzy_lines = max_fuzzy_lines
        self.min_sentence_run = min_sentence_run
        self.min_run_chars = min_run_chars

    def find(self, doc: Document) -> list[Removal]:
        lines = doc.kept_lines()
        keys = [squeeze(ln.text) for ln in lines]
        fuzzy = len(lines) <= self.max_fuzzy_lines
        first: dict[str, int] = {}
        match: list[tuple[str, int, float] | None] = [None] * len(lines)
        inserted: Counter[str] = doc.hints.setdefault("inserted_tokens", Counter())
        ends: dict[str, list[int]] = {}
        for i, k in enumerate(keys):
            if len(k) < self.min_chars:
                continue
            if k in first:
                match[i] = ("exact", first[k], 1.0)
                continue
            first[k] = i
            if not fuzzy or len(k) < 12:
                continue
            near = self._near(k, keys, i, ends)
            if near is not None:
                j, score = near
                match[i] = ("near", j, score / 100)
                _diff_tokens(keys[j], k, inserted)
        if any(m is not None for m in match):
            self._contained(keys, match)
        out: list[Removal] = []
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
                out.extend(self._removal(doc, lines, r, match[r]) for r in run)  # type: ignore[arg-type]
            else:
                for r in run:
                    m = match[r]
                    assert m is not None
                    if self._title_after_header(doc, lines, r, m):
                        out.append(self.span(doc, lines[r].start, lines[r].end,
                                             "title repeated after the page header", 0.9))
                    else:
                        self.annotate(doc, lines[r].start, lines[r].end,
                                      f"repeated short line kept (copy of line {lines[m[1]].index + 1})"
                                      if m[1] >= 0 else "short line made of earlier text kept", 0.3)
            i = j
        taken = {r.start for r in out}
        rest = [ln for ln in lines if ln.start not in taken]
        out.extend(self._sentence_copies(doc, rest, inserted))
        return out

    def _sentence_copies(self, doc: Document, lines: list[Line], inserted: Counter[str]) -> list[Removal]:
        """Copies inside paragraphs: a run of sentences that repeats earlier sentences in order.

        Catches a body pasted twice when the page has no line breaks between paragraphs (or the copy
        was glued onto a paragraph). At least ``min_sentence_run`` sentences and ``min_run_chars``
        characters in a row, the originals consecutive too; a sentence that differs from its original
        by an injected token still continues the run.
        """
        # cheap gate: without a repeated "。"-sentence there is nothing to find
        parts = [p for ln in lines for p in ln.text.split("。") if len(p) >= 12]
        if len(set(parts)) == len(parts):
            return []
        sents: list[tuple[int, int, str]] = []  # (start, end, key) in document order
        for ln in lines:
            for m in _SENTENCE.finditer(ln.text):
                if m.group(1) is None:
                    continue  # the unfinished rest of the line
                key = squeeze(m.group())
                if key:
                    sents.append((ln.start + m.start(), ln.start + m.end(), key))
        if len(sents) < 2 * self.min_sentence_run:
            return []
        first: dict[str, int] = {}
        orig: list[int] = [-1] * len(sents)
        for k, (_, _, key) in enumerate(sents):
            if len(key) >= 12 and key in first:
                orig[k] = first[key]
            else:
                first.setdefault(key, k)
        out: list[Removal] = []
        k = 0
        while k < len(sents):
            if orig[k] < 0:
                k += 1
                continue
            run = [k]
            o = orig[k]
            while run[-1] + 1 < len(sents):
                nxt, want = run[-1] + 1, o + len(run)
                if want >= run[0] or want >= len(sents):
                    break
                if orig[nxt] == want:
                    run.append(nxt)
                elif orig[nxt] < 0 and fuzz.ratio(sents[nxt][2], sents[want][2]) >= self.near:
                    _diff_tokens(sents[want][2], sents[nxt][2], inserted)
                    run.append(nxt)
                else:
                    break
            a, b = sents[run[0]][0], sents[run[-1]][1]
            if len(run) >= self.min_sentence_run and sum(len(sents[x][2]) for x in run) >= self.min_run_chars:
                out.append(self.span(doc, a, b, f"{len(run)} sentences repeating earlier ones in order", 0.9))
            k = run[-1] + 1
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
        words = sum(map(str.isalnum, key))
        if words * 2 < len(key):
            return False  # a rule of underscores or a row of symbols is layout, not a paragraph
        return len(key) >= self.paragraph_chars or (len(key) >= 20 and key[-1] in "。；;")

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
        todo = [i for i, k in enumerate(keys) if match[i] is None and len(k) >= 30 and (
            (i + 1 < len(keys) and match[i + 1] is not None) or (i > 0 and match[i - 1] is not None))]
        if not todo:
            return
        shingles: set[str] = set()
        todo_set = set(todo)
        for i, k in enumerate(keys[: todo[-1] + 1]):
            if i in todo_set:
                cover = self._coverage(k, shingles)
                if cover >= self.contained:
                    match[i] = ("contained", -1, cover)
            if len(k) >= 10:
                shingles.update(k[p : p + _Q] for p in range(len(k) - _Q + 1))

    def _coverage(self, k: str, shingles: set[str]) -> float:
        """Share of ``k`` covered by 8-character pieces of earlier lines."""
        q = _Q
        if len(k) < q:
            return 0.0
        covered, reach = 0, 0
        for p in range(len(k) - q + 1):
            if k[p : p + q] in shingles:
                a = max(p, reach)
                covered += p + q - a
                reach = p + q
        return covered / len(k)

    def _title_after_header(self, doc: Document, lines: list[Line], r: int,
                            m: tuple[str, int, float]) -> bool:
        """The page title repeated as the article title, with only removed header lines between."""
        title = doc.hints.get("title_line")
        j = m[1]
        return (m[0] == "exact" and title is not None and j >= 0 and lines[j].start == title.start
                and r == j + 1 and lines[r].index - lines[j].index > 1)

    def _removal(self, doc: Document, lines: list[Line], r: int, m: tuple[str, int, float]) -> Removal:
        how, j, score = m
        if how == "exact":
            why = f"exact copy of line {lines[j].index + 1}"
        elif how == "near":
            why = f"near copy ({score:.0%}) of line {lines[j].index + 1}"
        else:
            why = f"paragraph made of earlier text ({score:.0%} covered)"
        return self.span(doc, lines[r].start, lines[r].end, why, score)


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


def _ends_window(js: list[int]) -> list[int]:
    return js if len(js) <= 2 * _NEAR_WINDOW else [*js[:_NEAR_WINDOW], *js[-_NEAR_WINDOW:]]
