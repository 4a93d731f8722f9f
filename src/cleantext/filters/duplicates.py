"""Duplicates (stub)."""

from __future__ import annotations

from ..document import Document
from ..report import Removal
from .base import Filter


class Duplicates(Filter):
    name = "duplicates"
    kind = "duplicate"

    def find(self, doc: Document) -> list[Removal]:
        return []
