"""Corpus mode: learn boilerplate lines and injected brands over many documents, then apply them.

>>> from cleantext.corpus import learn, CorpusFilter, Model
"""

from .filter import CorpusFilter
from .learn import Counts, Params, learn
from .model import LearnedBrand, LearnedLine, Model, norm_line

__all__ = ["CorpusFilter", "Counts", "LearnedBrand", "LearnedLine", "Model", "Params", "learn", "norm_line"]
