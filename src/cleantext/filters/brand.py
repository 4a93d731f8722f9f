"""BrandSpam (stub)."""

from __future__ import annotations

from ..document import Document
from ..report import Removal
from .base import Filter


class BrandSpam(Filter):
    name = "brand"
    kind = "brand_spam"

    def find(self, doc: Document) -> list[Removal]:
        return []
