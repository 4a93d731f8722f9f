#!/usr/bin/env python3
"""Recipe: a datatrove pipeline (JsonlReader -> CleantextStep -> JsonlWriter, 2 tasks); check the output.

    pip install 'cleantext-zh[datatrove]'
    python bench/recipes/datatrove_step.py [CORPUS.jsonl]
"""

from __future__ import annotations

import gzip
import json
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import OUT, check, corpus, reference, shard_jsonl  # noqa: E402


def main() -> int:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from cleantext.integrations.datatrove import CleantextStep

    path = Path(sys.argv[1]) if len(sys.argv) > 1 else corpus()
    ref = reference(path)
    work = OUT / "datatrove"
    shutil.rmtree(work, ignore_errors=True)
    shards = shard_jsonl(path, work / "in")  # 2 input shards so that 2 tasks each get one
    t0 = time.perf_counter()
    LocalPipelineExecutor(
        pipeline=[JsonlReader(str(shards)), CleantextStep(), JsonlWriter(str(work / "out"))],
        tasks=2, workers=2, logging_dir=str(work / "logs"),
    ).run()
    seconds = time.perf_counter() - t0
    got = {}
    for f in sorted((work / "out").glob("*.jsonl.gz")):
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                got[rec["id"]] = rec["text"]
                assert "cleantext_report" in rec["metadata"]
    return check(got, ref, "datatrove LocalPipelineExecutor, 2 tasks", seconds)


if __name__ == "__main__":
    raise SystemExit(main())
