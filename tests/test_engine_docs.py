"""Every engine example in docs/engines.md, docs/corpus.md and the adapters' docstrings runs as written.

Each example is saved as a script and run with ``python script.py`` in a fresh folder holding a
small ``corpus.jsonl`` (and ``in/`` for datatrove), on 2 CPUs, as a new user would run it. The
engine ones start Ray, Spark, Dask or datatrove processes, so they are marked ``slow``; an example
whose engine is not installed (or Spark without Java) is skipped.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "docs" / "engines.md", ROOT / "docs" / "corpus.md"]
MODULES = [ROOT / "src" / "cleantext" / "integrations" / n for n in ("ray.py", "recipes.py", "datatrove.py")]


def _md_blocks(path: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.S)


def _docstring_blocks(path: Path) -> list[str]:
    """The ``::`` literal blocks of a module docstring."""
    src = path.read_text(encoding="utf-8")
    doc = src.split('"""', 2)[1]
    out = []
    for m in re.finditer(r"::\n\n((?:(?:    .*)?\n)+)", doc):
        out.append(textwrap.dedent(m.group(1)).replace("\\\\", "\\"))
    return out


def _engine(code: str) -> str | None:
    for name, mod in (("spark", "pyspark"), ("datatrove", "datatrove"), ("ray", "ray"), ("dask", "dask")):
        if re.search(rf"^\s*(?:import|from) .*\b{mod}\b", code, flags=re.M):
            return name
    return None


def _examples() -> list:
    params = []
    for path in DOCS + MODULES:
        blocks = _md_blocks(path) if path.suffix == ".md" else _docstring_blocks(path)
        for i, code in enumerate(blocks):
            engine = _engine(code)
            marks = [pytest.mark.slow] if engine else []
            params.append(pytest.param(code, engine, id=f"{path.name}-{i}-{engine or 'local'}", marks=marks))
    return params


EXAMPLES = _examples()


def test_examples_were_found():
    engines = [p.values[1] for p in EXAMPLES]
    assert len(EXAMPLES) >= 9
    assert {"ray", "spark", "dask", "datatrove", None} <= set(engines)
    for p in EXAMPLES:  # processes re-import the script: every example needs the guard
        assert 'if __name__ == "__main__":' in p.values[0], p.id


def _corpus(folder: Path, n: int = 120) -> None:
    spec = importlib.util.spec_from_file_location("gen_corpus", ROOT / "bench" / "gen_corpus.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    rows = [{"id": r["id"], "site": r["site"], "text": r["input"]} for r in gen.generate(n, 4, "builtin", seed=3)]
    lines = [json.dumps(r, ensure_ascii=False) + "\n" for r in rows]
    (folder / "corpus.jsonl").write_text("".join(lines), encoding="utf-8")
    (folder / "in").mkdir()
    half = len(lines) // 2
    (folder / "in" / "part-0.jsonl").write_text("".join(lines[:half]), encoding="utf-8")
    (folder / "in" / "part-1.jsonl").write_text("".join(lines[half:]), encoding="utf-8")


@pytest.mark.parametrize(("code", "engine"), EXAMPLES)
def test_example_runs_as_a_script(code, engine, tmp_path):
    need = {"ray": "ray", "spark": "pyspark", "dask": "dask", "datatrove": "datatrove"}.get(engine or "")
    if need:
        pytest.importorskip(need)
    if engine == "spark" and not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        pytest.skip("Spark needs a Java runtime")
    _corpus(tmp_path)
    script = tmp_path / "example.py"
    script.write_text(code, encoding="utf-8")
    env = dict(os.environ, RAY_AUTH_MODE="disabled", RAY_DATA_DISABLE_PROGRESS_BARS="1")
    proc = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    written = {p.name for p in tmp_path.iterdir()} - {"corpus.jsonl", "in", "example.py"}
    if engine == "datatrove":
        assert list((tmp_path / "out").glob("*.jsonl*")), "datatrove wrote no output"
    if "write_parquet" in code or ".parquet(" in code or "to_textfiles" in code:
        assert written, "the example wrote nothing"
