#!/usr/bin/env python3
"""Recipe: clean a JSONL corpus with a Dask bag (2 worker processes); check it equals one process.

    pip install 'cleantext-zh[dask]'
    python bench/recipes/dask_bag.py [CORPUS.jsonl]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import check, corpus, reference  # noqa: E402


def main() -> int:
    import dask
    import dask.bag as db

    from cleantext.integrations.recipes import partition_cleaner

    path = Path(sys.argv[1]) if len(sys.argv) > 1 else corpus()
    ref = reference(path)
    t0 = time.perf_counter()
    with dask.config.set(scheduler="processes", num_workers=2):
        bag = db.read_text(str(path), blocksize="4MiB").map(json.loads)
        bag = bag.map_partitions(partition_cleaner(text_field="text"))
        out = bag.map(lambda r: (r["id"], r["text"], r["cleantext_report"])).compute()
    seconds = time.perf_counter() - t0
    assert all(json.loads(rep)["removals"] is not None for _, _, rep in out)
    return check({i: t for i, t, _ in out}, ref, "dask bag, processes x2", seconds)


if __name__ == "__main__":
    raise SystemExit(main())
