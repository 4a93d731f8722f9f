"""The noise filters. Each finds its kinds of noise and returns spans; none edits text.

:class:`Segmenter` finds page chrome, scraper footers and unrelated tails with one fitted model;
:class:`Duplicates` and :class:`BrandSpam` find copies and injected brands.
"""

from .base import Filter
from .brand import BrandSpam
from .duplicates import Duplicates
from .segmenter import Segmenter

__all__ = ["BrandSpam", "Duplicates", "Filter", "Segmenter"]
