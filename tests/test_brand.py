"""The brand filter's candidates and evidence (issue 11), on project-written articles only."""

from cleantext import Pipeline
from cleantext.filters import BrandSpam

LINES = [
    "今年以来，全市持续推进老旧小区改造工作，累计完成改造项目四十余个，惠及居民两万多户。",
    "在改造过程中，各区坚持先民生后提升的原则，优先解决加装电梯、雨污分流和停车难等问题。",
    "下一步，市住建部门将总结推广试点经验，建立长效管理机制，确保改造成果长期惠及居民。",
    "社区还组织志愿者开展入户走访，及时收集居民对施工安排和绿化方案的意见建议。",
]


def _inject(brand: str) -> str:
    return "\n".join([
        brand + LINES[0],
        LINES[1].replace("原则，", "原则" + brand + "，"),
        LINES[2].replace("长效", "长效" + brand),
        LINES[3].replace("。", brand + "。"),
    ])


def _brand_cuts(text: str) -> list[str]:
    r = Pipeline([BrandSpam()]).clean(text)
    return [x.text for x in r.report.removals if x.kind == "brand_spam"]


def test_domain_in_mathematical_letters_is_matched_folded_and_cut_on_the_input():
    brand = "\U0001d40a\U0001d417\U0001d7d3\U0001d7d3.\U0001d415\U0001d408\U0001d40f"  # bold KX55.VIP
    text = _inject(brand)
    cuts = _brand_cuts(text)
    assert cuts and all(c == brand for c in cuts) and len(cuts) == 4


def test_bracketed_part_comes_out_with_the_brand():
    brand = "鑫盛(中国)官方网站"
    cuts = _brand_cuts(_inject(brand))
    assert cuts == [brand] * 4


def test_latin_tail_after_a_han_suffix_comes_out_with_the_brand():
    brand = "鹏达会K8"
    cuts = _brand_cuts(_inject(brand.replace("会", "娱乐")))
    assert cuts == [brand.replace("会", "娱乐")] * 4


def test_a_verb_phrase_that_ends_like_a_brand_is_kept():
    phrase = "开设赌场"
    text = "\n".join([
        "法院审理查明，被告人以营利为目的，纠集他人多次" + phrase + "，非法获利数十万元。",
        "公诉机关认为，被告人的行为已构成" + phrase + "罪，应当依法追究刑事责任。",
        "法院认为，被告人" + phrase + "，情节严重，依法判处有期徒刑三年。",
    ])
    assert _brand_cuts(text) == []


def _inject_six(brand: str) -> str:
    return "\n".join([
        brand + LINES[0],
        LINES[1].replace("原则，", "原则" + brand + "，"),
        LINES[2].replace("长效", "长效" + brand),
        brand + LINES[3].replace("。", brand + "。"),
        "居民们纷纷表示，" + brand + "改造后的小区环境明显改善，出行也更加方便。",
    ])


def test_brand_without_a_listed_suffix_is_found_by_how_it_sits():
    """No suffix of the shape list: found as a string that opens and closes several runs (fitted scorer)."""
    for brand in ("鹏达m6", "【鑫泰官方】", "QX汇隆"):
        text = _inject_six(brand)
        assert _brand_cuts(text) == [brand] * 6, brand
        off = Pipeline([BrandSpam(free="off")]).clean(text)
        assert brand in off.text  # the suffix path alone does not find it


def test_free_path_keeps_a_mixed_name_tied_to_its_sentences():
    name = "星河TV"
    text = "\n".join([
        "据" + name + "报道，" + LINES[0],
        name + "表示，" + LINES[1],
        "记者从" + name + "获悉，" + LINES[2],
        name + "的负责人介绍，" + LINES[3],
    ])
    assert _brand_cuts(text) == []


def test_free_path_reads_a_mixed_token_seen_twice_not_once():
    twice = "\n".join([
        "鹏达m6" + LINES[0],
        LINES[1].replace("原则，", "原则鹏达m6，"),
        LINES[2],
    ])
    assert _brand_cuts(twice) == ["鹏达m6"] * 2
    once = "\n".join(["鹏达m6" + LINES[0], LINES[1], LINES[2]])
    assert _brand_cuts(once) == []


def test_two_copies_leave_an_end_character_their_next_words_share():
    """Two copies sharing the next character by chance: it opens a word with what follows both times
    (农机, 农民), so it is the sentence's, not the token's."""
    text = "\n".join([
        "鹏达m6集团农机" + LINES[0],
        LINES[1].replace("原则，", "原则，鹏达m6集团农民"),
        LINES[2],
    ])
    f = BrandSpam()
    assert [(s, occ) for s, occ, _ in f.free_rows(text, f._candidates(text))] == [("鹏达m6集团", [0, 72])]


def test_free_option_is_checked():
    import pytest

    with pytest.raises(ValueError):
        BrandSpam(free="sometimes")


def test_free_path_reads_a_long_document_in_windows_with_offsets_on_the_input():
    filler = "\n".join(f"第{i}段：" + LINES[i % 4] for i in range(1200))  # about 60,000 characters
    brand = "QX汇隆"
    text = filler + "\n" + _inject_six(brand) + "\n" + filler
    r = Pipeline([BrandSpam()]).clean(text)
    cuts = [x for x in r.report.removals if x.kind == "brand_spam"]
    assert [x.text for x in cuts] == [brand] * 6
    assert all(text[x.start : x.end] == brand for x in cuts)
    assert r.text == text.replace(brand, "")


def test_traditional_and_simplified_spellings_are_one_brand():
    """Matched through the traditional -> simplified map (offsets on the input, both spellings cut)."""
    trad, simp = "鑫盛娛樂城", "鑫盛娱乐城"
    text = "\n".join([
        trad + LINES[0],
        LINES[1].replace("原则，", "原则" + simp + "，"),
        LINES[2].replace("长效", "长效" + trad),
        LINES[3].replace("。", simp + "。"),
    ])
    assert sorted(_brand_cuts(text)) == sorted([trad, simp] * 2)
    r = Pipeline([BrandSpam()]).clean(text)
    assert r.text == "\n".join(LINES)


def test_a_shape_inside_a_longer_unit_every_copy_shares_comes_out_whole():
    """``<name>体育`` always followed by the same characters: the unit is the longer string (no shape of
    its own); an event name tied to its sentences (test_brand_names: 阳光体育大会) stays."""
    brand = "鑫盛体育直播"
    assert _brand_cuts(_inject(brand)) == [brand] * 4


def test_a_mixed_token_seen_twice_in_a_menu_or_one_story_stays():
    """Two copies are read only in running text, and not when their passages share their words."""
    menu = "\n".join([LINES[0], "首页 鹏达m6 新闻", LINES[1], "专题 鹏达m6 图片", LINES[2]])
    assert _brand_cuts(menu) == []
    story = "\n".join([
        LINES[0], "改造工程进展鹏达m6顺利，居民满意度提升。", LINES[1], "居民满意度提升，鹏达m6改造工程进展顺利。",
    ])
    assert _brand_cuts(story) == []


def _cuts(text: str) -> list[str]:
    return [x.text for x in Pipeline([BrandSpam()]).clean(text).report.removals if x.kind == "brand_spam"]


def _twice_in_sentences(brand: str) -> str:
    return "\n".join([LINES[0].replace("，累计", "，" + brand + "累计"), LINES[1],
                      LINES[2].replace("，确保", "，" + brand + "确保"), LINES[3]])


def test_shaped_brand_twice_inside_unrelated_sentences_is_cut():
    """Two copies of a shaped token, each inside a sentence of running text, in passages that share no
    words: +0.5 on the suffix path (a domain or `<name><suffix>` pasted twice)."""
    for brand in ("泓澈娱乐", "qzk2731.vip"):
        assert _cuts(_twice_in_sentences(brand)) == [brand, brand]


def test_shaped_name_twice_at_line_starts_or_in_one_story_is_kept():
    b = "泓澈娱乐"
    # at two line starts (a heading, a list): not inside a sentence
    assert _cuts("\n".join([b + LINES[0], LINES[1], b + LINES[2], LINES[3]])) == []
    # one story written twice (a headline and its lead): the passages share their words
    story = "\n".join([LINES[0].replace("，累计", "，" + b + "累计"), LINES[1], LINES[3],
                       "全市持续推进老旧小区改造工作，" + b + "累计完成改造项目四十个，惠及居民两万户。"])
    assert _cuts(story) == []


def test_shaped_brand_twice_before_paragraph_indentation_is_cut():
    """Before the blanks that indent a paragraph of running text, a copy sits where no word of the
    article does (``brand_free.in_sentence``); before a short line (a heading, a menu item) it does not."""
    b = "泓澈娱乐"
    text = "\n".join(["老旧小区改造", b + "  " + LINES[0], "  " + LINES[1], b + "  " + LINES[2], "  " + LINES[3]])
    assert _cuts(text) == [b, b]
    assert _cuts(text.replace(b + "  " + LINES[0], b + "  短讯")) == []
