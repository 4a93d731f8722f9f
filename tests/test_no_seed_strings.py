"""Seed strings in the logic are a defect: the filters must find noise by structure, not by name."""

from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"

# the seeds' injected brand, the snapshot site's domain, and headlines from both seeds and the tail
FORBIDDEN = [
    "金博", "fyun", "td.fyun.cc", "更多关于国内", "成德眉资", "五区共兴", "省人大代表李杰",
    "李杰生", "人民资讯", "资讯信息快照",
]


def test_seed_strings_are_not_in_src():
    hits = []
    for path in SRC.rglob("*"):
        if path.is_file() and path.suffix in {".py", ".txt", ".json", ".toml", ".cfg"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            hits += [(str(path.relative_to(SRC)), s) for s in FORBIDDEN if s in text]
    assert hits == []


def test_forbidden_strings_do_occur_in_the_seeds():
    # guards the guard: each forbidden string is a real seed string, so the test above means something
    seeds = "".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt"))
    assert all(s in seeds for s in FORBIDDEN)
