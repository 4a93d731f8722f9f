"""One fitted boilerplate segmenter for page chrome, scraper footers and unrelated tails at the edges.

Real pages glue their furniture to the article: ``…（完）返回搜狐，查看更多 责任编辑：`` after the last
sentence, ``标题_站名`` and ``原标题：…`` before the first. So the segmenter asks two questions of a
document's units (:mod:`cleantext.units`: sentences and glued pieces of lines), not one per unit:

* for each of the last units ``s``: is everything from ``s`` to the end furniture?
* for each of the first units ``e``: is everything between the title and ``e`` furniture?

Each candidate edge gets the features of :func:`cleantext.features.suffix_rows` /
:func:`~cleantext.features.prefix_rows` and a probability from gradient-boosted trees fitted by
``bench/fit_segmenter.py`` (``data/models/segmenter.json``, evaluated by :mod:`cleantext.trees`).
The edge chosen maximises ``sum(sqrt(len(unit)) * (p - decode))`` over the units it takes, one
linear pass; it is cut when its probability reaches the model's ``cut`` and annotated when it
reaches ``annotate``: the thresholds live in the model file, the one place that decides. Inside a
suffix each unit is called footer or related list by a fitted linear scorer; a prefix is chrome.
"""

from __future__ import annotations

import collections
import json
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import regex

from .. import metadata, trees
from ..document import Document, Line
from ..features import (
    EXPR_SCOPE,
    PREFIX_EXPRS,
    PREFIX_NAMES,
    PREFIX_STATE,
    PREFIX_UNITS,
    SHALLOW,
    SUFFIX_EXPRS,
    SUFFIX_NAMES,
    SUFFIX_STATE,
    SUFFIX_UNITS,
    State,
    iter_prefix_states,
    iter_suffix_states,
    ngram_score,
    page_pairs,
    page_pairs_after,
    prefix_candidates,
    script_shares,
    shallow,
    suffix_candidates,
    unit_novelty,
)
from ..report import Removal
from ..units import Unit, edge_units
from .base import Filter

#: Shallow features in words, for the human reason of a removal.
_WORDS = {
    "label": "a 'label:' prefix",
    "labels_in": "'label:' fields",
    "call": "a call to click/follow/share",
    "lex_footer": "footer wording",
    "lex_chrome_label": "header labels",
    "lex_chrome_line": "a navigation phrase",
    "lex_vocab_legal": "legal wording",
    "lex_vocab_source": "source wording",
    "lex_vocab_contact": "contact wording",
    "lex_tail_heading": "a related-list heading",
    "date_y": "a date",
    "time": "a clock time",
    "relative": "a relative time",
    "url": "a link",
    "mail": "an e-mail",
    "phone": "a phone number",
    "icp": "a copyright/ICP mark",
    "seps": "separators",
    "brackets": "bracketed labels",
    "bullet": "a bullet",
}
#: The largest share of a document's kept text one edge may take.
MAX_SHARE = 0.6
_WHAT = {"page_chrome": "page chrome", "scraper_footer": "footer", "unrelated_tail": "related-article list"}


@cache
def _shipped() -> dict[str, Any]:
    path = resources.files("cleantext").joinpath("data", "models", "segmenter.json")
    return json.loads(path.read_text(encoding="utf-8"))


def load(model: str | Path | dict[str, Any] | None) -> dict[str, Any]:
    """The shipped model (None), a model dict, or the path of a model JSON file."""
    if model is None:
        return _shipped()
    if isinstance(model, dict):
        return model
    return json.loads(Path(model).read_text(encoding="utf-8"))


_STOPS = regex.compile(r"[。！？!?\n]")


def _reads_as_article(text: str) -> bool:
    """Whether ``text`` has an article to tell furniture from: a page of 1,500+ characters with
    fewer than one finished sentence (15+ characters) per 1,000 is one long list, and a list's first
    and last items are no more furniture than its middle (precision first: leave such a page)."""
    if len(text) < 1500:
        return True
    sentences, last = 0, -1
    need = -(-len(text) // 1000)  # sentences * 1000 >= len(text): the count only grows, stop there
    for m in _STOPS.finditer(text):
        if m.group() != "\n" and m.start() - last > 15:
            sentences += 1
            if sentences >= need:
                return True
        last = m.start()
    return False


def _written_in_han(units: list[Unit], edge: list[bool]) -> bool:
    """Whether the edges (the units ``edge`` marks) are written more in Chinese characters than in
    Latin letters: the model was fitted on Chinese pages only, and on an English page its trees read
    features they never saw (precision first: it stays out; the HTML extractor and the cascades
    still work there). Reads the "han" and "latin" features alone (:func:`script_shares`, the same
    values :func:`~cleantext.features.shallow` gives), so no unit's row is built for it."""
    han = latin = 0.0
    for u, e in zip(units, edge, strict=True):
        if e:
            h, la = script_shares(u.text)
            n = u.end - u.start  # len(u), without a call
            han += h * n
            latin += la * n
    return han >= latin


class _Rows:
    """The edge units' rows (:data:`~cleantext.features.UNIT`), each built when it is first read:
    its shallow features and n-gram score (``row``, cached per text) and its novelty, for the units
    ``edge`` marks (the others read as ``()``); the decoder stops early, and most are never read.
    The page's pair counts the novelty needs are made once, at the first, and left in ``hints`` (the
    document's) under ``_PAGE``. When ``first`` (the hints of the pipeline's first pass over the
    fuller text) holds the counts of that pass's page, they are updated for the lines that differ
    (:func:`~cleantext.features.page_pairs_after`, exact) instead of counted afresh."""

    __slots__ = ("_row", "edge", "_full", "_units", "_lines", "_page", "_hints", "_first")

    def __init__(self, row: Callable[[str], tuple[float, ...]], edge: list[bool], units: list[Unit],
                 lines: list[Line], hints: dict[str, Any] | None = None,
                 first: dict[str, Any] | None = None) -> None:
        self._row = row
        self.edge = edge
        self._full: list[tuple[float, ...] | None] = [None] * len(edge)
        self._units = units
        self._lines = lines
        self._page: collections.Counter[int] | None = None
        self._hints = hints
        self._first = first

    def __getitem__(self, i: int) -> tuple[float, ...]:
        row = self._full[i]
        if row is None:
            if not self.edge[i]:
                row = ()
            else:
                text = self._units[i].text
                base = self._row(text)
                if self._page is None:
                    self._page = self._page_pairs()
                row = (*base, unit_novelty(self._page, text))
            self._full[i] = row
        return row

    def _page_pairs(self) -> collections.Counter[int]:
        texts = [ln.text for ln in self._lines]
        # (taken from the first pass's hints: its counts are updated in place, and read by no one else)
        prev = self._first.pop(_PAGE, None) if self._first else None
        page = page_pairs(texts) if prev is None else page_pairs_after(prev[0], prev[1], texts, reuse=True)
        if self._hints is not None:
            self._hints[_PAGE] = (texts, page)
        return page


_PAGE = "segmenter.page_pairs"  # (the kept lines' texts, their page_pairs), in a document's hints
# (the segmenter, what its units were made of, whether it read metadata) when it found nothing
_QUIET = "segmenter.found_nothing"
_WORD_AT = tuple((SHALLOW.index(name), w) for name, w in _WORDS.items())


def _evidence(row: tuple[float, ...]) -> str:
    words = [w for i, w in _WORD_AT if row[i] > 0]
    return ", ".join(words[:3]) or "fitted shape and position"


class Segmenter(Filter):
    """Cut (or annotate) furniture glued to a document's first and last sentences, found by a fitted model.

    Parameters:
        model: None for the shipped ``data/models/segmenter.json``, or a model dict / JSON path.
        cut: per-edge cut thresholds (``{"suffix": p, "prefix": p}``) overriding the model's.
        annotate: per-edge annotate thresholds overriding the model's.
    """

    name = "segmenter"
    kind = "scraper_footer"

    def __init__(self, model: str | Path | dict[str, Any] | None = None,
                 cut: dict[str, float] | None = None, annotate: dict[str, float] | None = None) -> None:
        m = load(model)
        names = (list(m.get("suffix_features", [])), list(m.get("prefix_features", [])))
        if names != (list(SUFFIX_NAMES), list(PREFIX_NAMES)):
            raise ValueError("segmenter model was fitted on other features: "
                             "refit with bench/fit_segmenter.py")
        # the trees read a candidate's state (features.iter_suffix_states), computing only the features
        # they use (fewer than half) with the row builders' own operations: the same probabilities
        self._suffix = trees.compiled(m["suffix"], SUFFIX_EXPRS, SUFFIX_STATE, EXPR_SCOPE)
        self._prefix = trees.compiled(m["prefix"], PREFIX_EXPRS, PREFIX_STATE, EXPR_SCOPE)
        ngram: dict[str, float] = m.get("ngram", {})  # the fitted wording of chrome and footers

        @lru_cache(maxsize=4096)  # the pipeline's second pass sees the same edge units again
        def unit_row(text: str) -> tuple[float, ...]:
            return (*shallow(text), ngram_score(text, ngram))

        self._row = unit_row
        self._tail = m["tail"]  # linear scorer: related list (>0) or footer, per suffix unit
        self._decode = dict(m["decode"])
        self._cut = {**m["cut"], **(cut or {})}
        self._annotate = {**m["annotate"], **(annotate or {})}
        self.model = None if model is None else "custom"

    def units(self, doc: Document) -> tuple[list[Unit], int]:
        """The units at the edges of ``doc``'s kept text, and the kept text's length."""
        units, total, _ = self._units(doc)
        return units, total

    @staticmethod
    def _units(doc: Document) -> tuple[list[Unit], int, tuple[Any, ...]]:
        """:meth:`units`, and what they are made of: the kept lines' texts and where in them the edge
        units no earlier filter removed lie (two documents alike in these have the same units, rows
        and decisions)."""
        lines = doc.kept_lines()
        where: list[tuple[int, int, int]] = []  # (line in ``lines``, start and end in its text) of each unit
        units = edge_units(lines, PREFIX_UNITS + 1, SUFFIX_UNITS + 1,
                           (lambda a, b: not doc.is_removed(a, b)) if doc.removals else None, where)
        return units, sum(len(ln) for ln in lines), (tuple(ln.text for ln in lines), tuple(where))

    def edges(self, units: list[Unit], total: int, lines: list[Line], hints: dict[str, Any] | None = None,
              first: dict[str, Any] | None = None) -> tuple[Iterator[State], Iterator[State], _Rows]:
        """Suffix and prefix candidates with the states their feature rows are made of
        (:func:`~cleantext.features.iter_suffix_states`), in order and made as they are read (by
        :meth:`_best`, which scores them), and the unit rows used (shallow features, n-gram score,
        novelty against the document's kept ``lines``; ``hints`` and ``first``: see :class:`_Rows`)."""
        n = len(units)
        edge = [False] * n
        for i in {*range(min(n, PREFIX_UNITS + 1)), *range(max(0, n - SUFFIX_UNITS - 1), n)}:
            edge[i] = True
        sh = _Rows(self._row, edge, units, lines, hints, first)
        # furniture never takes most of a page: an edge that would remove more than MAX_SHARE of the
        # kept text (a page that is one long list) is not a candidate, whatever the model says
        suf = iter_suffix_states(units, sh, total, MAX_SHARE)
        return suf, iter_prefix_states(units, sh, total, MAX_SHARE), sh

    @staticmethod
    def _best(cands: Iterable[State], order: Sequence[int], units: list[Unit], offset: int, t: float,
              model: Callable[[Any], float]) -> tuple[int, dict[int, float]]:
        """The candidate maximising the summed gain of the units it takes (-1: none gains), and the
        probabilities of the candidates up to it (the only ones used). ``cands`` come in the order of
        ``order`` (the candidates before the share filter).

        A gain is at most ``sqrt(len) * (1 - t)`` (p <= 1): once the sum so far plus every later
        candidate's most cannot pass the best sum, no later candidate is chosen, and none is read
        (its row is not built) or scored.
        """
        root = [math.sqrt(units[c + offset].end - units[c + offset].start) for c in order]  # sqrt(len)
        most = [r * (1.0 - t) for r in root]
        rest = sum(most)
        best, acc, arg = 0.0, 0.0, -1
        p_of: dict[int, float] = {}
        rows = iter(cands)
        j = 0
        while acc + rest >= best - 1e-9 * (1.0 + best + abs(acc) + abs(rest)):  # (margin: rounding)
            nxt = next(rows, None)
            if nxt is None:
                break
            c, x = nxt
            while order[j] != c:  # dropped by the share filter
                rest -= most[j]
                j += 1
            rest -= most[j]
            j += 1
            p = p_of[c] = trees.sigmoid(model(x))
            acc += root[j - 1] * (p - t)
            if acc > best:
                best, arg = acc, c
        return arg, p_of

    def find(self, doc: Document) -> list[Removal]:
        units, total, made_of = self._units(doc)
        if len(units) < 2 or not _reads_as_article(doc.text):
            return []
        # The pipeline's second pass over a document whose kept lines and edge units are those the
        # first pass read, when that pass found nothing (no removal, no annotation): the units' texts,
        # lengths and lines, the kept text's length and the page's pair counts are the same, so are
        # every row, probability and decision, and the answer is again nothing. Only its metadata
        # reading (the title line later filters use) is made again, when the first pass made it.
        first = doc.hints.get("first_pass")
        quiet = first.get(_QUIET) if first else None
        if quiet is not None and quiet[0] is self and quiet[1] == made_of:
            if quiet[2]:
                metadata.record(doc, [])
            return []
        before = len(doc.annotations)
        out = self._find(doc, units, total, first)
        if not out and len(doc.annotations) == before:
            doc.hints[_QUIET] = (self, made_of, out is not None)
        return out or []

    def _find(self, doc: Document, units: list[Unit], total: int,
              first: dict[str, Any] | None) -> list[Removal] | None:
        """:meth:`find` past its first tests (None: the edges are not written in Chinese, so no
        metadata was read)."""
        suf, pre, sh = self.edges(units, total, doc.kept_lines(), doc.hints, first)
        if not _written_in_han(units, sh.edge):
            return None
        out: list[Removal] = []
        n = len(units)
        s, p_suf = self._best(suf, suffix_candidates(n), units, 0, self._decode["suffix"], self._suffix)
        e, p_pre = self._best(pre, prefix_candidates(n), units, -1, self._decode["prefix"], self._prefix)
        if s < 0:
            s = n
        far_s, far_e = n - SUFFIX_UNITS, PREFIX_UNITS
        if e >= s:
            e = -1
        if e > 1:
            # cut up to the last candidate sure enough, annotate the rest of the chosen prefix
            p_of = p_pre
            # never between a label and its value ("机关：" | "某省人民政府"): a cut ending on a colon waits
            sure = max((c for c in range(2, e + 1) if p_of[c] >= self._cut["prefix"]
                        and not units[c - 1].text.endswith((":", "："))), default=1)
            if sure == e == far_e < n:
                doc.hints["more"] = True  # cut to the window's edge: there may be more beyond it
            for a, b, act in ((1, sure, "cut"), (sure, e, "annotate")):
                if b > a:
                    p = p_of[b] if act == "cut" else p_of[e]
                    self._emit(doc, out, units, a, b, "page_chrome", p, act, "above the article", sh[b - 1])
        if s < n:
            # cut from the first candidate sure enough, annotate the units of the chosen suffix before it;
            # per unit: footer or related list, neighbours of one kind form one span
            p_of = p_suf
            sure = min((c for c in range(s, n) if p_of[c] >= self._cut["suffix"]), default=n)
            if sure == s == far_s > 1:
                doc.hints["more"] = True  # cut to the window's edge: there may be more beyond it
            kinds = {i: "unrelated_tail" if self._tail_score(sh[i]) > 0 else "scraper_footer"
                     for i in range(s, n)}
            i = s
            while i < n:
                act = "cut" if i >= sure else "annotate"
                j = i
                while j + 1 < n and kinds[j + 1] == kinds[i] and (j + 1 >= sure) == (i >= sure):
                    j += 1
                self._emit(doc, out, units, i, j + 1, kinds[i], p_of[i], act, "to the end of the article",
                           sh[i])
                i = j + 1
        metadata.record(doc, [(r.start, r.end) for r in out if r.kind == "page_chrome"])
        return out

    def _tail_score(self, row: tuple[float, ...]) -> float:
        return self._tail["intercept"] + sum(w * v for w, v in zip(self._tail["coef"], row, strict=True))

    def _emit(self, doc: Document, out: list[Removal], units: list[Unit], a: int, b: int, kind: str, p: float,
              act: str, where: str, row: tuple[float, ...]) -> None:
        why = f"{_WHAT[kind]}: {where}, {_evidence(row)}"
        code = f"segmenter.{kind}"
        if act == "cut":
            out.append(self.span(doc, units[a].start, units[b - 1].end, why, p, kind=kind, code=code))
        else:
            self.annotate(doc, units[a].start, units[b - 1].end, "unsure " + why, p, code=code)
