"""ScraperFooter (stub)."""

from __future__ import annotations

from ..document import Document
from ..report import Removal
from .base import Filter


class ScraperFooter(Filter):
    name = "footer"
    kind = "scraper_footer"

    def find(self, doc: Document) -> list[Removal]:
        return []
