"""The work behind the ``cleantext`` command: one file, or one chunk of JSONL records, at a time.

Everything here runs in worker processes too (``-j N``), so it takes a picklable :class:`Job`
and returns a picklable :class:`Outcome` that the parent prints in input order.
"""

from __future__ import annotations

import codecs
import contextlib
import difflib
import json
import os
import stat
import tempfile
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .config import Config

EXTENSIONS = {".txt": "text", ".text": "text", ".md": "md", ".markdown": "md", ".html": "html",
              ".htm": "html", ".xhtml": "html", ".jsonl": "jsonl", ".ndjson": "jsonl"}
TMP_SUFFIX = ".cleantext-tmp"
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


@dataclass
class Job:
    """What the command line asks for, in a form every worker process can take."""

    config: Config
    mode: str = "fix"  # "fix" | "check" | "diff"
    out_dir: str | None = None
    want_reports: bool = False  # one JSON line per document for --report
    want_html: bool = False  # fragments for --html-report
    embed_report: bool = True  # JSONL: the report goes into config.report_field of changed records
    site_field: str = "site"  # with a corpus model: the JSONL field naming a record's site


@dataclass
class Stats:
    documents: int = 0
    changed: int = 0
    failed: int = 0
    removals: Counter = field(default_factory=Counter)
    bytes_in: int = 0
    bytes_removed: int = 0

    def add(self, other: Stats) -> None:
        self.documents += other.documents
        self.changed += other.changed
        self.failed += other.failed
        self.removals.update(other.removals)
        self.bytes_in += other.bytes_in
        self.bytes_removed += other.bytes_removed


@dataclass
class Outcome:
    """What one unit of work has to say, in the order the parent should say it."""

    stdout: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)
    reports: list[str] = field(default_factory=list)
    #: --html-report: (label, source text, removals, annotations) per document
    html: list[tuple[str, str, list[dict[str, Any]], list[dict[str, Any]]]] = field(default_factory=list)
    stats: Stats = field(default_factory=Stats)
    changed: bool = False
    error: bool = False
    #: JSONL chunks: the output lines, one per input line (None when nothing is written).
    lines: list[bytes] | None = None


class FileError(Exception):
    """A file that cannot be read or written; the message is what the user sees after the path."""


_PIPELINE: Any = None
_PIPELINE_FOR: Config | None = None  # held, so its id cannot be reused by a later configuration


def pipeline_for(cfg: Config):
    """One pipeline per process and configuration (workers build theirs on first use)."""
    global _PIPELINE, _PIPELINE_FOR
    if _PIPELINE is None or _PIPELINE_FOR is not cfg:
        from .config import build_pipeline

        _PIPELINE, _PIPELINE_FOR = build_pipeline(cfg), cfg
    return _PIPELINE


def format_of(path: str, forced: str | None) -> str | None:
    """``text``/``md``/``html``/``jsonl``, or None to let the pipeline sniff text against HTML."""
    if forced:
        return forced
    return EXTENSIONS.get(os.path.splitext(path)[1].lower())


# ---------------------------------------------------------------- one text/markdown/HTML document

_MAGIC = ((b"\x89PNG\r\n\x1a\n", "PNG image"), (b"GIF87a", "GIF image"), (b"GIF89a", "GIF image"),
          (b"\xff\xd8\xff", "JPEG image"), (b"%PDF-", "PDF document"), (b"PK\x03\x04", "ZIP archive"),
          (b"\x1f\x8b", "gzip data"), (b"BZh", "bzip2 data"), (b"\xfd7zXZ\x00", "xz data"),
          (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"), (b"Rar!\x1a\x07", "RAR archive"),
          (b"\x7fELF", "executable"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Office document"),
          (b"SQLite format 3\x00", "SQLite database"), (b"OggS", "Ogg media"), (b"ID3", "MP3 audio"),
          (b"\x00\x00\x01\x00", "icon"), (b"wOFF", "web font"), (b"\x28\xb5\x2f\xfd", "zstd data"))
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1b")


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` is not a text document (a file named ``.md`` may be an image), or None.

    Known magic numbers first; otherwise, like git, only data with a NUL byte in its first 64 KB
    can be binary, and it is when its decoded start holds control characters in more than 1 % of
    its characters (a text with a stray NUL, or UTF-16 text, does not).
    """
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    sample = data[:65536]
    if b"\x00" not in sample:
        return None
    from .io.decoding import decode

    text, _ = decode(sample)
    controls = sum(1 for ch in text if ch < " " and ch not in _TEXT_CONTROLS)
    if controls > max(8, 0.01 * len(text)):
        return f"{controls} control characters such as NUL in its first {len(sample):,} bytes"
    return None



@dataclass
class Cleaned:
    """One document cleaned: the text it was cleaned as, the result, and how to write it back."""

    source: str  # the string the removal offsets index (what a diff starts from)
    after: str
    report: Any
    encoding: str
    bom: bytes
    newline: str


def _clean(pipe: Any, cfg: Config, text: str, fmt: str | None, site: str | None) -> Any:
    """``pipe.clean``, with the document's site known to a corpus model's filters."""
    if not cfg.model:
        return pipe.clean(text, format=fmt)
    from .corpus.filter import current_site

    token = current_site.set(site)
    try:
        return pipe.clean(text, format=fmt)
    finally:
        current_site.reset(token)


def clean_bytes(data: bytes, fmt: str | None, cfg: Config, site: str | None = None) -> Cleaned:
    """Decode, normalise CRLF to LF, clean; remember the encoding and newline style to write back."""
    return clean_decoded(decode_bytes(data), fmt, cfg, site)


@dataclass
class Decoded:
    """Bytes read as text (CRLF normalised to LF), with how to write them back: what
    :func:`clean_decoded` needs, so a caller may let the bytes go before cleaning."""

    text: str
    info: dict[str, Any]
    encoding: str
    bom: bytes
    newline: str


def decode_bytes(data: bytes) -> Decoded:
    """The first half of :func:`clean_bytes`: decode, note the byte order mark and newline style."""
    from .io.decoding import decode

    text, info = decode(data)
    enc = str(info.get("encoding") or "utf-8")
    # a byte order mark is written back as it was, and the text encoded without one after it
    bom = b""
    family = enc.lower().replace("_", "-").replace("utf8", "utf-8")[:6]
    marks = [(b, name) for b, name in _BOMS if data.startswith(b)]
    if marks:
        bom, enc = next(((b, n) for b, n in marks if n.startswith(family)), marks[0])
    if text.startswith("\ufeff"):
        text = text[1:]
    newline = "\n"
    n_crlf = text.count("\r\n")
    if n_crlf and n_crlf == text.count("\n"):
        newline = "\r\n"
        text = text.replace("\r\n", "\n")
    return Decoded(text, info, enc, bom, newline)


def clean_decoded(d: Decoded, fmt: str | None, cfg: Config, site: str | None = None) -> Cleaned:
    """The second half of :func:`clean_bytes`: clean the decoded text."""
    text, info, enc, newline = d.text, d.info, d.encoding, d.newline
    pipe_fmt = None if fmt is None else ("html" if fmt == "html" else "text")
    result = _clean(pipeline_for(cfg), cfg, text, pipe_fmt, site)
    report = result.report
    report.input.update({k: v for k, v in info.items() if k not in report.input})
    report.input["encoding"] = enc
    if newline != "\n":
        report.input["newline"] = "crlf (offsets index the text with LF line breaks)"
    source = report.source_text if report.source_text is not None else text
    return Cleaned(source, result.text, report, enc, d.bom, newline)


def encode_back(c: Cleaned, text: str) -> bytes:
    if c.newline != "\n":
        text = text.replace("\n", c.newline)
    return c.bom + text.encode(c.encoding)


def listing(path: str, source: str, removals: list[Any], line_base: int | None = None) -> list[str]:
    """Linter-style lines: ``path:LINE:COL: kind [filter] reason: "text"``."""
    out = []
    line, line_start, last = 1, 0, 0  # removals are sorted: count line breaks once, left to right
    for r in removals:
        if line_base is None:
            # point at the first visible character: a removal may begin with blank lines it takes along
            lead = len(r.text) - len(r.text.lstrip())
            at = r.start + lead if lead < len(r.text) else r.start
            if at < last:  # unsorted input: count from the top
                line, line_start, last = 1, 0, 0
            line += source.count("\n", last, at)
            nl = source.rfind("\n", last, at)
            if nl >= 0:
                line_start = nl + 1
            last = at
            where = f"{path}:{line}:{at - line_start + 1}"
        else:
            where = f"{path}:{line_base}"
        snippet = r.text.strip().replace("\n", "⏎")
        if len(snippet) > 60:
            snippet = snippet[:57] + "..."
        quoted = json.dumps(snippet, ensure_ascii=False)
        out.append(f"{where}: {r.kind} [{r.filter}] {r.reason} ({r.score:g}): {quoted}")
    return out


def unified_diff(before: str, after: str, a: str, b: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=a, tofile=b)
    out = []
    for ln in lines:
        out.append(ln if ln.endswith("\n") else ln + "\n\\ No newline at end of file\n")
    return "".join(out)


def report_line(doc: dict[str, Any], report: Any) -> str:
    return json.dumps({**doc, **report.to_dict()}, ensure_ascii=False)


def removed_bytes(report: Any, encoding: str = "utf-8") -> int:
    total = 0
    for r in report.removals:
        try:
            total += len(r.text.encode(encoding))
        except (UnicodeEncodeError, LookupError):
            total += len(r.text.encode("utf-8"))
    return total


def count(stats: Stats, report: Any, nbytes: int, encoding: str = "utf-8") -> None:
    stats.documents += 1
    stats.bytes_in += nbytes
    if report.removals:
        stats.changed += 1
        stats.removals.update(r.kind for r in report.removals)
        stats.bytes_removed += removed_bytes(report, encoding)


def process_file(job: Job, path: str, out_path: str | None) -> Outcome:
    """Clean one text, Markdown or HTML file (a JSONL file goes to :func:`process_jsonl`)."""
    o = Outcome()
    try:
        fmt = format_of(path, job.config.format)
        if fmt == "jsonl":
            return process_jsonl(job, path, out_path)
        data = read_bytes(path)
        why = binary_reason(data)
        if why is not None:
            raise FileError(f"binary file ({why}): skipped, not cleaned")
        site = os.path.basename(os.path.dirname(os.path.abspath(path))) if job.config.model else None
        nbytes = len(data)
        decoded = decode_bytes(data)
        if job.mode != "fix":
            data = b""  # only fix mode compares the bytes again: the others let them go before cleaning
        c = clean_decoded(decoded, fmt, job.config, site)
        count(o.stats, c.report, nbytes, c.encoding)
        changed = bool(c.report.removals)
        o.changed = changed
        if job.want_reports:
            o.reports.append(report_line({"path": path}, c.report))
        if job.want_html:
            o.html.append((path, c.source, [r.to_dict() for r in c.report.removals],
                           [a.to_dict() for a in c.report.annotations]))
        if job.mode == "check" and changed:
            o.stdout.extend(listing(path, c.source, c.report.removals))
        elif job.mode == "diff" and changed:
            label = f"{path} (extracted text)" if c.report.input.get("format") == "html" else path
            o.stdout.append(unified_diff(c.source, c.after, label, label))
        elif job.mode == "fix":
            is_html = c.report.input.get("format") == "html"
            if out_path is not None:
                if is_html:  # the cleaned article is text (output_path named it .txt), in UTF-8
                    write_atomic(out_path, c.after.encode("utf-8"), like=path)
                else:
                    write_atomic(out_path, writable(c, data), like=path)
            elif changed and is_html:
                o.stderr.append(f"{path}: HTML is not rewritten in place (the cleaned article is text); "
                                "use -o DIR to write it, or --check/--report to review")
            elif changed:
                write_atomic(path, writable(c, data), like=path)
                o.stderr.append(f"Fixing {path}")
    except FileError as e:
        o.error = True
        o.stats.failed += 1
        o.stderr.append(f"{path}: error: {e}")
    except Exception as e:  # a bug or a pathological input: report it, go on with the others
        o.error = True
        o.stats.failed += 1
        o.stderr.append(f"{path}: error: {type(e).__name__}: {e}")
    return o


def writable(c: Cleaned, data: bytes) -> bytes:
    """The cleaned bytes, in the file's encoding and newline style; refuse if that cannot be exact.

    A file whose decoded text does not encode back to the very same bytes (undecodable bytes were
    replaced, say) is never rewritten: the parts cleantext keeps must stay byte for byte.
    """
    try:
        if encode_back(c, c.source) != data:
            raise FileError(f"not rewritten: its text does not encode back to the same bytes in "
                            f"{c.encoding} (undecodable or ambiguous bytes); the file is left as it was")
        return encode_back(c, c.after)
    except (UnicodeError, LookupError) as e:
        raise FileError(f"not rewritten: cannot encode the cleaned text as {c.encoding}: {e}") from None


# ---------------------------------------------------------------- worker processes

_JOB: Job | None = None


def init_worker(job: Job) -> None:
    """What every worker (and the parent, for ``-j 1``) works for."""
    global _JOB
    _JOB = job


def w_file(path: str, out_path: str | None) -> Outcome:
    return process_file(_JOB, path, out_path)  # type: ignore[arg-type]


def _w_chunk(path: str, chunk: list[tuple[int, bytes]]) -> Outcome:
    return clean_records(_JOB, path, chunk)  # type: ignore[arg-type]


def ordered(pool: Any, fn: Callable[..., Any], args_iter: Iterable[tuple[Any, ...]],
            window: int) -> Iterator[Any]:
    """``map`` in input order with at most ``window`` tasks in flight (so input is read lazily);
    in this process when ``pool`` is None."""
    if pool is None:
        for a in args_iter:
            yield fn(*a)
        return
    pending: deque = deque()
    for a in args_iter:
        pending.append(pool.submit(fn, *a))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


# ---------------------------------------------------------------- files on disk


def read_bytes(path: str) -> bytes:
    with open_input(path) as fh:
        try:
            return fh.read()
        except OSError as e:
            raise FileError(e.strerror or str(e)) from None


def check_writable(path: str) -> None:
    """A file with no write permission bits is never rewritten, even by root."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise FileError("read-only file: not rewritten")


class AtomicWriter:
    """Write a file next to its target, then rename it over the target: readers (and a crash)
    see the old file whole or the new file whole, never a truncated one."""

    def __init__(self, path: str, like: str | None = None) -> None:
        self.path = path
        if like == path:
            check_writable(path)
        d = os.path.dirname(os.path.abspath(path))
        try:
            os.makedirs(d, exist_ok=True)
            fd, self.tmp = tempfile.mkstemp(dir=d, prefix="." + os.path.basename(path) + ".",
                                            suffix=TMP_SUFFIX)
        except OSError as e:
            raise FileError(f"cannot write in {d}: {e.strerror or e}") from None
        self.fh: IO[bytes] = os.fdopen(fd, "wb")
        self.mode = None
        if like is not None:
            try:
                self.mode = stat.S_IMODE(os.stat(like).st_mode)
            except OSError:
                pass

    def write(self, data: bytes) -> None:
        self.fh.write(data)

    def commit(self) -> None:
        try:
            self.fh.flush()
            os.fsync(self.fh.fileno())
            self.fh.close()
            if self.mode is not None:
                os.chmod(self.tmp, self.mode)
            os.replace(self.tmp, self.path)
        except OSError as e:
            self.abort()
            raise FileError(f"cannot write: {e.strerror or e}") from None

    def abort(self) -> None:
        try:
            self.fh.close()
        finally:
            try:
                os.unlink(self.tmp)
            except FileNotFoundError:
                pass


def write_atomic(path: str, data: bytes, like: str | None = None) -> None:
    w = AtomicWriter(path, like=like)
    try:
        w.write(data)
    except BaseException:
        w.abort()
        raise
    w.commit()


# ---------------------------------------------------------------- JSONL records


def clean_records(job: Job, path: str, chunk: list[tuple[int, bytes]]) -> Outcome:
    """Clean a chunk of JSONL lines ``(line number, raw line)``; every line gets exactly one output line.

    Unchanged records, blank lines and malformed lines are passed through byte for byte; a changed
    record is written back as compact JSON with its fields in their order.
    """
    cfg = job.config
    o = Outcome(lines=[])
    pipe = pipeline_for(cfg)
    for lineno, raw in chunk:
        body = raw.rstrip(b"\r\n")
        eol = raw[len(body):]
        if not body.strip():
            o.lines.append(raw)
            continue
        o.stats.bytes_in += len(raw)
        try:
            rec = json.loads(body)
            if not isinstance(rec, dict):
                raise ValueError(f"expected a JSON object, got {type(rec).__name__}")
            text = rec.get(cfg.text_field)
            if not isinstance(text, str):
                raise ValueError(f"no string field {cfg.text_field!r}"
                                 if text is None else f"field {cfg.text_field!r} is not a string")
            fmt = cfg.format if cfg.format in ("text", "html") else None
            site = rec.get(job.site_field)
            result = _clean(pipe, cfg, text, fmt, site if isinstance(site, str) else None)
        except Exception as e:  # a malformed line or a record that failed: report it, keep the line
            o.error = True
            o.stats.failed += 1
            msg = e.msg if isinstance(e, json.JSONDecodeError) else str(e)
            where = f" (column {e.colno})" if isinstance(e, json.JSONDecodeError) else ""
            o.stderr.append(f"{path}:{lineno}: error: {type(e).__name__}: {msg}{where}; line kept unchanged")
            o.lines.append(raw)
            continue
        report = result.report
        o.stats.documents += 1
        doc: dict[str, Any] = {"path": path, "line": lineno}
        if cfg.id_field in rec:
            doc["id"] = rec[cfg.id_field]
        if report.removals:
            o.changed = True
            o.stats.changed += 1
            o.stats.removals.update(r.kind for r in report.removals)
            o.stats.bytes_removed += removed_bytes(report)
            rec[cfg.text_field] = result.text
            if job.embed_report and cfg.report_field:
                rec[cfg.report_field] = report.to_dict()
            new = json.dumps(rec, ensure_ascii=False).encode("utf-8") + (eol or b"")
            if job.mode == "check":
                src = report.source_text if report.source_text is not None else text
                o.stdout.extend(listing(path, src, report.removals, line_base=lineno))
            elif job.mode == "diff":
                old_s, new_s = _nl(body), _nl(new.rstrip(b"\r\n"))
                o.stdout.append(f"@@ -{lineno},1 +{lineno},1 @@\n-{old_s}+{new_s}")
            o.lines.append(new)
        else:
            o.lines.append(raw)
        if job.want_reports:
            o.reports.append(report_line(doc, report))
        if job.want_html:
            src = report.source_text if report.source_text is not None else text
            label = f"{path}:{lineno}" + (f" ({doc['id']})" if "id" in doc else "")
            o.html.append((label, src, [r.to_dict() for r in report.removals],
                           [a.to_dict() for a in report.annotations]))
    return o


def _nl(b: bytes) -> str:
    return b.decode("utf-8", errors="replace") + "\n"


def read_chunks(fh: IO[bytes], size: int = 256):
    """``[(line number, raw line), ...]`` lists of ``size`` lines, read lazily (never the whole file)."""
    chunk: list[tuple[int, bytes]] = []
    for lineno, raw in enumerate(fh, 1):
        chunk.append((lineno, raw))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def process_jsonl(job: Job, path: str, out_path: str | None, pool: Any = None, window: int = 2,
                  on_chunk: Callable[[Outcome, Outcome], None] | None = None,
                  source: IO[bytes] | None = None, stream: IO[bytes] | None = None) -> Outcome:
    """A JSONL file (or ``source``, e.g. stdin), streamed: chunks cleaned here or by ``pool``'s
    workers, written in order to the file, ``out_path`` or ``stream``.

    ``on_chunk(total, chunk)`` is called after every chunk (the command prints what the total
    has so far and clears it, so nothing piles up in memory).
    """
    total = Outcome(lines=[])  # lines: marks a JSONL total (its chunks' lines were written already)
    sink: JsonlSink | None = None
    try:
        sink = JsonlSink(job, path, out_path, stream=stream)
        with open_input(path) if source is None else contextlib.nullcontext(source) as fh:
            chunks = ((path, c) for c in read_chunks(fh))
            if pool is None:
                results: Iterable[Outcome] = (clean_records(job, p, c) for p, c in chunks)
            else:
                results = ordered(pool, _w_chunk, chunks, window)
            for o in results:
                sink.take(o, total)
                if on_chunk is not None:
                    on_chunk(total, o)
        sink.finish(total)
    except (FileError, OSError) as e:  # unreadable, or a write failed (disk full): the original stays
        if sink is not None:
            sink.abort()
        total.error = True
        total.stats.failed += 1
        total.stderr.append(f"{path}: error: {e.strerror or e if isinstance(e, OSError) else e}")
    except BaseException:
        if sink is not None:
            sink.abort()
        raise
    return total


def open_input(path: str) -> IO[bytes]:
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise FileError("no such file" + (" (broken symlink)" if os.path.islink(path) else "")) from None
    except IsADirectoryError:
        raise FileError("is a directory") from None
    except PermissionError:
        raise FileError("permission denied") from None
    except OSError as e:
        raise FileError(e.strerror or str(e)) from None


class JsonlSink:
    """Where a JSONL file's output lines go: a temp file renamed over the target when something
    changed (fix in place), a file under ``-o DIR``, stdout for ``-``, or nowhere (check, diff)."""

    def __init__(self, job: Job, path: str, out_path: str | None, stream: IO[bytes] | None = None) -> None:
        self.job, self.path, self.stream = job, path, stream
        self.writer: AtomicWriter | None = None
        self.header_done = False
        if job.mode == "fix" and stream is None:
            target = out_path if out_path is not None else path
            self.writer = AtomicWriter(target, like=path)
        self.in_place = job.mode == "fix" and stream is None and out_path is None

    def take(self, o: Outcome, total: Outcome) -> None:
        if o.lines is not None:
            dest = self.writer or self.stream
            if dest is not None and (self.job.mode == "fix" or self.stream is not None):
                for ln in o.lines:
                    dest.write(ln)
        if self.job.mode == "diff" and o.stdout and not self.header_done:
            total.stdout.append(f"--- {self.path}\n+++ {self.path}\n")
            self.header_done = True
        total.stdout.extend(o.stdout)
        total.stderr.extend(o.stderr)
        total.reports.extend(o.reports)
        total.html.extend(o.html)
        total.stats.add(o.stats)
        total.changed |= o.changed
        total.error |= o.error

    def finish(self, total: Outcome) -> None:
        if self.writer is None:
            return
        if self.in_place and not total.changed:
            self.writer.abort()  # nothing changed: leave the file (and its mtime) alone
            return
        self.writer.commit()
        if self.in_place:
            total.stderr.append(f"Fixing {self.path}")

    def abort(self) -> None:
        if self.writer is not None:
            self.writer.abort()


def output_path(out_dir: str, path: str, base: str | None, forced_format: str | None = None) -> str:
    """Where ``-o DIR`` puts ``path``: mirrored under DIR relative to the directory argument it came
    from, or by its name when it was named on the command line. An HTML page's cleaned article is
    text: ``page.html`` becomes ``DIR/page.txt``."""
    rel = os.path.relpath(path, base) if base is not None else os.path.basename(path)
    if format_of(path, forced_format) == "html":
        rel = os.path.splitext(rel)[0] + ".txt"
    return str(Path(out_dir) / rel)
