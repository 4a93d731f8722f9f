"""Rename dev's injected brands into held-out shape families AND move where they are injected.

    python bench/rename_brands.py ../shared/eval/dev.jsonl -o /tmp/brand-renamed.jsonl [--seed 1]

Every ``brand_spam`` span of a case is cut out of its input; each distinct brand of the case is then
replaced by a brand drawn from one *suffix family* and one *name family* (below) and pasted back the
same number of times at new positions drawn from six kinds (paragraph start, clause start, before
punctuation, between two characters of one word, title prefix/suffix, ``X：`` line prefix). Other
labels are kept and their offsets moved. Each output case records ``brand_families`` as
``[[suffix_family, name_family], ...]`` so a fit can hold whole families out (``bench/fit_brand.py``).
With ``--legit`` (default 0.7) a share of cases also gets a *real* name mixing Han with Latin
letters, digits or joiners (a foreign name with ·, a media app, a product model, a company with a
bracketed part, a capital-letter organisation, an everyday word such as ``5G网络``), pasted 2-6
times with the words names take (据X报道，X表示，通过X，…): unlabelled content the filter must keep.
With ``--han-legit`` the real name may also be a pure-Han person or place (``<surname><given>表示``,
``在<place>镇``), the names the default path's pure-Han candidates must keep.

Why positions move too: a scorer fitted on renamed dev that keeps dev's positions learns dev's
positions (an earlier attempt fell from 0.82 to 0.04 recall on another generator that way).

All brands here are invented by the generator from character pools written for this script.
"""

from __future__ import annotations

import argparse
import json
import random
import re

# name families: how the name part of a brand is built
_HAN = ("金博鸿运盛鼎鑫汇星耀豪利泰乐宝亿富财银龙凤天恒腾达瑞祥福禄喜万华信诚荣盈旺顺发鹏威尼"
        "皇冠凯旋辉煌君悦帝豪尊御鼎丰隆昌兴聚源通赢胜海")
_LOWER = "abcdefghijklmnopqrstuvwxyz"
_UPPER = _LOWER.upper()


def _han(rng: random.Random, k: int) -> str:
    return "".join(rng.sample(_HAN, k))


NAME_FAMILIES = {
    "han2": lambda r: _han(r, 2),
    "han3": lambda r: _han(r, 3),
    "tag_han": lambda r: "".join(r.sample(_UPPER, r.randint(1, 3))) + _han(r, 2),
    "han_latin": lambda r: _han(r, 2) + "".join(r.choice(_LOWER) for _ in range(r.randint(4, 6))),
    "han_code": lambda r: _han(r, r.randint(2, 3)) + r.choice(_UPPER + _LOWER) + str(r.randint(1, 99)),
}

# suffix families: what follows the name (``{}`` is the name)
SUFFIX_FAMILIES = {
    "sport": ["{}体育", "{}竞技", "{}电竞", "{}体育直播"],
    "casino": ["{}娱乐", "{}娱乐城", "{}真人", "{}棋牌", "{}国际", "{}赌场", "{}百家乐"],
    "lottery": ["{}彩票", "{}彩", "{}快三", "{}时时彩", "{}六合彩"],
    "web": ["{}官网", "{}平台", "{}登录", "{}下载", "{}app", "{}官方网站", "{}网页版"],
    "club": ["{}会", "{}集团", "{}俱乐部", "{}游戏", "{}在线"],
    "bracket": ["{}(中国)官方网站", "{}体育(官方)", "【{}官方】", "{}·官方入口", "[{}哈希]"],
    "domain": ["{d}.com", "{d}.vip", "www.{d}.cc", "{d}.net", "{math}"],
    "bare": ["{}"],
}

_MATH_UPPER, _MATH_DIGIT = 0x1D400, 0x1D7CE  # mathematical bold capitals and digits


def _math(s: str) -> str:
    out = []
    for ch in s:
        if "A" <= ch <= "Z":
            out.append(chr(_MATH_UPPER + ord(ch) - 65))
        elif ch.isdigit():
            out.append(chr(_MATH_DIGIT + int(ch)))
        else:
            out.append(ch)
    return "".join(out)


def make_brand(rng: random.Random, suffix_family: str, name_family: str) -> str:
    pat = rng.choice(SUFFIX_FAMILIES[suffix_family])
    name = NAME_FAMILIES[name_family](rng)
    if suffix_family == "domain":
        label = "".join(rng.choice(_LOWER) for _ in range(rng.randint(2, 4))) + str(rng.randint(10, 9999))
        if "{math}" in pat:
            return _math(label.upper() + ".CC")
        return pat.format(d=label)
    return pat.format(name)


_CLAUSE = "。，；！？,;!?、"
KINDS = ("para_start", "clause_start", "before_punct", "mid_word", "title", "colon_prefix")
_WEIGHTS = (0.2, 0.25, 0.2, 0.2, 0.1, 0.05)


def _slots(text: str, label: list[str]) -> dict[str, list[int]]:
    """Insertion points by kind, all inside unlabelled (content) text."""
    out: dict[str, list[int]] = {k: [] for k in KINDS}
    lines, p = [], 0
    for ln in text.split("\n"):
        lines.append((p, p + len(ln)))
        p += len(ln) + 1
    content = [(s, e) for s, e in lines if e - s >= 8 and all(label[i] == "" for i in range(s, e))]
    if content:
        s, e = content[0]
        out["title"] = [s, e]
    for s, e in content[1:] if len(content) > 1 else content:
        out["para_start"].append(s)
        out["colon_prefix"].append(s)
        for i in range(s + 1, e):
            a, b = text[i - 1], text[i]
            if a in _CLAUSE and b not in _CLAUSE:
                out["clause_start"].append(i)
            elif b in _CLAUSE and a not in _CLAUSE:
                out["before_punct"].append(i)
            elif "\u4e00" <= a <= "\u9fff" and "\u4e00" <= b <= "\u9fff":
                out["mid_word"].append(i)
    return out


# Real names that mix Han with Latin letters, digits or joiners, for the negatives: each is pasted
# into the article as a name is, with the words a name takes (据X报道，X表示，在X …), never inside a word.
_SYLLABLES = "尼尔伍德安娜玛丽约翰史密斯卡特琳达克里森布朗维奇亚当彼得汉莎拉杰夫艾伦"
LEGIT_FAMILIES = {
    "foreign_person": lambda r: "".join(r.sample(_SYLLABLES, r.randint(1, 3))) + "·"
    + "".join(r.sample(_SYLLABLES, r.randint(2, 3))),
    "media_app": lambda r: _han(r, 2) + r.choice(["plus", "TV", "News", "Daily", "+", "FM"]),
    "product": lambda r: _han(r, 2) + r.choice(_UPPER) + str(r.randint(2, 99))
    + r.choice(["手机", "汽车", "芯片", "系列"]),
    "company": lambda r: _han(r, 2) + r.choice(["(中国)有限公司", "(集团)股份公司", "科技(深圳)公司"]),
    "tagged_org": lambda r: "".join(r.sample(_UPPER, r.randint(2, 4)))
    + r.choice(["中国", "公司", "基金会", "研究院"]),
    # everyday words that mix Latin letters or digits with Han, used as nouns of the sentence
    "mixed_word": lambda r: r.choice(_MIXED_WORDS),
}
# Real pure-Han names (``--han-legit``): a person (a common surname and one or two given-name
# characters), a place (two characters and an administrative word): what the pure-Han candidates
# of the default path must keep. Pools written for the script.
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英建文辉玲志红晓燕鹏飞斌宇浩凯"
_PLACE = "临江河岭溪桥塘湾洲坪坝沙源泉山岗阳湖川庄屯峪浦"
HAN_LEGIT_FAMILIES = {
    "han_person": lambda r: r.choice(_SURNAMES) + "".join(r.sample(_GIVEN, r.randint(1, 2))),
    "han_place": lambda r: "".join(r.sample(_PLACE, 2)) + r.choice(["区", "县", "镇", "村", "街道", "新区"]),
}
_HAN_NAME_CONTEXTS = {
    "han_person": ["{}表示，", "{}说，", "据{}介绍，", "{}告诉记者，", "{}认为，", "记者采访了{}。",
                   "{}坦言，"],
    "han_place": ["在{}，", "{}的居民", "来自{}的", "位于{}的", "{}有关负责人介绍，", "走进{}，"],
}
_MIXED_WORDS = ["5G网络", "AI技术", "CT检查", "B超", "T恤", "X光片", "PM2.5浓度", "GDP增速", "VR眼镜", "U盘",
                "K线图", "IP地址", "LED屏", "SUV车型", "CPI涨幅", "WiFi信号", "ETC车道", "MRI检查", "3D打印",
                "A股", "H股", "e度论坛", "vlog博主", "ppt课件", "wifi密码", "app界面"]
_NAME_CONTEXTS = ["据{}报道，", "{}表示，", "{}的负责人介绍，", "记者从{}获悉，", "{}发布的数据显示，",
                  "来自{}的消息称，", "由{}主办的活动中，", "{}在声明中说，"]


_WORD_CONTEXTS = ["通过{}，", "使用{}的", "在{}里", "{}、", "有了{}，", "围绕{}展开", "关于{}的讨论中，",
                  "不少人把{}当作", "{}方面，"]


def _add_legit(chars: list[str], labs: list[str], rng: random.Random, han: bool = False) -> str:
    families = {**LEGIT_FAMILIES, **HAN_LEGIT_FAMILIES} if han else LEGIT_FAMILIES
    fam = rng.choice(list(families))
    name = families[fam](rng)
    contexts = (_WORD_CONTEXTS if fam == "mixed_word" else
                _HAN_NAME_CONTEXTS[fam] if fam in HAN_LEGIT_FAMILIES else _NAME_CONTEXTS)
    for _ in range(rng.randint(2, 6)):
        slots = _slots("".join(chars), labs)
        at_s = slots["clause_start"] + slots["para_start"]
        if not at_s:
            break
        ins = rng.choice(contexts).format(name)
        at = rng.choice(at_s)
        chars[at:at] = list(ins)
        labs[at:at] = [""] * len(ins)
    return fam


def rename_case(case: dict, rng: random.Random, families: list[tuple[str, str]], legit: float = 0.0,
                han_legit: bool = False) -> dict:
    text = case["input"]
    label = [""] * len(text)
    for s, e, k in case["removals"]:
        for i in range(s, e):
            label[i] = k
    brands: dict[str, int] = {}
    for s, e, k in case["removals"]:
        if k == "brand_spam":
            brands[text[s:e]] = brands.get(text[s:e], 0) + 1
    # a later copy of a paragraph (gold: duplicate) carries the brands of the paragraph it copies; they go
    # too, so no old brand is left behind (the copy then differs from its renamed original where the new
    # brand is pasted, as a copy does on a real page)
    for old in brands:
        for m in re.finditer(re.escape(old), text):
            if all(label[i] == "duplicate" for i in range(m.start(), m.end())):
                for i in range(m.start(), m.end()):
                    label[i] = "brand_spam"
    keep = [i for i, k in enumerate(label) if k != "brand_spam"]
    chars = [text[i] for i in keep]
    labs = [label[i] for i in keep]
    used: list[tuple[str, str]] = []
    for _old, n in sorted(brands.items()):
        sf, nf = rng.choice(families)
        new = make_brand(rng, sf, nf)
        used.append((sf, nf))
        for _ in range(n):
            cur = "".join(chars)
            slots = _slots(cur, labs)
            kinds = [k for k in KINDS if slots[k]]
            if not kinds:
                break
            kind = rng.choices(kinds, weights=[_WEIGHTS[KINDS.index(k)] for k in kinds])[0]
            at = rng.choice(slots[kind])
            ins = new + "：" if kind == "colon_prefix" else new
            chars[at:at] = list(ins)
            labs[at:at] = ["brand_spam"] * len(ins)
    legit_fams = [_add_legit(chars, labs, rng, han_legit)] if rng.random() < legit else []
    out_text = "".join(chars)
    removals, i = [], 0
    while i < len(labs):
        if labs[i]:
            j = i
            while j < len(labs) and labs[j] == labs[i]:
                j += 1
            removals.append([i, j, labs[i]])
            i = j
        else:
            i += 1
    return {"id": case["id"], "input": out_text, "removals": removals, "brand_families": used,
            "legit_families": legit_fams}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("cases")
    ap.add_argument("-o", "--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--legit", type=float, default=0.7,
                    help="share of cases that also get a real mixed name (kept), pasted in name contexts")
    ap.add_argument("--han-legit", action="store_true",
                    help="draw the real names from pure-Han persons and places too (not only mixed names)")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    fams = [(s, n) for s in SUFFIX_FAMILIES for n in NAME_FAMILIES]
    n = 0
    with open(a.cases, encoding="utf-8") as fh, open(a.out, "w", encoding="utf-8") as out:
        for line in fh:
            if line.strip():
                case = rename_case(json.loads(line), rng, fams, a.legit, a.han_legit)
                out.write(json.dumps(case, ensure_ascii=False) + "\n")
                n += 1
    print(f"{n} cases -> {a.out}")


if __name__ == "__main__":
    main()
