"""Corpus mode: learn boilerplate lines and injected brands over many documents, then apply them.

>>> from cleantext.corpus import learn, with_model, Model
"""

from .filter import CorpusBrandFilter, CorpusFilter, with_model
from .learn import Counts, Params, learn
from .model import LearnedBrand, LearnedLine, Model, norm_line

__all__ = [
    "CorpusBrandFilter", "CorpusFilter", "Counts", "LearnedBrand", "LearnedLine", "Model", "Params", "learn",
    "norm_line", "with_model",
]
