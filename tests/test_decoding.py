"""Decoding bytes: BOMs, declarations (right and wrong), detection, replacement counts."""

from __future__ import annotations

import codecs
import pathlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleantext
from cleantext.io.decoding import declared_charset, decode, normalize_encoding, plausibility

FIX = pathlib.Path(__file__).parent / "fixtures" / "encodings"
NAMES = sorted(p.stem for p in FIX.glob("*.bin"))

EXPECTED_SOURCE = {
    "utf8_bom": ("utf-8", "bom"),
    "utf16le_bom": ("utf-16-le", "bom"),
    "utf16be_bom": ("utf-16-be", "bom"),
    "gb18030_plain": ("gb18030", "detected"),
    "gbk_plain": ("gb18030", "detected"),
    "big5_plain": ("big5hkscs", "detected"),
    "big5_short": ("big5hkscs", "detected"),
    "utf8_invalid": ("utf-8", "utf-8-lenient"),
    "html_gb2312_declared": ("gb18030", "declared"),
    "html_big5_declared": ("big5hkscs", "declared"),
    "xhtml_xml_declaration_gbk": ("gb18030", "declared"),
    "html_declared_gb2312_is_utf8": ("utf-8", "utf-8"),
    "html_declared_utf8_is_gbk": ("gb18030", "detected"),
    "html_declared_latin1_is_gbk": ("gb18030", "detected"),
    "html_declared_big5_is_gbk": ("gb18030", "plausibility"),
    "html_undeclared_gbk": ("gb18030", "detected"),
}


def test_every_fixture_has_an_expectation():
    assert set(NAMES) == set(EXPECTED_SOURCE)


@pytest.mark.parametrize("name", NAMES)
def test_fixture_decodes_to_the_text_it_was_made_from(name):
    text, info = decode((FIX / f"{name}.bin").read_bytes())
    assert text == (FIX / "expected" / f"{name}.txt").read_text(encoding="utf-8")
    assert (info["encoding"], info["encoding_source"]) == EXPECTED_SOURCE[name]


def test_wrong_declarations_are_reported():
    _, info = decode((FIX / "html_declared_gb2312_is_utf8.bin").read_bytes())
    assert info["declared"] == "gb2312" and "overridden" in info["note"]
    _, info = decode((FIX / "html_declared_big5_is_gbk.bin").read_bytes())
    assert info["declared"] == "big5" and "overridden" in info["note"]


def test_replaced_counts_bytes_not_characters():
    raw = "正文".encode() + b"\xff\xfe\xfd" + "结束。".encode() * 20
    text, info = decode(raw)
    assert info["encoding"] == "utf-8" and info["replaced"] == 3
    assert "\ufffd" in text and text.startswith("正文")


def test_gb18030_four_byte_characters():
    t = "生僻字𠀀与㐀，以及常用字。" * 3
    text, info = decode(t.encode("gb18030"))
    assert text == t and info["encoding"] == "gb18030"


def test_ascii_and_empty():
    assert decode(b"") == ("", {"encoding": "ascii", "encoding_source": "ascii", "replaced": 0})
    text, info = decode(b'<meta charset="gbk"><p>plain</p>')
    assert text.endswith("plain</p>") and info["encoding"] == "gb18030" and info["replaced"] == 0


def test_utf32_bom():
    t = "正文第一段。"
    assert decode(codecs.BOM_UTF32_LE + t.encode("utf-32-le"))[0] == t


@pytest.mark.parametrize(("label", "codec"), [
    ("GB2312", "gb18030"), ("gbk", "gb18030"), ("x-gbk", "gb18030"), ("cp936", "gb18030"),
    ("Big5", "big5hkscs"), ("UTF8", "utf-8"), ("iso-8859-1", "cp1252"), ("bogus", None), (None, None),
])
def test_normalize_encoding(label, codec):
    assert normalize_encoding(label) == codec


@pytest.mark.parametrize(("head", "label"), [
    (b'<meta http-equiv="Content-Type" content="text/html; charset=GB2312">', "gb2312"),
    (b"<meta charset='utf-8'>", "utf-8"),
    (b'<?xml version="1.0" encoding="GBK"?><html>', "gbk"),
    (b'<text id="x" title="t" encoding="gb2312">\n<html>', "gb2312"),
    (b"<html><body>no declaration</body></html>", None),
])
def test_declared_charset(head, label):
    assert declared_charset(head) == label


def test_plausibility_separates_right_and_wrong_readings():
    t = "据介绍，新馆共藏书十二万册，设有儿童阅览区、自习室和数字资源区。"
    assert plausibility(t) > 0.9
    assert plausibility(t.encode("gbk").decode("big5hkscs", "replace")) < 0.8
    assert plausibility("short") is None


def test_clean_bytes_reports_how_input_was_read():
    raw = (FIX / "html_declared_utf8_is_gbk.bin").read_bytes()
    r = cleantext.clean(raw)
    assert r.report.input["encoding"] == "gb18030"
    assert r.report.input["format"] == "html"
    assert "新建的三座社区图书馆" in r.text


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_never_raises(data):
    text, info = decode(data)
    assert isinstance(text, str)
    assert info["replaced"] >= 0 and info["encoding"]


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=60),
       st.sampled_from(["utf-8", "gb18030"]))
def test_roundtrip_cjk_text(t, enc):
    text, info = decode(t.encode(enc))
    if enc == "utf-8":
        assert text == t
    else:
        assert info["replaced"] == 0


def test_replaced_counts_as_the_error_handler_does():
    """The fast count of replaced bytes (surrogateescape) equals the error handler's, including the
    ASCII bytes it cannot stand for and Big5's fall-back to cp950; only the winner's text is made."""
    from cleantext.io.decoding import _best, _replaced, decode_counting

    gbk = "新闻正文，记者报道。".encode("gbk") * 40
    samples = [gbk, gbk + b"\x81\x20tail", "正體中文".encode("big5") * 30 + b"\xc6\xa1\xff", b"plain ascii",
               b"ok\xe4\xb8" + "文".encode()]
    for data in samples:
        for enc in ("utf-8", "gb18030", "big5hkscs", "cp950", "shift_jis", "cp1252"):
            n, text = _replaced(data, enc)
            want_text, want_n = decode_counting(data, enc)
            assert n == want_n, (data[:20], enc)
            if text is not None:
                assert text == want_text
        assert _best(data, ["utf-8", "gb18030", "big5hkscs"])[1:] == decode_counting(
            data, _best(data, ["utf-8", "gb18030", "big5hkscs"])[0])
