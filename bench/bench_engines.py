#!/usr/bin/env python3
"""Engines against one process on one JSONL corpus, in one run: speed-up ratios and record-by-record equality.

    python bench/gen_corpus.py -n 20000 --sites 100 --content ../shared/data/cwced-zh/cleaned \\
        -o bench/out/gen.jsonl                                    # ~50 MB
    python bench/bench_engines.py bench/out/gen.jsonl --json bench/out/bench_engines.json

Every engine runs the same job: read the JSONL file, clean every record (text + the report
columns), write the result (Parquet for Ray and Spark, JSONL for Dask and datatrove). The
baseline is one process doing the same read + clean + write. Engine start-up (``ray.init``, the
Spark JVM and its Python worker daemon, warmed by an identity job on 4 rows) is outside the
timings; starting the cleaning workers (Ray actors, Dask and datatrove processes) and building
their cleaners is inside. After each run the output is read back
(untimed) and every record's text and JSON report are compared with the one-process output.

Also measured: the per-batch overhead of the Ray adapter (1 actor, small vs large batches: the
figure that sets ``BATCH_SIZE``), and ``learn_ray`` against ``learn`` (time and model file bytes).
The acceptance line at the end: Ray (2 actors) >= 1.6x, Spark local[2] and Dask >= 1.5x, every
output equal, learn_ray <= 1.5x learn's time with the same model file. Ray workers run at nice 0
like the one-process run (``RAY_worker_niceness=0``). Only meaningful on an otherwise idle machine:
the load average before and after is printed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

ENGINES = ("ray1", "ray2", "spark", "dask", "datatrove")
TARGETS = {"ray2": 1.6, "spark": 1.5, "dask": 1.5}
SPARK_INPUT = "id string, site string, text string"


def prepare(corpus: Path, work: Path, limit: int) -> Path:
    """``{"id", "site", "text"}`` JSONL (gen_corpus.py writes ``input``), ids made unique."""
    out = work / "input.jsonl"
    n = 0
    with open(corpus, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as g:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            text = r.get("text", r.get("input"))
            row = {"id": f"{n}", "site": r.get("site", ""), "text": text}
            g.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
            if limit and n >= limit:
                break
    return out


def one_process(path: Path, work: Path) -> tuple[float, dict[str, tuple[str, str]]]:
    """Read + clean + write JSONL in this process: the baseline."""
    from cleantext.engine import CHANGED_COLUMN, ERROR_COLUMN, REMOVED_COLUMN, REPORT_COLUMN, Cleaner

    c = Cleaner()
    c.pipeline  # noqa: B018 - build outside the timing, as every engine worker does before its first batch
    t0 = time.perf_counter()
    recs = [json.loads(line) for line in open(path, encoding="utf-8")]
    b = c.clean_columns([r["text"] for r in recs], [r["site"] for r in recs])
    with open(work / "one.jsonl", "w", encoding="utf-8") as f:
        for i, r in enumerate(recs):
            r = {**r, "text": b.texts[i], REPORT_COLUMN: b.reports[i], CHANGED_COLUMN: b.changed[i],
                 ERROR_COLUMN: b.errors[i], REMOVED_COLUMN: b.removed_chars[i]}
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    s = time.perf_counter() - t0
    return s, {r["id"]: (t, rep) for r, t, rep in zip(recs, b.texts, b.reports, strict=True)}


def compare(got: dict[str, tuple[str, str]], ref: dict[str, tuple[str, str]]) -> int:
    return sum(got.get(k) == v for k, v in ref.items()) if len(got) == len(ref) else -1


def _parquet(folder: Path) -> dict[str, tuple[str, str]]:
    import pyarrow.parquet as pq

    t = pq.read_table(str(folder), columns=["id", "text", "cleantext_report"])
    ids, texts, reports = (t.column(c).to_pylist() for c in ("id", "text", "cleantext_report"))
    return {i: (x, r) for i, x, r in zip(ids, texts, reports, strict=True)}


def run_ray(path: Path, work: Path, actors: int, batch_size: int | None = None) -> tuple[float, dict]:
    import ray

    from cleantext.integrations.ray import BATCH_SIZE, clean_dataset

    out = work / f"ray{actors}"
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    ds = ray.data.read_json(str(path))
    clean_dataset(ds, concurrency=actors, batch_size=batch_size or BATCH_SIZE).write_parquet(str(out))
    s = time.perf_counter() - t0
    return s, _parquet(out)


def ray_overhead(path: Path, n: int, per_doc: float) -> dict:
    """Seconds per batch on top of the documents: 1 actor, batches of 16 vs 1024 on the first n records;
    ``overhead_at_512`` is its share of a 512-document batch at the one-process cost per document."""
    import ray

    from cleantext.integrations.ray import clean_dataset

    rows = [json.loads(line) for _, line in zip(range(n), open(path, encoding="utf-8"), strict=False)]
    ds = ray.data.from_items(rows).materialize()
    times = {}
    for bs in (1024, 16, 1024, 16):
        t0 = time.perf_counter()
        clean_dataset(ds, concurrency=1, batch_size=bs).materialize()
        times.setdefault(bs, []).append(time.perf_counter() - t0)
    small, large = min(times[16]), min(times[1024])
    batches = len(rows) / 16 - len(rows) / 1024
    per_batch = max(0.0, (small - large) / batches)  # actor start-up is in both runs and cancels out
    return {"docs": len(rows), "s_bs16": round(small, 2), "s_bs1024": round(large, 2),
            "per_batch_ms": round(per_batch * 1000, 2), "per_doc_ms": round(per_doc * 1000, 3),
            "overhead_at_512": round(per_batch / (per_batch + 512 * per_doc), 4)}


def _identity(frames):
    yield from frames


def run_spark(path: Path, work: Path) -> tuple[float, dict]:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    from cleantext.integrations.recipes import pandas_cleaner, spark_schema

    spark = (SparkSession.builder.master("local[2]").appName("cleantext-bench")
             .config("spark.ui.enabled", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    out = work / "spark"
    try:
        # engine start-up outside the clock, as ray.init is: the JVM, the Arrow and Parquet code paths and
        # the Python worker daemon, with an identity mapInPandas job on 4 rows (it took 54 s once on a
        # loaded machine, then 2 s); cleaning, and each worker's Cleaner build, stay inside
        warm = spark.createDataFrame([("0", "", "x")] * 4, SPARK_INPUT).repartition(2)
        warm.mapInPandas(_identity, schema=warm.schema).write.mode("overwrite").parquet(str(work / "warm"))
        t0 = time.perf_counter()
        df = spark.read.schema(SPARK_INPUT).json(str(path))  # no schema inference pass
        df.mapInPandas(pandas_cleaner(text_column="text"), schema=spark_schema(df.schema)) \
            .write.mode("overwrite").parquet(str(out))
        s = time.perf_counter() - t0
    finally:
        spark.stop()
    return s, _parquet(out)


def run_dask(path: Path, work: Path) -> tuple[float, dict]:
    import dask
    import dask.bag as db

    from cleantext.integrations.recipes import partition_cleaner

    out = work / "dask"
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    with dask.config.set(scheduler="processes", num_workers=2):
        db.read_text(str(path), blocksize="2MiB").map(json.loads) \
            .map_partitions(partition_cleaner(text_field="text")) \
            .map(json.dumps, ensure_ascii=False).to_textfiles(str(out / "*.jsonl"))
    s = time.perf_counter() - t0
    got = {}
    for f in sorted(out.glob("*.jsonl")):
        for line in open(f, encoding="utf-8"):
            r = json.loads(line)
            got[r["id"]] = (r["text"], r["cleantext_report"])
    return s, got


def run_datatrove(path: Path, work: Path) -> tuple[float, dict]:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from cleantext.integrations.datatrove import CleantextStep

    base = work / "datatrove"
    shutil.rmtree(base, ignore_errors=True)
    sys.path.insert(0, str(ROOT / "bench" / "recipes"))
    from _common import shard_jsonl

    shards = shard_jsonl(path, base / "in")
    t0 = time.perf_counter()
    steps = [JsonlReader(str(shards)), CleantextStep(), JsonlWriter(str(base / "out"))]
    LocalPipelineExecutor(pipeline=steps, tasks=2, workers=2, logging_dir=str(base / "logs")).run()
    s = time.perf_counter() - t0
    got = {}
    for f in sorted((base / "out").glob("*.jsonl.gz")):
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                got[r["id"]] = (r["text"], r["metadata"]["cleantext_report"])
    return s, got


def run_learn(path: Path, work: Path) -> dict:
    import ray

    from cleantext.corpus import learn
    from cleantext.integrations.ray import learn_ray

    recs = [json.loads(line) for line in open(path, encoding="utf-8")]
    t0 = time.perf_counter()
    local = learn(recs, text_field="text", site_field="site")
    t_local = time.perf_counter() - t0
    t0 = time.perf_counter()
    dist = learn_ray(ray.data.read_json(str(path)), text_column="text", site_column="site")
    t_ray = time.perf_counter() - t0
    local.save(work / "model-learn.json")
    dist.save(work / "model-learn_ray.json")
    same = (work / "model-learn.json").read_bytes() == (work / "model-learn_ray.json").read_bytes()
    return {"learn_s": round(t_local, 2), "learn_ray_s": round(t_ray, 2), "ratio": round(t_ray / t_local, 2),
            "same_model_file": same, "lines": len(local.lines), "brands": len(local.brands)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", help="JSONL with text (or input) and site fields (bench/gen_corpus.py output)")
    ap.add_argument("--engines", default=",".join(ENGINES), help=f"comma-separated, of {','.join(ENGINES)}")
    ap.add_argument("--limit", type=int, default=0, help="first N records only")
    ap.add_argument("--no-learn", action="store_true", help="skip learn_ray vs learn")
    ap.add_argument("--no-overhead", action="store_true", help="skip the per-batch overhead measurement")
    ap.add_argument("--overhead-docs", type=int, default=2048)
    ap.add_argument("--work", default=str(ROOT / "bench" / "out" / "engines"))
    ap.add_argument("--json", help="write all numbers here")
    a = ap.parse_args(argv)

    os.environ.setdefault("RAY_AUTH_MODE", "disabled")
    os.environ.setdefault("RAY_worker_niceness", "0")
    os.environ.setdefault("RAY_DATA_DISABLE_PROGRESS_BARS", "1")
    work = Path(a.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    path = prepare(Path(a.corpus), work, a.limit)
    mb = path.stat().st_size / 1e6
    engines = [e for e in a.engines.split(",") if e]
    res: dict = {"corpus": a.corpus, "input_mb": round(mb, 1), "cpus": os.cpu_count(),
                 "load_before": os.getloadavg(), "runs": {}}
    t_one, ref = one_process(path, work)
    n = len(ref)
    res["docs"] = n
    res["runs"]["one"] = {"s": round(t_one, 2), "equal": n}
    print(f"{n:,} records, {mb:.1f} MB JSONL; one process: {t_one:.1f} s", file=sys.stderr)

    use_ray = any(e.startswith("ray") for e in engines) or not a.no_learn or not a.no_overhead
    if use_ray:
        import ray

        t0 = time.perf_counter()
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
        ray.data.DataContext.get_current().enable_progress_bars = False
        res["ray_init_s"] = round(time.perf_counter() - t0, 1)
    runners = {"ray1": lambda: run_ray(path, work, 1), "ray2": lambda: run_ray(path, work, 2),
               "spark": lambda: run_spark(path, work), "dask": lambda: run_dask(path, work),
               "datatrove": lambda: run_datatrove(path, work)}
    for e in engines:
        try:
            s, got = runners[e]()
        except ImportError as exc:
            print(f"{e}: skipped ({exc})", file=sys.stderr)
            continue
        eq = compare(got, ref)
        res["runs"][e] = {"s": round(s, 2), "equal": eq, "speedup": round(t_one / s, 2)}
        print(f"{e}: {s:.1f} s, {t_one / s:.2f}x one process, equal {eq:,}/{n:,}", file=sys.stderr)
    if use_ray and not a.no_overhead:
        res["ray_batch_overhead"] = ray_overhead(path, a.overhead_docs, t_one / n)
        print(f"ray per-batch overhead: {res['ray_batch_overhead']}", file=sys.stderr)
    if use_ray and not a.no_learn:
        res["learn"] = run_learn(path, work)
        print(f"learn: {res['learn']}", file=sys.stderr)
    res["load_after"] = os.getloadavg()

    print(f"\n{n:,} records, {mb:.1f} MB; load average before {res['load_before']}, "
          f"after {res['load_after']}")
    print("\n| engine | workers | wall s | docs/s | MB/s | x one process | target | equal records |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    workers = {"one": 1, "ray1": 1, "ray2": 2, "spark": 2, "dask": 2, "datatrove": 2}
    ok = True
    for e, r in res["runs"].items():
        target = TARGETS.get(e)
        sp = r.get("speedup", 1.0)
        good = r["equal"] == n and (target is None or sp >= target)
        ok &= good
        print(f"| {e} | {workers[e]} | {r['s']} | {n / r['s']:,.0f} | {mb / r['s']:.2f} | {sp:.2f} | "
              f"{'>= ' + str(target) if target else ''} | {r['equal']:,}/{n:,} {'OK' if good else 'FAIL'} |")
    if "ray_batch_overhead" in res:
        o = res["ray_batch_overhead"]
        print(f"\nRay per-batch overhead: {o['per_batch_ms']} ms per batch, {o['per_doc_ms']} ms per "
              f"document -> {o['overhead_at_512'] * 100:.1f} % at 512 documents per batch")
    if "learn" in res:
        lr = res["learn"]
        good = lr["same_model_file"] and lr["ratio"] <= 1.5
        ok &= good
        print(f"\nlearn: {lr['learn_s']} s; learn_ray: {lr['learn_ray_s']} s ({lr['ratio']}x, "
              f"target <= 1.5); same model file: {lr['same_model_file']} -> {'OK' if good else 'FAIL'}")
    print(f"\nacceptance: {'PASS' if ok else 'FAIL'}")
    if a.json:
        Path(a.json).write_text(json.dumps(res, indent=1), encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
