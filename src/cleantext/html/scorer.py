"""The fitted block scorer: a probability per line that it is main text, in two linear stages.

Stage 1 reads the line's own DOM features (:mod:`.features`); stage 2, the context pass, reads the
stage-1 scores of its neighbours (one and three lines either side), of the other lines under its
parent and grandparent elements, and of the other lines with the same element path (repeated
structure), so a short subheading inside an article rises with it, a paragraph-like line inside
a sidebar falls with the sidebar, and one teaser of a list goes with the others. Both stages are
logistic regressions fitted by ``bench/fit_html.py`` on the shared HTML pages (leave-one-source-out
validated); their weights live in ``data/models/html_blocks.json`` (standardisation folded into the
weights), so inference is a dot product per line in pure Python.
"""

from __future__ import annotations

import json
import math
import os
from importlib import resources
from operator import mul
from typing import Any

from .blocks import Line
from .features import NAMES

__all__ = ["CONTEXT_NAMES", "context", "load_model", "probabilities", "stage1"]

CONTEXT_NAMES = ("bias", "z", "z_prev1", "z_next1", "z_win3", "z_parent", "z_gparent", "z_same_path")

_MODEL: dict[str, Any] | None = None


def load_model(path: str | None = None) -> dict[str, Any]:
    """The shipped model (cached), or the one at ``path`` (or ``$CLEANTEXT_HTML_MODEL``: how the
    left-out models of ``bench/fit_html.py --loso-dir`` are scored by ``score_html.py``)."""
    global _MODEL
    path = path or os.environ.get("CLEANTEXT_HTML_MODEL") or None
    if path is not None:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    if _MODEL is None:
        src = resources.files("cleantext").joinpath("data/models/html_blocks.json")
        _MODEL = json.loads(src.read_text(encoding="utf-8"))
        if tuple(_MODEL["features"]) != NAMES:
            raise ValueError("html_blocks.json was fitted on other features: rerun bench/fit_html.py")
    return _MODEL


def stage1(X: list[list[float]], weights: list[float]) -> list[float]:
    return [sum(map(mul, weights, x)) for x in X]  # dot products


def context(lines: list[Line], z: list[float]) -> list[list[float]]:
    """Stage-2 inputs per line: its own score and the character-weighted scores around it."""
    n = len(lines)
    par: dict[int, list[float]] = {}
    same: dict[int, list[float]] = {}  # per element path: weighted score sum, weight
    log1p = math.log1p
    w = [log1p(ln.chars) for ln in lines]
    wz = [wk * zk for wk, zk in zip(w, z, strict=True)]
    for k, ln in enumerate(lines):
        x, wk = wz[k], w[k]
        a = same.get(ln.sig)
        if a is None:
            a = same[ln.sig] = [0.0, 0.0]
        a[0] += x
        a[1] += wk
        for node in ln.path[-3:-1]:
            a = par.get(node.serial)
            if a is None:
                a = par[node.serial] = [0.0, 0.0]
            a[0] += x
            a[1] += wk
    out = []
    for k, ln in enumerate(lines):
        p = ln.path
        a = par.get(p[-2].serial) if len(p) >= 2 else None
        b = par.get(p[-3].serial) if len(p) >= 3 else None
        zk = z[k]
        zp = a[0] / a[1] if a and a[1] else zk
        zg = b[0] / b[1] if b and b[1] else zp
        sp = same[ln.sig]
        rest = sp[1] - w[k]  # the other lines with this path (the line's own score is z)
        zs = (sp[0] - w[k] * zk) / rest if rest > 1e-9 else zk
        # the character-weighted mean score of the three lines either side (in order, as summed before;
        # written out, the same additions in the same order, from 0.0, where all six lines exist)
        if 3 <= k < n - 3:
            s = 0.0 + wz[k - 3] + wz[k - 2] + wz[k - 1] + wz[k + 1] + wz[k + 2] + wz[k + 3]
            t = 0.0 + w[k - 3] + w[k - 2] + w[k - 1] + w[k + 1] + w[k + 2] + w[k + 3]
        else:
            s = t = 0.0
            for m in range(k - 3 if k > 3 else 0, k + 4 if k + 4 < n else n):
                if m != k:
                    s += wz[m]
                    t += w[m]
        out.append([1.0, zk, z[k - 1] if k else 0.0, z[k + 1] if k + 1 < n else 0.0,
                    s / t if t else 0.0, zp, zg, zs])
    return out


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def probabilities(lines: list[Line], X: list[list[float]],
                  model: dict[str, Any] | None = None) -> list[float]:
    """P(main text) per line."""
    m = model or load_model()
    z = stage1(X, m["stage1"])
    C = context(lines, z)
    w2, sig = m["stage2"], _sigmoid
    return [sig(sum(map(mul, w2, c))) for c in C]
