"""Throughput of ``cleantext.clean`` (default pipeline, one core) on the inputs of a labelled case file.

    python bench/bench_clean.py ../shared/eval/dev.jsonl [--repeat 5]

Prints MB/s of UTF-8 input (best and median of the repeats) and per-filter time shares. Speed targets
live here and in docs/benchmarks.md, never in unit tests.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

import cleantext


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("cases", nargs="+")
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    texts = [json.loads(line)["input"] for f in a.cases for line in open(f, encoding="utf-8") if line.strip()]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    pipe = cleantext.Pipeline()
    pipe.clean("预热。")
    rates, cpu_rates = [], []
    for _ in range(a.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        for t in texts:
            pipe.clean(t)
        rates.append(mb / (time.perf_counter() - t0))
        cpu_rates.append(mb / (time.process_time() - c0))
    total = sum(s.seconds for s in pipe.stats.values()) or 1.0
    print(f"documents: {len(texts)}  input: {mb:.2f} MB  repeats: {a.repeat}")
    print(f"throughput: best {max(rates):.2f} MB/s, median {statistics.median(rates):.2f} MB/s (wall clock)")
    # CPU time of this process: what one core delivers, even when other work shares the machine
    print(f"per CPU second: best {max(cpu_rates):.2f} MB/s, median {statistics.median(cpu_rates):.2f} MB/s")
    for name, s in pipe.stats.items():
        print(f"  {name:<11} {100 * s.seconds / total:5.1f}% of filter time, {s.removals} removals")


if __name__ == "__main__":
    main()
