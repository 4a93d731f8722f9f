"""HTML extraction: block structure, main-region choice, removals with kinds, reasons and offsets."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleantext
from cleantext.html.blocks import parse_lines
from cleantext.html.extract import extract
from cleantext.html.sniff import looks_like_html
from cleantext.spans import apply

try:
    import lxml  # noqa: F401

    HAVE_LXML = True
except ImportError:  # pragma: no cover - lxml is optional
    HAVE_LXML = False

PARSERS = ["html.parser"] + (["bs4", "lxml"] if HAVE_LXML else [])

ARTICLE = [
    "本市今年新建的三座社区图书馆已于周一正式开放，市民凭身份证即可免费借阅，首日接待读者两千余人次。",
    "据介绍，新馆共藏书十二万册，设有儿童阅览区、自习室和数字资源区，开放时间为每天九点至二十一点。",
    "一位带着孩子前来参观的居民说：“家门口就有图书馆，周末不用再跑远路了，孩子也多了一个去处。”",
    "馆方表示，下一步将根据借阅数据调整馆藏结构，并定期举办读书会和讲座，欢迎市民提出意见和建议。",
]

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>社区图书馆开放 - 示例新闻网</title>
<style>p {{ color: red }}</style><script>var x = "不应出现的脚本文字";</script></head>
<body>
<div id="nav"><a href="/">首页</a> | <a href="/a">国内</a> | <a href="/b">国际</a> | <a href="/c">财经</a>
 | <a href="/d">体育</a> | <a href="/e">娱乐</a></div>
<div class="main">
<h1>社区图书馆正式开放</h1>
<div class="info">2024-05-06 10:00 来源：示例日报</div>
<div class="article">
{paras}
<div style="display:none">隐藏的统计代码说明文字，读者看不到。</div>
</div>
<div class="related"><h3>相关新闻</h3><ul>
<li><a href="/1">全市公共文化设施建设提速，年内再建五座分馆</a></li>
<li><a href="/2">暑期少儿阅读活动报名开始，名额有限先到先得</a></li>
<li><a href="/3">老旧小区改造新增阅览角，居民点赞家门口的书香</a></li>
<li><a href="/4">数字图书馆上线有声书专区，覆盖三千种图书</a></li>
</ul></div>
</div>
<div id="footer">关于我们 | 联系我们 | 版权所有 © 2024 示例新闻网 京ICP备00000000号</div>
</body></html>"""


def page(paras=ARTICLE):
    return PAGE.format(paras="\n".join(f"<p>{p}</p>" for p in paras))


def kept(ex):
    return apply(ex.text, ex.removals)


@pytest.mark.parametrize("parser", PARSERS)
def test_article_kept_and_chrome_removed(parser):
    ex = extract(page(), parser=parser)
    out = kept(ex)
    for p in ARTICLE:
        assert p in out
    assert "首页" not in out and "全市公共文化设施" not in out and "版权所有" not in out
    assert "隐藏的统计代码" not in out
    assert "不应出现的脚本文字" not in ex.text and "color: red" not in ex.text
    assert ex.metadata["title"] == "社区图书馆开放 - 示例新闻网"
    assert ex.metadata["headline"] == "社区图书馆正式开放"


def test_removal_kinds_and_reasons():
    ex = extract(page())
    by_text = {r.text: r for r in ex.removals}
    nav = next(r for t, r in by_text.items() if "首页" in t)
    assert nav.kind == "page_chrome" and "link density" in nav.reason
    tail = next(r for t, r in by_text.items() if "全市公共文化设施" in t)
    assert tail.kind == "unrelated_tail" and "link" in tail.reason
    foot = next(r for t, r in by_text.items() if "版权所有" in t)
    assert foot.kind == "scraper_footer"
    hidden = next(r for t, r in by_text.items() if "隐藏的统计代码" in t)
    assert "hidden" in hidden.reason
    for r in ex.removals:
        assert ex.text[r.start:r.end] == r.text and r.filter == "html"
        assert r.kind in cleantext.KINDS


def test_every_block_is_its_own_line():
    html = ("<html><body><h2>小标题</h2><p>第一段<br>第二行</p><ul><li>甲</li><li>乙</li></ul>"
            "<table><tr><td>单元一</td><td>单元二</td></tr></table><div>正文<span>内联</span>结束</div>"
            "</body></html>")
    lines = [ln.text for ln in parse_lines(html, "html.parser")[0]]
    assert lines == ["小标题", "第一段", "第二行", "甲", "乙", "单元一", "单元二", "正文内联结束"]


def test_link_characters_are_counted():
    lines, _ = parse_lines('<html><body><p>前文<a href="/">链接文字</a>后文</p></body></html>', "html.parser")
    assert lines[0].text == "前文链接文字后文" and lines[0].link_chars == 4


def test_reader_comments_are_dropped():
    said = "说得很好，支持一下，希望以后多多报道这类新闻。"
    comments = "".join(f'<div class="comment"><p>网友{i}：{said}</p></div>' for i in range(8))
    rel = '<div class="related">'
    html = page().replace(rel, f'<div id="comments">{comments}</div>{rel}')
    out = kept(extract(html))
    assert ARTICLE[-1] in out and "网友3" not in out


def test_clean_html_offsets_index_source_text():
    r = cleantext.clean(page())
    assert r.report.input["format"] == "html"
    src = r.report.source_text
    assert src is not None
    for rem in r.report.removals:
        assert src[rem.start:rem.end] == rem.text
    assert cleantext.apply(src, r.report.removals) == r.text
    for p in ARTICLE:
        assert p in r.text


def test_clean_bytes_html_in_gbk():
    html = page().replace('charset="utf-8"', 'charset="gb2312"').replace("©", "(C)")
    r = cleantext.clean(html.encode("gbk"))
    assert r.report.input["encoding"] == "gb18030" and r.report.input["format"] == "html"
    assert ARTICLE[0] in r.text


def test_format_html_forced_and_sniffing():
    assert looks_like_html(page())
    wrapped = '<text id="u" encoding="gb2312">\n<script>x</script><div><p>a</p><br><a>b</a></div>'
    assert looks_like_html(wrapped)
    assert not looks_like_html("普通文本 <b>不是网页</b>")
    r = cleantext.clean("<p>" + ARTICLE[0] + "</p>", format="html")
    assert r.text.strip() == ARTICLE[0]


@pytest.mark.parametrize("html", [
    "", "   ", "<html></html>", "<p>", "<<<>>>", "<html><body>只有一句</body></html>",
    "<?xml version='1.0' encoding='gbk'?><html><body><p>正文。</p></body></html>",
])
@pytest.mark.parametrize("parser", PARSERS)
def test_degenerate_pages_do_not_raise(html, parser):
    ex = extract(html, parser=parser)
    assert isinstance(ex.text, str)


@pytest.mark.skipif(not HAVE_LXML, reason="lxml not installed")
def test_fast_path_identical_on_synthetic_page():
    a, b = extract(page(), parser="lxml"), extract(page(), parser="bs4")
    assert a.text == b.text and a.removals == b.removals and a.metadata == b.metadata


@pytest.mark.parametrize("parser", PARSERS)
def test_preformatted_text_keeps_its_lines(parser):
    html = "<html><body><pre>床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。</pre></body></html>"
    lines = [ln.text for ln in parse_lines(html, parser)[0]]
    assert lines == ["床前明月光，", "疑是地上霜。", "举头望明月，", "低头思故乡。"]


@pytest.mark.parametrize("parser", PARSERS)
def test_deeply_nested_page(parser):
    body = "<p>" + ARTICLE[0] + "</p>" + "<div>" * 3000 + "<p>" + ARTICLE[1] + "</p>" + "</div>" * 3000
    out = kept(extract(f"<html><body>{body}</body></html>", parser=parser))
    assert ARTICLE[0] in out and ARTICLE[1] in out


_TAGS = ["div", "p", "span", "a", "li", "ul", "td", "tr", "table", "h2", "b", "br", "script", "pre", "section"]
_LEAVES = ["正文一段，有标点。", "链接", "abc", " ", "\n", "首页 | 新闻"]
_ATTRS = ["", ' class="content"', ' class="nav"', ' style="display:none"', ' class="comment"', ' href="/x"']


@st.composite
def _node(draw, depth=0):
    if depth > 4 or draw(st.booleans()):
        return draw(st.sampled_from(_LEAVES))
    tag = draw(st.sampled_from(_TAGS))
    if tag == "br":
        return "<br>"
    kids = "".join(draw(st.lists(_node(depth + 1), max_size=4)))
    return f"<{tag}{draw(st.sampled_from(_ATTRS))}>{kids}</{tag}>"


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(_node(), min_size=1, max_size=6))
def test_generated_pages_offsets_and_parity(parts):
    html = "<html><body>" + "".join(parts) + "</body></html>"
    results = [extract(html, parser=p) for p in PARSERS]
    for ex in results:
        for r in ex.removals:
            assert ex.text[r.start:r.end] == r.text
    if HAVE_LXML:
        fast, soup = results[-1], results[-2]  # "lxml", "bs4"
        assert fast.text == soup.text and fast.removals == soup.removals


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_any_text_in_markup_never_raises(t):
    html = f"<html><body><p>{t}</p><div>{t[::-1]}</div></body></html>"
    results = [extract(html, parser=p) for p in PARSERS]
    for ex in results:
        for r in ex.removals:
            assert ex.text[r.start:r.end] == r.text
    assert isinstance(cleantext.clean(html).text, str)
