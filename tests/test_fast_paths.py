"""Fast paths that must give exactly what the plain computation gives (synthetic strings only)."""

from __future__ import annotations

import math
import random
import re

import docgen
import pytest

from cleantext import trees
from cleantext.document import Document, Line
from cleantext.filters import brand_free
from cleantext.filters import duplicates as dup
from cleantext.filters.segmenter import Segmenter
from cleantext.units import Unit

_HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"


def test_glued_groups_are_the_lookaround_matches():
    m = brand_free._M
    pattern = re.compile(rf"(?<=[\u4e00-\u9fff0-9]){m}+|(?<!{m}){m}++(?=[\u4e00-\u9fff0-9])")
    alphabet = _HAN[:8] + "0189abXY·_|【】[]()（）.，。 -"
    rng = random.Random(5)
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert [g.span() for g in brand_free._glued(text)] == [g.span() for g in pattern.finditer(text)]


def _keys(rng: random.Random, n: int) -> list[str]:
    keys: list[str] = []
    for _ in range(n):
        if keys and rng.random() < 0.3:  # a line made of pieces of earlier lines, a few characters new
            k = "".join(x[rng.randint(0, len(x) // 2):] for x in rng.choices(keys, k=3))[: rng.randint(20, 200)]
            q = rng.choice([0.0, 0.01, 0.02, 0.04, 0.08])
            keys.append("".join(c + rng.choice(_HAN) if rng.random() < q else c for c in k))
        else:
            keys.append("".join(rng.choice(_HAN) for _ in range(rng.randint(8, 140))))
    return keys


def test_contained_search_and_set_paths_agree(monkeypatch):
    rng = random.Random(7)
    d = dup.Duplicates()
    hits = 0
    for trial in range(150):
        keys = _keys(rng, rng.randint(2, 80))
        match = [("exact", 0, 1.0) if rng.random() < rng.choice([0.1, 0.4, 0.8]) else None for _ in keys]
        todo = [i for i, k in enumerate(keys) if match[i] is None and len(k) >= 30 and (
            (i + 1 < len(keys) and match[i + 1] is not None) or (i > 0 and match[i - 1] is not None))]
        by_search, by_set = list(match), list(match)
        monkeypatch.setattr(dup, "_SCAN_BUDGET", 10**9 if trial % 2 else rng.randint(0, 50))
        d._contained(keys, by_search)
        if todo:
            d._contained_by_set(keys, by_set, todo)
        assert by_search == by_set
        hits += sum(a != b for a, b in zip(match, by_set, strict=True))
    assert hits > 20  # the comparison saw lines made of earlier text


def _plain(cands: list[tuple[int, list[float]]], units: list[Unit], t: float) -> int:
    """The choice with every candidate scored."""
    best, acc, arg = 0.0, 0.0, -1
    for c, x in cands:
        acc += math.sqrt(len(units[c])) * (trees.sigmoid(x[0]) - t)
        if acc > best:
            best, arg = acc, c
    return arg


def test_best_edge_stops_early_without_changing_the_choice():
    rng = random.Random(11)
    for _ in range(3000):
        n = rng.randint(2, 40)
        units = [Unit(i, i, 0, length, "x" * length) for i, length in enumerate(rng.choices(range(1, 300), k=n))]
        cands = [(c, [rng.uniform(-8.0, 8.0)]) for c in range(n - 1, 0, -1)][: rng.randint(0, n - 1)]
        t = rng.choice([0.05, 0.3, 0.5, 0.7, 0.95])
        arg = _plain(cands, units, t)
        probabilities = {c: trees.sigmoid(x[0]) for c, x in cands}
        order = range(n - 1, 0, -1)
        shown = [(c, x) for c, x in cands if rng.random() < 0.9]  # some dropped (the share filter)
        got, p_of = Segmenter._best(iter(cands), order, units, 0, t, lambda x: x[0])
        assert Segmenter._best(shown, order, units, 0, t, lambda x: x[0])[0] == _plain(shown, units, t)
        assert got == arg
        assert all(probabilities[c] == p for c, p in p_of.items())
        assert arg < 0 or all(c in p_of for c, _ in cands[: [c for c, _ in cands].index(arg) + 1])


def test_traditional_map_fast_test_agrees_with_the_plain_mapping():
    from cleantext.filters import brand_lang

    t2s = brand_lang._t2s()
    trad = sorted(t2s)[::97]
    astral = [c for c in sorted(t2s) if c > "\uffff"][:3]  # past the BMP: the class sends these to the set test
    alphabet = _HAN[:12] + "".join(trad[:12]) + "".join(astral) + "\U0001f600\U00020001ab1，。 \n"
    rng = random.Random(7)
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert brand_lang.match_text(text) == "".join(t2s.get(c, c) for c in text)


def test_glued_groups_in_a_text_without_ideographs_are_the_lookaround_matches():
    # Without CJK ideographs only digits glue: the groups are found from the digit runs' edges.
    m = brand_free._M
    pattern = re.compile(rf"(?<=[\u4e00-\u9fff0-9]){m}+|(?<!{m}){m}++(?=[\u4e00-\u9fff0-9])")
    alphabet = "0189abXY·_|【】[]()（）.，。 -\u3400\uf900é"
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert [g.span() for g in brand_free._glued(text)] == [g.span() for g in pattern.finditer(text)]
        assert [g.group() for g in brand_free._glued(text)] == [g.group() for g in pattern.finditer(text)]


def test_control_clean_up_fast_check_agrees_with_the_regex():
    from cleantext.html import blocks

    alphabet = ["a", " ", "\n", "\t", "\r", "中", "é", "\x00", "\x08", "\x0b", "\x1f", "\x7f", "\x80",
                "\ud800", "\udfff", "\U0001f600", "<", ">"]
    rng = random.Random(11)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) if rng.random() < 0.2 else rng.choice("ab中 ")
                       for _ in range(rng.randint(0, 30)))
        assert blocks._clean_chars(text) == blocks._BAD_CHARS.sub(blocks._bad_char, text)


def test_han_count_of_a_line_is_the_sum_of_its_han_runs():
    from cleantext.html import features

    runs = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
    alphabet = _HAN[:6] + "\u3400\u4dbf\u9fff\uf900\ufaff\ufb00\u33ff，。ab 1-"
    rng = random.Random(13)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        han = sum(map(len, runs.findall(text)))
        words = len(features._EN_WORD.findall(text)) if han < len(text) else 0
        want = han + 2.0 * words or len(text) / 3.0
        assert features._units(text, len(text)) == want


def test_han_count_shortcut_for_ascii_agrees_with_the_runs():
    from cleantext.textutil import _HAN_RUN, han_count

    alphabet = _HAN[:4] + "ab ,.:1\u3007\u3005\U00020000é"
    rng = random.Random(17)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet if rng.random() < 0.5 else "ab ,.:1") for _ in range(rng.randint(0, 30)))
        assert han_count(text) == sum(map(len, _HAN_RUN.findall(text)))


def test_header_parse_without_a_colon_finds_no_label():
    from cleantext.metadata import _labels, parse_header

    label_re, keys = _labels()
    rng = random.Random(19)
    labels = list(keys)
    for _ in range(2000):
        text = "".join(rng.choice([*labels, " ", "2024-01-25", "某网", "x"]) for _ in range(rng.randint(1, 6)))
        if ":" not in text and "：" not in text:
            assert parse_header(text) is None
            assert label_re.search(text) is None


@pytest.mark.parametrize("cached", [2000, 0])
def test_sentences_read_by_findall_are_the_finditer_matches(monkeypatch, cached):
    monkeypatch.setattr(dup, "_CACHED_LINE", cached)  # (0: every line takes the long lines' path)
    plain = re.compile(r"[^。！？!?；;]+(?:([。！？!?；;]+)[”’」』）)]*|$)")

    def by_finditer(lines: list[Line]) -> list[tuple[int, int, str]]:
        out = []
        for ln in lines:
            for m in plain.finditer(ln.text):
                if m.group(1) is not None and (key := "".join(m.group().split())):
                    out.append((ln.start + m.start(), ln.start + m.end(), key))
        return out

    alphabet = _HAN[:6] + "。！？!?；;”’」』）) \u3000ab"
    rng = random.Random(13)
    for _ in range(3000):
        lines, pos = [], 0
        for i in range(rng.randint(0, 4)):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))).strip() or "x"
            lines.append(Line(i, pos, pos + len(text), text))
            pos += len(text) + rng.randint(1, 3)
        starts, ends, keys = dup._sentences(lines, None)
        assert list(zip(starts, ends, keys, strict=True)) == by_finditer(lines)
        assert dup._repeats_an_end(lines) == _gate(lines)


def _gate(lines: list[Line]) -> bool:
    """The duplicates filter's cheap gate as it was written on lists of the pieces between full stops."""
    pieces = [p for ln in lines for p in ln.text.split("。") if len(p) >= 12]
    n = len(pieces)
    return not (len({p[:8] for p in pieces}) == n and len({p[-8:] for p in pieces}) == n)


def test_footer_block_is_shared_only_while_the_kept_lines_and_options_are_the_same():
    from cleantext.document import Document
    from cleantext.filters.footer import ScraperFooter
    from cleantext.report import Removal

    body = "正文第一段，讲了一件事，" + _HAN[:30] + "。"
    doc = Document(f"{body}\n{body}\n版权所有 某某网站 2024\n")
    plain, strict = ScraperFooter(), ScraperFooter(short_line=10)  # one marker on 16 characters: firm, near
    assert len(plain.block_of(doc)) == 1
    assert strict.block_of(doc) == strict.block(doc.kept_lines()) == []
    last = doc.kept_lines()[-1]
    doc.add([Removal(last.start, last.end, "scraper_footer", "x", "test")])
    assert plain.block_of(doc) == plain.block(doc.kept_lines()) == []


def test_page_pairs_updated_for_the_lines_that_differ_agree_with_a_fresh_count(monkeypatch):
    from cleantext import features

    rng = random.Random(11)
    alphabet = _HAN[:6] + _HAN + "ab，。 \uffff\U0001f600"
    real = features.page_pairs
    fresh: list[int] = []
    monkeypatch.setattr(features, "page_pairs", lambda lines: fresh.append(1) or real(lines))
    updated = 0
    for _ in range(1500):
        old = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))) for _ in range(rng.randint(1, 40))]
        new = list(old)
        for _ in range(rng.randint(0, 4)):
            op = rng.random()
            if op < 0.4 and len(new) > 1:
                new.pop(rng.randrange(len(new)))
            elif op < 0.7:
                i = rng.randrange(len(new))
                new[i] = new[i][: rng.randrange(len(new[i]))] + rng.choice(alphabet)
            else:
                new.insert(rng.randrange(len(new) + 1), "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9))))
        counted = len(fresh)
        got = features.page_pairs_after(old, real(old), new)
        updated += len(fresh) == counted
        want = real(new)
        for k in {*got, *want}:  # every key but those holding a line break (10), which novelty never reads
            if 10 not in (k & 0xFFFF, k >> 16):
                assert got.get(k, 0) == want.get(k, 0)
        units = [new[-1], new[0] + old[0]]
        assert [features.unit_novelty(got, u) for u in units] == [features.unit_novelty(want, u) for u in units]
    assert updated > 500  # the update path was taken, not only the fresh count


def test_script_shares_are_the_shallow_han_and_latin_features():
    from cleantext import features

    rng = random.Random(12)
    alphabet = _HAN[:10] + "abXYé0１2，。.: \U00020000"
    i, j = features.SHALLOW.index("han"), features.SHALLOW.index("latin")
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 50)))
        row = features.shallow(text)
        assert features.script_shares(text) == (row[i], row[j])


def test_second_pass_segmenter_shortcut_agrees_with_a_full_run(monkeypatch):
    """A second pass over the same kept lines and edge units as a first pass that found nothing is
    answered without reading a row; a full run gives the same (nothing, and the same metadata), and
    a unit removed in between (a partial cut) sends it back to the full run."""
    from cleantext.filters import segmenter as seg_mod

    seg = Segmenter()
    calls: list[int] = []
    full = seg._find
    monkeypatch.setattr(seg, "_find", lambda *a: calls.append(1) or full(*a))
    rng = random.Random(13)
    title = "".join(rng.choice(_HAN) for _ in range(9))
    quiet = 0
    for n in range(40):
        body = ["".join(rng.choice(_HAN) for _ in range(rng.randint(30, 60))) + "，" +
                "".join(rng.choice(_HAN) for _ in range(rng.randint(10, 30))) + "。" for _ in range(rng.randint(3, 8))]
        tail = "".join(rng.choice(_HAN) for _ in range(20)) + "。"  # a second unit on the last line
        text = "\n".join([title, *body]) + tail + "\n"
        first = Document(text)
        if seg.find(first) or first.annotations:
            continue
        assert seg_mod._QUIET in first.hints
        again, plain = Document(text), Document(text)
        again.hints["first_pass"] = first.hints
        before = len(calls)
        assert seg.find(again) == [] == seg.find(plain)
        quiet += len(calls) == before + 1  # the full run for ``plain`` only
        assert again.metadata == plain.metadata and again.annotations == plain.annotations == []
        assert again.hints.get("title_line") == plain.hints.get("title_line")
        if n % 4 == 0:  # a unit of a kept line cut (the line stays): other edge units, a full run
            cut = Document(text)
            cut.hints["first_pass"] = first.hints
            start = text.index(tail)
            cut.add([seg.span(cut, start, start + len(tail), "test", 1.0)])
            before = len(calls)
            seg.find(cut)
            assert len(calls) == before + 1
    assert quiet >= 20


def test_brand_match_text_of_a_later_pass_is_the_plain_one():
    from cleantext.filters.brand import BrandSpam
    from cleantext.filters.brand_lang import match_text
    rng = random.Random(11)
    alphabet = _HAN[:12] + "abＡＢ１２①國門ｘ \n，"
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        first = Document(text)
        assert BrandSpam._match_text(first) == match_text(text)
        cut = sorted(rng.sample(range(len(text) + 1), 2)) if text else [0, 0]
        again = Document(text[: cut[0]] + text[cut[1] :])
        again.hints["first_pass"] = first.hints
        assert BrandSpam._match_text(again) == match_text(again.text)


def test_contact_numbers_are_the_pattern_matches():
    from cleantext.filters import brand_promo
    rng = random.Random(13)
    alphabet = _HAN[:6] + "：: \t+-0123456789４５abc"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        want = [(m.span(), m.group()) for m in brand_promo._NUMBER.finditer(text)]
        assert [(m.span(), m.group()) for m in brand_promo._numbers(text)] == want


def test_unit_split_shortcut_agrees_with_the_scan():
    """A line that neither ``_ASCII_SPLIT`` nor ``_PLAIN_SPLIT`` matches is one piece without the scan:
    both shortcuts are written from ``_SPLIT``'s alternatives and must stay in step with them."""
    from cleantext import units

    rng = random.Random(14)
    alphabet = "ab Z9.,:!?;_|-—–“”‘’（）【】。，！？；：、▍\t\u3000\xa0end" + _HAN[:3]
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
        assert units._split(text) == units._scan(text), text


def _full_edges(lines: list[Line], head: int, tail: int) -> list[Unit]:
    """What ``edge_units`` took before it split long lines lazily: every unit of the edge lines."""
    from cleantext import units

    first, got, i = [], 0, 0
    while i < len(lines) and got < head:
        first.append((lines[i], units._scan(lines[i].text)))
        got += len(first[-1][1])
        i += 1
    last, got, j = [], 0, len(lines)
    while j > i and got < tail:
        j -= 1
        last.append((lines[j], units._scan(lines[j].text)))
        got += len(last[-1][1])
    return units._units(first + last[::-1])


def test_lazy_unit_split_gives_the_pieces_of_the_full_split(monkeypatch):
    """A long line is split from its two ends only (a 50 MB line is not split whole): the forward
    scan, the backward scan in windows (several, with tiny windows) and the edge units taken under a
    keep predicate are those of the whole split, on random lines dense in ``_SPLIT``'s separators."""
    from cleantext import units

    rng = random.Random(15)
    alphabet = [*_HAN[:12], *"。！？!?；;”」』\"'’）)】（(【[]_-|｜▍—：: \t\u3000\xa0\u2002\u2003endENDabz019",
                *units._LABELS[:8], "完", "  ", " - ", "--"]
    seen_gap = 0
    for _ in range(1500):
        weights = [rng.random() for _ in alphabet]
        text = "".join(rng.choices(alphabet, weights, k=rng.choice([5, 40, 200, 800])))
        full = units._scan(text)
        assert tuple(units._iter_scan(text)) == full, text
        monkeypatch.setattr(units, "_WINDOW", rng.choice([1, 3, 16, 100]))
        assert tuple(units._iter_back(text))[::-1] == full, text
        monkeypatch.setattr(units, "_LAZY", rng.choice([0, 50, 2000]))
        parts = [text, *("".join(rng.choices(alphabet, weights, k=rng.choice([3, 60])))
                         for _ in range(rng.choice([0, 2])))]
        rng.shuffle(parts)
        doc = Document("\n".join(parts))
        lines = doc.kept_lines()
        cuts = sorted(rng.sample(range(len(doc.text) + 1), k=min(len(doc.text), rng.choice([0, 4, 40]))))
        spans = list(zip(cuts[::2], cuts[1::2], strict=False))

        def keep(a: int, b: int, spans: list[tuple[int, int]] = spans) -> bool:
            return not any(s <= a and b <= e for s, e in spans)

        for head, tail in ((13, 31), (2, 3)):
            want = [(u.start, u.end, u.text, u.line) for u in _full_edges(lines, head, tail) if keep(u.start, u.end)]
            got = [(u.start, u.end, u.text, u.line) for u in units.edge_units(lines, head, tail, keep)]
            assert got[:head] == want[:head] and got[-tail:] == want[-tail:], text
            assert got == want if len(want) <= head + tail else len(got) >= head + tail, text
            seen_gap += len(got) < len(want)
    assert seen_gap > 100  # the lazy split left out the middle of many lines


def test_pair_counts_are_the_counts_of_adjacent_pairs():
    """``_pair_counts`` reads views of the encoded text (no copy): each adjacent pair of UTF-16 code
    units once, as one 32-bit key, and nothing else (odd and even lengths, surrogates, NULs)."""
    from collections import Counter

    from cleantext import features

    rng = random.Random(16)
    for _ in range(3000):
        text = "".join(rng.choices(_HAN[:3] + "ab\n\x00\U0001F600", k=rng.randint(1, 12)))
        units = text.encode("utf-16-le", "surrogatepass")
        codes = [int.from_bytes(units[i : i + 2], "little") for i in range(0, len(units), 2)]
        want = Counter(a | b << 16 for a, b in zip(codes, codes[1:], strict=False))
        assert dict(features._pair_counts(text)) == dict(want), repr(text)


def _full_rows_and_states(units, sh, total):
    from cleantext import features as ft

    for rows, states, exprs, names in (
            (ft.iter_suffix_rows, ft.iter_suffix_states, ft.SUFFIX_EXPRS, ft.SUFFIX_STATE),
            (ft.iter_prefix_rows, ft.iter_prefix_states, ft.PREFIX_EXPRS, ft.PREFIX_STATE)):
        # every expression over the state, as one function: the full row the compact scorer reads from
        env = dict(ft.EXPR_SCOPE)
        exec(f"def row(st):\n    {names}, = st\n    return [{', '.join(exprs)}]", env)  # noqa: S102
        yield rows(units, sh, total), states(units, sh, total), env["row"], states(units, sh, total, 0.6)


def _assert_compact_rows_agree(seg, units, sh, total) -> int:
    """The segmenter's trees over candidate states (only the features they read, computed from the
    state) give exactly the log-odds of the plain trees over the full rows; each expression gives
    exactly the full row's value; the share filter drops exactly the rows whose share is over 0.6."""
    from cleantext import features as ft
    from cleantext.filters.segmenter import MAX_SHARE, load

    m = load(None)
    checked = 0
    for (full, states, row, kept), model, tree, name in zip(
            _full_rows_and_states(units, sh, total), (m["suffix"], m["prefix"]), (seg._suffix, seg._prefix),
            (ft.SUFFIX_NAMES, ft.PREFIX_NAMES), strict=True):
        share = name.index("share")
        want = []
        for (c, x), (c2, st) in zip(full, states, strict=True):
            assert c == c2 and row(st) == x and len(x) == len(name)
            assert tree(st) == trees.log_odds(model, x)
            if x[share] <= MAX_SHARE:
                want.append((c, trees.log_odds(model, x)))
            checked += 1
        assert [(c, tree(st)) for c, st in kept] == want
    return checked


def test_compact_candidate_states_give_the_full_rows_probabilities():
    """The segmenter scores candidate states with trees compiled over the features they read (fewer
    than half of a row's): the same log-odds as the plain trees over iter_suffix_rows/iter_prefix_rows."""
    from cleantext import features as ft

    seg = Segmenter()
    rng = random.Random(17)
    checked = 0
    # random unit rows: any value at any feature (zeros, negatives, ties with thresholds)
    thresholds = sorted({t for tr in _segmenter_trees() for t in tr[1]})
    for _ in range(150):
        n = rng.randint(1, 50)
        lengths = rng.choices(range(1, 200), k=n)
        starts = [sum(lengths[:i]) + i for i in range(n)]
        units = [Unit(i, rng.choice([0, 0, 1, i]), starts[i], starts[i] + k, "".join(rng.choices(_HAN, k=k)))
                 for i, k in enumerate(lengths)]
        sh = [tuple(rng.choice([0.0, 0.0, 1.0, rng.random(), -rng.random(), rng.choice(thresholds)])
                    for _ in ft.UNIT) for _ in range(n)]
        checked += _assert_compact_rows_agree(seg, units, sh, rng.choice([sum(lengths), 3 * sum(lengths)]))
    # real-shaped: generated pages, their edge units and rows as the segmenter makes them
    for _ in range(40):
        doc = Document(docgen.document(rng))
        units, total = seg.units(doc)
        if len(units) < 2:
            continue
        suf, pre, sh = seg.edges(units, total, doc.kept_lines())
        rows = [sh[i] if sh.edge[i] else () for i in range(len(units))]
        checked += _assert_compact_rows_agree(seg, units, rows, total)
    assert checked > 3000


def _segmenter_trees():
    from cleantext.filters.segmenter import load

    m = load(None)
    return [*m["suffix"]["trees"], *m["prefix"]["trees"]]


def test_compiled_trees_sharing_splits_give_the_interpreted_log_odds():
    """The compiled trees share the comparisons of nodes that split alike and add the leaf values at
    the end in the trees' order: exactly the log-odds of the node-list interpreter, ties included."""
    rng = random.Random(19)
    splits = [(f, t) for f in range(4) for t in (-1.0, 0.0, 0.5, 2.0)]

    def tree(depth: int) -> list[list]:
        feat, thr, left, right, value = [], [], [], [], []

        def node(d: int) -> int:
            i = len(feat)
            feat.append(0), thr.append(0.0), left.append(-1), right.append(-1)
            value.append(rng.uniform(-3, 3))
            if d < depth and rng.random() < 0.8:
                feat[i], thr[i] = rng.choice(splits[:6] if rng.random() < 0.6 else splits)  # shared often
                left[i] = node(d + 1)
                right[i] = node(d + 1)
            return i
        node(0)
        return [feat, thr, left, right, value]

    for _ in range(60):
        model = {"base": rng.uniform(-2, 2), "trees": [tree(rng.randint(0, 5)) for _ in range(rng.randint(0, 30))]}
        f = trees.compiled(model)
        g = trees.compiled(model, [f"x[{i}]" for i in range(4)], "x")
        for _ in range(50):
            x = [rng.choice([-1.0, 0.0, 0.5, 2.0, rng.uniform(-3, 3)]) for _ in range(4)]
            assert f(x) == g((x,)) == trees.log_odds(model, x)
