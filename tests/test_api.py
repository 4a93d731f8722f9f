import json

import cleantext
from cleantext import Pipeline, Removal, Report
from cleantext.filters import Filter


def test_report_round_trip():
    text = "标题\n\n正文第一段，内容足够长，讲了一件完整的事情，包含许多细节和背景信息。\n\n" * 1
    text += "正文第一段，内容足够长，讲了一件完整的事情，包含许多细节和背景信息。\n正文第二段也很长，讲了另外一件完整的事情，同样包含细节。\n" * 2
    r = cleantext.clean(text)
    d = json.loads(r.report.to_json())
    assert Report.from_dict(d).removals == r.report.removals
    assert cleantext.apply(text, r.report.removals) == r.text


def test_custom_filter_composes():
    class Shout(Filter):
        name = "shout"
        kind = "brand_spam"

        def find(self, doc):
            i = doc.text.find("BUY!")
            return [self.span(doc, i, i + 4, "shouting")] if i >= 0 else []

    r = Pipeline([Shout()]).clean("好消息BUY!今天。")
    assert r.text == "好消息今天。"
    assert r.report.removals == [Removal(3, 7, "brand_spam", "shout", "shouting", 1.0, "BUY!", "shout.match")]


def test_limit_leaves_document_unchanged():
    text = "一" * 100
    r = Pipeline(max_chars=10).clean(text)
    assert r.text == text and r.report.removals == [] and "limit" in r.report.skipped


def test_filter_stats_count():
    p = Pipeline()
    p.clean("首页 > 新闻 > 国内\n标题\n正文，这是一个足够长的段落，用来说明统计会被记录下来的情况。\n")
    assert p.stats["chrome"].docs == 1 and p.stats["chrome"].removals == 1
