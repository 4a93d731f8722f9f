"""A datatrove pipeline step that cleans ``Document.text`` and keeps the report in its metadata.

Needs ``pip install 'cleantext-zh[datatrove]'``.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleantext.integrations.datatrove import CleantextStep

    LocalPipelineExecutor(pipeline=[JsonlReader("in/"), CleantextStep(), JsonlWriter("out/")], tasks=2).run()

Documents are never dropped (datatrove filters do that); a document the step emptied can be
dropped by a following filter. Stats: ``docs_changed``, ``chars_removed`` and ``removed_<kind>``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.base import PipelineStep

from ..engine import Cleaner


class CleantextStep(PipelineStep):
    name = "🧹 cleantext"
    type = "✂️ - FORMAT"

    def __init__(self, report_key: str | None = "cleantext_report", site_key: str | None = None,
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
                res = self._cleaner.clean(doc.text, site=site)
            self.stat_update("docs")
            if res.report.removals:
                self.stat_update("docs_changed")
                self.stat_update("chars_removed", value=res.report.removed_chars)
                for kind, n in res.report.by_kind().items():
                    self.stat_update(f"removed_{kind}", value=n)
            if self.report_key:
                doc.metadata[self.report_key] = res.report.to_json()
            doc.text = res.text
            yield doc
