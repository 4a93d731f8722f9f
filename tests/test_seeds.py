"""Both seed pages come out equal to their hand-made gold (whitespace aside), with exact provenance."""

from pathlib import Path

import pytest

import cleantext

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def squeeze(s: str) -> str:
    return "".join(s.split())


@pytest.mark.parametrize("raw, gold", [
    ("000_4a876706706d767d.txt", "seed-000.gold.txt"),
    ("003_214c2e03461503b2.txt", "seed-003.gold.txt"),
])
def test_seed_equals_gold(raw, gold):
    text = (SEEDS / raw).read_text(encoding="utf-8")
    r = cleantext.clean(text)
    assert squeeze(r.text) == squeeze((SEEDS / gold).read_text(encoding="utf-8"))
    assert cleantext.apply(text, r.report.removals) == r.text
    for rm in r.report.removals:
        assert text[rm.start : rm.end] == rm.text
        assert rm.kind in cleantext.KINDS


def test_seed_000_metadata():
    r = cleantext.clean((SEEDS / "000_4a876706706d767d.txt").read_text(encoding="utf-8"))
    md = r.report.metadata
    assert md["published"] == "2024-01-25T16:20:00"
    assert md["category"] == "国内"
    assert md["title"].startswith("省人大代表")


def test_seed_kinds_found():
    kinds = set()
    for p in SEEDS.glob("0*.txt"):
        kinds |= {rm.kind for rm in cleantext.clean(p.read_text(encoding="utf-8")).report.removals}
    assert kinds == set(cleantext.KINDS)


@pytest.mark.parametrize("gold", ["seed-000.gold.txt", "seed-003.gold.txt"])
def test_clean_gold_is_left_alone(gold):
    # the gold is a clean article: cleaning it again must remove nothing (a control with real text)
    text = (SEEDS / gold).read_text(encoding="utf-8")
    r = cleantext.clean(text)
    assert r.report.removals == [] and r.text == text


def test_title_metadata_loses_the_injected_prefix():
    r = cleantext.clean((SEEDS / "003_214c2e03461503b2.txt").read_text(encoding="utf-8"))
    title = r.report.metadata["title"]
    assert r.text.lstrip().startswith(title)
    assert r.report.metadata["published"] == "2023-05-09T21:08:34"
