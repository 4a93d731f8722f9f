"""Fit the boilerplate segmenter and validate it on data it was not fitted on.

    pip install -e '.[fit]'
    python bench/fit_segmenter.py                 # fit on all sources, print validation, write the model
    python bench/fit_segmenter.py --no-validate   # only fit and write

Sources (read at fit time, never copied into the package): ``../shared/eval/dev.jsonl``,
``../shared/eval/seeds.jsonl``, the real labelled pages ``/tmp/cleantext-eval/inews-dev.jsonl``
(rebuilt with ``python ../shared/eval/real/build.py /tmp/cleantext-eval`` if missing) and the
boilerplate of the 69 cwced pages (``../shared/data/cwced-zh``): each page's visible text lines,
labelled body when they are found in the page's gold text, page chrome above the first gold line
and footer (copyright/contact shapes) or related list (anything else) below the last one.

Every unit (``cleantext.units``) gets the label of the majority of its characters; units of other
kinds (duplicate, brand) are left out of the fit. A multinomial logistic regression (scikit-learn,
fit extra) gives P(kind | unit); transition log-probabilities for the Viterbi pass are counted from
the label sequences. Validation: leave one source out, and 5 folds by document inside the real
pages; each left-out document is cleaned by the full default pipeline (segmenter, duplicates,
brand) with the model fitted without it, and scored as ``../shared/eval/score.py`` does.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import os
import random
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from cleantext.document import Document
from cleantext.features import NAMES, unit_features
from cleantext.filters.brand import BrandSpam
from cleantext.filters.duplicates import Duplicates
from cleantext.filters.segmenter import KINDS, Segmenter
from cleantext.pipeline import Pipeline
from cleantext.units import split_units

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REAL = Path("/tmp/cleantext-eval/inews-dev.jsonl")
OUT = ROOT / "src" / "cleantext" / "data" / "models" / "segmenter.json"
OURS = KINDS[1:]
#: Relative weight of each source in the fit (per unit, normalised by the source's unit count).
WEIGHTS = {"dev": 1.0, "seeds": 0.05, "real": 1.5, "cwced": 0.3}
CUT = {"page_chrome": 0.7, "scraper_footer": 0.7, "unrelated_tail": 0.75}
CLASS_BALANCE = 0.5
CUT_PROSE = 0.985  # a unit of 20+ characters ending a sentence is cut only at this probability
ANNOTATE = {"page_chrome": 0.4, "scraper_footer": 0.4, "unrelated_tail": 0.4}


def _score_module():
    spec = importlib.util.spec_from_file_location("ct_score", SHARED / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


_FOOTER_SHAPE = ("©", "版权", "ICP", "备案", "电话", "地址", "邮编", "联系", "Copyright", "copyright",
                 "公网安备",
                 "技术支持", "主办", "承办", "E-mail", "邮箱")


def cwced_cases() -> list[dict]:
    """The cwced pages as labelled text cases: visible lines outside the gold are boilerplate."""
    from cleantext.html.blocks import parse_lines
    from cleantext.io.decoding import decode

    d = SHARED / "data" / "cwced-zh"
    cases = []
    for f in sorted((d / "original").glob("*.html")):
        html, _ = decode(f.read_bytes())
        gold = (d / "cleaned" / (f.stem + ".txt")).read_text(encoding="utf-8", errors="replace")
        g = "".join(gold.split())
        lines, _ = parse_lines(html)
        texts = [" ".join(ln.text.split()) for ln in lines if not ln.hidden and ln.text.strip()]
        inside = [len(t) >= 8 and "".join(t.split()) in g for t in texts]
        if not any(inside):
            continue
        first = inside.index(True)
        last = len(inside) - 1 - inside[::-1].index(True)
        text, removals, pos = "", [], 0
        for i, t in enumerate(texts):
            s = pos
            text += t + "\n"
            pos = len(text)
            if first <= i <= last:
                if not inside[i] and "".join(t.split()) not in g:
                    removals.append([s, s + len(t), "ignore"])
                continue
            if first - 2 <= i < first and len(t) <= 60 and t[-1] not in "。！？!?":
                kind = "ignore"  # the headline: cwced's gold leaves it out, the article keeps it
            elif i < first:
                kind = "page_chrome"
            else:
                kind = "scraper_footer" if any(w in t for w in _FOOTER_SHAPE) else "unrelated_tail"
            removals.append([s, s + len(t), kind])
        cases.append({"id": "cwced-" + f.stem[:8], "input": text, "removals": removals})
    return cases


def load_sources() -> dict[str, list[dict]]:
    if not REAL.exists():
        sys.exit(f"missing {REAL}: python ../shared/eval/real/build.py /tmp/cleantext-eval")
    return {
        "dev": read_jsonl(SHARED / "eval" / "dev.jsonl"),
        "seeds": read_jsonl(SHARED / "eval" / "seeds.jsonl"),
        "real": read_jsonl(REAL),
        "cwced": cwced_cases(),
    }


def unit_rows(case: dict) -> tuple[list[list[float]], list[int]]:
    """Feature rows and labels (index in KINDS, -1 = left out) of one case's units."""
    text = case["input"]
    kind = [""] * len(text)
    for s, e, k in case["removals"]:
        for i in range(s, e):
            kind[i] = k
    doc = Document(text)
    lines = doc.kept_lines()
    units = split_units(lines)
    rows = unit_features(units, {ln.index: len(ln) for ln in lines}, len(text))
    labels = []
    for u in units:
        c = collections.Counter(kind[i] for i in range(u.start, u.end) if not text[i].isspace())
        k = c.most_common(1)[0][0] if c else ""
        labels.append(0 if k == "" else KINDS.index(k) if k in OURS else -1)
    return rows, labels


def fit(data: list[tuple[str, list[list[float]], list[int]]], c: float = 1.0) -> dict:
    """A model dict from (source, rows, labels) per document."""
    per_source = collections.Counter()
    for src, _, labels in data:
        per_source[src] += sum(1 for y in labels if y >= 0)
    X, Y, W = [], [], []
    for src, rows, labels in data:
        w = WEIGHTS[src] * 10000 / max(per_source[src], 1)
        for x, y in zip(rows, labels, strict=False):
            if y >= 0:
                X.append(x)
                Y.append(y)
                W.append(w)
    X = np.asarray(X)
    Y = np.asarray(Y)
    W = np.asarray(W)
    # noise kinds are rare: weigh each class by (body weight / class weight) ** CLASS_BALANCE
    totals = np.array([W[Y == k].sum() for k in range(len(KINDS))])
    for k in range(1, len(KINDS)):
        if totals[k] > 0:
            W[Y == k] *= (totals[0] / totals[k]) ** CLASS_BALANCE
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale == 0] = 1.0
    mean[0] = 0.0  # the bias column stays 1
    scale[0] = 1.0
    Z = (X - mean) / scale
    lr = LogisticRegression(C=c, max_iter=3000)
    lr.fit(Z, Y, sample_weight=W)
    classes = [int(k) for k in lr.classes_]
    coef = np.zeros((len(KINDS), X.shape[1]))
    intercept = np.full(len(KINDS), -30.0)
    for row, k in enumerate(classes):
        coef[k] = lr.coef_[row] / scale
        intercept[k] = lr.intercept_[row] - float((lr.coef_[row] * mean / scale).sum())
    # transitions between kept-unit labels (left-out units skipped), add-one smoothing
    trans = np.ones((len(KINDS), len(KINDS)))
    start = np.ones(len(KINDS))
    prior = np.ones(len(KINDS))
    for src, _, labels in data:
        seq = [y for y in labels if y >= 0]
        w = WEIGHTS[src] * 10000 / max(per_source[src], 1)
        if seq:
            start[seq[0]] += w * 50
        for a, b in zip(seq, seq[1:], strict=False):
            trans[a, b] += w
        for y in seq:
            prior[y] += w
    trans = np.log(trans / trans.sum(axis=1, keepdims=True))
    start = np.log(start / start.sum())
    prior = np.log(prior / prior.sum())
    return {
        "about": "cleantext boilerplate segmenter; refit with: python bench/fit_segmenter.py",
        "features": list(NAMES),
        "classes": list(KINDS),
        "coef": [[round(float(v), 6) for v in row] for row in coef],
        "intercept": [round(float(v), 6) for v in intercept],
        "log_prior": [round(float(v), 6) for v in prior],
        "log_prior_weight": 0.5,
        "start": [round(float(v), 6) for v in start],
        "trans": [[round(float(v), 6) for v in row] for row in trans],
        "cut": CUT,
        "annotate": ANNOTATE,
        "cut_prose": CUT_PROSE,
    }


def pipeline(model: dict) -> Pipeline:
    return Pipeline([Segmenter(model), Duplicates(), BrandSpam()])


def score_cases(cases: list[dict], clean_of: dict[str, Pipeline], score) -> dict:
    """score.py's summary, each case cleaned by the pipeline given for its id."""
    by_text = {c["input"]: clean_of[c["id"]] for c in cases}
    summary, _ = score.score(cases, lambda t: by_text[t].clean(t).text)
    return summary


def kind_agnostic(cases: list[dict], clean_of: dict[str, Pipeline], score) -> dict:
    """For cwced: every labelled line counts as boilerplate, whatever kind; 'ignore' lines excluded."""
    cs = []
    for c in cases:
        keep = [[s, e, "boilerplate"] for s, e, k in c["removals"] if k != "ignore"]
        cs.append({"id": c["id"], "input": c["input"], "removals": keep})
    by_text = {c["input"]: clean_of[c["id"]] for c in cases}
    summary, _ = score.score(cs, lambda t: by_text[t].clean(t).text)
    return summary


def row(name: str, s: dict) -> str:
    rk = s["recall_by_kind"]
    kinds = " | ".join(f"{rk[k]:.3f}" if k in rk else "-" for k in OURS)
    return (f"| {name} | {s['docs']} | {s['precision']:.4f} | {s['recall']:.4f} | {kinds} | "
            f"{s['lost_per_mille']:.2f} | {s['exact_docs']} | {s['controls_touched']}/{s['controls']} |")


HEADER = ("| left out | docs | precision | recall | chrome R | footer R | tail R | lost ‰ | exact | "
          "controls touched |\n|---|---|---|---|---|---|---|---|---|---|")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--no-validate", action="store_true")
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("-C", type=float, default=10.0, help="inverse regularisation strength")
    a = ap.parse_args(argv)
    t0 = time.process_time()
    sources = load_sources()
    data: dict[str, list[tuple[str, list[list[float]], list[int]]]] = {}
    for src, cases in sources.items():
        data[src] = [(src, *unit_rows(c)) for c in cases]
        n = sum(sum(1 for y in d[2] if y >= 0) for d in data[src])
        print(f"{src}: {len(cases)} documents, {n} labelled units", file=sys.stderr)
    print(f"features: {time.process_time() - t0:.1f}s CPU", file=sys.stderr)
    if not a.no_validate:
        score = _score_module()
        print("\nLeave one source out (fit on the others, clean the left-out source with the full "
              "pipeline):\n")
        print(HEADER)
        for left in sources:
            model = fit([d for s, ds in data.items() if s != left for d in ds], a.C)
            p = pipeline(model)
            clean_of = {c["id"]: p for c in sources[left]}
            if left == "cwced":
                s = kind_agnostic(sources[left], clean_of, score)
                print(row(f"{left} (boilerplate, kind-agnostic)", s))
            else:
                print(row(left, score_cases(sources[left], clean_of, score)))
        # dev in the fit (all but real's folds are irrelevant here): dev scored by the all-sources model
        full = fit([d for ds in data.values() for d in ds], a.C)
        pf = pipeline(full)
        print("\nFitted on all sources (dev, seeds and real in the fit):\n")
        print(HEADER)
        for name in ("dev", "seeds", "real"):
            print(row(name + " (in the fit)", score_cases(sources[name], {c["id"]: pf for c in sources[name]},
                                                         score)))
        print("\nReal pages, 5 folds by document (fit on every other source + 4 folds, clean the 5th):\n")
        print(HEADER)
        real = sources["real"]
        idx = list(range(len(real)))
        random.Random(10).shuffle(idx)
        folds = [idx[i::5] for i in range(5)]
        clean_of = {}
        others = [d for s, ds in data.items() if s != "real" for d in ds]
        for f in folds:
            held = set(f)
            model = fit(others + [data["real"][i] for i in idx if i not in held], a.C)
            p = pipeline(model)
            for i in f:
                clean_of[real[i]["id"]] = p
        print(row("real (5-fold)", score_cases(real, clean_of, score)))
        model = fit(others, a.C)
        p = pipeline(model)
        print(row("real (not in the fit at all)", score_cases(real, {c["id"]: p for c in real}, score)))
    model = fit([d for ds in data.values() for d in ds], a.C)
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    blob = json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n"
    Path(a.out).write_text(blob, encoding="utf-8")
    print(f"\nwrote {a.out} ({os.path.getsize(a.out)} bytes); {time.process_time() - t0:.0f}s CPU",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
