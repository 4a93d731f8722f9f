"""A datatrove pipeline step that cleans ``Document.text`` and keeps the report in its metadata.

Needs ``pip install 'cleantext-zh[datatrove]'``. As a script (datatrove starts its workers as new
processes, so the guard is required)::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleantext.integrations.datatrove import CleantextStep

    if __name__ == "__main__":
        LocalPipelineExecutor(pipeline=[JsonlReader("in/"), CleantextStep(), JsonlWriter("out/")],
                              tasks=2, workers=2, logging_dir="logs/cleantext").run()

Documents are never dropped (datatrove filters do that); a document the step emptied can be
dropped by a following filter. Metadata: ``cleantext_report`` (JSON), ``cleantext_changed``,
``cleantext_error``, ``cleantext_removed_chars``. A document whose text is null or not a string, or
that makes a filter raise, passes through unchanged with ``cleantext_error`` set. Stats:
``docs_changed``, ``docs_failed``, ``chars_removed`` and ``removed_<kind>``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.base import PipelineStep

from ..engine import (
    CHANGED_COLUMN,
    ERROR_COLUMN,
    REMOVED_COLUMN,
    REPORT_COLUMN,
    Cleaner,
    error_report,
    report_json,
)


class CleantextStep(PipelineStep):
    name = "🧹 cleantext"
    type = "✂️ - FORMAT"

    def __init__(self, report_key: str | None = REPORT_COLUMN, site_key: str | None = None,
                 **cleaner_kw: Any) -> None:
        super().__init__()
        self.report_key = report_key
        self.site_key = site_key
        self.cleaner_kw = cleaner_kw
        self._cleaner: Cleaner | None = None

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> Iterator[Any]:
        if self._cleaner is None:
            self._cleaner = Cleaner(**self.cleaner_kw)
        for doc in data:
            with self.track_time():
                site = doc.metadata.get(self.site_key) if self.site_key else None
                text, error, res = self._cleaner.clean_record(doc.text, site)
            self.stat_update("docs")
            md = doc.metadata
            if res is None:
                self.stat_update("docs_failed")
                md[CHANGED_COLUMN], md[ERROR_COLUMN], md[REMOVED_COLUMN] = False, error, 0
                if self.report_key:
                    md[self.report_key] = error_report(error or "")
                yield doc  # unchanged
                continue
            n = res.report.removed_chars
            if n:
                self.stat_update("docs_changed")
                self.stat_update("chars_removed", value=n)
                for kind, k in res.report.by_kind().items():
                    self.stat_update(f"removed_{kind}", value=k)
            md[CHANGED_COLUMN], md[ERROR_COLUMN], md[REMOVED_COLUMN] = n > 0, None, n
            if self.report_key:
                md[self.report_key] = report_json(res)
            doc.text = text
            yield doc
