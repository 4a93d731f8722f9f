"""Glue dev.jsonl's related-article lists into the article's last line (lists a scraper joined).

    python bench/glue_tails.py ../shared/eval/dev.jsonl -o /tmp/glued.jsonl [--style all] [--seed 1]
    python ../shared/eval/score.py /tmp/glued.jsonl

Real pages often hold their "more news" list on one line glued after the last sentence
(``…的问题。热文推荐■ 标题■ 标题``). Each case's ``unrelated_tail`` span is rewritten as one line glued
to the text before it: its headlines (date lines and ``...`` excerpts dropped; a heading kept) joined in
one style, drawn per case or fixed with ``--style``:

* ``bullet``: one bullet before every headline (``■``, ``●``, ``▶`` or ``★``);
* ``number``: ``1、`` ``2、`` ... under the list's heading (a heading is added when the list has none);
* ``stamp``: every headline closed by a source and a relative time (``某网3评2小时前``).

Labels move with the text; cases without a tail are written unchanged. The styles are written for this
script (after the tail filter's glued-list rule: a check of that mechanism on dev's other headlines,
not data the rule never saw); nothing is taken from any evaluation set.
"""

from __future__ import annotations

import random
import re

from restyle_tails import run  # (bench/, next to this script)

STYLES = ("bullet", "number", "stamp")
_DATE = re.compile(r"\s*(?:19|20)\d\d[-/年]\d\d?[-/月]\d\d?日?(?:\s+\d\d:\d\d(?::\d\d)?)?\s*")
_HEADINGS = ("推荐阅读", "相关新闻", "热文推荐", "往期精选", "猜你喜欢")


def glue(case: dict, style: str, rng: random.Random) -> dict:
    """``case`` with its tail glued into one line in ``style``; labels follow the text."""
    text = case["input"]
    spans = sorted(case["removals"])
    # the last block of tail labels (dev labels each line on its own; blanks between them join them)
    tails = [(a, b) for a, b, k in spans if k == "unrelated_tail"]
    if not tails:
        return case
    s, e = tails[-1]
    for a, b in reversed(tails[:-1]):
        if b <= s and not text[b:s].strip():
            s = a
        else:
            break
    lines = [ln.strip() for ln in text[s:e].split("\n") if ln.strip()]
    heads = [ln for ln in lines if not _DATE.fullmatch(ln) and not ln.startswith(("...", "…"))]
    heading = heads.pop(0) if heads and len(heads[0]) <= 12 and not _DATE.search(heads[0]) else ""
    heads = [h for h in heads if 4 <= len(h) <= 60 and "。" not in h[:-1]]
    if len(heads) < 3:
        return case
    if style == "bullet":
        b = rng.choice("■●▶★")
        glued = heading + "".join(f"{b} {h}" for h in heads)
    elif style == "number":
        glued = (heading or rng.choice(_HEADINGS)) + "".join(f"{i}、{h}" for i, h in enumerate(heads, 1))
    else:
        glued = heading + "".join(f"{h}某某网{rng.randint(0, 30)}评{rng.randint(1, 23)}小时前" for h in heads)
    p = s
    while p > 0 and text[p - 1].isspace():
        p -= 1
    if p == 0:
        return case
    new = text[:p] + glued + text[e:]
    delta = len(glued) - (e - p)
    removals = []
    removals.append([p, p + len(glued), "unrelated_tail"])
    for a, b, k in spans:
        if s <= a and b <= e and k == "unrelated_tail":
            continue
        if b <= p:
            removals.append([a, b, k])
        elif a >= e:
            removals.append([a + delta, b + delta, k])
        else:
            return case  # a label crossing the glued stretch: leave the case as it is
    return {**case, "input": new, "removals": sorted(removals), "glued": style}


def main(argv: list[str] | None = None) -> int:
    return run(argv, __doc__.split("\n\n")[0], STYLES, glue, "glued")


if __name__ == "__main__":
    raise SystemExit(main())
