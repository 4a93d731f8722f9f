#!/usr/bin/env python3
"""Corpus mode vs single-document mode, and Ray Data vs one process, on one generated corpus.

    python bench/gen_corpus.py -n 20000 --sites 100 --content ../shared/data/cwced-zh/cleaned \\
        -o bench/out/gen.jsonl
    python bench/bench_corpus.py bench/out/gen.jsonl --ray --json bench/out/bench_corpus.json

Scores with ``score()`` of ``../shared/eval/score.py`` (the same numbers ``score.py`` prints):
1. single-document mode: ``cleantext.clean``;
2. corpus mode: learn a model on the corpus, then clean every document with it (and its site);
3. corpus mode, held out: learn on the even-numbered documents, score the odd-numbered ones
   (and single-document mode on the same odd half, for a fair comparison).
With ``--ray``: the same corpus cleaned by one process (``Cleaner.clean_batch``) and by Ray Data
with 1 and 2 actors on a local ``ray.init(num_cpus=2)``, all in this run; then ``learn_ray`` vs
``learn`` (and a check that they learn the same model).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_score(path: str):
    spec = importlib.util.spec_from_file_location("ct_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.score


def run_score(score, cases, fn):
    summary, _ = score(cases, fn)
    return summary


def fmt_row(name: str, s: dict) -> str:
    k = s["recall_by_kind"]
    return (f"| {name} | {s['docs']:,} | {s['precision']:.4f} | {s['recall']:.4f} | {s['f1']:.4f} | "
            f"{k.get('scraper_footer', 0):.4f} | {k.get('brand_spam', 0):.4f} | "
            f"{k.get('unrelated_tail', 0):.4f} | "
            f"{k.get('page_chrome', 0):.4f} | {k.get('duplicate', 0):.4f} | {s['lost_per_mille']} | "
            f"{s['controls_touched']}/{s['controls']} | {s['exact_docs']:,} |")


HEADER = ("| mode | docs | precision | recall | F1 | footer R | brand R | tail R | chrome R | dup R | "
          "lost ‰ | controls touched | exact docs |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", help="generated cases (bench/gen_corpus.py output)")
    ap.add_argument("--score", default=str(ROOT.parent / "shared" / "eval" / "score.py"))
    ap.add_argument("--limit", type=int, default=0, help="use the first N documents only")
    ap.add_argument("--ray", action="store_true", help="also measure Ray Data throughput and learn_ray")
    ap.add_argument("--no-holdout", action="store_true")
    ap.add_argument("--json", help="write all numbers here")
    a = ap.parse_args(argv)

    from cleantext.corpus import learn
    from cleantext.engine import Cleaner

    score = load_score(a.score)
    cases = [json.loads(line) for line in open(a.corpus, encoding="utf-8") if line.strip()]
    if a.limit:
        cases = cases[: a.limit]
    mb = sum(len(c["input"].encode("utf-8")) for c in cases) / 1e6
    sites = len({c["site"] for c in cases})
    print(f"{len(cases):,} documents, {mb:.1f} MB, {sites} sites", file=sys.stderr)
    out: dict = {"docs": len(cases), "mb": round(mb, 2), "sites": sites, "cpus": os.cpu_count()}
    site_of = {c["input"]: c["site"] for c in cases}

    plain = Cleaner()
    t0 = time.perf_counter()
    out["single"] = run_score(score, cases, lambda t: plain.clean(t).text)
    out["single_s"] = round(time.perf_counter() - t0, 1)
    print(fmt_row("single-document", out["single"]), file=sys.stderr)

    t0 = time.perf_counter()
    model = learn(cases, text_field="input")
    out["learn_s"] = round(time.perf_counter() - t0, 1)
    out["model"] = model.summary()
    print(f"learned in {out['learn_s']}s: {model.summary()}", file=sys.stderr)
    if a.json:
        model.save(Path(a.json).with_suffix(".model.json"))
    cm = Cleaner(model=model)
    out["corpus"] = run_score(score, cases, lambda t: cm.clean(t, site=site_of.get(t)).text)
    print(fmt_row("corpus mode", out["corpus"]), file=sys.stderr)
    out["corpus_nosite"] = run_score(score, cases, lambda t: cm.clean(t).text)
    print(fmt_row("corpus mode, no site key", out["corpus_nosite"]), file=sys.stderr)

    if not a.no_holdout:
        train, test = cases[0::2], cases[1::2]
        m2 = learn(train, text_field="input")
        c2 = Cleaner(model=m2)
        out["holdout_single"] = run_score(score, test, lambda t: plain.clean(t).text)
        out["holdout_corpus"] = run_score(score, test, lambda t: c2.clean(t, site=site_of.get(t)).text)
        print(fmt_row("single-document (odd half)", out["holdout_single"]), file=sys.stderr)
        print(fmt_row("corpus mode, learned on even half", out["holdout_corpus"]), file=sys.stderr)

    if a.ray:
        out["ray"] = bench_ray(cases, model)

    print(HEADER)
    rows = [("single-document", "single"), ("corpus mode (learned on the corpus, site key)", "corpus"),
            ("corpus mode, no site key", "corpus_nosite"), ("single-document, odd half", "holdout_single"),
            ("corpus mode, odd half, learned on even half", "holdout_corpus")]
    for name, key in rows:
        if key in out:
            print(fmt_row(name, out[key]))
    if "ray" in out:
        r = out["ray"]
        print("\n| engine | workers | wall s | docs/s | MB/s |\n|---|---|---|---|---|")
        for row in r["clean"]:
            print(f"| {row['engine']} | {row['workers']} | {row['s']} | {row['docs_per_s']:,} | "
                  f"{row['mb_per_s']} |")
        print(f"\nload average before/after: {r['load_before']} / {r['load_after']}")
        print(f"\nray.init: {r['init_s']} s; learn (one process): {out['learn_s']} s; "
              f"learn_ray (2 actors): {r['learn_ray_s']} s; same model: {r['same_model']}")
    if a.json:
        Path(a.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def bench_ray(cases: list[dict], model) -> dict:
    import ray

    from cleantext.corpus import learn
    from cleantext.engine import Cleaner
    from cleantext.integrations.ray import clean_dataset, learn_ray

    os.environ.setdefault("RAY_AUTH_MODE", "disabled")
    # Ray starts workers at nice 15; the one-process run is at nice 0, so compare like with like
    os.environ.setdefault("RAY_worker_niceness", "0")
    tmp = ROOT / "bench" / "out" / "ray_input.jsonl"
    tmp.parent.mkdir(parents=True, exist_ok=True)
    with open(tmp, "w", encoding="utf-8") as f:
        for c in cases:
            row = {"id": c["id"], "site": c["site"], "text": c["input"]}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    texts = [c["input"] for c in cases]
    n, mb = len(texts), sum(len(t.encode("utf-8")) for t in texts) / 1e6
    res: dict = {"clean": [], "load_before": os.getloadavg()}

    def row(engine: str, workers: int, s: float) -> dict:
        return {"engine": engine, "workers": workers, "s": round(s, 1), "docs_per_s": round(n / s),
                "mb_per_s": round(mb / s, 2)}

    t0 = time.perf_counter()
    single_texts, single_reports = Cleaner().clean_batch(texts)
    res["clean"].append(row("one process (Cleaner.clean_batch)", 1, time.perf_counter() - t0))
    print(res["clean"][-1], file=sys.stderr)

    t0 = time.perf_counter()
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    res["init_s"] = round(time.perf_counter() - t0, 1)
    try:
        for workers in (1, 2):
            t0 = time.perf_counter()
            ds = ray.data.read_json(str(tmp), override_num_blocks=16)
            df = clean_dataset(ds, concurrency=workers, batch_size=256).to_pandas()
            res["clean"].append(row("Ray Data (read_json + map_batches + to_pandas)", workers,
                                    time.perf_counter() - t0))
            print(res["clean"][-1], file=sys.stderr)
            got = dict(zip(df["id"], df["text"], strict=True))
            res[f"ray{workers}_equal"] = all(got[c["id"]] == t
                                             for c, t in zip(cases, single_texts, strict=True))
        t0 = time.perf_counter()
        m_ray = learn_ray(ray.data.read_json(str(tmp), override_num_blocks=16), text_column="text",
                          site_column="site", concurrency=2)
        res["learn_ray_s"] = round(time.perf_counter() - t0, 1)
        key = lambda m: sorted((x.site, x.text, x.docs, x.kind, x.cut_after) for x in m.lines)  # noqa: E731
        bkey = lambda m: [(b.token, b.flagged_docs, b.containing_docs) for b in m.brands]  # noqa: E731
        res["same_model"] = key(m_ray) == key(model) and bkey(m_ray) == bkey(model)
    finally:
        ray.shutdown()
    res["load_after"] = os.getloadavg()
    _ = learn
    return res


if __name__ == "__main__":
    raise SystemExit(main())
