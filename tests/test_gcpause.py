"""The collector's pause around one document: restored afterwards, left alone when it was off, and the
document's cyclic garbage (a BeautifulSoup tree) collected at the end, not piled up across documents."""

from __future__ import annotations

import gc

import pytest

import cleantext
from cleantext.gcpause import paused

PAGE = ("<html><head><title>标题</title></head><body><div class='nav'><a href='/'>首页</a></div>"
        "<div class='content'><p>今年以来，我市持续推进老旧小区改造，外墙保温、管网更新等工程进展顺利。</p>"
        "<p>下一步，有关部门将总结经验做法，完善长效管理机制。</p></div></body></html>")


def test_pause_restores_the_collector():
    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
        with paused():  # an enclosing pause: the inner one changes nothing
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), paused():
        raise ValueError
    assert gc.isenabled()


def test_collector_left_off_when_the_caller_turned_it_off():
    gc.disable()
    try:
        cleantext.clean(PAGE)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_no_garbage_piles_up_across_documents():
    pytest.importorskip("bs4")
    from cleantext.html import extract as ex

    old = ex.DEFAULT_PARSER
    ex.DEFAULT_PARSER = "bs4"  # BeautifulSoup's tree is cyclic garbage once a page is done
    try:
        for _ in range(3):
            cleantext.clean(PAGE)
        gc.collect()
        before = len(gc.get_objects())
        for _ in range(30):
            assert "老旧小区" in cleantext.clean(PAGE).text
        assert len(gc.get_objects()) < before + 500  # (a soup of this page is about 100 objects)
    finally:
        ex.DEFAULT_PARSER = old
    assert gc.isenabled()
