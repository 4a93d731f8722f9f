"""The edge segmenter on project-written articles: furniture glued to the first and last sentences
goes, from where it starts; the hard negatives stay (each next to a positive twin). Every removal
test fails when ``Segmenter.find`` returns []."""

import pytest

from cleantext import Pipeline, clean, registry
from cleantext.document import Document
from cleantext.filters import Segmenter
from cleantext.units import edge_units, split_units

P1 = "今年以来，全市持续推进老旧小区改造工作，累计完成改造项目四十余个，惠及居民两万多户，群众满意度明显提升。"
P2 = "在改造过程中，各区坚持先民生后提升的原则，优先解决加装电梯、雨污分流和停车难等居民反映最集中的问题。"
P3 = "下一步，市住建部门将总结推广试点经验，建立长效管理机制，确保改造成果能够长期惠及广大居民群众。"
TITLE = "老旧小区改造惠及两万户"
GLUED = P1 + P2 + P3  # real pages often hold the whole body on one line


def seg(text):
    return Pipeline([Segmenter()]).clean(text)


def removed(result, kind=None):
    return [r for r in result.report.removals if kind is None or r.kind == kind]


def flagged(result):
    """Everything the segmenter cut or, unsure, annotated (precision first: annotating is allowed)."""
    return "".join(r.text for r in [*result.report.removals, *result.report.annotations])


# -- positives: furniture glued to the body ------------------------------------------------------------

def test_signoff_glued_after_the_last_sentence_goes_and_the_sentence_stays():
    r = seg(TITLE + "\n\n" + GLUED + "返回首页，查看更多 责任编辑：王芳")
    assert P3 in r.text and "责任编辑" not in r.text
    assert "查看更多" in flagged(r) and P3 not in flagged(r)
    assert removed(r, "scraper_footer")[0].code == "segmenter.scraper_footer"


def test_source_and_editor_glued_at_the_end_go():
    r = seg(TITLE + "\n\n" + GLUED + "来源：城市晚报 编辑：李明")
    assert "编辑：李明" not in r.text and P3 in r.text
    assert "城市晚报" in flagged(r) and P3 not in flagged(r)  # cut, or annotated when unsure


def test_call_to_follow_glued_at_the_end_goes():
    r = seg(TITLE + "\n\n" + GLUED + "长按识别二维码，关注我们获取更多资讯")
    assert "二维码" in flagged(r) and P3 not in flagged(r)


def test_site_name_suffix_of_the_title_goes_and_the_title_stays():
    r = seg(TITLE + "_城市晚报\n\n原标题：" + TITLE + "\n" + GLUED)
    assert flagged(r).startswith("_城市晚报") and TITLE not in flagged(r).replace("原标题：" + TITLE, "")
    assert r.text.startswith(TITLE) and P1 in r.text
    assert [*r.report.removals, *r.report.annotations][0].reason.startswith(("page chrome:", "unsure page chrome:"))


def test_a_disclaimer_glued_to_a_paragraph_keeps_the_paragraph():
    """The whole pipeline: the footer cascade leaves the paragraph, the segmenter cuts from the marker."""
    disclaimer = "本文来源网络，版权归原作者所有，如有侵权请联系删除。"
    text = TITLE + "\n\n" + GLUED + disclaimer
    r = clean(text)
    assert GLUED in r.text
    cut = "".join(x.text for x in r.report.removals) + "".join(x.text for x in r.report.annotations)
    assert "侵权" in cut and P3 not in cut


# -- hard negatives ---------------------------------------------------------------------------------------

def test_a_clean_article_stays_whole():
    for text in (TITLE + "\n\n" + GLUED, TITLE + "\n" + "\n\n".join([P1, P2, P3])):
        assert seg(text).text == text


def test_an_authors_closing_question_stays():
    question = "改造之后，老街坊们的日子会不会越过越红火？我们拭目以待。"
    text = TITLE + "\n\n" + GLUED + question
    assert seg(text).text == text


def test_a_caption_and_a_quoted_statement_on_copyright_stay():
    caption = "图为社区志愿者在新建的便民服务站为老人理发。本报记者 王明 摄"
    quote = "“我们一直重视版权保护，平台上的每一张照片都经过作者授权。”该负责人说。"
    text = TITLE + "\n" + P1 + "\n" + caption + "\n" + P2 + "\n" + quote + "\n" + P3
    assert seg(text).text == text


def test_a_dated_timeline_and_numbered_steps_inside_the_article_stay():
    timeline = "2023年3月，项目启动。2023年9月，首批小区完工。2024年6月，全部竣工验收。"
    steps = "1. 居民提出申请；2. 街道组织评估；3. 区住建部门审批；4. 施工单位进场。"
    text = TITLE + "\n" + P1 + "\n" + timeline + "\n" + steps + "\n" + P2 + "\n" + P3
    assert seg(text).text == text


# -- the machinery ----------------------------------------------------------------------------------------

def test_the_segmenter_runs_in_the_default_pipeline():
    assert "segmenter" in registry.DEFAULT
    # (an ending no rule takes: link labels such as 返回首页，查看更多 are the footer filter's own)
    r = clean(TITLE + "\n\n" + GLUED + "（完） 责任编辑：王芳")
    assert any(x.filter == "segmenter" for x in r.report.removals)


@pytest.mark.parametrize("n", [1, 5, 80])
def test_edge_units_are_the_edges_of_the_full_split(n):
    text = TITLE + "\n" + "\n".join([P1, P2, P3] * n)
    lines = Document(text).kept_lines()
    full = split_units(lines)
    edges = edge_units(lines, 13, 31)
    assert [u.text for u in edges[:13]] == [u.text for u in full[:13]]
    assert [u.text for u in edges[-31:]] == [u.text for u in full[-31:]]
    if len(full) <= 44:
        assert [u.text for u in edges] == [u.text for u in full]


def test_a_model_fitted_on_other_features_is_refused():
    with pytest.raises(ValueError, match="refit"):
        Segmenter({"suffix_features": ["x"], "prefix_features": []})


def test_the_ngram_score_is_the_mean_fitted_weight_of_a_units_bigrams():
    from cleantext.features import bigrams, ngram_score

    assert list(bigrams("ab 12 ab")) == ["ab", "00"]  # digits fold to 0; no bigram spans a blank
    table = {"编辑": 2.0, "改造": -1.0}
    assert ngram_score("编辑", table) == 2.0
    assert ngram_score("改造编辑", table) == (2.0 - 1.0 + 0.0) / 3  # 改造, 造编 (unknown: 0), 编辑
    assert ngram_score("", table) == 0.0


def test_the_segmenter_stays_out_of_pages_written_in_latin_letters():
    """Fitted on Chinese pages only: on an English page it would read features it never saw."""
    para = ("The city council approved the new budget on Tuesday after a long debate about housing, "
            "transport and the future of the old harbour district. ")
    text = "Council approves budget\n\n" + para * 3 + "\n\nShare this article | Follow us | Read more"
    r = seg(text)
    assert r.text == text and not r.report.annotations


def test_novelty_tells_a_list_of_other_stories_from_the_articles_own_closing_lines():
    """The unit feature ``novel``: a related list's headlines are about other things, an article's
    own closing line repeats its words; a pair repeated inside the unit alone is still new."""
    from cleantext.features import novelty

    own = "老旧小区改造累计惠及居民两万多户。"
    headlines = ["暴雨致多地航班延误", "新能源汽车销量再创新高", "博物馆推出夜间开放活动"]
    units = [own, *headlines, "Latin only"]
    vals = novelty([TITLE, P1, P2, P3, *units], units)
    assert vals[0] < 0.5
    assert vals[1:4] == [1.0, 1.0, 1.0] and vals[4] == 0.0
    assert novelty(["航班延误，航班取消"], ["航班延误，航班取消"]) == [1.0]
    assert novelty(["航班延误，航班取消", "航班"], ["航班延误，航班取消"])[0] < 1.0


def test_a_cut_that_reaches_the_window_edge_asks_for_another_pass():
    """Furniture longer than the units the segmenter reads (a page's long link list) is peeled pass by
    pass: a cut reaching the farthest candidate sets ``doc.hints["more"]``, and the pipeline runs
    again (``passes`` at most), so more goes by default than with ``passes=2``."""
    from cleantext.features import SUFFIX_UNITS
    from cleantext.filters.segmenter import load

    sure = {**load(None), "suffix": {"base": 10.0, "trees": []}, "prefix": {"base": -10.0, "trees": []}}
    article = "".join(f"这是文章的第{i}句话，讲述了本市防汛工作的进展和安排。" for i in range(60))
    items = [f"链接{i}" for i in range(3 * SUFFIX_UNITS)]
    text = "标题\n" + article + "\n" + "\n".join(items) + "\n"
    doc = Document(text)
    found = Segmenter(model=sure).find(doc)
    assert found and doc.hints.get("more") is True
    kept = {n: Pipeline([Segmenter(model=sure)], passes=n).clean(text).text.count("链接") for n in (2, 4)}
    assert kept[4] < kept[2] < len(items)
