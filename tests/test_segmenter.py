"""The boilerplate segmenter on project-written articles: what it must remove, and the hard cases it
must leave alone (each hard negative next to a positive twin). Every removal test fails when
``Segmenter.find`` returns []."""

import pytest

import cleantext
from cleantext import Pipeline
from cleantext.filters import Segmenter

P1 = "今年以来，全市持续推进老旧小区改造工作，累计完成改造项目四十余个，惠及居民两万多户，群众满意度明显提升。"
P2 = "在改造过程中，各区坚持先民生后提升的原则，优先解决加装电梯、雨污分流和停车难等居民反映最集中的问题。"
P3 = "下一步，市住建部门将总结推广试点经验，建立长效管理机制，确保改造成果能够长期惠及广大居民群众。"
BODY = "\n\n".join([P1, P2, P3])


def removed(result, kind=None):
    return [r for r in result.report.removals if kind is None or r.kind == kind]

# -- page chrome ------------------------------------------------------------------------------

def test_chrome_removes_crumbs_and_header_and_records_metadata():
    text = "当前位置:首页 > 本地 > 城建\n\n老旧小区改造惠及两万户\n\n发布时间:2025-03-02 09:15:00 来源:城市日报 作者:王明\n\n" + BODY
    r = Pipeline([Segmenter()]).clean(text)
    assert r.text.startswith("老旧小区改造惠及两万户")
    assert P1 in r.text and P3 in r.text
    md = r.report.metadata
    assert md["published"] == "2025-03-02T09:15:00"
    assert md["source"] == "城市日报" and md["author"] == "王明"
    assert md["title"] == "老旧小区改造惠及两万户"


def test_chrome_leaves_body_sentences_with_labels_alone():
    body = "标题在此\n\n" + P1 + "\n\n来源：据市统计局数据，今年一季度全市新开工项目同比增长百分之十二，增速居全省前列。\n\n" + P2
    r = Pipeline([Segmenter()]).clean(body)
    assert r.text == body


def test_chrome_keeps_bullets_inside_the_article():
    text = "社区服务清单\n\n" + P1 + "\n\n• 上门理发\n• 代买代送\n• 健康随访\n\n" + P2
    assert Pipeline([Segmenter()]).clean(text).text == text


# -- unrelated tail ---------------------------------------------------------------------------

TAIL = "\n".join([
    "相关阅读",
    "市区两级联动推进城市更新",
    "...记者从市住建局获悉，今年将新开工改造项目三十个",
    "2025-02-11 10:20:00",
    "多个街道启动加装电梯意见征集",
    "2025-01-28 16:05:00",
    "夜间经济点亮城市消费新场景",
    "...多家商圈延长营业时间",
    "2025-01-20 19:30:00",
])


def test_tail_removes_dated_headline_block_to_the_end():
    text = "老旧小区改造惠及两万户\n" + BODY + "\n" + TAIL
    r = Pipeline([Segmenter()]).clean(text)
    assert r.text.rstrip().endswith(P3)
    assert [x.kind for x in removed(r)] == ["unrelated_tail"]


@pytest.mark.xfail(reason="segmenter v1 gets this wrong (issue 10, open)", strict=False)
def test_tail_keeps_a_dated_timeline_inside_the_article():
    timeline = "\n".join([
        "项目推进时间表如下：",
        "2024-03-01",
        "完成居民意见征集。",
        "2024-06-15",
        "完成设计方案公示。",
        "2024-09-30",
        "主体工程开工建设。",
    ])
    text = "老旧小区改造时间表\n" + P1 + "\n" + timeline + "\n" + P2 + "\n" + P3
    assert Pipeline([Segmenter()]).clean(text).text == text


def test_tail_keeps_numbered_steps_at_the_end():
    steps = "\n".join(["办理流程：", "1. 登录政务服务网提交申请；", "2. 街道办事处三个工作日内审核；",
                       "3. 审核通过后签订改造协议。"])
    text = "加装电梯怎么办\n" + P1 + "\n" + steps
    assert cleantext.clean(text).text == text


# -- scraper footer ---------------------------------------------------------------------------

def test_footer_removes_snapshot_and_disclaimer_block():
    footer = ("以上内容为网页快照,由某站点爬虫自动采集并收录,本站未对信息做任何修改,信息内容不代表本站立场。\n"
              "快照生成时间:2025-03-02 10:00:00\n"
              "如有侵权请联系我们删除。")
    text = "标题\n" + BODY + "\n" + footer
    r = Pipeline([Segmenter()]).clean(text)
    assert r.text.rstrip().endswith(P3)
    assert "侵权" not in r.text and removed(r, "scraper_footer")


@pytest.mark.xfail(reason="segmenter v1 gets this wrong (issue 10, open)", strict=False)
def test_footer_keeps_an_article_about_crawlers_and_copyright():
    para = ("专家指出，网络爬虫技术本身并不违法，但未经许可大规模采集他人作品，可能侵犯著作权，"
            "平台应当建立版权审核机制，在接到权利人通知后及时处理。")
    text = "标题\n" + P1 + "\n" + para
    assert Pipeline([Segmenter()]).clean(text).text == text


# -- footer and tail of an unseen site ----------------------------------------------------------

UNSEEN_FOOTER = "\n".join([
    "Copyright © 2010-2026 xinwen-example.org All Rights Reserved",
    "如有侵权请发送邮件至jubao@xinwen-example.org，我们将在48小时内处理。",
    "本站部分文章来自网络收集整理，本站不承担由此产生的任何法律责任。",
])


def test_footer_of_an_unseen_site_is_recognised_by_what_it_talks_about():
    text = "标题\n" + BODY + "\n" + UNSEEN_FOOTER
    r = cleantext.clean(text)
    assert r.text.rstrip().endswith(P3)
    assert "侵权" not in r.text and removed(r, "scraper_footer")


@pytest.mark.xfail(reason="segmenter v1 gets this wrong (issue 10, open)", strict=False)
def test_footer_keeps_a_closing_sentence_on_law_and_the_internet():
    endings = [
        "律师提醒，网络转载他人作品须经授权，否则将承担相应的法律责任。",
        "律师表示，如有侵权行为，消费者可通过电话或网络向监管部门投诉，维护自身权益。",
        "我们将继续关注此事进展，如有新的消息，将通过网络及时发布。",
        "本网记者了解到，涉事平台已删除相关视频，并表示将依法承担法律责任。",
        "第三场(c)：12月12日上午举行闭幕式，各代表团依次退场。",
    ]
    for end in endings:
        text = "标题\n" + BODY + "\n" + end
        assert cleantext.clean(text).text == text, end


@pytest.mark.xfail(reason="segmenter v1 gets this wrong (issue 10, open)", strict=False)
def test_tail_above_a_footer_is_still_the_end_of_the_article():
    tail = "\n".join(["今日要闻", "城市更新让老街区焕发新活力", "2025-01-22 09:00:00",
                      "冬季供暖保障有力有序", "2025-01-21 18:00:00", "夜间经济点亮城市消费新场景",
                      "2025-01-20 19:30:00"])
    text = "标题\n" + BODY + "\n" + tail + "\n" + UNSEEN_FOOTER
    r = cleantext.clean(text)
    assert r.text.rstrip().endswith(P3)
    assert "夜间经济" not in r.text and "Copyright" not in r.text


def test_tail_takes_the_headline_above_an_excerpt_but_not_the_article_line_above():
    last = "记者注意到，部分老旧小区已启动第二轮提升"  # short and unfinished, like a headline
    tail = "\n".join(["城市更新让老街区焕发新活力", "2025-01-22 09:00:00",
                      "冬季供暖保障有力有序", "2025-01-21 18:00:00",
                      "夜间经济“点亮”城市", "...多家商圈延长营业时间，客流明显回升", "2025-01-20 19:30:00",
                      "春运首日客流平稳", "2025-01-19 08:00:00"])
    text = "标题\n" + BODY + "\n" + last + "\n" + tail
    r = Pipeline([Segmenter()]).clean(text)
    assert r.text.rstrip().endswith(last)


def test_chrome_keeps_a_bulleted_subheading_that_opens_the_text():
    text = "●社区食堂开进老旧小区\n" + BODY
    assert cleantext.clean(text).text == text


def test_footer_does_not_take_a_long_we_sentence_above_the_footer():
    last = "目前，我们已经建立了一个覆盖全县的网络来对农民进行培训，周边农民已经尝到了甜头。"
    text = "标题\n" + BODY + "\n" + last + "\n" + UNSEEN_FOOTER
    r = cleantext.clean(text)
    assert r.text.rstrip().endswith(last)


@pytest.mark.xfail(reason="segmenter v1 gets this wrong (issue 10, open)", strict=False)
def test_footer_furniture_and_unseen_wording_around_a_firm_line():
    footer = "\n".join([
        "网页存档时间：2022年3月4日 10:11",
        "原始地址：http://news.example.org/2022/0304/998.shtml",
        "本存档页面由系统自动保存，内容以原网页为准。",
        "——————",
        "以上文字来源于互联网公开信息，本网站仅作展示，不对其真实性负责。",
        "投诉与建议：service@newsbox-example.com",
        "页面更新于 2024-05-06 08:09:10",
    ])
    text = "标题\n" + BODY + "\n" + footer
    r = cleantext.clean(text)
    assert r.text.rstrip().endswith(P3)
    assert "service@" not in r.text and "页面更新于" not in r.text
    assert not removed(r, "unrelated_tail")  # "更新于 <date>" is not a dated headline


@pytest.mark.xfail(reason="segmenter v1 gets this wrong (issue 10, open)", strict=False)
def test_footer_furniture_alone_is_not_a_footer():
    for end in ["详情请见：http://www.gov.example.cn/zhengce/2024/0301.html",
                "活动时间：2024年3月1日 09:00", "——————"]:
        text = "标题\n" + BODY + "\n" + end
        assert cleantext.clean(text).text == text, end


def test_chrome_reads_english_headers():
    header = "Published: 2024-03-01 Source: Xinhua"
    r = cleantext.clean("老旧小区改造惠及两万户\n" + header + "\n" + BODY)
    assert header not in r.text and P1 in r.text
    assert {"published": "2024-03-01", "source": "Xinhua"}.items() <= r.report.metadata.items()


def test_chrome_keeps_a_government_documents_index_card():
    # the issuing body, number and dates of a government document are part of the document
    card = "发文机关：\t某省人民政府\t成文日期：\t2022年01月27日\n发文字号：\t某政发〔2022〕1号"
    text = "某省人民政府关于做好春节期间安全工作的通知\n" + card + "\n" + BODY
    assert cleantext.clean(text).text == text


# -- the segmenter's own cases: noise glued to content, lists without years, metadata -----------------

def seg(text):
    return Pipeline([Segmenter()]).clean(text)


def test_signoff_glued_after_the_last_sentence_goes_and_the_sentence_stays():
    text = "老旧小区改造惠及两万户\n" + P1 + "\n" + P2 + "\n" + P3 + "（完）责任编辑：李明 审核：王芳"
    r = seg(text)
    assert r.text.rstrip().endswith(P3 + "（完）") or r.text.rstrip().endswith(P3)
    assert "责任编辑" not in r.text and "审核" not in r.text
    assert removed(r, "scraper_footer")[0].code == "segmenter.scraper_footer"


def test_menu_line_at_the_top_goes():
    menu = "网站首页 | 新闻中心 | 政务公开 | 办事服务 | 互动交流 | 专题专栏"
    text = menu + "\n老旧小区改造惠及两万户\n" + BODY
    r = seg(text)
    assert menu not in r.text and r.text.lstrip().startswith("老旧小区改造惠及两万户")
    assert removed(r, "page_chrome")


def test_header_line_goes_and_its_values_are_recorded():
    text = "老旧小区改造惠及两万户\n发布时间：2025-03-02 09:15 来源：城市日报 作者：王明 浏览次数：128\n" + BODY
    r = seg(text)
    assert "浏览次数" not in r.text and P1 in r.text
    md = r.report.metadata
    assert md["published"] == "2025-03-02T09:15:00" and md["title"] == "老旧小区改造惠及两万户"


def test_related_list_with_relative_times_goes_and_its_twin_inside_the_article_stays():
    items = ["多个街道启动加装电梯意见征集", "3小时前", "夜间经济点亮城市消费新场景", "5小时前",
             "冬季供暖保障有力有序", "昨天 18:20", "春运首日客流平稳", "2天前"]
    tail = "猜你喜欢\n" + "\n".join(items)
    r = seg("老旧小区改造惠及两万户\n" + BODY + "\n" + tail)
    assert "猜你喜欢" not in r.text and "春运首日" not in r.text and P3 in r.text
    assert removed(r, "unrelated_tail") or removed(r, "scraper_footer")


def test_copyright_and_icp_lines_go():
    footer = "版权所有 © 2025 城市日报社 未经授权禁止转载\n京ICP备12345678号-1 联系电话：010-12345678"
    r = seg("老旧小区改造惠及两万户\n" + BODY + "\n" + footer)
    assert "ICP" not in r.text and "版权所有" not in r.text and r.text.rstrip().endswith(P3)


def test_a_caption_and_a_quoted_statement_on_copyright_stay():
    caption = "图为社区志愿者在新建的便民服务站为老人理发。本报记者 王明 摄"
    quote = "“我们一直重视版权保护，平台上的每一张照片都经过作者授权。”该负责人说。"
    text = "老旧小区改造惠及两万户\n" + P1 + "\n" + caption + "\n" + P2 + "\n" + quote + "\n" + P3
    assert seg(text).text == text


def test_an_authors_closing_question_stays_and_a_call_to_share_goes():
    question = "改造之后，老街坊们的日子会不会越过越红火？我们拭目以待。"
    text = "老旧小区改造惠及两万户\n" + BODY + "\n" + question
    assert seg(text).text == text
    call = "喜欢本文请点赞、转发，长按识别二维码关注我们的公众号"
    r = seg(text + "\n" + call)
    assert "二维码" not in r.text and question in r.text
