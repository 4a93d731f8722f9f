"""Corpus mode: what is learned, what is not, and how a learned model is applied and reported."""

from __future__ import annotations

import importlib.util
import json
import pickle
from pathlib import Path

import pytest

from cleantext.corpus import CorpusFilter, Model, Params, learn, norm_line
from cleantext.corpus.cli import learn_main
from cleantext.engine import Cleaner

ROOT = Path(__file__).resolve().parents[1]


def _gen():
    spec = importlib.util.spec_from_file_location("gen_corpus", ROOT / "bench" / "gen_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def corpus():
    return _gen().generate(1200, 8, "builtin", seed=3)


@pytest.fixture(scope="module")
def model(corpus):
    return learn(corpus, text_field="input")


_HAN = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"


def _word(i: int) -> str:
    return _HAN[i % 22] + _HAN[(i // 22) % 22] + _HAN[(i // 484) % 22]


def _site_docs(n, site, footer):
    return [{"site": site, "text": f"标题{_word(i)}\n{_word(i)}篇文章的正文，内容各不相同。\n{footer}\n"}
            for i in range(n)]


def test_norm_line_ignores_digits_space_urls():
    assert norm_line("快照时间： 2024-01-02 03:04:05") == norm_line("快照时间:2019-11-12 13:14:15")
    assert norm_line("原文链接：http://a.example/1.html") == norm_line("原文链接:https://b.example/x?y=2")
    assert norm_line("邮件至kefu@a.example处理") == "邮件至@处理"


def test_site_footer_learned_with_relative_threshold():
    recs = _site_docs(40, "a", "本站内容来自网络采集，如有侵权请联系删除。")
    m = learn(recs)
    assert [ln.text for ln in m.lines] == [norm_line("本站内容来自网络采集，如有侵权请联系删除。")]
    ln = m.lines[0]
    assert (ln.docs, ln.site_docs, ln.kind) == (40, 40, "scraper_footer")
    assert ln.reason() == "seen in 40 of 40 documents (site a)"


def test_quoted_sentence_is_not_boilerplate():
    quote = "专家表示，这一政策将在明年全面推开，惠及更多家庭。"
    recs = _site_docs(60, "a", "A站页脚：转载请注明出处。") + _site_docs(60, "b", "B站页脚：版权所有。")
    recs[3]["text"] += quote + "\n"
    recs[70]["text"] += quote + "\n"
    recs[71]["text"] += quote + "\n"
    m = learn(recs)
    learned = {ln.text for ln in m.lines}
    assert norm_line(quote) not in learned
    assert {norm_line("A站页脚：转载请注明出处。"), norm_line("B站页脚：版权所有。")} <= learned
    # a line in 3 of 200 documents of a site is under max(5, 5%) = 10
    recs = _site_docs(200, "c", "页脚文字在这里出现。")
    for r in recs[:3]:
        r["text"] += quote + "\n"
    assert norm_line(quote) not in {ln.text for ln in learn(recs).lines}


def test_article_scraped_many_times_is_counted_once():
    body = "这是同一篇文章的正文，被同一个网站抓取了很多次，内容完全相同。"
    recs = _site_docs(30, "a", "页脚。") + [{"site": "a", "text": f"同一标题\n{body}\n页脚。\n"}] * 12
    m = learn(recs)
    assert m.docs == 42 and m.distinct_docs == 31
    assert norm_line(body) not in {ln.text for ln in m.lines}


def test_model_roundtrip_and_pickle(tmp_path, model):
    p = tmp_path / "m.json"
    model.save(p)
    m2 = Model.load(p)
    assert m2 == model
    assert pickle.loads(pickle.dumps(CorpusFilter(m2))).model == model
    with pytest.raises(ValueError):
        Model.from_dict({"format": "other"})


def test_generated_corpus_learns_each_sites_footer(corpus, model):
    sites = {r["site"] for r in corpus}
    assert set(model.sites) == sites
    per_site = {s: [ln for ln in model.lines if ln.site == s] for s in sites}
    assert all(per_site.values())
    kinds = {ln.kind for ln in model.lines}
    assert "scraper_footer" in kinds


def test_corpus_mode_reports_provenance_and_does_not_lose_content(corpus, model):
    plain, with_model = Cleaner(), Cleaner(model=model)
    extra = 0
    for case in corpus[:300]:
        r0 = plain.clean(case["input"])
        r1 = with_model.clean(case["input"], site=case["site"])
        gold = [(s, e) for s, e, _ in case["removals"]]
        for rem in r1.report.removals:
            if rem.filter != "corpus":
                continue
            extra += 1
            assert " seen in " in f" {rem.reason}" or rem.reason.startswith("known injected brand")
            # every corpus removal lies inside gold noise (whitespace aside)
            inside = sum(min(e, rem.end) - max(s, rem.start)
                         for s, e in gold if s < rem.end and rem.start < e)
            assert inside >= len(rem.text.strip()) - 1, (case["id"], rem)
        assert len(r1.text) <= len(r0.text)
    assert extra > 0


def test_cli_learn_main(tmp_path, corpus, capsys):
    src = tmp_path / "c.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in corpus[:400]), encoding="utf-8")
    out = tmp_path / "model.json"
    assert learn_main([str(src), "-o", str(out), "--text-field", "input"]) == 0
    m = Model.load(out)
    assert m.docs == 400 and m.lines
    assert "learned from" in capsys.readouterr().err
    assert learn_main([str(tmp_path / "missing.jsonl"), "-o", str(out)]) == 2


def test_params_are_recorded(model):
    assert model.params["min_docs"] == Params().min_docs
