#!/usr/bin/env python3
"""Recipe: clean a JSONL corpus with PySpark ``mapInPandas`` on ``local[2]``; check it equals one process.

    pip install 'cleantext-zh[spark]'   # and a Java 17+ runtime
    python bench/recipes/spark_mapinpandas.py [CORPUS.jsonl]
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import check, corpus, reference  # noqa: E402


def main() -> int:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers must import cleantext
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    from cleantext.integrations.recipes import REPORT_COLUMN, pandas_cleaner, spark_schema

    path = Path(sys.argv[1]) if len(sys.argv) > 1 else corpus()
    ref = reference(path)
    spark = (SparkSession.builder.master("local[2]").appName("cleantext-recipe")
             .config("spark.sql.execution.arrow.pyspark.enabled", "true")
             .config("spark.ui.enabled", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        t0 = time.perf_counter()
        df = spark.read.json(str(path))
        out = df.mapInPandas(pandas_cleaner(text_column="text"), schema=spark_schema(df.schema))
        rows = out.select("id", "text", REPORT_COLUMN).collect()
        seconds = time.perf_counter() - t0
    finally:
        spark.stop()
    return check({r["id"]: r["text"] for r in rows}, ref, "pyspark mapInPandas, local[2]", seconds)


if __name__ == "__main__":
    raise SystemExit(main())
