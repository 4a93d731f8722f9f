"""UnrelatedTail (stub)."""

from __future__ import annotations

from ..document import Document
from ..report import Removal
from .base import Filter


class UnrelatedTail(Filter):
    name = "tail"
    kind = "unrelated_tail"

    def find(self, doc: Document) -> list[Removal]:
        return []
