"""Ray Data: a real local cluster cleans and learns exactly as one process does."""

from __future__ import annotations

import importlib.util
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
    import json

    recs = _gen().generate(2000, 20, "builtin", seed=7)
    path = tmp_path_factory.mktemp("ray") / "corpus.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for r in recs:
            row = {"id": r["id"], "site": r["site"], "text": r["input"]}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path, recs


def test_ray_clean_equals_single_process(cluster, corpus):
    from cleantext.engine import Cleaner
    from cleantext.integrations.ray import REPORT_COLUMN, clean_dataset

    path, recs = corpus
    ds = ray.data.read_json(str(path))
    out = clean_dataset(ds, concurrency=2, batch_size=128).to_pandas()
    got = {r["id"]: (r["text"], r[REPORT_COLUMN]) for r in out.to_dict("records")}
    assert len(got) == len(recs)
    texts, reports = Cleaner().clean_batch([r["input"] for r in recs])
    for r, t, rep in zip(recs, texts, reports, strict=True):
        assert got[r["id"]] == (t, rep)


def test_ray_learn_equals_local_learn(cluster, corpus):
    from cleantext.corpus import learn
    from cleantext.integrations.ray import learn_ray

    path, recs = corpus
    local = learn(recs, text_field="input")
    dist = learn_ray(ray.data.read_json(str(path)), text_column="text", site_column="site", concurrency=2)
    assert local.lines, "the generated corpus has site footers to learn"
    key = lambda m: sorted((x.site, x.text, x.docs, x.kind, x.cut_after) for x in m.lines)  # noqa: E731
    assert key(dist) == key(local)
    assert [(b.token, b.flagged_docs, b.containing_docs) for b in dist.brands] == \
        [(b.token, b.flagged_docs, b.containing_docs) for b in local.brands]
    assert (dist.docs, dist.distinct_docs, dist.sites) == (local.docs, local.distinct_docs, local.sites)


def test_ray_cleaner_with_model_and_sites(cluster, corpus):
    from cleantext.corpus import learn
    from cleantext.engine import Cleaner
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
        assert row[REPORT_COLUMN] == res.report.to_json()
        n_corpus += '"filter": "corpus"' in row[REPORT_COLUMN]
    assert n_corpus > 0
