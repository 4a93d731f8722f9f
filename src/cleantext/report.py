"""The data a cleaning run produces: removals with provenance, and the report around them."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

#: The kinds of noise cleantext knows, as they appear in reports.
KINDS = ("brand_spam", "duplicate", "scraper_footer", "unrelated_tail", "page_chrome")


@dataclass(frozen=True, slots=True)
class Removal:
    """One span of the input that was (or, as an annotation, might be) noise.

    ``start``/``end`` index the string the pipeline cleaned (``Report.source_text`` when the
    input was bytes or HTML, otherwise the input itself); ``text`` is exactly ``input[start:end]``.
    ``code`` is a stable reason code (``footer.disclaimer``, ``duplicate.near_copy``), a key for
    statistics; ``reason`` says the same in words.
    """

    start: int
    end: int
    kind: str
    filter: str
    reason: str
    score: float = 1.0
    text: str = ""
    code: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Report:
    """What a run removed, what it was unsure about, and what it learned about the page."""

    removals: list[Removal] = field(default_factory=list)
    #: Suspicious spans that were *kept* because the evidence was too weak (precision first).
    annotations: list[Removal] = field(default_factory=list)
    #: Header facts found on the page: title, published (ISO 8601), source, author, category ...
    metadata: dict[str, str] = field(default_factory=dict)
    #: How the input was read: format ("text"/"html"), encoding, how it was chosen, bytes replaced.
    input: dict[str, Any] = field(default_factory=dict)
    #: The string the offsets index, when it differs from the ``str`` the caller passed.
    source_text: str | None = None
    #: Set when a limit stopped the run; the document is then returned unchanged.
    skipped: str | None = None

    @property
    def removed_chars(self) -> int:
        return sum(r.end - r.start for r in self.removals)

    def by_kind(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for r in self.removals:
            counts[r.kind] = counts.get(r.kind, 0) + 1
        return counts

    def to_dict(self, *, include_source: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "removals": [r.to_dict() for r in self.removals],
            "annotations": [r.to_dict() for r in self.annotations],
            "metadata": dict(self.metadata),
        }
        if self.input:
            d["input"] = dict(self.input)
        if self.skipped:
            d["skipped"] = self.skipped
        if include_source and self.source_text is not None:
            d["source_text"] = self.source_text
        return d

    def to_json(self, **kw: Any) -> str:
        return json.dumps(self.to_dict(**kw), ensure_ascii=False)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Report:
        return cls(
            removals=[Removal(**r) for r in d.get("removals", [])],
            annotations=[Removal(**r) for r in d.get("annotations", [])],
            metadata=dict(d.get("metadata", {})),
            input=dict(d.get("input", {})),
            source_text=d.get("source_text"),
            skipped=d.get("skipped"),
        )


@dataclass(slots=True)
class Result:
    """The cleaned text and the report that explains it."""

    text: str
    report: Report

    @property
    def changed(self) -> bool:
        return bool(self.report.removals)

    def __str__(self) -> str:  # so ``str(clean(x))`` is the cleaned text
        return self.text
