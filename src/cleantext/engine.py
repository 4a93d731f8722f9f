"""A picklable cleaner for batch engines (Ray Data, Spark, Dask, datatrove).

A :class:`Cleaner` holds only its configuration when pickled; the filters are built (regexes
compiled, tables loaded) once per process, on first use.

**One per-record contract for every engine** (:meth:`Cleaner.clean_columns`): each record gives a
cleaned text and four report columns, ``cleantext_report`` (the report as JSON, always the same
keys), ``cleantext_changed``, ``cleantext_error`` and ``cleantext_removed_chars``. A record whose
text is null (``None``, ``pd.NA``, NaN), missing, not ``str``/``bytes`` (``123``, ``1.5``, a list,
a dict), or makes a filter raise comes back unchanged, with the reason in ``cleantext_error`` and
in the report's ``"error"``; the rest of the batch goes on. (Bytes are valid input; cleaned or
not, they come back decoded, so a text column stays a string column.)

>>> from cleantext.engine import Cleaner
>>> b = Cleaner().clean_columns(["正文。\\n", None, 123])
>>> b.texts
['正文。\\n', None, 123]
>>> b.errors
[None, 'NullText: the text is null (NoneType)', 'TypeError: the text is int, not str or bytes']
>>> import json; list(json.loads(b.reports[0])) == list(json.loads(b.reports[2])) == list(REPORT_KEYS)
True
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .report import Removal, Result

if TYPE_CHECKING:
    from .corpus.model import Model
    from .filters.base import Filter
    from .pipeline import Pipeline

#: The columns every engine adapter adds, beside the cleaned text.
REPORT_COLUMN = "cleantext_report"
CHANGED_COLUMN = "cleantext_changed"
ERROR_COLUMN = "cleantext_error"
REMOVED_COLUMN = "cleantext_removed_chars"
COLUMNS = (REPORT_COLUMN, CHANGED_COLUMN, ERROR_COLUMN, REMOVED_COLUMN)
#: The keys of every JSON report an engine writes (normal, null and failed records alike).
REPORT_KEYS = ("removals", "annotations", "metadata", "input", "skipped", "error")

#: Pass this for a record that has no text field at all (``MissingText`` error, text ``None``).
MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING",
                                    "__reduce__": lambda self: "MISSING"})()

_FIELDS = tuple(f.name for f in fields(Removal))
_GET = attrgetter(*_FIELDS)


class _Bad(Exception):
    """A record that is not cleanable input (null, missing, wrong type)."""


@dataclass(slots=True)
class Batch:
    """Column-wise output of :meth:`Cleaner.clean_columns`, in input order."""

    texts: list[Any] = field(default_factory=list)
    reports: list[str | None] = field(default_factory=list)
    changed: list[bool] = field(default_factory=list)
    errors: list[str | None] = field(default_factory=list)
    removed_chars: list[int] = field(default_factory=list)

    def columns(self, report_column: str | None = REPORT_COLUMN) -> dict[str, list[Any]]:
        """The report columns by name (without the text); ``report_column=None`` leaves the JSON out."""
        out: dict[str, list[Any]] = {}
        if report_column:
            out[report_column] = self.reports
        out[CHANGED_COLUMN] = self.changed
        out[ERROR_COLUMN] = self.errors
        out[REMOVED_COLUMN] = self.removed_chars
        return out


def is_null(x: Any) -> bool:
    """``None``, ``pd.NA``, ``pd.NaT``, or a float NaN (numpy's included), without importing pandas."""
    if x is None or (isinstance(x, float) and x != x):
        return True
    t = type(x)
    return t.__name__ in ("NAType", "NaTType") or (t.__module__ == "numpy" and t.__name__.startswith("float")
                                                  and x != x)


def _input(x: Any) -> str | bytes:
    if isinstance(x, str):
        return x if type(x) is str else str(x)  # numpy.str_ and other subclasses
    if isinstance(x, bytes | bytearray | memoryview):
        return bytes(x)
    if x is MISSING:
        raise _Bad("MissingText: the record has no text field")
    if is_null(x):
        raise _Bad(f"NullText: the text is null ({type(x).__name__})")
    raise _Bad(f"TypeError: the text is {type(x).__name__}, not str or bytes")


def _site(s: Any) -> str | None:
    if s is None or s is MISSING or is_null(s):
        return None
    return s if type(s) is str else str(s)


def _removals(rs: list[Removal]) -> list[dict[str, Any]]:
    return [dict(zip(_FIELDS, _GET(r), strict=True)) for r in rs]


def report_json(res: Result) -> str:
    """A result's report as the engines write it: :data:`REPORT_KEYS`, ``"error": null``."""
    rep = res.report
    return json.dumps({"removals": _removals(rep.removals), "annotations": _removals(rep.annotations),
                       "metadata": rep.metadata, "input": rep.input, "skipped": rep.skipped, "error": None},
                      ensure_ascii=False)


def error_report(error: str) -> str:
    return json.dumps({"removals": [], "annotations": [], "metadata": {}, "input": {}, "skipped": None,
                       "error": error}, ensure_ascii=False)


class Cleaner:
    """Clean documents with the default filters (or ``filters``), plus a learned corpus model.

    ``model`` is a :class:`cleantext.corpus.Model`, a path to one saved as JSON, or ``None``.
    ``filters`` is a list of filter instances (they must be picklable to ship the cleaner to
    workers) or ``None`` for the registry's default filters.
    """

    def __init__(self, filters: Sequence[Filter] | None = None, *, model: Model | str | Path | None = None,
                 max_chars: int | None = None, max_seconds: float | None = None,
                 format: str | None = None, passes: int | None = None) -> None:
        self.filters = list(filters) if filters is not None else None
        self.passes = passes
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
                                   max_seconds=self.max_seconds, passes=self.passes)
        return self._pipeline

    # -- cleaning -------------------------------------------------------------------------------
    def clean(self, data: str | bytes, *, site: str | None = None) -> Result:
        """Clean one document (raises on bad input). ``site`` lets a corpus model use that site's lines."""
        if self.model is None:
            return self.pipeline.clean(data, format=self.format)
        from .corpus.filter import current_site

        token = current_site.set(site)
        try:
            return self.pipeline.clean(data, format=self.format)
        finally:
            current_site.reset(token)

    def clean_columns(self, texts: Iterable[Any], sites: Iterable[Any] | None = None, *,
                      report: bool = True) -> Batch:
        """Clean a column of records under the per-record contract (module docstring).

        ``report=False`` skips the JSON reports (``reports`` is then all ``None``) when only the
        filterable columns are wanted. Never raises for a record; only for a broken ``sites``.
        """
        b = Batch()
        site_list = list(sites) if sites is not None else None
        for i, value in enumerate(texts):
            text, error, res = self.clean_record(value, site_list[i] if site_list is not None else None)
            b.texts.append(text)
            b.errors.append(error)
            if res is None:
                b.changed.append(False)
                b.removed_chars.append(0)
                b.reports.append(error_report(error) if report else None)  # type: ignore[arg-type]
                continue
            n = res.report.removed_chars
            b.changed.append(n > 0)
            b.removed_chars.append(n)
            b.reports.append(report_json(res) if report else None)
        return b

    def clean_record(self, value: Any, site: Any = None) -> tuple[Any, str | None, Result | None]:
        """One record under the contract: ``(text, None, result)``, or ``(value unchanged, error, None)``."""
        try:
            data = _input(value)
        except _Bad as bad:
            return (None if value is MISSING else value), str(bad), None
        try:
            res = self.clean(data, site=_site(site))
        except Exception as exc:  # noqa: BLE001 - keep the batch, report the failure per record
            text = data if isinstance(data, str) else data.decode("utf-8", "replace")
            return text, f"{type(exc).__name__}: {exc}", None
        return res.text, None, res

    def clean_batch(self, texts: Iterable[Any],
                    sites: Iterable[Any] | None = None) -> tuple[list[Any], list[str]]:
        """``(cleaned_texts, reports_as_json)``: :meth:`clean_columns` without the extra columns."""
        b = self.clean_columns(texts, sites)
        return b.texts, b.reports  # type: ignore[return-value]

    def __call__(self, data: str | bytes) -> Result:
        return self.clean(data)

    def __repr__(self) -> str:
        m = "" if self.model is None else f", model={self.model!r}"
        return f"Cleaner(filters={self.filters!r}{m})"


def _load_model(model: Any) -> Model | None:
    if model is None:
        return None
    if isinstance(model, str | Path):
        from .corpus.model import Model

        return Model.load(model)
    if isinstance(model, dict):
        from .corpus.model import Model

        return Model.from_dict(model)
    return model
