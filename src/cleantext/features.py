"""Features of units for the boilerplate segmenter, each defined once.

A unit (:mod:`cleantext.units`) gets shallow features of its own text (length, script shares,
terminal punctuation, date/time shapes of every format, bullets, links and contacts, ``label：``
shape, separators, lexicon hits), its position in the document, its similarity to the title and to
its neighbours, repetition, run lengths of short unfinished units around it, and the shallow
features of the units before and after it (boilerpipe/jusText style). Lexicon hits are features,
never gates: the fitted weights decide what they are worth.
"""

from __future__ import annotations

import math
from functools import cache

import regex

from .textutil import lexicon
from .units import Unit

_HAN = regex.compile(r"\p{Han}")
_LATIN = regex.compile(r"[A-Za-z]")
_DIGIT = regex.compile(r"\d")
_PUNCT = regex.compile(r"[\p{P}\p{S}]")
_TERM_FULL = frozenset("。！？；…")
_TERM_ASCII = frozenset("!?;.")
_CLOSERS = "”」』\"'’）)】]"
_DATE_Y = regex.compile(r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
_DATE_MD = regex.compile(r"(?<!\d)\d{1,2}\s*月\s*\d{1,2}\s*日|(?<![\d-])\d{1,2}[-/]\d{1,2}(?![\d-])")
_TIME = regex.compile(r"(?<!\d)\d{1,2}[:：]\d{2}(?!\d)")
_REL = regex.compile(r"(?<!\d)\d+\s*(?:秒|分钟|小时|天|周|个月|月|年)前|昨天|前天|刚刚|今天|(?<!\d)\d+评")
_BULLET = regex.compile(r"^[•·▪◆◇■□●○▶►▸▍|>»*\-—]")
_NUMBER = regex.compile(
    r"^(?:\d{1,2}\s*[.、)）:：]|[（(]\s*\d{1,2}\s*[)）]|[（(]?[一二三四五六七八九十]{1,3}[)）、])")
# (?<!...) before a leading run: a match starts only where the run starts, so a long run is scanned once
_URL = regex.compile(r"https?://|www\.|(?<![\w-])[\w-]+\.(?:com|cn|net|org|cc|html?)\b", regex.IGNORECASE)
_MAIL = regex.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+")
_PHONE = regex.compile(r"(?<!\d)(?:0\d{2,3}-?\d{7,8}|1[3-9]\d{9}|400-?\d{3}-?\d{4})(?!\d)")
_ICP = regex.compile(r"ICP|备案|公网安备|©|copyright", regex.IGNORECASE)
_LABEL = regex.compile(r"^[【\[（(]?\s*[\p{Han}A-Za-z]{1,7}\s*[】\]）)]?\s*[:：丨|]")
_LABELS_IN = regex.compile(r"[\p{Han}]{2,5}\s*[:：](?!\d)")
_SEP = regex.compile(r"[|｜>›»/·•]|&gt;|\s-\s|_")
_BRACKET = regex.compile(r"[【】\[\]]")
_QUOTE = regex.compile(r"[“”\"「」]")
_SPEECH = regex.compile(r"(?:表示|指出|认为|提醒|介绍|强调|透露|坦言|建议|呼吁|告诉记者|说|称|问)\s*[,，:：]")
_ARROWS = regex.compile(r"[↓↑→←▼▲►◄➤✔☞?]{2,}|\?\s*\?")
_FIRST_PERSON = regex.compile(r"我们|大家|你们|您|朋友们|小编")
_CALL = regex.compile(r"点击|关注|扫码|扫描|长按|二维码|转发|分享|点赞|在看|订阅|公众号|下载|评论|留言")

#: Names of the shallow (own-text) features, in order.
SHALLOW = (
    "bias", "loglen", "len<=4", "len<=10", "len<=20", "len<=40", "len<=80", "len>160",
    "han", "latin", "digit", "punct", "term_full", "term_ascii", "ends_colon", "ends_comma",
    "commas", "sentences", "date_y", "date_md", "time", "relative", "date_only", "bullet", "number",
    "url", "mail", "phone", "icp", "label", "labels_in", "seps", "brackets", "quotes", "speech",
    "arrows", "first_person", "call", "lex_chrome_label", "lex_chrome_line", "lex_footer",
    "lex_vocab_self", "lex_vocab_legal", "lex_vocab_source", "lex_vocab_contact", "lex_vocab_archive",
    "lex_tail_heading",
)
_CONTEXT = (
    "pos_top", "pos_bottom", "rel_char", "first_line", "second_line", "last_line", "line_from_end<=2",
    "line_share", "line_start", "line_end", "units_in_line", "title_sim", "title_in", "in_title",
    "prev_sim", "next_sim", "repeated", "run_short", "run_short_log", "prose_before", "prose_after",
    "top*short", "bottom*short", "top*label", "bottom*label", "bottom*date", "first*short",
    "after_last_prose", "before_first_prose", "same_line_prev_prose", "glued_after_term",
    "line_label", "line_loglen", "line_term", "line_lex_footer", "line_lex_chrome", "line_date",
    "line_calls", "unit_in_line", "sep_start", "title_suffix", "line_short_units",
)
_NEIGH = ("loglen", "term_full", "date_y", "date_md", "relative", "label", "seps", "lex_footer",
          "lex_chrome_line", "lex_tail_heading", "han", "bullet", "number", "call", "len<=20")
_NEIGH_IDX = tuple(SHALLOW.index(n) for n in _NEIGH)
# Shapes crossed with the region a unit is in (above the first paragraph, between paragraphs,
# after the last one, glued after a sentence on its line): a linear scorer then weighs a date or a
# short label differently at the top, inside the article and at its end.
_CROSSED = ("len<=10", "len<=20", "len<=40", "term_full", "date_y", "date_md", "time", "relative", "label",
            "labels_in", "lex_footer", "lex_chrome_line", "lex_chrome_label", "seps", "bullet", "number",
            "call",
            "han", "lex_tail_heading", "url", "brackets", "lex_vocab_self", "lex_vocab_source", "ends_colon")
_CROSSED_IDX = tuple(SHALLOW.index(n) for n in _CROSSED)
_REGIONS = ("head", "middle", "end", "glued")
#: Every feature name, in the order :func:`unit_features` returns them.
NAMES = (*SHALLOW, *_CONTEXT, *(f"prev.{n}" for n in _NEIGH), *(f"next.{n}" for n in _NEIGH),
         *(f"prev2.{n}" for n in _NEIGH), *(f"next2.{n}" for n in _NEIGH),
         *(f"{r}*{n}" for r in _REGIONS for n in (*_CROSSED, "run_short_log", "bias")))


@cache
def _lexicons() -> dict[str, regex.Pattern[str]]:
    labels = [e.partition("=")[0].strip() for e in lexicon("chrome_labels")]
    out = {
        "chrome_label": regex.compile(
            "(?:" + "|".join(regex.escape(k) for k in sorted(labels, key=len, reverse=True)) + r")\s*[:：]"),
        "chrome_line": regex.compile("|".join(f"(?:{p})" for p in lexicon("chrome_lines")), regex.IGNORECASE),
        "footer": regex.compile("|".join(f"(?:{p})" for p in lexicon("footer_markers")), regex.IGNORECASE),
        "tail_heading": regex.compile("|".join(f"(?:{p})" for p in lexicon("tail_headings")),
                                      regex.IGNORECASE),
    }
    for entry in lexicon("footer_vocabulary"):
        topic, _, pattern = entry.partition("=")
        out["vocab_" + topic.strip()] = regex.compile(pattern.strip(), regex.IGNORECASE)
    return out


def _n(rx: regex.Pattern[str], s: str) -> int:
    return len(rx.findall(s))


def shallow(text: str) -> list[float]:
    """The own-text features of one unit (:data:`SHALLOW` order)."""
    n = len(text)
    lex = _lexicons()
    han = _n(_HAN, text)
    last = text.rstrip(_CLOSERS)[-1:] if text.rstrip(_CLOSERS) else ""
    date_y = _n(_DATE_Y, text)
    date_md = _n(_DATE_MD, text)
    tm = _n(_TIME, text)
    short = n <= 40
    return [
        1.0, math.log1p(n) / 5, float(n <= 4), float(n <= 10), float(n <= 20), float(n <= 40), float(n <= 80),
        float(n > 160),
        han / n, _n(_LATIN, text) / n, _n(_DIGIT, text) / n, _n(_PUNCT, text) / n,
        float(last in _TERM_FULL), float(last in _TERM_ASCII), float(last in ":："), float(last in ",，、"),
        min(text.count("，") + text.count(","), 6) / 6, min(sum(text.count(c) for c in "。！？"), 5) / 5,
        min(date_y, 3) / 3, min(date_md, 3) / 3, min(tm, 3) / 3, min(_n(_REL, text), 3) / 3,
        float((date_y or date_md or tm) and han <= 2 and n <= 30),
        float(bool(_BULLET.match(text))), float(bool(_NUMBER.match(text))),
        float(bool(_URL.search(text))), float(bool(_MAIL.search(text))), float(bool(_PHONE.search(text))),
        float(bool(_ICP.search(text))), float(bool(_LABEL.match(text))), min(_n(_LABELS_IN, text), 4) / 4,
        min(_n(_SEP, text), 6) / 6, min(_n(_BRACKET, text), 4) / 4, float(bool(_QUOTE.search(text))),
        float(bool(_SPEECH.search(text))), float(bool(_ARROWS.search(text))),
        float(bool(_FIRST_PERSON.search(text))), min(_n(_CALL, text), 3) / 3,
        min(_n(lex["chrome_label"], text), 3) / 3, float(short and bool(lex["chrome_line"].search(text))),
        min(_n(lex["footer"], text), 3) / 3,
        float(bool(lex["vocab_self"].search(text))), float(bool(lex["vocab_legal"].search(text))),
        float(bool(lex["vocab_source"].search(text))), float(bool(lex["vocab_contact"].search(text))),
        float(bool(lex["vocab_archive"].search(text))),
        float(n <= 30 and bool(lex["tail_heading"].search(text))),
    ]


def _bigrams(s: str) -> set[str]:
    return {s[i : i + 2] for i in range(len(s) - 1)} if len(s) > 1 else {s}


def _jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


_I_LEN = SHALLOW.index("loglen")
_I_LABEL = SHALLOW.index("label")
_I_LEXF = SHALLOW.index("lex_footer")
_I_LEXC = SHALLOW.index("lex_chrome_line")
_I_LEXCL = SHALLOW.index("lex_chrome_label")
_I_DATE = (SHALLOW.index("date_y"), SHALLOW.index("time"), SHALLOW.index("relative"))
_I_CALL = SHALLOW.index("call")
_ZEROS = (0.0,) * (len(_CROSSED_IDX) + 2)
_SEP_START = regex.compile(r"^(?:[_|｜▍]|-{1,2}(?!\d)|—)")
_I_TERM = SHALLOW.index("term_full")


def _is_prose(u: Unit, sh: list[float]) -> bool:
    return len(u) >= 25 and sh[_I_TERM] > 0 or len(u) >= 60


def unit_features(units: list[Unit], line_len: dict[int, int], total_chars: int) -> list[list[float]]:
    """Feature rows (:data:`NAMES` order) for every unit of one document."""
    n = len(units)
    if not n:
        return []
    sh = [shallow(u.text) for u in units]
    prose = [_is_prose(u, s) for u, s in zip(units, sh, strict=False)]
    first_line = units[0].line
    last_line = units[-1].line
    lines_order = sorted({u.line for u in units})
    line_rank = {ln: i for i, ln in enumerate(lines_order)}
    n_lines = len(lines_order)
    per_line: dict[int, int] = {}
    line_first: dict[int, int] = {}
    line_last: dict[int, int] = {}
    line_agg: dict[int, list[float]] = {}
    for k, u in enumerate(units):
        per_line[u.line] = per_line.get(u.line, 0) + 1
        line_first.setdefault(u.line, k)
        line_last[u.line] = k
        s = sh[k]
        agg = line_agg.setdefault(u.line, [0.0, 0.0, 0.0, 0.0, 0.0])
        agg[0] = max(agg[0], s[_I_LEXF])
        agg[1] = max(agg[1], s[_I_LEXC], s[_I_LEXCL])
        agg[2] = max(agg[2], *(s[i] for i in _I_DATE))
        agg[3] = max(agg[3], s[_I_CALL])
        agg[4] += float(len(u) <= 12)
    grams = [_bigrams(u.text) for u in units]
    title = units[0].text
    title_g = grams[0]
    counts: dict[str, int] = {}
    for u in units:
        counts[u.text] = counts.get(u.text, 0) + 1
    # runs of short units without a sentence end, by line
    short = [len(u) <= 40 and s[_I_TERM] == 0 for u, s in zip(units, sh, strict=False)]
    run = [0] * n
    i = 0
    while i < n:
        j = i
        while j < n and short[j]:
            j += 1
        for k in range(i, j):
            run[k] = j - i
        i = max(j, i + 1)
    # a paragraph pasted again later (the duplicates filter runs after this one) is not prose that
    # follows: a related list above a second copy of the body still ends the article
    seen: set[str] = set()
    again = []
    for u in units:
        again.append(len(u) >= 10 and u.text in seen)
        seen.add(u.text)
    prose_chars = [len(u) if p and not a else 0 for u, p, a in zip(units, prose, again, strict=False)]
    total_prose = sum(prose_chars) or 1
    before = 0
    first_prose = next((k for k in range(n) if prose_chars[k]), n)
    last_prose = next((k for k in range(n - 1, -1, -1) if prose_chars[k]), -1)
    rows = []
    for k, u in enumerate(units):
        s = sh[k]
        rank = line_rank[u.line]
        top = rank / max(n_lines - 1, 1)
        bottom = 1 - top
        is_short = float(len(u) <= 20)
        lab = s[SHALLOW.index("label")]
        after = total_prose - before - prose_chars[k]
        prev_sim = _jaccard(grams[k], grams[k - 1]) if k else 0.0
        next_sim = _jaccard(grams[k], grams[k + 1]) if k + 1 < n else 0.0
        same_prev = k > 0 and units[k - 1].line == u.line
        ctx = [
            float(rank <= 2) * (1 - rank / 3),
            float(n_lines - 1 - rank <= 2) * (1 - (n_lines - 1 - rank) / 3),
            u.start / max(total_chars, 1), float(u.line == first_line), float(rank == 1),
            float(u.line == last_line), float(n_lines - 1 - rank <= 2),
            len(u) / max(line_len[u.line], 1), float(not same_prev),
            float(k + 1 >= n or units[k + 1].line != u.line), min(per_line[u.line], 6) / 6,
            _jaccard(grams[k], title_g) if k else 0.0, float(k > 0 and len(title) >= 6 and title in u.text),
            float(k > 0 and len(u) >= 4 and u.text in title),
            prev_sim, next_sim, float(counts[u.text] > 1 and len(u) >= 4),
            min(run[k], 10) / 10, math.log1p(run[k]) / 3, before / total_prose, after / total_prose,
            top * is_short, bottom * is_short, float(rank <= 3) * lab, float(rank >= n_lines - 4) * lab,
            float(rank >= n_lines - 4) * (s[SHALLOW.index("date_y")] + s[SHALLOW.index("relative")]),
            float(u.line == first_line) * is_short,
            float(k > last_prose), float(k < first_prose),
            float(same_prev and prose[k - 1]), float(same_prev and sh[k - 1][_I_TERM] > 0),
            sh[line_first[u.line]][_I_LABEL], math.log1p(line_len[u.line]) / 5,
            sh[line_last[u.line]][_I_TERM], *line_agg[u.line][:4],
            (k - line_first[u.line]) / max(per_line[u.line] - 1, 1),
            float(bool(_SEP_START.match(u.text))), float(u.line == first_line and same_prev),
            min(line_agg[u.line][4], 6) / 6,
        ]
        row = s + ctx
        for off in (-1, 1, -2, 2):
            j = k + off
            if 0 <= j < n:
                sj = sh[j]
                row.extend(sj[i] for i in _NEIGH_IDX)
            else:
                row.extend(0.0 for _ in _NEIGH_IDX)
        region = (float(k < first_prose), float(first_prose <= k <= last_prose), float(k > last_prose),
                  float(same_prev and sh[k - 1][_I_TERM] > 0))
        runlog = math.log1p(run[k]) / 3
        for flag in region:
            if flag:
                row.extend(s[i] for i in _CROSSED_IDX)
                row.append(runlog)
                row.append(1.0)
            else:
                row.extend(_ZEROS)
        rows.append(row)
        before += prose_chars[k]
    return rows
