"""Does the ``cleantext`` command clean exactly as ``cleantext.clean()`` does? And is fix mode idempotent?

    python bench/check_cli_agrees.py [../shared/eval/dev.jsonl ../shared/eval/seeds.jsonl]

For every case (``{"id", "input", ...}``) the expected output is ``cleantext.clean(input).text``.
The real command (a subprocess each time) then cleans the same inputs

- **file mode**: each input written to ``ID.txt`` (UTF-8), fixed in place by ``cleantext DIR``;
- **stdin mode**: ``cleantext -`` per input (``--format text``, as for a ``.txt`` file);
- **JSONL mode**: all inputs as one ``.jsonl`` file, ``cleantext -o OUT --report-field '' FILE``;

and every output must equal the expected text byte for byte. Then fix mode runs a **second time**
over the fixed files and the fixed JSONL: it must change nothing (exit 0, no ``Fixing`` line).
Prints the counts and the first differences; exit 1 on any disagreement.

The evaluation data is read here at check time only (tests may not read ../shared); the test
suite holds the same property on project-written documents (tests/test_cli.py).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import cleantext

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [ROOT.parent / "shared" / "eval" / "dev.jsonl", ROOT.parent / "shared" / "eval" / "seeds.jsonl"]


def command(*args: str, stdin: bytes | None = None, cwd: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cleantext", *args], input=stdin, capture_output=True,
                          cwd=cwd, timeout=600)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", type=Path, default=DEFAULT)
    a = ap.parse_args()
    cases = [json.loads(x) for f in a.files for x in f.read_text(encoding="utf-8").splitlines() if x.strip()]
    expected = {c["id"]: cleantext.clean(c["input"], format="text").text for c in cases}
    auto = sum(cleantext.clean(c["input"]).text != expected[c["id"]] for c in cases)
    print(f"{len(cases)} cases from {', '.join(str(f) for f in a.files)}")
    print(f"clean(x) vs clean(x, format='text') differ on {auto} "
          "(HTML sniffing; the command reads .txt as text)")
    bad: dict[str, list[str]] = {"file": [], "stdin": [], "jsonl": [], "second file run": [],
                                 "second jsonl run": []}
    with tempfile.TemporaryDirectory() as d:
        docs = Path(d) / "docs"
        docs.mkdir()
        names = {}
        for i, c in enumerate(cases):
            name = f"{i:04d}.txt"
            names[name] = c["id"]
            (docs / name).write_bytes(c["input"].encode("utf-8"))
        p = command("-q", str(docs), "--isolated")
        assert p.returncode in (0, 1), p.stderr.decode()
        for name, cid in names.items():
            if (docs / name).read_bytes() != expected[cid].encode("utf-8"):
                bad["file"].append(cid)
        p = command("-q", str(docs), "--isolated")
        if p.returncode != 0 or b"Fixing" in p.stderr:
            fixed = [names.get(Path(ln[7:]).name, ln) for ln in p.stderr.decode().splitlines()
                     if ln.startswith("Fixing ")]
            bad["second file run"] = fixed or [f"exit {p.returncode}"]

        for c in cases:
            p = command("-", "--format", "text", "--isolated", "-q", stdin=c["input"].encode("utf-8"))
            if p.returncode != 0 or p.stdout != expected[c["id"]].encode("utf-8"):
                bad["stdin"].append(c["id"])

        src = Path(d) / "cases.jsonl"
        src.write_text("".join(json.dumps({"id": c["id"], "text": c["input"]}, ensure_ascii=False) + "\n"
                               for c in cases), encoding="utf-8")
        p = command("-q", "--isolated", "--format", "jsonl", "-o", str(Path(d) / "out"), "--report-field", "",
                    str(src))
        assert p.returncode == 0, p.stderr.decode()
        for line in (Path(d) / "out" / "cases.jsonl").read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if rec["text"] != expected[rec["id"]]:
                bad["jsonl"].append(rec["id"])
        p = command("-q", "--isolated", str(src))  # fix in place (reports go into _cleantext) ...
        assert p.returncode in (0, 1), p.stderr.decode()
        p = command("-q", "--isolated", str(src))  # ... and again: nothing left to do
        if p.returncode != 0 or b"Fixing" in p.stderr:
            bad["second jsonl run"] = [f"exit {p.returncode}: {p.stderr.decode().strip()}"]

    for mode, ids in bad.items():
        shown = ", ".join(map(str, ids[:5])) + (" ..." if len(ids) > 5 else "")
        print(f"{mode:>17}: {'agrees' if not ids else f'{len(ids)} differ: {shown}'}"
              if not mode.startswith("second") else
              f"{mode:>17}: {'changes nothing' if not ids else 'CHANGED: ' + shown}")
    return 1 if any(bad.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
