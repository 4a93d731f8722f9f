"""PageChrome (stub)."""

from __future__ import annotations

from ..document import Document
from ..report import Removal
from .base import Filter


class PageChrome(Filter):
    name = "chrome"
    kind = "page_chrome"

    def find(self, doc: Document) -> list[Removal]:
        return []
