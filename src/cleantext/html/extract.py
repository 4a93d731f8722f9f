"""Placeholder extractor: page text via beautifulsoup4, one line per block. Replaced by the real one."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..report import Removal


@dataclass(slots=True)
class Extraction:
    text: str
    removals: list[Removal] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)


def extract(html: str) -> Extraction:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for t in soup(["script", "style", "noscript"]):
        t.decompose()
    return Extraction(soup.get_text("\n"))
