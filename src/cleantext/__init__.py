"""cleantext: clean scraped articles and say exactly what was removed, where and why.

>>> import cleantext
>>> r = cleantext.clean("标题\\n\\n正文。\\n\\n正文。")
>>> cleantext.apply("标题\\n\\n正文。\\n\\n正文。", r.report.removals) == r.text
True
>>> {"clean", "Pipeline", "Cleaner"} <= set(dir(cleantext))
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .report import KINDS, Removal, Report, Result
from .spans import apply

if TYPE_CHECKING:
    from . import filters
    from .pipeline import Pipeline, clean

__all__ = ["KINDS", "Cleaner", "Pipeline", "Removal", "Report", "Result", "apply", "clean", "default_filters",
           "filters"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # Lazy: keep ``import cleantext`` cheap for the pre-commit hook's cold start.
    if name in ("Pipeline", "clean", "default_filters"):
        from . import pipeline

        return getattr(pipeline, name)
    if name == "filters":
        from . import filters

        return filters
    if name == "Cleaner":
        from .engine import Cleaner

        return Cleaner
    raise AttributeError(f"module 'cleantext' has no attribute {name!r}")


def __dir__() -> list[str]:
    # the lazy names too, so dir(cleantext) and tab completion show clean, Pipeline, Cleaner
    return sorted({*globals(), *__all__})
