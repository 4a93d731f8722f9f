"""Rewrite the dates of dev.jsonl's related-article lists in other styles (tails of shapes never fitted on).

    python bench/restyle_tails.py ../shared/eval/dev.jsonl -o /tmp/restyle.jsonl [--style all] [--seed 1]
    python ../shared/eval/score.py /tmp/restyle.jsonl

dev's lists of other articles (``unrelated_tail``) date every headline with a full timestamp on a
line of its own (``2024-11-01 00:44:19``); real pages date them otherwise or not at all. Each tail
date line of a case is rewritten in one style, drawn per case (or fixed with ``--style``):

* ``none``: no dates (the line goes);
* ``relative``: ``3小时前``, ``25分钟前``, ``昨天 14:20``, ``2天前``;
* ``month_day``: ``11-01`` or ``11月01日``;
* ``slash``: ``2024/11/01``;
* ``glued``: the date line goes and ``11-01`` is glued to the end of the headline above it.

Labels move with the text; cases without a tail are written unchanged (so the file is all of dev).
The styles are written for this script; nothing is taken from any evaluation set.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Callable
from pathlib import Path

STYLES = ("none", "relative", "month_day", "slash", "glued")
_STAMP = re.compile(r"\s*((?:19|20)\d\d)-(\d\d)-(\d\d)(?:\s+(\d\d):(\d\d)(?::\d\d)?)?\s*")


def _relative(rng: random.Random, m: re.Match[str]) -> str:
    k = rng.randrange(4)
    if k == 0:
        return f"{rng.randint(1, 23)}小时前"
    if k == 1:
        return f"{rng.randint(2, 59)}分钟前"
    if k == 2:
        return f"昨天 {m.group(4) or '09'}:{m.group(5) or '30'}"
    return f"{rng.randint(2, 6)}天前"


def restyle(case: dict, style: str, rng: random.Random) -> dict:
    """``case`` with its tail date lines rewritten in ``style``; labels follow the text."""
    text = case["input"]
    spans = sorted(case["removals"])
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) over the old text
    for s, e, k in spans:
        m = _STAMP.fullmatch(text, s, e)
        if k != "unrelated_tail" or m is None:
            continue
        if style == "none" or style == "glued":
            end = e + 1 if text[e : e + 1] == "\n" else e
            edits.append((s, end, ""))
            if style == "glued":
                prev = s  # the end of the headline above, over the blank lines between
                while prev > 0 and text[prev - 1].isspace():
                    prev -= 1
                if prev > 0 and any(a < prev <= b and kk == "unrelated_tail" for a, b, kk in spans):
                    edits.append((prev, prev, f" {m.group(2)}-{m.group(3)}"))
        elif style == "relative":
            edits.append((s, e, _relative(rng, m)))
        elif style == "month_day":
            md = f"{m.group(2)}-{m.group(3)}" if rng.random() < 0.5 else f"{m.group(2)}月{m.group(3)}日"
            edits.append((s, e, md))
        elif style == "slash":
            edits.append((s, e, f"{m.group(1)}/{m.group(2)}/{m.group(3)}"))
    if not edits:
        return case
    edits.sort(key=lambda x: (x[0], x[1]))
    # where each old offset lands, as a span's start and as a span's end: a span ending where text
    # is inserted (the glued date) takes the insertion, a span ending where a replacement starts does not
    n = len(text)
    start_at, end_at = list(range(n + 1)), list(range(n + 1))
    out, old, new = [], 0, 0
    for s, e, rep in edits:
        for p in range(old, s + 1):
            start_at[p] = end_at[p] = new + p - old
        new += s - old
        out.append(text[old:s])
        out.append(rep)
        if e == s:
            end_at[s] = new + len(rep)
        new += len(rep)
        for p in range(s + 1, e + 1):
            start_at[p] = end_at[p] = new
        old = e
    for p in range(old, n + 1):
        start_at[p] = end_at[p] = new + p - old
    out.append(text[old:])
    removals = []
    for s, e, k in spans:
        ns, ne = start_at[s], end_at[e]
        if ne > ns:
            removals.append([ns, ne, k])
    return {**case, "input": "".join(out), "removals": removals, "restyle": style}


def run(argv: list[str] | None, description: str, styles: tuple[str, ...],
        rewrite: Callable[[dict, str, random.Random], dict], verb: str) -> int:
    """The command line of a case rewriter (this script, ``glue_tails.py``): every case of a JSONL
    file rewritten in one style (drawn per case, or fixed), written to ``-o``."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("path")
    ap.add_argument("-o", "--out", required=True)
    ap.add_argument("--style", choices=(*styles, "all"), default="all")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    rng = random.Random(a.seed)
    n = 0
    with open(a.out, "w", encoding="utf-8") as fh:
        for line in Path(a.path).read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            style = rng.choice(styles) if a.style == "all" else a.style
            new = rewrite(case, style, rng)
            n += new is not case
            fh.write(json.dumps(new, ensure_ascii=False) + "\n")
    print(f"{n} cases {verb} -> {a.out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    return run(argv, __doc__.split("\n\n")[0], STYLES, restyle, "restyled")


if __name__ == "__main__":
    raise SystemExit(main())
