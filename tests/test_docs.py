"""The documentation runs as written: docstring examples, and the python/bash code of README.md and docs/.

* every module of the package: its doctests (``>>>`` examples in docstrings);
* every ```` ```python ```` block of README.md and docs/*.md: run in a fresh interpreter, in a
  directory holding the files the examples name (``seeds/``, ``articles/``, ``page.html``,
  ``corpus.jsonl`` ...: project-written pages from ``tests/docgen.py``);
* every ```` ```bash ```` / ```` ```sh ```` block: each command line run in that directory; it must
  exit 0 or 1 (1 is the command's "something changed"), never 2 or a traceback. A leading
  ``python -m pip install ... &&`` is dropped (the package under test is installed already) and the
  README's ``python -m pytest -q`` is this suite itself (checked against .ci/run instead).

Blocks that need a running engine, the network or the evaluation data are listed in ``SKIP`` with
the reason; the same calls are tested elsewhere.
"""

from __future__ import annotations

import doctest
import importlib
import json
import os
import pkgutil
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import cleantext

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

#: (file name, first line of the block) -> why the block is not run here
SKIP = {
    ("engines.md", "import ray"): "starts a Ray cluster; the same calls run in tests/test_ray.py",
    ("engines.md", "import os, sys"): "starts Spark; the recipe is tested in tests/test_engine_recipes.py",
    ("engines.md", "import json, dask, dask.bag as db"): "starts Dask worker processes; tested in "
                                                         "tests/test_engine_recipes.py",
    ("engines.md", "from datatrove.executor import LocalPipelineExecutor"): "needs datatrove (optional)",
    ("benchmarks.md", "python bench/gen_corpus.py"): "reads ../shared evaluation data and takes minutes",
    ("benchmarks.md", "python bench/bench_scaling.py"): "a benchmark: minutes of CPU",
    ("benchmarks.md", "python bench/bench_removals.py"): "a benchmark: 50 MB inputs, minutes of CPU",
}
#: Names a block may use without defining them, given by the test (engine examples name the caller's data).
PRELUDE = {
    ("engines.md", "from cleantext import Cleaner"):
        "text = open('article.txt', encoding='utf-8').read(); texts = [text, text]\n",
}


def blocks():
    out = []
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"^```(\w*)\n(.*?)^```", text, re.S | re.M):
            lang, code = m.group(1), m.group(2)
            if lang not in ("python", "bash", "sh"):
                continue
            first = code.strip().splitlines()[0] if code.strip() else ""
            line = text.count("\n", 0, m.start()) + 1
            out.append(pytest.param(path.name, lang, code, first, id=f"{path.name}:{line}"))
    return out


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory):
    """A directory like a user's: the files the examples name, with noise in them."""
    from docgen import FOOTERS, body, document

    d = tmp_path_factory.mktemp("docs")
    shutil.copytree(ROOT / "seeds", d / "seeds")
    rng = random.Random(7)
    (d / "cleantext.toml").write_text("")  # no configuration from around the temp dir
    (d / "articles").mkdir()
    for i in range(3):
        (d / "articles" / f"a{i}.txt").write_text(document(rng), encoding="utf-8")
    (d / "articles" / "b.md").write_text(document(rng), encoding="utf-8")
    for name in ("article.txt", "raw.txt", "page.md"):
        (d / name).write_text(document(rng), encoding="utf-8")
    page = "".join(f"<p>{ln}</p>" for ln in document(rng).split("\n") if ln.strip())
    (d / "page.html").write_bytes(('<html><head><meta charset="gb2312"><title>示例</title></head><body>'
                                   f"<h1>示例</h1>{page}</body></html>").encode("gb18030"))
    (d / "corpus").mkdir()
    sign = "每周三晚八点，城市观察与您相约不见不散"
    records = []
    for site in ("a", "b"):
        recs = [{"id": f"{site}{i}", "site": site, "text": body(rng, 300) + f"\n{sign}\n{FOOTERS[i % 4]}\n"}
                for i in range(12)]
        (d / "corpus" / f"{site}.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
        records += recs
    (d / "corpus.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                                    encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "cleantext", "learn", "corpus.jsonl", "-o", "model.json", "-q"],
                       cwd=d, capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    return d


def _env():
    env = dict(os.environ, NO_COLOR="1")
    bindir = os.path.dirname(sys.executable)  # `cleantext` is the console script next to this python
    env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
    env["PYTHONPATH"] = os.pathsep.join([str(Path(cleantext.__file__).parents[1]), env.get("PYTHONPATH", "")])
    return env


def _commands(code: str) -> list[str]:
    lines, cur = [], ""
    for raw in code.splitlines():
        s = raw.rstrip()
        if cur:
            s = cur + " " + s.lstrip()
            cur = ""
        if s.endswith("\\"):
            cur = s[:-1]
            continue
        s = s.split("  # ")[0].rstrip() if not s.lstrip().startswith("#") else ""
        if s:
            lines.append(s)
    return lines


@pytest.mark.parametrize(("doc", "lang", "code", "first"), blocks())
def test_code_block_runs_as_written(doc, lang, code, first, sandbox):
    for (name, start), why in SKIP.items():
        if doc == name and first.startswith(start):
            pytest.skip(why)
    if lang == "python" and re.search(r"^\s*(?:import|from) +(?:ray|pyspark|dask|datatrove)\b", code, re.M):
        pytest.skip("an engine example: tests/test_engine_docs.py runs it as a script")
    if lang == "python":
        prelude = next((p for (name, start), p in PRELUDE.items() if doc == name and first.startswith(start)), "")
        p = subprocess.run([sys.executable, "-c", prelude + code], cwd=sandbox, capture_output=True, text=True,
                           env=_env(), timeout=300)
        assert p.returncode == 0, f"{doc} block starting {first!r}:\n{p.stderr[-3000:]}"
        return
    for cmd in _commands(code):
        cmd = re.sub(r"^python -m pip install \S+ && ", "", cmd)
        if cmd.startswith("python -m pip install") or cmd == "python -m pytest -q":
            continue  # installing is what CI does first; the tests are this suite
        p = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], cwd=sandbox, capture_output=True,
                           text=True, env=_env(), timeout=300)
        assert p.returncode in (0, 1), f"{doc}: {cmd}\nexit {p.returncode}\n{p.stderr[-3000:]}"
        assert "Traceback" not in p.stderr and ": error:" not in p.stderr, f"{doc}: {cmd}\n{p.stderr[-3000:]}"


def test_readme_opens_with_the_two_commands_and_ci_runs_the_same_tests():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = re.search(r"^```bash\n(.*?)^```", readme, re.S | re.M).group(1)
    cmds = _commands(first)
    assert len(cmds) == 2
    assert cmds[0].startswith("python -m pip install . && cleantext ") and " seeds/" in cmds[0]
    install, _, test = cmds[1].partition(" && ")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    spec = install.split(" install ", 1)[1]  # -e '.[test,fast,ray]'
    assert test in ci and any("pip install" in ln and ln.endswith(spec) for ln in ci), (install, test)


def test_readme_hook_ids_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    manifest = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    ids = set(re.findall(r"^- id: (\S+)", manifest, re.M))
    used = set(re.findall(r"- id: (\S+)", readme))
    assert used and used <= ids
    assert "rev: v0.1.0" not in readme  # no such tag


def _modules():
    out = []
    for m in pkgutil.walk_packages(cleantext.__path__, "cleantext."):
        if m.name.endswith("__main__"):
            continue
        out.append(m.name)
    return ["cleantext", *sorted(out)]


@pytest.mark.parametrize("name", _modules())
def test_doctests(name):
    try:
        mod = importlib.import_module(name)
    except ImportError as e:  # an optional engine (datatrove, ray) that is not installed
        pytest.skip(f"{name}: {e}")
    tests = doctest.DocTestFinder().find(mod, name)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for t in tests:
        runner.run(t)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} examples failed (see stdout)"


def test_documented_filter_order_is_the_default():
    """A documented ``select`` naming all the built-ins lists them in the order they run."""
    from cleantext import registry

    for path in DOCS:
        for m in re.finditer(r"select = \[([^\]]*)\]", path.read_text(encoding="utf-8")):
            names = re.findall(r'"(\w+)"', m.group(1))
            if set(names) == set(registry.DEFAULT):
                assert tuple(names) == registry.DEFAULT, (path.name, names)
