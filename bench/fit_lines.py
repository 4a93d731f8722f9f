"""Feasibility probe: a whole-page line classifier (jusText/boilerpipe style), measured left out.

    python bench/fit_lines.py            # leave-one-source-out tables (cwced, gne, real, dev)
    python bench/fit_lines.py --cut 0.9  # another cut threshold (sensitivity)

Not shipped, and it writes nothing: a probe of whether classifying every line of a whole scraped page
(menus, headline sidebars, comment threads, copyright above and below one article) lifts the
boilerplate recall the edge segmenter reaches on whole pages, at precision first.

Per line of ``Document(text).kept_lines()``: the shallow features of ``cleantext.features`` of the line
and of the 2 lines before and after, the line's relative position, page-level shape (lines, share of
short lines, of sentence lines), run features (the run of short non-sentence lines the line sits in,
how often its text recurs in the page) and where it stands from the page's densest prose block. A line
is boilerplate when most of its non-space characters are labelled with a kind other than duplicate or
brand_spam; lines mostly labelled 'ignore' are left out of the fit. A HistGradientBoostingClassifier
scores lines; a 2-state Viterbi pass keeps content contiguous; a line is cut only when the Viterbi
state is boilerplate and its own probability reaches the cut threshold, and the longest content run
(by characters) is never cut. A page gate (logistic regression on page shape, fitted on the training
sources: whole-page sources vs article sources) decides whether the classifier runs at all.

Validation: leave one source out (fit on the others, score the left-out source). Scored as
``../shared/eval/score.py`` does (character-level LCS): for cwced/gne kind-agnostic (every labelled span
is boilerplate, 'ignore' excluded), as ``bench/fit_segmenter.py`` scores them; for real/dev with their
own labels. "before" is the default pipeline with a segmenter fitted without the left-out source
(``fit_segmenter.fit``); "after" adds the line classifier's cuts to that pipeline's removals.
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import os
import pickle
import sys
import time
import zlib

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
from fit_segmenter import (  # noqa: E402  (bench/, next to this script)
    HTML_SOURCES,
    _score_module,
    doc_data,
    fit,
    glued,
    load_sources,
    pipeline,
)
from sklearn.ensemble import HistGradientBoostingClassifier  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from cleantext.document import Document  # noqa: E402
from cleantext.features import SHALLOW, shallow  # noqa: E402

NOT_LINE = ("duplicate", "brand_spam")  # not line furniture
#: Per-document weight of each source in the fit (each source's documents share it).
WEIGHTS = {"dev": 0.5, "seeds": 0.05, "real": 1.0, "cwced": 1.0, "gne": 1.0}
GBM = {"max_iter": 200, "learning_rate": 0.08, "max_depth": 4, "min_samples_leaf": 40,
       "l2_regularization": 1.0}
#: Decoding, set before validation: the switch probability of the 2-state chain, the cut threshold.
SWITCH = 0.05
CHAR_WEIGHT = False
CUT = 0.8
_OWN = [i for i, n in enumerate(SHALLOW) if n != "bias"]
_NB = (-2, -1, 1, 2)
_SENT = frozenset("。！？!?；;")
#: Function characters (jusText's stopword density, for Chinese): prose has many, menus and headline
#: lists few. A feature, never a gate.
_FUNC = frozenset("的了是在和有我你他她它们这那也就都而及与着或被把对从为以之其所但"
                  "并很更还又却没不个上下中到说会能要可将已于")
PAGE_NAMES = ("log_lines", "log_chars", "short_share", "sent_share", "long_share", "block_share",
              "median_len")


def _is_sentence(t: str) -> bool:
    return len(t) > 40 or any(c in _SENT for c in t)


def _block(lens: list[int], prose: list[bool]) -> tuple[int, int]:
    """The densest prose block: the run of lines whose prose lines are at most 3 lines apart with the
    most prose characters; (first, last) line index, (-1, -1) when there is no prose line."""
    best, bs, be = 0, -1, -1
    s = last = -1
    tot = 0
    for i, p in enumerate(prose):
        if not p:
            continue
        if s < 0 or i - last > 4:
            s, tot = i, 0
        tot += lens[i]
        last = i
        if tot > best:
            best, bs, be = tot, s, i
    return bs, be


def page_features(texts: list[str]) -> tuple[list[float], tuple[int, int]]:
    n = len(texts)
    lens = [len(t) for t in texts]
    total = max(sum(lens), 1)
    prose = [len(t) >= 40 and any(c in _SENT for c in t) for t in texts]
    bs, be = _block(lens, prose)
    block_chars = sum(lens[bs:be + 1]) if bs >= 0 else 0
    srt = sorted(lens)
    return [math.log1p(n), math.log1p(total), sum(x <= 20 for x in lens) / n,
            sum(_is_sentence(t) for t in texts) / n, sum(x > 160 for x in lens) / n,
            block_chars / total, math.log1p(srt[n // 2])], (bs, be)


def line_rows(texts: list[str]) -> tuple[np.ndarray, list[float]]:
    """The feature rows of a page's lines, and its page features."""
    n = len(texts)
    sh = [[shallow(t)[i] for i in _OWN] for t in texts]
    pad = [-1.0] * len(_OWN)
    page, (bs, be) = page_features(texts)
    lens = [len(t) for t in texts]
    total = max(sum(lens), 1)
    cum = [0]
    for x in lens:
        cum.append(cum[-1] + x)
    # runs of short non-sentence lines
    short = [len(t) <= 40 and not any(c in _SENT for c in t) for t in texts]
    run_len = [0] * n
    run_pos = [0.0] * n
    i = 0
    while i < n:
        if not short[i]:
            i += 1
            continue
        j = i
        while j < n and short[j]:
            j += 1
        for k in range(i, j):
            run_len[k] = j - i
            run_pos[k] = (k - i) / max(j - i - 1, 1)
        i = j
    counts = collections.Counter(t.strip() for t in texts)
    heads = collections.Counter(t.strip()[:4] for t in texts if len(t.strip()) >= 4)
    han = [sum("\u4e00" <= ch <= "\u9fff" for ch in t) for t in texts]
    fn = [sum(ch in _FUNC for ch in t) for t in texts]
    fshare = [f / h if h else 0.0 for f, h in zip(fn, han, strict=True)]
    sent = [float(_is_sentence(t)) for t in texts]
    rows = []
    for i, t in enumerate(texts):
        r = list(sh[i])
        wl, wh = max(0, i - 5), min(n, i + 6)
        r += [fshare[i], math.log1p(fn[i]), sum(fshare[wl:wh]) / (wh - wl), sum(sent[wl:wh]) / (wh - wl),
              sum(lens[wl:wh]) / (wh - wl) / 100]
        for d in _NB:
            r += sh[i + d] if 0 <= i + d < n else pad
        if bs < 0:
            dist, inb = 0.0, -1.0
        elif i < bs:
            dist, inb = -(cum[bs] - cum[i + 1]) / total, 0.0
        elif i > be:
            dist, inb = (cum[i] - cum[be + 1]) / total, 0.0
        else:
            dist, inb = 0.0, 1.0
        lo, hi = max(0, i - 3), min(n, i + 4)
        r += [i / max(n - 1, 1), cum[i] / total, (total - cum[i + 1]) / total,
              math.log1p(run_len[i]), run_pos[i],
              sum(lens[k] for k in range(max(0, i - run_len[i]), i + 1)) / total,
              math.log1p(counts[t.strip()] - 1),
              math.log1p(heads[t.strip()[:4]] - 1) if len(t.strip()) >= 4 else 0.0,
              inb, dist, math.log1p(abs(i - bs) if i < bs else abs(i - be) if i > be else 0),
              sum(lens[lo:hi]) / (hi - lo) / 100,
              sum(_is_sentence(texts[k]) for k in range(lo, hi)) / (hi - lo),
              *page]
        rows.append(r)
    return np.asarray(rows, dtype=float), page


def case_data(case: dict) -> dict:
    text = case["input"]
    kind = [""] * len(text)
    for s, e, k in case["removals"]:
        for i in range(s, e):
            kind[i] = k
    lines = Document(text).kept_lines()
    ys = []
    for ln in lines:
        c = collections.Counter("ignore" if kind[i] == "ignore" else "" if kind[i] in ("", *NOT_LINE) else "b"
                                for i in range(ln.start, ln.end) if not text[i].isspace())
        tot = sum(c.values())
        if not tot or c["ignore"] * 2 > tot:
            ys.append(-1)
        else:
            ys.append(int(c["b"] * 2 > tot))
    X, page = line_rows([ln.text for ln in lines])
    return {"id": case["id"], "spans": [(ln.start, ln.end) for ln in lines],
            "lens": [len(ln) for ln in lines],
            "X": X, "y": np.asarray(ys), "page": page}


def viterbi(p: np.ndarray, switch: float) -> list[int]:
    """Most likely state path (1 = boilerplate) of a 2-state chain with emissions p / 1-p."""
    p = np.clip(p, 0.01, 0.99)
    e = np.stack([np.log(1 - p), np.log(p)], axis=1)
    stay, move = math.log(1 - switch), math.log(switch)
    n = len(p)
    score = e[0].copy()
    back = np.zeros((n, 2), dtype=int)
    for i in range(1, n):
        new = np.empty(2)
        for s in (0, 1):
            a, b = score[s] + stay, score[1 - s] + move
            back[i, s] = s if a >= b else 1 - s
            new[s] = max(a, b) + e[i, s]
        score = new
    path = [int(np.argmax(score))]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    return path[::-1]


def decide(p: np.ndarray, lens: list[int], cut: float, switch: float) -> list[bool]:
    """Which lines to cut: Viterbi state boilerplate, own probability >= cut, outside the longest
    content run (by characters)."""
    if not len(p):
        return []
    path = viterbi(p, switch)
    best, bs, be = -1, 0, -1
    i = 0
    while i < len(path):
        if path[i]:
            i += 1
            continue
        j = i
        while j < len(path) and not path[j]:
            j += 1
        c = sum(lens[i:j])
        if c > best:
            best, bs, be = c, i, j - 1
        i = j
    return [bool(path[i] and p[i] >= cut and not bs <= i <= be) for i in range(len(p))]


def fit_lines(train: list[tuple[str, dict]]) -> HistGradientBoostingClassifier:
    per = collections.Counter(s for s, _ in train)
    X, y, w = [], [], []
    for s, d in train:
        m = d["y"] >= 0
        if not m.any():
            continue
        X.append(d["X"][m])
        y.append(d["y"][m])
        if CHAR_WEIGHT:  # each line weighs its share of the document's characters
            ln = np.asarray(d["lens"], dtype=float)[m]
            w.append(WEIGHTS[s] / per[s] * ln / ln.sum())
        else:
            w.append(np.full(int(m.sum()), WEIGHTS[s] / per[s] / m.sum()))
    clf = HistGradientBoostingClassifier(random_state=0, **GBM)
    clf.fit(np.vstack(X), np.concatenate(y), sample_weight=np.concatenate(w) * 1000)
    return clf


def context(X: np.ndarray, p: np.ndarray) -> np.ndarray:
    """``X`` with the first-stage probabilities of each line's neighbourhood appended (jusText's
    context-sensitive pass, learned): the 2 lines either side, the mean over 5 either side, the least
    probability from the line to each end of the page (furniture reaching an edge) and the page mean."""
    n = len(p)
    if not n:
        return X
    pad = np.concatenate([[-1.0, -1.0], p, [-1.0, -1.0]])
    cs = np.concatenate([[0.0], np.cumsum(p)])
    lo = np.maximum(np.arange(n) - 5, 0)
    hi = np.minimum(np.arange(n) + 6, n)
    to_end = np.minimum.accumulate(p[::-1])[::-1]
    from_start = np.minimum.accumulate(p)
    cols = [pad[0:n], pad[1:n + 1], p, pad[3:n + 3], pad[4:n + 4], (cs[hi] - cs[lo]) / (hi - lo), to_end,
            from_start, np.full(n, p.mean())]
    return np.hstack([X, np.stack(cols, axis=1)])


class Stacked:
    """Two stages: line rows, then line rows with the first stage's neighbourhood probabilities. The
    second stage learns from out-of-fold first-stage probabilities (4 folds by document)."""

    def __init__(self, train: list[tuple[str, dict]]) -> None:
        fold = [zlib.crc32(d["id"].encode()) % 4 for _, d in train]
        oof: list[np.ndarray] = [np.zeros(0)] * len(train)
        for f in range(4):
            m = fit_lines([x for x, k in zip(train, fold, strict=True) if k != f])
            for j, (_, d) in enumerate(train):
                if fold[j] == f and len(d["y"]):
                    oof[j] = m.predict_proba(d["X"])[:, 1]
        self.first = fit_lines(train)
        self.second = fit_lines([(s, {**d, "X": context(d["X"], q)})
                                 for (s, d), q in zip(train, oof, strict=True)])

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        p = self.first.predict_proba(X)[:, 1]
        return self.second.predict_proba(context(X, p))


def fit_gate(train: list[tuple[str, dict]]) -> LogisticRegression:
    X = [d["page"] for _, d in train]
    y = [int(s in HTML_SOURCES) for s, _ in train]
    lr = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced")
    lr.fit(np.asarray(X), np.asarray(y))
    return lr


def apply_cuts(text: str, spans: list[tuple[int, int]]) -> str:
    keep = [True] * len(text)
    for s, e in spans:
        for i in range(s, e):
            keep[i] = False
    return "".join(ch for ch, k in zip(text, keep, strict=True) if k)


def agnostic(cases: list[dict]) -> list[dict]:
    return [{"id": c["id"], "input": c["input"],
             "removals": [[s, e, "boilerplate"] for s, e, k in c["removals"] if k != "ignore"]}
            for c in cases]


def row(name: str, s: dict) -> str:
    return (f"| {name} | {s['docs']} | {s['precision']:.4f} | {s['recall']:.4f} | "
            f"{s['lost_per_mille']:.2f} | "
            f"{s['exact_docs']} |")


HEADER = "| evaluation | docs | precision | recall | lost ‰ | exact |\n|---|---|---|---|---|---|"


def sweep(lines: dict, sources: dict, cuts: list[float], switch: float, lefts: list[str],
          stack: bool = False, folds: int = 0) -> None:
    """The classifier alone (no gate) at several cut thresholds, each source left out."""
    score = _score_module()
    print(HEADER)
    for left in lefts:
        gold = agnostic(sources[left]) if left in HTML_SOURCES else sources[left]
        if folds:  # 5 folds by document: the other documents of the left-out source are in the fit
            fold = [zlib.crc32(d["id"].split("+")[0].encode()) % folds for d in lines[left]]
            probs = [np.zeros(0)] * len(lines[left])
            for f in range(folds):
                train = [(s, d) for s, ds in lines.items() if WEIGHTS.get(s) for d in ds
                         if s.split("+")[0] != left
                         or zlib.crc32(d["id"].split("+")[0].encode()) % folds != f]
                clf = Stacked(train) if stack else fit_lines(train)
                for j, d in enumerate(lines[left]):
                    if fold[j] == f and len(d["y"]):
                        probs[j] = clf.predict_proba(d["X"])[:, 1]
        else:
            train = [(s, d) for s, ds in lines.items()
                     if WEIGHTS.get(s) and s.split("+")[0] != left for d in ds]
            clf = Stacked(train) if stack else fit_lines(train)
            probs = [clf.predict_proba(d["X"])[:, 1] if len(d["y"]) else np.zeros(0) for d in lines[left]]
        for cut in cuts:
            cm = {c["input"]: [sp for sp, k in zip(d["spans"], decide(p, d["lens"], cut, switch), strict=True)
                               if k]
                  for c, d, p in zip(sources[left], lines[left], probs, strict=True)}
            s_, _ = score.score(gold, lambda t, cm=cm: apply_cuts(t, cm[t]))
            how = f"{folds}-fold by document" if folds else "left out"
            print(row(f"{left} ({how}): classifier alone, cut {cut}", s_))
        sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cut", type=float, default=CUT)
    ap.add_argument("--switch", type=float, default=SWITCH)
    ap.add_argument("--gate", type=float, default=0.5, help="page gate threshold (0: no gate)")
    ap.add_argument("--sources", default="cwced,gne,real,dev")
    ap.add_argument("--no-before", action="store_true", help="skip the pipeline rows (faster)")
    ap.add_argument("--cache", default="/tmp/fit_lines_cache2.pkl")
    ap.add_argument("--glued", type=float, default=0.0, help="weight of glued cwced/gne copies in the fit")
    ap.add_argument("--no-page", action="store_true",
                    help="leave the page-shape columns out of the line rows")
    ap.add_argument("--stack", action="store_true", help="two stages (neighbourhood probabilities)")
    ap.add_argument("--folds", type=int, default=0,
                    help="with --cuts: k folds by document instead of leaving the whole source out")
    ap.add_argument("--cuts", help="comma-separated cut thresholds: only the classifier-alone rows, for each")
    ap.add_argument("--weights", help="source weights as JSON (sensitivity runs)")
    ap.add_argument("--gbm", help="tree settings as JSON (sensitivity runs)")
    ap.add_argument("--char-weight", action="store_true", help="lines weigh their characters")
    a = ap.parse_args(argv)
    global CHAR_WEIGHT
    CHAR_WEIGHT = a.char_weight
    if a.gbm:
        GBM.update(json.loads(a.gbm))
    if a.weights:
        WEIGHTS.update(json.loads(a.weights))
    t0 = time.process_time()
    sources = load_sources()
    if os.path.exists(a.cache):
        with open(a.cache, "rb") as fh:
            lines = pickle.load(fh)
    else:
        lines = {src: [case_data(c) for c in cs] for src, cs in sources.items()}
        lines.update({src + "+glued": [case_data(glued(c)) for c in sources[src]] for src in HTML_SOURCES})
        with open(a.cache, "wb") as fh:
            pickle.dump(lines, fh)
    print(f"line features: {time.process_time() - t0:.1f}s CPU", file=sys.stderr)
    if a.no_page:
        for ds in lines.values():
            for d in ds:
                d["X"] = d["X"][:, :-len(PAGE_NAMES)]
    if a.cuts:
        sweep(lines, sources, [float(x) for x in a.cuts.split(",")], a.switch, a.sources.split(","),
              a.stack, a.folds)
        return 0
    if a.glued:
        for src in HTML_SOURCES:
            WEIGHTS[src + "+glued"] = a.glued
    seg_data = None
    score = _score_module()
    print(f"\ncut {a.cut}, switch {a.switch}, gate {a.gate}\n")
    print(HEADER)
    for left in a.sources.split(","):
        train = [(s, d) for s, ds in lines.items() if WEIGHTS.get(s) and s.split("+")[0] != left for d in ds]
        clf = Stacked(train) if a.stack else fit_lines(train)
        gate = fit_gate([(s, d) for s, d in train if "+" not in s])
        cases = sources[left]
        gold = agnostic(cases) if left in HTML_SOURCES else cases
        cuts: dict[str, list[tuple[int, int]]] = {}
        gated = 0
        for c, d in zip(cases, lines[left], strict=True):
            g = gate.predict_proba(np.asarray([d["page"]]))[0, 1]
            if g < a.gate or not len(d["y"]):
                cuts[c["input"]] = []
                continue
            gated += 1
            p = clf.predict_proba(d["X"])[:, 1]
            cut = decide(p, d["lens"], a.cut, a.switch)
            cuts[c["input"]] = [sp for sp, k in zip(d["spans"], cut, strict=True) if k]
        ungated: dict[str, list[tuple[int, int]]] = {}
        for c, d in zip(cases, lines[left], strict=True):
            p = clf.predict_proba(d["X"])[:, 1] if len(d["y"]) else np.zeros(0)
            ungated[c["input"]] = [sp for sp, k in zip(d["spans"], decide(p, d["lens"], a.cut, a.switch),
                                                       strict=True) if k]
        s_alone, _ = score.score(gold, lambda t, cuts=cuts: apply_cuts(t, cuts[t]))
        print(row(f"{left}: line classifier alone (gate passed {gated}/{len(cases)})", s_alone))
        s_ung, _ = score.score(gold, lambda t, ungated=ungated: apply_cuts(t, ungated[t]))
        print(row(f"{left}: line classifier alone, no gate", s_ung))
        if a.no_before:
            continue
        if seg_data is None:
            seg_data = {src: [(src, doc_data(c)) for c in cs] for src, cs in sources.items()}
            for src in HTML_SOURCES:
                seg_data[src] += [(src, doc_data(glued(c))) for c in sources[src]]
        out_ = {left, "restyle"}
        p_ = pipeline(fit([d for s, ds in seg_data.items() if s not in out_ for d in ds]))
        res = {c["input"]: [(r.start, r.end) for r in p_.clean(c["input"]).report.removals] for c in cases}
        s_before, _ = score.score(gold, lambda t, res=res: apply_cuts(t, res[t]))
        print(row(f"{left}: before (pipeline, segmenter fitted without {left})", s_before))
        s_after, _ = score.score(gold, lambda t, res=res, cuts=cuts: apply_cuts(t, res[t] + cuts[t]))
        print(row(f"{left}: after (pipeline + gated line classifier)", s_after))
        sys.stdout.flush()
    print(f"\n{time.process_time() - t0:.0f}s CPU", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
