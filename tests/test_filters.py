"""Each filter on project-written articles: what it must remove, and the hard cases it must leave alone."""

import cleantext
from cleantext import Pipeline
from cleantext.filters import BrandSpam, PageChrome, ScraperFooter, UnrelatedTail

P1 = "今年以来，全市持续推进老旧小区改造工作，累计完成改造项目四十余个，惠及居民两万多户，群众满意度明显提升。"
P2 = "在改造过程中，各区坚持先民生后提升的原则，优先解决加装电梯、雨污分流和停车难等居民反映最集中的问题。"
P3 = "下一步，市住建部门将总结推广试点经验，建立长效管理机制，确保改造成果能够长期惠及广大居民群众。"
BODY = "\n\n".join([P1, P2, P3])


def removed(result, kind=None):
    return [r for r in result.report.removals if kind is None or r.kind == kind]


# -- page chrome ------------------------------------------------------------------------------

def test_chrome_removes_crumbs_and_header_and_records_metadata():
    text = "当前位置:首页 > 本地 > 城建\n\n老旧小区改造惠及两万户\n\n发布时间:2025-03-02 09:15:00 来源:城市日报 作者:王明\n\n" + BODY
    r = Pipeline([PageChrome()]).clean(text)
    assert r.text.startswith("老旧小区改造惠及两万户")
    assert P1 in r.text and P3 in r.text
    md = r.report.metadata
    assert md["published"] == "2025-03-02T09:15:00"
    assert md["source"] == "城市日报" and md["author"] == "王明"
    assert md["title"] == "老旧小区改造惠及两万户"


def test_chrome_removes_a_labelled_copy_of_the_title_alone_or_glued():
    title = "老旧小区改造惠及两万户居民_城市频道"
    alone = f"{title}\n\n原题：老旧小区改造惠及两万户居民\n" + BODY
    r = cleantext.clean(alone)
    assert [x.code for x in removed(r, "page_chrome")] == ["chrome.title_suffix", "chrome.title_labelled"]
    assert r.text.startswith("老旧小区改造惠及两万户居民\n") and "原题" not in r.text and P1 in r.text
    glued = f"{title}\n\n标题：老旧小区改造惠及两万户居民{P1}\n\n{P2}"
    r = Pipeline([PageChrome()]).clean(glued)
    assert [x.text for x in removed(r)] == ["_城市频道", "标题：老旧小区改造惠及两万户居民"]
    assert P1 in r.text and P2 in r.text


def test_chrome_cuts_header_fields_glued_to_the_first_sentence_at_a_blank_run():
    text = f"老旧小区改造惠及两万户居民\n\n来源：城市日报    2025-03-02 09:15\u3000\u3000{P1}\n\n{P2}"
    r = Pipeline([PageChrome()]).clean(text)
    assert [x.code for x in removed(r)] == ["chrome.header_glued"]
    assert P1 in r.text and "城市日报" not in r.text
    assert r.report.metadata["source"].startswith("城市日报")
    # no blank run after the fields: where the value ends is unknown, the line stays whole
    text = f"老旧小区改造惠及两万户居民\n\n来源：城市日报记者王明{P1}\n\n{P2}"
    assert Pipeline([PageChrome()]).clean(text).text == text


def test_chrome_cuts_site_and_channel_names_after_the_title_and_keeps_the_title():
    title = "老旧小区改造惠及两万户居民"
    for suffix in ("_城市频道", "-民生资讯-城市日报门户网站", " | 城市日报", "--城市资讯"):
        r = Pipeline([PageChrome()]).clean(f"{title}{suffix}\n\n{P1}\n\n{P2}")
        assert [x.code for x in removed(r)] == ["chrome.title_suffix"], suffix
        assert removed(r)[0].text == suffix and r.text.startswith(title + "\n")
        assert r.report.metadata["title"] == title
    # hard negatives: a subtitle after an em dash, hyphens in a date or a word, a long clause after
    # the separator, a short Latin title, a one-line article
    for first in (title + "——两万户居民受益", "2024-03-02老旧小区改造惠及两万户居民", "COVID-19 vaccine - Reuters",
                  title + "_市住建部门表示，明年将继续推进", "市政府召开常务会议研究部署改造工作-会议强调抓好落实。"):
        text = f"{first}\n\n{P1}\n\n{P2}"
        assert Pipeline([PageChrome()]).clean(text).text == text, first


def test_chrome_cuts_end_fields_glued_after_the_last_sentence_and_keeps_the_sentence():
    title = "老旧小区改造惠及两万户居民"
    for glued in ("（来源：城市日报、城市网）", "来源：城市日报", "责任编辑：王明", " 来源：城市日报 编辑：李华"):
        text = f"{title}\n\n{P1}\n\n{P2}{glued}\n"
        r = Pipeline([PageChrome()]).clean(text)
        assert [x.code for x in removed(r)] == ["chrome.end_glued"], glued
        assert removed(r)[0].text.strip() == glued.strip() and r.text.rstrip().endswith(P2)
        assert removed(r)[0].kind == "scraper_footer"  # LABELS.md: sign-offs and end source lines
    assert r.report.metadata["source"] == "城市日报" and r.report.metadata["editor"] == "李华"
    # hard negatives: a quoted answer, a clause that is not fields, a line of content below the fields
    for tail in ("他说：“我们会继续做好。”", "下一步：继续推进改造", "来源：城市日报\n\n附图一张"):
        text = f"{title}\n\n{P1}\n\n{P2}{tail}\n"
        assert Pipeline([PageChrome()]).clean(text).text == text, tail


def test_chrome_keeps_a_labelled_sentence_that_opens_with_the_title_words():
    title = "老旧小区改造惠及两万户居民"
    text = f"{title}\n\n记者：老旧小区改造惠及两万户居民，这是市住建部门昨天公布的数字。\n\n{P2}"
    assert Pipeline([PageChrome()]).clean(text).text == text
    other = f"{title}\n\n原题：城市更新的一年\n\n{P2}"  # another title: not a copy, no evidence
    assert Pipeline([PageChrome()]).clean(other).text == other


def test_chrome_leaves_body_sentences_with_labels_alone():
    body = "标题在此\n\n" + P1 + "\n\n来源：据市统计局数据，今年一季度全市新开工项目同比增长百分之十二，增速居全省前列。\n\n" + P2
    r = Pipeline([PageChrome()]).clean(body)
    assert r.text == body


def test_chrome_keeps_bullets_inside_the_article():
    text = "社区服务清单\n\n" + P1 + "\n\n• 上门理发\n• 代买代送\n• 健康随访\n\n" + P2
    assert Pipeline([PageChrome()]).clean(text).text == text


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
    r = Pipeline([UnrelatedTail()]).clean(text)
    assert r.text.rstrip().endswith(P3)
    assert [x.kind for x in removed(r)] == ["unrelated_tail"]


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
    assert Pipeline([UnrelatedTail()]).clean(text).text == text


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
    r = Pipeline([ScraperFooter()]).clean(text)
    assert r.text.rstrip().endswith(P3)
    assert len(removed(r, "scraper_footer")) == 3


def test_footer_keeps_an_article_about_crawlers_and_copyright():
    para = ("专家指出，网络爬虫技术本身并不违法，但未经许可大规模采集他人作品，可能侵犯著作权，"
            "平台应当建立版权审核机制，在接到权利人通知后及时处理。")
    text = "标题\n" + P1 + "\n" + para
    assert Pipeline([ScraperFooter()]).clean(text).text == text


# -- brand spam -------------------------------------------------------------------------------

def test_brand_injected_at_random_positions_is_removed_and_sentences_stay():
    brand = "鸿运娱乐城"
    text = "\n".join([
        brand + "老旧小区改造惠及两万户",
        brand + "今年以来，全市持续推进老旧小区改造工作，累计完成改造项目四十余个" + brand + "，惠及居民两万多户。",
        "在改造过程中，各区坚持先民生后提升的原则，优先解决加装电梯" + brand + "、雨污分流和停车难等问题。",
        "下一步，市住建部门将总结推广试点经验，建立长效" + brand + "管理机制，确保改造成果长期惠及居民。",
    ])
    r = Pipeline([BrandSpam()]).clean(text)
    assert brand not in r.text
    assert r.text.replace("\n", "") == text.replace(brand, "").replace("\n", "")
    assert all(x.kind == "brand_spam" and x.text == brand for x in removed(r))


def test_brand_that_differs_between_two_copies_is_removed_everywhere():
    brand = "KX88体彩"
    first = [P1, P2.replace("原则，", "原则" + brand + "，"), P3]
    second = [P1.replace("全市", "全" + brand + "市"), P2, P3]
    r = cleantext.clean("标题\n" + "\n".join(first) + "\n" + "\n".join(second))
    assert brand not in r.text
    assert P1 in r.text and P2 in r.text and P3 in r.text


NAME_ARTICLE = "\n".join([
    "省人大代表李杰说，今年将重点推进交通互联，李杰表示轨道交通线九月建成通车。",
    "在谈到产业协作时，李杰介绍，四百余户企业已经相互配套，李杰认为这为同城化打下了基础。",
    "李杰告诉记者，教育医疗资源共享是群众最关心的事，李杰所在的代表团提交了相关建议。",
    "座谈会上，代表们听取了李杰的发言。李杰强调，要让群众切实享受到同城化带来的便利。",
    "对于下一步工作，李杰提到三个方面。李杰指出，首先要加快重大平台建设。",
    "其次是推进产业建圈强链，李杰说，要推动研发在中心城市、制造在周边城市的分工，李杰称之为双向奔赴。",
    "李杰还透露，两市将共建合作园区。据李杰介绍，首批项目已经签约落地。",
    "第三是推进公共服务共建共享，李杰表示，政务服务同城化受理事项将继续扩面，李杰对此充满信心。",
    "会后，记者再次采访了李杰。李杰坦言，同城化发展仍面临不少体制机制障碍。",
    "李杰最后说，代表们将持续关注这项工作，李杰和其他代表一道提出了十余条建议。",
])


def test_brand_keeps_a_person_named_twenty_times():
    assert NAME_ARTICLE.count("李杰") == 20
    r = cleantext.clean("李杰谈同城化发展\n" + NAME_ARTICLE)
    assert r.text.count("李杰") == 21
    assert not removed(r, "brand_spam")


SPORTS = "\n".join([
    "全民健身热潮涌动 省全民健身运动会在奥体中心开幕",
    "本次省全民健身运动会由国家体育总局指导，省体育局主办，比赛主场设在奥体中心。",
    "国家体育总局有关负责人表示，省全民健身运动会是展示群众体育成果的重要平台。",
    "开幕式上，来自各地的运动员在奥体中心进行了精彩的展演，现场观众热情高涨。",
    "据了解，国家体育总局近年来持续推动全民健身设施建设，奥体中心也将向市民免费开放。",
    "闭幕后，不少参赛选手结伴前往欢乐谷娱乐，欢乐谷娱乐推出了运动员专属优惠。",
    "组委会介绍，下一届省全民健身运动会将继续在奥体中心举办，欢迎更多市民参与。",
])


def test_brand_keeps_sports_bodies_venues_and_events():
    r = cleantext.clean(SPORTS)
    assert r.text == SPORTS
    assert not removed(r)


def test_brand_keeps_a_common_phrase_that_ends_like_a_brand():
    text = "\n".join([
        "电商物流平台建设提速",
        "多家企业加快建设物流平台，物流平台的服务能力明显增强。",
        "专家认为，物流平台要与购物网站深度合作，购物网站也应开放更多数据接口。",
        "目前，区域性物流平台已覆盖全省，购物网站的订单履约时间缩短了一天。",
    ])
    assert cleantext.clean(text).text == text


def test_brand_with_a_capital_letter_tag_is_removed_from_two_places():
    brand = "QW星汇真人"  # invented: a tag, a short name, a suffix
    text = "\n".join([
        "秋粮收购工作有序开展",
        brand + "连日来，各地粮食部门组织收购企业入市收购，农民售粮进度明显加快。",
        brand + "据介绍，今年秋粮收购价格总体稳定，优质优价特征明显，种粮农民收益有保障。",
        "下一步，有关部门将加强市场监测，确保收购工作平稳有序。",
    ])
    r = cleantext.clean(text)
    assert r.text == text.replace(brand, "")
    assert [x.text for x in removed(r, "brand_spam")] == [brand, brand]


def test_brand_tag_rule_keeps_league_and_broadcaster_names():
    text = "\n".join([
        "联赛新赛季开幕",
        "NBA中国官网发布消息，新赛季揭幕战将于下月举行，NBA球队将在国内进行季前赛。",
        "与此同时，CBA联赛也公布了赛程。据NBA中国官网介绍，转播合作方将同步推出中文解说。",
        "业内人士认为，CBA联赛与NBA中国官网的合作有助于篮球运动推广。",
    ])
    assert cleantext.clean(text).text == text


def test_brand_filter_never_cuts_a_domain_out_of_a_link():
    text = "\n".join([
        "shop-example.net 市场监管部门发布消费提示",
        "详情可登录 http://www.shop-example.net 查询，或发送邮件至 help@shop-example.net 咨询。",
        "监管部门提醒，消费者在 http://shop-example.net/notice 看到的公告以官方发布为准。",
    ])
    r = Pipeline([BrandSpam()]).clean(text)
    assert r.text == text


def test_brand_ignores_a_shaped_word_seen_twice_only_in_one_repeated_passage():
    passage = "调查显示，这类机会的几率或许很低，像中彩票。从统计结果看，多数受访者表示会理性消费。"
    text = "\n".join([
        "理性看待投资收益",
        "专家提醒，投资理财要量力而行，不要幻想一夜暴富。" + passage,
        "有受访者坦言，过去曾盲目跟风，如今更看重稳健收益。",
        "编者按：" + passage,
    ])
    r = Pipeline([BrandSpam()]).clean(text)
    assert r.text == text


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
    assert len(removed(r, "scraper_footer")) == 3


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


def test_tail_above_a_footer_is_still_the_end_of_the_article():
    tail = "\n".join(["今日要闻", "城市更新让老街区焕发新活力", "2025-01-22 09:00:00",
                      "冬季供暖保障有力有序", "2025-01-21 18:00:00", "夜间经济点亮城市消费新场景",
                      "2025-01-20 19:30:00"])
    text = "标题\n" + BODY + "\n" + tail + "\n" + UNSEEN_FOOTER
    r = cleantext.clean(text)
    assert r.text.rstrip().endswith(P3)
    assert {x.kind for x in removed(r)} == {"unrelated_tail", "scraper_footer"}


def test_tail_takes_the_headline_above_an_excerpt_but_not_the_article_line_above():
    last = "记者注意到，部分老旧小区已启动第二轮提升"  # short and unfinished, like a headline
    tail = "\n".join(["城市更新让老街区焕发新活力", "2025-01-22 09:00:00",
                      "冬季供暖保障有力有序", "2025-01-21 18:00:00",
                      "夜间经济“点亮”城市", "...多家商圈延长营业时间，客流明显回升", "2025-01-20 19:30:00",
                      "春运首日客流平稳", "2025-01-19 08:00:00"])
    text = "标题\n" + BODY + "\n" + last + "\n" + tail
    r = Pipeline([UnrelatedTail()]).clean(text)
    assert r.text.rstrip().endswith(last)


def test_chrome_keeps_a_bulleted_subheading_that_opens_the_text():
    text = "●社区食堂开进老旧小区\n" + BODY
    assert cleantext.clean(text).text == text


def test_brand_keeps_an_everyday_word_before_a_platform_suffix():
    # 支付平台 sits like an injection (line start, before a comma, inside a sentence, nowhere else);
    # only the common-word prior (data/common_names.txt: 支付) keeps it
    text = "\n".join([
        "菜市场里的扫码收款",
        "记者走访发现，不少摊主都开通了支付平台，顾客扫码即可完成付款。",
        "有摊主说，过去找零麻烦，如今收款方便多了。",
        "据介绍，接入支付平台后收款到账更快，摊主普遍表示满意。",
        "支付平台，正在走进越来越多的菜市场。",
    ])
    assert Pipeline([BrandSpam()]).clean(text).text == text


def test_footer_does_not_take_a_long_we_sentence_above_the_footer():
    last = "目前，我们已经建立了一个覆盖全县的网络来对农民进行培训，周边农民已经尝到了甜头。"
    text = "标题\n" + BODY + "\n" + last + "\n" + UNSEEN_FOOTER
    r = cleantext.clean(text)
    assert r.text.rstrip().endswith(last)


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
    assert len(removed(r, "scraper_footer")) == 7
    assert not removed(r, "unrelated_tail")  # "更新于 <date>" is not a dated headline


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


# -- more positives: each fails when its filter's find returns [] -----------------------------

def test_chrome_removes_a_menu_line_of_separated_labels_at_the_top():
    text = "首页 | 新闻中心 | 政务公开 | 办事服务 | 互动交流\n\n老旧小区改造惠及两万户\n\n" + BODY
    r = Pipeline([PageChrome()]).clean(text)
    assert r.text.startswith("老旧小区改造惠及两万户")
    assert [x.kind for x in removed(r)] == ["page_chrome"]


def test_chrome_removes_a_breadcrumb_worded_differently():
    text = "您的位置：首页 > 新闻中心 > 本地要闻 > 正文\n\n老旧小区改造惠及两万户\n\n" + BODY
    r = Pipeline([PageChrome()]).clean(text)
    assert r.text.startswith("老旧小区改造惠及两万户")
    assert P3 in r.text


def test_chrome_removes_a_header_line_with_views_and_records_the_date():
    text = "老旧小区改造惠及两万户\n\n来源：城市日报　作者：李华　发布时间：2025年3月2日　浏览次数：1024\n\n" + BODY
    r = Pipeline([PageChrome()]).clean(text)
    assert "浏览次数" not in r.text and r.text.endswith(P3)
    assert r.report.metadata.get("published", "").startswith("2025-03-02")


def test_tail_removes_previous_and_next_links_at_the_end():
    text = ("老旧小区改造惠及两万户\n" + BODY + "\n\n上一篇：市区两级联动推进城市更新\n"
            "下一篇：多个街道启动加装电梯意见征集\n")
    r = Pipeline([UnrelatedTail()]).clean(text)
    assert "上一篇" not in r.text and "下一篇" not in r.text
    assert r.text.rstrip().endswith(P3)


def test_tail_removes_a_headline_list_dated_without_a_year():
    items = ["市区两级联动推进城市更新 02-11", "多个街道启动加装电梯意见征集 01-28",
             "夜间经济点亮城市消费新场景 01-20", "公交线路优化调整方案公布 01-15"]
    text = "老旧小区改造惠及两万户\n" + BODY + "\n\n相关新闻\n" + "\n".join(items) + "\n"
    r = Pipeline([UnrelatedTail()]).clean(text)
    assert "相关新闻" not in r.text and "夜间经济" not in r.text
    assert r.text.rstrip().endswith(P3)


def test_tail_removes_lists_stamped_without_a_year_and_no_heading():
    # real lists date their items with relative times or month-day only, on the headline or below it
    heads = ["市区两级联动推进旧城改造", "多个街道启动加装电梯意见征集", "夜间经济点亮城市消费新场景"]
    for stamps, glued in ((["3小时前", "昨天 14:20", "2天前"], True), (["02-11", "01-28", "01-20"], False),
                          (["2月11日", "1月28日", "1月20日"], False)):
        sep = " " if glued else "\n"
        items = "\n".join(h + sep + s for h, s in zip(heads, stamps, strict=True))
        text = "老旧小区改造惠及两万户\n" + BODY + "\n\n" + items + "\n"
        r = Pipeline([UnrelatedTail()]).clean(text)
        assert [x.code for x in removed(r)] == ["tail.related_list"], stamps
        # one-line items: the article's last line above the first is not a headline of the list
        assert r.text.rstrip().endswith(P3), stamps


def test_tail_keeps_an_ending_timeline_and_page_numbers_stamped_without_a_year():
    # items that open with their date and end as sentences are the article's own timeline
    timeline = "\n".join(["03-01 完成居民意见征集。", "06-15 完成设计方案公示。", "09-30 主体工程开工建设。"])
    pages = "\n".join(["1/3", "2/3", "3/3"])  # a fraction or a page count is not a date
    for ending in (timeline, pages, "\n".join(["比分1-2", "比分2-2", "比分3-2"])):
        text = "老旧小区改造时间表\n" + P1 + "\n" + P2 + "\n" + ending + "\n"
        assert Pipeline([UnrelatedTail()]).clean(text).text == text, ending


EN_BODY = ("The city opened a new public library on Monday, the first in a decade.\n\n"
           "It holds 200,000 books and a maker space for children, the mayor said at the opening.\n")


def test_tail_removes_an_english_related_list_with_its_heading():
    for items in (["City council approves budget - March 1, 2026", "New bus routes start next week - Feb 28, 2026",
                   "Park renovation finished - 27 February 2026"],
                  ["City council approves budget 3 hours ago", "New bus routes start next week 5 hours ago",
                   "Park renovation finished 2 days ago"]):
        text = "City opens new library\n\n" + EN_BODY + "\nRelated stories\n" + "\n".join(items) + "\n"
        r = Pipeline([UnrelatedTail()]).clean(text)
        assert "Related stories" not in r.text and "Park renovation" not in r.text, items
        assert r.text.rstrip().endswith("at the opening.")


def test_tail_keeps_an_english_ending_that_dates_its_sentences():
    ending = "\n".join(["On March 1, 2026, the council approved the budget.",
                        "The library opened its doors to readers on March 2, 2026.",
                        "A second branch is planned to open by May 4, 2027."])
    text = "City opens new library\n\n" + EN_BODY + "\n" + ending + "\n"
    assert Pipeline([UnrelatedTail()]).clean(text).text == text


def test_brand_with_an_entertainment_suffix_in_three_sentences_is_removed():
    text = ("老旧小区改造惠及两万户\n\n今年以来，全市持续推进老旧小区改造工作，金沙娱乐累计完成改造项目四十余个。\n\n"
            "在改造过程中，金沙娱乐各区坚持先民生后提升的原则，优先解决加装电梯等问题。\n\n"
            "下一步，市住建部门将总结推广试点经验，金沙娱乐建立长效管理机制。\n")
    r = Pipeline([BrandSpam()]).clean(text)
    assert "金沙娱乐" not in r.text
    assert "累计完成改造项目四十余个" in r.text and "建立长效管理机制" in r.text


def test_brand_domain_repeated_in_the_text_is_removed():
    text = ("老旧小区改造惠及两万户\n\n今年以来，全市持续推进老旧小区改造工作，hg8868.com累计完成改造项目四十余个。\n\n"
            "在改造过程中，各区坚持先民生后提升的原则hg8868.com，优先解决加装电梯等问题。\n\n"
            "下一步，hg8868.com市住建部门将总结推广试点经验，建立长效管理机制。\n")
    r = Pipeline([BrandSpam()]).clean(text)
    assert "hg8868" not in r.text
    assert "优先解决加装电梯等问题" in r.text


def test_footer_never_takes_a_paragraph_for_the_disclaimer_glued_to_its_end():
    # a finished paragraph before the marker is not footer: the disclaimer goes from where it starts
    para = P1 + P2 + "本文来源网络，版权归原作者所有，如有侵权请联系删除。"
    text = "标题\n" + P3 + "\n" + para
    r = Pipeline([ScraperFooter()]).clean(text)
    assert r.text == "标题\n" + P3 + "\n" + P1 + P2
    assert [x.code for x in removed(r)] == ["footer.glued"]
    # an article's own last sentences that speak of the internet and the law are not a footer
    for ending in ("律师提醒，网络转载他人作品须经授权，否则将承担相应的法律责任。",
                   "本网记者了解到，涉事平台已删除相关视频。下一步，市场监管部门将继续跟进调查处理。"):
        text = "标题\n" + P3 + "\n" + P1 + P2 + ending
        assert Pipeline([ScraperFooter()]).clean(text).text == text, ending
    alone = "标题\n" + P3 + "\n本文来源网络，版权归原作者所有，如有侵权请联系删除。"
    assert Pipeline([ScraperFooter()]).clean(alone).text.rstrip().endswith(P3)


def test_footer_cuts_the_link_labels_that_end_the_article():
    # LABELS.md: `返回X，查看更多` is a footer; the page's link labels, found by what they are (a fixed
    # label such as 查看更多/阅读全文, standing apart or beside another), never the sentence before them
    cases = {
        "\n返回网易，查看更多\n": "返回网易，查看更多",      # a line of its own
        "返回凤凰网，查看更多 责任编辑：\n": "返回凤凰网，查看更多 责任编辑：",  # after the mark, a bare sign-off
        "\n阅读全文\n": "阅读全文",
    }
    for ending, cut in cases.items():
        text = "标题\n" + BODY + ending
        r = Pipeline([ScraperFooter()]).clean(text)
        assert [(x.code, x.text.strip()) for x in removed(r)] == [("footer.nav", cut)], ending
        assert r.text.rstrip().endswith(P3)
    # glued to the last sentence without a mark: two labels say what they are
    r = Pipeline([ScraperFooter()]).clean("标题\n" + BODY.removesuffix("。") + "返回新浪，查看更多 \n")
    assert [x.text.strip() for x in removed(r)] == ["返回新浪，查看更多"]
    assert r.text.rstrip().endswith(P3.removesuffix("。"))


def test_footer_keeps_link_words_that_are_the_sentences_own():
    for ending in ("会后，代表们乘车返回北京\n",              # "back to X" without a fixed label
                   "寒假结束后，同学们陆续返回校园，返回课堂\n",  # two of them
                   "居民可以在社区公众号查看更多\n",          # one label glued to the sentence
                   "随着改造推进，小区里的变化会有更多精彩\n"):
        text = "标题\n" + BODY + "\n" + ending
        assert Pipeline([ScraperFooter()]).clean(text).text == text, ending


def test_footer_glued_in_brackets_after_the_last_sentence():
    # a disclaimer set in brackets after the last sentence: its closing bracket is no sentence of its own
    text = "标题\n" + BODY + "（图片来源于网络，如有侵权，请与作者联系删除。）\n"
    r = Pipeline([ScraperFooter()]).clean(text)
    assert [x.code for x in removed(r)] == ["footer.glued"]
    assert r.text.rstrip().endswith(P3)


def test_footer_glued_under_its_own_head_goes_whole():
    # a footer that names itself (免责声明：, 【版权声明】) after the last sentence goes from its head,
    # though its later sentences name no footer topic
    for footer in ("免责声明：本号旨在交流行业研究信息，不代表任何机构。本号内容仅供参考，读者不应以此作为决策依据。",
                   "【版权声明】本文为城市日报原创稿件，转载请注明出处。欢迎读者朋友们积极参与讨论。"):
        text = "标题\n" + BODY + footer + "\n"
        r = Pipeline([ScraperFooter()]).clean(text)
        assert [(x.code, x.text.strip()) for x in removed(r)] == [("footer.glued", footer)], footer
    # the word in the article's own sentence, no head: the sentence stays
    text = "标题\n" + BODY + "法院认为，经营者的免责声明不能免除其应当承担的责任，消费者可以依法维权。\n"
    assert Pipeline([ScraperFooter()]).clean(text).text == text


def test_footer_under_its_own_head_inside_the_last_line_goes_and_what_follows_stays():
    # a self-named footer with other text after it in the same line: only its own sentences go
    footer = "免责声明：重在分享，版权属原作者所有，如有侵权请告知，我们将及时删除。"
    after = "更多热文：小区加装电梯怎么申请"
    body = BODY.removesuffix("。")
    text = "标题\n" + body + footer + after + "\n"  # glued to the last words, two markers
    r = Pipeline([ScraperFooter()]).clean(text)
    assert [(x.code, x.text) for x in removed(r)] == [("footer.headed", footer)]
    assert r.text == "标题\n" + body + after + "\n"
    # glued to a sentence with one marker, the head may be the sentence's object: it stays
    quoted = "标题\n" + BODY + "该公司发布免责声明：本公司从未授权任何个人代收费用。警方提醒市民提高警惕。\n"
    assert Pipeline([ScraperFooter()]).clean(quoted).text == quoted


def test_footer_never_takes_a_last_sentence_scraped_without_its_full_stop():
    # clauses that speak of no footer topic, then a footer glued without a mark: where the sentence
    # ends is unknown, so the line stays (precision first); the old whole-line cut took the sentence
    body = BODY.removesuffix("。")
    for footer in ("版权归原作者所有，如有侵权请联系删除", "本文来源于网络，如有侵权请联系删除"):
        text = "标题\n" + body + footer + "\n"
        r = Pipeline([ScraperFooter()]).clean(text)
        assert P3.removesuffix("。") in r.text, footer


def test_footer_takes_a_disclaimer_set_above_the_article_and_keeps_an_opening_on_copyright():
    text = "标题\n本文来源网络，版权归原作者所有，如有侵权请联系删除\n" + BODY + "\n"
    r = Pipeline([ScraperFooter()]).clean(text)
    assert [x.code for x in removed(r)] == ["footer.top"] and r.text == "标题\n" + BODY + "\n"
    # one marker at the top: an article may open on copyright
    opening = "标题\n未经授权转载他人作品属于侵权行为，记者从市版权局获悉。\n" + BODY + "\n"
    assert Pipeline([ScraperFooter()]).clean(opening).text == opening


def test_chrome_keeps_a_slash_date_under_the_title_and_a_divider_line():
    """A date written with slashes is a dateline, not a breadcrumb (its parts are numbers, not pages),
    and a line of dots between paragraphs is a divider, not a menu item: both stay; the date is recorded."""
    text = "老旧小区改造惠及两万户\n2025/3/2\n" + BODY.replace("\n\n", "\n···\n", 1)
    r = Pipeline([PageChrome()]).clean(text)
    assert r.text == text and not removed(r)
    assert r.report.metadata.get("published", "").startswith("2025-03-02")
    crumbs = "首页 / 新闻中心 / 本地要闻\n老旧小区改造惠及两万户\n" + BODY
    assert Pipeline([PageChrome()]).clean(crumbs).text.startswith("老旧小区改造惠及两万户")


def test_chrome_end_lines_are_footers_when_they_are_fields_and_chrome_when_they_are_page_furniture():
    # LABELS.md: an editor's sign-off or a source line below the article is what the site appends (a
    # footer); a share bar is the page's own chrome
    title = "老旧小区改造惠及两万户居民"
    text = f"{title}\n\n{P1}\n\n{P2}\n\n责任编辑：王明\n\n分享到：\n"
    r = Pipeline([PageChrome()]).clean(text)
    got = {x.text.strip(): x.kind for x in removed(r)}
    assert got == {"责任编辑：王明": "scraper_footer", "分享到：": "page_chrome"}, got


# a related list a scraper glued into one line, after the article's last sentence
GLUED_ITEMS = ["地铁新线路下月开通试运营", "暴雨蓝色预警今晚发布", "社区食堂推出老年人优惠套餐",
               "马拉松赛事报名通道开启", "博物馆夜场延长至十点"]


def test_tail_removes_a_list_glued_into_one_line():
    for glued in ("推荐阅读" + "".join("■ " + h for h in GLUED_ITEMS),          # one recurring bullet
                  "相关推荐▼" + "".join(f"{i}、{h}" for i, h in enumerate(GLUED_ITEMS, 1)),  # numbered
                  # each item closed by its time stamp (the first two stamps' items stay: the first may
                  # be the article's own byline)
                  "".join(f"{h}某某网{i}评{i + 1}小时前" for i, h in enumerate(GLUED_ITEMS, 1)),
                  # headlines cut short at one width (the first item's start is not known: it stays)
                  "".join(h[:9] + ".." for h in GLUED_ITEMS + ["城市书房全天候开放服务", "新能源公交车投入运营"])):
        text = "老旧小区改造惠及两万户\n" + BODY + glued + "\n"
        r = Pipeline([UnrelatedTail()]).clean(text)
        assert [x.code for x in removed(r)] == ["tail.glued_list"], glued
        assert "马拉松" not in r.text and P3 in r.text, glued  # the article's last sentence stays


def test_tail_keeps_glued_steps_and_the_articles_own_points():
    steps = "".join(f"{i}、{s}" for i, s in enumerate(["登录政务服务网提交申请；", "街道办事处三个工作日内审核；",
                                                       "审核通过后签订改造协议。"], 1))
    # the same steps behind bullets: no heading is needed there, the clauses' semicolons keep them
    bulleted = "".join("■ " + s for s in ["登录政务服务网提交申请；", "街道办事处三个工作日内审核；",
                                          "审核通过后签订改造协议。"])
    numbered = "".join(f"{i}、{h}" for i, h in enumerate(GLUED_ITEMS, 1))  # no list heading before it
    points = "".join("■ " + p for p in ["老旧小区改造惠及两万户", "加装电梯意见征集完成", "改造项目年内开工"])
    # a chat trailing off in short phrases, not headlines cut at one width
    chat = "今天就先写到这里吧...大家晚安啦...明天继续更新哦...记得点赞收藏...下次再见面...拜拜啦朋友们..."
    for ending in (steps, bulleted, numbered, points, chat):
        text = "老旧小区改造惠及两万户\n" + BODY + ending + "\n"
        assert Pipeline([UnrelatedTail()]).clean(text).text == text, ending


# another article a scraper glued after the article's last sentence (its own words: other stories)
OTHER = ("近日，市消防支队在城东商业街开展夜间消防安全检查，共检查商铺三十余家，发现并督促整改火灾隐患十二处。"
         "检查中，消防员向商户讲解了灭火器的使用方法和初起火灾的扑救要领，提醒大家不要私拉乱接电线。"
         "支队负责人介绍，今冬明春火灾防控期间，检查将延伸到各个乡镇和农贸市场。")
# (a glued article is looked for after 200 characters of the article: a page's first header is its own)
LONG_BODY = "\n\n".join([P1, "据介绍，今年的改造项目涉及六个街道，总投资约三亿元，资金由财政补助、社会投资和居民自筹三部分组成。",
                           P2, P3])


def test_tail_cuts_another_article_glued_after_the_last_sentence():
    for glued in ("相关新闻" + OTHER,                                       # a related heading, no colon
                  "【延伸阅读】" + OTHER,                                     # set in brackets
                  "消防检查走进商业街 某某发布 01-23 14:47" + OTHER):         # its headline and byline stamp
        text = "老旧小区改造惠及两万户\n" + LONG_BODY + glued + "\n"
        r = Pipeline([UnrelatedTail()]).clean(text)
        assert [x.code for x in removed(r)] == ["tail.glued_article"], glued
        assert r.text.rstrip() == text[: text.index(P3) + len(P3)], glued  # the last sentence stays
    # a closing quote before the heading is the article's, not the heading's
    quoted = "老旧小区改造惠及两万户\n" + LONG_BODY + "居民说：「终于住得舒心了。」相关新闻" + OTHER + "\n"
    assert Pipeline([UnrelatedTail()]).clean(quoted).text.rstrip().endswith("终于住得舒心了。」")


def test_tail_keeps_glued_text_that_is_the_articles_own():
    timeline = ("当天下午，值班人员于01-23 14:47接到报警电话，随即通知消防、医疗和社区工作人员赶赴现场，"
                "并在现场设置警戒线。" + OTHER)
    # a digest sets its own sections in the same marks: the later ones are not a related block
    digest = "【今日要闻】" + P1 + "【延伸阅读】" + OTHER
    own = "相关新闻" + P2 + P3  # the article's own words after the heading: not another story
    # the article pointing to another page of the paper: a cross-reference, not a heading
    see = "相关报道见A06版" + OTHER
    # a digest's numbered items: the bracket after 3 closes no sentence (今日头条 is a company here)
    items = "1）" + P1 + "2）" + P2 + "\n3）今日头条起诉一家公司，称对方屏蔽和拦截用户。\n4）" + OTHER
    # an academic article's keywords after its abstract open its next part, not another article
    keywords = "关键词：城市更新/老旧小区/居民参与\u3000\u3000" + OTHER
    # a range's second stamp ends the range; a list names a product and describes it after a dash
    event = "活动时间：2025-04-29 09:30 - 2025-04-30 17:00" + OTHER
    described = "热点专题-最前沿的专题，最独特的视角。" + OTHER
    # the heading's words as the sentence's subject: a platform whose users are quoted, a report
    quoted = "今日头条网友“小区业主”：收了物业费，还收公摊电费！" + OTHER
    for ending in (timeline, own, see, items, keywords, event, described, quoted):
        text = "老旧小区改造惠及两万户\n" + LONG_BODY + ending + "\n"
        assert Pipeline([UnrelatedTail()]).clean(text).text == text, ending[:10]
    text = "老旧小区改造惠及两万户\n" + LONG_BODY + "\n" + digest + "\n"
    assert Pipeline([UnrelatedTail()]).clean(text).text == text
    # the page's own headline and byline stamp above its first sentence are not glued after its end
    header = "老旧小区改造惠及两万户\n导读：两万户居民受益。市住建局发布 01-23 14:47" + P1 + P2 + P3 + "\n"
    assert Pipeline([UnrelatedTail()]).clean(header).text == header


def test_tail_reads_a_heading_set_in_brackets():
    for heading in ("[热点新闻]", "【相关阅读】", "▍猜你喜欢"):
        text = "老旧小区改造惠及两万户\n" + BODY + "\n" + heading + "\n" + "\n".join(GLUED_ITEMS[:3]) + "\n"
        r = Pipeline([UnrelatedTail()]).clean(text)
        assert r.text.rstrip().endswith(P3) and heading not in r.text, heading


def test_footer_takes_a_long_disclaimer_in_which_the_site_speaks_of_itself():
    disclaimer = ("【郑重提示】本平台所载文章部分来自网络转载，本平台将注明出处，但不对其内容的准确性与完整性"
                  "作任何保证，仅供读者参考。如涉及作品版权问题，请权利人及时与本平台联系，我们将在核实后"
                  "予以处理，并不承担其他法律责任。")
    assert len(disclaimer) > 100
    r = Pipeline([ScraperFooter()]).clean("标题\n" + BODY + "\n" + disclaimer + "\n")
    assert r.text.rstrip().endswith(P3) and "郑重提示" not in r.text


def test_footer_keeps_a_long_closing_paragraph_on_copyright_that_no_site_speaks():
    endings = [
        ("律师表示，网络平台转载他人作品应当注明来源并取得授权，未经许可擅自转载、删改作品，可能侵犯著作权，"
         "权利人可以通过电话、邮件等方式向平台投诉，也可以直接向人民法院提起诉讼，要求停止侵权、赔偿损失并承担法律责任。"),
        ("此前已有多名网友反映类似问题。记者联系了涉事平台，平台客服称相关内容来自网络转载，已于当天删除，并表示将配合调查、依法承担"
         "法律责任，读者如有线索也可以通过热线电话、电子邮件与记者联系，记者将继续关注此事的后续进展。"),
    ]
    for ending in endings:
        assert len(ending) > 100
        text = "标题\n" + BODY + "\n" + ending + "\n"
        assert Pipeline([ScraperFooter()]).clean(text).text == text, ending[:10]


def test_chrome_reads_a_source_or_editor_label_with_its_own_head():
    for line, key, value in (("内容来源：某某日报", "source", "某某日报"), ("本文作者：王某某", "author", "王某某"),
                             ("值班编辑：李某", "editor", "李某")):
        r = Pipeline([PageChrome()]).clean("老旧小区改造惠及两万户\n" + line + "\n" + BODY)
        assert line not in r.text and r.report.metadata.get(key) == value, line
    # a label's tail inside another word is not the label: a document's number is not a font size
    # nor is a photo credit, which is part of the article
    for line in ("发文字号：某政发〔2022〕1号", "图片来源：某某摄影网"):
        text = "老旧小区改造惠及两万户\n" + line + "\n" + BODY
        assert Pipeline([PageChrome()]).clean(text).text == text, line


def test_footer_removes_a_call_to_follow_at_the_top_and_the_bottom():
    top = "阅读之前，请您先点击上方蓝字关注我们，每天都有新内容推送。"
    end = "喜欢这篇文章的话，请大家多多点赞和转发，小编会继续努力！"
    text = "老旧小区改造惠及两万户\n" + top + P1 + "\n\n" + P2 + "\n\n" + P3 + end + "\n"
    r = Pipeline([ScraperFooter()]).clean(text)
    assert [x.code for x in removed(r)] == ["footer.call", "footer.call"]
    assert r.text == "老旧小区改造惠及两万户\n" + P1 + "\n\n" + P2 + "\n\n" + P3 + "\n"


def test_footer_keeps_an_article_about_calls_to_follow_and_a_closing_question():
    about = "很多公众号会在文章开头提醒读者点击蓝字关注、点赞和转发，这种做法效果如何？"
    question = "对于小区改造，你怎么看？欢迎在评论区留言讨论。"  # a closing question, no account speaking
    text = "公众号运营观察\n" + about + P1 + "\n\n" + P2 + question + "\n"
    assert Pipeline([ScraperFooter()]).clean(text).text == text
    # an organisation's closing words ask for support, not for a follow on the platform
    closing = "希望大家继续关注和支持我们的工作。"
    text = "老旧小区改造惠及两万户\n" + P1 + "\n\n" + P2 + closing + "\n"
    assert Pipeline([ScraperFooter()]).clean(text).text == text


def test_footer_never_takes_a_paragraph_between_footer_pieces():
    # a call to follow opens the line, a disclaimer ends it, the article's sentences stand between:
    # the line is a paragraph, not a footer line; what follows its last sentence still goes
    para = ("目前已有三万人关注我们。" + P1 + P2 + "居民们纷纷表示，小区面貌焕然一新，生活更加方便了。"
            + "【版权声明】本文来源网络，版权归原作者所有，如有侵权请联系删除。")
    text = "标题\n" + P3 + "\n" + para + "\n"
    r = Pipeline([ScraperFooter()]).clean(text)
    assert P1 + P2 + "居民们纷纷表示" in r.text
    assert "版权归原作者所有" not in r.text


def test_footer_cuts_a_disclaimer_that_opens_the_articles_line():
    # the disclaimer asks to be contacted, then the article's first sentence follows without a break
    head = "来源：某某日报版权归原作者所有，如有侵权请联系我们"
    text = "标题\n" + head + P1 + P2 + "\n" + P3 + "\n"
    r = Pipeline([ScraperFooter()]).clean(text)
    assert r.text == "标题\n" + P1 + P2 + "\n" + P3 + "\n"
    assert [x.code for x in removed(r)] == ["footer.head_glued"]
    # words before the source label stay; an article sentence that speaks of infringement stays
    r = Pipeline([ScraperFooter()]).clean("标题\n" + "为交警点赞" + head + P1 + "\n" + P3 + "\n")
    assert r.text.startswith("标题\n为交警点赞" + P1)
    own = "律师提醒，如有侵权请联系律师处理。" + P1
    assert Pipeline([ScraperFooter()]).clean("标题\n" + own + "\n" + P3 + "\n").text == "标题\n" + own + "\n" + P3 + "\n"


def test_tail_keeps_a_heading_word_the_article_wrote_in_its_sentences():
    # the article reports on a company named like a list heading (今日头条): written inside its
    # sentences before, the word opening a sentence after is the company again, not a heading
    about = ("在今日头条的新版本中，其口号已经改为信息创造价值。"
             "今日头条方面对此表示，将坚持正确的价值导向，为用户提供更多优质的本地新闻和服务信息。" + OTHER)
    text = "老旧小区改造惠及两万户\n" + LONG_BODY + about + "\n"
    assert Pipeline([UnrelatedTail()]).clean(text).text == text
    # written only as a heading (a line's start, after punctuation), it is still a heading
    glued = "今日头条\n" + LONG_BODY + "今日头条" + OTHER + "\n"
    assert [x.code for x in removed(Pipeline([UnrelatedTail()]).clean(glued))] == ["tail.glued_article"]
