"""Decode bytes to text. Minimal version: BOM, strict UTF-8, then GB18030 with replacement."""

from __future__ import annotations

import codecs
from typing import Any

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(data: bytes) -> tuple[str, dict[str, Any]]:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data.decode(enc, errors="replace")
            return text, {"encoding": enc, "encoding_source": "bom", "replaced": text.count("\ufffd")}
    try:
        return data.decode("utf-8"), {"encoding": "utf-8", "encoding_source": "strict-utf-8", "replaced": 0}
    except UnicodeDecodeError:
        text = data.decode("gb18030", errors="replace")
        return text, {"encoding": "gb18030", "encoding_source": "fallback", "replaced": text.count("\ufffd")}
