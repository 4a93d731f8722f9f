"""Project-written article lines and a helper shared by the brand tests."""

from cleantext import Pipeline
from cleantext.filters import BrandSpam

LINES = [
    "今年以来，全市持续推进老旧小区改造工作，累计完成改造项目四十余个，惠及居民两万多户。",
    "在改造过程中，各区坚持先民生后提升的原则，优先解决加装电梯、雨污分流和停车难等问题。",
    "下一步，市住建部门将总结推广试点经验，建立长效管理机制，确保改造成果长期惠及居民。",
    "社区还组织志愿者开展入户走访，及时收集居民对施工安排和绿化方案的意见建议。",
]


def brand_cuts(text: str, **kw) -> list[str]:
    """The texts the brand filter alone removes as brand spam."""
    r = Pipeline([BrandSpam(**kw)]).clean(text)
    return [x.text for x in r.report.removals if x.kind == "brand_spam"]


def brand_notes(text: str, **kw) -> list[str]:
    """The strings the brand filter alone annotates as unsure brand spam (kept), at their first copy."""
    r = Pipeline([BrandSpam(**kw)]).clean(text)
    return [text[x.start:x.end] for x in r.report.annotations if x.code == "brand.weak"]
