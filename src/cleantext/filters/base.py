"""The filter contract: find spans of one kind of noise; never edit the text."""

from __future__ import annotations

from typing import ClassVar

from ..document import Document
from ..report import Removal


class Filter:
    """Base class of the five noise filters (and of any a user writes).

    A filter looks at a :class:`~cleantext.document.Document` and returns the spans it wants
    removed (:class:`~cleantext.report.Removal`). It may also append kept-but-suspicious spans to
    ``doc.annotations``. Applying the spans is the pipeline's job.
    """

    #: Name used in reports and configuration.
    name: ClassVar[str] = "filter"
    #: The noise kind this filter reports (one of ``cleantext.KINDS``).
    kind: ClassVar[str] = ""

    def find(self, doc: Document) -> list[Removal]:  # pragma: no cover - interface
        raise NotImplementedError

    def span(self, doc: Document, start: int, end: int, reason: str, score: float = 1.0,
             kind: str | None = None, code: str | None = None) -> Removal:
        """A removal of ``doc.text[start:end]``; ``code`` is the stable reason code
        (``<filter>.<what>``, default ``<filter>.match``), ``reason`` the same in words."""
        return Removal(start, end, kind or self.kind, self.name, reason, round(float(score), 4),
                       doc.text[start:end], code or f"{self.name}.match")

    def annotate(self, doc: Document, start: int, end: int, reason: str, score: float = 0.0,
                 code: str | None = None) -> None:
        doc.annotations.append(self.span(doc, start, end, reason, score, code=code))

    def __repr__(self) -> str:
        opts = ", ".join(f"{k}={v!r}" for k, v in vars(self).items() if not k.startswith("_"))
        return f"{type(self).__name__}({opts})"
