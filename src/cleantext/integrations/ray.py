"""Ray Data: clean a dataset with ``map_batches``, and learn a corpus model as a distributed aggregation.

Needs the extra: ``pip install 'cleantext-zh[ray]'``. Workers must be able to import cleantext
(install it, or pass ``runtime_env={"py_modules": [...]}`` to ``ray.init``).

>>> import ray  # doctest: +SKIP
>>> from cleantext.integrations.ray import RayCleaner, clean_dataset, learn_ray  # doctest: +SKIP
>>> ds = ray.data.read_json("corpus.jsonl")  # doctest: +SKIP
>>> out = ds.map_batches(RayCleaner, fn_constructor_kwargs={"text_column": "text"},
...                      batch_format="pandas", batch_size=256, concurrency=2)  # doctest: +SKIP
>>> model = learn_ray(ds, site_column="site")  # doctest: +SKIP
"""

from __future__ import annotations

import json
from typing import Any

from ..corpus.learn import (
    _KIND_COLS,
    Counts,
    Observation,
    Params,
    brand_matcher,
    build_model,
    observe,
)
from ..corpus.model import Model
from ..engine import Cleaner

REPORT_COLUMN = "cleantext_report"


class RayCleaner:
    """A callable class for ``Dataset.map_batches``: the filters are built once per actor.

    Reads ``text_column`` (and ``site_column`` if given, for a corpus model), writes the cleaned
    text to ``output_column`` (default: ``text_column``, replaced) and the report as a JSON string
    to ``report_column``. Accepts pandas, pyarrow and numpy (dict of arrays) batches and returns
    the same format; other columns pass through.
    """

    def __init__(self, *, text_column: str = "text", output_column: str | None = None,
                 report_column: str = REPORT_COLUMN, site_column: str | None = None,
                 model: Model | str | dict[str, Any] | None = None, **cleaner_kw: Any) -> None:
        if isinstance(model, dict):
            model = Model.from_dict(model)
        self.cleaner = Cleaner(model=model, **cleaner_kw)
        self.text_column = text_column
        self.output_column = output_column or text_column
        self.report_column = report_column
        self.site_column = site_column

    def __call__(self, batch: Any) -> Any:
        kind = type(batch).__module__.split(".")[0]
        if kind == "pyarrow":
            import pyarrow as pa

            df = batch.to_pandas()
            return pa.Table.from_pandas(self._pandas(df), preserve_index=False)
        if kind == "pandas":
            return self._pandas(batch)
        if isinstance(batch, dict):
            import numpy as np

            texts = batch[self.text_column].tolist()
            sites = batch[self.site_column].tolist() if self.site_column else None
            out_texts, reports = self.cleaner.clean_batch(texts, sites)
            out = dict(batch)
            out[self.output_column] = np.array(out_texts, dtype=object)
            out[self.report_column] = np.array(reports, dtype=object)
            return out
        raise TypeError(f"unsupported batch type {type(batch).__name__}")

    def _pandas(self, df: Any) -> Any:
        texts = df[self.text_column].tolist()
        sites = df[self.site_column].tolist() if self.site_column else None
        out_texts, reports = self.cleaner.clean_batch(texts, sites)
        df = df.copy()
        df[self.output_column] = out_texts
        df[self.report_column] = reports
        return df


def actor_cpus(concurrency: int, num_cpus: float | None = None) -> float:
    """CPUs to reserve per actor: 1, or less when the pool would take every CPU of the cluster.

    An actor pool holding all CPUs starves the read tasks that feed it (Ray Data then waits
    forever), so on a 2-CPU machine 2 actors reserve 0.5 CPU each; they still use a core each.
    """
    if num_cpus is not None:
        return num_cpus
    import ray

    total = float(ray.cluster_resources().get("CPU", 1.0))
    return round(min(1.0, max(0.1, (total - 1.0) / max(concurrency, 1))), 3)


def clean_dataset(ds: Any, *, concurrency: int = 2, batch_size: int = 256, num_cpus: float | None = None,
                  **kw: Any) -> Any:
    """``ds`` cleaned by a pool of ``concurrency`` actors (keyword arguments go to :class:`RayCleaner`)."""
    return ds.map_batches(RayCleaner, fn_constructor_kwargs=kw, batch_format="pandas",
                          batch_size=batch_size, concurrency=concurrency,
                          num_cpus=actor_cpus(concurrency, num_cpus))


# -- learning ------------------------------------------------------------------------------------


class _Observer:
    """Stage 1: run the single-document pipeline, keep each document's compact observation."""

    def __init__(self, text_column: str, site_column: str | None) -> None:
        self.cleaner = Cleaner()
        self.text_column = text_column
        self.site_column = site_column

    def __call__(self, df: Any) -> Any:
        import pandas as pd

        rows = []
        sites = df[self.site_column].tolist() if self.site_column and self.site_column in df else None
        for i, text in enumerate(df[self.text_column].tolist()):
            site = "" if sites is None or sites[i] is None else str(sites[i])
            text = "" if text is None else str(text)
            obs = observe(text, self.cleaner.clean(text), site)
            rows.append({"site": obs.site, "fp": obs.fp, "h": obs.h,
                         "lines": json.dumps(obs.lines, ensure_ascii=False),
                         "brands": json.dumps(sorted(obs.brands), ensure_ascii=False)})
        return pd.DataFrame(rows, columns=["site", "fp", "h", "lines", "brands"])


def _obs_of(row: dict[str, Any]) -> Observation:
    lines = {k: tuple(v) for k, v in json.loads(row["lines"]).items()}
    return Observation(site=row["site"], fp=int(row["fp"]), h=int(row["h"]), lines=lines,  # type: ignore[arg-type]
                       brands=set(json.loads(row["brands"])))


class _Partial:
    """Stage 2: per-batch partial counts (repeated articles left out; their one copy is added later)."""

    def __init__(self, repeated: list[tuple[str, int]]) -> None:
        self.repeated = set(repeated)

    def __call__(self, df: Any) -> Any:
        import pandas as pd

        c = Counts()
        for row in df.to_dict("records"):
            obs = _obs_of(row)
            c.add_brands(obs)
            if (obs.site, obs.fp) not in self.repeated:
                c.add_lines(obs)
        return pd.DataFrame(list(c.rows()))


class _Containing:
    def __init__(self, text_column: str, tokens: list[str]) -> None:
        self.text_column = text_column
        self.tokens = tokens
        self.pat = brand_matcher(tokens)

    def __call__(self, df: Any) -> Any:
        import pandas as pd

        counts = dict.fromkeys(self.tokens, 0)
        if self.pat is not None:
            for text in df[self.text_column].tolist():
                for t in set(self.pat.findall(str(text or ""), overlapped=True)):
                    counts[t] += 1
        return pd.DataFrame({"token": list(counts), "n": list(counts.values())})


_SUM_COLS = ("docs", "pos_sum", "removed", "tail", *_KIND_COLS)


def learn_ray(ds: Any, *, text_column: str = "text", site_column: str | None = "site",
              params: Params | None = None, concurrency: int = 2, batch_size: int = 256) -> Model:
    """Learn a corpus model from a Ray dataset; gives the same model as :func:`cleantext.corpus.learn`.

    1. ``map_batches`` (an actor pool) runs the pipeline and emits one observation per document;
    2. ``groupby(site, fingerprint)`` finds articles present more than once in a site; one copy of
       each (the smallest hash) is chosen;
    3. ``map_batches`` turns observations into partial counts, ``groupby(type, site, key).sum()``
       adds them up across the cluster;
    4. a cheap ``map_batches`` + ``groupby(token).sum()`` counts documents containing each candidate.
    Only the summed counts (one row per distinct line) come back to the driver.
    """
    from ray.data.aggregate import Count, Max, Min, Sum

    p = params or Params()
    cols = ds.columns() or []
    site_col = site_column if site_column and site_column in cols else None
    kw = {"text_column": text_column, "site_column": site_col}
    cpus = actor_cpus(concurrency)
    obs_ds = ds.map_batches(_Observer, fn_constructor_kwargs=kw, batch_format="pandas", batch_size=batch_size,
                            concurrency=concurrency, num_cpus=cpus).materialize()

    groups = obs_ds.groupby(["site", "fp"]).aggregate(Count(), Min("h"))
    repeated = {(r["site"], int(r["fp"])): int(r["min(h)"])
                for r in groups.filter(lambda r: r["count()"] > 1).take_all()}
    extra: dict[tuple[str, int], Observation] = {}
    if repeated:
        keys = set(repeated)
        for r in obs_ds.filter(lambda r: (r["site"], int(r["fp"])) in keys).take_all():
            if int(r["h"]) == repeated[(r["site"], int(r["fp"]))]:
                extra[(r["site"], int(r["fp"]))] = _obs_of(r)

    partial = obs_ds.map_batches(_Partial, fn_constructor_args=(list(repeated),), batch_format="pandas",
                                 batch_size=batch_size, concurrency=concurrency, num_cpus=cpus)
    summed = partial.groupby(["type", "site", "key"]).aggregate(*[Sum(c) for c in _SUM_COLS], Max("example"))
    rows = [{"type": r["type"], "site": r["site"], "key": r["key"], "example": r["max(example)"],
             **{c: r[f"sum({c})"] for c in _SUM_COLS}} for r in summed.take_all()]
    counts = Counts.from_rows(rows)
    for obs in extra.values():
        counts.add_lines(obs)

    cands = counts.brand_candidates(p)
    containing: dict[str, int] = {}
    if cands:
        cont = ds.map_batches(_Containing, fn_constructor_args=(text_column, cands), batch_format="pandas",
                              batch_size=batch_size, concurrency=concurrency, num_cpus=cpus)
        containing = {r["token"]: int(r["sum(n)"]) for r in cont.groupby("token").sum("n").take_all()}
    return build_model(counts, containing, p)
