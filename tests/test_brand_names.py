"""Real names repeated in an article stay (issue 11): 44 names, each five times, in sentences written for the project.

Media channels, venues, events, companies, people and products, several of which end the way
injected brands end (体育, 娱乐, 国际, 平台, 彩票, app). Each name sits in five sentences of one
article, in the positions a name takes: subject, object, after 据/在/由, at the start of a paragraph,
before a full stop. The test fails if any brand filter removes any of them.
"""

import pytest

from cleantext import Pipeline
from cleantext.filters import BrandSpam

NAMES = [
    # media brands and channels
    "星海体育", "江城体育频道", "南方娱乐周刊", "晨光娱乐", "海峡电竞", "北辰文娱", "城市之声广播",
    # venues
    "奥体中心", "滨江体育馆", "星光国际影城", "银河大剧院", "东湖游泳馆", "金沙湾公园", "西山滑雪场",
    # events
    "全民健身运动会", "阳光体育大会", "城市马拉松", "青少年围棋锦标赛", "江南电竞嘉年华", "国际彩灯节", "秋季房交会",
    # organisations and companies
    "华信集团", "鼎盛科技", "恒达物流平台", "新华国际", "市体彩中心", "省福利彩票发行中心", "远航航空",
    "青禾农业合作社", "明德中学", "市第一人民医院", "绿源环保",
    # people
    "王建国", "李晓梅", "陈志远", "赵雅琴", "周文斌",
    # products and services
    "云帆支付平台", "易行app", "智慧社区平台", "掌上公交", "惠民健康卡", "乐学在线", "青橙音乐",
]

TEMPLATES = [
    "{x}表示，今年将继续加大投入，进一步提升服务质量和群众满意度。",
    "据{x}介绍，相关工作已经进入收尾阶段，预计下月底全部完成。",
    "{x}今年以来先后开展了十余场主题活动，吸引了大批市民参与。",
    "记者近日来到{x}，看到工作人员正在忙着为周末的活动做准备。",
    "此次活动由{x}牵头组织，多家单位共同参与，持续时间为一周。",
    "不少市民在接受采访时说，最近一段时间最关注的就是{x}。",
    "{x}的负责人告诉记者，下一步将结合群众需求推出更多便民举措。",
    "在{x}举行的座谈会上，与会代表围绕发展思路展开了热烈讨论。",
    "活动现场，{x}还发布了一份年度报告，对过去一年的工作进行了总结。",
    "对于网友的建议，{x}作出回应，称将认真研究并尽快改进。",
]

FILLER = [
    "今年以来，全市持续推进老旧小区改造工作，累计完成改造项目四十余个，惠及居民两万多户。",
    "在改造过程中，各区坚持先民生后提升的原则，优先解决加装电梯、雨污分流和停车难等问题。",
    "下一步，市住建部门将总结推广试点经验，建立长效管理机制，确保改造成果长期惠及居民。",
]


def article(i: int, name: str) -> str:
    picks = [TEMPLATES[(i + 3 * k) % len(TEMPLATES)] for k in range(5)]
    paras = [f"{name}持续推进各项工作"]
    for k, t in enumerate(picks):
        paras.append(t.format(x=name) + FILLER[k % len(FILLER)])
    return "\n\n".join(paras)


def test_the_names_are_many_and_each_repeated():
    assert len(NAMES) >= 40 and len(set(NAMES)) == len(NAMES)
    assert all(article(i, n).count(n) >= 5 for i, n in enumerate(NAMES))


@pytest.mark.parametrize("free", ["off", "mixed", "all"])
def test_no_real_name_is_removed(free):
    pipe = Pipeline([BrandSpam(free=free)])
    lost = []
    for i, name in enumerate(NAMES):
        text = article(i, name)
        r = pipe.clean(text)
        if r.text.count(name) != text.count(name) or r.report.removals:
            lost.append((name, [x.text for x in r.report.removals]))
    assert lost == []
