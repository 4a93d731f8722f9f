"""The five noise filters. Each finds one kind of noise and returns spans; none edits text."""

from .base import Filter
from .brand import BrandSpam
from .chrome import PageChrome
from .duplicates import Duplicates
from .footer import ScraperFooter
from .tail import UnrelatedTail

__all__ = ["BrandSpam", "Duplicates", "Filter", "PageChrome", "ScraperFooter", "UnrelatedTail"]
