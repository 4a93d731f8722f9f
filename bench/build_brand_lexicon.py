"""Derive the brand filter's compact language table from jieba's dictionary (MIT licence).

    pip download jieba==0.42.1 --no-deps -d /tmp/jieba && tar xzf /tmp/jieba/jieba-0.42.1.tar.gz -C /tmp/jieba
    python bench/build_brand_lexicon.py /tmp/jieba/jieba-0.42.1/jieba/dict.txt

Writes ``src/cleantext/data/models/brand_lang.txt.gz``: (1) Han character pairs that occur inside
dictionary words, weighted by word frequency, quantised to ``round(log2 f)`` (pairs with f >= 100),
and (2) common verbs (2-3 characters, frequency >= 200). The brand filter reads these as evidence:
deleting a token should leave a pair the language uses; a token that opens with a common verb
(``开设…``, ``支付…``) is a phrase of the language, not a name. Only counts and words are shipped, no
text; jieba's dictionary is MIT-licensed (see ``src/cleantext/data/models/LICENSES.md``).
"""

from __future__ import annotations

import argparse
import gzip
import math
from collections import Counter, defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src/cleantext/data/models/brand_lang.txt.gz"


def _han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dict_txt")
    ap.add_argument("--min-pair", type=int, default=100)
    ap.add_argument("--min-verb", type=int, default=200)
    a = ap.parse_args()
    pairs: Counter[str] = Counter()
    verbs: list[str] = []
    with open(a.dict_txt, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) < 2:
                continue
            w, f = parts[0], int(parts[1])
            pos = parts[2] if len(parts) > 2 else ""
            for x, y in zip(w, w[1:], strict=False):
                if _han(x) and _han(y):
                    pairs[x + y] += f
            if pos == "v" and 2 <= len(w) <= 3 and f >= a.min_verb and all(map(_han, w)):
                verbs.append(w)
    levels: dict[int, list[str]] = defaultdict(list)
    for p, f in pairs.items():
        if f >= a.min_pair:
            levels[round(math.log2(f))].append(p)
    lines = ["# brand filter language table from jieba 0.42.1 dict.txt (MIT), bench/build_brand_lexicon.py"]
    lines += [f"P{lv}\t{''.join(sorted(ps))}" for lv, ps in sorted(levels.items())]
    lines.append("V\t" + " ".join(sorted(set(verbs))))
    OUT.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), compresslevel=9, mtime=0))
    n = sum(map(len, levels.values()))
    print(f"{n} pairs, {len(set(verbs))} verbs -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
