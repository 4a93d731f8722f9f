"""The ``cleantext`` command: clean files, directories, JSONL corpora or stdin; check, diff, report.

Exit codes: 0 nothing to change; 1 something changed (or would, with ``--check``/``--diff``);
with ``-o DIR`` or ``-`` (stdout) 0 once the copies are written (no input changed); 2 a usage or configuration
error, an unreadable or unwritable file, or a failed record (the other inputs are still
processed and every failure is listed on stderr).

Data goes to stdout (cleaned stdin, ``--check`` listings, ``--diff``, ``--report -``); logs,
``Fixing <path>`` lines, the progress bar (only on a TTY) and the summary go to stderr.
Heavy modules (the filters, bs4, chardet) are imported only once there is work to do.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from collections.abc import Iterable, Iterator
from fnmatch import fnmatch
from typing import IO, Any

from . import __version__

EPILOG = """\
modes: fix in place (default), --check, --diff, -o DIR.
exit: 0 nothing to change (and -o DIR done), 1 changed or would change, 2 error.
other commands: cleantext explain FILE  (the text with every removal marked and its reason)
                cleantext learn FILES... -o model.json  (a corpus model for --model; see docs/corpus.md)
configuration: [tool.cleantext] in pyproject.toml or cleantext.toml (see docs/cli.md)"""


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cleantext", epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Remove injected brands, duplicated bodies, scraper footers, unrelated tails and "
                    "page chrome from scraped articles, and report every removal.")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files or directories (searched recursively); - reads stdin and writes stdout")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true",
                      help="write nothing; list what would be removed; exit 1 if anything would be")
    mode.add_argument("--diff", action="store_true", help="write nothing; print a unified diff on stdout")
    mode.add_argument("-o", "--output", metavar="DIR",
                      help="write cleaned copies under DIR instead of fixing in place")
    p.add_argument("--format", choices=("text", "md", "html", "jsonl"),
                   help="input format (default: by extension; stdin: text or HTML, sniffed)")
    p.add_argument("--text-field", metavar="NAME", help="JSONL: the field to clean (default: text)")
    p.add_argument("--id-field", metavar="NAME", help="JSONL: the field that names a record (default: id)")
    p.add_argument("--report-field", metavar="NAME",
                   help="JSONL: the field a changed record's report goes into, '' for none "
                        "(default: _cleantext; not used with --report)")
    p.add_argument("--report", metavar="FILE", help="write JSON Lines provenance, one object per document "
                   "(- for stdout)")
    p.add_argument("--html-report", metavar="FILE",
                   help="write a self-contained HTML page to review the batch")
    p.add_argument("--select", metavar="LIST", help="comma-separated filters to run, in order "
                   "(default chrome,tail,footer,duplicates,brand; or module:Class)")
    p.add_argument("--allow", metavar="TEXT", action="append", help="never remove a span touching TEXT "
                   "(repeatable; adds to the configuration's allow list)")
    p.add_argument("--lexicon", metavar="FILE", action="append", help="extra lexicon file for the brand "
                   "filter (repeatable)")
    p.add_argument("--include", metavar="GLOB", action="append",
                   help="files a directory walk picks up (repeatable; default: *.txt *.md *.html "
                        "*.jsonl ...)")
    p.add_argument("--exclude", metavar="GLOB", action="append", help="never touch these (repeatable; "
                   "adds to the configuration's exclude)")
    p.add_argument("--model", metavar="FILE", help="a corpus model written by `cleantext learn`: also "
                   "remove its learned site lines and known brands (each such removal says so)")
    p.add_argument("--site-field", metavar="NAME",
                   help="with --model, JSONL: the field naming a record's site (default: site); a "
                        "file's site is its directory's name")
    p.add_argument("--max-chars", type=int, metavar="N",
                   help="leave documents longer than N characters as they are")
    p.add_argument("--max-seconds", type=float, metavar="S",
                   help="leave a document as it is if its filters take longer than S seconds")
    p.add_argument("--passes", type=int, metavar="N",
                   help="run the filters over a document N times at most (default 4: a second pass when "
                        "the first removed something, later ones when the segmenter asks; 1 is fastest)")
    p.add_argument("--config", metavar="FILE",
                   help="read this configuration file instead of searching for one")
    p.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                   help="worker processes (0: one per CPU); output order does not depend on it")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary and no progress bar")
    p.add_argument("--version", action="version", version=f"cleantext {__version__}")
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code instead of raising SystemExit."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "explain":
            from .explain import main as explain_main

            return explain_main(argv[1:])
        if argv and argv[0] == "learn":
            from .corpus.cli import learn_main

            return learn_main(argv[1:])
        return run(build_parser(), argv)
    except SystemExit as e:  # argparse: --help, --version, usage errors
        if isinstance(e.code, str):
            print(e.code, file=sys.stderr)
        return e.code if isinstance(e.code, int) else (0 if e.code is None else 2)
    except KeyboardInterrupt:
        print("cleantext: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `cleantext --check big/ | head`: stop quietly, as other tools do
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        return 1


def load_settings(args: argparse.Namespace, parser: argparse.ArgumentParser, start: str | None):
    """The configuration file's settings with the command line's options on top."""
    from pathlib import Path

    from .config import Config, ConfigError, filter_class, load_config
    from .registry import BuildError

    try:
        if args.isolated:
            cfg = Config(root=os.getcwd())
        else:
            cfg = load_config(Path(args.config) if args.config else None,
                              start=Path(start) if start else None)
        if args.select is not None:
            cfg.select = [s.strip() for s in args.select.split(",") if s.strip()]
            for s in cfg.select:
                filter_class(s, "--select")
        cfg.allow = [*cfg.allow, *(args.allow or ())]
        cfg.lexicons = [*cfg.lexicons, *(os.path.abspath(x) for x in args.lexicon or ())]
        if args.include:
            cfg.include = list(args.include)
        cfg.exclude = [*cfg.exclude, *(args.exclude or ())]
        if getattr(args, "model", None):
            cfg.model = os.path.abspath(args.model)
        for key in ("format", "text_field", "id_field", "report_field", "max_chars", "max_seconds", "passes"):
            if getattr(args, key, None) is not None:  # `explain` has no --max-seconds
                setattr(cfg, key, getattr(args, key))
        from .cli_work import pipeline_for

        pipeline_for(cfg)  # fail here, once, on a filter option that does not exist (and keep it)
    except ConfigError as e:
        parser.exit(2, f"cleantext: configuration error: {e}\n")
    except BuildError as e:  # --model: a file that is not a model
        parser.exit(2, f"cleantext: error: {e}\n")
    return cfg


def common_start(paths: list[str]) -> str | None:
    dirs = [os.path.abspath(p if os.path.isdir(p) else os.path.dirname(p) or ".") for p in paths if p != "-"]
    if not dirs:
        return None
    try:
        return os.path.commonpath(dirs)
    except ValueError:
        return None


def run(parser: argparse.ArgumentParser, argv: list[str]) -> int:
    t0 = time.perf_counter()
    args = parser.parse_args(argv)
    if not args.paths:
        parser.error("no PATH given (use - to read stdin)")
    if args.jobs < 0:
        parser.error("-j must be 0 or more")
    if args.max_chars is not None and args.max_chars <= 0:
        parser.error("--max-chars must be positive")
    if args.passes is not None and not 1 <= args.passes <= 10:
        parser.error("--passes must be from 1 to 10")
    if args.max_seconds is not None and not args.max_seconds > 0:
        parser.error("--max-seconds must be positive")
    if args.report == "-" and ("-" in args.paths or args.check or args.diff):
        parser.error("--report - writes to stdout, which --check, --diff and stdin input already use")
    cfg = load_settings(args, parser, common_start(args.paths))

    from .cli_work import Job, init_worker, ordered, w_file

    mode = "check" if args.check else "diff" if args.diff else "fix"
    job = Job(cfg, mode=mode, out_dir=args.output, want_reports=args.report is not None,
              want_html=args.html_report is not None, embed_report=args.report is None,
              site_field=args.site_field or "site")
    jobs = args.jobs or os.cpu_count() or 1
    problems: list[str] = []
    items = list(discover(args.paths, cfg, problems))
    clashes = _output_clashes(job, items)
    items = [it for it in items if it[0] not in clashes]
    problems += [f"{path}: error: -o would write it to the same place as {other}; skipped"
                 for path, other in clashes.items()]

    out = Emitter(args, n_files=len(items))
    for msg in problems:
        print(msg, file=sys.stderr)
        out.error = True
    pool = None
    completed = False
    if jobs > 1:
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=jobs, initializer=init_worker, initargs=(job,))
    init_worker(job)
    try:
        for group in _groups(items, cfg):
            if group[0][0] == "-":
                out.emit(_stdin(job, pool, out, jobs))
            elif group[0][2] == "jsonl":
                for path, base, _ in group:
                    out.emit(_jsonl_file(pool, job, path, out_path_of(job, path, base), out, jobs))
            else:
                args_iter = ((p, out_path_of(job, p, b)) for p, b, _ in group)
                for o in ordered(pool, w_file, args_iter, window=4 * jobs):
                    out.emit(o)
        completed = True
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        out.close(complete=completed)
    if not args.quiet:
        summary(out.stats, mode, len(items), time.perf_counter() - t0)
    if out.error:
        return 2
    if mode == "fix" and (args.output or args.paths == ["-"]):
        return 0  # cleaned copies (-o DIR, stdout) change no input: success, so it chains with &&
    return 1 if out.changed else 0


# ---------------------------------------------------------------- finding files


def _rel(path: str, root: str) -> str:
    rel = os.path.relpath(os.path.abspath(path), root)
    return (path if rel.startswith("..") else rel).replace(os.sep, "/")


def excluded(path: str, patterns: Iterable[str], root: str) -> bool:
    """fnmatch against the path relative to the configuration's directory; a pattern without a
    slash also matches any single path component (``node_modules``, ``*.min.html``)."""
    rel = _rel(path, root)
    parts = rel.split("/")
    for pat in patterns:
        pat = pat.rstrip("/")
        if fnmatch(rel, pat) or fnmatch(rel, pat + "/*"):
            return True
        if "/" not in pat and any(fnmatch(part, pat) for part in parts):
            return True
    return False


def discover(paths: list[str], cfg: Any, errors: list[str]) -> Iterator[tuple[str, str | None]]:
    """``(path, base)`` in a stable order: named files as given (unless excluded), directories walked
    in sorted order, skipping hidden names and leftover temp files; base is the directory argument.
    Directories that cannot be read are added to ``errors``."""
    from .cli_work import EXTENSIONS, TMP_SUFFIX

    include = cfg.include or ["*" + ext for ext in EXTENSIONS]
    seen: set[str] = set()
    for arg in paths:
        if arg == "-":
            yield "-", None
            continue
        if not os.path.isdir(arg):
            if not excluded(arg, cfg.exclude, cfg.root) and arg not in seen:
                seen.add(arg)
                yield arg, None
            continue
        def walk_error(e: OSError) -> None:
            errors.append(f"{e.filename}: error: {e.strerror or e}")

        for dirpath, dirnames, filenames in os.walk(arg, onerror=walk_error):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                                 and not excluded(os.path.join(dirpath, d), cfg.exclude, cfg.root))
            for name in sorted(filenames):
                p = os.path.join(dirpath, name)
                if name.startswith(".") or name.endswith(TMP_SUFFIX) or p in seen:
                    continue
                if any(fnmatch(name, g) or fnmatch(_rel(p, arg), g) for g in include) \
                        and not excluded(p, cfg.exclude, cfg.root):
                    seen.add(p)
                    yield p, arg


def _groups(items: list[tuple[str, str | None]], cfg: Any) -> Iterator[list[tuple[str, str | None, str]]]:
    """Consecutive runs of the same kind of work: stdin alone, one JSONL file, or plain files."""
    from .cli_work import format_of

    run: list[tuple[str, str | None, str]] = []
    for path, base in items:
        kind = "-" if path == "-" else ("jsonl" if format_of(path, cfg.format) == "jsonl" else "file")
        if kind == "file":
            run.append((path, base, kind))
            continue
        if run:
            yield run
            run = []
        yield [(path, base, kind)]
    if run:
        yield run


def _output_clashes(job: Any, items: list[tuple[str, str | None]]) -> dict[str, str]:
    """With ``-o DIR``: inputs whose copy would land where an earlier input's copy goes."""
    if not job.out_dir:
        return {}
    taken: dict[str, str] = {}
    clashes: dict[str, str] = {}
    for path, base in items:
        if path == "-":
            continue
        dest = os.path.abspath(out_path_of(job, path, base) or "")
        if dest in taken:
            clashes[path] = taken[dest]
        else:
            taken[dest] = path
    return clashes


def out_path_of(job: Any, path: str, base: str | None) -> str | None:
    from .cli_work import output_path

    return output_path(job.out_dir, path, base, job.config.format) if job.out_dir else None


def _jsonl_file(pool: Any, job: Any, path: str, out_path: str | None, out: Emitter, jobs: int,
                stdin: IO[bytes] | None = None, stream: IO[bytes] | None = None):
    from .cli_work import process_jsonl

    def progress(total: Any, chunk: Any) -> None:
        if stream is not None:
            stream.flush()  # records before the messages about them
        out.flush_partial(total)
        out.tick(chunk.stats.documents, sum(len(x) for x in chunk.lines or ()))

    return process_jsonl(job, path, out_path, pool, window=2 * jobs, on_chunk=progress,
                         source=stdin, stream=stream)


def _stdin(job: Any, pool: Any, out: Emitter, jobs: int):
    """``-``: read stdin, write the result (fix), the listing (check) or the diff to stdout."""
    from .cli_work import (
        FileError,
        Outcome,
        binary_reason,
        clean_bytes,
        count,
        listing,
        report_line,
        unified_diff,
        writable,
    )

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout.flush()
    if job.config.format == "jsonl":
        total = _jsonl_file(pool, job, "-", None, out, jobs, stdin=stdin,
                            stream=stdout if job.mode == "fix" else None)
        stdout.flush()
        return total
    o = Outcome()
    data = stdin.read()
    why = binary_reason(data)
    if why is not None:
        o.error = True
        o.stats.failed += 1
        o.stderr.append(f"-: error: binary input ({why}): not cleaned"
                        + ("; passed through unchanged" if job.mode == "fix" else ""))
        if job.mode == "fix":
            stdout.write(data)
            stdout.flush()
        return o
    try:
        c = clean_bytes(data, job.config.format, job.config)
    except Exception as e:  # noqa: BLE001 - one document: report it like a failed file
        o.error = True
        o.stats.failed += 1
        o.stderr.append(f"-: error: {type(e).__name__}: {e}")
        return o
    count(o.stats, c.report, len(data), c.encoding)
    o.changed = bool(c.report.removals)
    if job.want_reports:
        o.reports.append(report_line({"path": "-"}, c.report))
    if job.want_html:
        o.html.append(("-", c.source, [r.to_dict() for r in c.report.removals],
                       [a.to_dict() for a in c.report.annotations]))
    if job.mode == "check":
        o.stdout.extend(listing("-", c.source, c.report.removals))
    elif job.mode == "diff":
        if o.changed:
            o.stdout.append(unified_diff(c.source, c.after, "-", "-"))
    else:
        if c.report.input.get("format") == "html":
            res = c.after.encode("utf-8")  # the article is text now: UTF-8, as with -o
        else:
            try:
                res = writable(c, data)
            except FileError:
                print(f"cleantext: warning: stdin does not encode back to the same bytes in {c.encoding}; "
                      "writing UTF-8 instead", file=sys.stderr)
                res = c.after.encode("utf-8")
        stdout.write(res)
        stdout.flush()
    return o


# ---------------------------------------------------------------- output


class Emitter:
    """Prints outcomes in order: stdout lines, stderr lines, report lines, HTML fragments, progress."""

    def __init__(self, args: argparse.Namespace, n_files: int) -> None:
        from .cli_work import Stats

        self.stats = Stats()
        self.changed = False
        self.error = False
        self.report: IO[str] | None = None
        self.html = None
        self.n_files, self.files_done = n_files, 0
        self.progress = sys.stderr.isatty() and not args.quiet
        self.t0 = self._last = time.perf_counter()
        self.docs = self.nbytes = 0
        self.report_path = self.report_tmp = None
        if args.report is not None:
            if args.report == "-":
                self.report = sys.stdout
            else:
                self.report_path = args.report
                self.report, self.report_tmp = _open_text(args.report)
        if args.html_report is not None:
            from .explain import HtmlReport

            try:
                self.html = HtmlReport(args.html_report)
            except OSError as e:
                raise SystemExit(f"cleantext: cannot write {args.html_report}: {e.strerror or e}") from None

    def flush_partial(self, o: Any) -> None:
        """Print what a JSONL file in progress has to say so far (keeps memory flat)."""
        self._print(o)
        o.stdout.clear()
        o.stderr.clear()
        o.reports.clear()
        o.html.clear()

    def _print(self, o: Any) -> None:
        if o.stdout or o.stderr:
            self._clear_progress()
        for s in o.stdout:
            sys.stdout.write(s if s.endswith("\n") else s + "\n")
        if o.stderr:
            sys.stdout.flush()  # keep the two streams in order on a terminal
        for s in o.stderr:
            print(s, file=sys.stderr)
        if self.report is not None:
            for line in o.reports:
                self.report.write(line + "\n")
        if self.html is not None:
            for item in o.html:
                self.html.add(*item)

    def emit(self, o: Any) -> None:
        self._print(o)
        self.stats.add(o.stats)
        self.changed |= o.changed
        self.error |= o.error
        self.files_done += 1
        self.tick(o.stats.documents if o.lines is None else 0, o.stats.bytes_in if o.lines is None else 0)

    def tick(self, docs: int, nbytes: int) -> None:
        self.docs += docs
        self.nbytes += nbytes
        if not self.progress:
            return
        now = time.perf_counter()
        if now - self._last < 0.2:
            return
        self._last = now
        rate = self.nbytes / 1e6 / max(now - self.t0, 1e-9)
        sys.stderr.write(f"\r\x1b[K{self.files_done}/{self.n_files} files  {self.docs} documents  "
                         f"{self.nbytes / 1e6:.1f} MB  {rate:.1f} MB/s")
        sys.stderr.flush()

    def _clear_progress(self) -> None:
        if self.progress:
            sys.stderr.write("\r\x1b[K")

    def close(self, complete: bool = True) -> None:
        """Finish the outputs. The report file is written under a temp name and gets its own name
        only when the run completed; an interrupted run leaves ``FILE.incomplete`` (and no stale
        ``FILE``) and an HTML page that says it is incomplete."""
        self._clear_progress()
        sys.stdout.flush()
        if self.report is not None and self.report is not sys.stdout:
            self.report.close()
            final = self.report_path if complete else self.report_path + ".incomplete"
            try:
                os.replace(self.report_tmp, final)
                if not complete:
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(self.report_path)
                    print(f"cleantext: run interrupted: the report so far is in {final}", file=sys.stderr)
            except OSError as e:
                print(f"cleantext: cannot write {final}: {e.strerror or e}", file=sys.stderr)
                self.error = True
        elif self.report is not None:
            self.report.flush()
        if self.html is not None:
            try:
                self.html.close(complete=complete)
            except OSError as e:
                print(f"cleantext: cannot write {self.html.path}: {e.strerror or e}", file=sys.stderr)
                self.error = True
            if not complete:
                print(f"cleantext: run interrupted: {self.html.path} covers only the documents done "
                      "(it says so at the top)", file=sys.stderr)


def _open_text(path: str) -> tuple[IO[str], str]:
    """A temp file beside ``path`` (renamed to it when the run completes) and its name."""
    import tempfile

    d = os.path.dirname(os.path.abspath(path))
    try:
        if os.path.isdir(path):
            raise IsADirectoryError(21, "Is a directory")
        fd, tmp = tempfile.mkstemp(dir=d, prefix="." + os.path.basename(path) + ".", suffix=".part")
        return os.fdopen(fd, "w", encoding="utf-8"), tmp
    except OSError as e:
        raise SystemExit(f"cleantext: cannot write {path}: {e.strerror or e}") from None


def summary(stats: Any, mode: str, n_inputs: int, seconds: float) -> None:
    verb = {"fix": "changed", "check": "would change", "diff": "would change"}[mode]
    lines = [f"cleantext: {stats.documents} document{'s' * (stats.documents != 1)} in {n_inputs} "
             f"input{'s' * (n_inputs != 1)}, {stats.changed} {verb}, {stats.failed} failed, {seconds:.2f} s"]
    if stats.removals:
        by_count = sorted(stats.removals.items(), key=lambda kv: (-kv[1], kv[0]))
        kinds = ", ".join(f"{k} {n}" for k, n in by_count)
        share = 100.0 * stats.bytes_removed / stats.bytes_in if stats.bytes_in else 0.0
        lines.append(f"  removals: {kinds}")
        lines.append(f"  removed {stats.bytes_removed:,} of {stats.bytes_in:,} bytes ({share:.1f}%)")
    print("\n".join(lines), file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
