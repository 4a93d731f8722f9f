"""Files on disk: atomic in-place writes (even under SIGKILL), unreadable and unwritable paths.

The tests run as root in CI, and root reads and writes through permission bits. So "cannot read"
is made with paths no one can read (a missing file, a broken symlink, a path through a regular
file), a read-only *file* is refused by cleantext's own rule (no write bit: never rewritten, not
even by root), and only the directory-permission case needs a non-root user (skipped for root).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time

import pytest

from cleantext.cli import main

PARAS = [
    "第一段：本报讯，今年以来我市持续推进城市更新行动，老旧小区改造工程进展顺利，居民生活环境明显改善，相关部门表示将继续加大投入力度。",
    "第二段：据介绍，改造内容包括外墙保温、管网更新、加装电梯以及增设停车位等多个方面，惠及居民两万余户，群众满意度持续提升。",
    "第三段：下一步，有关部门将总结经验做法，完善长效管理机制，推动改造成果惠及更多群众，让城市更新更有温度。",
]
FOOTER = "以上内容为资讯信息快照,由example.com爬虫进行采集并收录,本站未对信息做任何修改。"
CLEAN = "城市更新行动稳步推进\n\n" + "\n\n".join(PARAS) + "\n"
SPAMMY = "城市更新行动稳步推进\n\n" + "\n\n".join([*PARAS, *PARAS, FOOTER]) + "\n"


@pytest.fixture(autouse=True)
def _isolated_cwd(tmp_path, monkeypatch):
    (tmp_path / "cleantext.toml").write_text("")
    monkeypatch.chdir(tmp_path)


def test_no_temp_files_left_behind(tmp_path):
    d = tmp_path / "d"
    d.mkdir()
    for i in range(3):
        (d / f"{i}.txt").write_text(SPAMMY)
    (d / "c.jsonl").write_text(json.dumps({"text": SPAMMY}, ensure_ascii=False) + "\n")
    assert main(["-q", str(d)]) == 1
    assert sorted(p.name for p in d.iterdir()) == ["0.txt", "1.txt", "2.txt", "c.jsonl"]


def test_mode_bits_are_kept(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(SPAMMY)
    os.chmod(p, 0o640)
    assert main(["-q", str(p)]) == 1
    assert stat.S_IMODE(os.stat(p).st_mode) == 0o640


def test_read_only_file_is_reported_and_left_alone(tmp_path, capsys):
    ro, rw = tmp_path / "ro.txt", tmp_path / "rw.txt"
    ro.write_text(SPAMMY)
    rw.write_text(SPAMMY)
    os.chmod(ro, 0o444)
    try:
        assert main(["-q", str(ro), str(rw)]) == 2
        assert f"{ro}: error: read-only file: not rewritten" in capsys.readouterr().err
        assert ro.read_text() == SPAMMY
        assert rw.read_text() != SPAMMY  # the rest is processed
        # --check and -o never write the file, so a read-only one is fine there
        assert main(["-q", "--check", str(ro)]) == 1
        assert main(["-q", "-o", str(tmp_path / "out"), str(ro)]) == 0
    finally:
        os.chmod(ro, 0o644)


def test_read_only_jsonl_is_reported(tmp_path, capsys):
    p = tmp_path / "c.jsonl"
    p.write_text(json.dumps({"text": SPAMMY}, ensure_ascii=False) + "\n")
    os.chmod(p, 0o444)
    try:
        assert main(["-q", str(p)]) == 2
        assert f"{p}: error: read-only file" in capsys.readouterr().err
        assert json.loads(p.read_text())["text"] == SPAMMY
    finally:
        os.chmod(p, 0o644)


def _broken_symlink(d):
    (d / "link.txt").symlink_to(d / "nowhere.txt")
    return d / "link.txt"


@pytest.mark.parametrize("make, message", [
    (lambda d: d / "missing.txt", "no such file"),
    (_broken_symlink, "no such file (broken symlink)"),
    (lambda d: (d / "plain.txt").write_text("x") and d / "plain.txt" / "child.txt", "Not a directory"),
    (lambda d: d / "missing.jsonl", "no such file"),
])
def test_unreadable_paths_exit_2_and_the_rest_is_processed(tmp_path, capsys, make, message):
    bad = make(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(SPAMMY)
    assert main(["-q", str(bad), str(good)]) == 2
    assert f"{bad}: error: {message}" in capsys.readouterr().err
    assert good.read_text() != SPAMMY


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads and writes through directory permissions")
def test_directory_without_permission(tmp_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text(SPAMMY)
    ro_dir = tmp_path / "ro_dir"
    ro_dir.mkdir()
    (ro_dir / "b.txt").write_text(SPAMMY)
    good = tmp_path / "good.txt"
    good.write_text(SPAMMY)
    os.chmod(locked, 0)
    os.chmod(ro_dir, 0o555)  # files readable, but no temp file can be made beside them
    try:
        assert main(["-q", str(locked), str(ro_dir), str(good)]) == 2
        err = capsys.readouterr().err
        assert str(locked) in err and f"{ro_dir / 'b.txt'}: error: cannot write" in err
        assert (ro_dir / "b.txt").read_text() == SPAMMY
        assert good.read_text() != SPAMMY
    finally:
        os.chmod(locked, 0o755)
        os.chmod(ro_dir, 0o755)


def _big_jsonl(path, n=8000):
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            text = (SPAMMY if i % 2 else CLEAN) + f"编号{i}。\n"
            fh.write(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n")


@pytest.mark.slow
def test_sigkill_mid_write_leaves_old_or_new_file_whole(tmp_path):
    """A real ``cleantext`` process killed at several moments: the target is never truncated."""
    src = tmp_path / "corpus.jsonl"
    _big_jsonl(src)
    original = src.read_bytes()
    expected_dir = tmp_path / "expected"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    exe = shutil.which("cleantext")  # the installed console script, as users run it
    cmd = [exe, "-q"] if exe else [sys.executable, "-m", "cleantext.cli", "-q"]
    done = subprocess.run([*cmd, "-o", str(expected_dir), str(src)], env=env, cwd=tmp_path,
                          capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr
    new = (expected_dir / "corpus.jsonl").read_bytes()
    assert new != original
    t_full = time.monotonic()
    subprocess.run([*cmd, "--check", str(src)], env=env, cwd=tmp_path, capture_output=True, timeout=300)
    t_full = time.monotonic() - t_full

    outcomes = []
    for frac in (0.2, 0.5, 0.8, 0.95):
        target = tmp_path / f"t{frac}.jsonl"
        target.write_bytes(original)
        proc = subprocess.Popen([*cmd, str(target)], env=env, cwd=tmp_path,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(t_full * frac)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        data = target.read_bytes()
        assert data in (original, new), f"killed at {frac:.0%}: the file is neither the old nor the new one"
        outcomes.append(data == new)
        # what a kill can leave is a temp file beside the target, which directory walks skip
        leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".cleantext-tmp")]
        for p in leftovers:
            assert p.name.startswith(f".{target.name}.")
            p.unlink()
    # at least one kill landed while the new file was being written (the test really tested something)
    assert not all(outcomes)


def test_sigkill_on_text_file_is_atomic_too(tmp_path):
    """The text path writes through the same temp-and-rename; a kill before the rename keeps the old file."""
    from cleantext.cli_work import AtomicWriter

    p = tmp_path / "a.txt"
    p.write_text("old\n")
    w = AtomicWriter(str(p), like=str(p))
    w.write(b"new, half written")
    # the process dies here: nothing renamed
    assert p.read_text() == "old\n"
    w.abort()
    assert sorted(x.name for x in tmp_path.iterdir()) == ["a.txt", "cleantext.toml"]


def test_output_dir_that_is_a_file(tmp_path, capsys):
    (tmp_path / "out").write_text("not a directory")
    t = tmp_path / "a.txt"
    t.write_text(SPAMMY)
    j = tmp_path / "c.jsonl"
    j.write_text(json.dumps({"text": SPAMMY}, ensure_ascii=False) + "\n")
    assert main(["-q", "-o", str(tmp_path / "out"), str(t), str(j)]) == 2
    err = capsys.readouterr().err
    assert f"{t}: error: cannot write in" in err and f"{j}: error: cannot write in" in err


def test_directory_that_cannot_be_listed_is_reported(tmp_path, capsys, monkeypatch):
    """Root can list any directory, so the failure is simulated: a directory that vanishes between
    being seen and being listed goes through the same error path as one without permission."""
    import cleantext.cli as cli

    gone = tmp_path / "gone"
    good = tmp_path / "good.txt"
    good.write_text(SPAMMY)
    real_isdir = os.path.isdir
    monkeypatch.setattr(cli.os.path, "isdir", lambda p: p == str(gone) or real_isdir(p))
    assert main(["-q", str(gone), str(good)]) == 2
    assert f"{gone}: error: No such file or directory" in capsys.readouterr().err
    assert good.read_text() != SPAMMY
