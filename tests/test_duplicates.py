"""The duplicates filter on project-written pages: the forms of copying real pages show, and the
repetition an author means (refrains, quotations, tables, lists) that must stay."""

from collections import Counter

from cleantext import Pipeline
from cleantext.document import Document
from cleantext.filters import Duplicates

P1 = "今年以来，全市持续推进老旧小区改造工作，累计完成改造项目四十余个，惠及居民两万多户，群众满意度明显提升。"
P2 = "在改造过程中，各区坚持先民生后提升的原则，优先解决加装电梯、雨污分流和停车难等居民反映最集中的问题。"
P3 = "下一步，市住建部门将总结推广试点经验，建立长效管理机制，确保改造成果能够长期惠及广大居民群众。"
BODY = "\n\n".join([P1, P2, P3])
TITLE = "老旧小区改造惠及两万户"


def clean(text):
    return Pipeline([Duplicates()]).clean(text)


def codes(result):
    return [r.code for r in result.report.removals]


# -- what goes -------------------------------------------------------------------------------

def test_a_body_pasted_twice_goes_keeping_the_first_copy():
    text = "标题\n" + BODY + "\n" + BODY
    r = clean(text)
    assert r.text.count(P1) == 1 and r.text.count(P3) == 1
    assert r.text.index(P1) < 20  # the first copy stayed
    assert set(codes(r)) == {"duplicate.body_twice"}


def test_a_copy_with_an_injected_token_is_seen_through():
    copy = "\n".join([P1.replace("累计", "某某平台累计"), P2, P3])
    r = clean("标题\n" + BODY + "\n" + copy)
    assert "某某平台" not in r.text and r.text.count(P2) == 1


def test_a_body_pasted_twice_without_line_breaks():
    one_line = P1 + P2 + P3
    copy = P1 + P2.replace("原则，", "原则鸿运娱乐城，") + P3
    text = "标题\n" + one_line + copy + "\n"
    r = clean(text)
    assert r.text == "标题\n" + one_line + "\n"
    assert "鸿运娱乐城" in r.report.removals[0].text


def test_a_summary_box_that_repeats_the_lead_goes_and_the_body_stays_whole():
    text = f"{TITLE}\n导读：{P1[:30]}…\n{BODY}\n"
    r = clean(text)
    assert r.text == f"{TITLE}\n{BODY}\n"
    assert codes(r) == ["duplicate.summary_box"]


def test_a_summary_box_glued_to_the_lead_it_repeats_is_cut_up_to_the_lead():
    text = f"{TITLE}\n核心提示：{P1}　{P1}{P2}\n{P3}\n"
    r = clean(text)
    assert r.text == f"{TITLE}\n{P1}{P2}\n{P3}\n"
    assert codes(r) == ["duplicate.summary_box"]


def test_a_summary_box_after_the_body_goes_too():
    text = f"{TITLE}\n{BODY}\n划重点：{P2[:40]}\n"
    r = clean(text)
    assert P2 in r.text and "划重点" not in r.text


def test_the_title_repeated_at_the_top_goes():
    text = f"{TITLE}\n\n{TITLE}\n2025-03-02 09:15\n{BODY}"
    r = clean(text)
    assert r.text.count(TITLE) == 1 and r.text.startswith(TITLE)
    assert codes(r) == ["duplicate.title_repeat"]


def test_a_near_copy_of_the_title_in_brackets_goes():
    text = f"城中村改造：三年完成 惠及两万户\n[城中村改造：“三年完成”，惠及两万户]\n{BODY}"
    r = clean(text)
    assert "[" not in r.text and r.text.startswith("城中村改造")


def test_the_title_glued_to_the_first_line_is_cut_from_that_line_only():
    text = f"{TITLE}_某某城市网\n\n{TITLE}记者王明报道 {P1}\n{P2}"
    r = clean(text)
    assert r.text == f"{TITLE}_某某城市网\n\n记者王明报道 {P1}\n{P2}"
    assert codes(r) == ["duplicate.title_repeat"]


def test_a_run_of_sentences_pasted_again_with_a_few_characters_changed_inside_a_line():
    first = ("市民服务中心今天正式启用，市民办事从此只进一扇门。中心设有综合窗口六十个，可办理事项八百余项。"
             "预计中心每天接待前来办事的群众三千人次左右。周末和节假日中心照常开放，方便上班族办事。")
    again = first.replace("六十个", "六十二个").replace("三千", "三千五百")
    text = f"{TITLE}\n{first}其他内容另行安排。\n{P2}{again}\n"
    r = clean(text)
    assert r.text.count("可办理事项八百余项") == 1
    assert P2 in r.text and first in r.text
    assert codes(r) == ["duplicate.near_copy"]


def test_reasons_count_file_lines_like_path_line_col():
    text = "标题\n\n\n" + P1 + "\n\n" + P2 + "\n\n\n" + P1 + "\n" + P2 + "\n"
    r = clean(text)
    assert r.report.removals
    first = r.report.removals[0]
    assert first.reason.endswith("of line 4")  # P1 is on file line 4 (blank lines count)


def test_near_copies_leave_the_differing_token_for_the_brand_filter():
    doc = Document("标题\n" + BODY + "\n" + "\n".join([P1.replace("累计", "KX88累计"), P2, P3]))
    assert Duplicates().find(doc)
    assert isinstance(doc.hints["inserted_tokens"], Counter) and doc.hints["inserted_tokens"]["KX88"] >= 1


# -- what stays -----------------------------------------------------------------------------

def test_a_title_repeated_later_as_a_heading_stays_annotated():
    text = TITLE + "\n" + P1 + "\n" + TITLE + "\n" + P2
    r = clean(text)
    assert r.text == text
    assert r.report.annotations  # but says it saw the repeat


def test_a_lead_sentence_quoted_again_stays():
    lead = "一个简单的判断是：改造投入的增加，实际上意味着居民生活质量的提高，这是最直接的效果。"
    text = "标题\n" + lead + "\n" + P1 + "\n" + P2 + "\n而且" + lead + "\n" + P3
    assert clean(text).text == text


def test_two_sentences_quoted_again_in_a_paragraph_stay():
    quote = "改造不是简单的修修补补。要让居民住得更舒心。"
    text = "标题\n" + quote + P1 + "\n" + P2 + "正如专家所说：" + quote + "\n" + P3
    assert clean(text).text == text


def test_a_refrain_and_short_answers_stay():
    text = "\n".join(["春天的歌", "我们走在大路上，", "意气风发斗志昂扬。", "是的。", "我们走在大路上，",
                  "意气风发斗志昂扬。", "是的。", "歌声飞过田野，飞过山岗，飞向远方。"])
    assert clean(text).text == text


def test_a_slogan_quoted_twice_stays():
    slogan = "“绿水青山就是金山银山”。"
    text = ("生态保护见成效\n" + "村里的墙上写着" + slogan + P1 + "\n" + P2 + "\n"
            + "村支书说，大家都记得" + slogan + P3)
    assert clean(text).text == text


def test_a_table_with_repeated_cells_stays():
    rows = ["项目 | 状态 | 负责单位", "加装电梯 | 已完成 | 区住建局", "雨污分流 | 已完成 | 区住建局",
            "停车改造 | 进行中 | 区住建局", "绿化提升 | 已完成 | 街道办事处", "已完成", "已完成"]
    text = "改造进度一览\n" + "\n".join(rows) + "\n" + P1
    assert clean(text).text == text


def test_two_different_paragraphs_sharing_a_long_quotation_stay():
    quote = "“城市更新不是大拆大建，而是要在保留城市记忆的同时，让老百姓的日子过得更舒心、更便利”"
    a = "在上午的座谈会上，市长强调，" + quote + "，各部门要把这句话落到实处。"
    b = "下午调研时，一位老住户拉着记者的手说，市长那句" + quote + "，说到了大家的心坎里。"
    text = "城市更新座谈会召开\n" + a + "\n" + P2 + "\n" + b + "\n" + P3
    assert clean(text).text == text


def test_a_list_whose_items_share_a_prefix_stays():
    items = [f"第{n}条 各区应当在每年三月底前报送老旧小区改造计划，{what}。" for n, what in
             zip("一二三四五", ["明确改造范围", "明确资金来源", "明确责任单位", "明确完成时限", "明确验收标准"], strict=True)]
    text = "老旧小区改造管理办法\n" + "\n".join(items)
    assert clean(text).text == text


def test_an_abstract_not_repeated_in_the_body_stays():
    text = (f"{TITLE}\n摘要：本文梳理了老旧小区改造的资金来源与管理方式，提出建立长效机制的三点建议。\n{BODY}")
    assert clean(text).text == text


def test_title_words_that_open_the_lead_sentence_stay():
    text = f"{TITLE}\n{TITLE}，这是市住建部门昨天发布的消息。{P1}\n{P2}"
    r = clean(text)
    assert r.text == text


def test_a_body_pasted_twice_with_its_summary_box_keeps_one_body():
    page = f"编者按：{P1[:36]}\n{BODY}\n"
    text = f"{TITLE}\n{page}{page}"
    r = clean(text)
    # the second copy goes whole; then the box that repeats the lead goes too (LABELS.md: a summary
    # box is the copy that goes), so cleaning the result again changes nothing
    assert r.text == f"{TITLE}\n{BODY}\n"
    assert clean(r.text).text == r.text


def test_every_form_has_a_stable_code_and_a_reason_in_words():
    text = (f"{TITLE}\n{TITLE}\n导读：{P1[:30]}…\n{BODY}\n{BODY}\n")
    r = clean(text)
    assert {"duplicate.title_repeat", "duplicate.summary_box", "duplicate.body_twice"} <= set(codes(r))
    for x in r.report.removals:
        assert x.kind == "duplicate" and x.filter == "duplicates"
        assert x.reason and not any(ch in x.reason for ch in "\\[]{}|^$")


# -- HTML: the page's structure tells repetition from a pasted copy ---------------------------

EN1 = ("The committee met on Monday to review the draft budget for the coming year and agreed to "
       "send it back to the finance office for a second reading.")
EN2 = ("Members asked for a clearer breakdown of maintenance costs, which have risen for three years "
       "in a row, and for a plan to bring them under control.")


def _html(body: str) -> str:
    return f"<html><head><title>Budget review</title></head><body><h1>Budget review</h1>{body}</body></html>"


def test_html_paragraphs_repeated_in_one_body_stay_annotated():
    """A refrain in an article (the same paragraph in the same element path, ids aside) is the page's
    own repetition: kept, and annotated as a kept repeat."""
    body = f'<div class="story"><p id="a">{EN1}</p><p id="b">{EN2}</p><p id="c">{EN1}</p><p id="d">{EN2}</p></div>'
    r = Pipeline([Duplicates()]).clean(_html(body))
    assert r.text.count(EN1) == 2 and r.text.count(EN2) == 2
    assert "duplicate.kept_repeat" in {a.code for a in r.report.annotations}


def test_html_body_pasted_again_in_another_container_goes():
    """The same paragraphs again in an element of another kind (a second copy of the body) go."""
    body = (f'<div class="story"><p>{EN1}</p><p>{EN2}</p></div>'
            f'<div class="print-copy"><p>{EN1}</p><p>{EN2}</p></div>')
    r = Pipeline([Duplicates()]).clean(_html(body), format="html")
    assert r.text.count(EN1) == 1 and r.text.count(EN2) == 1
    assert "duplicate.body_twice" in codes(r)


def test_english_title_words_that_open_the_first_sentence_stay():
    """A Latin-script title followed by a lower-case word is the opening of the sentence itself."""
    text = f"Members asked for a clearer breakdown\n{EN2}\n{EN1}"
    assert clean(text).text == text


def test_block_shapes_follow_the_text_through_removals():
    from cleantext.document import BlockShapes
    from cleantext.report import Removal
    from cleantext.spans import apply

    text = "aaa\nbbb\nccc\nddd"
    shapes = BlockShapes([0, 4, 8, 12], [1, 2, 3, 4])
    cut = [Removal(4, 8, "page_chrome", "x", "r"), Removal(13, 14, "page_chrome", "x", "r")]
    new = shapes.shifted(cut)
    out = apply(text, cut)
    assert out == "aaa\nccc\ndd"
    assert [new.of(out.index(s)) for s in ("aaa", "ccc", "dd")] == [1, 3, 4]


def test_html_paragraph_opening_with_the_title_words_stays():
    """From HTML, a paragraph that opens with the heading's words is the page's own sentence."""
    body = f"<div class='story'><p>Budget review: {EN1}</p><p>{EN2}</p></div>"
    r = Pipeline([Duplicates()]).clean(_html(body), format="html")
    assert f"Budget review: {EN1}" in r.text


def test_a_possessive_after_an_english_title_opens_the_sentence():
    text = f"Jane Doe\nJane Doe's committee met again. {EN1}\n{EN2}"
    assert clean(text).text == text


def test_items_of_a_numbered_list_written_alike_are_not_copies():
    # the articles of a regulation are written alike on purpose; each opens on its own number
    items = [
        "第十二条　城市商业银行申请设立分行，由所在地银监局受理并初步审查，银监会审查并决定，自受理之日起六个月内作出书面决定。",
        "第十三条　城市商业银行申请设立支行，由所在地银监局受理并初步审查，银监会审查并决定，自受理之日起四个月内作出书面决定。",
        "第十四条　农村商业银行申请设立支行，由所在地银监局受理并初步审查，银监会审查并决定，自受理之日起四个月内作出书面决定。",
    ]
    text = TITLE + "\n\n" + "\n\n".join([P1, *items, P3]) + "\n"
    r = Pipeline([Duplicates()]).clean(text)
    assert r.text == text and not r.report.removals
    # items pasted again, each with its own number, are still copies
    again = [items[0].replace("六个月", "6个月"), items[1].replace("四个月", "4个月")]
    pasted = TITLE + "\n\n" + "\n\n".join([P1, *items, *again, P3]) + "\n"
    got = [x.code for x in Pipeline([Duplicates()]).clean(pasted).report.removals]
    assert got == ["duplicate.near_copy"] * 2


def test_numbered_items_glued_in_one_line_are_not_sentence_copies():
    # two articles of a regulation on one line, written alike sentence by sentence: the second opens
    # on its own number, so its sentences are not a run pasted again
    def article(n, what, months):
        return (f"第{n}条　城市商业银行申请设立{what}，由所在地银监局受理并初步审查。"
                f"银监会自受理之日起{months}个月内审查并作出批准或者不批准的书面决定。"
                f"决定不批准的，应当说明理由，并书面告知申请人享有依法申请行政复议的权利。")
    line = article("十一", "分行", "六") + article("十二", "支行", "四")
    text = TITLE + "\n\n" + P1 + "\n\n" + line + "\n\n" + P3 + "\n"
    r = Pipeline([Duplicates()]).clean(text)
    assert r.text == text and not r.report.removals


def test_a_regulations_formulas_repeated_article_by_article_stay():
    # three numbered articles or more: a regulation repeats its formulas sentence for sentence
    formula = ("未能按期筹建的，申请人应当在筹建期限届满前1个月向受理机关提交筹建延期报告。"
               "筹建延期不得超过一次，筹建延期的最长期限为3个月。"
               "申请人应当在前款规定的期限届满前提交开业申请，逾期未提交的，筹建批准文件失效。")
    line = ("第一条　为规范银行机构的行政许可，制定本办法。"
            "第二条　分行的筹建期为批准决定之日起6个月。" + formula
            + "第三条　支行的筹建期为批准决定之日起9个月。" + formula)
    text = TITLE + "\n\n" + P1 + "\n\n" + line + "\n\n" + P3 + "\n"
    r = Pipeline([Duplicates()]).clean(text)
    assert r.text == text and not r.report.removals


# -- formulas: the same sentences for each item of a series ----------------------------------

def _notice(area, n, size, name, day):
    return (f"{area}治违办公布本批{n}宗限期拆除的违法建筑名单，合计占地面积{size}平方米。"
            "这些违法建筑责令改正期限已满，执法部门要求当事人在名单公布之日起七日内自行拆除。"
            "逾期仍未拆除的，执法部门将依法予以强制拆除，所需费用由当事人承担。"
            f"当事人如有异议，请于{day}日前向{area}治违办提出书面申请，联系人：{name}。")


def test_a_notice_written_for_each_district_in_one_line_stays():
    # one formula per district, glued in one line: the refrain is said three times and more, between
    # sentences that change a name and a number; a paste says it twice
    line = "".join(_notice(*x) for x in (("城东区", 8, 570, "林一鸣", 18), ("城西区", 5, 71, "陈晓东", 19),
                                          ("高新区", 3, 260, "黄志强", 20), ("江北新区", 6, 95, "吴敏", 21)))
    text = TITLE + "\n\n" + P1 + "\n\n" + line + "\n\n" + P3 + "\n"
    r = clean(text)
    assert r.text == text and not r.report.removals
    assert any(a.code == "duplicate.kept_repeat" for a in r.report.annotations)


def test_a_paragraph_pasted_three_times_with_junk_glued_in_still_goes():
    # the same sentences three times, but the copies differ by text inserted or shuffled, not by values
    # (a word swapped for a piece of the same sentence is shuffled junk, not a new value)
    para = P1 + P2 + "各区还将每月通报进展情况，接受居民群众监督评议。" + P3
    junk = [para.replace("先民生", "加装电梯"), para.replace("长效管理", "推广试点")]
    text = TITLE + "\n\n" + "".join([para, *junk]) + "\n"
    r = clean(text)
    assert r.report.removals and r.text.count(P3) == 1


def test_alike_lines_of_a_list_stay():
    # three lines or more in a row written alike, each changing a name and a post: a list, not a copy
    people = [("王立军", "交通运输"), ("李红梅", "自然资源"), ("赵志刚", "生态环境"), ("孙海燕", "城市管理")]
    lines = [f"经市政府常务会议研究决定，任命{n}同志为市{p}局副局长，试用期一年，期满后经考核合格再正式任职。"
             for n, p in people]
    text = TITLE + "\n\n" + P1 + "\n\n" + "\n".join(lines) + "\n\n" + P3 + "\n"
    r = clean(text)
    assert r.text == text and not r.report.removals


def test_two_lines_pasted_again_with_values_changed_are_still_a_near_copy():
    # a paste makes two alike lines each: the copies, with a few characters changed, go
    a = "经研究决定，任命王立军同志为市交通运输局副局长，试用期一年，自公布之日起执行。"
    b = "会议强调，各部门要严格执行干部任用各项规定，切实加强对新任干部的日常管理和监督。"
    copies = [a.replace("王立军", "王利军"), b.replace("各项", "有关")]
    text = TITLE + "\n\n" + P1 + "\n\n" + "\n".join([a, b, *copies]) + "\n\n" + P3 + "\n"
    assert codes(clean(text)) == ["duplicate.near_copy"] * 2


def test_alike_lines_of_markup_are_no_list():
    # style rules a scraper read as text repeat with a value changed; markup, not a list: they go
    rules = [f".news_box .item_bg{k}{{background: url(/images/content_pic{k}.jpg) no-repeat 15px 4px #fff;}}"
             for k in range(1, 5)]
    text = TITLE + "\n\n" + P1 + "\n\n" + "\n".join(rules) + "\n\n" + P3 + "\n"
    assert len(clean(text).report.removals) == 3
