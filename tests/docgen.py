"""Scraped-article-like documents for the property tests and the scaling benchmark.

Everything here is written for this project (no sentence, brand or site comes from the evaluation
sets). ``document(rng)`` composes a page from a ``random.Random``: optional navigation and header
lines, a title, paragraphs of news sentences (ASCII and full-width punctuation mixed), optionally a
paragraph pasted twice, an invented brand token injected at sentence starts, a snapshot footer, a
"more news" tail of dated headlines, and random noise (stray characters, blank lines, odd spaces).
``body(rng, n_chars)`` makes long, varied prose from sentence templates, so that a 10 MB body holds
no repeated paragraph for the duplicate filter to collapse.
"""

from __future__ import annotations

import random

SENTENCES = [
    "本报讯，今年以来，我市持续推进老旧小区改造，已有三十二个小区完成外墙和管网更新。",
    "据市住建局介绍,改造内容包括加装电梯、增设停车位以及完善无障碍设施等多个方面。",
    "家住东湖街道的王阿姨告诉记者：“以前下雨天楼道总是漏水，现在终于不用发愁了。”",
    "下一步，相关部门将建立长效管理机制，确保改造成果惠及更多居民。",
    "记者从市交通运输局获悉，新开通的两条公交线路日均客流已突破一万人次。",
    "为方便早晚高峰通勤,两条线路的发车间隔已由十五分钟缩短至八分钟。",
    "此外，沿线新设的十二个站点均配备了电子站牌，乘客可实时查询车辆位置。",
    "据气象部门预报，本周后半段受冷空气影响，全市将出现明显降温和大风天气。",
    "专家提醒，市民外出时应注意防寒保暖，老人和儿童要尽量减少户外活动。",
    "在昨天举行的新闻发布会上，市教育局公布了今年秋季学期的招生安排。",
    "今年全市计划新增公办学位八千个，重点缓解城东、城南片区入学压力。",
    "对于家长关心的划片问题，教育局表示将坚持就近入学原则，做到公开透明。",
    "当天上午，第三届社区运动会在市体育中心开幕，来自各街道的一千余名选手参赛。",
    "比赛设置了拔河、跳绳、健步走等十个项目，兼顾趣味性和参与性。",
    "一位参赛的退休教师说,这样的活动让邻里之间更熟悉了，也让大家动了起来。",
    "据统计，一季度全市规模以上工业增加值同比增长百分之六点二，增速高于全省平均水平。",
]

TITLES = [
    "我市老旧小区改造取得阶段性成效", "两条新公交线路开通运营", "本周后半段将迎来明显降温",
    "秋季学期招生安排公布", "第三届社区运动会开幕", "一季度工业经济稳中向好",
]

BRANDS = ["星耀娱乐", "鑫汇体育", "盛鼎国际", "xh888.vip", "KX金沙真人"]

HEADERS = [
    "发布时间：2024-03-01 10:00 来源：某某网 作者：张三",
    "发布时间:2023-11-18 08:30:12 来源:城市晨报 编辑:李四",
    "2024-05-06 09:15 来源：示例日报",
    "类别：本地新闻 人气：1024 作者：小编",
]

NAV = ["首页 > 新闻 > 本地", "当前位置：首页 / 社会 / 民生", "• 我的订阅", "网站首页 | 新闻中心 | 图片频道 | 视频"]

FOOTERS = [
    "以上内容为网页快照，由某某搜索爬虫自动采集并收录，本站未对内容做任何修改，不代表本站立场。",
    "快照生成时间：2024-05-02 08:15:30",
    "如有侵权，请联系删除。",
    "版权所有 © 2024 示例资讯网 京ICP备12345678号",
]

TAIL_HEADINGS = ["更多关于本地的资讯", "相关阅读", "猜你喜欢"]

HEADLINES = [
    "城南新区两所中学年内开工建设", "市民公园夜间开放时间延长至二十二点", "全市首批智慧停车场投入使用",
    "地铁三号线二期工程进入铺轨阶段", "春季植树活动吸引上千名志愿者参与", "社区食堂试点扩大到二十个街道",
    "图书馆推出夜读服务受到欢迎", "城市绿道新增骑行路线三条",
]

NOISE = ["", " ", "\u3000", "\t", "\r", "·", "|", "…", "★", "\x00", "\ufeff", "&nbsp;", "▲"]


def paragraph(rng: random.Random, k: int | None = None) -> str:
    k = k or rng.randint(1, 4)
    return "".join(rng.sample(SENTENCES, k))


def _inject(rng: random.Random, para: str, brand: str) -> str:
    """The brand token pasted at the start of the paragraph or of one of its sentences."""
    cuts = [0] + [i + 1 for i, c in enumerate(para) if c in "。，," and i + 1 < len(para)]
    at = rng.choice(cuts)
    return para[:at] + brand + para[at:]


def _date(rng: random.Random) -> str:
    return f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"


def document(rng: random.Random, *, brands: bool = True, tail: bool = True, copies: bool = True,
             noise: dict | None = None) -> str:
    """One page, each kind of noise present or not at random (``brands``/``tail``/``copies``: may add them).

    ``noise``, if given, is filled with what was injected (the property tests measure how much of
    it comes out): ``nav``/``header``/``footers``/``tail`` lines, ``copy`` (the pasted paragraph),
    ``brand`` (token, times injected) and ``content`` (the sentences of the article). Passing it
    does not change the page a seed makes.
    """
    got: dict = {"nav": [], "header": [], "copy": None, "brand": None, "footers": [], "tail": [],
                 "content": []}
    lines: list[str] = []
    if rng.random() < 0.4:
        got["nav"] = rng.sample(NAV, rng.randint(1, 2))
        lines += got["nav"]
    title = rng.choice(TITLES)
    lines.append(title)
    if rng.random() < 0.6:
        got["header"] = [rng.choice(HEADERS)]
        lines += got["header"]
    paras = [paragraph(rng) for _ in range(rng.randint(1, 6))]
    if not copies:  # no sentence twice anywhere
        pool = rng.sample(SENTENCES, len(SENTENCES))
        paras = ["".join(pool[i : i + 3]) for i in range(0, rng.randint(1, 5) * 3, 3)]
    if rng.random() < 0.3:
        paras.insert(0, title)
    got["content"] = [s for p in paras for s in SENTENCES if s in p]
    if copies and rng.random() < 0.4 and paras:
        i = rng.randrange(len(paras))
        paras.insert(rng.randint(i + 1, len(paras)), paras[i])  # a paragraph pasted twice
        got["copy"] = paras[i]
    if brands and rng.random() < 0.4:
        brand = rng.choice(BRANDS)
        k = rng.randint(1, 4)
        for _ in range(k):
            i = rng.randrange(len(paras))
            paras[i] = _inject(rng, paras[i], brand)
        got["brand"] = (brand, k)
    lines += paras
    if rng.random() < 0.4:
        got["footers"] = rng.sample(FOOTERS, rng.randint(1, len(FOOTERS)))
        lines += got["footers"]
    if tail and rng.random() < 0.4:
        if rng.random() < 0.7:
            lines.append(rng.choice(TAIL_HEADINGS))
            got["tail"].append(lines[-1])
        for h in rng.sample(HEADLINES, rng.randint(2, 6)):
            lines.append(h)
            lines.append(_date(rng))
            got["tail"].append(h)
    out: list[str] = []
    for ln in lines:
        if rng.random() < 0.15:
            ln = rng.choice(NOISE) + ln + rng.choice(NOISE)
        out.append(ln)
        out.extend([""] * rng.choice((0, 1, 1, 1, 2)))
    if noise is not None:
        noise.update(got)
    return "\n".join(out) + rng.choice(("", "\n", "\n\n"))


# -- long varied prose for the scaling benchmark ---------------------------------------------------
_PLACES = ["城东", "城南", "城西", "城北", "高新区", "滨江新区", "东湖街道", "西山镇", "北塘社区", "南湖片区",
           "开发区", "老城区", "江北新城", "临港片区", "青石镇"]
_ORGS = ["住建部门", "交通部门", "教育部门", "卫健部门", "文旅部门", "街道办事处", "社区居委会", "市场监管部门",
         "生态环境部门", "应急管理部门", "水务部门", "园林部门"]
_ACTS = ["启动了", "完成了", "推进了", "验收了", "部署了", "试点了", "升级了", "调整了", "扩大了", "总结了"]
_OBJS = ["道路改造工程", "雨污分流项目", "社区养老服务站", "公共充电设施", "校园安全专项检查", "夜间经济街区",
         "老旧管网更新", "口袋公园建设", "智慧停车系统", "垃圾分类示范点", "便民服务中心", "河道综合治理"]
_FACTS = ["涉及居民{n}户", "总投资约{n}万元", "覆盖面积{n}平方米", "新增岗位{n}个", "服务群众{n}人次",
          "预计工期{n}天", "完成进度百分之{p}"]
_COMMENTS = ["群众反映良好", "下一步将继续跟进", "相关负责人表示将加强监管", "居民普遍表示支持",
             "专家认为具有示范意义", "具体安排将另行公布", "后续还将征求各方意见", "项目建成后将向公众开放"]
_PUNCT = [("，", "。"), (",", "。"), ("，", "；"), ("、", "。")]


def sentence(rng: random.Random) -> str:
    comma, stop = rng.choice(_PUNCT)
    fact = rng.choice(_FACTS).format(n=rng.randint(10, 99999), p=rng.randint(1, 99))
    return (f"{rng.choice(_PLACES)}{rng.choice(_ORGS)}{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
            f"{rng.choice(_ACTS)}{rng.choice(_OBJS)}{comma}{fact}{comma}{rng.choice(_COMMENTS)}{stop}")


def body(rng: random.Random, n_chars: int) -> str:
    """Varied prose of about ``n_chars`` characters: paragraphs of 2-6 template sentences, with a
    heading, a short list or a line of stray characters now and then (no repeated paragraph)."""
    parts: list[str] = []
    size = 0
    while size < n_chars:
        r = rng.random()
        if r < 0.05:
            p = rng.choice(TITLES) + f"（{rng.randint(1, 999)}）"
        elif r < 0.08:
            p = "\n".join(f"{i}、{sentence(rng)}" for i in range(1, rng.randint(2, 5)))
        elif r < 0.10:
            p = "".join(rng.choice(NOISE[1:]) for _ in range(rng.randint(1, 6))) + sentence(rng)
        else:
            p = "".join(sentence(rng) for _ in range(rng.randint(2, 6)))
        parts.append(p)
        size += len(p) + 2
    return "\n\n".join(parts) + "\n"
