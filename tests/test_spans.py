import pytest

from cleantext import Removal, apply
from cleantext.spans import settle


def R(s, e):
    return Removal(s, e, "page_chrome", "t", "test")


def test_apply_cuts_spans():
    assert apply("ab广告cd", [R(2, 4)]) == "abcd"


def test_apply_rejects_overlap():
    with pytest.raises(ValueError):
        apply("abcdef", [R(0, 3), R(2, 4)])


def test_whole_line_takes_its_break_and_blank_lines():
    t = "A\n\nline\n\nB"
    out = settle(t, [R(3, 7)])
    assert apply(t, out) == "A\n\nB"
    assert out[0].text == "line\n\n"


def test_inline_token_does_not_grow():
    t = "  X5月8日,"
    out = settle(t, [R(2, 3)])
    assert [(r.start, r.end) for r in out] == [(2, 3)]


def test_removal_at_end_keeps_last_newline():
    t = "正文。\n\n页脚\n"
    out = settle(t, [R(5, 7)])
    assert apply(t, out) == "正文。\n"


def test_overlaps_resolved_earlier_wins():
    t = "0123456789"
    out = settle(t, [R(0, 5), R(3, 8)])
    assert [(r.start, r.end) for r in out] == [(0, 5), (5, 8)]


def test_chain_of_removals_to_the_end_leaves_no_trailing_hole():
    t = "A\n\nfoot\n\ntail\n"
    out = settle(t, [R(3, 7), R(9, 13)])
    assert apply(t, out) == "A\n"
