#!/usr/bin/env python3
"""Fit the HTML block scorer (``src/cleantext/data/models/html_blocks.json``) and print its left-out table.

    python bench/fit_html.py [--data ../shared/data] [--out src/cleantext/data/models/html_blocks.json]
                             [--loso-dir DIR]

Sources: cwced-zh, gne-zh-dev, readability-pages (each page's gold main text). A line's label is
whether most of its character 4-grams occur in the gold text; lines weigh by the square root of
their length (the metric counts characters). Stage 1 is a logistic regression on the line's DOM
features, stage 2 one on the stage-1 scores around it (out-of-fold scores, so stage 2 learns how
far to trust stage 1 on pages it has not seen); the decoding parameters (threshold, length weight,
inner cut) are chosen on the training pages by the page metric (bigram F1, macro over pages).

Leave-one-source-out: for each source, everything is fitted on the other two and the source is
scored; ``--loso-dir`` also writes those three models (``html_blocks.without-<source>.json``) so
``../shared/eval/score_html.py`` can score them (``CLEANTEXT_HTML_MODEL=...``). The shipped model
is fitted on all three. Needs the ``fit`` extra (scikit-learn, numpy); reads ../shared at fit time
only: the model file holds weights and thresholds, no text.
"""

from __future__ import annotations

import argparse
import collections
import glob
import json
import math
import os
import re
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from cleantext.html.blocks import parse_page  # noqa: E402
from cleantext.html.extract import choose  # noqa: E402
from cleantext.html.features import NAMES, features  # noqa: E402
from cleantext.html.scorer import CONTEXT_NAMES, context  # noqa: E402
from cleantext.io.decoding import decode  # noqa: E402

SOURCES = ("cwced-zh", "gne-zh-dev", "readability-pages")


def norm(s: str) -> str:
    return re.sub(r"[\s\W_]+", "", s or "", flags=re.U)


def grams(s: str) -> collections.Counter[str]:
    s = norm(s)
    return collections.Counter(s[i:i + 2] for i in range(len(s) - 1))


def page_f1(g: collections.Counter[str], pred: str) -> float:
    p = grams(pred)
    tp = sum((g & p).values())
    if not tp:
        return 0.0
    P, R = tp / sum(p.values()), tp / max(1, sum(g.values()))
    return 2 * P * R / (P + R)


def load_source(d: str) -> list[tuple[str, bytes, str]]:
    out = []
    if os.path.exists(os.path.join(d, "gold.json")):
        gold = json.load(open(os.path.join(d, "gold.json"), encoding="utf-8"))
        for k in sorted(gold):
            out.append((k, open(os.path.join(d, "htmls", k + ".html"), "rb").read(), gold[k]["content"]))
    else:
        for f in sorted(glob.glob(os.path.join(d, "original", "*.html"))):
            k = os.path.basename(f)[:-5]
            g = open(os.path.join(d, "cleaned", k + ".txt"), "rb").read().decode("utf-8", "replace")
            out.append((k, open(f, "rb").read(), g))
    return out


class Page:
    __slots__ = ("key", "src", "lines", "X", "y", "w", "gold", "gold_text")

    def __init__(self, key: str, src: str, raw: bytes, gold: str) -> None:
        self.key, self.src = key, src
        text, _ = decode(raw)
        self.lines = parse_page(text, "lxml").lines
        self.X = np.array(features(self.lines), dtype=float).reshape(-1, len(NAMES))
        self.y, self.w = label(self.lines, gold)
        self.gold = grams(gold)
        self.gold_text = gold


def shingles(s: str, n: int = 4) -> list[str]:
    """Character n-grams of a normalised text. Bigrams are too common to tell whether a line is in the
    gold: any English line of 15 letters shares most of its bigrams with any long English text."""
    return [s[i:i + n] for i in range(len(s) - n + 1)]


def label(lines: list, gold: str) -> tuple[np.ndarray, np.ndarray]:
    """1 for lines of the gold text, in context: a short line counts only when it occurs in the gold
    together with the start of the next line or the end of the previous one (a menu word such as
    "News" occurs in any article); long lines by their 4-grams (the gold may differ in details)."""
    G = norm(gold)
    gset = set(shingles(G))
    ns = [norm(ln.text) for ln in lines]
    y, w = [], []
    for k, ln in enumerate(lines):
        s = ns[k]
        prev = next((ns[m] for m in range(k - 1, max(k - 4, -1), -1) if ns[m]), "")
        nxt = next((ns[m] for m in range(k + 1, min(k + 4, len(lines))) if ns[m]), "")
        if not s:
            lab = 0
        elif len(s) >= 15:
            g = shingles(s)
            lab = 1 if s in G or (g and sum(1 for q in g if q in gset) / len(g) >= 0.6) else 0
        else:
            lab = 1 if s in G and ((prev and prev[-6:] + s in G) or (nxt and s + nxt[:6] in G)
                                   or len(G) < 3 * len(s)) else 0
        y.append(lab)
        w.append(0.0 if ln.hidden else math.sqrt(max(len(s), 1)))
    return np.array(y), np.array(w)


#: Features whose sign is known before any fit (a prior, from what the feature measures): the fit may
#: shrink them to zero but not flip them, so a feature rare in the training sources (``<article>`` on
#: Chinese pages) cannot learn the opposite of what it means from a few pages.
POSITIVE_SIGN = {"log_own", "log_units", "log_chars", "punct_rate", "log_punct", "sentence_end", "tag_p",
                 "w_pos", "evidence",
                 "t_article", "in_main_box", "main_box_share", "parent_prose_share", "gparent_prose_share",
                 *(n for n in CONTEXT_NAMES if n.startswith("z"))}
NEGATIVE_SIGN = {"link_density", "all_link", "tag_a_only", "list_run", "log_dated_repeats",
                 "log_entry_repeats", "entry_dated", "entry_linked_dated", "path_dated",
                 "short_plain", "footer_words", "w_neg", "w_comment", "w_nav",
                 "w_side", "w_foot", "w_head", "w_related", "w_share", "w_ad", "t_nav", "t_aside", "t_footer",
                 "t_header", "t_form", "aria_hidden", "parent_link_density", "gparent_link_density"}


def fit_lr(X: np.ndarray, y: np.ndarray, w: np.ndarray, C: float, names: tuple[str, ...]) -> list[float]:
    """Weighted L2 logistic regression on standardised features, signs bounded by the priors above;
    returns weights on the raw features (bias first)."""
    from scipy.optimize import minimize

    mu = X[:, 1:].mean(axis=0)
    sd = X[:, 1:].std(axis=0)
    sd[sd < 1e-9] = 1.0
    Z = np.hstack([np.ones((len(X), 1)), (X[:, 1:] - mu) / sd])
    w = w / w.sum()
    lam = 1.0 / (C * len(X))

    def loss(b: np.ndarray) -> tuple[float, np.ndarray]:
        m = Z @ b
        p = 1.0 / (1.0 + np.exp(-m))
        ll = np.logaddexp(0, m) - y * m
        g = Z.T @ (w * (p - y))
        reg = 0.5 * lam * (b[1:] ** 2).sum()
        g[1:] += lam * b[1:]
        return float((w * ll).sum() + reg), g

    bounds = [(None, None)] + [
        (0.0, None) if n in POSITIVE_SIGN else (None, 0.0) if n in NEGATIVE_SIGN else (None, None)
        for n in names[1:]]
    r = minimize(loss, np.zeros(Z.shape[1]), jac=True, method="L-BFGS-B", bounds=bounds,
                 options={"maxiter": 3000})
    b = r.x
    coef = b[1:] / sd
    bias = float(b[0] - (coef * mu).sum())
    return [bias, *map(float, coef)]


def stage2_inputs(p: Page, w1: list[float]) -> np.ndarray:
    z = list(p.X @ np.array(w1))
    return np.array(context(p.lines, z), dtype=float).reshape(-1, len(CONTEXT_NAMES))


def probs(p: Page, w1: list[float], w2: list[float]) -> list[float]:
    C = stage2_inputs(p, w1)
    return list(1.0 / (1.0 + np.exp(-(C @ np.array(w2)))))


def kept_text(p: Page, pr: list[float], dec: dict[str, float]) -> str:
    keep = choose(p.lines, pr, dec)
    return "\n".join(ln.text for ln, k in zip(p.lines, keep, strict=True) if k)


GRID = [{"threshold": t, "alpha": a, "inner": i, "logit": 1, "barrier": g}
        for g in (0.0, 3.0, 10.0) for t in (0.3, 0.5) for a in (0.5, 1.0) for i in (0.0, 0.03, 0.1)]


BALANCE = "none"


def weights(pages: list[Page]) -> np.ndarray:
    """Line weights for the fit. ``page``: every page weighs the same in total (the metric is a macro
    average over pages, so a long page should not outvote ten short ones); ``source``: every source
    weighs the same; ``both``: every source the same, and inside it every page; ``none``: sqrt(length)."""
    if BALANCE == "none":
        return np.concatenate([p.w for p in pages])
    per_src = collections.Counter(p.src for p in pages)
    out = []
    for p in pages:
        t = p.w.sum() or 1.0
        if BALANCE == "page":
            out.append(p.w / t)
        elif BALANCE == "both":
            out.append(p.w / t / per_src[p.src])
        else:  # source
            tot = sum(q.w.sum() for q in pages if q.src == p.src) or 1.0
            out.append(p.w / tot)
    return np.concatenate(out)


def fit(pages: list[Page], C1: float = 1.0, C2: float = 1.0, folds: int = 3) -> dict:
    """Stage 1, stage 2 on out-of-fold stage-1 scores, then decoding parameters by the page metric."""
    X = np.vstack([p.X for p in pages])
    y = np.concatenate([p.y for p in pages])
    w = weights(pages)
    w1 = fit_lr(X, y, w, C1, NAMES)
    # out-of-fold stage-1 scores for stage 2 (folds by page)
    oof: list[np.ndarray] = [None] * len(pages)  # type: ignore[list-item]
    for f in range(folds):
        tr = [p for k, p in enumerate(pages) if k % folds != f]
        wf = fit_lr(np.vstack([p.X for p in tr]), np.concatenate([p.y for p in tr]),
                    weights(tr), C1, NAMES)
        for k, p in enumerate(pages):
            if k % folds == f:
                oof[k] = stage2_inputs(p, wf)
    w2 = fit_lr(np.vstack(oof), y, w, C2, CONTEXT_NAMES)
    # decoding parameters, on the training pages (stage-2 probabilities from the out-of-fold inputs)
    prs = [list(1.0 / (1.0 + np.exp(-(o @ np.array(w2))))) for o in oof]
    by_src: dict[str, list[int]] = collections.defaultdict(list)
    for k, p in enumerate(pages):
        by_src[p.src].append(k)
    best, best_dec = -1.0, GRID[0]
    for dec in GRID:
        # macro over sources, so the biggest source does not choose alone
        s = sum(sum(page_f1(pages[k].gold, kept_text(pages[k], prs[k], dec)) for k in ks) / len(ks)
                for ks in by_src.values()) / len(by_src)
        if s > best:
            best, best_dec = s, dec
    return {"features": list(NAMES), "context": list(CONTEXT_NAMES), "stage1": w1, "stage2": w2,
            "decode": best_dec, "train_f1": round(best, 4)}


def score(pages: list[Page], model: dict) -> list[float]:
    return [page_f1(p.gold, kept_text(p, probs(p, model["stage1"], model["stage2"]), model["decode"]))
            for p in pages]


def rounded(model: dict) -> dict:
    out = dict(model)
    out["stage1"] = [round(x, 6) for x in model["stage1"]]
    out["stage2"] = [round(x, 6) for x in model["stage2"]]
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(HERE.parent.parent / "shared" / "data"))
    ap.add_argument("--out", default=str(HERE.parent / "src" / "cleantext" / "data" / "models"
                                         / "html_blocks.json"))
    ap.add_argument("--loso-dir", help="also write the three left-out models here")
    ap.add_argument("--C1", type=float, default=1.0)
    ap.add_argument("--C2", type=float, default=1.0)
    ap.add_argument("--no-loso", action="store_true")
    ap.add_argument("--balance", choices=("none", "page", "source", "both"), default="none",
                    help="how lines are weighted across pages and sources (default: %(default)s)")
    a = ap.parse_args(argv)
    globals()["BALANCE"] = a.balance
    t0 = time.time()
    pages = [Page(k, s, raw, g) for s in SOURCES for k, raw, g in load_source(os.path.join(a.data, s))]
    print(f"{len(pages)} pages, {sum(len(p.lines) for p in pages)} lines, parsed in {time.time() - t0:.1f}s")
    if not a.no_loso:
        print("| left out | pages | F1 (model fitted on the other two) | pages < 0.3 | decode |")
        print("|---|---:|---:|---:|---|")
        for s in SOURCES:
            m = fit([p for p in pages if p.src != s], a.C1, a.C2)
            test = [p for p in pages if p.src == s]
            f = score(test, m)
            worst = sorted(zip(f, (p.key for p in test), strict=True))[:5]
            print(f"| {s} | {len(test)} | {sum(f) / len(f):.3f} | {sum(1 for x in f if x < 0.3)} | "
                  f"{m['decode']} |")
            print("   worst: " + ", ".join(f"{k} {x:.3f}" for x, k in worst))
            if a.loso_dir:
                os.makedirs(a.loso_dir, exist_ok=True)
                Path(a.loso_dir, f"html_blocks.without-{s}.json").write_text(
                    json.dumps(rounded(m), indent=1) + "\n", encoding="utf-8")
    m = fit(pages, a.C1, a.C2)
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(rounded(m), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {a.out} (train F1 {m['train_f1']}, decode {m['decode']}) in {time.time() - t0:.1f}s")


if __name__ == "__main__":
    main()
