"""Is a change free of behaviour change? Dump clean()'s output and reports once, compare after each change.

    python bench/check_identical.py save /tmp/ref.json      # on the base (e.g. a worktree of main)
    python bench/check_identical.py cmp /tmp/ref.json       # on the branch: IDENTICAL, or what differs

Per document: the cleaned text, every removal and annotation (offsets, kind, filter, code, score,
reason) and the metadata, for ../shared/eval/dev.jsonl and seeds.jsonl and the rebuilt real pages
(/tmp/cleantext-eval/inews-dev.jsonl) with the default pipeline; with ``--wide`` also the HTML
pages of ../shared/data (cwced-zh, gne-zh-dev, the first 80 of readability-pages; the default
parser, then BeautifulSoup with lxml's parser and with html.parser), and dev and the
real pages with ``passes=1``, without the segmenter and with other duplicates/footer options (and
those filters' statistics). The dump holds evaluation texts: keep it in /tmp, never in the project.
"""

from __future__ import annotations

import argparse
import collections
import glob
import json
import sys
from pathlib import Path
from typing import Any

import cleantext
from cleantext.html import extract as ex_mod
from cleantext.registry import build

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TEXTS = {"dev": SHARED / "eval" / "dev.jsonl", "seeds": SHARED / "eval" / "seeds.jsonl",
         "real": Path("/tmp/cleantext-eval/inews-dev.jsonl")}


def _span(r: Any) -> list[Any]:
    return [r.start, r.end, r.kind, r.filter, r.code, r.score, r.reason]


def _result(x: Any) -> dict[str, Any]:
    return {"text": x.text, "removals": [_span(r) for r in x.report.removals],
            "annotations": [_span(r) for r in x.report.annotations], "metadata": x.report.metadata}


def _inputs(path: Path) -> list[str]:
    return [json.loads(line)["input"] for line in path.open(encoding="utf-8") if line.strip()]


def dump(wide: bool) -> dict[str, Any]:
    out: dict[str, Any] = {name: [_result(cleantext.clean(t)) for t in _inputs(p)]
                           for name, p in TEXTS.items() if p.exists()}
    if wide:
        data = SHARED / "data"
        pages = (sorted(glob.glob(str(data / "cwced-zh" / "original" / "*")))
                 + sorted(glob.glob(str(data / "gne-zh-dev" / "htmls" / "*")))
                 + sorted(glob.glob(str(data / "readability-pages" / "htmls" / "*")))[:80])
        out["html"] = [_result(cleantext.clean(Path(p).read_bytes())) for p in pages]
        old = ex_mod.DEFAULT_PARSER
        try:  # the BeautifulSoup paths too: with lxml's parser (bs4) and without lxml (html.parser)
            for parser in ("bs4", "html.parser"):
                ex_mod.DEFAULT_PARSER = parser
                out["html." + parser] = [_result(cleantext.clean(Path(p).read_bytes())) for p in pages]
        finally:
            ex_mod.DEFAULT_PARSER = old
        texts = [t for name in ("dev", "real") if TEXTS[name].exists() for t in _inputs(TEXTS[name])]
        one = build()
        one.passes = 1
        variants = {"passes1": one,
                    "noseg": build(select=["chrome", "tail", "footer", "duplicates", "brand"]),
                    "options": build(options={
                        "duplicates": {"contained": 0.5, "paragraph_chars": 15, "near": 80},
                        "footer": {"max_line": 200, "short_line": 60}})}
        for name, pipe in variants.items():
            out[name] = [_result(pipe.clean(t)) for t in texts]
            out[name + ".stats"] = {k: [s.docs, s.removals, s.chars] for k, s in pipe.stats.items()}
    return json.loads(json.dumps(out, ensure_ascii=False))  # as read back from the file


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mode", choices=["save", "cmp"])
    ap.add_argument("file")
    ap.add_argument("--wide", action="store_true",
                    help="also HTML pages, passes=1 and other options (cmp: as the saved dump)")
    a = ap.parse_args()
    if a.mode == "save":
        out = dump(a.wide)
        Path(a.file).write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
        print({k: len(v) for k, v in out.items()})
        return
    ref = json.loads(Path(a.file).read_text(encoding="utf-8"))
    out = dump(a.wide or "html" in ref)  # (a --wide dump is compared in full)
    diffs = [f"{k}: missing" for k in ref if k not in out]
    for k, want in ref.items():
        got = out.get(k)
        if isinstance(want, list) and isinstance(got, list):
            diffs += [f"{k}[{i}]: {sorted(f for f in w if w[f] != g.get(f))}"
                      for i, (w, g) in enumerate(zip(want, got, strict=True)) if w != g]
        elif got is not None and want != got:
            diffs.append(f"{k}: differs")
    where = collections.Counter(d.split("[")[0].split(":")[0] for d in diffs)
    per = ", ".join(f"{k} {n}" for k, n in where.items())
    print("IDENTICAL" if not diffs else f"{len(diffs)} differences ({per}): " + "; ".join(diffs[:10]))
    sys.exit(1 if diffs else 0)


if __name__ == "__main__":
    main()
