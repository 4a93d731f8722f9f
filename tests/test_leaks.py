"""Leaked script and style: found by syntax, cut from where it starts, prose and code listings kept."""

from __future__ import annotations

import cleantext
from cleantext.leaks import code_spans

_JS = ("!function(){var t=document.getElementById(\"box\");if(t){t.style.display=\"none\";"
       "for(var i=0;i<3;i++){load(i);}}function load(n){return fetch(\"/api?p=\"+n).then(show);}}();")
_CSS = (".nav{margin:0 auto;padding:4px 8px;}.nav a{color:#333;font-size:14px;}"
        ".footer{border-top:1px solid #eee;line-height:1.6;}")
_ARTICLE = ("本市今天召开防汛工作会议，部署下一阶段的防汛准备工作。\n\n"
            "会议要求各区加强巡查，及时排除隐患，确保群众生命财产安全。\n")


def test_minified_script_glued_before_the_article_is_cut_from_where_it_starts() -> None:
    text = "防汛会议召开\n\n" + _JS + "本市今天召开防汛工作会议。\n\n" + _ARTICLE
    res = cleantext.clean(text)
    cut = [r for r in res.report.removals if r.code == "chrome.script"]
    assert [(r.start, r.end) for r in cut] == [(text.index(_JS), text.index(_JS) + len(_JS))]
    assert "本市今天召开防汛工作会议。" in res.text and "function" not in res.text


def test_minified_style_is_found() -> None:
    assert code_spans("页面\n" + _CSS + "\n正文。") == [(3, 3 + len(_CSS))]


def test_a_code_listing_on_short_lines_stays() -> None:
    listing = "\n".join(["function load(n) {", "  var t = document.getElementById('box');",
                         "  if (t) { t.style.display = 'none'; }", "  return fetch('/api?p=' + n);", "}"])
    text = "下面的代码演示了如何隐藏一个元素。\n\n" + listing + "\n\n运行后，元素就不见了。\n"
    assert code_spans(text) == []
    assert cleantext.clean(text).text == text


def test_prose_with_brackets_and_semicolons_stays() -> None:
    english = ("Smith, J.; Jones, K. (2019). \"On the use of brackets (and braces {like these}) in prose\"; "
               "Journal of Style 12 (3): 45-67; see also Brown, L.; White, M. (2020) for a reply; "
               "and Green, P. (ed.) {2021} for a review.")
    chinese = "他说：“这（指合同）是一份{草案}；我们会修改（见附件一）；请各方（包括律师）提出意见；谢谢。”" * 3
    for text in (english, chinese):
        assert code_spans(text) == []
        assert cleantext.clean(text).text == text


def test_a_short_formula_stays() -> None:
    text = "当 f(x)=x*(x+1); g(x)={x;x>0}; h(x)=f(g(x)); 时，函数单调递增。" * 2
    assert code_spans(text) == []
