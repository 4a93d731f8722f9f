import pytest

from cleantext import Removal, apply
from cleantext.spans import settle


def R(s, e):
    return Removal(s, e, "page_chrome", "t", "test")


def test_apply_cuts_spans():
    assert apply("ab广告cd", [R(2, 4)]) == "abcd"


def test_apply_rejects_overlap():
    with pytest.raises(ValueError):
        apply("abcdef", [R(0, 3), R(2, 4)])


def test_whole_line_takes_its_break_and_blank_lines():
    t = "A\n\nline\n\nB"
    out = settle(t, [R(3, 7)])
    assert apply(t, out) == "A\n\nB"
    assert out[0].text == "line\n\n"


def test_inline_token_does_not_grow():
    t = "  X5月8日,"
    out = settle(t, [R(2, 3)])
    assert [(r.start, r.end) for r in out] == [(2, 3)]


def test_removal_at_end_keeps_last_newline():
    t = "正文。\n\n页脚\n"
    out = settle(t, [R(5, 7)])
    assert apply(t, out) == "正文。\n"


def test_overlaps_resolved_earlier_wins():
    t = "0123456789"
    out = settle(t, [R(0, 5), R(3, 8)])
    assert [(r.start, r.end) for r in out] == [(0, 5), (5, 8)]


def test_chain_of_removals_to_the_end_leaves_no_trailing_hole():
    t = "A\n\nfoot\n\ntail\n"
    out = settle(t, [R(3, 7), R(9, 13)])
    assert apply(t, out) == "A\n"


# ---------------------------------------------------------------- one pass, same spans


def _settle_by_lines(text, removals):
    """The spans' rules written plainly (line of each span by rfind/find, blank tests by slicing):
    quadratic, kept as the reference the one-pass :func:`settle` must agree with."""
    def blank(s):
        return not s or s.isspace()

    def line_end(i):
        j = text.find("\n", i)
        return len(text) if j < 0 else j

    taken = []
    for r in sorted(removals, key=lambda r: (r.start, -r.end)):
        if r.end <= r.start:
            continue
        if taken and r.start < taken[-1].end:
            if r.end <= taken[-1].end:
                continue
            r = Removal(taken[-1].end, r.end, r.kind, r.filter, r.reason)
        taken.append(r)
    out, n = [], len(text)
    for i, r in enumerate(taken):
        s, e = r.start, r.end
        ls, le = text.rfind("\n", 0, s) + 1, line_end(e - 1)
        if blank(text[ls:s]) and blank(text[e:le]):
            s, e = ls, le
            if e < n:
                e += 1
                while e < n:
                    nxt = line_end(e)
                    if nxt >= n or not blank(text[e:nxt]):
                        break
                    e = nxt + 1
            if blank(text[e:]):
                e, j = n, s
                while j > 0 and text[j - 1].isspace():
                    j -= 1
                k = text.find("\n", j)
                if 0 <= k < s:
                    s = k + 1
            s = max(s, out[-1][1] if out else 0)
            e = min(e, taken[i + 1].start if i + 1 < len(taken) else n)
        out.append((s, e))
    out = [se for se in out if se[1] > se[0]]
    if out and out[-1][1] == n:
        k = len(out) - 1
        while k > 0 and out[k - 1][1] == out[k][0]:
            k -= 1
        s, lo = out[k][0], out[k - 1][1] if k > 0 else 0
        j = s
        while j > lo and text[j - 1].isspace():
            j -= 1
        nl = text.find("\n", j)
        start = nl + 1 if 0 <= nl < s else s
        if start < s and blank(text[start:s]):
            out[k] = (start, out[k][1])
    return out


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab \n\t\u3000", max_size=60), st.lists(st.tuples(st.integers(0, 60),
                                                                       st.integers(0, 12)), max_size=8))
def test_settle_agrees_with_the_line_by_line_rules(text, raw):
    spans = [R(min(s, len(text)), min(s + w, len(text))) for s, w in raw]
    got = [(r.start, r.end) for r in settle(text, spans)]
    assert got == _settle_by_lines(text, spans)
    for r in settle(text, spans):
        assert r.text == text[r.start:r.end]


def test_second_pass_spans_map_back_to_the_input():
    """``_map_back``: cutting the mapped spans from the input equals cutting the second pass's spans
    from the first pass's output, for spans that cross first-pass cuts too."""
    from cleantext.pipeline import _map_back
    from cleantext.spans import apply as cut

    def spans(n):
        return st.lists(st.tuples(st.integers(0, n), st.integers(0, n)), max_size=6).map(
            lambda xs: _disjoint(sorted((min(a, b), max(a, b)) for a, b in xs if a != b)))

    @settings(max_examples=300, deadline=None)
    @given(st.text("ab中。\n ", min_size=1, max_size=40).flatmap(lambda t: st.tuples(st.just(t), spans(len(t)))),
           st.data())
    def check(tf, data):
        text, first = tf
        rm1 = [Removal(s, e, "duplicate", "x", "r") for s, e in first]
        mid = cut(text, rm1)
        second = data.draw(spans(len(mid)))
        rm2 = [Removal(s, e, "brand_spam", "y", "r") for s, e in second]
        back = _map_back(text, rm1, rm2)
        assert cut(text, sorted([*rm1, *back], key=lambda r: r.start)) == cut(mid, rm2)
        assert all(r.text == text[r.start:r.end] for r in back)

    check()


def _disjoint(pairs):
    out = []
    for s, e in pairs:
        if not out or s >= out[-1][1]:
            out.append((s, e))
    return out


def test_passes_after_the_second_run_when_a_filter_asks():
    """A pass may uncover noise the pass before hid: a second pass runs when the first removed
    something; later ones (``passes`` in all at most) only when a filter of the pass before asks
    (``doc.hints["more"]``), and every span indexes the input."""
    from cleantext.filters.base import Filter
    from cleantext.pipeline import Pipeline

    class LastLine(Filter):  # removes the last line when it is the marker, one line per pass
        name = "last_line"
        kind = "scraper_footer"

        def __init__(self, ask: bool) -> None:
            self.ask = ask

        def find(self, doc):
            lines = doc.kept_lines()
            if lines and lines[-1].text == "尾":
                if self.ask:
                    doc.hints["more"] = True
                return [self.span(doc, lines[-1].start, lines[-1].end, "marker line")]
            return []

    text = "正文第一段。\n尾\n尾\n尾\n尾\n"
    counts = {}
    for ask in (False, True):
        for n in (1, 2, 4, 6):
            res = Pipeline([LastLine(ask)], passes=n).clean(text)
            counts[ask, n] = len(res.report.removals)
            assert apply(text, res.report.removals) == res.text
            assert all(r.text.strip() == "尾" and r.text == text[r.start:r.end] for r in res.report.removals)
    assert counts == {(False, 1): 1, (False, 2): 2, (False, 4): 2, (False, 6): 2,
                      (True, 1): 1, (True, 2): 2, (True, 4): 4, (True, 6): 4}
