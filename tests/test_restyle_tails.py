"""bench/restyle_tails.py: the restyled related lists keep their labels on the same text."""

import importlib.util
import random
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "restyle_tails", Path(__file__).resolve().parents[1] / "bench" / "restyle_tails.py")
rt = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(rt)

BODY = "老旧小区改造惠及两万户居民，群众满意度明显提升。\n"
TAIL = ["相关阅读", "城市更新的一年", "2024-11-01 00:44:19", "新建公园三座", "2023-05-06 08:00:00"]


def _case():
    text, removals = BODY, []
    for line in TAIL:
        removals.append([len(text), len(text) + len(line), "unrelated_tail"])
        text += line + "\n\n\n"  # blank lines between, as scraped lists have
    return {"id": "t", "input": text, "removals": removals}


@pytest.mark.parametrize("style", rt.STYLES)
def test_labels_follow_the_text(style):
    new = rt.restyle(_case(), style, random.Random(1))
    text = new["input"]
    assert text.startswith(BODY)
    labelled = [text[s:e] for s, e, k in new["removals"]]
    assert all(k == "unrelated_tail" for _, _, k in new["removals"])
    assert "相关阅读" in labelled and not any("2024-11-01" in x for x in labelled)
    # every character after the body is labelled (blank line ends aside): the list stays whole
    covered = set().union(*(range(s, e) for s, e, _ in new["removals"]))
    assert all(i in covered or text[i] == "\n" for i in range(len(BODY), len(text)))
    if style == "glued":  # over the blank lines, onto the headline above
        assert labelled == ["相关阅读", "城市更新的一年 11-01", "新建公园三座 05-06"]
