"""Scraper footers: snapshot, crawler, repost, disclaimer and copyright blocks at the end of an article,
a footer glued after its last sentence, and calls to follow the account at either edge.

Structure beats phrases: the filter walks back from the end of the kept text over lines that carry
footer markers (``data/footer_markers.txt``: crawler/snapshot wording, 如有侵权, 版权归…所有,
Copyright, ICP备 …) and stops at the first line that is not footer-like. A long line needs two
distinct markers, so a paragraph *about* crawlers or copyright stays. A line without a marker is
footer-like when the site speaks of itself and of two other footer topics
(``data/footer_vocabulary.txt``: legal, source, contact, archive, time), as in
"本站文章均来自网络收集，本站不承担任何法律责任": unseen sites word their disclaimers
differently, but they talk about the site. Lines removed by earlier filters (the related-news tail)
are skipped, so a footer above a tail is still "at the end".

>>> from cleantext import Pipeline
>>> text = "正文第一段，讲了一件事。\\n免责声明:本文来源于网络,仅供参考。如有侵权,请联系删除。\\n"
>>> Pipeline([ScraperFooter()]).clean(text).text
'正文第一段，讲了一件事。\\n'
"""

from __future__ import annotations

import regex

from ..document import Document, Line
from ..report import Removal
from ..textutil import DATE_RE, lexicon
from .base import Filter

_AUX = regex.compile(r"(https?://|www\.|@[\w-]+\.|\b[\w-]+\.(com|cn|net|cc|org)\b|电话|邮箱|[:：]$)")
# a footer's furniture: "label: URL / e-mail", "label: date-time" or "label于 date-time", a rule of dashes
_FURNITURE = regex.compile(
    r"^\S{1,12}?\s*(?:[:：]\s*(?:https?://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    r"|(?:[:：]|于|在)\s*(?:" + DATE_RE.pattern + r"))\s*$"
    r"|^[-—_=*~·.。…\s]{3,}$"
)


class ScraperFooter(Filter):
    """Remove the footer block at the end of the document.

    Parameters:
        max_line: longest line (chars) that can be part of a footer.
        short_line: up to this length one marker suffices; longer lines need two distinct markers.
    """

    name = "footer"
    kind = "scraper_footer"

    def __init__(self, max_line: int = 400, short_line: int = 40) -> None:
        self.max_line = max_line
        self.short_line = short_line
        self._markers = [regex.compile(p) for p in lexicon("footer_markers")]
        self._vocabulary: dict[str, regex.Pattern[str]] = {}
        for entry in lexicon("footer_vocabulary"):
            topic, _, pattern = entry.partition("=")
            self._vocabulary[topic.strip()] = regex.compile(pattern.strip(), regex.IGNORECASE)
        calls = {k.strip(): v.strip() for k, _, v in (e.partition("=") for e in lexicon("footer_calls"))}
        self._call = regex.compile(calls["call"])
        self._reader = regex.compile(calls["reader"])
        self._platform = regex.compile(calls["action"] + "|" + calls["account"])
        nav = {k.strip(): v.strip() for k, _, v in (e.partition("=") for e in lexicon("nav_labels"))}
        label = f"{nav['fixed']}|{nav['open']}"
        self._nav_fixed = regex.compile(nav["fixed"])
        self._nav_one = regex.compile(label)
        # a run of labels ending the line, then perhaps an empty sign-off (`… 责任编辑：`)
        self._nav_run = regex.compile(
            rf"(?:(?:{label})[\s，,、|｜/·•>»]*){{1,3}}(?:(?:责任编辑|编辑|责编)\s*[:：]\s*\S{{0,12}})?\s*$")
        # the markers without their anchors: one search over a line's end finds any a piece of it holds
        self._loose_marker = regex.compile("|".join(
            f"(?:{m.pattern.removeprefix('^').removesuffix('$')})" for m in self._markers))
        # each list as one alternation, searched first: most lines hold none of them (one search, not 40)
        self._any_marker = regex.compile("|".join(f"(?:{m.pattern})" for m in self._markers))
        # a marker that may stand anywhere, written as a label: the head of a footer that names itself
        free = [m.pattern for m in self._markers
                if not m.pattern.startswith("^") and not m.pattern.endswith("$")]
        self._head_inline = regex.compile(
            "|".join(f"(?:{p})\\s*[:：]|[【\\[]\\s*(?:{p})\\s*[】\\]]" for p in free))
        self._closing = regex.compile("|".join(f"(?:{p})" for p in lexicon("footer_closings")))
        self._any_topic = regex.compile("|".join(f"(?:{rx.pattern})" for rx in self._vocabulary.values()),
                                        regex.IGNORECASE)

    def markers(self, text: str) -> list[str]:
        return [p for p, _ in self._marker_hits(text)]

    def _marker_hits(self, text: str) -> list[tuple[str, int]]:
        """Each marker found in ``text`` with where it first matches (one search per marker)."""
        if not self._any_marker.search(text):
            return []
        return [(rx.pattern, m.start()) for rx in self._markers if (m := rx.search(text))]

    def topics(self, text: str) -> list[str]:
        """Footer topics (``data/footer_vocabulary.txt``) the line speaks of, and "speech" if it quotes."""
        if not self._any_topic.search(text):
            return []
        return [t for t, rx in self._vocabulary.items() if rx.search(text)]

    def classify(self, text: str) -> tuple[str, list[str]]:
        """``("firm" | "near" | "", why)``: a footer line alone, one only next to a firm line, or neither.

        Firm: a marker on a short line, two markers, or the site speaking of itself and two other
        topics. Near: one marker on a longer line, or "we" and two other topics ("请发邮件至…，我们将
        在24小时内删除"): an article may end on such a sentence, a footer block holds it beside others.
        """
        if len(text) > self.max_line:
            return "", []
        found = self._marker_hits(text)
        hits = [p for p, _ in found]
        if hits and _prose_before(text, min(at for _, at in found)):
            # finished sentences before the first marker: a paragraph with a footer glued to its end.
            # Never the whole paragraph for a phrase inside it: the segmenter cuts from where it starts
            return "", []
        if hits and len(text) > 2 * self.short_line and self._plain_sentences(text) >= 3:
            # a paragraph with footer pieces at its edges (目前X人已关注我们… the article …【版权声明】…):
            # three finished sentences or more that hold no marker and speak of no footer topic are
            # the article's. Never the whole paragraph: what is glued after its end goes from there
            return "", []
        if hits and _clauses_before(text, first := min(at for _, at in found)) and (
                (head := self._head_inline.search(text)) and head.start() == first
                or not [t for t in self.topics(text[:first]) if t != "speech"]):
            # clauses, then the footer: a last sentence scraped without its full stop (…，…，…惠及
            # 居民群众版权归原作者所有…): before a footer that names itself, or clauses that speak of no
            # footer topic. The footer goes from its head (headed_inside) or stays
            return "", []
        topics = self.topics(text)
        furniture = _FURNITURE.match(text.strip())
        if "speech" in topics and not furniture:  # someone quoted: an article's sentence, unless plainly both
            return ("firm", hits) if len(hits) >= 2 else ("", [])
        if hits and (len(text) <= self.short_line or len(hits) >= 2):
            return "firm", hits
        others = [t for t in topics if t not in ("self", "we")]
        about = ["talks about " + "/".join(topics)] if topics else []
        if len(text) > 2.5 * self.short_line:
            # a longer line: the site speaking of itself and of three other topics (a whole disclaimer:
            # "本平台…来源…不承担…责任…请联系本平台")
            return ("firm", hits + about) if "self" in topics and len(others) >= 3 else ("", [])
        if "self" in topics and len(others) >= 2:
            return "firm", hits + about
        if hits or ("we" in topics and len(others) >= 2):
            return "near", hits + about
        if furniture:
            return "near", ["footer furniture (label with a link, address or time; a rule)"]
        return "", []

    def _plain_sentences(self, text: str) -> int:
        """How many finished sentences of ``text`` (10 characters or more) hold no footer marker and
        speak of no footer topic (a quotation or a date aside: an article quotes and dates too)."""
        n, start = 0, 0
        for m in _SENTENCE.finditer(text):
            piece = text[start : m.end()]
            start = m.end()
            if len(piece.strip()) >= 10 and not self._marker_hits(piece) and not [
                    t for t in self.topics(piece) if t not in ("speech", "time")]:
                n += 1
        return n

    def block(self, lines: list[Line]) -> list[tuple[Line, list[str]]]:
        """The footer block at the end of ``lines``, last line first, each with why it belongs."""
        memo: dict[int, tuple[str, list[str]]] = {}

        def kind(i: int) -> tuple[str, list[str]]:
            if i not in memo:
                memo[i] = self.classify(lines[i].text)
            return memo[i]

        def firm_above(i: int) -> bool:  # a firm line over a short run of near lines
            j = i - 1
            while j >= 0 and i - j <= 3 and kind(j)[0] == "near":
                j -= 1
            return j >= 0 and kind(j)[0] == "firm"

        block: list[tuple[Line, list[str]]] = []
        pending: list[Line] = []  # unmarked short lines, kept only if a marked line comes above them
        has_firm = False
        for i in range(len(lines) - 1, -1, -1):
            ln, (k, why) = lines[i], kind(i)
            if k == "firm" or (k == "near" and (has_firm or firm_above(i))):
                block.extend((p, []) for p in pending)
                pending = []
                block.append((ln, why))
                has_firm = has_firm or k == "firm"
            elif len(ln) <= 30 and _AUX.search(ln.text) and len(pending) < 1:
                pending.append(ln)
            else:
                break
        return block

    def block_of(self, doc: Document) -> list[tuple[Line, list[str]]]:
        """:meth:`block` of ``doc``'s kept lines, computed once while they stay the same (the tail
        filter asks first, and when it removes nothing this filter asks of the same lines)."""
        return doc.memo(("footer.block", type(self), self.max_line, self.short_line),
                        lambda: self.block(doc.kept_lines()))

    def find(self, doc: Document) -> list[Removal]:
        lines = doc.kept_lines()
        block = self.block_of(doc)
        if len(block) >= len(lines):
            return []
        out = []
        for ln, hits in block:
            out.append(self.span(doc, ln.start, ln.end, _reason(hits), 0.9 if hits else 0.7,
                                 code="footer.marker" if hits else "footer.block_line"))
        # a disclaimer or copyright line above the article, under its title (two markers: firm)
        for ln, hits in self.top_lines(lines[: max(0, len(lines) - len(block) - 1)]):
            why = _reason(hits).replace("footer line", "disclaimer above the article", 1)
            out.append(self.span(doc, ln.start, ln.end, why, 0.9, code="footer.top"))
        # a disclaimer opening a line, the article glued after it
        for ln in lines[: len(lines) - len(block)]:
            if got := self.head_glued(ln.text):
                a, end = got
                out.append(self.span(doc, ln.start + a, ln.start + end,
                                     _reason(self.markers(ln.text[a:end])).replace(
                                         "footer line", "disclaimer opening the article's line", 1),
                                     0.9, code="footer.head_glued"))
        # a call to follow the account, opening the article under its title or closing it
        out.extend(self.span(doc, a, b, "a call to follow, like or share the account", 0.9,
                             code="footer.call") for a, b in self.calls(lines[: len(lines) - len(block)]))
        # the line above the block (or the last line): the page's link labels that end it, else a
        # footer glued after its last sentence (the next pass reads what the labels stood after)
        above = lines[len(lines) - len(block) - 1]
        if (at := self.nav_start(above.text)) >= 0:
            out.append(self.span(doc, above.start + at, above.end,
                                 "the page's link labels (view more, back to …) ending the article", 0.9,
                                 code="footer.nav"))
        elif (at := self.glued_start(above.text)) > 0:
            why = _reason(self.classify(above.text[at:])[1])
            why = why.replace("footer line", "footer after the last sentence", 1)
            out.append(self.span(doc, above.start + at, above.end, why, 0.9, code="footer.glued"))
        elif run := self.headed_inside(above.text):
            why = _reason(self.classify(above.text[run[0]:run[1]])[1])
            why = why.replace("footer line", "footer under its own head inside the last line", 1)
            out.append(self.span(doc, above.start + run[0], above.start + run[1], why, 0.9,
                                 code="footer.headed"))
        return out

    def top_lines(self, lines: list[Line]) -> list[tuple[Line, list[str]]]:
        """The short lines among the three under the title (``lines[1:4]``) that hold two distinct
        markers and read as a footer line (:meth:`classify` firm): a repost notice or copyright line
        set above the article (``版权归原作者所有，如有侵权请联系删除``). One marker is not enough at
        the top: an article may open on a sentence about copyright."""
        out = []
        for ln in lines[1:4]:
            text = ln.text.strip()
            if not text or len(text) > _TOP_MAX or not self._any_marker.search(text):
                continue
            if len(self._marker_hits(text)) >= 2 and (found := self.classify(text))[0] == "firm" and (
                    self.head_glued(ln.text) is None):  # (the article glued after it: head_glued's)
                out.append((ln, found[1]))
        return out

    def calls(self, lines: list[Line]) -> list[tuple[int, int]]:
        """Spans of calls to follow (``data/footer_calls.txt``) at the article's two edges: the run of
        sentences that opens the line under the title, and the run that closes the last line. Each
        sentence of a run names a call, two kinds of call or one and the reader or the account; one of
        them names two kinds, the reader or the account, and an action on the platform (点赞, 转发,
        扫码, …) or the account itself (小编). Sentences of up to 120 characters."""
        if len(lines) < 2:
            return []
        out: list[tuple[int, int]] = []
        for ln, forward in ((lines[1], True), (lines[-1], False)):
            text = ln.text
            taken = out[0][1] - ln.start if out and out[0][0] >= ln.start else 0  # (one line: both edges)
            # (a window of the line at that edge: a run is a few short sentences, however long the line)
            lo, hi = (taken, min(len(text), taken + _CALL_WINDOW)) if forward else (
                max(taken, len(text) - _CALL_WINDOW), len(text))
            sents = [(m.start(), m.end()) for m in _SENTENCES.finditer(text, lo, hi) if m.group().strip()]
            if not forward:
                sents.reverse()
            run, strict = [], False
            for a, b in sents:
                piece = ln.text[a:b]
                kinds = len(set(self._call.findall(piece)))
                who = self._reader.search(piece) is not None
                if len(piece) > _CALL_MAX or not (kinds >= 2 or kinds and who):
                    break
                run.append((a, b))
                strict = strict or (kinds >= 2 and who and self._platform.search(piece) is not None)
            # never a whole line of the article, nor a run reaching the window's cut
            if run and strict and len(run) < len(sents):
                a, b = min(r[0] for r in run), max(r[1] for r in run)
                a += len(ln.text[a:b]) - len(ln.text[a:b].lstrip())
                out.append((ln.start + a, ln.start + len(ln.text[:b].rstrip())))
        return out

    def nav_start(self, text: str) -> int:
        """Where a run of link labels (``data/nav_labels.txt``) that ends ``text`` starts (-1: none).

        The run holds a fixed label (查看更多, 阅读全文, …; "back to X" alone is a sentence's), and
        either stands apart (the line's start, a space or a closing mark before it) or holds two
        labels: glued to a sentence without a mark, one label could be the sentence's own words.
        """
        tail = len(text) - _NAV_WINDOW
        if not self._nav_fixed.search(text, max(0, tail)):
            return -1
        # (every place a label starts: the lexicon's own alternation, overlapping)
        for m in self._nav_one.finditer(text, max(0, tail), overlapped=True):
            at = m.start()
            run = self._nav_run.match(text, at)
            if run is None or not self._nav_fixed.search(text, at, run.end()):
                continue
            if _stands_apart(text, at) or len(self._nav_one.findall(text, at, run.end())) >= 2:
                return at
            return -1  # the earliest run is the whole run: a later start is a piece of it
        return -1

    def glued_start(self, text: str) -> int:
        """Where a footer glued after a line's last sentences starts (0: none): the earliest sentence
        start in the line's last ``max_line`` characters from which the rest is one footer line
        (:meth:`classify` says firm) and every sentence of it speaks of a footer topic or holds a
        marker (the article's own last sentence never goes with it)."""
        if len(text) <= self.short_line:
            return 0
        low = max(0, len(text) - self.max_line)
        # a firm footer holds a marker or the site speaking of itself (see classify)
        if not self._loose_marker.search(text, low) and not self._vocabulary["self"].search(text, low):
            return 0
        starts = [m.end() for m in _SENTENCE.finditer(text, low) if m.end() < len(text)]
        for at in starts:
            rest = text[at:].strip()
            if len(rest) < 8:
                continue
            kind = self.classify(rest)[0]
            if kind and self._headed(rest):  # the footer names itself: 免责声明：…, 【版权声明】…
                return at + (len(text[at:]) - len(text[at:].lstrip()))
            if kind != "firm":
                continue
            if self._footer_sentences(rest):
                return at + (len(text[at:]) - len(text[at:].lstrip()))
        return 0

    def head_glued(self, text: str) -> tuple[int, int] | None:
        """A disclaimer near the start of ``text`` with the article glued after it (None: none):
        ``来源：某报版权归原作者所有，如有侵权请联系我们12月8日，…``. It ends on the clause that asks to
        be contacted (``data/footer_closings.txt``) in the line's first ``max_line // 2`` characters,
        holds two markers or more and only footer sentences, and the text after it is a sentence of
        no footer topic. It starts at its source label or first marker; the words before (an
        account's name, a reader's cheer) stay."""
        m = self._closing.search(text, 0, min(len(text), self.max_line // 2))
        if m is None or m.end() + 20 > len(text):
            return None
        head = text[: m.end()]
        hits = self._marker_hits(head)
        if len(hits) < 2 or self.classify(head.strip())[0] != "firm":
            return None
        if not self._footer_sentences(head):
            return None
        after = _SENTENCES.match(text, m.end())
        if after is None or len(after.group()) < 10 or self._footer_sentence(after.group()):
            return None
        start = min(at for _, at in hits)
        if (src := self._vocabulary["source"].search(head, 0, start)) is not None:
            start = src.start()
        if text[max(0, start - 2) : start] in _SOURCE_HEADS:
            start -= 2
        return start, m.end()

    def headed_inside(self, text: str) -> tuple[int, int] | None:
        """The footer that names itself (``免责声明：``, ``【版权声明】``: :meth:`_headed`) inside the
        last ``2 * max_line`` characters of ``text``, with other text after it (a list, an
        advertisement): from its head over the sentences that each hold a marker or speak of a
        footer topic, and no further; the text after the run stays. Glued to a sentence without a
        mark, the head could be the sentence's object (公司发布免责声明：…): then a second marker."""
        lo = max(0, len(text) - 2 * self.max_line)
        for m in self._head_inline.finditer(text, lo):
            at = m.start()
            end = at
            for piece in _SENTENCES.finditer(text, at, min(len(text), at + self.max_line)):
                p = piece.group()
                if not _WORDY.search(p):
                    end = piece.end()
                    continue
                if not self._footer_sentence(p):
                    break
                end = piece.end()
            run = text[at:end].rstrip()
            if len(run) < 8 or not self.classify(run)[0] or not self._headed(run):
                continue
            # glued to a sentence, the head could be its object (公司发布免责声明：…): a second marker
            if _stands_apart(text, at) or len(self._marker_hits(run)) >= 2:
                return at, at + len(run)
        return None

    def _footer_sentence(self, piece: str) -> bool:
        """Whether a sentence of a glued footer holds a marker or speaks of a footer topic."""
        return bool(self._marker_hits(piece) or [t for t in self.topics(piece) if t != "speech"])

    def _footer_sentences(self, text: str) -> bool:
        """Whether every sentence of ``text`` is a footer's (:meth:`_footer_sentence`); a closing
        bracket left alone by the split is no sentence."""
        return all(self._footer_sentence(p) for p in _PIECES.split(text) if _WORDY.search(p))

    def _headed(self, text: str) -> bool:
        """Whether ``text`` opens with a footer marker written as a label: followed by a colon, or
        set in brackets (``免责声明：``, ``【版权声明】``); then what follows is what it names."""
        lo = 1 if text[:1] in _HEAD_OPEN else 0
        for rx in self._markers:
            if (m := rx.match(text, lo)) and m.end() > lo and m.end() < len(text) and text[m.end()] in (
                    _HEAD_CLOSE if lo else ":："):
                return True
        return False


_SENTENCE = regex.compile(r"[。！？!?](?:[”」』\"'’）)]*)")
_CALL_MAX = 120  # the longest sentence of a call
_TOP_MAX = 100  # the longest footer line read above the article
_CALL_WINDOW = 12 * _CALL_MAX
_SENTENCES = regex.compile(r"[^。！？!?]*[。！？!?]+[”」』\"'’）)]*|[^。！？!?]+$")
_SOURCE_HEADS = frozenset(("本文", "文章", "内容", "信息", "图文", "消息"))  # (本文)来源：…
_PIECES = regex.compile(r"(?<=[。！？!?；;])")  # a glued footer's sentences
_HEAD_OPEN, _HEAD_CLOSE = "【[（(", "】]）)"
_CLAUSES = regex.compile(r"[，,；;](?=\p{Han})")
_WORDY = regex.compile(r"[\p{L}\p{N}]")
_NAV_WINDOW = 48  # the longest run of link labels read at a line's end
_APART = frozenset("。！？!?；;…”」』）)]】>»|｜:：")


def _stands_apart(text: str, at: int) -> bool:
    """Whether ``text[at:]`` stands apart from what comes before: the line's start, a space or a
    closing mark before it (not glued to a sentence's last word)."""
    before = text[:at].rstrip()
    return not before or len(before) < at or before[-1] in _APART


def _clauses_before(text: str, at: int) -> bool:
    """Whether ``text[:at]`` is 20+ characters in two clauses or more (a sentence without its stop)."""
    return at >= 20 and len(_CLAUSES.findall(text, 0, at)) >= 2


def _prose_before(text: str, at: int) -> bool:
    """Whether ``text[:at]`` holds a finished sentence of 20+ characters."""
    head = text[:at]
    return len(head) >= 20 and _SENTENCE.search(head) is not None


_PATTERN_CHARS = frozenset("()|[]{}.*+?\\^$")


def _reason(hits: list[str]) -> str:
    """In words: the plain phrases that matched, and how many lexicon patterns (never their source)."""
    if not hits:
        return "short line inside the footer block at the end"
    plain = [h for h in hits if not (_PATTERN_CHARS & set(h))]
    patterns = len(hits) - len(plain)
    parts = [f"'{h[:20]}'" if not h.startswith(("talks about", "footer furniture")) else h for h in plain[:3]]
    if patterns:
        parts.append(f"{patterns} footer phrase{'s' if patterns > 1 else ''} of the lexicon")
    return "footer line: " + ", ".join(parts)
