"""Shared by the recipe scripts: a small generated corpus and the one-process reference output."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench" / "out" / "recipes"


def corpus(n: int = 5000, path: Path | None = None) -> Path:
    """A JSONL corpus of ``{"id", "site", "text"}`` records (built-in content), made once."""
    path = path or OUT / f"corpus-{n}.jsonl"
    if not path.exists():
        spec = importlib.util.spec_from_file_location("gen_corpus", ROOT / "bench" / "gen_corpus.py")
        gen = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(gen)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            for r in gen.generate(n, 50, "builtin", seed=11):
                row = {"id": r["id"], "site": r["site"], "text": r["input"]}
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def reference(path: Path) -> dict[str, str]:
    """id -> cleaned text, from one process."""
    from cleantext.engine import Cleaner

    recs = [json.loads(line) for line in open(path, encoding="utf-8")]
    texts, _ = Cleaner().clean_batch([r["text"] for r in recs])
    return {r["id"]: t for r, t in zip(recs, texts, strict=True)}


def check(got: dict[str, str], ref: dict[str, str], name: str, seconds: float) -> int:
    same = sum(got.get(k) == v for k, v in ref.items())
    ok = same == len(ref) and len(got) == len(ref)
    print(f"{name}: {len(got):,} documents in {seconds:.1f} s ({len(got) / seconds:,.0f} docs/s); "
          f"equal to the one-process output: {same:,}/{len(ref):,} -> {'OK' if ok else 'MISMATCH'}")
    return 0 if ok else 1


if __name__ == "__main__":
    # python bench/recipes/_common.py [N [OUT.jsonl]]: write a corpus, print where
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    print(corpus(n, Path(sys.argv[2]) if len(sys.argv) > 2 else None))


def shard_jsonl(path: Path, folder: Path, n: int = 2) -> Path:
    """Split a JSONL file into ``n`` files under ``folder`` (one per datatrove task); returns ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    step = -(-len(lines) // n)
    for i in range(n):
        (folder / f"part-{i}.jsonl").write_text("".join(lines[i * step:(i + 1) * step]), encoding="utf-8")
    return folder
