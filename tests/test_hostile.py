"""Hostile and broken input: one test per kind, each checking the offset invariants and a sensible outcome.

The big ones are marked ``slow`` (they still run in the default ``pytest`` and in ``.ci/run``); each
must finish, which ``within`` guards with a generous CPU-time cap (30 s; the slowest takes about 4 s):
a hang guard, not a speed target (those live in ``bench/`` and docs/benchmarks.md).
Per-document limits (characters, time) are tested at the end.
"""

from __future__ import annotations

import json
import random
import time
from contextlib import contextmanager

import pytest
from docgen import body
from invariants import check_invariants

import cleantext
from cleantext import Pipeline
from cleantext.cli import main
from cleantext.filters import Filter

MB = 1024 * 1024
PARA = "本报讯，今年以来，我市持续推进老旧小区改造，已有三十二个小区完成外墙和管网更新，居民生活环境明显改善。"
ARTICLE = [
    PARA,
    "据市住建局介绍,改造内容包括加装电梯、增设停车位以及完善无障碍设施等多个方面，惠及居民两万余户。",
    "下一步，相关部门将建立长效管理机制，确保改造成果惠及更多居民，让城市更新更有温度。",
]
TEXT = "老旧小区改造取得阶段性成效\n\n" + "\n\n".join(ARTICLE) + "\n"


@contextmanager
def within(seconds: float):
    t0 = time.process_time()
    yield
    spent = time.process_time() - t0
    assert spent < seconds, f"took {spent:.1f} s of CPU (limit {seconds} s)"


# -- empty and blank ------------------------------------------------------------------------------
@pytest.mark.parametrize("x", ["", b""])
def test_empty(x):
    r = check_invariants(x)
    assert r.text == "" and r.report.removals == [] and r.report.skipped is None


@pytest.mark.parametrize("x", [" ", "\n", "\n\n\n", " \t\r\n\u3000\u00a0\n", "\u3000" * 1000, "\r\n" * 500])
def test_whitespace_only_is_left_as_it_is(x):
    r = check_invariants(x)
    assert r.text == x and r.report.removals == []
    r = check_invariants(x.encode("utf-8"))
    assert r.report.removals == []


# -- size ---------------------------------------------------------------------------------------------
@pytest.mark.slow
def test_one_20_mb_line():
    rng, parts, size = random.Random(1), [], 0
    while size < 20 * MB:  # distinct sentences all along (a repeated piece would rightly be cut)
        parts.append(body(rng, MB // 2).replace("\n", ""))
        size += len(parts[-1].encode("utf-8"))
    line = "".join(parts)
    x = "长文测试\n\n" + line + "\n"
    with within(30):
        r = check_invariants(x, subsequence=False)
    assert r.text == x  # one long paragraph of distinct sentences: nothing is noise


@pytest.mark.slow
def test_200k_one_character_lines():
    chars = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可也你对能而子"
    x = "".join(chars[i % len(chars)] + "\n" for i in range(200_000))
    with within(30):
        r = check_invariants(x, subsequence=False)
    assert r.text == x


@pytest.mark.slow
@pytest.mark.parametrize("ch", ["a", "中", " ", "1", "-", "。", "\n"])
def test_5_mb_of_one_repeated_character(ch):
    x = ch * (5 * MB // len(ch.encode("utf-8")))
    with within(30):
        r = check_invariants(x, subsequence=False)
    if ch != "\n":  # a run of blank lines may be tidied; a run of one visible character is kept
        assert r.text == x


@pytest.mark.slow
def test_a_paragraph_repeated_10000_times_leaves_one_copy():
    x = "老旧小区改造取得阶段性成效\n\n" + (PARA + "\n\n") * 10_000
    with within(30):
        r = check_invariants(x, subsequence=False)
    assert r.text.count(PARA) == 1
    assert r.text == "老旧小区改造取得阶段性成效\n\n" + PARA + "\n"
    assert {rm.kind for rm in r.report.removals} == {"duplicate"}


@pytest.mark.slow
def test_an_article_repeated_10000_times_without_blank_lines_leaves_one_copy():
    x = "\n".join(ARTICLE * 10_000) + "\n"
    with within(30):
        r = check_invariants(x, subsequence=False)
    assert r.text == "\n".join(ARTICLE) + "\n"


@pytest.mark.slow
@pytest.mark.parametrize("as_bytes", [False, True], ids=["str", "bytes"])
def test_10000_levels_of_nested_html(as_bytes):
    html = "<html><body>" + "<div>" * 10_000 + "<p>" + PARA + "</p>" + "</div>" * 10_000 + "</body></html>"
    x = html.encode("utf-8") if as_bytes else html
    with within(30):
        r = check_invariants(x)
    assert r.report.input["format"] == "html"
    assert PARA in r.text


@pytest.mark.slow
def test_unclosed_nesting_and_runaway_tags():
    html = "<div><span><p>" * 5_000 + PARA + "<" * 10_000 + "<!--" + "<div " * 5_000
    with within(30):
        r = check_invariants(html)
    assert PARA in r.text


@pytest.mark.slow
@pytest.mark.parametrize("unit", [" ", "\u3000", "a-_", "2024-", "2024年1月", ":：", "(（[【", "中a", "www."])
def test_long_runs_inside_a_line_stay_linear(unit):
    # the patterns that are only bounded by the length guards in front of them (test_regex_fuzz.BOUNDED)
    run = unit * (MB // len(unit))
    x = TEXT + "末尾" + run + "结束。\n" + run + "\n"
    with within(30):
        r = check_invariants(x, subsequence=False)
    assert all(p in r.text for p in ARTICLE)


# -- characters and bytes that are not ordinary text --------------------------------------------
def test_nul_bytes_in_str():
    x = "\x00" + TEXT.replace("。", "。\x00") + "\x00\x00\n\x00"
    r = check_invariants(x)
    assert r.text.count("\x00") >= x.count("\x00") - 3  # only blank/noise lines may take one along
    assert all(p.replace("。", "。\x00") in r.text for p in ARTICLE)


def test_nul_bytes_in_bytes():
    raw = TEXT.encode("utf-8").replace("。".encode(), "。".encode() + b"\x00") + b"\x00" * 64
    r = check_invariants(raw)
    assert all(p.replace("。", "。\x00") in r.text for p in ARTICLE)


def test_lone_surrogates_via_surrogateescape():
    x = (b"\xff\xfe\xed\xa0\x80" + TEXT.encode("utf-8") + b"\xc3(\xa0\xa1\x80").decode("utf-8", "surrogateescape")
    assert any(0xDC80 <= ord(c) <= 0xDCFF for c in x)
    r = check_invariants(x)
    assert r.text == x  # nothing to remove; the escapes are kept as they are
    doubled = x + "\n\n" + TEXT.split("\n\n", 1)[1]  # and cleaning around them still works
    r = check_invariants(doubled)
    assert r.text.count(ARTICLE[1]) == 1
    r.report.to_json()


def test_invalid_utf8_bytes():
    raw = TEXT.encode("utf-8")
    broken = raw[:40] + b"\xff\xc0\x80" + raw[40:90] + b"\xed\xa0\x80" + raw[90:] + b"\xe4\xb8"
    r = check_invariants(broken)
    info = r.report.input
    assert info["encoding"] == "utf-8" and info["replaced"] > 0
    assert "\ufffd" in r.text and ARTICLE[2] in r.text


def test_mixed_encodings_in_one_file():
    raw = ("老旧小区改造取得阶段性成效\n\n" + ARTICLE[0] + "\n\n").encode("gbk") + \
        ("\n\n".join(ARTICLE[1:]) + "\n").encode("utf-8")
    r = check_invariants(raw)
    info = r.report.input
    assert info["encoding"] and info["encoding_source"]
    assert info["replaced"] > 0  # the part in the other encoding is reported as replaced bytes
    # one of the two halves is read right
    assert ARTICLE[0] in r.report.source_text or ARTICLE[2] in r.report.source_text


def test_utf16_without_bom_and_odd_length():
    raw = TEXT.encode("utf-16-le") + b"\x00"
    check_invariants(raw)


# -- JSONL ----------------------------------------------------------------------------------------
def test_jsonl_truncated_last_line_and_non_object_lines(tmp_path, capsys, monkeypatch):
    """test_cli.py covers a malformed line in the middle; here the last line is cut off mid-record (no
    final newline) and two lines are valid JSON but not objects."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cleantext.toml").write_text("")
    spammy = TEXT + "\n".join(ARTICLE) + "\n以上内容为网页快照，由某某搜索爬虫自动采集并收录，不代表本站立场。\n"
    good = [json.dumps({"id": i, "text": spammy}, ensure_ascii=False) for i in (1, 3, 5)]
    lines = [good[0], "[1, 2, 3]", good[1], '"just a string"', good[2], good[2][:50]]
    src = tmp_path / "c.jsonl"
    src.write_text("\n".join(lines), encoding="utf-8")
    rc = main(["-q", "-o", str(tmp_path / "out"), "--report", str(tmp_path / "r.jsonl"), str(src)])
    err = capsys.readouterr().err
    assert rc == 2
    assert f"{src}:2: error: ValueError: expected a JSON object, got list" in err
    assert f"{src}:4: error: ValueError: expected a JSON object, got str" in err
    assert f"{src}:6: error: JSONDecodeError" in err
    out = (tmp_path / "out" / "c.jsonl").read_text(encoding="utf-8").split("\n")
    assert out[1] == lines[1] and out[3] == lines[3] and out[5] == lines[5]  # kept byte for byte
    for i in (0, 2, 4):
        rec = json.loads(out[i])
        assert rec["text"] == TEXT and rec["id"] == i + 1
    reports = [json.loads(ln) for ln in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["line"] for r in reports] == [1, 3, 5]
    assert all(r["removals"] for r in reports)


# -- per-document limits --------------------------------------------------------------------------
class RemoveFirstLine(Filter):
    name, kind = "first", "page_chrome"

    def find(self, doc):
        ln = doc.lines[0]
        return [self.span(doc, ln.start, ln.end, "first line")]


class Slow(Filter):
    name, kind = "slow", "brand_spam"

    def find(self, doc):
        time.sleep(0.05)
        i = doc.text.find("。")
        return [self.span(doc, i, i + 1, "a full stop")] if i >= 0 else []


def test_time_limit_leaves_the_document_unchanged_and_says_so():
    p = Pipeline([RemoveFirstLine(), Slow(), RemoveFirstLine()], max_seconds=0.01)
    r = check_invariants(TEXT, p)
    assert r.text == TEXT  # not the partial result of the filters that ran before the limit
    assert r.report.removals == [] and r.report.annotations == []
    assert "time limit 0.01s exceeded after filter 'slow'" == r.report.skipped
    assert json.loads(r.report.to_json())["skipped"] == r.report.skipped
    # the same pipeline without the limit does remove
    assert Pipeline([RemoveFirstLine(), Slow()]).clean(TEXT).text != TEXT


@pytest.mark.parametrize("x", [TEXT.encode("gb18030"), "<html><body><p>" + PARA + "</p><p>" + PARA + "</p></body></html>"])
def test_time_limit_on_bytes_and_html_returns_the_whole_source_text(x):
    r = check_invariants(x, Pipeline([Slow()], max_seconds=0.01))
    assert r.report.skipped and r.report.removals == []
    assert r.text == r.report.source_text  # the decoded or extracted text, nothing cut


def test_char_limit_on_bytes_and_html():
    for x in (TEXT.encode("gb18030"), "<html><body><p>" + PARA * 3 + "</p></body></html>"):
        r = check_invariants(x, Pipeline(max_chars=20))
        assert r.report.skipped and "over the limit of 20" in r.report.skipped
        assert r.report.removals == [] and r.text == r.report.source_text


def test_limits_within_bounds_change_nothing():
    doubled = TEXT + "\n".join(ARTICLE) + "\n"
    assert Pipeline(max_chars=len(doubled), max_seconds=60).clean(doubled).text == cleantext.clean(doubled).text


def test_cleaner_exposes_the_limits():
    from cleantext.engine import Cleaner

    c = Cleaner(filters=[Slow()], max_seconds=0.01)
    texts, reports = c.clean_batch([TEXT])
    assert texts == [TEXT] and "time limit" in json.loads(reports[0])["skipped"]
    texts, reports = Cleaner(max_chars=10).clean_batch([TEXT])
    assert texts == [TEXT] and "over the limit of 10" in json.loads(reports[0])["skipped"]


def test_cli_exposes_the_limits(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cleantext.toml").write_text("")
    assert main(["--help"]) == 0
    help_text = capsys.readouterr().out
    assert "--max-chars" in help_text and "--max-seconds" in help_text
    doubled = TEXT + "\n".join(ARTICLE) + "\n"
    p = tmp_path / "a.txt"
    p.write_text(doubled, encoding="utf-8")
    for argv in (["--max-chars", "10"], ["--max-seconds", "0.000001"]):
        rep = tmp_path / "r.jsonl"
        assert main(["-q", "--check", "--report", str(rep), *argv, str(p)]) == 0
        assert "limit" in json.loads(rep.read_text(encoding="utf-8"))["skipped"]
    assert main(["-q", "--check", str(p)]) == 1  # without a limit the copy is found
    assert main(["--max-seconds", "0", str(p)]) == 2  # usage error
    assert p.read_text(encoding="utf-8") == doubled


def test_passes_reach_the_pipeline_from_the_cli_the_config_and_the_cleaner(tmp_path, capsys, monkeypatch):
    """``--passes``, the ``passes`` key and ``Cleaner(passes=...)`` all build the pipeline the one
    builder makes with that many passes at most; out-of-range values are usage errors."""
    from cleantext import registry
    from cleantext.config import ConfigError, load_config
    from cleantext.engine import Cleaner

    monkeypatch.chdir(tmp_path)
    (tmp_path / "cleantext.toml").write_text("passes = 1\n")
    assert load_config(tmp_path / "cleantext.toml").passes == 1
    assert registry.build(load_config(tmp_path / "cleantext.toml")).passes == 1
    assert Cleaner(passes=1).pipeline.passes == 1 and Cleaner().pipeline.passes == registry.build().passes
    (tmp_path / "bad.toml").write_text("passes = 0\n")
    with pytest.raises(ConfigError, match="passes"):
        load_config(tmp_path / "bad.toml")
    doubled = TEXT + "\n".join(ARTICLE) + "\n"
    p = tmp_path / "a.txt"
    p.write_text(doubled, encoding="utf-8")
    assert main(["--passes", "0", str(p)]) == 2  # usage error
    assert main(["--passes", "11", str(p)]) == 2
    assert p.read_text(encoding="utf-8") == doubled
    assert main(["-q", "--isolated", "--passes", "1", str(p)]) == 1  # fixed
    assert p.read_text(encoding="utf-8") == registry.build(passes=1).clean(doubled).text
