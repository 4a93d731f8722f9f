#!/usr/bin/env python3
"""Generate a labelled corpus of scraped articles from many fake sites, for corpus-mode benchmarks.

Every fake site has its own footer lines (some with per-page parts: snapshot time, URL, editor),
its own injected brand token, its own "more news" heading and sometimes breadcrumb chrome. Each
document is written in the evaluation format of ``../shared/eval`` plus a ``site`` field:
``{"id", "site", "input", "removals": [[start, end, kind], ...]}``, so ``score.py`` scores it.

Brands are injected 1-2 times in half the documents that get one (too few for a per-document
filter to be sure) and 3-5 times in the other half. Precision traps: clean control documents,
paragraphs quoted by two sites, and articles scraped several times by one site.

Article text comes from ``--content``: ``builtin`` (sentences assembled from a small vocabulary
written for this script; what the tests use) or a directory of ``.txt`` articles whose sentences
are recombined into new paragraphs at generation time (the benchmark uses the hand-cleaned texts
of ``../shared/data/cwced-zh/cleaned``; the generated corpus is not committed).

    python bench/gen_corpus.py -n 20000 --sites 100 --content ../shared/data/cwced-zh/cleaned \\
        -o bench/out/gen.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

# -- built-in content (written for this generator) -----------------------------------------------
_WHO = (
    "市教育局 县农业农村局 区卫生健康委员会 省交通运输厅 市场监管部门 当地气象台 "
    "社区居委会 市图书馆 区文化馆 市消防救援支队 园区管委会 供电公司 自来水公司 "
    "科技企业孵化器 高校研究团队 志愿者服务队 乡镇卫生院 公交集团 物流协会 博物馆 "
).split()
_WHEN = (
    "近日 本周一 上月底 今年以来 昨天上午 日前 本月中旬 入冬以来 节假日期间 "
    "去年同期 "
).split()
_DID = (
    "启动了 发布了 完成了 组织开展了 召开了 推出了 验收了 公布了 试点了 升级了 "
).split()
_WHAT = (
    "老旧小区改造工程 冬季供暖保障方案 中小学课后服务计划 农产品质量抽检 城市绿道建设项目 "
    "夜间经济发展规划 公共文化服务季 交通安全宣传活动 垃圾分类示范点评选 社区养老服务站 "
    "高标准农田建设 数字政务服务平台 河道综合治理工程 青少年科普讲座 食品安全专项检查 "
    "再生资源回收网络 应急救援演练 旅游公共服务设施 中医药文化展 职业技能培训班 "
).split()
_MORE = ["共有{n}个单位参与", "预计惠及{n}余户居民", "累计投入资金{n}万元", "首批覆盖{n}个街道",
         "现场发放资料{n}份", "计划在{n}月底前完成", "涉及{n}个行政村", "参与人数超过{n}人"]
_SAID = ["负责人介绍", "工作人员表示", "相关专家指出", "一位居民告诉记者", "项目经理说", "据统计"]
_THEN = ["下一步将继续加大投入力度", "相关工作已经取得阶段性成果", "群众满意度明显提升", "后续还将开展回访",
         "运行情况总体平稳", "具体安排将另行通知", "这一做法得到了广泛好评", "目前各项准备工作已经就绪"]


def _builtin_sentence(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.5:
        return (f"{rng.choice(_WHEN)}，{rng.choice(_WHO)}{rng.choice(_DID)}{rng.choice(_WHAT)}，"
                f"{rng.choice(_MORE).format(n=rng.randint(2, 980))}。")
    if r < 0.8:
        return f"{rng.choice(_SAID)}，{rng.choice(_WHAT)}{rng.choice(_THEN)}。"
    who, when, did, what = rng.choice(_WHO), rng.choice(_WHEN), rng.choice(_DID), rng.choice(_WHAT)
    return f"{who}{when}{did}{what}，{rng.choice(_THEN)}。"


class Content:
    def __init__(self, source: str, rng: random.Random) -> None:
        self.rng = rng
        self.sentences: list[str] = []
        if source != "builtin":
            for f in sorted(Path(source).glob("*.txt")):
                for para in f.read_text(encoding="utf-8", errors="replace").split("\n"):
                    for s in re.findall(r"[^。！？!?]+[。！？!?]?", para.strip()):
                        s = s.strip()
                        if 8 <= len(s) <= 160:
                            self.sentences.append(s)
            if not self.sentences:
                raise SystemExit(f"no sentences found in {source}")

    def sentence(self) -> str:
        return self.rng.choice(self.sentences) if self.sentences else _builtin_sentence(self.rng)

    def paragraph(self) -> str:
        return "".join(self.sentence() for _ in range(self.rng.randint(2, 5)))

    def title(self) -> str:
        s = max(re.split(r"[，。！？,；：]", self.sentence()), key=len).strip()
        return s[:30] or "无题"


# -- sites -------------------------------------------------------------------------------------
_B_PRE = ["", "", "", "OB", "KY", "BOB", "AG", "V8", "HG", "JS"]
_B_CORE = (
    "金鼎 银河湾 星辉 鸿运 天和 乐享 博雅 万豪 瑞丰 富盈 皇朝 金樽 利来 宝盈 "
    "汇丰源 大发 幸运星 彩虹岛 红运 金冠 豪门 新天地 天成 鼎盛 御龙 "
).split()
_B_SUF = (
    "体育 娱乐 娱乐城 官网 app 平台 国际 棋牌 彩票 真人 电竞 官方网站 "
).split()
_SYL = "ba bo ci da fe gu he ji ka lu mo ni pa qi ru su ta wu xi ya zo".split()
_FOOT = [
    "本页面内容由{name}自动采集生成，仅供学习交流，版权归原作者所有。",
    "如有侵权请发送邮件至{email}，我们将在24小时内处理。",
    "快照时间：{datetime}",
    "原文链接：http://{domain}/news/{num}.html",
    "{name}提醒您：本站转载内容不代表本站立场，请读者自行甄别。",
    "责任编辑：{editor}",
    "声明：本文由{name}整理转载，目的在于传递更多信息，不代表本站观点。",
    "Copyright © 2012-2025 {domain} All Rights Reserved",
    "扫码关注{name}公众号，获取更多一手资讯",
    "本站所有文章均来自网络收集，{name}不承担任何法律责任。",
]
_HEAD = ["热门推荐", "相关阅读", "猜你喜欢", "更多精彩内容", "{name}热点", "延伸阅读", "为您推荐", "最新资讯",
         "大家都在看", "今日要闻"]
_CATS = ["新闻", "科技", "财经", "社会", "文化", "教育", "体育", "健康"]
_EDITORS = ["王晓", "陈立", "刘敏", "赵倩", "孙浩", "周静", "吴凡", "郑洁", "冯涛", "何雪"]


def _datetime(rng: random.Random) -> str:
    return (f"20{rng.randint(12, 25):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} "
            f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}")


def _renamed_brand(rng: random.Random) -> str:
    """A brand of the held-out shape families of ``bench/rename_brands.py`` (suffixes outside the list)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import rename_brands as rb

    return rb.make_brand(rng, rng.choice(list(rb.SUFFIX_FAMILIES)), rng.choice(list(rb.NAME_FAMILIES)))


def make_sites(n: int, rng: random.Random, brand_shapes: str = "listed") -> list[dict]:
    sites, brands = [], set()
    for i in range(n):
        while True:
            brand = rng.choice(_B_PRE) + rng.choice(_B_CORE) + rng.choice(_B_SUF)
            if brand_shapes == "families":
                brand = _renamed_brand(rng)
            if brand not in brands:
                brands.add(brand)
                break
        domain = "".join(rng.choice(_SYL) for _ in range(3)) + rng.choice([".com", ".net", ".cn", ".cc"])
        name = rng.choice(["资讯", "新闻", "快讯", "头条", "视点", "在线"])
        name = "".join(rng.choice(_SYL) for _ in range(2)).capitalize() + name
        sites.append({
            "site": f"site{i:03d}", "brand": brand, "domain": domain, "name": name,
            "email": f"{rng.choice(['admin', 'kefu', 'report', 'service'])}@{domain}",
            "footer": rng.sample(_FOOT, rng.randint(2, 3)),
            "editors": rng.sample(_EDITORS, 3),
            "head": rng.choice(_HEAD).format(name=name),
            "chrome": rng.random() < 0.4,
            "tail_first": rng.random() < 0.25,
            "p_brand": rng.choice([0.3, 0.5, 0.7]),
            "p_footer": rng.choice([0.7, 0.85, 0.95]),
            "p_tail": rng.choice([0.4, 0.6, 0.8]),
        })
    return sites


class Doc:
    """Segments (text, kind or None) joined into the input, with the gold spans."""

    def __init__(self) -> None:
        self.lines: list[list[tuple[str, str | None]]] = []

    def line(self, text: str, kind: str | None = None) -> None:
        self.lines.append([(text, kind)])

    def build(self) -> tuple[str, list[list]]:
        out, spans, pos = [], [], 0
        for i, segs in enumerate(self.lines):
            if i:
                out.append("\n")
                pos += 1
            for text, kind in segs:
                if kind and text:
                    spans.append([pos, pos + len(text), kind])
                out.append(text)
                pos += len(text)
        return "".join(out) + "\n", spans


def inject(paras: list[str], brand: str, k: int, rng: random.Random) -> list[list[tuple[str, str | None]]]:
    """Put ``brand`` ``k`` times into the paragraphs: at a start, before or after a comma, mid-sentence."""
    where: dict[int, list[int]] = {}
    for _ in range(k):
        i = rng.randrange(len(paras))
        p = paras[i]
        r = rng.random()
        commas = [m.start() for m in re.finditer("，", p)]
        if r < 0.35 or not commas:
            at = 0
        elif r < 0.7:
            at = rng.choice(commas)  # 说X，
        elif r < 0.85:
            at = rng.choice(commas) + 1
        else:
            at = rng.randint(1, max(1, len(p) - 1))
        where.setdefault(i, []).append(at)
    out = []
    for i, p in enumerate(paras):
        cuts = sorted(set(where.get(i, [])))
        segs: list[tuple[str, str | None]] = []
        prev = 0
        for at in cuts:
            segs.append((p[prev:at], None))
            segs.append((brand, "brand_spam"))
            prev = at
        segs.append((p[prev:], None))
        out.append([s for s in segs if s[0]])
    return out


def make_doc(site: dict, content: Content, rng: random.Random, quoted: list[str],
             body: tuple[str, list[str]] | None = None) -> tuple[dict, tuple[str, list[str]]]:
    d = Doc()
    control = rng.random() < 0.1
    title, paras = body or (content.title(), [content.paragraph() for _ in range(rng.randint(3, 9))])
    if not control and rng.random() < 0.05 and quoted:
        paras = paras[:1] + [rng.choice(quoted)] + paras[1:]
    if not control and site["chrome"] and rng.random() < 0.8:
        d.line(f"首页 > {rng.choice(_CATS)} > 正文", "page_chrome")
        d.line(f"来源：{site['name']}  发布时间：{_datetime(rng)}", "page_chrome")
    d.line(title)
    if not control and rng.random() < site["p_brand"]:
        k = rng.randint(1, 2) if rng.random() < 0.5 else rng.randint(3, 5)
        d.lines.extend(inject(paras, site["brand"], k, rng))
    else:
        for p in paras:
            d.line(p)
    if not control and rng.random() < 0.06:
        for p in paras:
            d.line(p, "duplicate")
    blocks = []
    if not control and rng.random() < site["p_footer"]:
        foot = []
        for t in site["footer"]:
            if rng.random() < 0.9:
                foot.append(t.format(name=site["name"], email=site["email"], domain=site["domain"],
                                     datetime=_datetime(rng), num=rng.randint(10000, 999999),
                                     editor=rng.choice(site["editors"])))
        blocks.append([(t, "scraper_footer") for t in foot])
    if not control and rng.random() < site["p_tail"]:
        tail = [(site["head"], "unrelated_tail")]
        for _ in range(rng.randint(4, 8)):
            tail.append((content.title(), "unrelated_tail"))
            tail.append((_datetime(rng), "unrelated_tail"))
        blocks.append(tail)
    if site["tail_first"]:
        blocks.reverse()
    for b in blocks:
        for t, k in b:
            d.line(t, k)
    text, spans = d.build()
    return {"site": site["site"], "input": text, "removals": spans}, (title, paras)


def generate(n: int, n_sites: int, content: str = "builtin", seed: int = 0,
             brand_shapes: str = "listed") -> list[dict]:
    rng = random.Random(seed)
    cont = Content(content, rng)
    sites = make_sites(n_sites, rng, brand_shapes)
    weights = [1.0 / (1 + i) ** 0.5 for i in range(n_sites)]
    quoted = [cont.paragraph() for _ in range(max(5, n // 400))]
    history: dict[str, list] = {}
    out = []
    for i in range(n):
        site = rng.choices(sites, weights)[0]
        prev = history.setdefault(site["site"], [])
        body = rng.choice(prev) if prev and rng.random() < 0.02 else None  # scraped again
        rec, b = make_doc(site, cont, rng, quoted, body)
        if len(prev) < 50:
            prev.append(b)
        rec = {"id": f"gen-{i:06d}", **rec}
        out.append(rec)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=20000, help="documents")
    ap.add_argument("--sites", type=int, default=100)
    ap.add_argument("--content", default="builtin", help="'builtin' or a directory of .txt articles")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--brands", choices=("listed", "families"), default="listed",
                    help="'listed': brands of this script's parts; 'families': the held-out shape "
                    "families of bench/rename_brands.py (issue 11: brands the suffix list does not know)")
    ap.add_argument("-o", "--output", required=True)
    a = ap.parse_args(argv)
    recs = generate(a.n, a.sites, a.content, a.seed, a.brands)
    Path(a.output).parent.mkdir(parents=True, exist_ok=True)
    with open(a.output, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    kinds: dict[str, int] = {}
    for r in recs:
        for _, _, k in r["removals"]:
            kinds[k] = kinds.get(k, 0) + 1
    print(f"{len(recs)} documents from {a.sites} sites -> {a.output}; spans {kinds}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
