"""Promotional insertions longer than a token (issue 11, item 4): contact segments and glued link runs.

Spam pages paste more than a brand name: a self-labelled contact (``<label>:<number>``, a QQ or a
phone number with its call to action around it), a notice in brackets next to it, a run of links
glued to one another. Two shapes are found here, each from evidence that does not depend on a
word list:

* **recurring contact segments**: a self-labelled number (a short label, a colon, six digits or
  more) that occurs at least twice, grown on each side to the longest context its copies share
  (copies taken in sets by their neighbour, as :func:`.brand_free._anchored` does), but only up to
  an edge that is a boundary in one copy at least (a line end, punctuation, a bracket or a
  decoration): a shared half-word never comes along. Removed only when the copies sit in different
  contexts and at least one copy is *glued* to the words around it (no punctuation between the
  segment and a word character), which is how a pasted insertion sits and a hotline quoted twice
  in its sentences (``，咨询电话：…。``) does not;
* **glued link runs**: three or more URLs written one after the other without a space or separator
  (``…htmlhttp://…htmlhttp://…``), a link farm, never a citation (a reference list separates its
  links); the run is taken to its end.

Offsets index the text given (the width-folded matching text of :mod:`.brand_lang` has the same
length as the input).
"""

from __future__ import annotations

import re
from collections import defaultdict

import regex

from ..textutil import CLAUSE_PUNCT

# a self-labelled number: a short label (1-3 Latin letters, or 1-2 Han with an optional -X part),
# a colon, then 6+ digits with single spaces or hyphens between groups
# (found from the colon and its number, plain ``re``, then the label just before it: a regex that
# tried the label at every Han character cost more than the rest of the filter)
_NUMBER = re.compile(r"[:：][ \t]*\+?\d(?:[ -]?\d){5,15}(?!\d)")
_LABEL = regex.compile(r"(?:(?<![A-Za-z])[A-Za-z]{1,3}|\p{Han}{1,2}(?:[-/]\p{Han})?)[ \t]*$")
_WORDCH = regex.compile(r"[\p{Han}\p{Latin}\p{Nd}]")
_URL_START = re.compile(r"https?://")
_ASCII_RUN = re.compile(r"[!-~]+")
_MAX_SEGMENT = 60
_OPENERS, _CLOSERS = "(（[【《〈「『", ")）]】》〉」』"
# clause punctuation that may not open or close a segment (a closing bracket may, after its opener)
_EDGE_PUNCT = frozenset(CLAUSE_PUNCT) - frozenset(_OPENERS)


def _is_word(c: str) -> bool:
    return bool(c) and bool(_WORDCH.match(c))


def _boundary(edge: str, neighbours: list[str]) -> bool:
    """A segment may end between ``edge`` (its own last character on that side) and its neighbours."""
    return not _is_word(edge) or any(not _is_word(c) for c in neighbours)


def _shared(text: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """How far (left, right) the copies ``spans`` share their context, within one line."""
    n = len(text)
    (s0, e0), rest = spans[0], spans[1:]
    right = 0
    while (e0 - s0) + right < _MAX_SEGMENT:
        i = e0 + right
        if i >= n or text[i] == "\n" or any(e + right >= n or text[e + right] != text[i] for _, e in rest):
            break
        right += 1
    left = 0
    while (e0 - s0) + left + right < _MAX_SEGMENT:
        i = s0 - left - 1
        if i < 0 or text[i] == "\n" or any(a - left - 1 < 0 or text[a - left - 1] != text[i]
                                           for a, _ in rest):
            break
        left += 1
    return left, right


def _trimmed(text: str, spans: list[tuple[int, int]], left: int, right: int) -> tuple[int, int]:
    """``(left, right)`` cut back until each side ends at a boundary in one copy at least."""
    s0, e0 = spans[0]
    while right > 0 and not _boundary(text[e0 + right - 1], [text[e + right : e + right + 1]
                                                              for _, e in spans]):
        right -= 1
    while left > 0 and not _boundary(text[s0 - left], [text[a - left - 1 : a - left] or "\n"
                                                       for a, _ in spans]):
        left -= 1
    return left, right


def _grown(text: str, spans: list[tuple[int, int]], depth: int = 3):
    """``(copy, start, end)`` for every copy: the widest shared context of any set of 2+ copies holding it.

    The copies are grown together, then split by the neighbour where they part (on each side) and
    grown again: ``★<contact>★(notice)`` is shared by three of four copies, ``★<contact>★`` by all.
    """
    left, right = _shared(text, spans)
    tl, tr = _trimmed(text, spans, left, right)
    (a0, b0) = spans[0]
    s0, e0 = a0 - tl, b0 + tr
    # punctuation the copies happen to share at an edge (``，<segment>``) stays with the sentence
    while s0 < e0 and text[s0] in _EDGE_PUNCT:
        s0 += 1
    while s0 < e0 and text[e0 - 1] in _EDGE_PUNCT and not (text[e0 - 1] in _CLOSERS
                                                           and _OPENERS[_CLOSERS.index(text[e0 - 1])]
                                                           in text[s0 : e0 - 1]):
        e0 -= 1
    tl, tr = a0 - s0, e0 - b0
    # a segment ends at a boundary on both sides (in one copy at least): never inside a word
    rights = [text[b + tr : b + tr + 1] or "\n" for _, b in spans]
    lefts = [text[a - tl - 1 : a - tl] if a - tl > 0 else "\n" for a, _ in spans]
    if tl >= 0 and tr >= 0 and _boundary(text[e0 - 1], rights) and _boundary(text[s0], lefts):
        yield from ((a, a - tl, b + tr) for a, b in spans)
    if depth == 0:
        return
    for side in (0, 1):
        sets: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for a, b in spans:
            key = text[b + right : b + right + 1] if side == 0 else text[max(0, a - left - 1) : a - left]
            sets[key].append((a, b))
        for g in sets.values():
            if 2 <= len(g) < len(spans):
                yield from _grown(text, g, depth - 1)


def _numbers(text: str) -> list[re.Match[str]]:
    """The matches of ``_NUMBER.finditer(text)``: every one opens with a colon and holds no other, so
    they are the matches at the colons, which ``str.find`` finds several times faster than the
    pattern's scan of every character (dev: 9.3 -> 3.3 ms)."""
    at: list[int] = []
    find = text.find
    for colon in ":：":
        p = find(colon)
        while p >= 0:
            at.append(p)
            p = find(colon, p + 1)
    at.sort()
    match = _NUMBER.match
    return [m for p in at if (m := match(text, p)) is not None]


def contact_segments(text: str) -> list[tuple[int, int, str]]:
    """Spans ``(start, end, segment)`` of recurring self-labelled contact segments (see module doc)."""
    where: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in _numbers(text):
        lab = _LABEL.search(text, max(0, m.start() - 8), m.start())
        if lab is not None:
            where[text[lab.start() : m.end()]].append((lab.start(), m.end()))
    out: list[tuple[int, int, str]] = []
    n = len(text)
    for spans in where.values():
        if len(spans) < 2:
            continue
        best: dict[int, tuple[int, int]] = {}
        for a, s, e in _grown(text, spans):
            if a not in best or e - s > best[a][1] - best[a][0]:
                best[a] = (s, e)
        segs = sorted(best.values())
        if len({(text[max(0, s - 6) : s], text[e : e + 6]) for s, e in segs}) < 2:
            continue  # one passage quoted twice, not a recurring insertion
        glued = False
        for s, e in segs:
            a = text[s - 1] if s > 0 else "\n"
            b = text[e] if e < n else "\n"
            if (_is_word(a) and text[s] not in CLAUSE_PUNCT and not text[s].isspace()) or \
                    (_is_word(b) and text[e - 1] not in CLAUSE_PUNCT and not text[e - 1].isspace()):
                glued = True
                break
        if glued:
            out += [(s, e, text[s:e]) for s, e in segs]
    return out


def link_runs(text: str, min_urls: int = 3) -> list[tuple[int, int, str]]:
    """Runs of ``min_urls`` or more URLs glued to one another (no space, no separator between them)."""
    out: list[tuple[int, int, str]] = []
    if text.count("://") < min_urls:
        return out
    for m in _ASCII_RUN.finditer(text):
        run = m.group()
        if run.count("://") < min_urls:
            continue
        starts = [u.start() for u in _URL_START.finditer(run)]
        if not starts:
            continue
        # a URL inside another's query (?u=http://…, %2F, /http://) is one link, not a glued second one
        glued = [k for k in starts[1:] if run[k - 1] not in "=%/?&:#"]
        if len(glued) + 1 >= min_urls:
            s = m.start() + starts[0]
            out.append((s, m.end(), text[s : m.end()]))
    return out
