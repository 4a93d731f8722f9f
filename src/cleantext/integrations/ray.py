"""Ray Data: clean a dataset with an actor pool, and learn a corpus model as a distributed aggregation.

Needs the extra: ``pip install 'cleantext-zh[ray]'``. Workers must be able to import cleantext
(install it, or pass ``runtime_env={"py_modules": [...]}`` to ``ray.init``). Run as a script::

    import ray
    from cleantext.integrations.ray import RayCleaner, clean_dataset, learn_ray

    if __name__ == "__main__":
        ray.init(num_cpus=2)
        ds = ray.data.from_items([{"site": "a", "text": "标题\\n正文。\\n\\n正文。\\n"},
                                  {"site": "a", "text": None}])
        out = clean_dataset(ds)                                  # 2 actors, pyarrow batches
        out = ds.map_batches(RayCleaner, fn_constructor_kwargs={"text_column": "text"},
                             compute=ray.data.ActorPoolStrategy(size=2), num_cpus=0.5,
                             batch_format="pyarrow", batch_size=512)
        print(out.filter(lambda r: r["cleantext_error"] is None).count())   # 1
        model = learn_ray(ds, site_column="site")

Each record gets the cleaned text and the columns ``cleantext_report`` (JSON), ``cleantext_changed``,
``cleantext_error`` and ``cleantext_removed_chars`` (:mod:`cleantext.engine`); a null, missing,
non-string or failing record comes back unchanged with its error, and the job goes on.
"""

from __future__ import annotations

from typing import Any

from ..corpus.learn import (
    _KIND_COLS,
    Counts,
    Observation,
    Params,
    brand_matcher,
    build_model,
    observe,
    pos_units,
)
from ..corpus.model import Model
from ..engine import CHANGED_COLUMN, ERROR_COLUMN, REMOVED_COLUMN, REPORT_COLUMN, Cleaner, is_null

__all__ = ["CHANGED_COLUMN", "ERROR_COLUMN", "REMOVED_COLUMN", "REPORT_COLUMN", "RayCleaner", "actor_cpus",
           "clean_dataset", "learn_ray"]

#: Documents per batch. ``bench/bench_engines.py`` measures what a Ray batch costs on top of its
#: documents (1 actor, batches of 16 vs 1024): 26 ms on a loaded 2-CPU machine against 2.6 ms per
#: document there, so about 2 % of a 512-document batch; 256 doubles that, and larger batches give
#: the two actors fewer pieces to balance at the end of a 20,000-document corpus.
BATCH_SIZE = 512
BATCH_FORMATS = ("pyarrow", "pandas", "numpy", "default")


class RayCleaner:
    """A callable class for ``Dataset.map_batches``: the filters are built once per actor.

    Reads ``text_column`` (and ``site_column`` if given, for a corpus model), writes the cleaned
    text to ``output_column`` (default: ``text_column``, replaced) and the report columns. Accepts
    pyarrow, pandas and numpy (dict of arrays, Ray's ``"default"``) batches and returns the same
    format; other columns pass through. ``report_column=None`` leaves the JSON report out (the other
    columns stay). Only cleantext options here: Ray's own (``compute``, ``num_cpus``,
    ``batch_format``) go to ``map_batches``.
    """

    def __init__(self, *, text_column: str = "text", output_column: str | None = None,
                 report_column: str | None = REPORT_COLUMN, site_column: str | None = None,
                 model: Model | str | dict[str, Any] | None = None, filters: list[Any] | None = None,
                 max_chars: int | None = None, max_seconds: float | None = None,
                 format: str | None = None, passes: int | None = None) -> None:
        self.cleaner = Cleaner(filters, model=model, max_chars=max_chars, max_seconds=max_seconds,  # type: ignore[arg-type]
                               format=format, passes=passes)
        self.text_column = text_column
        self.output_column = output_column or text_column
        self.report_column = report_column
        self.site_column = site_column

    def _clean(self, texts: list[Any], sites: list[Any] | None) -> tuple[list[Any], dict[str, list[Any]]]:
        b = self.cleaner.clean_columns(texts, sites, report=self.report_column is not None)
        return b.texts, b.columns(self.report_column)

    def __call__(self, batch: Any) -> Any:
        mod = type(batch).__module__.split(".")[0]
        if mod == "pyarrow":
            return self._arrow(batch)
        if mod == "pandas":
            return self._pandas(batch)
        if isinstance(batch, dict):
            return self._numpy(batch)
        raise TypeError(f"unsupported batch type {type(batch).__name__}")

    def _arrow(self, t: Any) -> Any:
        import pyarrow as pa

        names = t.column_names
        n = t.num_rows
        texts = t.column(self.text_column).to_pylist() if self.text_column in names else [_missing()] * n
        has_site = self.site_column is not None and self.site_column in names
        sites = t.column(self.site_column).to_pylist() if has_site else None
        out_texts, cols = self._clean(texts, sites)
        typ = t.schema.field(self.text_column).type if self.text_column in names else pa.string()
        if not (pa.types.is_string(typ) or pa.types.is_large_string(typ)):
            typ = pa.string()
        try:
            arrays = {self.output_column: pa.array(out_texts, type=typ)}
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
            # non-strings came back unchanged: a Python-object column, which Ray builds from pandas
            return self._pandas(t.to_pandas())
        arrays[CHANGED_COLUMN] = pa.array(cols[CHANGED_COLUMN], type=pa.bool_())
        arrays[ERROR_COLUMN] = pa.array(cols[ERROR_COLUMN], type=pa.string())
        arrays[REMOVED_COLUMN] = pa.array(cols[REMOVED_COLUMN], type=pa.int64())
        if self.report_column:
            arrays[self.report_column] = pa.array(cols[self.report_column], type=pa.string())
        for name, arr in arrays.items():
            i = t.schema.get_field_index(name)
            t = t.set_column(i, name, arr) if i >= 0 else t.append_column(name, arr)
        return t

    def _pandas(self, df: Any) -> Any:
        n = len(df)
        texts = df[self.text_column].tolist() if self.text_column in df.columns else [_missing()] * n
        sites = df[self.site_column].tolist() if self.site_column and self.site_column in df.columns else None
        out_texts, cols = self._clean(texts, sites)
        import pandas as pd

        df = df.copy(deep=False)
        df[self.output_column] = pd.Series(out_texts, index=df.index, dtype=object)
        for name, values in cols.items():
            obj = name in (ERROR_COLUMN, self.report_column)
            df[name] = pd.Series(values, index=df.index, dtype=object if obj else None)
        return df

    def _numpy(self, batch: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        n = len(next(iter(batch.values()))) if batch else 0
        texts = batch[self.text_column].tolist() if self.text_column in batch else [_missing()] * n
        sites = batch[self.site_column].tolist() if self.site_column and self.site_column in batch else None
        out_texts, cols = self._clean(texts, sites)
        out = dict(batch)
        arr = np.empty(len(out_texts), dtype=object)
        arr[:] = out_texts  # element-wise: a list or dict record stays one object
        out[self.output_column] = arr
        out[CHANGED_COLUMN] = np.array(cols[CHANGED_COLUMN], dtype=bool)
        out[ERROR_COLUMN] = np.array(cols[ERROR_COLUMN], dtype=object)
        out[REMOVED_COLUMN] = np.array(cols[REMOVED_COLUMN], dtype=np.int64)
        if self.report_column:
            out[self.report_column] = np.array(cols[self.report_column], dtype=object)
        return out


def _missing() -> Any:
    from ..engine import MISSING

    return MISSING


def actor_cpus(actors: int, num_cpus: float | None = None) -> float:
    """CPUs each actor reserves: ``num_cpus`` if given, else ``min(1, (cluster CPUs - 1) / actors)``.

    An actor pool that reserves every CPU starves the read tasks that feed it (Ray Data then waits
    forever), so 2 actors on 2 CPUs reserve 0.5 each and leave one CPU for reads; each actor still
    uses a whole core when it has work. Ray's reservation is bookkeeping, not a CPU limit.
    """
    if num_cpus is not None:
        return num_cpus
    import ray

    total = float(ray.cluster_resources().get("CPU", 1.0))
    return round(min(1.0, max(0.1, (total - 1.0) / max(actors, 1))), 3)


def actor_pool(concurrency: int | tuple[int, ...] | None = 2, compute: Any = None) -> tuple[Any, int]:
    """``(ActorPoolStrategy, most actors)`` from ``compute`` (used as is) or ``concurrency``.

    ``concurrency`` is ``n`` (a fixed pool), ``(min, max)`` or ``(min, max, initial)`` (an autoscaling
    pool), as Ray's deprecated ``concurrency=`` took it.
    """
    import ray

    if compute is not None:
        if not isinstance(compute, ray.data.ActorPoolStrategy):
            raise ValueError("compute= must be a ray.data.ActorPoolStrategy: one Cleaner per actor")
        most = compute.max_size if compute.max_size not in (None, float("inf")) else compute.min_size
        return compute, int(most)
    c = 2 if concurrency is None else concurrency
    if isinstance(c, int) and not isinstance(c, bool) and c >= 1:
        return ray.data.ActorPoolStrategy(size=c), c
    if isinstance(c, tuple) and len(c) in (2, 3) and all(isinstance(x, int) and x >= 1 for x in c) \
            and c[0] <= c[1]:
        init = {"initial_size": c[2]} if len(c) == 3 else {}
        return ray.data.ActorPoolStrategy(min_size=c[0], max_size=c[1], **init), c[1]
    raise ValueError(f"concurrency must be n >= 1, (min, max) or (min, max, initial), not {concurrency!r}")


def clean_dataset(ds: Any, *, text_column: str = "text", output_column: str | None = None,
                  report_column: str | None = REPORT_COLUMN, site_column: str | None = None,
                  model: Model | str | dict[str, Any] | None = None, filters: list[Any] | None = None,
                  max_chars: int | None = None, max_seconds: float | None = None, format: str | None = None,
                  passes: int | None = None, concurrency: int | tuple[int, ...] | None = 2,
                  compute: Any = None, num_cpus: float | None = None, batch_size: int = BATCH_SIZE,
                  batch_format: str = "pyarrow", **map_batches_kw: Any) -> Any:
    """``ds`` cleaned by an actor pool (lazy, like any Ray Data transform).

    Cleaning options are named; ``compute`` (a ``ray.data.ActorPoolStrategy``) or ``concurrency``
    (``2``, or ``(1, 2)`` for an autoscaling pool), ``num_cpus`` (default :func:`actor_cpus`),
    ``batch_size``, ``batch_format`` and any other keyword go to ``Dataset.map_batches``.
    """
    if batch_format not in BATCH_FORMATS:
        raise ValueError(f"batch_format must be one of {BATCH_FORMATS}, not {batch_format!r}")
    pool, most = actor_pool(concurrency, compute)
    if isinstance(model, Model):
        model = model.to_dict()  # plain data travels to the actors once
    kw = {"text_column": text_column, "output_column": output_column, "report_column": report_column,
          "site_column": site_column, "model": model, "filters": filters, "max_chars": max_chars,
          "max_seconds": max_seconds, "format": format, "passes": passes}
    return ds.map_batches(RayCleaner, fn_constructor_kwargs=kw, batch_format=batch_format,
                          batch_size=batch_size, compute=pool, num_cpus=actor_cpus(most, num_cpus),
                          **map_batches_kw)


# -- learning ------------------------------------------------------------------------------------

_OBS_COLS = ("site", "fp", "h", "brands", "keys", "pos", "kind", "tail", "example")


class _Observer:
    """Stage 1 (actors): run the single-document pipeline, one compact Arrow row per document."""

    def __init__(self, text_column: str, site_column: str | None) -> None:
        self.cleaner = Cleaner()
        self.text_column = text_column
        self.site_column = site_column

    def __call__(self, t: Any) -> Any:
        import pyarrow as pa

        cols: dict[str, list[Any]] = {c: [] for c in _OBS_COLS}
        texts = t.column(self.text_column).to_pylist()
        sites = t.column(self.site_column).to_pylist() if self.site_column else [None] * len(texts)
        for text, site in zip(texts, sites, strict=True):
            if is_null(text):
                continue  # learn() has no use for a record without text either
            text = text if isinstance(text, str) else str(text)
            obs = observe(text, self.cleaner.clean(text), "" if is_null(site) else str(site))
            cols["site"].append(obs.site)
            cols["fp"].append(obs.fp)
            cols["h"].append(obs.h)
            cols["brands"].append(sorted(obs.brands))
            keys, pos, kind, tail, ex = [], [], [], [], []
            for k, (p, kd, tl, e) in obs.lines.items():
                keys.append(k)
                pos.append(pos_units(p))
                kind.append(kd)
                tail.append(tl)
                ex.append(e)
            for c, v in (("keys", keys), ("pos", pos), ("kind", kind), ("tail", tail), ("example", ex)):
                cols[c].append(v)
        types = {"site": pa.string(), "fp": pa.int64(), "h": pa.int64(), "brands": pa.list_(pa.string()),
                 "keys": pa.list_(pa.string()), "pos": pa.list_(pa.int64()), "kind": pa.list_(pa.string()),
                 "tail": pa.list_(pa.bool_()), "example": pa.list_(pa.string())}
        return pa.table({c: pa.array(cols[c], type=types[c]) for c in _OBS_COLS})


def _observations(t: Any) -> list[Observation]:
    out = []
    d = t.to_pydict()
    for i in range(t.num_rows):
        lines = {k: (p / 10_000, kd, tl, e) for k, p, kd, tl, e in
                 zip(d["keys"][i], d["pos"][i], d["kind"][i], d["tail"][i], d["example"][i], strict=True)}
        out.append(Observation(site=d["site"][i], fp=d["fp"][i], h=d["h"][i], lines=lines,
                               brands=set(d["brands"][i])))
    return out


_SUM_COLS = ("docs", "pos_sum", "removed", "tail", *_KIND_COLS)


def _rows_table(c: Counts) -> Any:
    return _table(list(c.rows()))


def _keys(t: Any) -> Any:
    """Stage 2 rows: one per document (``docs``), per (site, fingerprint) (``fp``), per flagged brand."""
    import pyarrow as pa

    types, sites, keys = [], [], []
    for site, fp, brands in zip(t.column("site").to_pylist(), t.column("fp").to_pylist(),
                                t.column("brands").to_pylist(), strict=True):
        types += ["docs", "fp"]
        sites += ["", site]
        keys += ["", str(fp)]
        for tok in brands:
            types.append("brand")
            sites.append(site)
            keys.append(tok)
    return pa.table({"type": pa.array(types, pa.string()), "site": pa.array(sites, pa.string()),
                     "key": pa.array(keys, pa.string()), "n": pa.array([1] * len(types), pa.int64())})


def _partial(t: Any, repeated: set[tuple[str, int]]) -> Any:
    """Stage 3: a batch of observations as partial line counts; the copies of a repeated article are
    left out (its one chosen copy comes from :func:`_pick_one`)."""
    c = Counts()
    for obs in _observations(t):
        if (obs.site, obs.fp) not in repeated:
            c.add_lines(obs)
    return _rows_table(c)


def _pick_one(t: Any) -> Any:
    """One group of a repeated article: the copy with the smallest hash counts (as :func:`learn` picks)."""
    c = Counts()
    c.add_lines(min(_observations(t), key=lambda o: o.h))
    return _rows_table(c)


def _in_repeated(t: Any, repeated: set[tuple[str, int]]) -> Any:
    import pyarrow as pa

    sites, fps = t.column("site").to_pylist(), t.column("fp").to_pylist()
    return t.filter(pa.array([(s, f) in repeated for s, f in zip(sites, fps, strict=True)], type=pa.bool_()))


def _counted_once(t: Any) -> Any:
    """Keep what the driver needs from stage 2: totals, brands, and fingerprints seen more than once."""
    import pyarrow.compute as pc

    return t.filter(pc.or_(pc.not_equal(t.column("type"), "fp"), pc.greater(t.column("sum(n)"), 1)))


def _learnable(t: Any, min_docs: int) -> Any:
    """Drop line rows that cannot pass ``min_docs`` before they travel to the driver."""
    import pyarrow.compute as pc

    keep = pc.or_(pc.not_equal(t.column("type"), "line"), pc.greater_equal(t.column("sum(docs)"), min_docs))
    return t.filter(keep)


def _containing(t: Any, text_column: str, tokens: list[str]) -> Any:
    """Stage 3 rows ``contain``: documents of this batch containing each brand candidate."""
    counts = dict.fromkeys(tokens, 0)
    pat = brand_matcher(tokens)
    if pat is not None:
        for text in t.column(text_column).to_pylist():
            if is_null(text):
                continue
            for tok in set(pat.findall(text if isinstance(text, str) else str(text), overlapped=True)):
                counts[tok] += 1
    return _table([{"type": "contain", "site": "", "key": tok, "docs": n, "example": ""}
                   for tok, n in counts.items()])


def _table(rows: list[dict[str, Any]]) -> Any:
    import pyarrow as pa

    names = ("type", "site", "key", "example", *_SUM_COLS)
    types = {"type": pa.string(), "site": pa.string(), "key": pa.string(), "example": pa.string()}
    return pa.table({k: pa.array([r.get(k, 0) for r in rows], type=types.get(k, pa.int64())) for k in names})


def shuffle_partitions() -> int:
    """Partitions for a group-by: one per cluster CPU (Ray's default, 200, costs seconds of set-up
    per shuffle on a small cluster and buys nothing for count tables)."""
    import ray

    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def learn_ray(ds: Any, *, text_column: str = "text", site_column: str | None = "site",
              params: Params | None = None, concurrency: int | tuple[int, ...] | None = 2,
              compute: Any = None, num_cpus: float | None = None, batch_size: int = BATCH_SIZE) -> Model:
    """Learn a corpus model from a Ray dataset: byte for byte the model :func:`cleantext.corpus.learn` writes.

    1. an actor pool runs the pipeline and emits one compact observation per document (Arrow lists,
       no JSON), kept in the object store;
    2. one ``groupby(type, site, key).aggregate(Sum)`` counts the documents, each site's flagged
       brand tokens and each (site, fingerprint); only the totals, the brand counts and the keys of
       articles a site holds more than once reach the driver, which picks the brand candidates;
    3. ``map_batches`` turns observations into partial line counts, the copies of each repeated
       article go through ``groupby(site, fp).map_groups`` that keeps the smallest hash, a cheap
       pass over ``ds`` counts documents containing each candidate, and one
       ``groupby(type, site, key).aggregate(Sum..., Min(example))`` adds it all up across the
       cluster; line rows under ``min_docs`` are dropped there, so only summed, learnable counts
       reach the driver.
    Records with a null text are skipped.
    """
    from ray.data.aggregate import Min, Sum

    p = params or Params()
    cols = ds.columns() or []
    site_col = site_column if site_column and site_column in cols else None
    pool, most = actor_pool(concurrency, compute)
    cpus = actor_cpus(most, num_cpus)
    parts = shuffle_partitions()
    kw = {"text_column": text_column, "site_column": site_col}
    obs = ds.map_batches(_Observer, fn_constructor_kwargs=kw,
                         batch_format="pyarrow", batch_size=batch_size, compute=pool, num_cpus=cpus)
    obs = obs.materialize()

    # 2: documents, brand flags and repeated articles, in one group-by
    small = obs.map_batches(_keys, batch_format="pyarrow", num_cpus=cpus) \
        .groupby(["type", "site", "key"], num_partitions=parts).aggregate(Sum("n")) \
        .map_batches(_counted_once, batch_format="pyarrow", num_cpus=cpus).take_all()
    counts = Counts()
    repeated: set[tuple[str, int]] = set()
    for r in small:
        n = int(r["sum(n)"])
        if r["type"] == "docs":
            counts.docs += n
        elif r["type"] == "brand":
            counts.brand_flags[(r["site"], r["key"])] = n
        else:
            repeated.add((r["site"], int(r["key"])))
    cands = counts.brand_candidates(p)

    # 3: line counts (one copy per repeated article) and documents containing each candidate, summed
    parts_ds = obs.map_batches(_partial, fn_args=(repeated,), batch_format="pyarrow", num_cpus=cpus)
    if repeated:
        picked = obs.map_batches(_in_repeated, fn_args=(repeated,), batch_format="pyarrow", num_cpus=cpus) \
            .groupby(["site", "fp"], num_partitions=parts).map_groups(_pick_one, batch_format="pyarrow")
        parts_ds = parts_ds.union(picked)
    if cands:
        cont = ds.select_columns([text_column]).map_batches(
            _containing, fn_args=(text_column, cands), batch_format="pyarrow", batch_size=batch_size,
            num_cpus=cpus)
        parts_ds = parts_ds.union(cont)
    summed = parts_ds.groupby(["type", "site", "key"], num_partitions=parts) \
        .aggregate(*[Sum(c) for c in _SUM_COLS], Min("example"))
    summed = summed.map_batches(_learnable, fn_args=(p.min_docs,), batch_format="pyarrow", num_cpus=cpus)
    rows = [{"type": r["type"], "site": r["site"], "key": r["key"], "example": r["min(example)"],
             **{c: r[f"sum({c})"] for c in _SUM_COLS}} for r in summed.take_all()]
    containing = dict.fromkeys(cands, 0)
    for r in rows:
        if r["type"] == "contain":
            containing[r["key"]] = int(r["docs"])
    lines = Counts.from_rows(r for r in rows if r["type"] in ("site", "line"))
    counts.site_docs, counts.lines = lines.site_docs, lines.lines
    return build_model(counts, containing, p)
