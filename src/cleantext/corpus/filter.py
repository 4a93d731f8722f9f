"""Apply a learned corpus model to one document, as a filter."""

from __future__ import annotations

from contextvars import ContextVar

import regex

from ..document import Document
from ..filters.base import Filter
from ..filters.brand import _contexts
from ..report import Removal
from ..textutil import ends_sentence, is_date_line
from .model import LearnedBrand, LearnedLine, Model, norm_line

#: The site of the document being cleaned (set by :meth:`cleantext.engine.Cleaner.clean`).
current_site: ContextVar[str | None] = ContextVar("cleantext_corpus_site", default=None)

#: Every reason this filter gives starts so: the removal came from the model, not this page alone.
_MODEL = "corpus model: "

# A known brand followed by one of these reads as a real name (李杰说, X体育大会, X市): keep, annotate.
_NAME_CONTEXT = regex.compile(
    r"说|表示|称|指出|市|区|县|省|镇|村|公司|集团|大会|大学|学院|协会|委员会|中心|馆|场"
)


class CorpusFilter(Filter):
    """Remove what a corpus :class:`~cleantext.corpus.model.Model` learned.

    - a line learned as boilerplate is removed as its learned kind (``scraper_footer``,
      ``page_chrome``, ``unrelated_tail``), with the reason ``seen in N of M documents (site S)``;
    - after a learned line that, across the corpus, was followed only by removed lines (a "more
      news" heading, a snapshot notice), the rest of the document goes too, as ``unrelated_tail``,
      but only when the line sits in the second half of the document; the same after any learned
      line past the first 30 % when every line after it is a learned line, a date or a short
      headline-like line (at least two dates or three headlines);
    - a known injected brand is removed wherever it appears, unless the text after it reads as a
      name (``X说``, ``X市``, ``X大会``): then it is annotated.

    A document of a known site (``current_site``) gets that site's lines and the lines shared by
    several sites (3+, or 2 with at least ``shared_min_ratio`` of one site's documents); a document
    without a known site gets those and every line in ``shared_min_ratio`` of some site's documents.
    """

    name = "corpus"
    kind = "scraper_footer"

    def __init__(self, model: Model, *, lines: bool = True, cut_tails: bool = True, brands: bool = True,
                 min_cut_position: float = 0.5, min_list_position: float = 0.3,
                 shared_min_ratio: float = 0.2) -> None:
        self.model = model
        self.lines = lines
        self.cut_tails = cut_tails
        self.brands = brands
        self.min_cut_position = min_cut_position
        self.min_list_position = min_list_position
        self.shared_min_ratio = shared_min_ratio
        self._index: dict[str, dict[str, LearnedLine]] | None = None
        self._any: dict[str, LearnedLine] = {}
        self._shared: dict[str, LearnedLine] = {}
        self._cut: set[str] = set()
        self._brand_re: regex.Pattern[str] | None = None
        self._brand: dict[str, LearnedBrand] = {}
        self._left, self._right = _contexts()

    def __getstate__(self) -> dict[str, object]:
        return {k: v for k, v in vars(self).items() if not k.startswith("_")}

    def __setstate__(self, state: dict[str, object]) -> None:
        state = dict(state)
        model = state.pop("model")
        self.__init__(model, **state)  # type: ignore[misc]

    def _build(self) -> None:
        index: dict[str, dict[str, LearnedLine]] = {}
        best: dict[str, LearnedLine] = {}
        tails: dict[str, list[int]] = {}
        for ln in self.model.lines:
            index.setdefault(ln.site, {})[ln.text] = ln
            b = best.get(ln.text)
            if b is None or ln.ratio > b.ratio:
                best[ln.text] = ln
            t = tails.setdefault(ln.text, [0, 0])
            t[0] += ln.tail_docs
            t[1] += ln.docs
        sites: dict[str, int] = {}
        for ln in self.model.lines:
            sites[ln.text] = sites.get(ln.text, 0) + 1
        self._index, self._any = index, best
        # lines that travel to other sites: learned on 3+ sites, or on 2 with a strong share on one of them
        self._shared = {k: v for k, v in best.items()
                        if sites[k] >= 3 or (sites[k] == 2 and v.ratio >= self.shared_min_ratio)}
        self._any = {k: v for k, v in best.items() if k in self._shared or v.ratio >= self.shared_min_ratio}
        # a line that, summed over all sites, was followed only by noise cuts the rest on every site
        ratio = float(self.model.params.get("tail_ratio", 0.6))
        self._cut = {k for k, (tail, docs) in tails.items() if docs and tail >= ratio * docs
                     and best[k].pos >= 0.5}
        self._brand = {b.token: b for b in self.model.brands}
        if self._brand:
            toks = sorted(self._brand, key=lambda t: (-len(t), t))
            self._brand_re = regex.compile("|".join(regex.escape(t) for t in toks))

    def _lookup(self, key: str, site: str | None) -> LearnedLine | None:
        """The site's own learned line, else one shared by several sites.

        A document whose site the model does not know (or that has no site) gets the shared lines
        and the lines that are in at least ``shared_min_ratio`` of some site's documents.
        """
        assert self._index is not None
        own = self._index.get(site) if site is not None else None
        if own is None:
            return self._any.get(key)
        hit = own.get(key)
        return hit if hit is not None else self._shared.get(key)

    def _list_follows(self, doc: Document, index: int, site: str | None, min_items: int = 2) -> bool:
        """Everything after line ``index`` is a learned line, a date, or a short (headline-like) line."""
        items = dates = 0
        for ln in doc.lines[index + 1:]:
            if doc.is_removed(ln.start, ln.end):
                continue
            if self._lookup(norm_line(ln.text), site) is not None:
                continue
            if is_date_line(ln.text):
                dates += 1
                continue
            if len(ln) <= 40 or (len(ln) <= 60 and not ends_sentence(ln.text)):
                items += 1
                continue
            return False
        return items + dates >= min_items and (dates >= 2 or items >= 3)

    def find(self, doc: Document) -> list[Removal]:
        if self._index is None:
            self._build()
        site = current_site.get()
        out: list[Removal] = []
        n = len(doc.text)
        cut_at: int | None = None
        for ln in doc.lines if self.lines else ():
            if cut_at is not None:
                break
            key = norm_line(ln.text)
            learned = self._lookup(key, site)
            if learned is None:
                continue
            # a rare related-news item (a popular headline) goes only with its list, never alone
            if learned.kind == "unrelated_tail" and learned.ratio < self.shared_min_ratio:
                continue
            if not doc.is_removed(ln.start, ln.end):
                out.append(self.span(doc, ln.start, ln.end, _MODEL + learned.reason(),
                                     score=min(1.0, 0.6 + 0.4 * learned.ratio), kind=learned.kind,
                                     code="corpus.site_line"))
            if not (self.cut_tails and n and ln.start >= self.min_list_position * n):
                continue
            if (learned.cut_after or key in self._cut) and ln.start >= self.min_cut_position * n:
                reason = (f"{_MODEL}after a line seen in {learned.docs:,} of {learned.site_docs:,} "
                          f"documents, everything that followed was noise in {learned.tail_docs:,} of them")
                score = min(1.0, 0.5 + 0.4 * learned.tail_docs / learned.docs)
            elif self._list_follows(doc, ln.index, site):
                reason = (f"{_MODEL}list of short headline/date lines to the end, after a line seen in "
                          f"{learned.docs:,} of {learned.site_docs:,} documents")
                score = 0.8
            else:
                continue
            cut_at = ln.end
            for rest in doc.lines[ln.index + 1:]:
                if doc.is_removed(rest.start, rest.end):
                    continue
                other = self._lookup(norm_line(rest.text), site)
                if other is not None:
                    out.append(self.span(doc, rest.start, rest.end, _MODEL + other.reason(),
                                         score=min(1.0, 0.6 + 0.4 * other.ratio), kind=other.kind,
                                         code="corpus.site_line"))
                else:
                    out.append(self.span(doc, rest.start, rest.end, reason, score=score,
                                         kind="unrelated_tail", code="corpus.tail_after_line"))
        if self.brands and self._brand_re is not None:
            for m in self._brand_re.finditer(doc.text):
                s, e = m.span()
                if doc.is_removed(s, e) or any(r.start <= s and e <= r.end for r in out):
                    continue
                b = self._brand[m.group()]
                # learned from weak evidence: the words a name takes on either side keep it too (据X, X表示)
                tied = b.weak_docs and (doc.text.endswith(self._left, 0, s)
                                        or doc.text.startswith(self._right, e))
                if _NAME_CONTEXT.match(doc.text, e) or tied:
                    doc.annotations.append(self.span(doc, s, e, _MODEL + b.reason() + "; kept: reads as a "
                                                     "name here", score=0.2, kind="brand_spam",
                                                     code="corpus.known_brand"))
                    continue
                out.append(self.span(doc, s, e, _MODEL + b.reason(), score=min(0.95, 0.5 + 0.5 * b.ratio),
                                     kind="brand_spam", code="corpus.known_brand"))
        return out


def with_model(filters: list[Filter], model: Model) -> list[Filter]:
    """``filters`` with a model's two filters put where they help most.

    The learned lines go just before the first footer or tail filter (so those see a site footer
    already gone and find the related-news list that now reaches the end of the document); the
    known brands go last, after the per-document brand filter, which keeps its own evidence.
    """
    out = list(filters)
    at = next((i for i, f in enumerate(out) if f.kind in ("scraper_footer", "unrelated_tail")), len(out))
    out.insert(at, CorpusFilter(model, brands=False))
    out.append(CorpusBrandFilter(model))
    return out


class CorpusBrandFilter(CorpusFilter):
    """Only the known-brand part of :class:`CorpusFilter` (see :func:`with_model`)."""

    name = "corpus_brand"
    kind = "brand_spam"

    def __init__(self, model: Model, **kw: object) -> None:
        kw.setdefault("lines", False)
        super().__init__(model, **kw)  # type: ignore[arg-type]
