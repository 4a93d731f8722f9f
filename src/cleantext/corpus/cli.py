"""``cleantext learn CORPUS... -o model.json``: learn a corpus model from JSONL/text files or directories."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .learn import Params, learn

_P = Params()
_TEXT_SUFFIXES = (".txt", ".md")
_JSONL_SUFFIXES = (".jsonl", ".json", ".ndjson")


def _files(paths: Sequence[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            ok = _TEXT_SUFFIXES + _JSONL_SUFFIXES
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix in ok))
        else:
            out.append(p)
    return out


def iter_records(paths: Sequence[str], text_field: str = "text", site_field: str | None = "site",
                 ) -> Iterator[dict[str, Any]]:
    """Records from JSONL files (one object a line) and text files (one document a file).

    A text file's site is its parent directory's name (``corpus/site-a/0001.txt``) when a
    directory was given, else empty. ``-`` reads JSONL from stdin.
    """
    for f in _files(paths):
        if str(f) == "-":
            lines = sys.stdin
        elif f.suffix in _JSONL_SUFFIXES:
            lines = f.open(encoding="utf-8")
        else:
            site = f.parent.name if len(paths) and Path(paths[0]).is_dir() else ""
            yield {text_field: f.read_text(encoding="utf-8", errors="replace"), "site": site}
            continue
        for i, line in enumerate(lines):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise SystemExit(f"{f}:{i + 1}: not JSON: {exc}") from None
            if isinstance(rec, str):
                rec = {text_field: rec}
            if text_field not in rec and "input" in rec:  # evaluation cases
                rec[text_field] = rec["input"]
            yield rec


def learn_main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="cleantext learn", description=__doc__)
    ap.add_argument("corpus", nargs="+", help="JSONL files (one record a line), text files, or directories")
    ap.add_argument("-o", "--output", required=True, help="where to write the model (JSON)")
    ap.add_argument("--text-field", default="text", help="JSONL field holding the text (default: text)")
    ap.add_argument("--site-field", default="site",
                    help="JSONL field naming the site (default: site; records without it form one batch)")
    ap.add_argument("--min-docs", type=int, default=_P.min_docs)
    ap.add_argument("--min-ratio", type=float, default=_P.min_ratio)
    ap.add_argument("--brand-min-docs", type=int, default=_P.brand_min_docs)
    ap.add_argument("--brand-weak-min-docs", type=int, default=_P.brand_weak_min_docs,
                    help="learn a token the brand filter only annotated when seen in this many documents")
    ap.add_argument("-q", "--quiet", action="store_true")
    a = ap.parse_args(argv)
    if Path(a.output).is_dir():
        print(f"cleantext learn: -o {a.output}: is a directory (give the model file's name)", file=sys.stderr)
        return 2
    for f in _files(a.corpus):
        if str(f) != "-" and not f.exists():
            print(f"cleantext learn: {f}: no such file", file=sys.stderr)
            return 2
    if "-" in a.corpus:
        records: Any = list(iter_records(a.corpus, a.text_field, a.site_field))
    else:
        records = lambda: iter_records(a.corpus, a.text_field, a.site_field)  # noqa: E731
    params = Params(min_docs=a.min_docs, min_ratio=a.min_ratio, brand_min_docs=a.brand_min_docs,
                    brand_weak_min_docs=a.brand_weak_min_docs)
    t0 = time.perf_counter()
    progress = None
    if not a.quiet and sys.stderr.isatty():
        def progress(n: int) -> None:
            print(f"\r{n:,} documents", end="", file=sys.stderr, flush=True)
    try:
        model = learn(records, text_field=a.text_field, site_field=a.site_field or None, params=params,
                      progress=progress)
    except KeyError as exc:
        print(f"cleantext learn: {exc.args[0]}", file=sys.stderr)
        return 2
    model.save(a.output)
    if not a.quiet:
        print(f"\rlearned from {model.summary()} in {time.perf_counter() - t0:.1f}s -> {a.output}",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(learn_main())
