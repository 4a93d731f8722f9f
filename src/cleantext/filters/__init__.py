"""The noise filters. Each finds one kind of noise and returns spans; none edits text.

:class:`Segmenter` (opt-in, ``select=["segmenter", "duplicates", "brand"]``) finds page chrome,
scraper footers and unrelated tails with one fitted model instead of the three cascades.
"""

from .base import Filter
from .brand import BrandSpam
from .chrome import PageChrome
from .duplicates import Duplicates
from .footer import ScraperFooter
from .segmenter import Segmenter
from .tail import UnrelatedTail

__all__ = ["BrandSpam", "Duplicates", "Filter", "PageChrome", "ScraperFooter", "Segmenter", "UnrelatedTail"]
