#!/usr/bin/env python3
"""HTML throughput and quality, cleantext side by side with trafilatura, on the same pages in one run.

Every extractor gets each page's raw bytes (so decoding is part of the cost) and the same metric as
``../shared/eval/score_html.py`` scores its text (character bigrams, macro F1 over pages).

Rows:
  cleantext clean() [lxml]     ``cleantext.clean(bytes)``: decode, fast-path extraction, five text filters
  cleantext clean() [bs4]      the same with the BeautifulSoup path (lxml parser when installed)
  cleantext extract [lxml]     decode + main-text extraction only (fast path)
  cleantext extract [bs4]      decode + main-text extraction only (BeautifulSoup path)
  trafilatura                  ``trafilatura.extract(bytes)`` (default settings)
  trafilatura favor_precision  ``trafilatura.extract(bytes, favor_precision=True)``
  trafilatura on decoded str   ``trafilatura.extract(str)``, the str from cleantext's decoder (its
                               own charset handling misreads some GBK pages)

trafilatura is not a dependency of cleantext: install it somewhere else and run this script there,
e.g. ``python -m venv /tmp/bench-venv && /tmp/bench-venv/bin/pip install -e '.[fast]' trafilatura
lxml_html_clean``, then ``/tmp/bench-venv/bin/python bench/bench_html.py``. Without it the
trafilatura rows are skipped.

    python bench/bench_html.py [DIR] [--repeat 3] [--json OUT] [--base main]

``--base REV`` adds the cleantext rows of git revision REV (a temporary copy imported as
``cleantext_base``), timed in the same run, interleaved with the others: before and after a change
on the same machine load. (Both trees then share one garbage collector: a change to how the collector
runs, such as ``cleantext.gcpause``, moves work between their rows; time such a change in two processes.)

DIR defaults to tests/fixtures/cwced (``original/*.html`` + ``cleaned/*.txt``). Each row is timed
``--repeat`` times, rows interleaved, and the best time is kept. Time is this process's CPU time by
default (``--clock wall`` for elapsed time): on a machine shared with other work, elapsed time
swings by 2x between rows of the same run, CPU time much less.
"""

from __future__ import annotations

import argparse
import collections
import json
import platform
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def norm(s: str) -> str:
    return re.sub(r"[\s\W_]+", "", s or "", flags=re.U)


def f1(gold: str, pred: str) -> tuple[float, float, float]:
    def grams(s: str) -> collections.Counter[str]:
        s = norm(s)
        return collections.Counter(s[i:i + 2] for i in range(len(s) - 1))
    g, p = grams(gold), grams(pred)
    tp = sum((g & p).values())
    prec, rec = tp / max(1, sum(p.values())), tp / max(1, sum(g.values()))
    return prec, rec, (0.0 if tp == 0 else 2 * prec * rec / (prec + rec))


def load(d: Path) -> list[tuple[str, bytes, str]]:
    """Pages and gold of either layout: ``original/*.html`` + ``cleaned/*.txt``, or ``gold.json`` +
    ``htmls/``."""
    pages = []
    if (d / "gold.json").exists():
        gold = json.loads((d / "gold.json").read_text(encoding="utf-8"))
        return [(k, (d / "htmls" / f"{k}.html").read_bytes(), gold[k]["content"]) for k in sorted(gold)]
    for f in sorted((d / "original").glob("*.html")):
        gold = (d / "cleaned" / f"{f.stem}.txt").read_bytes().decode("utf-8", "replace")
        pages.append((f.stem, f.read_bytes(), gold))
    return pages


def base_package(rev: str) -> Any:
    """cleantext as of git revision ``rev``, imported as ``cleantext_base`` from a temporary copy, so
    one run times the code before and after a change side by side (with its own data files and its
    own name for the decoder's codecs error handler, which is process-wide)."""
    import io
    import subprocess
    import tarfile
    import tempfile

    tmp = Path(tempfile.mkdtemp(prefix="cleantext-base-"))
    data = subprocess.run(["git", "-C", str(HERE.parent), "archive", rev, "src/cleantext"],
                          check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(tmp)  # noqa: S202 - our own repository's archive
    pkg = tmp / "cleantext_base"
    (tmp / "src" / "cleantext").rename(pkg)
    for f in pkg.rglob("*.py"):
        s = f.read_text(encoding="utf-8")
        t = s.replace('files("cleantext")', 'files("cleantext_base")')
        t = t.replace("cleantext-count", "cleantext-base-count")
        # the registry names its filters' modules by string: the copy's, not the installed tree's
        t = t.replace('"cleantext.filters.', '"cleantext_base.filters.')
        if t != s:
            f.write_text(t, encoding="utf-8")
    sys.path.insert(0, str(tmp))
    import cleantext_base  # type: ignore[import-not-found]

    return cleantext_base


def extractors(base: str | None = None) -> dict[str, Callable[[bytes], str]]:
    out = _cleantext_rows(__import__("cleantext"), "cleantext")
    if base:
        out.update(_cleantext_rows(base_package(base), f"base {base}"))
    try:
        import trafilatura
    except ImportError as exc:
        print(f"trafilatura not available ({exc}): its rows are skipped", file=sys.stderr)
    else:
        from cleantext.io.decoding import decode

        out["trafilatura"] = lambda raw: trafilatura.extract(raw) or ""
        out["trafilatura favor_precision"] = lambda raw: trafilatura.extract(raw, favor_precision=True) or ""
        # trafilatura's own charset guess misreads some GBK pages: also give it cleantext's text.
        out["trafilatura on decoded str"] = lambda raw: trafilatura.extract(decode(raw)[0]) or ""
    return out


def _cleantext_rows(pkg: Any, label: str) -> dict[str, Callable[[bytes], str]]:
    import importlib

    ex_mod = importlib.import_module(pkg.__name__ + ".html.extract")
    decode = importlib.import_module(pkg.__name__ + ".io.decoding").decode
    apply = importlib.import_module(pkg.__name__ + ".spans").apply

    def clean_with(parser: str) -> Callable[[bytes], str]:
        def run(raw: bytes) -> str:
            old = ex_mod.DEFAULT_PARSER
            ex_mod.DEFAULT_PARSER = parser
            try:
                return pkg.clean(raw).text
            finally:
                ex_mod.DEFAULT_PARSER = old
        return run

    def extract_with(parser: str) -> Callable[[bytes], str]:
        def run(raw: bytes) -> str:
            text, _ = decode(raw)
            ex = ex_mod.extract(text, parser=parser)
            return apply(ex.text, ex.removals)
        return run

    return {
        f"{label} clean() [lxml]": clean_with("lxml"),
        f"{label} clean() [bs4]": clean_with("bs4"),
        f"{label} extract [lxml]": extract_with("lxml"),
        f"{label} extract [bs4]": extract_with("bs4"),
    }


def main(argv: list[str] | None = None) -> dict[str, dict[str, float]]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", nargs="?", default=str(HERE.parent / "tests" / "fixtures" / "cwced"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", help="write the results here")
    ap.add_argument("--base", metavar="REV",
                    help="also time cleantext as of this git revision (e.g. main), in the same run")
    ap.add_argument("--clock", choices=("cpu", "wall"), default="cpu",
                    help="cpu: this process's CPU time (steady on a shared machine; default), wall: elapsed")
    a = ap.parse_args(argv)
    clock = time.process_time if a.clock == "cpu" else time.perf_counter
    pages = load(Path(a.dir))
    nbytes = sum(len(raw) for _, raw, _ in pages)
    fns = extractors(a.base)
    for fn in fns.values():  # warm up: imports, lazy tables
        fn(pages[0][1])
    best = {name: float("inf") for name in fns}
    outputs: dict[str, list[str]] = {}
    for _ in range(a.repeat):
        for name, fn in fns.items():
            t0 = clock()
            outs = [fn(raw) for _, raw, _ in pages]
            best[name] = min(best[name], clock() - t0)
            outputs[name] = outs
    results: dict[str, dict[str, float]] = {}
    for name in fns:
        prf = [f1(g, o) for (_, _, g), o in zip(pages, outputs[name], strict=True)]
        n = len(prf)
        results[name] = {
            "mb_per_s": nbytes / 1e6 / best[name],
            "pages_per_s": n / best[name],
            "precision": sum(p for p, _, _ in prf) / n,
            "recall": sum(r for _, r, _ in prf) / n,
            "f1": sum(f for _, _, f in prf) / n,
        }
    py = platform.python_version()
    print(f"{len(pages)} pages, {nbytes / 1e6:.2f} MB, best of {a.repeat} ({a.clock} time); Python {py}")
    print(f"{'extractor':30s} {'MB/s':>7s} {'pages/s':>8s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    for name, r in results.items():
        print(f"{name:30s} {r['mb_per_s']:7.2f} {r['pages_per_s']:8.1f} {r['precision']:6.3f} "
              f"{r['recall']:6.3f} {r['f1']:6.3f}")
    base = {k: v for k, v in results.items() if k.startswith("trafilatura")}
    if base:
        for ref in ("trafilatura", "trafilatura favor_precision"):
            for name in ("cleantext clean() [lxml]", "cleantext clean() [bs4]", "cleantext extract [lxml]",
                         "cleantext extract [bs4]"):
                print(f"{name} / {ref}: {results[name]['mb_per_s'] / results[ref]['mb_per_s']:.2f}x")
            if a.base:
                for name in ("clean() [lxml]", "clean() [bs4]", "extract [lxml]", "extract [bs4]"):
                    old = results[f"base {a.base} {name}"]["mb_per_s"] / results[ref]["mb_per_s"]
                    print(f"base {a.base} {name} / {ref}: {old:.2f}x")
    if a.base:
        for name in ("clean() [lxml]", "clean() [bs4]", "extract [lxml]", "extract [bs4]"):
            gain = results[f"cleantext {name}"]["mb_per_s"] / results[f"base {a.base} {name}"]["mb_per_s"]
            print(f"cleantext {name} / base {a.base}: {gain:.3f}x")
    if a.json:
        Path(a.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return results


if __name__ == "__main__":
    main()
