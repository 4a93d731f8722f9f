"""Does cleaning time grow linearly with document size? Time per MB from 10 KB to 10 MB.

    python bench/bench_scaling.py [--sizes 10K,100K,1M,10M] [--repeat 3] [--seed 1]

Each document is built by ``tests/docgen.py``: varied news prose from sentence templates (no
paragraph repeats, so the duplicate filter does not collapse it), with a heading, a numbered list or
stray characters now and then, plus real noise: navigation and a header on top, a paragraph pasted
twice, an injected brand token, a snapshot footer and a "more news" tail at the end. Every size is
cleaned with the default pipeline; the best of ``--repeat`` runs is reported, in CPU seconds of this
process (``time.process_time``, robust on a shared machine) and wall seconds, each per MB of UTF-8
input. The last line gives max/min of CPU seconds per MB across the sizes: about 1 means linear.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from docgen import BRANDS, FOOTERS, HEADERS, HEADLINES, NAV, body  # noqa: E402

import cleantext  # noqa: E402

UNITS = {"K": 1000, "M": 1000 * 1000}


def parse_size(s: str) -> int:
    s = s.strip().upper().removesuffix("B")
    return int(float(s[:-1]) * UNITS[s[-1]]) if s[-1] in UNITS else int(s)


def make_document(n_bytes: int, seed: int) -> str:
    """About ``n_bytes`` of UTF-8: a noisy page around a varied body."""
    rng = random.Random(seed)
    head = "\n\n".join([NAV[0], "城市建设工作动态汇编", HEADERS[0]]) + "\n\n"
    tail_lines = [FOOTERS[0], FOOTERS[1], "更多关于本地的资讯"]
    for h in HEADLINES[:4]:
        tail_lines += [h, f"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)} 1{rng.randint(0, 9)}:30"]
    tail = "\n\n".join(tail_lines) + "\n"
    fixed = len((head + tail).encode("utf-8"))
    # template prose is ~2.9 bytes per character
    paras = body(rng, max(200, int((n_bytes - fixed) / 2.9))).split("\n\n")
    brand = BRANDS[1]
    for i in rng.sample(range(len(paras)), min(3, len(paras))):  # an injected token, three times
        paras[i] = brand + paras[i]
    j = rng.randrange(len(paras))
    paras.insert(j + 1, paras[j])  # one paragraph pasted twice
    return head + "\n\n".join(paras).rstrip("\n") + "\n\n" + tail


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10K,100K,1M,10M")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    sizes = [parse_size(s) for s in a.sizes.split(",")]
    pipe = cleantext.Pipeline()
    pipe.clean("预热。")
    print(f"command: python bench/bench_scaling.py --sizes {a.sizes} --repeat {a.repeat} --seed {a.seed}")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} "
          f"{os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} at start")
    print()
    print("| size | input MB | removals | CPU s | CPU s/MB | wall s | wall s/MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    per_mb = []
    for size, label in zip(sizes, a.sizes.split(","), strict=True):
        doc = make_document(size, a.seed)
        mb = len(doc.encode("utf-8")) / 1e6
        best_cpu = best_wall = float("inf")
        r = None
        # small documents: repeat until each measurement covers at least 0.2 s of work
        inner = max(1, int(200_000 / max(size, 1)))
        for _ in range(a.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            for _ in range(inner):
                r = pipe.clean(doc)
            best_cpu = min(best_cpu, (time.process_time() - c0) / inner)
            best_wall = min(best_wall, (time.perf_counter() - t0) / inner)
        assert r is not None and r.report.skipped is None
        per_mb.append(best_cpu / mb)
        print(f"| {label} | {mb:.3f} | {len(r.report.removals)} | {best_cpu:.4f} | {best_cpu / mb:.3f} "
              f"| {best_wall:.4f} | {best_wall / mb:.3f} |")
    print()
    ratio = max(per_mb) / min(per_mb)
    print(f"max/min CPU s per MB across sizes: {ratio:.2f} ({'within' if ratio <= 3 else 'OVER'} 3x)")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
