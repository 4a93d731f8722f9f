"""Batch throughput and peak memory of the ``cleantext`` command on a generated JSONL corpus.

    python bench/bench_cli.py                  # 50 MB corpus, -j 1 and -j 2, memory at 12.5/50 MB
    python bench/bench_cli.py --mb 100 --jobs 1 2 4 --memory-mb 25 100

Each run is a real ``cleantext -q -j N -o OUT --report REPORT corpus.jsonl`` subprocess (fix mode
writing a cleaned copy plus the JSON Lines provenance, i.e. the full batch path). Peak memory is
the largest resident set of any process of the run (``getrusage(RUSAGE_CHILDREN)`` read in a
fresh helper process per run, so runs do not see each other's peaks). A streaming command keeps
it flat as the corpus grows; one that loads the corpus grows with it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_SUBJECTS = ["我市", "该区", "省里", "有关部门", "记者", "项目组", "街道办", "合作社", "企业", "学校"]
_VERBS = ["持续推进", "稳步实施", "全面开展", "认真落实", "加快建设", "深入推动", "不断完善", "积极探索"]
_OBJECTS = ["城市更新行动", "老旧小区改造", "乡村振兴工作", "营商环境优化", "社区养老服务", "数字化转型",
            "生态环境治理", "交通路网建设", "职业技能培训", "科技创新平台"]
_TAILS = ["取得明显成效", "惠及居民两万余户", "群众满意度持续提升", "相关经验已在全省推广",
          "下一步将继续加大投入力度", "形成了一批可复制的做法", "受到广泛好评", "为高质量发展提供了支撑"]


def _sentence(rnd: random.Random) -> str:
    return (f"{rnd.choice(_SUBJECTS)}{rnd.choice(_VERBS)}{rnd.choice(_OBJECTS)}，"
            f"{rnd.choice(_TAILS)}，{rnd.randint(2015, 2025)}年累计完成{rnd.randint(10, 9999)}项。")


def article(rnd: random.Random, i: int) -> str:
    title = f"{rnd.choice(_OBJECTS)}{rnd.choice(_VERBS)}（第{i}期）"
    paras = ["".join(_sentence(rnd) for _ in range(rnd.randint(2, 5))) for _ in range(rnd.randint(3, 8))]
    body = list(paras)
    r = rnd.random()
    if r < 0.35:  # the body pasted twice
        body += paras
    if rnd.random() < 0.3:  # a scraper's snapshot footer
        body.append(f"以上内容为资讯信息快照,由site{rnd.randint(1, 50)}.example爬虫进行采集并收录,"
                    "本站未对信息做任何修改。")
    return title + "\n\n" + "\n\n".join(body) + "\n"


def make_corpus(path: Path, mb: float, seed: int = 7) -> int:
    """Write about ``mb`` megabytes of JSONL records; return the number of records."""
    rnd = random.Random(seed)
    limit = int(mb * 1_000_000)
    n = size = 0
    with open(path, "w", encoding="utf-8") as fh:
        while size < limit:
            line = json.dumps({"id": f"doc-{n}", "url": f"https://news{n % 97}.example/a/{n}.html",
                               "text": article(rnd, n)}, ensure_ascii=False) + "\n"
            fh.write(line)
            size += len(line.encode("utf-8"))
            n += 1
    return n


_HELPER = """
import resource, subprocess, sys, time, json
t = time.perf_counter()
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
dt = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"rc": rc, "seconds": dt, "max_rss_kb": peak}))
"""


def run(corpus: Path, jobs: int, work: Path) -> dict:
    exe = shutil.which("cleantext")
    cmd = [exe] if exe else [sys.executable, "-m", "cleantext.cli"]
    out = work / f"out-j{jobs}"
    shutil.rmtree(out, ignore_errors=True)
    argv = [*cmd, "-q", "-j", str(jobs), "-o", str(out), "--report", str(work / f"report-j{jobs}.jsonl"),
            str(corpus)]
    res = json.loads(subprocess.run([sys.executable, "-c", _HELPER, *argv], capture_output=True, text=True,
                                    check=True).stdout)
    res["mb"] = corpus.stat().st_size / 1e6
    res["mb_per_s"] = res["mb"] / res["seconds"]
    res["output"] = out / corpus.name
    with open(work / f"report-j{jobs}.jsonl", encoding="utf-8") as fh:
        res["changed"] = sum(1 for line in fh if json.loads(line)["removals"])
    return res


def cold_start(n: int = 10) -> tuple[float, float]:
    exe = shutil.which("cleantext")
    cmd = [exe, "--help"] if exe else [sys.executable, "-m", "cleantext.cli", "--help"]

    def best(argv: list[str]) -> float:
        times = []
        for _ in range(n):
            t = time.perf_counter()
            subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
            times.append(time.perf_counter() - t)
        return min(times)

    return best(cmd), best([sys.executable, "-c", "pass"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=50.0, help="corpus size for the throughput runs")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--memory-mb", type=float, nargs="+", default=[12.5, 50.0],
                    help="corpus sizes for the peak-memory runs (-j 1)")
    ap.add_argument("--keep", metavar="DIR", help="work here and keep the files (default: a temp dir)")
    args = ap.parse_args()

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="cleantext-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
        corpus = work / "corpus.jsonl"
        n = make_corpus(corpus, args.mb)
        print(f"corpus: {n} records, {corpus.stat().st_size / 1e6:.1f} MB\n")
        print("| run | MB | seconds | MB/s | docs/s | docs changed | exit | peak RSS (MB) |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        outputs = {}
        for j in args.jobs:
            r = run(corpus, j, work)
            outputs[j] = r["output"].read_bytes()
            print(f"| -j {j} | {r['mb']:.1f} | {r['seconds']:.1f} | {r['mb_per_s']:.2f} | "
                  f"{n / r['seconds']:.0f} | {r['changed']} | {r['rc']} | {r['max_rss_kb'] / 1024:.0f} |")
        same = len(set(outputs.values())) == 1
        print(f"\noutputs of {', '.join(f'-j {j}' for j in args.jobs)} identical: {same}\n")
        print("| corpus MB | records | seconds | peak RSS (MB), -j 1 |")
        print("| ---: | ---: | ---: | ---: |")
        for mb in args.memory_mb:
            c = work / f"mem-{mb:g}.jsonl"
            m = make_corpus(c, mb)
            r = run(c, 1, work)
            print(f"| {r['mb']:.1f} | {m} | {r['seconds']:.1f} | {r['max_rss_kb'] / 1024:.0f} |")
            if not args.keep:
                c.unlink()
        cli, bare = cold_start()
        print(f"\ncold start: `cleantext --help` {cli * 1000:.0f} ms (best of 10); "
              f"bare `python -c pass` {bare * 1000:.0f} ms")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
