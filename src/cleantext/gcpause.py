"""The cyclic garbage collector paused while one document is cleaned or extracted.

Building a page's tree (BeautifulSoup's above all) and its lines allocates tens of thousands of
objects; each crossing of the collector's allocation threshold made it walk the young ones again,
and now and then every long-lived object (the loaded models) too: about a third of the bs4 path's
time, a few per cent of the lxml path's. Paused, the collector runs its usual check once, after the
document, and collects what the document left (a BeautifulSoup tree is cyclic garbage). Nothing
else changes: the same objects are made and freed, the output is the same.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused"]


@contextmanager
def paused() -> Iterator[None]:
    """Pause the collector for the ``with`` block (a no-op when it is off already: a caller that
    turned it off, or an enclosing pause)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        # CPython checks its threshold when a tracked object is allocated: allocate one, so the
        # document's garbage is collected now, in the call that made it (and in its time), not at
        # whatever allocation comes next.
        _tick = [None]  # noqa: F841
