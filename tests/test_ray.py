"""Ray Data: a real local cluster cleans and learns exactly as one process does, and no record fails a job."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

ray = pytest.importorskip("ray")
pytest.importorskip("pandas")

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


def _gen():
    spec = importlib.util.spec_from_file_location("gen_corpus", ROOT / "bench" / "gen_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def cluster():
    os.environ.setdefault("RAY_AUTH_MODE", "disabled")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, ignore_reinit_error=True)
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    recs = _gen().generate(2000, 20, "builtin", seed=7)
    path = tmp_path_factory.mktemp("ray") / "corpus.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for r in recs:
            row = {"id": r["id"], "site": r["site"], "text": r["input"]}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path, recs


def test_ray_clean_equals_single_process(cluster, corpus):
    from cleantext.engine import COLUMNS, Cleaner
    from cleantext.integrations.ray import clean_dataset

    path, recs = corpus
    out = clean_dataset(ray.data.read_json(str(path)), concurrency=2, batch_size=128).to_pandas()
    assert set(COLUMNS) <= set(out.columns)
    got = {r["id"]: tuple(r[c] for c in ("text", *COLUMNS)) for r in out.to_dict("records")}
    assert len(got) == len(recs)
    b = Cleaner().clean_columns([r["input"] for r in recs])
    for r, *want in zip(recs, b.texts, b.reports, b.changed, b.errors, b.removed_chars, strict=True):
        assert got[r["id"]] == tuple(want)
    assert any(b.changed) and not any(b.errors)


@pytest.mark.parametrize("fmt", ["pandas", "numpy", "default"])
def test_ray_every_batch_format_and_autoscaling_pool(cluster, corpus, fmt):
    from cleantext.engine import Cleaner
    from cleantext.integrations.ray import REPORT_COLUMN, clean_dataset

    _, recs = corpus
    rows = [{"id": r["id"], "text": r["input"]} for r in recs[:200]]
    out = clean_dataset(ray.data.from_items(rows), batch_format=fmt, concurrency=(1, 2), batch_size=64)
    got = {r["id"]: (r["text"], r[REPORT_COLUMN]) for r in out.take_all()}
    texts, reports = Cleaner().clean_batch([r["text"] for r in rows])
    assert [got[r["id"]] for r in rows] == list(zip(texts, reports, strict=True))


def test_ray_pool_arguments(cluster):
    from cleantext.integrations.ray import actor_pool, clean_dataset

    assert actor_pool(compute=ray.data.ActorPoolStrategy(min_size=1, max_size=2))[1] == 2
    assert actor_pool((1, 2))[1] == 2 and actor_pool(3)[1] == 3
    for bad in (0, (2, 1), (1, 2, 3, 4), "2", 1.5):
        with pytest.raises(ValueError):
            actor_pool(bad)
    with pytest.raises(ValueError):
        actor_pool(compute=ray.data.TaskPoolStrategy())
    with pytest.raises(ValueError):
        clean_dataset(ray.data.from_items([{"text": "x"}]), batch_format="arrow")


def test_ray_job_survives_null_non_string_and_failing_records(cluster):
    import pandas as pd

    from cleantext.engine import ERROR_COLUMN, REPORT_COLUMN, REPORT_KEYS, Cleaner, is_null
    from cleantext.integrations.ray import clean_dataset

    good = "首页 > 新闻 > 正文\n一个干净的段落，讲了一件事。\n"
    values = [good, None, float("nan"), pd.NA, 123, 1.5, [1, 2], {"a": 1}, "正文".encode(), "好的。"]
    ref = Cleaner().clean_columns(values)
    mixed = pd.DataFrame({"id": range(len(values)), "text": pd.Series(values, dtype=object)})
    for fmt in ("pyarrow", "pandas", "numpy"):
        out = sorted(clean_dataset(ray.data.from_pandas(mixed), batch_format=fmt, batch_size=4).take_all(),
                     key=lambda r: r["id"])
        assert [r[ERROR_COLUMN] for r in out] == ref.errors, fmt
        for r, v, want in zip(out, values, ref.texts, strict=True):
            assert tuple(json.loads(r[REPORT_COLUMN])) == REPORT_KEYS
            if is_null(v):
                assert is_null(r["text"])
            elif isinstance(v, str | bytes):
                assert r["text"] == want
    # the case: a string column with a null, Arrow-typed
    out = clean_dataset(ray.data.from_items([{"text": "正文。"}, {"text": None}])).take_all()
    assert sorted(str(r[ERROR_COLUMN]).split(":")[0] for r in out) == ["None", "NullText"]


def test_ray_learn_writes_the_same_model_file(cluster, corpus, tmp_path):
    from cleantext.corpus import learn
    from cleantext.integrations.ray import learn_ray

    _, recs = corpus
    recs = recs + recs[:40]  # exact repeats: one copy of each counts, on both sides
    local = learn(recs, text_field="input")
    ds = ray.data.from_items([{"id": r["id"], "site": r["site"], "text": r["input"]} for r in recs])
    dist = learn_ray(ds, text_column="text", site_column="site", concurrency=2)
    assert local.lines and local.brands, "the generated corpus has site footers and brands to learn"
    local.save(tmp_path / "local.json")
    dist.save(tmp_path / "ray.json")
    assert (tmp_path / "ray.json").read_bytes() == (tmp_path / "local.json").read_bytes()


def test_ray_cleaner_with_model_and_sites(cluster, corpus):
    from cleantext.corpus import learn
    from cleantext.engine import Cleaner, report_json
    from cleantext.integrations.ray import REPORT_COLUMN, clean_dataset

    path, recs = corpus
    model = learn(recs[:1000], text_field="input")
    ds = ray.data.read_json(str(path)).limit(300)
    out = clean_dataset(ds, concurrency=2, batch_size=64, model=model.to_dict(), site_column="site")
    out = out.to_pandas()
    c = Cleaner(model=model)
    by_id = {r["id"]: r for r in recs}
    n_corpus = 0
    for row in out.to_dict("records"):
        res = c.clean(by_id[row["id"]]["input"], site=row["site"])
        assert row["text"] == res.text
        assert row[REPORT_COLUMN] == report_json(res)
        n_corpus += '"filter": "corpus"' in row[REPORT_COLUMN]
    assert n_corpus > 0
