"""Apply a learned corpus model to one document, as a filter."""

from __future__ import annotations

from contextvars import ContextVar

import regex

from ..document import Document
from ..filters.base import Filter
from ..report import Removal
from .model import LearnedBrand, LearnedLine, Model, norm_line

#: The site of the document being cleaned (set by :meth:`cleantext.engine.Cleaner.clean`).
current_site: ContextVar[str | None] = ContextVar("cleantext_corpus_site", default=None)

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
      but only when the line sits in the second half of the document;
    - a known injected brand is removed wherever it appears, unless the text after it reads as a
      name (``X说``, ``X市``, ``X大会``): then it is annotated.

    The site's own lines are preferred (``current_site``); lines learned on other sites apply too.
    """

    name = "corpus"
    kind = "scraper_footer"

    def __init__(self, model: Model, *, cut_tails: bool = True, brands: bool = True,
                 min_cut_position: float = 0.5) -> None:
        self.model = model
        self.cut_tails = cut_tails
        self.brands = brands
        self.min_cut_position = min_cut_position
        self._index: dict[str, dict[str, LearnedLine]] | None = None
        self._any: dict[str, LearnedLine] = {}
        self._brand_re: regex.Pattern[str] | None = None
        self._brand: dict[str, LearnedBrand] = {}

    def __getstate__(self) -> dict[str, object]:
        return {"model": self.model, "cut_tails": self.cut_tails, "brands": self.brands,
                "min_cut_position": self.min_cut_position}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(state["model"], cut_tails=state["cut_tails"], brands=state["brands"],  # type: ignore[misc]
                      min_cut_position=state["min_cut_position"])

    def _build(self) -> None:
        index: dict[str, dict[str, LearnedLine]] = {}
        best: dict[str, LearnedLine] = {}
        for ln in self.model.lines:
            index.setdefault(ln.site, {})[ln.text] = ln
            b = best.get(ln.text)
            if b is None or ln.ratio > b.ratio:
                best[ln.text] = ln
        self._index, self._any = index, best
        self._brand = {b.token: b for b in self.model.brands}
        if self._brand:
            toks = sorted(self._brand, key=lambda t: (-len(t), t))
            self._brand_re = regex.compile("|".join(regex.escape(t) for t in toks))

    def _lookup(self, key: str, site: str | None) -> LearnedLine | None:
        assert self._index is not None
        if site is not None:
            own = self._index.get(site)
            if own is not None and key in own:
                return own[key]
        return self._any.get(key)

    def find(self, doc: Document) -> list[Removal]:
        if self._index is None:
            self._build()
        site = current_site.get()
        out: list[Removal] = []
        n = len(doc.text)
        cut_at: int | None = None
        for ln in doc.lines:
            if cut_at is not None:
                break
            learned = self._lookup(norm_line(ln.text), site)
            if learned is None:
                continue
            if not doc.is_removed(ln.start, ln.end):
                out.append(self.span(doc, ln.start, ln.end, learned.reason(),
                                     score=min(1.0, 0.6 + 0.4 * learned.ratio), kind=learned.kind))
            if self.cut_tails and learned.cut_after and n and ln.start >= self.min_cut_position * n:
                cut_at = ln.end
                reason = (f"after a line seen in {learned.docs:,} of {learned.site_docs:,} documents, "
                          f"everything that followed was noise in {learned.tail_docs:,} of them")
                for rest in doc.lines[ln.index + 1:]:
                    if not doc.is_removed(rest.start, rest.end):
                        out.append(self.span(doc, rest.start, rest.end, reason,
                                             score=min(1.0, 0.5 + 0.4 * learned.tail_docs / learned.docs),
                                             kind="unrelated_tail"))
        if self.brands and self._brand_re is not None:
            for m in self._brand_re.finditer(doc.text):
                s, e = m.span()
                if doc.is_removed(s, e) or any(r.start <= s and e <= r.end for r in out):
                    continue
                b = self._brand[m.group()]
                if _NAME_CONTEXT.match(doc.text, e):
                    doc.annotations.append(self.span(doc, s, e, b.reason() + "; kept: reads as a name here",
                                                     score=0.2, kind="brand_spam"))
                    continue
                out.append(self.span(doc, s, e, b.reason(), score=min(0.95, 0.5 + 0.5 * b.ratio),
                                     kind="brand_spam"))
        return out
