"""Which tests notice a broken filter? Switch each filter off (``find`` returns ``[]``), count failures.

    python bench/filter_off.py                       # every built-in filter, the whole suite
    python bench/filter_off.py brand duplicates      # some filters
    python bench/filter_off.py -- tests/test_filters.py -k brand    # pytest arguments after --

For each filter, one ``pytest`` run in a child process with ``CLEANTEXT_FILTER_OFF=<name>``: a
``sitecustomize`` put first on ``PYTHONPATH`` patches the filter's class as soon as its module is
imported, in the test process and in every process the tests start (the command run as a
subprocess, ``-j`` workers, engine workers), without importing anything early. A first run with no
filter off is the baseline (it must be green). Prints, per filter, the number of failing tests and
how they spread over the test files; exit 1 if some filter makes fewer than ``--min`` tests fail.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Filter name -> (module, class), as in ``cleantext.registry`` plus the corpus-mode filters.
FILTERS = {
    "chrome": ("cleantext.filters.chrome", "PageChrome"),
    "tail": ("cleantext.filters.tail", "UnrelatedTail"),
    "footer": ("cleantext.filters.footer", "ScraperFooter"),
    "segmenter": ("cleantext.filters.segmenter", "Segmenter"),
    "duplicates": ("cleantext.filters.duplicates", "Duplicates"),
    "brand": ("cleantext.filters.brand", "BrandSpam"),
    "corpus": ("cleantext.corpus.filter", "CorpusFilter"),
}

_SITECUSTOMIZE = '''
import os, sys
_off = os.environ.get("CLEANTEXT_FILTER_OFF")
_targets = {TARGETS!r}
if _off in _targets:
    import importlib.abc

    _mod, _cls = _targets[_off]

    class _Patch(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name != _mod:
                return None
            sys.meta_path.remove(self)
            try:
                import importlib.util
                spec = importlib.util.find_spec(name)
            finally:
                sys.meta_path.insert(0, self)
            loader = spec.loader
            run = loader.exec_module

            def exec_module(module):
                run(module)
                getattr(module, _cls).find = lambda self, doc: []

            loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, _Patch())
'''


def run(name: str, site: str, pytest_args: list[str]) -> tuple[int, int, Counter]:
    env = dict(os.environ, CLEANTEXT_FILTER_OFF=name,
               PYTHONPATH=os.pathsep.join([site, os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep))
    p = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rf", *pytest_args],
                       cwd=ROOT, env=env, capture_output=True, text=True)
    failed = re.findall(r"^(?:FAILED|ERROR) (\S+?)::", p.stdout, re.M)
    m = re.search(r"(\d+) passed", p.stdout)
    if m is None:  # pytest itself failed (collection, usage): say so rather than count nothing
        raise SystemExit(f"pytest did not run with {name} off:\n{p.stdout[-3000:]}{p.stderr[-2000:]}")
    return len(failed), int(m.group(1)), Counter(Path(f).name for f in failed)


def main() -> int:
    argv = sys.argv[1:]
    extra: list[str] = []
    if "--" in argv:
        i = argv.index("--")
        argv, extra = argv[:i], argv[i + 1:]
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("filters", nargs="*", help=f"filters to switch off (default: {', '.join(FILTERS)})")
    ap.add_argument("--min", type=int, default=5, help="fewest failures a filter off must cause")
    ap.add_argument("--no-baseline", action="store_true")
    a = ap.parse_args(argv)
    a.filters = a.filters or list(FILTERS)
    if unknown := [f for f in a.filters if f not in FILTERS]:
        ap.error(f"unknown filter(s) {', '.join(unknown)} (known: {', '.join(FILTERS)})")
    with tempfile.TemporaryDirectory() as site:
        Path(site, "sitecustomize.py").write_text(_SITECUSTOMIZE.replace("{TARGETS!r}", repr(FILTERS)))
        print(f"command: python bench/filter_off.py {' '.join(sys.argv[1:])}".rstrip())
        print("| filter off | failing tests | passing | where |")
        print("| --- | ---: | ---: | --- |")
        ok = True
        for name in ([] if a.no_baseline else ["(none)"]) + a.filters:
            n_failed, n_passed, where = run(name, site, extra)
            spread = ", ".join(f"{f} {n}" for f, n in where.most_common()) or "-"
            print(f"| {name} | {n_failed} | {n_passed} | {spread} |", flush=True)
            if name == "(none)":
                ok &= n_failed == 0
            else:
                ok &= n_failed >= a.min
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
