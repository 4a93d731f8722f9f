"""Where the memory of cleaning one long single line goes: each filter's peak (tracemalloc) above
what was allocated when it started, and what it leaves allocated, first pass and second.

    python bench/mem_filters.py --mb 10          # bench_removals' article repeated on ONE line

The input is ``bench_removals.repeated_article`` (project-written) on a single line, cleaned as a
``str`` by the default pipeline. tracemalloc counts Python allocations only (not the interpreter,
not freed arenas): compare its figures between branches in one run, and the process's peak with
``/usr/bin/time -v python -m cleantext --check -q FILE``.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_removals import repeated_article  # noqa: E402

from cleantext.pipeline import Pipeline  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=10)
    a = ap.parse_args()
    text = repeated_article(int(a.mb * 1e6), one_line=True)
    pipe = Pipeline()
    print(f"{len(text.encode('utf-8')) / 1e6:.1f} MB, {len(text):,} characters on one line\n")
    print("| filter | pass | allocated before MB | peak above it MB | left MB | CPU s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    tracemalloc.start()
    for f in pipe.filters:
        def traced(doc: Any, find: Any = f.find, name: str = f.name) -> Any:
            base = tracemalloc.get_traced_memory()[0]
            tracemalloc.reset_peak()
            c0 = time.process_time()
            out = find(doc)
            cur, peak = tracemalloc.get_traced_memory()
            print(f"| {name} | {2 if 'first_pass' in doc.hints else 1} | {base / 1e6:.1f} | "
                  f"{(peak - base) / 1e6:.1f} | {(cur - base) / 1e6:.1f} | {time.process_time() - c0:.2f} |")
            return out
        f.find = traced  # type: ignore[method-assign]
    r = pipe.clean(text)
    print(f"\n{len(r.report.removals)} removals, {len(r.text):,} characters kept")


if __name__ == "__main__":
    main()
