"""Corpus mode learns a brand that no single page was sure of (issue 11, item 5); a real name stays."""

from cleantext import Pipeline
from cleantext.corpus import learn, with_model
from cleantext.filters import BrandSpam
from cleantext.registry import build

SENTENCES = [
    "今年以来，全市持续推进老旧小区改造工作，累计完成改造项目四十余个，惠及居民两万多户。",
    "改造过程中，各区坚持先民生后提升的原则，优先解决加装电梯、雨污分流和停车难等问题。",
    "下一步，市住建部门将总结推广试点经验，建立长效管理机制，确保改造成果长期惠及居民。",
    "社区还组织志愿者开展入户走访，及时收集居民对施工安排和绿化方案的意见建议。",
    "记者在现场看到，新铺设的沥青路面平整干净，道路两侧的绿化带也已补种完毕。",
    "据了解，该项目总投资约三千万元，计划于明年六月底前全部完工并交付使用。",
]
BRAND = "QX汇隆"
NAME = "星河TV"


def _page(i: int) -> str:
    lines = [SENTENCES[(i + k) % len(SENTENCES)] for k in range(5)]
    # twice per page, at line starts only (no copy in running text): never sure on one page
    lines[1] = BRAND + lines[1]
    lines[3] = BRAND + lines[3]
    lines[2] = "据" + NAME + "报道，" + lines[2]
    lines[4] = NAME + "表示，" + lines[4]
    return "\n".join(lines)


def test_a_token_weak_on_every_page_is_learned_over_the_batch_and_a_name_stays():
    pages = [_page(i) for i in range(8)]
    single = Pipeline([BrandSpam()]).clean(pages[0])
    assert BRAND in single.text  # one page is not enough
    assert any(a.code == "brand.weak" and a.text == BRAND for a in single.report.annotations)
    model = learn(pages)
    learned = {b.token: b for b in model.brands}
    assert BRAND in learned and learned[BRAND].weak_docs >= 5
    pipe = type(build())(with_model(list(build().filters), model))
    for p in pages:
        out = pipe.clean(p).text
        assert BRAND not in out
        assert out.count(NAME) == 2
