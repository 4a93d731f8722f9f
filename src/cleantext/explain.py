"""Showing removals to a person: ``cleantext explain FILE`` on a terminal, and ``--html-report``.

``explain`` prints the text with every removed span marked and its reason next to it: on a
terminal the span is struck through in red and the reason dimmed; elsewhere (a pipe, a file)
the span is written ``[-like this-]`` followed by ``{kind/filter: reason (score)}``.
The HTML report is one self-contained page (inline CSS, no script, no network) to review a batch:
totals and a filter by kind at the top, each removed span struck through with its reason beside it,
annotations highlighted, unchanged documents collapsed (see :class:`HtmlReport`).
"""

from __future__ import annotations

import argparse
import html
import os
import sys
from collections import Counter
from collections.abc import Iterable
from typing import IO, Any

_KIND_COLOURS = {"brand_spam": "#c0392b", "duplicate": "#8e44ad", "scraper_footer": "#d35400",
                 "unrelated_tail": "#2c3e50", "page_chrome": "#7f8c8d"}


def _get(r: Any, k: str) -> Any:
    return r[k] if isinstance(r, dict) else getattr(r, k)


def render_terminal(text: str, removals: Iterable[Any], colour: bool) -> str:
    """``text`` with each removal (dicts or :class:`~cleantext.Removal`, sorted) marked inline."""
    out: list[str] = []
    pos = 0
    for r in removals:
        s, e = _get(r, "start"), _get(r, "end")
        out.append(text[pos:s])
        why = f"{_get(r, 'kind')}/{_get(r, 'filter')}: {_get(r, 'reason')} ({_get(r, 'score'):g})"
        span = text[s:e]
        trail = ""
        if span.endswith("\n"):  # keep the line break outside the marker, so lines stay lines
            stripped = span.rstrip("\n")
            span, trail = stripped, span[len(stripped):]
        if colour:
            out.append(f"\x1b[9;31m{span}\x1b[0m\x1b[2;33m{{{why}}}\x1b[0m{trail}")
        else:
            out.append(f"[-{span}-]{{{why}}}{trail}")
        pos = e
    out.append(text[pos:])
    return "".join(out)


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="cleantext explain",
                                description="Print a file with every removal marked and its reason.")
    p.add_argument("file", metavar="FILE", help="a text, Markdown, HTML or JSONL file (- for stdin)")
    p.add_argument("--format", choices=("text", "md", "html", "jsonl"))
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    p.add_argument("--select", metavar="LIST")
    p.add_argument("--allow", metavar="TEXT", action="append")
    p.add_argument("--lexicon", metavar="FILE", action="append")
    p.add_argument("--text-field", metavar="NAME")
    p.add_argument("--config", metavar="FILE")
    p.add_argument("--isolated", action="store_true")
    p.add_argument("--html-report", metavar="FILE", help="also write the HTML review page")
    p.add_argument("--model", metavar="FILE", help="a corpus model (cleantext learn) to clean with too")
    p.add_argument("--site-field", metavar="NAME", help="with --model, JSONL: the field naming the site")
    args = p.parse_args(argv)
    for k in ("include", "exclude", "id_field", "report_field", "max_chars"):
        setattr(args, k, None)

    from .cli import common_start, load_settings
    from .cli_work import Job, clean_bytes, process_file

    cfg = load_settings(args, p, common_start([args.file]))
    job = Job(cfg, mode="check", want_html=True, site_field=args.site_field or "site")
    if args.file == "-":
        c = clean_bytes(sys.stdin.buffer.read(), cfg.format, cfg)
        docs = [("-", c.source, [r.to_dict() for r in c.report.removals],
                 [a.to_dict() for a in c.report.annotations])]
        errors: list[str] = []
    else:
        o = process_file(job, args.file, None)
        docs, errors = o.html, o.stderr
    colour = args.color == "always" or (args.color == "auto" and sys.stdout.isatty()
                                        and not os.environ.get("NO_COLOR"))
    for label, source, removals, _ in docs:
        if len(docs) > 1 or label != args.file:
            print(f"==> {label} <==")
        sys.stdout.write(render_terminal(source, removals, colour))
        if source and not source.endswith("\n"):
            sys.stdout.write("\n")
        kinds = Counter(r["kind"] for r in removals)
        summary = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) or "nothing"
        print(f"--- {len(removals)} removal{'s' * (len(removals) != 1)}: {summary}", file=sys.stderr)
    for e in errors:
        print(e, file=sys.stderr)
    if args.html_report:
        with HtmlReport(args.html_report) as rep:
            for d in docs:
                rep.add(*d)
    return 2 if errors else 0


_CSS = """
body{font:15px/1.6 system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1em auto;
max-width:64em;padding:0 1em;color:#222}
h1{font-size:1.3em;margin:.2em 0} h2{font-size:1em;margin:0;font-family:monospace;word-break:break-all;
display:inline}
pre{white-space:pre-wrap;word-wrap:break-word;background:#fafafa;border:1px solid #ddd;padding:.8em;
font:inherit;margin:.4em 0}
del{text-decoration:line-through;color:#555} .why{font-size:.8em;color:#fff;border-radius:3px;
padding:0 .3em;margin:0 .2em;text-decoration:none;white-space:normal}
mark{background:#fff3b0} .ann{font-size:.8em;color:#7a6200;border:1px dashed #c9a800;border-radius:3px;
padding:0 .3em;margin:0 .2em}
.meta{color:#666;font-size:.9em;margin:.2em 0} .incomplete{background:#fdecea;border:2px solid #c0392b;
padding:.5em;font-weight:bold}
table{border-collapse:collapse;font-size:.85em;margin:.3em 0} td,th{border:1px solid #ddd;padding:.1em .4em;
text-align:left;vertical-align:top} th{background:#f3f3f3}
section{border-top:1px solid #ccc;padding:.4em 0} summary{cursor:pointer}
body>label{margin-right:.8em;cursor:pointer;white-space:nowrap} body>input{vertical-align:middle}
.count{color:#666}
"""


def _kind_css() -> str:
    """Colours per kind, and the no-script kind filter: a checked radio hides sections without that kind."""
    rules = []
    for k, c in _KIND_COLOURS.items():
        rules.append(f"del.k-{k}{{background:{c}22;border-bottom:3px solid {c}}}")
        rules.append(f".why.k-{k}{{background:{c}}}")
        rules.append(f"#f-{k}:checked~main section:not(.has-{k}){{display:none}}")
    rules.append("#f-changed:checked~main section.unchanged{display:none}")
    rules.append("#f-annotated:checked~main section:not(.annotated){display:none}")
    return "\n".join(rules)


def _render(text: str, removals: list[dict[str, Any]], annotations: list[dict[str, Any]]) -> str:
    """The document as HTML: removed spans struck through with their kind and reason right after them,
    kept-but-suspicious spans (annotations) highlighted with theirs. An annotation overlapping a
    removal is only listed in the table below."""
    events = [(r["start"], r["end"], "del", r) for r in removals]
    taken = [(r["start"], r["end"]) for r in removals]
    events += [(a["start"], a["end"], "ann", a) for a in annotations
               if a["end"] > a["start"] and not any(s < a["end"] and a["start"] < e for s, e in taken)]
    events.sort(key=lambda ev: (ev[0], ev[1]))
    parts: list[str] = []
    pos = 0
    for s, e, what, r in events:
        if s < pos:
            continue  # annotations overlapping each other: the first is marked inline
        parts.append(html.escape(text[pos:s]))
        kind = html.escape(str(r.get("kind", "")))
        why = html.escape(f"{r.get('kind')} · {r.get('filter')} · {r.get('reason')} · {r.get('score', 0):g}")
        if what == "del":
            parts.append(f'<del class="k-{kind}" title="{why}">{html.escape(text[s:e])}</del>'
                         f'<span class="why k-{kind}">{html.escape(str(r.get("reason", "")))}</span>')
        else:
            parts.append(f'<mark title="{why}">{html.escape(text[s:e])}</mark>'
                         f'<span class="ann">kept: {html.escape(str(r.get("reason", "")))}</span>')
        pos = e
    parts.append(html.escape(text[pos:]))
    return "".join(parts)


def _table(text: str, rows: list[tuple[str, dict[str, Any]]]) -> str:
    out = ["<table><tr><th></th><th>line</th><th>kind</th><th>filter</th><th>code</th><th>reason</th>"
           "<th>score</th><th>text</th></tr>"]
    for what, r in rows:
        line = text.count("\n", 0, r["start"]) + 1
        snippet = text[r["start"]:r["end"]].strip().replace("\n", "⏎")
        snippet = snippet if len(snippet) <= 40 else snippet[:37] + "..."
        cells = [what, str(line), r.get("kind", ""), r.get("filter", ""), r.get("code", ""),
                 r.get("reason", ""), f"{r.get('score', 0):g}", snippet]
        out.append("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in cells) + "</tr>")
    return "".join(out) + "</table>"


class HtmlReport:
    """A review page for a batch, written as documents come (the batch is never held in memory).

    At the top: totals (documents, changed, unchanged, removals by kind, annotations) and a filter
    by kind (radio buttons and CSS: no script). Per document: the text with each removed span struck
    through, coloured by kind and followed by its reason; annotations (kept, suspicious) highlighted
    with theirs; a table of both. Unchanged documents are collapsed. The sections go to a temp file
    and the page is assembled under its name only in :meth:`close`, so a page that exists is
    complete, or says in red at the top that the run was interrupted.
    """

    def __init__(self, path: str) -> None:
        import tempfile

        self.path = path
        if os.path.isdir(path):
            raise IsADirectoryError(21, "Is a directory", path)
        d = os.path.dirname(os.path.abspath(path))
        fd, self._body = tempfile.mkstemp(dir=d, prefix="." + os.path.basename(path) + ".", suffix=".part")
        self.fh: IO[str] = os.fdopen(fd, "w", encoding="utf-8")
        self.docs = self.changed = self.annotated = self.n_annotations = 0
        self.kinds: Counter = Counter()

    def add(self, label: str, text: str, removals: list[dict[str, Any]],
            annotations: Iterable[dict[str, Any]] = ()) -> None:
        anns = list(annotations)
        self.docs += 1
        kinds = Counter(r["kind"] for r in removals)
        self.kinds.update(kinds)
        self.changed += bool(removals)
        self.annotated += bool(anns)
        self.n_annotations += len(anns)
        summary = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) or "nothing removed"
        if anns:
            summary += f"; {len(anns)} kept but flagged"
        classes = " ".join([*(f"has-{k}" for k in kinds), "changed" if removals else "unchanged",
                            *(["annotated"] if anns else [])])
        rows = [("removed", r) for r in removals] + [("kept", a) for a in anns]
        table = _table(text, sorted(rows, key=lambda x: x[1]["start"])) if rows else ""
        opened = " open" if removals or anns else ""
        self.fh.write(f'<section id="d{self.docs}" class="{classes}"><details{opened}><summary>'
                      f"<h2>{html.escape(label)}</h2> <span class=\"meta\">{html.escape(summary)}</span>"
                      "</summary>"
                      f"<pre>{_render(text, removals, anns)}</pre>{table}</details></section>\n")

    def _head(self, complete: bool) -> str:
        total = ", ".join(f"{k} {n}" for k, n in sorted(self.kinds.items(), key=lambda kv: -kv[1])) or "none"
        radios = ['<input type="radio" name="f" id="f-all" checked><label for="f-all">all documents '
                  f'<span class="count">{self.docs}</span></label>',
                  '<input type="radio" name="f" id="f-changed"><label for="f-changed">changed '
                  f'<span class="count">{self.changed}</span></label>',
                  '<input type="radio" name="f" id="f-annotated"><label for="f-annotated">with flagged spans '
                  f'<span class="count">{self.annotated}</span></label>']
        for k in _KIND_COLOURS:
            radios.append(f'<input type="radio" name="f" id="f-{k}"><label for="f-{k}">'
                          f'<span class="why k-{k}">{k}</span> '
                          f'<span class="count">{self.kinds.get(k, 0)}</span></label>')
        banner = "" if complete else ('<p class="incomplete">INCOMPLETE: the run was interrupted after '
                                      f"{self.docs} documents; this page covers only those.</p>")
        return ('<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8"><title>cleantext report</title>'
                f"<style>{_CSS}{_kind_css()}</style></head><body>\n<h1>cleantext report</h1>{banner}"
                f'<p class="meta">{self.docs} documents: {self.changed} changed, {self.docs - self.changed} '
                f"unchanged (collapsed); removals by kind: {html.escape(total)}; {self.n_annotations} spans "
                "kept but flagged. Removed text is struck through and followed by its reason; flagged text "
                "is highlighted. Show:</p>\n" + "".join(radios[:3]) + "<br>" + "".join(radios[3:]))

    def close(self, complete: bool = True) -> None:
        """Assemble the page under its name (marked incomplete when ``complete`` is false)."""
        if self.fh.closed:
            return
        self.fh.close()
        import shutil

        tmp = self._body + ".html"
        try:
            with open(tmp, "w", encoding="utf-8") as out:
                out.write(self._head(complete))
                out.write("\n<main>\n")
                with open(self._body, encoding="utf-8") as body:
                    shutil.copyfileobj(body, out)
                out.write("</main></body></html>\n")
            os.replace(tmp, self.path)
        finally:
            for f in (self._body, tmp):
                try:
                    os.unlink(f)
                except FileNotFoundError:
                    pass

    def __enter__(self) -> HtmlReport:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.close(complete=exc_type is None)
