"""The noise filters. Each finds one kind of noise and returns spans; none edits text.

:class:`Segmenter` runs after the chrome, tail and footer cascades: a fitted model of the document's
edges finds the chrome, footers and lists glued to the article's first and last sentences.
"""

from .base import Filter
from .brand import BrandSpam
from .chrome import PageChrome
from .duplicates import Duplicates
from .footer import ScraperFooter
from .segmenter import Segmenter
from .tail import UnrelatedTail

__all__ = ["BrandSpam", "Duplicates", "Filter", "PageChrome", "ScraperFooter", "Segmenter", "UnrelatedTail"]
