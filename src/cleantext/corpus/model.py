"""What corpus mode learns, as plain data that saves to and loads from JSON."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import regex

FORMAT = "cleantext-corpus-model"
VERSION = 1

# an e-mail local part has at most 64 characters (RFC 5321); unbounded, a long run of letters or
# digits without an @ was rescanned from every position (quadratic)
_URL = regex.compile(r"(?:https?://|www\.)[^\s\p{Han}，。；、]+|[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_DIGITS = regex.compile(r"\d+")
_SPACE = regex.compile(r"\s+")


def norm_line(text: str) -> str:
    """The key a line is counted under: NFKC, no whitespace, URLs/e-mails as ``@``, digit runs as ``0``.

    So ``快照生成时间：2025-09-15 22:38:24`` and ``快照生成时间:2018-06-06 14:32:10`` count as one line.

    >>> norm_line("快照生成时间：2025-09-15 22:38:24") == norm_line("快照生成时间:2018-06-06 14:32:10")
    True
    """
    t = unicodedata.normalize("NFKC", text)
    t = _URL.sub("@", t)
    t = _DIGITS.sub("0", t)
    return _SPACE.sub("", t).lower()


def letters(norm: str) -> int:
    """Letters (Han included) in a normalised line: lines made of dates and numbers are never learned."""
    return sum(ch.isalpha() for ch in norm)


@dataclass(slots=True)
class LearnedLine:
    """A line seen in many documents of one site (``site`` ``""`` = the whole batch)."""

    site: str
    text: str  # normalised (see norm_line)
    docs: int  # distinct documents of the site it appears in
    site_docs: int  # distinct documents of the site
    kind: str  # the kind it is removed as
    pos: float = 1.0  # mean relative position in its documents (0 top, 1 bottom)
    removed_docs: int = 0  # documents where the single-document filters already removed it
    tail_docs: int = 0  # documents where everything after it was removed
    cut_after: bool = False  # remove the rest of the document after it too
    example: str = ""  # one original spelling

    @property
    def ratio(self) -> float:
        return self.docs / max(self.site_docs, 1)

    def reason(self) -> str:
        where = f"site {self.site}" if self.site else "the batch"
        return f"seen in {self.docs:,} of {self.site_docs:,} documents ({where})"


@dataclass(slots=True)
class LearnedBrand:
    """A token the per-document brand filter removed in many documents."""

    token: str
    flagged_docs: int  # documents where the brand filter removed it
    containing_docs: int  # documents that contain it at all
    sites: int = 1  # sites it was flagged in
    weak_docs: int = 0  # documents where the brand filter only annotated it (weak evidence)

    @property
    def ratio(self) -> float:
        return (self.flagged_docs + self.weak_docs) / max(self.containing_docs, 1)

    def reason(self) -> str:
        weak = f" and annotated (weak evidence) in {self.weak_docs:,} more" if self.weak_docs else ""
        return (f"known injected brand: removed by the brand filter in {self.flagged_docs:,}{weak} of "
                f"{self.containing_docs:,} documents containing it ({self.sites:,} site(s))")


@dataclass(slots=True)
class Model:
    """A corpus model: learned boilerplate lines and known injected brands."""

    lines: list[LearnedLine] = field(default_factory=list)
    brands: list[LearnedBrand] = field(default_factory=list)
    docs: int = 0  # documents read
    distinct_docs: int = 0  # after dropping repeated copies of one article within a site
    sites: dict[str, int] = field(default_factory=dict)  # site -> distinct documents
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT, "version": VERSION,
            "docs": self.docs, "distinct_docs": self.distinct_docs, "sites": dict(self.sites),
            "params": dict(self.params),
            "lines": [asdict(x) for x in self.lines],
            "brands": [asdict(x) for x in self.brands],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Model:
        if d.get("format") != FORMAT:
            raise ValueError(f"not a cleantext corpus model (format {d.get('format')!r})")
        if d.get("version", 0) > VERSION:
            raise ValueError(f"corpus model version {d['version']} is newer than this cleantext ({VERSION})")
        return cls(
            lines=[LearnedLine(**x) for x in d.get("lines", [])],
            brands=[LearnedBrand(**x) for x in d.get("brands", [])],
            docs=int(d.get("docs", 0)), distinct_docs=int(d.get("distinct_docs", 0)),
            sites={str(k): int(v) for k, v in d.get("sites", {}).items()},
            params=dict(d.get("params", {})),
        )

    def save(self, path: str | Path) -> None:
        text = json.dumps(self.to_dict(), ensure_ascii=False, indent=1)
        Path(path).write_text(text + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> Model:
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))

    def summary(self) -> str:
        kinds: dict[str, int] = {}
        for ln in self.lines:
            kinds[ln.kind] = kinds.get(ln.kind, 0) + 1
        cut = sum(ln.cut_after for ln in self.lines)
        return (f"{self.docs:,} documents ({self.distinct_docs:,} distinct) "
                f"from {len(self.sites):,} site(s): "
                f"{len(self.lines):,} lines {kinds} ({cut} cut the rest), {len(self.brands):,} brands")

    def __repr__(self) -> str:
        return f"Model({self.summary()})"
