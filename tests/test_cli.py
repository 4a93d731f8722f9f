"""The ``cleantext`` command, driven through ``main([...])``: every mode and exit code."""

from __future__ import annotations

import io
import itertools
import json
import os
import sys
import textwrap

import pytest

from cleantext.cli import main

PARAS = [
    "第一段：本报讯，今年以来我市持续推进城市更新行动，老旧小区改造工程进展顺利，居民生活环境明显改善，相关部门表示将继续加大投入力度。",
    "第二段：据介绍，改造内容包括外墙保温、管网更新、加装电梯以及增设停车位等多个方面，惠及居民两万余户，群众满意度持续提升。",
    "第三段：下一步，有关部门将总结经验做法，完善长效管理机制，推动改造成果惠及更多群众，让城市更新更有温度。",
]
FOOTER = "以上内容为资讯信息快照,由example.com爬虫进行采集并收录,本站未对信息做任何修改。"
CLEAN = "城市更新行动稳步推进\n\n" + "\n\n".join(PARAS) + "\n"
# the body pasted twice plus a scraper's snapshot footer: what every version of the filters removes
SPAMMY = "城市更新行动稳步推进\n\n" + "\n\n".join([*PARAS, *PARAS, FOOTER]) + "\n"

# A filter with exactly known behaviour, so tests of the command do not depend on filter quality.
MARKER = textwrap.dedent('''
    from cleantext.filters import Filter

    class Marker(Filter):
        """Removes every line holding the word NOISE."""
        name = "marker"
        kind = "brand_spam"

        def find(self, doc):
            return [self.span(doc, ln.start, ln.end, "marker line") for ln in doc.lines if "NOISE" in ln.text]
''')


@pytest.fixture
def marker(tmp_path, monkeypatch):
    """``--select ctmarker:Marker`` becomes available (importable from a temp dir)."""
    d = tmp_path / "_mod"
    d.mkdir()
    (d / "ctmarker.py").write_text(MARKER)
    monkeypatch.syspath_prepend(str(d))
    return "ctmarker:Marker"


@pytest.fixture(autouse=True)
def _isolated_cwd(tmp_path, monkeypatch):
    # no configuration file from the repository around the tests may leak in
    (tmp_path / "cleantext.toml").write_text("")
    monkeypatch.chdir(tmp_path)


def is_clean(text):
    """The cleaned article (how many blank lines span settling leaves at the end is not tested here)."""
    return text.rstrip() == CLEAN.rstrip() and text.endswith("\n")


def write(p, text, encoding="utf-8"):
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(text.encode(encoding))
    return p


def test_fix_in_place_then_nothing_to_do(tmp_path, capsys):
    spam = write(tmp_path / "a" / "spam.txt", SPAMMY)
    clean = write(tmp_path / "a" / "clean.md", CLEAN)
    before = os.stat(clean).st_mtime_ns
    assert main([str(tmp_path / "a")]) == 1
    err = capsys.readouterr().err
    assert f"Fixing {spam}" in err and "clean.md" not in err.replace("documents", "")
    assert is_clean(spam.read_text())
    assert clean.read_text() == CLEAN and os.stat(clean).st_mtime_ns == before
    assert main([str(tmp_path / "a")]) == 0


def test_check_writes_nothing_and_lists(tmp_path, capsys):
    spam = write(tmp_path / "spam.txt", SPAMMY)
    assert main(["--check", str(spam)]) == 1
    out = capsys.readouterr().out
    assert spam.read_text() == SPAMMY
    lines = out.splitlines()
    assert any(ln.startswith(f"{spam}:9:1: duplicate [duplicates]") for ln in lines)
    assert any(ln.startswith(f"{spam}:15:1: scraper_footer") for ln in lines)
    assert main(["--check", str(write(tmp_path / "clean.txt", CLEAN))]) == 0


def test_diff_is_a_unified_diff(tmp_path, capsys):
    spam = write(tmp_path / "spam.txt", SPAMMY)
    assert main(["--diff", "-q", str(spam)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"--- {spam}\n+++ {spam}\n@@ ")
    assert f"-{FOOTER}\n" in out
    assert not [ln for ln in out.splitlines()[2:] if ln.startswith("+")]  # only lines taken out
    assert spam.read_text() == SPAMMY


def test_output_dir_mirrors_tree_and_keeps_originals(tmp_path):
    write(tmp_path / "in" / "sub" / "spam.txt", SPAMMY)
    write(tmp_path / "in" / "clean.txt", CLEAN)
    write(tmp_path / "in" / "notes.rst", SPAMMY)  # not a known extension: a directory walk skips it
    # -o writes copies and changes no input: success is 0, so `cleantext -o out/ in/ && next` chains
    assert main(["-o", str(tmp_path / "out"), str(tmp_path / "in")]) == 0
    assert is_clean((tmp_path / "out" / "sub" / "spam.txt").read_text())
    assert (tmp_path / "out" / "clean.txt").read_text() == CLEAN
    assert not (tmp_path / "out" / "notes.rst").exists()
    assert (tmp_path / "in" / "sub" / "spam.txt").read_text() == SPAMMY


def test_stdin_to_stdout(monkeypatch, capsysbinary):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SPAMMY.encode("gb18030"))))
    assert main(["-", "-q"]) == 0  # stdin to stdout changes no file: 0 (as with -o DIR)
    cap = capsysbinary.readouterr()
    assert is_clean(cap.out.decode("gb18030"))  # stdin's encoding is kept too
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(CLEAN.encode())))
    assert main(["-", "-q"]) == 0
    assert capsysbinary.readouterr().out.decode() == CLEAN


def test_stdin_check_lists_with_dash(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SPAMMY.encode())))
    assert main(["--check", "-"]) == 1
    assert capsys.readouterr().out.startswith("-:")


@pytest.mark.parametrize("argv", [[], ["--no-such-option", "x"], ["--check", "--diff", "x"],
                                  ["--check", "-o", "d", "x"], ["--format", "pdf", "x"], ["-j", "-1", "x"],
                                  ["--report", "-", "--check", "x"], ["--select", "nope", "x"]])
def test_usage_errors_exit_2(argv, capsys):
    assert main(argv) == 2
    assert capsys.readouterr().err


def test_help_and_version_exit_0(capsys):
    assert main(["--help"]) == 0
    assert "--check" in capsys.readouterr().out
    assert main(["--version"]) == 0


def test_missing_file_is_reported_and_the_rest_processed(tmp_path, capsys):
    spam = write(tmp_path / "spam.txt", SPAMMY)
    missing = tmp_path / "missing.txt"
    assert main([str(missing), str(spam)]) == 2
    err = capsys.readouterr().err
    assert f"{missing}: error: no such file" in err
    assert is_clean(spam.read_text())


def test_encoding_and_crlf_are_kept(tmp_path):
    p = tmp_path / "gb.txt"
    p.write_bytes(SPAMMY.replace("\n", "\r\n").encode("gb18030"))
    assert main(["-q", str(p)]) == 1
    out = p.read_bytes()
    assert out.count(b"\r\n") == out.count(b"\n") and is_clean(out.decode("gb18030").replace("\r\n", "\n"))
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + SPAMMY.encode())
    assert main(["-q", str(bom)]) == 1
    out = bom.read_bytes()
    assert out.startswith(b"\xef\xbb\xbf") and is_clean(out[3:].decode())


def test_file_that_does_not_round_trip_is_left_alone(tmp_path, capsys):
    # a stray invalid byte: decoding replaces it, so writing back would change bytes cleantext keeps
    data = SPAMMY.encode("utf-8").replace("第二段".encode(), b"\xff\xfe" + "第二段".encode(), 1)
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    rc = main(["-q", str(p)])
    err = capsys.readouterr().err
    assert p.read_bytes() == data
    if rc != 0:  # whether the decoder replaced bytes is its business; never rewrite then
        assert rc == 2 and f"{p}: error: not rewritten" in err


def jsonl(path, records, extra_lines=()):
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    for i, raw in extra_lines:
        lines.insert(i, raw)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_round_trip_fields_order_and_bad_line(tmp_path, capsys):
    recs = [{"id": "a", "url": "http://x/1", "text": SPAMMY, "lang": "zh"},
            {"text": CLEAN, "id": "b", "n": 1},
            {"id": "c", "title": "t", "text": SPAMMY}]
    p = jsonl(tmp_path / "c.jsonl", recs, extra_lines=[(1, '{"id": "broken", "text": ')])
    original_lines = p.read_text().splitlines()
    assert main([str(p)]) == 2  # one failed record, the rest cleaned
    err = capsys.readouterr().err
    assert f"{p}:2: error: JSONDecodeError" in err and "line kept unchanged" in err
    out = p.read_text().splitlines()
    assert len(out) == 4
    assert out[1] == original_lines[1]  # the malformed line, byte for byte
    assert out[2] == original_lines[2]  # an unchanged record, byte for byte
    a, c = json.loads(out[0]), json.loads(out[3])
    assert list(a) == ["id", "url", "text", "lang", "_cleantext"]
    assert is_clean(a["text"]) and is_clean(c["text"]) and c["title"] == "t"
    kinds = {r["kind"] for r in a["_cleantext"]["removals"]}
    assert {"duplicate", "scraper_footer"} <= kinds
    # second run: nothing changes, the embedded reports stay as they are
    before = p.read_bytes()
    assert main(["-q", str(p)]) == 2
    assert p.read_bytes() == before


def test_jsonl_text_field_and_report_file(tmp_path):
    p = jsonl(tmp_path / "c.jsonl", [{"doc": "x1", "body": SPAMMY}, {"doc": "x2", "body": CLEAN}])
    rep = tmp_path / "r.jsonl"
    assert main(["-q", "--text-field", "body", "--id-field", "doc", "--report", str(rep), str(p)]) == 1
    recs = [json.loads(x) for x in p.read_text().splitlines()]
    assert [list(r) for r in recs] == [["doc", "body"]] * 2  # no embedded report
    assert is_clean(recs[0]["body"]) and recs[1]["body"] == CLEAN
    reports = [json.loads(x) for x in rep.read_text().splitlines()]
    assert [(r["path"], r["line"], r["id"]) for r in reports] == [(str(p), 1, "x1"), (str(p), 2, "x2")]
    assert reports[1]["removals"] == []
    for r in reports[0]["removals"]:
        assert SPAMMY[r["start"]:r["end"]] == r["text"]
        assert set(r) >= {"start", "end", "kind", "filter", "reason", "score", "text"}


def test_jsonl_missing_field_is_a_failed_record(tmp_path, capsys):
    p = jsonl(tmp_path / "c.jsonl", [{"id": 1, "title": "no text"}, {"id": 2, "text": SPAMMY}])
    assert main(["-q", str(p)]) == 2
    assert f"{p}:1: error" in capsys.readouterr().err
    assert is_clean(json.loads(p.read_text().splitlines()[1])["text"])


def test_jsonl_stdin_streams_to_stdout(monkeypatch, capsys):
    data = "\n".join(json.dumps({"id": i, "text": SPAMMY if i % 2 else CLEAN}, ensure_ascii=False)
                     for i in range(5)) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    assert main(["--format", "jsonl", "--report-field", "", "-q", "-"]) == 0
    out = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in out] == list(range(5)) and all(is_clean(r["text"]) and len(r) == 2 for r in out)
    # a stream of 600 records spread over two workers comes out the same as with one
    big = "".join(json.dumps({"id": i, "text": SPAMMY if i % 3 else CLEAN}, ensure_ascii=False) + "\n"
                  for i in range(600))
    outs = []
    for j in ("1", "2"):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(big.encode())))
        assert main(["--format", "jsonl", "-q", "-j", j, "-"]) == 0
        outs.append(capsys.readouterr().out)
    assert outs[0] == outs[1] and len(outs[0].splitlines()) == 600


def test_report_file_for_text_files(tmp_path):
    spam = write(tmp_path / "d" / "spam.txt", SPAMMY)
    write(tmp_path / "d" / "clean.txt", CLEAN)
    rep = tmp_path / "report.jsonl"
    assert main(["--check", "-q", "--report", str(rep), str(tmp_path / "d")]) == 1
    reports = [json.loads(x) for x in rep.read_text().splitlines()]
    assert [r["path"] for r in reports] == [str(tmp_path / "d" / "clean.txt"), str(spam)]
    assert reports[0]["removals"] == []
    assert reports[1]["input"]["encoding"] == "utf-8"
    for r in reports[1]["removals"]:
        assert SPAMMY[r["start"]:r["end"]] == r["text"]


def make_batch(root, n_files=6, n_records=700):
    for i in range(n_files):
        write(root / f"f{i:02d}.txt", SPAMMY if i % 2 else CLEAN)
    recs = [{"id": i, "text": (SPAMMY if i % 3 == 0 else CLEAN) + f"编号{i}\n"} for i in range(n_records)]
    jsonl(root / "corpus.jsonl", recs, extra_lines=[(5, "not json")])


def run_captured(argv, capsys):
    rc = main(argv)
    cap = capsys.readouterr()
    return rc, cap.out


def test_parallel_output_identical_to_serial(tmp_path, capsys):
    for j in ("1", "2"):
        make_batch(tmp_path / f"b{j}")
    outs = {}
    for j in ("1", "2"):
        d = tmp_path / f"b{j}"
        rc_check, listing = run_captured(["--check", "-q", "-j", j, str(d)], capsys)
        rc_fix, _ = run_captured(["-q", "-j", j, "--report", str(tmp_path / f"r{j}.jsonl"), str(d)], capsys)
        files = {p.name: p.read_bytes() for p in sorted(d.iterdir())}
        report = (tmp_path / f"r{j}.jsonl").read_text().replace(str(d), "D")
        outs[j] = (rc_check, listing.replace(str(d), "D"), rc_fix, files, report)
    assert outs["1"][0] == outs["1"][2] == 2  # the malformed line
    assert outs["1"] == outs["2"]
    assert len(outs["1"][4].splitlines()) == 6 + 700


def test_explain_marks_removals(tmp_path, capsys):
    spam = write(tmp_path / "spam.txt", SPAMMY)
    assert main(["explain", "--color", "never", str(spam)]) == 0
    cap = capsys.readouterr()
    assert f"[-{FOOTER}-]{{scraper_footer/footer: " in cap.out
    assert cap.out.count("[-") == 4 and "4 removals" in cap.err
    assert main(["explain", "--color", "always", str(spam)]) == 0
    assert "\x1b[9;31m" + FOOTER in capsys.readouterr().out
    assert main(["explain", str(tmp_path / "nope.txt")]) == 2


def test_html_report(tmp_path):
    write(tmp_path / "d" / "spam.txt", SPAMMY)
    write(tmp_path / "d" / "x.txt", "正文写道：甲<乙 & 丙>丁，这是一个普通的句子。\n")
    page = tmp_path / "review.html"
    assert main(["--check", "-q", "--html-report", str(page), str(tmp_path / "d")]) == 1
    html = page.read_text()
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert html.count("<del class=") == 4 and 'title="scraper_footer · footer · ' in html
    assert "甲&lt;乙 &amp; 丙&gt;丁" in html  # document text is escaped
    assert "<script" not in html and "http" not in html.split("<body>")[0].replace('charset="utf-8"', "")
    # a page a person can use on a batch: totals and a kind filter first, reasons beside the spans,
    # unchanged documents collapsed
    top = html.split("<main>")[0]
    assert "2 documents: 1 changed, 1 unchanged" in top and 'id="f-scraper_footer"' in top
    assert "#f-scraper_footer:checked~main section:not(.has-scraper_footer){display:none}" in top
    main_part = html.split("<main>")[1]
    assert main_part.count('<span class="why k-duplicate">') == 3 and 'class="why k-scraper_footer"' in main_part
    sections = html.split("<section")[1:]
    assert sum("<details open>" in x for x in sections) == 1 and sum('class="unchanged"' in x for x in sections) == 1


def test_html_report_shows_annotations(tmp_path):
    from cleantext.explain import HtmlReport

    page = tmp_path / "r.html"
    with HtmlReport(str(page)) as rep:
        rep.add("a.txt", "正文一。星耀娱乐正文二。\n",
                [{"start": 0, "end": 4, "kind": "page_chrome", "filter": "chrome", "reason": "demo removed",
                  "score": 1.0, "code": "chrome.demo"}],
                [{"start": 4, "end": 8, "kind": "brand_spam", "filter": "brand", "reason": "weak evidence",
                  "score": 0.2, "code": "brand.weak"}])
    html = page.read_text()
    assert "<mark" in html and "kept: weak evidence" in html and "<td>brand.weak</td>" in html
    assert "1 spans kept but flagged" in html


def test_interrupted_batch_leaves_no_report_that_looks_complete(tmp_path, monkeypatch, capsys):
    from cleantext import cli_work

    for i in range(3):
        write(tmp_path / "d" / f"{i}.txt", SPAMMY)
    report, page = tmp_path / "r.jsonl", tmp_path / "r.html"
    report.write_text("an older, complete report\n")
    real, calls = cli_work.process_file, []

    def interrupted(job, path, out_path):
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(job, path, out_path)

    monkeypatch.setattr(cli_work, "process_file", interrupted)
    argv = ["-q", "-o", str(tmp_path / "out"), "--report", str(report), "--html-report", str(page),
            str(tmp_path / "d")]
    assert main(argv) == 130
    err = capsys.readouterr().err
    assert not report.exists() and "r.jsonl.incomplete" in err
    assert len((tmp_path / "r.jsonl.incomplete").read_text().splitlines()) == 1
    assert "INCOMPLETE: the run was interrupted after 1 documents" in page.read_text()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]  # no temp files left
    monkeypatch.setattr(cli_work, "process_file", real)
    assert main(argv) == 0
    assert len(report.read_text().splitlines()) == 3 and "INCOMPLETE" not in page.read_text()


def test_select_custom_filter_and_allow(tmp_path, marker, capsys):
    p = write(tmp_path / "m.txt", "第一行正文。\nNOISE 广告甲\n第三行正文。\nNOISE 保留我\n")
    assert main(["-q", "--select", marker, "--allow", "保留我", str(p)]) == 1
    assert p.read_text() == "第一行正文。\n第三行正文。\nNOISE 保留我\n"
    assert main(["-q", "--select", marker, "--allow", "保留我", str(p)]) == 0


def test_parallel_with_custom_filter(tmp_path, marker):
    for i in range(5):
        write(tmp_path / "d" / f"{i}.txt", f"正文{i}\nNOISE\n")
    assert main(["-q", "-j", "2", "--select", marker, str(tmp_path / "d")]) == 1
    assert [(tmp_path / "d" / f"{i}.txt").read_text() for i in range(5)] == [f"正文{i}\n" for i in range(5)]


def test_html_is_not_rewritten_in_place(tmp_path, capsys):
    body = "</p><p>".join([*PARAS, *PARAS, FOOTER])
    page = f"<html><body><article><p>{body}</p></article></body></html>"
    p = write(tmp_path / "page.html", page)
    assert main([str(p)]) == 1
    assert "HTML is not rewritten in place" in capsys.readouterr().err
    assert p.read_text() == page
    assert main(["-q", "-o", str(tmp_path / "out"), str(p)]) == 0
    txt = (tmp_path / "out" / "page.txt").read_text()
    assert FOOTER not in txt and txt.count(PARAS[0]) == 1


def test_exclude_and_include(tmp_path):
    write(tmp_path / "d" / "keep" / "a.txt", SPAMMY)
    write(tmp_path / "d" / "vendor" / "b.txt", SPAMMY)
    write(tmp_path / "d" / "c.data", SPAMMY)
    assert main(["-q", "--exclude", "vendor", str(tmp_path / "d")]) == 1
    assert is_clean((tmp_path / "d" / "keep" / "a.txt").read_text())
    assert (tmp_path / "d" / "vendor" / "b.txt").read_text() == SPAMMY
    assert (tmp_path / "d" / "c.data").read_text() == SPAMMY
    assert main(["-q", "--include", "*.data", "--exclude", "vendor", str(tmp_path / "d")]) == 1
    assert is_clean((tmp_path / "d" / "c.data").read_text())
    # an excluded file named on the command line (as pre-commit does) is left alone too;
    # a pattern with a slash is anchored at the configuration's directory (here tmp_path)
    assert main(["-q", "--exclude", "d/vendor/*", str(tmp_path / "d" / "vendor" / "b.txt")]) == 0


def test_summary_on_stderr(tmp_path, capsys):
    write(tmp_path / "spam.txt", SPAMMY)
    assert main([str(tmp_path / "spam.txt")]) == 1
    cap = capsys.readouterr()
    assert cap.out == ""
    assert "1 document in 1 input, 1 changed, 0 failed" in cap.err
    assert "removals: duplicate 3, scraper_footer 1" in cap.err


def test_output_dir_clash_is_an_error(tmp_path, capsys):
    a = write(tmp_path / "a" / "same.txt", SPAMMY)
    b = write(tmp_path / "b" / "same.txt", CLEAN)
    assert main(["-q", "-o", str(tmp_path / "out"), str(a), str(b)]) == 2
    assert f"{b}: error: -o would write it to the same place as {a}" in capsys.readouterr().err
    assert is_clean((tmp_path / "out" / "same.txt").read_text())


def test_unwritable_report_file_is_a_usage_error(tmp_path, capsys):
    p = write(tmp_path / "a.txt", CLEAN)
    assert main(["--report", str(tmp_path / "no" / "such" / "dir" / "r.jsonl"), str(p)]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_report_to_stdout_in_fix_mode(tmp_path, capsys):
    p = write(tmp_path / "a.txt", SPAMMY)
    assert main(["-q", "--report", "-", str(p)]) == 1
    cap = capsys.readouterr()
    (line,) = cap.out.splitlines()
    assert json.loads(line)["path"] == str(p) and f"Fixing {p}" in cap.err


def test_jsonl_diff_has_a_hunk_per_changed_record(tmp_path, capsys):
    p = jsonl(tmp_path / "c.jsonl", [{"text": SPAMMY}, {"text": CLEAN}, {"text": SPAMMY}])
    assert main(["-q", "--diff", str(p)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"--- {p}\n+++ {p}\n@@ -1,1 +1,1 @@\n-")
    assert "@@ -3,1 +3,1 @@" in out and "@@ -2," not in out


def test_explain_and_html_report_on_jsonl(tmp_path, capsys):
    p = jsonl(tmp_path / "c.jsonl", [{"id": "x", "text": SPAMMY}, {"id": "y", "text": CLEAN}])
    page = tmp_path / "r.html"
    assert main(["explain", "--color", "never", "--html-report", str(page), str(p)]) == 0
    out = capsys.readouterr().out
    assert f"==> {p}:1 (x) <==" in out and f"==> {p}:2 (y) <==" in out
    assert page.read_text().count("<section") == 2


def test_progress_only_on_a_tty(tmp_path, capsys, monkeypatch):
    for i in range(3):
        write(tmp_path / "d" / f"{i}.txt", SPAMMY)
    assert main(["--check", str(tmp_path / "d")]) == 1
    assert "\r" not in capsys.readouterr().err
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    import cleantext.cli as cli

    monkeypatch.setattr(cli.time, "perf_counter", itertools.count().__next__)  # 1 s a call: every tick shows
    assert main(["--check", str(tmp_path / "d")]) == 1
    err = capsys.readouterr().err
    assert "\r\x1b[K" in err and "files" in err


def test_help_does_not_import_the_heavy_parts():
    import subprocess

    code = ("import sys; from cleantext.cli import main; rc = main(['--help']); "
            "heavy = [m for m in sys.modules if m.split('.')[0] in ('bs4', 'chardet', 'regex', 'rapidfuzz') "
            "or m.startswith('cleantext.filters')]; print(heavy, file=sys.stderr); sys.exit(rc)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stderr.strip() == "[]"


@pytest.mark.parametrize("pattern, path, hit", [
    ("vendor", "/r/vendor/a.txt", True),          # no slash: any path component
    ("vendor", "/r/src/vendor/a.txt", True),
    ("*.min.html", "/r/site/x.min.html", True),
    ("raw/*.html", "/r/raw/x.html", True),        # a slash: anchored at the root
    ("raw/*.html", "/r/sub/raw/x.html", False),
    ("raw/", "/r/raw/deep/x.txt", True),          # a directory and everything under it
    ("docs", "/r/documents/x.txt", False),
    ("/elsewhere/*", "/elsewhere/x.txt", True),   # outside the root: the path as given
])
def test_exclude_patterns(pattern, path, hit):
    from cleantext.cli import excluded

    assert excluded(path, [pattern], "/r") is hit


# ---------------------------------------------------------------- corpus mode from the command line

SIGN_OFF = "每周三晚八点，城市观察与您相约不见不散"


def _site_pages(site, n, seed, sign_off):
    """Pages of one site: varied bodies (tests/docgen.py), each ending with the site's sign-off."""
    import random

    from docgen import body

    rng = random.Random(seed)
    out = []
    for i in range(n):
        text = body(rng, 300) + (f"\n{SIGN_OFF}\n" if sign_off else "")
        out.append({"id": f"{site}-{i}", "site": site, "text": text})
    return out


def _run(*args, cwd):
    import subprocess

    return subprocess.run([sys.executable, "-m", "cleantext", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


def test_learn_then_model_removes_a_sign_off_learned_from_one_site(tmp_path):
    """`cleantext learn` + `cleantext --model`, run as commands: the sign-off line that every page of
    site alpha carries is learned and removed from new alpha pages; without the model it stays."""
    corpus = tmp_path / "corpus.jsonl"
    pages = _site_pages("alpha", 12, 1, True) + _site_pages("beta", 12, 2, False)
    corpus.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pages), encoding="utf-8")
    p = _run("learn", str(corpus), "-o", "model.json", "--site-field", "site", "-q", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "model.json").is_file()
    assert SIGN_OFF in (tmp_path / "model.json").read_text(encoding="utf-8")  # its example spelling

    new = tmp_path / "new.jsonl"
    fresh = _site_pages("alpha", 2, 99, True)
    new.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in fresh), encoding="utf-8")
    plain = _run("--check", "-q", str(new), cwd=tmp_path)
    assert SIGN_OFF not in plain.stdout  # the single-document filters leave it: it is the model's doing
    p = _run("--model", "model.json", "--site-field", "site", "-o", "out", "--report", "rep.jsonl", "-q",
             str(new), cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    cleaned = [json.loads(x) for x in (tmp_path / "out" / "new.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(cleaned) == 2
    for rec, orig in zip(cleaned, fresh, strict=True):
        assert SIGN_OFF not in rec["text"]
        assert rec["text"].rstrip() == orig["text"].replace(SIGN_OFF, "").rstrip()  # nothing else goes
    reports = [json.loads(x) for x in (tmp_path / "rep.jsonl").read_text(encoding="utf-8").splitlines()]
    sign = [r for rep in reports for r in rep["removals"] if SIGN_OFF in r["text"]]
    assert len(sign) == 2
    assert all(r["filter"] == "corpus" and r["code"] == "corpus.site_line"
               and r["reason"].startswith("corpus model: seen in 12 of 12 documents (site alpha)")
               for r in sign)


def test_learn_errors(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": "正文。"}) + "\n", encoding="utf-8")
    p = _run("learn", "c.jsonl", "-o", "d", cwd=tmp_path)
    assert p.returncode == 2 and "is a directory" in p.stderr
    p = _run("--model", "c.jsonl", "--check", "c.jsonl", cwd=tmp_path)
    assert p.returncode == 2 and "cannot load model" in p.stderr


# ---------------------------------------------------------------- the command cleans as clean() does


def _generated(n=60, seed=11):
    """Project-written pages (tests/docgen.py): every kind of noise, present or not at random. A
    leading U+FEFF is dropped: in a file it is a byte order mark, which the command keeps apart."""
    import random

    from docgen import document

    rng = random.Random(seed)
    return [document(rng).lstrip("\ufeff") for _ in range(n)]


def test_command_output_equals_clean_in_file_stdin_and_jsonl_modes(tmp_path, monkeypatch, capsysbinary):
    """One builder: the command's output is ``clean(x, format='text').text`` byte for byte, whatever
    the mode (the same check over the 258 dev + seed inputs is bench/check_cli_agrees.py)."""
    import cleantext

    docs = _generated()
    want = [cleantext.clean(d, format="text").text for d in docs]
    assert sum(w != d for w, d in zip(want, docs, strict=True)) > len(docs) // 3  # there is noise to remove
    d = tmp_path / "docs"
    for i, text in enumerate(docs):
        write(d / f"{i:03d}.txt", text)
    assert main(["-q", str(d)]) == 1
    assert [(d / f"{i:03d}.txt").read_bytes().decode() for i in range(len(docs))] == want
    for text, w in list(zip(docs, want, strict=True))[:15]:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
        assert main(["-", "-q", "--format", "text"]) == 0
        assert capsysbinary.readouterr().out.decode() == w
    src = jsonl(tmp_path / "c.jsonl", [{"id": i, "text": t} for i, t in enumerate(docs)])
    assert main(["-q", "-o", str(tmp_path / "out"), "--report-field", "", str(src)]) == 0
    got = [json.loads(x)["text"] for x in (tmp_path / "out" / "c.jsonl").read_text().splitlines()]
    assert got == want


def test_second_fix_run_changes_only_what_a_second_clean_changes(tmp_path, capsys):
    """Fix mode adds no change of its own on a second run: the files it fixes again are exactly those
    where ``clean(clean(x))`` differs (the filters' documented second-order effects), and few."""
    import cleantext

    docs = _generated(80, seed=12)
    d = tmp_path / "docs"
    for i, text in enumerate(docs):
        write(d / f"{i:03d}.txt", text)
    assert main(["-q", str(d)]) == 1
    capsys.readouterr()
    again = {f"{i:03d}.txt" for i, t in enumerate(docs)
             if cleantext.clean(cleantext.clean(t, format="text").text, format="text").changed}
    assert main([str(d)]) == (1 if again else 0)
    fixed = {os.path.basename(ln.split(" ", 1)[1]) for ln in capsys.readouterr().err.splitlines()
             if ln.startswith("Fixing ")}
    assert fixed == again and len(again) <= len(docs) // 20
    src = jsonl(tmp_path / "c.jsonl", [{"id": i, "text": t} for i, t in enumerate(docs)
                                       if f"{i:03d}.txt" not in again])
    assert main(["-q", str(src)]) == 1
    assert main(["-q", str(src)]) == 0  # reports embedded in changed records do not change them again


def test_binary_file_with_a_text_name_is_skipped_with_a_warning(tmp_path, capsys):
    png = tmp_path / "d" / "figure.md"
    png.parent.mkdir()
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
    png.write_bytes(data)
    blob = write(tmp_path / "d" / "blob.txt", "")
    blob.write_bytes(b"\x00\x01\x02\x03garbage\x00\x00\xff\xfe" * 500)
    spam = write(tmp_path / "d" / "spam.txt", SPAMMY)
    assert main(["-q", str(tmp_path / "d")]) == 2
    err = capsys.readouterr().err
    assert f"{png}: error: binary file (PNG image)" in err and f"{blob}: error: binary file (" in err
    assert png.read_bytes() == data and is_clean(spam.read_text())  # the rest is still cleaned
    # a text with a stray NUL, and UTF-16 text, are text
    odd = write(tmp_path / "e" / "odd.txt", SPAMMY.replace("。", "。\x00", 1))
    u16 = write(tmp_path / "e" / "u16.txt", SPAMMY, encoding="utf-16")
    assert main(["-q", str(tmp_path / "e")]) == 1
    assert "error" not in capsys.readouterr().err
    assert is_clean(odd.read_text().replace("\x00", "")) and is_clean(u16.read_text(encoding="utf-16"))


def test_binary_stdin_passes_through_with_an_error(monkeypatch, capsysbinary):
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["-", "-q"]) == 2
    cap = capsysbinary.readouterr()
    assert cap.out == data and b"binary input (PNG image)" in cap.err
