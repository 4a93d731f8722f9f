"""One fitted boilerplate segmenter for page chrome, scraper footers and unrelated tails.

Every unit of the document (:mod:`cleantext.units`: sentences and glued pieces of lines) gets its
features (:mod:`cleantext.features`); a multinomial logistic regression fitted by
``bench/fit_segmenter.py`` gives P(body | chrome | footer | tail) per unit, and a Viterbi pass with
fitted transition log-probabilities turns those into runs, so a menu at the top, a footer above or
below a related list, and a sign-off glued after the last sentence come out of one model. A run is
cut when its mean probability reaches the kind's cut threshold and only annotated when it reaches
the (lower) annotate threshold: both live in the model file, the one place that decides.
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources
from operator import mul
from pathlib import Path
from typing import Any

from .. import metadata
from ..document import Document
from ..features import NAMES, unit_features
from ..report import Removal
from ..units import Unit, split_units
from .base import Filter

KINDS = ("body", "page_chrome", "scraper_footer", "unrelated_tail")

#: Feature names in words, for the human reason of a removal.
_WORDS = {
    "len<=4": "very short",
    "len<=10": "short",
    "len<=20": "short",
    "ends_colon": "ends in a colon",
    "date_y": "a date",
    "date_md": "a month-day date",
    "time": "a clock time",
    "relative": "a relative time",
    "date_only": "only a date",
    "bullet": "a bullet",
    "number": "numbered",
    "url": "a link",
    "mail": "an e-mail",
    "phone": "a phone number",
    "icp": "a copyright/ICP mark",
    "label": "a 'label:' prefix",
    "labels_in": "several 'label:' fields",
    "seps": "separators",
    "brackets": "bracketed labels",
    "arrows": "arrows",
    "call": "a call to click/follow/share",
    "lex_chrome_label": "header labels",
    "lex_chrome_line": "a navigation phrase",
    "lex_footer": "footer wording",
    "lex_vocab_self": "the site speaks of itself",
    "lex_vocab_legal": "legal wording",
    "lex_vocab_source": "source wording",
    "lex_vocab_contact": "contact wording",
    "lex_vocab_archive": "archive wording",
    "lex_tail_heading": "a related-list heading",
    "pos_top": "at the top",
    "pos_bottom": "at the bottom",
    "first_line": "on the first line",
    "last_line": "on the last line",
    "title_sim": "like the title",
    "title_in": "repeats the title",
    "in_title": "part of the title",
    "repeated": "repeated in the page",
    "run_short": "in a run of short lines",
    "run_short_log": "in a run of short lines",
    "prose_after": "",
    "after_last_prose": "after the last paragraph",
    "before_first_prose": "above the first paragraph",
    "same_line_prev_prose": "glued after a sentence",
    "glued_after_term": "glued after a sentence",
    "bottom*date": "a date near the bottom",
    "top*label": "a 'label:' line at the top",
    "bottom*label": "a 'label:' line near the bottom",
    "first*short": "short first-line piece",
    "line_start": "",
    "term_full": "",
    "han": "",
}
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


class Segmenter(Filter):
    """Cut (or annotate) page chrome, scraper footers and unrelated tails found by a fitted model.

    Parameters:
        model: None for the shipped ``data/models/segmenter.json``, or a model dict / JSON path.
        cut: per-kind cut thresholds overriding the model's (mean run probability).
        annotate: per-kind annotate thresholds overriding the model's.
        max_units: a document with more units is scored on its first and last ``max_units / 2``.
    """

    name = "segmenter"
    kind = "scraper_footer"

    def __init__(self, model: str | Path | dict[str, Any] | None = None,
                 cut: dict[str, float] | None = None, annotate: dict[str, float] | None = None,
                 max_units: int = 4000) -> None:
        self.max_units = max_units
        m = load(model)
        if list(m["features"]) != list(NAMES):
            raise ValueError("segmenter model was fitted on other features: "
                             "refit with bench/fit_segmenter.py")
        self._classes: list[str] = m["classes"]
        self._coef: list[list[float]] = m["coef"]
        self._intercept: list[float] = m["intercept"]
        weight = float(m["log_prior_weight"])
        self._prior: list[float] = [weight * p for p in m["log_prior"]]
        self._start: list[float] = m["start"]
        self._trans: list[list[float]] = m["trans"]
        self._cut = {**m["cut"], **(cut or {})}
        self._annotate = {**m["annotate"], **(annotate or {})}
        self._cut_prose = float(m.get("cut_prose", 0.985))
        self.model = None if model is None else "custom"

    def probabilities(self, rows: list[list[float]]) -> list[list[float]]:
        """P(class | unit) for feature rows (pure Python dot products)."""
        out = []
        for x in rows:
            z = [b + sum(map(mul, coef, x)) for coef, b in zip(self._coef, self._intercept, strict=True)]
            top = max(z)
            e = [math.exp(v - top) for v in z]
            s = sum(e)
            out.append([v / s for v in e])
        return out

    def decode(self, probs: list[list[float]]) -> list[int]:
        """The most likely state sequence (Viterbi; emissions are posteriors over priors)."""
        k = len(self._classes)
        prior = self._prior
        emit = [[math.log(max(p, 1e-12)) - prior[j] for j, p in enumerate(row)] for row in probs]
        score = [self._start[j] + emit[0][j] for j in range(k)]
        back: list[list[int]] = []
        for t in range(1, len(emit)):
            new, ptr = [], []
            for j in range(k):
                best, arg = -1e300, 0
                for i in range(k):
                    v = score[i] + self._trans[i][j]
                    if v > best:
                        best, arg = v, i
                new.append(best + emit[t][j])
                ptr.append(arg)
            score = new
            back.append(ptr)
        state = max(range(k), key=lambda j: score[j])
        path = [state]
        for ptr in reversed(back):
            state = ptr[state]
            path.append(state)
        return path[::-1]

    def segment(self, doc: Document) -> tuple[list[Unit], list[list[float]], list[list[float]], list[int]]:
        """Units, feature rows, probabilities and decoded states of ``doc``'s kept lines."""
        lines = doc.kept_lines()
        units = split_units(lines)
        units = [u for u in units if not doc.is_removed(u.start, u.end)]
        if len(units) > self.max_units:
            # boilerplate sits at a page's edges: a huge document is scored on its first and last
            # max_units / 2 units only, which keeps the cost bounded per document
            half = self.max_units // 2
            units = units[:half] + units[-half:]
        rows = unit_features(units, {ln.index: len(ln) for ln in lines}, len(doc.text))
        probs = self.probabilities(rows)
        states = self.decode(probs) if units else []
        return units, rows, probs, states

    def find(self, doc: Document) -> list[Removal]:
        units, rows, probs, states = self.segment(doc)
        out: list[Removal] = []
        # each unit on its own evidence: the decoded kind, cut at the kind's cut threshold (a higher
        # one for a long finished sentence), annotated at the annotate threshold; neighbours with
        # the same decision form one span
        decision: list[tuple[int, str]] = []  # (state, "cut" | "annotate" | "")
        for u, p, s in zip(units, probs, states, strict=False):
            kind = self._classes[s]
            if kind == "body":
                decision.append((s, ""))
                continue
            cut = self._cut.get(kind, 1.01)
            if len(u) >= 20 and u.text[-1] in "。！？!?；…":
                cut = max(cut, self._cut_prose)
            act = "cut" if p[s] >= cut else "annotate" if p[s] >= self._annotate.get(kind, 1.01) else ""
            decision.append((s, act))
        n = len(units)
        k = 0
        while k < n:
            s, act = decision[k]
            j = k
            while j + 1 < n and decision[j + 1] == (s, act):
                j += 1
            if act:
                kind = self._classes[s]
                p = sum(probs[i][s] for i in range(k, j + 1)) / (j - k + 1)
                best = max(range(k, j + 1), key=lambda i: probs[i][s])
                why = f"{_WHAT[kind]}: {self._evidence(rows[best], s)}"
                code = f"segmenter.{kind}"
                if act == "cut":
                    out.append(self.span(doc, units[k].start, units[j].end, why, p, kind=kind, code=code))
                else:
                    self.annotate(doc, units[k].start, units[j].end, "unsure " + why, p, code=code)
            k = j + 1
        metadata.record(doc, [(r.start, r.end) for r in out if r.kind == "page_chrome"])
        return out

    def _evidence(self, x: list[float], s: int) -> str:
        """The strongest features for class ``s`` against body, in words."""
        contrib = sorted(((self._coef[s][i] - self._coef[0][i]) * v, NAMES[i]) for i, v in enumerate(x) if v)
        words: list[str] = []
        for c, name in reversed(contrib):
            if c <= 0 or len(words) >= 3:
                break
            base = name.split(".", 1)[-1]
            w = _WORDS.get(base, "")
            if not w:
                continue
            if name.startswith(("prev", "next")):
                w = ("after " if name.startswith("prev") else "before ") + "a unit with " + w
            if w not in words:
                words.append(w)
        return ", ".join(words) or "fitted shape and position"
