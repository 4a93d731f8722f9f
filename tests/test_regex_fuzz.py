"""No regex in cleantext can backtrack catastrophically.

Every compiled pattern of the package is collected: module-level ``re``/``regex`` patterns, the
patterns the default filters build in their constructors (brand shapes, footer markers and topics,
header labels) and the patterns built from the data files by ``textutil.lexicon_regex``. Each is
run (``search`` and a full ``finditer``) over adversarial strings of 50,000 characters: long runs of
one character, of separators, digits, date pieces (``2024-``), colons, nested brackets, alternating
Han/ASCII, and runs of the pattern's own literal pieces. Each operation must finish in under 1 s.

The sweep runs in a child process with a time limit, so a pattern that hangs fails the test that
names it instead of hanging the test run. Patterns that the code only ever applies to bounded
input with an anchored ``match`` are checked that way (``MATCH_ONLY`` says why).
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

N = 50_000
LIMIT = 1.0  # seconds of CPU per operation on N characters
# cleantext.integrations.* import optional engines (ray, datatrove) and compile no pattern
SKIP_MODULES = ("cleantext.integrations",)
#: used only as ``pattern.match(one_token)`` on one CSS class name, never searched through a text
MATCH_ONLY: set[str] = set()
#: quadratic on a long run (a leading ``[\s...]*`` or ``[\w-]+`` retried from every position), but the
#: code applies them only to short lines, behind a length guard; checked here at BOUNDED_N characters,
#: and the whole pipeline is checked on long runs of those characters in test_hostile.py
BOUNDED = {  # name: (characters checked, where the code bounds its input)
    "cleantext.filters.tail._TRAILING_DATE": (2_000, "tail._is_dated: lines of 11-80 characters"),
    "cleantext.filters.footer._AUX": (2_000, "ScraperFooter.find: lines of at most 30 characters"),
    # a lazy ``[^>]*?`` rescanned from every ``<meta``/``<?xml`` start; searched in the first SNIFF_BYTES
    "cleantext.io.decoding._META_RE": (16_384, "declared_charset: the first SNIFF_BYTES (16 KB)"),
    "cleantext.io.decoding._XML_RE": (16_384, "declared_charset: the first SNIFF_BYTES (16 KB)"),
    # fullmatch on a removed token (<= max_len) or on what remains of a line, at most _MAX_REST (80)
    "cleantext.filters.brand._BARE_HOST": (2_000, "BrandSpam._label_lines: fullmatch on a removed token"),
    "cleantext.filters.brand._LABEL_REST": (2_000, "BrandSpam._label_lines: a line's rest, <= 80 characters"),
    "cleantext.filters.brand._COPYRIGHT_REST": (2_000, "BrandSpam._label_lines: a line's rest, <= 80 characters"),
}


def _patterns_in(obj, prefix):
    if isinstance(obj, re.Pattern | regex.Pattern):
        yield prefix, obj
    elif isinstance(obj, list | tuple):
        for i, v in enumerate(obj):
            yield from _patterns_in(v, f"{prefix}[{i}]")
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _patterns_in(v, f"{prefix}[{k!r}]")


def collect_patterns() -> dict[str, re.Pattern | regex.Pattern]:
    import cleantext
    from cleantext.pipeline import default_filters
    from cleantext.textutil import lexicon_regex

    found: dict[str, re.Pattern | regex.Pattern] = {}
    for info in pkgutil.walk_packages(cleantext.__path__, "cleantext."):
        if info.name.startswith(SKIP_MODULES):
            continue
        mod = importlib.import_module(info.name)
        for name, obj in vars(mod).items():
            for key, pat in _patterns_in(obj, f"{info.name}.{name}"):
                found.setdefault(key, pat)
    for f in default_filters():
        for name, obj in vars(f).items():
            for key, pat in _patterns_in(obj, f"{type(f).__name__}().{name}"):
                found.setdefault(key, pat)
    data = Path(cleantext.__file__).parent / "data"
    for name in ("chrome_lines", "tail_headings", "footer_markers", "brand_shapes"):
        assert (data / f"{name}.txt").exists()
        found[f"lexicon_regex({name!r})"] = lexicon_regex(name)
    return found


def literal_pieces(pattern: str) -> list[str]:
    """The pattern's literal runs (Han words, Latin words, digits, punctuation between metacharacters)."""
    text = re.sub(r"\\[pPdDsSwWbBAZ](\{[^}]*\})?", " ", pattern)
    text = re.sub(r"\\(.)", r"\1", text)
    pieces = [p for p in re.split(r"[\[\]()|?*+{}^$.]+", text) if p and not p.isspace()]
    return sorted(set(pieces))[:40]


def adversarial(pattern: str) -> dict[str, str]:
    """Named strings of N characters that make backtracking regexes slow."""
    def fill(unit: str) -> str:
        return (unit * (N // len(unit) + 1))[:N]

    units = {
        "a": "a", "digit": "1", "space": " ", "newline": "\n", "ideographic-space": "\u3000",
        "dash": "-", "dot": ".", "colon": ":", "fw-colon": "：", "colons": ":：", "comma": "，,",
        "han": "中", "han-ascii": "中a", "han-digit": "年1", "date-piece": "2024-", "date-dots": "2024.1.",
        "date-han": "2024年1月", "date-time": "2024-01-01 10:", "time": "12:3", "brackets-open": "(（[【",
        "brackets": "(（[【】]）)", "slash-gt": " > / |", "url": "http://www.", "domain": "ab-c.",
        "email": "a@b.", "tag": "<meta ", "xml": "<?xml ", "attr": 'encoding="', "mixed-space": " \t\u3000\n",
        "underscore": "a-_", "punct": "。！？；", "footer": "版权所有 ", "separator-run": "—",
        "nul": "\x00",
    }
    out = {name: fill(u) for name, u in units.items()}
    out["nested-brackets"] = ("(" * (N // 2) + ")" * (N // 2))[:N]
    out["long-line-then-date"] = fill("文字 ")[: N - 20] + " 2024-01-25 16:20:00"
    pieces = literal_pieces(pattern)
    if pieces:
        out["own-pieces"] = fill("".join(pieces))
        out["own-pieces-spaced"] = fill(" ".join(pieces) + " ")
        out["own-first-piece"] = fill(pieces[0])
    return out


def _as_subject(pat, s: str):
    return s.encode("utf-8") if isinstance(pat.pattern, bytes) else s


def _source(pat) -> str:
    p = pat.pattern
    return p.decode("utf-8", "replace") if isinstance(p, bytes) else p


def sweep(out) -> None:
    """Child process: time every operation, one JSON line each, a START line before each."""
    for name, pat in sorted(collect_patterns().items()):
        ops = ("match",) if name in MATCH_ONLY else ("search", "finditer")
        for label, s in adversarial(_source(pat)).items():
            subject = _as_subject(pat, s[: BOUNDED[name][0]] if name in BOUNDED else s)
            for op in ops:
                out.write(json.dumps({"start": name, "input": label, "op": op}) + "\n")
                out.flush()
                t0 = time.thread_time()
                if op == "finditer":
                    for _ in pat.finditer(subject):
                        pass
                else:
                    getattr(pat, op)(subject)
                dt = time.thread_time() - t0
                out.write(json.dumps({"done": name, "input": label, "op": op, "seconds": dt}) + "\n")
                out.flush()


@pytest.fixture(scope="module")
def sweep_results():
    env = dict(os.environ, PYTHONHASHSEED="0")
    try:
        proc = subprocess.run([sys.executable, __file__, "--child"], capture_output=True, text=True,
                              timeout=240, env=env)
        lines, hung = proc.stdout.splitlines(), None
        assert proc.returncode == 0, proc.stderr[-2000:]
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        lines = out.splitlines()
        hung = json.loads(lines[-1]) if lines and '"start"' in lines[-1] else {"start": "?"}
    results: dict[str, list[dict]] = {}
    for ln in lines:
        rec = json.loads(ln)
        if "done" in rec:
            results.setdefault(rec["done"], []).append(rec)
    return results, hung


PATTERNS = sorted(collect_patterns())


def test_the_collection_finds_the_patterns_that_matter():
    names = set(PATTERNS)
    assert len(names) >= 30
    for expected in ("cleantext.textutil.DATE_RE", "cleantext.filters.brand._RUN",
                     "cleantext.filters.footer._FURNITURE", "cleantext.io.decoding._META_RE",
                     "BrandSpam()._shape_re", "lexicon_regex('footer_markers')"):
        assert expected in names


@pytest.mark.parametrize("name", PATTERNS)
def test_pattern_is_fast_on_adversarial_input(name, sweep_results):
    results, hung = sweep_results
    assert not (hung and hung["start"] == name), f"{name} did not finish on {hung['input']} ({hung['op']})"
    runs = results.get(name)
    assert runs, f"{name}: the sweep stopped before reaching it (hung on {hung})"
    slow = [(r["input"], r["op"], round(r["seconds"], 3)) for r in runs if r["seconds"] > LIMIT]
    assert slow == [], f"{name} took over {LIMIT}s on {N} characters: {slow}"


def test_bounded_patterns_are_still_bounded_where_they_are_used():
    from cleantext.io import decoding

    assert decoding.SNIFF_BYTES <= 16_384
    assert set(BOUNDED) <= set(PATTERNS) and MATCH_ONLY <= set(PATTERNS)


_COMPILED = collect_patterns()
_PIECES = {name: literal_pieces(_source(p)) or ["a"] for name, p in _COMPILED.items()}
_NOISE = [" ", "\n", ":", "：", "-", "2024", "年", "1", "(", "）", "中", "a", ".", "/", "@", "\u3000"]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_runs_of_a_patterns_own_pieces(data):
    """Hypothesis builds a unit from the pattern's literal pieces and noise, repeated to 20k chars."""
    name = data.draw(st.sampled_from(PATTERNS), label="pattern")
    pat = _COMPILED[name]
    unit = "".join(data.draw(st.lists(st.sampled_from(_PIECES[name] + _NOISE), min_size=1, max_size=6),
                             label="unit"))
    size = 2_000 if name in MATCH_ONLY else BOUNDED[name][0] if name in BOUNDED else 20_000
    s = (unit * (size // len(unit) + 1))[:size]
    subject = _as_subject(pat, s)
    t0 = time.thread_time()
    if name in MATCH_ONLY:
        pat.match(subject)
    else:
        for _ in pat.finditer(subject):
            pass
    assert time.thread_time() - t0 < LIMIT, (name, unit)


if __name__ == "__main__" and sys.argv[1:] == ["--child"]:
    sweep(sys.stdout)
