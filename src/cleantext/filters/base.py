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
             kind: str | None = None) -> Removal:
        return Removal(start, end, kind or self.kind, self.name, reason, round(float(score), 4),
                       doc.text[start:end])

    def annotate(self, doc: Document, start: int, end: int, reason: str, score: float = 0.0) -> None:
        doc.annotations.append(self.span(doc, start, end, reason, score))

    def __repr__(self) -> str:
        opts = ", ".join(f"{k}={v!r}" for k, v in vars(self).items() if not k.startswith("_"))
        return f"{type(self).__name__}({opts})"
