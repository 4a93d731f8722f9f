"""The one place a cleaner is built.

Every entry point (``cleantext.clean``, :class:`~cleantext.pipeline.Pipeline`, the command, the
pre-commit hook, :class:`~cleantext.engine.Cleaner` and the engine adapters, corpus mode) gets its
filters from :func:`build`, so they clean byte for byte alike. Nothing else lists the filters.

>>> from cleantext import registry
>>> registry.DEFAULT
('chrome', 'tail', 'footer', 'segmenter', 'duplicates', 'brand')
>>> [f.name for f in registry.default_filters()] == list(registry.DEFAULT)
True
"""

from __future__ import annotations

import importlib
import inspect
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .config import Config
    from .corpus.model import Model
    from .filters.base import Filter
    from .pipeline import Pipeline

#: Built-in filters by name, as lazy import paths (``module:Class``): the hook's cold start matters.
_BUILTIN: dict[str, str] = {
    "chrome": "cleantext.filters.chrome:PageChrome",
    "tail": "cleantext.filters.tail:UnrelatedTail",
    "footer": "cleantext.filters.footer:ScraperFooter",
    "duplicates": "cleantext.filters.duplicates:Duplicates",
    "brand": "cleantext.filters.brand:BrandSpam",
    # the fitted edge segmenter (issue 10): furniture glued to the first and last sentences
    "segmenter": "cleantext.filters.segmenter:Segmenter",
}
#: The default filters, in the order they run: whole-line noise first, then what is glued to the
#: article's edges, then copies, then the brand tokens inside what is left (each filter sees what
#: earlier ones removed).
DEFAULT: tuple[str, ...] = ("chrome", "tail", "footer", "segmenter", "duplicates", "brand")

_extra: dict[str, type] = {}


class BuildError(ValueError):
    """A filter name, option or model that cannot be used; the message names it."""


def register(name: str, cls: type) -> type:
    """Make ``cls`` available under ``name`` (for ``select`` and ``[tool.cleantext.filters.NAME]``)."""
    _extra[name] = cls
    return cls


def names() -> list[str]:
    """Every filter name :func:`filter_class` knows, built-in first."""
    return [*_BUILTIN, *(n for n in _extra if n not in _BUILTIN)]


def filter_class(name: str) -> type:
    """The class ``name`` stands for: a built-in or registered name, or a ``package.module:Class`` path."""
    if name in _extra:
        return _extra[name]
    path = _BUILTIN.get(name, name if ":" in name else None)
    if path is None:
        raise BuildError(f"unknown filter {name!r} (known: {', '.join(names())})")
    mod, _, attr = path.partition(":")
    try:
        return getattr(importlib.import_module(mod), attr)
    except (ImportError, AttributeError) as e:
        raise BuildError(f"cannot import filter {name!r}: {e}") from None


def accepts(cls: type, kw: str) -> bool:
    """Whether ``cls(**{kw: ...})`` is a known option."""
    try:
        params = inspect.signature(cls).parameters
    except (TypeError, ValueError):
        return True
    return kw in params or any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())


def make_filter(name: str, options: dict[str, Any] | None = None, *, lexicons: Sequence[str] = ()) -> Filter:
    """One filter, its options checked against its constructor."""
    cls = filter_class(name)
    kwargs = dict(options or {})
    if lexicons and accepts(cls, "extra_lexicons"):
        kwargs.setdefault("extra_lexicons", list(lexicons))
    for k in kwargs:
        if not accepts(cls, k):
            raise BuildError(f"filters.{name}.{k}: unknown option of {cls.__name__}")
    try:
        return cls(**kwargs)
    except (TypeError, ValueError) as e:
        raise BuildError(f"filters.{name}: {e}") from None


def default_filters() -> list[Filter]:
    """Fresh instances of the default filters, in :data:`DEFAULT` order."""
    return [make_filter(n) for n in DEFAULT]


def build(config: Config | None = None, *, filters: Sequence[Filter] | None = None,
          select: Sequence[str] | None = None, options: dict[str, dict[str, Any]] | None = None,
          allow: Sequence[str] | None = None, lexicons: Sequence[str] | None = None,
          model: Model | str | Path | None = None, max_chars: int | None = None,
          max_seconds: float | None = None, passes: int | None = None) -> Pipeline:
    """The pipeline for a configuration; keyword arguments override the configuration's fields.

    ``filters`` (instances) wins over ``select`` (names); with neither, :data:`DEFAULT`. A corpus
    ``model`` (a :class:`~cleantext.corpus.Model` or the path of one saved as JSON) adds its
    learned-line and known-brand filters where they help (:func:`cleantext.corpus.with_model`).
    """
    from .pipeline import DEFAULT_PASSES, Pipeline

    cfg_select = getattr(config, "select", None)
    cfg_options = getattr(config, "filters", None) or {}
    opts = {**cfg_options, **(options or {})}
    lex = list(lexicons if lexicons is not None else getattr(config, "lexicons", None) or [])
    if filters is not None:
        chosen = list(filters)
    else:
        chosen_names = list(select if select is not None else cfg_select or DEFAULT)
        if lex and not any(accepts(filter_class(n), "extra_lexicons") for n in chosen_names):
            print("cleantext: warning: lexicons ignored: no selected filter takes extra lexicons",
                  file=sys.stderr)
        chosen = [make_filter(n, opts.get(n), lexicons=lex) for n in chosen_names]
    if model is None:
        model = getattr(config, "model", None)
    if model is not None:
        from .corpus.filter import with_model

        chosen = with_model(chosen, load_model(model))
    return Pipeline(
        chosen,
        allow=list(allow if allow is not None else getattr(config, "allow", None) or []),
        max_chars=max_chars if max_chars is not None else getattr(config, "max_chars", None),
        max_seconds=max_seconds if max_seconds is not None else getattr(config, "max_seconds", None),
        passes=passes or getattr(config, "passes", None) or DEFAULT_PASSES,
    )


def load_model(model: Model | str | Path) -> Model:
    """A corpus model given as itself or as the path of its JSON file."""
    if isinstance(model, str | Path):
        from .corpus.model import Model

        try:
            return Model.load(model)
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise BuildError(f"cannot load model {str(model)!r}: {e}") from None
    return model
