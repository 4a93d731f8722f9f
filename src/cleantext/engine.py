"""A picklable cleaner for batch engines (Ray Data, Spark, Dask, datatrove).

A :class:`Cleaner` holds only its configuration when pickled; the filters are built (regexes
compiled, tables loaded) once per process, on first use. ``clean_batch`` returns plain strings:
the cleaned texts and the reports as JSON strings, so an Arrow or Spark schema stays fixed
(``text: string, report: string``) whatever the report contains.

>>> from cleantext.engine import Cleaner
>>> c = Cleaner()
>>> texts, reports = c.clean_batch(["正文。\\n", None])
>>> texts
['正文。\\n', '']
>>> import json; sorted(json.loads(reports[0]))
['annotations', 'input', 'metadata', 'removals']
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .report import Result

if TYPE_CHECKING:
    from .corpus.model import Model
    from .filters.base import Filter
    from .pipeline import Pipeline


class Cleaner:
    """Clean documents with the default filters (or ``filters``), plus a learned corpus model.

    ``model`` is a :class:`cleantext.corpus.Model`, a path to one saved as JSON, or ``None``.
    ``filters`` is a list of filter instances (they must be picklable to ship the cleaner to
    workers) or ``None`` for :func:`cleantext.pipeline.default_filters`.
    """

    def __init__(self, filters: Sequence[Filter] | None = None, *, model: Model | str | Path | None = None,
                 max_chars: int | None = None, max_seconds: float | None = None,
                 format: str | None = None) -> None:
        self.filters = list(filters) if filters is not None else None
        self.model = _load_model(model)
        self.max_chars = max_chars
        self.max_seconds = max_seconds
        self.format = format
        self._pipeline: Pipeline | None = None

    # -- pickling: ship the configuration, rebuild the pipeline where it runs --------------------
    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_pipeline"] = None
        state["model"] = self.model.to_dict() if self.model is not None else None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        model = state.get("model")
        if isinstance(model, dict):
            from .corpus.model import Model

            state["model"] = Model.from_dict(model)
        self.__dict__.update(state)

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            from .registry import build

            self._pipeline = build(filters=self.filters, model=self.model, max_chars=self.max_chars,
                                   max_seconds=self.max_seconds)
        return self._pipeline

    # -- cleaning -------------------------------------------------------------------------------
    def clean(self, data: str | bytes, *, site: str | None = None) -> Result:
        """Clean one document. ``site`` lets a corpus model use that site's learned lines first."""
        if self.model is None:
            return self.pipeline.clean(data, format=self.format)
        from .corpus.filter import current_site

        token = current_site.set(site)
        try:
            return self.pipeline.clean(data, format=self.format)
        finally:
            current_site.reset(token)

    def clean_batch(self, texts: Iterable[str | bytes | None],
                    sites: Iterable[str | None] | None = None) -> tuple[list[str], list[str]]:
        """Clean many documents: ``(cleaned_texts, reports_as_json)``, in input order.

        A document that makes a filter fail comes back unchanged with ``{"error": ...}`` in its
        report, so one bad record does not lose a batch. ``None`` (a null cell) gives ``""``.
        """
        out_texts: list[str] = []
        out_reports: list[str] = []
        site_list = list(sites) if sites is not None else None
        for i, data in enumerate(texts):
            if data is None:
                out_texts.append("")
                out_reports.append(_EMPTY_REPORT)
                continue
            site = site_list[i] if site_list is not None else None
            try:
                res = self.clean(data, site=site)
            except Exception as exc:  # noqa: BLE001 - keep the batch, report the failure
                text = data if isinstance(data, str) else bytes(data).decode("utf-8", "replace")
                out_texts.append(text)
                out_reports.append(json.dumps({"removals": [], "annotations": [], "metadata": {},
                                               "error": f"{type(exc).__name__}: {exc}"}, ensure_ascii=False))
                continue
            out_texts.append(res.text)
            out_reports.append(res.report.to_json())
        return out_texts, out_reports

    def __call__(self, data: str | bytes) -> Result:
        return self.clean(data)

    def __repr__(self) -> str:
        m = "" if self.model is None else f", model={self.model!r}"
        return f"Cleaner(filters={self.filters!r}{m})"


_EMPTY_REPORT = json.dumps({"removals": [], "annotations": [], "metadata": {}})


def _load_model(model: Any) -> Model | None:
    if model is None:
        return None
    if isinstance(model, str | Path):
        from .corpus.model import Model

        return Model.load(model)
    return model
