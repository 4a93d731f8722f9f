"""Promotional insertions longer than a token (issue 11, item 4), on project-written articles only."""

from brandtext import LINES, brand_cuts

from cleantext import Pipeline
from cleantext.filters import BrandSpam
from cleantext.filters.brand_promo import contact_segments, link_runs


def test_recurring_contact_segment_comes_out_whole_with_its_notice():
    seg = "☆联系vx:139-0000-1234☆"
    notice = "【页面打不开请刷新】"
    text = "\n".join([
        LINES[0].replace("累计", seg + notice + "累计"),
        LINES[1].replace("优先", seg + notice + "优先"),
        seg + LINES[2],
        LINES[3].replace("意见", "意见" + seg),
    ])
    cuts = brand_cuts(text)
    assert cuts.count(seg + notice) == 2 and cuts.count(seg) == 2
    r = Pipeline([BrandSpam()]).clean(text)
    assert r.text == "\n".join(LINES)


def test_self_labelled_number_glued_at_line_edges():
    seg = "投稿合作请加qq:12345678"
    text = "\n".join([LINES[0], seg + LINES[1], LINES[2] + seg, LINES[3]])
    assert brand_cuts(text) == [seg, seg]


def test_a_hotline_quoted_twice_in_its_sentences_stays():
    text = "\n".join([
        LINES[0] + "报名截止到本月底，咨询电话：0571-87654321。",
        LINES[1] + "如有疑问，咨询电话：0571-87654321。",
        "居民可拨打热线电话：12345678咨询，" + LINES[2],
        "也可拨打热线电话：12345678反映问题。" + LINES[3],
    ])
    assert brand_cuts(text) == []
    assert contact_segments(text) == []


def test_a_contact_seen_once_stays():
    text = "\n".join([LINES[0], "商务合作qq:12345678" + LINES[1], LINES[2]])
    assert contact_segments(text) == []


def test_glued_link_run_is_cut_and_a_reference_list_stays():
    run = "".join(f"http://blog.example.com/p/{i}0{i}{i}.html" for i in range(1, 6)) + "x0y9z8"
    text = LINES[0] + run + "\n" + LINES[1]
    assert brand_cuts(text) == [run]
    refs = "参考：http://a.example.org/1.html http://b.example.org/2.html，http://c.example.org/3.html"
    assert link_runs(LINES[0] + refs) == []
    redirect = "http://x.example.com/go?u=http://y.example.com/a?v=http://z.example.com/b"
    assert link_runs(redirect) == []


def test_promo_switch():
    seg = "投稿合作请加qq:12345678"
    text = "\n".join([LINES[0], seg + LINES[1], LINES[2] + seg, LINES[3]])
    assert brand_cuts(text, promo=False) == []


def test_a_line_of_a_brand_and_a_label_goes_whole_a_sentence_keeps_its_words():
    brand = "鑫盛娱乐城"
    text = "\n".join([
        brand + LINES[0],
        LINES[1].replace("原则，", "原则" + brand + "，"),
        LINES[2].replace("长效", "长效" + brand),
        LINES[3].replace("。", brand + "。"),
        "本文来源：" + brand + "-www.xs8866.com",
        "© 2024 " + brand + " 版权所有",
    ])
    r = Pipeline([BrandSpam()]).clean(text)
    codes = [x.code for x in r.report.removals]
    assert codes.count("brand.promo_line") == 2
    assert r.text.strip() == "\n".join(LINES)
    off = Pipeline([BrandSpam(promo=False)]).clean(text)
    assert "本文来源" in off.text
