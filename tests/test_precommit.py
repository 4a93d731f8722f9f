"""The pre-commit hooks, run for real: ``pre-commit try-repo <this repo> <hook> --all-files``.

try-repo installs this repository (with its uncommitted changes) into a fresh hook environment,
so these tests check the manifest, the packaging and the console script together.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PARAS = [
    "第一段：本报讯，今年以来我市持续推进城市更新行动，老旧小区改造工程进展顺利，居民生活环境明显改善，相关部门表示将继续加大投入力度。",
    "第二段：据介绍，改造内容包括外墙保温、管网更新、加装电梯以及增设停车位等多个方面，惠及居民两万余户，群众满意度持续提升。",
    "第三段：下一步，有关部门将总结经验做法，完善长效管理机制，推动改造成果惠及更多群众，让城市更新更有温度。",
]
FOOTER = "以上内容为资讯信息快照,由example.com爬虫进行采集并收录,本站未对信息做任何修改。"
CLEAN = "城市更新行动稳步推进\n\n" + "\n\n".join(PARAS) + "\n"
SPAMMY = "城市更新行动稳步推进\n\n" + "\n\n".join([*PARAS, *PARAS, FOOTER]) + "\n"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("pre-commit") is None or shutil.which("git") is None,
                       reason="needs pre-commit and git"),
]


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def pc_home(tmp_path_factory):
    # a private cache: hook environments built here are thrown away with the temp dir
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def content_repo(tmp_path):
    r = tmp_path / "content"
    (r / "articles").mkdir(parents=True)
    (r / "articles" / "spammy.txt").write_text(SPAMMY, encoding="utf-8")
    (r / "articles" / "clean.md").write_text(CLEAN, encoding="utf-8")
    records = [{"id": 1, "text": SPAMMY, "src": "a"}, {"id": 2, "text": CLEAN, "src": "b"}]
    (r / "corpus.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in records),
                                    encoding="utf-8")
    git(r, "init", "-q")
    git(r, "add", ".")
    return r


def try_repo(repo, hook, pc_home):
    env = {**os.environ, "PRE_COMMIT_HOME": str(pc_home), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@e", "PRE_COMMIT_COLOR": "never"}
    return subprocess.run(["pre-commit", "try-repo", str(REPO), hook, "--all-files"], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=600)


def test_manifest_is_valid():
    r = subprocess.run(["pre-commit", "validate-manifest", str(REPO / ".pre-commit-hooks.yaml")],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_fix_hook_cleans_spammy_file_and_leaves_clean_one(content_repo, pc_home):
    spammy, clean = content_repo / "articles" / "spammy.txt", content_repo / "articles" / "clean.md"
    first = try_repo(content_repo, "cleantext", pc_home)
    assert first.returncode == 1, first.stdout + first.stderr
    assert "Fixing articles/spammy.txt" in first.stdout
    # quiet: the hook says which files it fixed and nothing else (no summary, no progress)
    hook_output = first.stdout.split("- files were modified by this hook", 1)[1]
    hook_lines = [ln for ln in hook_output.splitlines() if ln.strip()]
    assert hook_lines and all(ln.startswith("Fixing ") for ln in hook_lines), first.stdout
    assert "removals:" not in first.stdout and "documents in" not in first.stdout
    fixed = spammy.read_text(encoding="utf-8")
    assert fixed.rstrip() == CLEAN.rstrip() and FOOTER not in fixed
    assert clean.read_text(encoding="utf-8") == CLEAN
    assert "Fixing corpus.jsonl" in first.stdout
    rec1, rec2 = (json.loads(x) for x in (content_repo / "corpus.jsonl").read_text(encoding="utf-8").splitlines())
    assert rec1["text"].rstrip() == CLEAN.rstrip() and rec1["_cleantext"]["removals"]
    assert rec2 == {"id": 2, "text": CLEAN, "src": "b"}
    git(content_repo, "add", ".")
    second = try_repo(content_repo, "cleantext", pc_home)
    assert second.returncode == 0, second.stdout + second.stderr


def test_check_hook_reports_and_writes_nothing(content_repo, pc_home):
    spammy = content_repo / "articles" / "spammy.txt"
    r = try_repo(content_repo, "cleantext-check", pc_home)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "articles/spammy.txt:" in r.stdout and "scraper_footer" in r.stdout
    assert "corpus.jsonl:1: " in r.stdout and "corpus.jsonl:2: " not in r.stdout
    assert spammy.read_text(encoding="utf-8") == SPAMMY
    assert not subprocess.run(["git", "diff", "--quiet"], cwd=content_repo).returncode
    # once the article is cleaned, the check passes
    spammy.write_text(CLEAN, encoding="utf-8")
    (content_repo / "corpus.jsonl").write_text(json.dumps({"text": CLEAN}, ensure_ascii=False) + "\n")
    git(content_repo, "add", ".")
    r = try_repo(content_repo, "cleantext-check", pc_home)
    assert r.returncode == 0, r.stdout + r.stderr
