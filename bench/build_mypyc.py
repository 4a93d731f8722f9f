"""Build an ahead-of-time compiled (mypyc) copy of cleantext's hot modules in place, for a benchmark.

An experiment, not the package build: pyproject builds the pure-Python package, which stays the
default and the reference. This compiles the listed modules next to their sources (``*.so`` files in
src/cleantext and one shared runtime library in src/), where ``PYTHONPATH=$PWD/src`` picks them up
before the ``.py`` files; ``--clean`` removes them again (the ``.py`` files are never changed).

Needs mypy (which ships mypyc), setuptools, a C compiler and the Python headers, in a throwaway venv
with the runtime dependencies, e.g.::

    python -m venv /tmp/mypyc-venv
    /tmp/mypyc-venv/bin/pip install mypy setuptools regex rapidfuzz beautifulsoup4 chardet lxml
    nice /tmp/mypyc-venv/bin/python bench/build_mypyc.py            # about 60 s (one gcc job)
    PYTHONPATH=$PWD/src /tmp/mypyc-venv/bin/python bench/bench_ratio.py ../shared/eval/dev.jsonl --repeat 3
    /tmp/mypyc-venv/bin/python bench/build_mypyc.py --clean

Results and what could not be compiled: docs/benchmarks.md, "Compiled with mypyc".
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import sys
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

# the modules the profile names (segmenter, brand, duplicates and what they call) and the rest of
# the text path; html/, io/, the CLI and the integrations stay interpreted, and so does
# filters/base.py: users' filters subclass Filter, and an interpreted class cannot subclass a
# compiled one (a compiled class can subclass an interpreted one)
MODULES = [
    "cleantext/textutil.py",
    "cleantext/spans.py",
    "cleantext/report.py",
    "cleantext/document.py",
    "cleantext/units.py",
    "cleantext/features.py",
    "cleantext/trees.py",
    "cleantext/titles.py",
    "cleantext/metadata.py",
    "cleantext/leaks.py",
    "cleantext/pipeline.py",
    "cleantext/filters/segmenter.py",
    "cleantext/filters/brand.py",
    "cleantext/filters/brand_free.py",
    "cleantext/filters/brand_lang.py",
    "cleantext/filters/brand_promo.py",
    "cleantext/filters/duplicates.py",
    "cleantext/filters/chrome.py",
    "cleantext/filters/footer.py",
    "cleantext/filters/tail.py",
]


def built() -> list[str]:
    """The compiled files in src/ (modules and the shared runtime library)."""
    return sorted(glob.glob(str(SRC / "**" / "*.so"), recursive=True))


def clean() -> None:
    for path in built():
        os.remove(path)
        print("removed", os.path.relpath(path, SRC.parent))


def build(modules: list[str], opt_level: str) -> None:
    from mypyc.build import mypycify  # noqa: PLC0415 - only this script needs mypy
    from setuptools import setup  # noqa: PLC0415

    tmp = Path("/tmp/cleantext-mypyc-build")
    t0 = time.perf_counter()
    cwd = os.getcwd()
    os.chdir(SRC)  # module names (cleantext.filters.segmenter) come from the paths relative to src/
    try:
        # (regex ships no stubs; the modules left interpreted are read for their types, not checked)
        flags = ["--ignore-missing-imports", "--follow-imports=silent"]
        ext = mypycify([*flags, *modules], opt_level=opt_level, target_dir=str(tmp / "c"))
        setup(name="cleantext-mypyc-bench", ext_modules=ext, packages=[],
              script_args=["build_ext", "--inplace", "--build-temp", str(tmp / "o")])
    finally:
        os.chdir(cwd)
    shutil.rmtree(SRC / "build", ignore_errors=True)
    print(f"compiled {len(modules)} modules in {time.perf_counter() - t0:.0f} s:")
    for path in built():
        print(" ", os.path.relpath(path, SRC.parent))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("modules", nargs="*", help="paths relative to src/ (default: the list in this script)")
    ap.add_argument("--clean", action="store_true", help="remove the compiled files and stop")
    ap.add_argument("--opt-level", default="3")
    args = ap.parse_args()
    clean()
    if not args.clean:
        build(args.modules or MODULES, args.opt_level)
    sys.exit(0)


if __name__ == "__main__":
    main()
