"""Learn boilerplate lines and injected brands from many documents.

One pass runs the single-document pipeline over every document and keeps, per document, a compact
observation: its non-blank lines (normalised, see :func:`~cleantext.corpus.model.norm_line`) with
their relative position, whether the pipeline removed them and as what, whether everything after
them was removed; and the tokens the brand filter removed. Repeated copies of one article within a
site are counted once (a document's fingerprint is its longest cleaned line), so an article scraped
five times does not turn into boilerplate.

A line becomes boilerplate of a site when it appears in at least ``max(min_docs, min_ratio x site
documents)`` distinct documents of that site: a sentence that two sites quote, or one site quotes
twice, stays content. A brand token becomes known when the brand filter removed it in at least
``brand_min_docs`` documents and in at least ``brand_min_ratio`` of the documents that contain it
(a second, cheap pass counts those). A candidate with only moderate evidence in each page (the
brand filter kept it and annotated it, ``brand.weak``) becomes known when it was removed or
annotated in at least ``brand_weak_min_docs`` documents and in at least ``brand_weak_min_ratio`` of
those that contain it: one page is not enough, the same unexplained token in many pages is
(issue 11, item 5). Such tokens travel with the removed ones, marked with :data:`WEAK`, so the
summed rows (here and in the distributed learner) need no new column.

The counting is a sum of per-document rows (:class:`Counts`), so it runs the same way in one
process (:func:`learn`) and as a distributed aggregation (:func:`cleantext.integrations.ray.learn_ray`).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

import regex

from ..document import split_lines
from ..report import KINDS, Result
from .model import LearnedBrand, LearnedLine, Model, letters, norm_line


@dataclass(slots=True)
class Params:
    """Learning thresholds (relative to the number of documents of each site)."""

    min_docs: int = 5  # a line must appear in at least this many distinct documents of a site ...
    min_ratio: float = 0.05  # ... and in at least this share of them
    min_letters: int = 2  # lines of dates, numbers and punctuation are never learned
    max_chars: int = 2000  # longer lines are never learned
    tail_ratio: float = 0.6  # learn "cut the rest" when the rest was removed in this share of documents
    brand_min_docs: int = 3  # a brand must have been removed in this many documents ...
    brand_min_ratio: float = 0.2  # ... and in this share of the documents that contain it
    brand_min_chars: int = 2
    brand_max_chars: int = 24
    brand_weak_min_docs: int = 5  # removed or annotated (weak evidence) in this many documents ...
    brand_weak_min_ratio: float = 0.5  # ... and in this share of the documents that contain it


#: prefix of a token the brand filter only annotated (kept for weak evidence) in a document
WEAK = "\x00weak\x00"


def _split_weak(tok: str) -> tuple[str, bool]:
    return (tok[len(WEAK):], True) if tok.startswith(WEAK) else (tok, False)


def _h64(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                          "little", signed=True)


@dataclass(slots=True)
class Observation:
    """What one document contributes to learning."""

    site: str
    fp: int  # fingerprint of the article (its longest cleaned line)
    h: int  # hash of the whole input (chooses one copy among repeats, the same way everywhere)
    # norm -> (relative offset of its start, removed kind or "", everything after removed, original text)
    lines: dict[str, tuple[float, str, bool, str]] = field(default_factory=dict)
    brands: set[str] = field(default_factory=set)


def observe(text: str, result: Result, site: str = "") -> Observation:
    """Turn one pipeline result into an :class:`Observation`."""
    src = result.report.source_text if result.report.source_text is not None else text
    lines = split_lines(src)
    cuts = [(r.start, r.end, r.kind) for r in result.report.removals]
    removed = [0] * len(lines)
    kinds: list[dict[str, int]] = [{} for _ in lines]
    j = 0
    for i, ln in enumerate(lines):
        while j < len(cuts) and cuts[j][1] <= ln.start:
            j += 1
        k = j
        while k < len(cuts) and cuts[k][0] < ln.end:
            s, e, kind = cuts[k]
            n = min(e, ln.end) - max(s, ln.start)
            if n > 0:
                removed[i] += n
                kinds[i][kind] = kinds[i].get(kind, 0) + n
            k += 1
    gone = [removed[i] >= 0.9 * len(ln) for i, ln in enumerate(lines)]
    rest_gone = [False] * len(lines)
    all_after = True
    for i in range(len(lines) - 1, -1, -1):
        rest_gone[i] = all_after and i < len(lines) - 1
        all_after = all_after and gone[i]
    obs = Observation(site=site or "", fp=0, h=_h64(src))
    size = max(len(src), 1)
    longest = ""
    for i, ln in enumerate(lines):
        key = norm_line(ln.text)
        if not key:
            continue
        kind = max(kinds[i], key=kinds[i].__getitem__) if removed[i] >= 0.5 * len(ln) else ""
        if key not in obs.lines:
            obs.lines[key] = (round(ln.start / size, 4), kind, rest_gone[i], ln.text)
        if not gone[i] and len(ln.text) > len(longest):
            longest = ln.text
    obs.fp = _h64(longest) if longest else obs.h
    for r in result.report.removals:
        if r.kind == "brand_spam":
            tok = r.text.strip()
            if tok:
                obs.brands.add(tok)
    for r in result.report.annotations:
        if r.code == "brand.weak":
            tok = r.text.strip()
            if tok and tok not in obs.brands:
                obs.brands.add(WEAK + tok)
    return obs


_KIND_COLS = tuple(f"k_{k}" for k in KINDS)
#: Positions are summed as integers in these units (an observation's position has 4 decimals).
POS_UNITS = 10_000


def pos_units(pos: float) -> int:
    return round(pos * POS_UNITS)


class Counts:
    """Summable counts: per (site, line) and per brand token, plus documents per site.

    ``rows()`` / ``from_rows()`` turn them into flat records (the unit of a distributed group-by-sum).
    """

    def __init__(self) -> None:
        self.site_docs: dict[str, int] = {}
        self.docs = 0
        # (site, line) -> [docs, pos_sum, removed, tail, {kind: n}, example]; pos_sum is in units of
        # 1/10,000 (integers add up alike in any order) and example is the smallest original spelling,
        # so one process and a distributed sum write byte-identical models
        self.lines: dict[tuple[str, str], list[Any]] = {}
        self.brand_flags: dict[tuple[str, str], int] = {}  # (site, token) -> documents

    def add_lines(self, obs: Observation) -> None:
        """Count one distinct document's lines."""
        self.site_docs[obs.site] = self.site_docs.get(obs.site, 0) + 1
        for key, (pos, kind, tail, example) in obs.lines.items():
            c = self.lines.get((obs.site, key))
            if c is None:
                c = self.lines[(obs.site, key)] = [0, 0, 0, 0, {}, example]
            elif example < c[5]:
                c[5] = example
            c[0] += 1
            c[1] += pos_units(pos)
            if kind:
                c[2] += 1
                c[4][kind] = c[4].get(kind, 0) + 1
            c[3] += tail

    def add_brands(self, obs: Observation) -> None:
        """Count one document's flagged brand tokens (every document, repeats included)."""
        self.docs += 1
        for tok in obs.brands:
            self.brand_flags[(obs.site, tok)] = self.brand_flags.get((obs.site, tok), 0) + 1

    def rows(self) -> Iterator[dict[str, Any]]:
        base = {c: 0 for c in _KIND_COLS}
        yield {"type": "docs", "site": "", "key": "", "docs": self.docs, "pos_sum": 0, "removed": 0,
               "tail": 0, **base, "example": ""}
        for site, n in self.site_docs.items():
            yield {"type": "site", "site": site, "key": "", "docs": n, "pos_sum": 0, "removed": 0,
                   "tail": 0, **base, "example": ""}
        for (site, key), (n, pos, rem, tail, kinds, ex) in self.lines.items():
            row = {"type": "line", "site": site, "key": key, "docs": n, "pos_sum": pos, "removed": rem,
                   "tail": tail, **base, "example": ex}
            for k, v in kinds.items():
                row[f"k_{k}"] = v
            yield row
        for (site, tok), n in self.brand_flags.items():
            yield {"type": "brand", "site": site, "key": tok, "docs": n, "pos_sum": 0, "removed": 0,
                   "tail": 0, **base, "example": ""}

    @classmethod
    def from_rows(cls, rows: Iterable[dict[str, Any]]) -> Counts:
        c = cls()
        for r in rows:
            t, site, key, n = r["type"], r["site"], r["key"], int(r["docs"])
            if t == "docs":
                c.docs += n
            elif t == "site":
                c.site_docs[site] = c.site_docs.get(site, 0) + n
            elif t == "brand":
                c.brand_flags[(site, key)] = c.brand_flags.get((site, key), 0) + n
            elif t == "line":
                kinds = {k: int(r.get(f"k_{k}", 0)) for k in KINDS if int(r.get(f"k_{k}", 0))}
                prev = c.lines.get((site, key))
                ex = r.get("example") or key
                if prev is None:
                    c.lines[(site, key)] = [n, int(r["pos_sum"]), int(r["removed"]), int(r["tail"]), kinds,
                                            ex]
                else:
                    prev[0] += n
                    prev[1] += int(r["pos_sum"])
                    prev[5] = min(prev[5], ex)
                    prev[2] += int(r["removed"])
                    prev[3] += int(r["tail"])
                    for k, v in kinds.items():
                        prev[4][k] = prev[4].get(k, 0) + v
        return c

    def brand_totals(self) -> dict[str, list[int]]:
        """token -> [documents where it was removed, documents where it was only annotated, sites]."""
        per_tok: dict[str, list[int]] = {}
        sites: dict[str, set[str]] = {}
        for (site, key), n in self.brand_flags.items():
            tok, weak = _split_weak(key)
            per_tok.setdefault(tok, [0, 0, 0])[weak] += n
            sites.setdefault(tok, set()).add(site)
        for tok, t in per_tok.items():
            t[2] = len(sites[tok])
        return per_tok

    def brand_candidates(self, p: Params) -> list[str]:
        return sorted(t for t, (fl, wk, _) in self.brand_totals().items()
                      if (fl >= p.brand_min_docs or fl + wk >= p.brand_weak_min_docs)
                      and p.brand_min_chars <= len(t) <= p.brand_max_chars and not t.isdigit())


def brand_matcher(tokens: Iterable[str]) -> regex.Pattern[str] | None:
    toks = sorted(set(tokens), key=lambda t: (-len(t), t))
    if not toks:
        return None
    return regex.compile("|".join(regex.escape(t) for t in toks))


def count_containing(texts: Iterable[str], tokens: list[str]) -> dict[str, int]:
    """Documents that contain each token (the second, cheap pass)."""
    pat = brand_matcher(tokens)
    out = dict.fromkeys(tokens, 0)
    if pat is None:
        return out
    for text in texts:
        for t in set(pat.findall(text, overlapped=True)):
            out[t] += 1
    return out


def build_model(counts: Counts, containing: dict[str, int], p: Params,
                distinct_docs: int | None = None) -> Model:
    """Apply the thresholds to summed counts."""
    lines: list[LearnedLine] = []
    for (site, key), (n, pos_sum, rem, tail, kinds, ex) in counts.lines.items():
        site_n = counts.site_docs.get(site, 0)
        if n < max(p.min_docs, math.ceil(p.min_ratio * site_n)):
            continue
        if letters(key) < p.min_letters or len(key) > p.max_chars:
            continue
        pos = pos_sum / POS_UNITS / n
        useful = {k: v for k, v in kinds.items() if k != "duplicate"}
        if useful and rem >= 0.3 * n:
            kind = max(sorted(useful), key=useful.__getitem__)
        else:
            kind = "page_chrome" if pos < 0.3 else "scraper_footer"
        cut = tail >= p.tail_ratio * n and pos >= 0.5
        lines.append(LearnedLine(site=site, text=key, docs=n, site_docs=site_n, kind=kind, pos=round(pos, 4),
                                 removed_docs=rem, tail_docs=tail, cut_after=cut, example=ex))
    lines.sort(key=lambda x: (x.site, -x.docs, x.text))

    flagged = counts.brand_totals()
    brands = []
    for tok, cont in containing.items():
        fl, wk, sites = flagged.get(tok, (0, 0, 0))
        cont = max(cont, fl + wk)
        if fl >= p.brand_min_docs and fl >= p.brand_min_ratio * cont:
            brands.append(LearnedBrand(token=tok, flagged_docs=fl, containing_docs=cont, sites=sites))
        elif fl + wk >= p.brand_weak_min_docs and fl + wk >= p.brand_weak_min_ratio * cont:
            brands.append(LearnedBrand(token=tok, flagged_docs=fl, containing_docs=cont, sites=sites,
                                       weak_docs=wk))
    brands.sort(key=lambda b: (-b.flagged_docs, b.token))
    return Model(lines=lines, brands=brands, docs=counts.docs,
                 distinct_docs=sum(counts.site_docs.values()) if distinct_docs is None else distinct_docs,
                 sites=dict(sorted(counts.site_docs.items())), params=asdict(p))


Record = str | dict[str, Any]


def _text_site(rec: Record, text_field: str, site_field: str | None) -> tuple[str, str]:
    if isinstance(rec, str):
        return rec, ""
    text = rec.get(text_field)
    if text is None:
        raise KeyError(f"record has no {text_field!r} field")
    site = rec.get(site_field) if site_field else None
    return str(text), "" if site is None else str(site)


def learn(records: Iterable[Record] | Callable[[], Iterable[Record]], *, text_field: str = "text",
          site_field: str | None = "site", params: Params | None = None, cleaner: Any = None,
          progress: Callable[[int], None] | None = None) -> Model:
    """Learn a :class:`Model` from documents (strings, or dicts with ``text_field``/``site_field``).

    ``records`` is read twice (the second pass only searches for brand candidates): pass a list, a
    re-iterable, or a function returning a fresh iterable; a one-shot iterator is first listed.
    Without a site field every document belongs to one batch, and thresholds are relative to it.
    """
    p = params or Params()
    if callable(records):
        source: Callable[[], Iterable[Record]] = records
    else:
        if iter(records) is records:  # a one-shot iterator
            records = list(records)
        source = lambda: records  # noqa: E731
    if cleaner is None:
        from ..engine import Cleaner

        cleaner = Cleaner()
    counts = Counts()
    best: dict[tuple[str, int], Observation] = {}
    n = 0
    for rec in source():
        text, site = _text_site(rec, text_field, site_field)
        obs = observe(text, cleaner.clean(text), site)
        counts.add_brands(obs)
        k = (obs.site, obs.fp)
        if k not in best or obs.h < best[k].h:
            best[k] = obs
        n += 1
        if progress is not None and n % 1000 == 0:
            progress(n)
    for obs in best.values():
        counts.add_lines(obs)
    cands = counts.brand_candidates(p)
    containing = count_containing((_text_site(r, text_field, site_field)[0] for r in source()), cands) \
        if cands else {}
    return build_model(counts, containing, p)
