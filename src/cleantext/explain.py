"""Showing removals to a person: ``cleantext explain FILE`` on a terminal, and ``--html-report``.

``explain`` prints the text with every removed span marked and its reason next to it: on a
terminal the span is struck through in red and the reason dimmed; elsewhere (a pipe, a file)
the span is written ``[-like this-]`` followed by ``{kind/filter: reason (score)}``.
The HTML report is one self-contained page (inline CSS, no script, no network): each document
with its removed spans struck through and kind, filter, reason and score on hover.
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
    args = p.parse_args(argv)
    for k in ("include", "exclude", "id_field", "report_field", "max_chars"):
        setattr(args, k, None)

    from .cli import common_start, load_settings
    from .cli_work import Job, clean_bytes, process_file

    cfg = load_settings(args, p, common_start([args.file]))
    job = Job(cfg, mode="check", want_html=True)
    if args.file == "-":
        c = clean_bytes(sys.stdin.buffer.read(), cfg.format, cfg)
        docs = [("-", c.source, [r.to_dict() for r in c.report.removals])]
        errors: list[str] = []
    else:
        o = process_file(job, args.file, None)
        docs, errors = o.html, o.stderr
    colour = args.color == "always" or (args.color == "auto" and sys.stdout.isatty()
                                        and not os.environ.get("NO_COLOR"))
    for label, source, removals in docs:
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
body{font:15px/1.6 system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em auto;
max-width:60em;padding:0 1em;color:#222}
h1{font-size:1.3em} h2{font-size:1em;margin:2em 0 .3em;font-family:monospace;word-break:break-all}
pre{white-space:pre-wrap;word-wrap:break-word;background:#fafafa;border:1px solid #ddd;padding:.8em;
font:inherit}
del{text-decoration:line-through;background:#fdecea;color:#999;cursor:help}
del:hover{color:#222;background:#f9d6d2}
.meta{color:#666;font-size:.9em;margin:0} .legend span{margin-right:1em}
details{margin-top:.4em} summary{cursor:pointer;color:#555}
"""


class HtmlReport:
    """A review page written as documents come (the batch is never held in memory)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.fh: IO[str] = open(path, "w", encoding="utf-8")
        self.docs = 0
        self.kinds: Counter = Counter()
        legend = "".join(f'<span><del style="border-bottom:2px solid {c}">{k}</del></span>'
                         for k, c in _KIND_COLOURS.items())
        self.fh.write(f'<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8">'
                      f"<title>cleantext report</title><style>{_CSS}</style></head><body>\n"
                      f"<h1>cleantext report</h1><p class=\"legend\">{legend}</p>\n"
                      "<p class=\"meta\">Removed spans are struck through; hover one for its kind, "
                      "filter, reason and score.</p>\n")

    def add(self, label: str, text: str, removals: list[dict[str, Any]]) -> None:
        self.docs += 1
        kinds = Counter(r["kind"] for r in removals)
        self.kinds.update(kinds)
        summary = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) or "nothing removed"
        parts: list[str] = []
        pos = 0
        for r in removals:
            s, e = r["start"], r["end"]
            parts.append(html.escape(text[pos:s]))
            title = f"{r['kind']} · {r['filter']} · {r['reason']} · score {r['score']:g}"
            colour = _KIND_COLOURS.get(r["kind"], "#c0392b")
            parts.append(f'<del title="{html.escape(title)}" class="{html.escape(r["kind"])}" '
                         f'style="border-bottom:2px solid {colour}">{html.escape(text[s:e])}</del>')
            pos = e
        parts.append(html.escape(text[pos:]))
        self.fh.write(f'<section id="d{self.docs}"><h2>{html.escape(label)}</h2>'
                      f'<p class="meta">{len(removals)} removals: {html.escape(summary)}</p>'
                      f"<pre>{''.join(parts)}</pre></section>\n")

    def close(self) -> None:
        if self.fh.closed:
            return
        total = ", ".join(f"{k} {n}" for k, n in sorted(self.kinds.items())) or "nothing"
        self.fh.write(f'<hr><p class="meta">{self.docs} documents; removals: {html.escape(total)}</p>'
                      "</body></html>\n")
        self.fh.close()

    def __enter__(self) -> HtmlReport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
