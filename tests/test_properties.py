"""Invariants of ``clean`` as properties, over arbitrary Unicode, arbitrary bytes and article-like pages.

* never raises on any ``str`` or ``bytes``;
* removals sorted, non-overlapping, inside the source, their ``text`` the source's slice; for bytes
  and HTML ``apply(report.source_text, removals) == text`` (see tests/invariants.py for what is
  not asserted because it holds by construction);
* the noise the page generator injected comes out, at a stated share per kind, and the article's
  sentences stay (``test_injected_noise_is_removed``);
* idempotent: cleaning the output again removes nothing;
* deterministic across processes and ``PYTHONHASHSEED`` values (report JSON byte for byte).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from docgen import SENTENCES, document
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from invariants import check_invariants

import cleantext

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: The idempotence tests replay the same examples every run: SECOND_ORDER is what exploration found
#: so far, and a newly found effect should be studied (and documented), not turn CI red at random.
IDEMPOTENCE = settings(SETTINGS, derandomize=True)


#: Second-order effects a second pass may still act on (docs/reliability.md, "Idempotence"): removing
#: an injected token turns a near copy into an exact one, removing a sentence run changes a copied
#: paragraph's neighbours, removing copies changes a token's neighbour statistics, removing the end
#: of a tail exposes its heading and the footer above it.
SECOND_ORDER = {
    "duplicate": {"brand_spam", "duplicate"},
    "brand_spam": {"duplicate"},
    "unrelated_tail": {"unrelated_tail"},
    "scraper_footer": {"unrelated_tail", "scraper_footer"},
}


def check_idempotent(r: cleantext.Result) -> None:
    again = cleantext.clean(r.text, format="text")
    if again.report.removals:
        first = {x.kind for x in r.report.removals}
        for x in again.report.removals:
            assert SECOND_ORDER.get(x.kind, set()) & first, (x.kind, x.reason, x.text, first)
        # and it settles: a third pass removes nothing
        third = cleantext.clean(again.text, format="text")
        assert third.report.removals == [], [(x.kind, x.reason, x.text) for x in third.report.removals]
    else:
        assert again.text == r.text


@SETTINGS
@given(st.text())
@example("")
@example("\ud800\udfff\x00")
def test_any_text(x):
    check_invariants(x)


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("正文第一段。，,：:\n\n \u3000-2024年月日>|版权所有快照体育娱乐<p>")),
               max_size=300))
def test_text_from_a_hostile_alphabet(x):
    check_invariants(x)


@SETTINGS
@given(st.binary(max_size=2000))
@example(b"")
@example(b"\xff\xfe\x00")
def test_any_bytes(x):
    check_invariants(x)


@IDEMPOTENCE
@given(st.randoms(use_true_random=False))
def test_document_like_pages(rng):
    x = document(rng)
    r = check_invariants(x)
    assert r.report.input["format"] == "text"
    check_idempotent(r)


@IDEMPOTENCE
@given(st.randoms(use_true_random=False))
def test_strictly_idempotent_without_copies_brands_or_tails(rng):
    """With no pasted copy, injected token or tail, a second pass removes nothing at all."""
    x = document(rng, brands=False, tail=False, copies=False)
    r = check_invariants(x)
    assert cleantext.clean(r.text, format="text").report.removals == []


@IDEMPOTENCE
@given(st.randoms(use_true_random=False), st.sampled_from(["utf-8", "gb18030", "big5hkscs", "utf-16"]))
def test_document_like_pages_as_bytes(rng, encoding):
    x = document(rng)
    raw = x.encode(encoding, "replace")
    r = check_invariants(raw)
    check_idempotent(r)


@SETTINGS
@given(st.randoms(use_true_random=False), st.lists(st.text(max_size=3), min_size=1, max_size=8))
def test_document_like_pages_with_random_insertions(rng, bits):
    x = document(rng)
    for b in bits:
        i = rng.randint(0, len(x))
        x = x[:i] + b + x[i:]
    check_invariants(x)


@settings(max_examples=60, deadline=None)
@given(st.randoms(use_true_random=False))
def test_document_like_pages_as_html(rng):
    x = document(rng)
    html = "<html><body>" + "".join(f"<p>{ln}</p>" for ln in x.split("\n") if ln.strip()) + "</body></html>"
    r = check_invariants(html)
    assert r.report.input["format"] == "html"


# -- the injected noise comes out -----------------------------------------------------------------
#: Share of each injected kind that must come out of 300 generated pages (seeds 0-299), and of the
#: article's sentences that must stay. Measured on main when written: nav 0.96, header line 0.92,
#: pasted paragraph 0.36 (the duplicate filter keeps, and annotates, a lone copy of a paragraph of
#: a line or two: precision first), brand occurrences 0.82, footer lines 0.93, tail lines 0.90,
#: sentences kept 0.999. The floors sit a little below, so a filter that stops working (or a
#: change that loses content) fails here, while ordinary tuning does not.
NOISE_FLOORS = {"nav": 0.9, "header": 0.85, "copy": 0.3, "brand": 0.75, "footers": 0.85, "tail": 0.85,
                "content": 0.995}


def _noise_shares(n_pages: int = 300) -> dict[str, tuple[int, int]]:
    """``kind -> (removed, injected)``; for ``content``: ``(kept, sentences)``."""
    counts = {k: [0, 0] for k in NOISE_FLOORS}
    for seed in range(n_pages):
        got: dict = {}
        x = document(random.Random(seed), noise=got)
        out = cleantext.clean(x, format="text").text
        for kind in ("nav", "header", "footers", "tail"):
            for line in got[kind]:
                counts[kind][1] += 1
                counts[kind][0] += line not in out
        bare_in, bare_out = x, out  # the texts without the injected token, for sentence counts
        if got["brand"]:
            token, _ = got["brand"]
            counts["brand"][1] += x.count(token)
            counts["brand"][0] += x.count(token) - out.count(token)
            bare_in, bare_out = x.replace(token, ""), out.replace(token, "")
        if got["copy"]:
            probe = ([s for s in SENTENCES if s in got["copy"]] or [got["copy"]])[0]
            counts["copy"][1] += 1
            counts["copy"][0] += bare_out.count(probe) < bare_in.count(probe)
        for s in got["content"]:
            counts["content"][1] += 1
            counts["content"][0] += s in bare_out
    return {k: (a, b) for k, (a, b) in counts.items()}


_SHARES: dict[str, tuple[int, int]] = {}


@pytest.mark.parametrize("kind", list(NOISE_FLOORS))
def test_injected_noise_is_removed(kind):
    """Each kind of injected noise comes out at its stated share; the article's sentences stay."""
    if not _SHARES:
        _SHARES.update(_noise_shares())
    done, total = _SHARES[kind]
    assert total >= 30, (kind, total)  # the generator injects enough of it to measure
    assert done / total >= NOISE_FLOORS[kind], f"{kind}: {done}/{total} = {done / total:.3f}"


# -- determinism across processes and hash seeds --------------------------------------------------
_CHILD = r"""
import json, sys
import cleantext
docs = json.load(sys.stdin)
out = []
for d in docs:
    x = d["text"].encode(d["encoding"], "replace") if d.get("encoding") else d["text"]
    out.append(cleantext.clean(x).report.to_json(include_source=True))
sys.stdout.write("\n".join(out))
"""


def _fixed_docs() -> list[dict]:
    rng = random.Random(20240301)
    docs = [{"text": document(rng)} for _ in range(40)]
    docs += [{"text": document(rng), "encoding": enc} for enc in ("gb18030", "big5hkscs", "utf-8")]
    docs.append({"text": "<html><body>" + "".join(f"<p>{document(rng)}</p>" for _ in range(3)) + "</body></html>"})
    return docs


def test_deterministic_across_hash_seeds():
    docs = json.dumps(_fixed_docs(), ensure_ascii=False)
    outs = []
    for seed in ("0", "1", "12345"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        env["PYTHONPATH"] = os.pathsep.join([str(Path(cleantext.__file__).parents[1]), env.get("PYTHONPATH", "")])
        p = subprocess.run([sys.executable, "-c", _CHILD], input=docs, capture_output=True, text=True,
                           env=env, timeout=120, encoding="utf-8")
        assert p.returncode == 0, p.stderr[-2000:]
        outs.append(p.stdout)
    assert outs[0] == outs[1] == outs[2]
    reports = outs[0].split("\n")
    assert len(reports) == len(_fixed_docs())
    assert sum(bool(json.loads(r)["removals"]) for r in reports) >= 10  # the documents do have noise


def test_deterministic_within_a_process():
    docs = _fixed_docs()[:10]
    first = [cleantext.clean(d["text"]).report.to_json() for d in docs]
    p = cleantext.Pipeline()
    assert [p.clean(d["text"]).report.to_json() for d in docs] == first
