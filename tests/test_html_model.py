"""The fitted block scorer, the hidden-element rule, English pages, metadata and DOM paths in reasons.

The pages here are written for these tests (no evaluation page is copied). Tests that depend on
the scorer also run with a switched-off model (every weight zero) and must then fail.
"""

from __future__ import annotations

import copy

import pytest

import cleantext
from cleantext.html.blocks import parse_lines
from cleantext.html.extract import extract
from cleantext.html.meta import iso_date
from cleantext.html.scorer import load_model
from cleantext.spans import apply

try:
    import lxml  # noqa: F401

    PARSERS = ["lxml", "bs4", "html.parser"]
except ImportError:  # pragma: no cover
    PARSERS = ["html.parser"]

EN = [
    "The city council voted on Tuesday to extend the riverside cycle path by four kilometres, "
    "connecting two neighbourhoods that have long lacked a safe route to the centre.",
    "Work is expected to begin in the spring and to last about eighteen months, according to the "
    "transport department, which said the budget had already been approved.",
    "Residents who spoke at the meeting were broadly supportive, although several asked how the "
    "works would affect parking and deliveries on the narrow streets nearby.",
    "The council said it would publish a detailed timetable next month and hold two further public "
    "meetings before construction starts.",
]

EN_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Cycle path extended | Example Post</title>
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
<meta property="og:site_name" content="Example Post">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Council extends riverside cycle path", "author": {{"@type": "Person", "name": "Jane Doe"}},
 "publisher": {{"@type": "Organization", "name": "Example Post"}}}}</script></head>
<body class="{body_class}">
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/culture">Culture</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>
<main><article>
<h1>Council extends riverside cycle path</h1>
<div class="byline">By Jane Doe</div>
<div class="{body_box_class}" {box_attrs}>
{paras}
</div>
<div class="share"><a href="/s/fb">Share</a> <a href="/s/tw">Tweet</a> <a href="/s/em">Email</a></div>
</article>
<aside class="sidebar"><h2>Most read</h2><ul>
<li><a href="/1">Local bakery wins national award for its sourdough loaf</a></li>
<li><a href="/2">New library opening hours announced for the summer</a></li>
<li><a href="/3">Road closures planned for the weekend marathon</a></li>
<li><a href="/4">School choir to perform at the town hall next week</a></li>
</ul></aside>
<section id="comments"><h3>Comments</h3>
{comments}
</section></main>
<footer><p>Copyright 2024 Example Post. All rights reserved.</p><p><a href="/privacy">Privacy policy</a></p></footer>
</body></html>"""

SAID = "I cycle this way every day and a safer route would make a real difference to my commute, thanks."


def en_page(body_class="", body_box_class="article-body", box_attrs="", paras=EN):
    comments = "".join(f'<div class="comment"><p class="who">reader{i} 2024-03-05 10:{i:02d}</p><p>{SAID}</p></div>'
                       for i in range(3))
    return EN_PAGE.format(body_class=body_class, body_box_class=body_box_class, box_attrs=box_attrs,
                          paras="\n".join(f"<p>{p}</p>" for p in paras), comments=comments)


def kept(ex):
    return apply(ex.text, ex.removals)


def off_model():
    m = copy.deepcopy(load_model())
    m["stage1"] = [0.0] * len(m["stage1"])
    m["stage2"] = [0.0] * len(m["stage2"])
    return m


def english_ok(ex) -> bool:
    out = kept(ex)
    return (all(p in out for p in EN) and "reader2" not in out and SAID not in out
            and "All rights reserved" not in out and "Opinion" not in out)


@pytest.mark.parametrize("parser", PARSERS)
def test_english_page_article_kept_chrome_removed(parser):
    assert english_ok(extract(en_page(), parser=parser))


def test_english_sidebar_after_article_is_removed():
    """A list of long linked headlines right after the article (an <aside> 'Most read') stays out of
    the region (it was absorbed before the fit's line labels stopped counting common English bigrams)."""
    out = kept(extract(en_page()))
    assert "Local bakery" not in out and "Most read" not in out


def test_english_page_needs_the_scorer():
    assert not english_ok(extract(en_page(), model=off_model()))


def test_scorer_ranks_article_over_chrome():
    from cleantext.html.features import features
    from cleantext.html.scorer import probabilities

    lines, _ = parse_lines(en_page())
    probs = probabilities(lines, features(lines))
    art = [p for ln, p in zip(lines, probs, strict=True) if ln.text in EN]
    nav = [p for ln, p in zip(lines, probs, strict=True) if ln.text in ("Home", "Sport", "Culture")]
    assert len(art) == 4 and len(nav) == 3
    assert min(art) > 0.9 and max(nav) < 0.4


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("body_class,box_class,attrs", [
    ("", "field-label-hidden field-item", ""),       # Drupal's body field: the label is hidden, not the text
    ("", "article-body print-hide", ""),             # hidden when printed only
    ("theme-submenu-hidden", "article-body", ""),     # a theme flag on <html>/<body>
    ("", "rich_media_content", 'id="js_content" style="visibility: hidden;"'),  # revealed by script
    ("", "article-body", 'style="display:none"'),     # truly hidden, but it holds most of the text
])
def test_hidden_rule_never_hides_the_article(parser, body_class, box_class, attrs):
    html = en_page(body_class=body_class, body_box_class=box_class, box_attrs=attrs)
    if "submenu" in body_class:
        html = html.replace("<html ", f'<html class="{body_class}" ')
    out = kept(extract(html, parser=parser))
    for p in EN:
        assert p in out


@pytest.mark.parametrize("parser", PARSERS)
def test_real_hiding_is_removed_with_its_code(parser):
    extra = ('<div style="display: none">Subscribe to our newsletter for more local stories.</div>'
             '<p hidden>Loading the interactive map of the route, please wait a moment.</p>')
    html = en_page().replace("</article>", extra + "</article>")
    ex = extract(html, parser=parser)
    out = kept(ex)
    assert "Subscribe to our newsletter" not in out and "interactive map" not in out
    codes = {r.code for r in ex.removals if "newsletter" in r.text or "interactive map" in r.text}
    assert codes == {"html.hidden"}


def test_removals_carry_codes_and_dom_paths():
    ex = extract(en_page())
    assert ex.removals
    for r in ex.removals:
        assert r.code.startswith("html.") and " " not in r.code
        assert " at " in r.reason and "html" in r.reason.split(" at ", 1)[1]
        assert ex.text[r.start:r.end] == r.text
    nav = next(r for r in ex.removals if "Opinion" in r.text)
    assert nav.code == "html.navigation" and "header > nav > ul" in nav.reason
    com = next(r for r in ex.removals if SAID in r.text)
    assert com.code == "html.comments" and "section#comments" in com.reason


def test_metadata_from_meta_and_jsonld():
    r = cleantext.clean(en_page())
    md = r.report.metadata
    assert md["published"] == "2024-03-05T09:30:00+00:00"
    assert md["author"] == "Jane Doe"
    assert md["source"] == "Example Post"
    assert md["title"].startswith("Cycle path extended")


@pytest.mark.parametrize("parser", PARSERS)
def test_metadata_from_byline_and_time(parser):
    html = ('<html><head><title>t</title></head><body><article><h1>A headline</h1>'
            '<p class="byline">By John Smith</p><time datetime="2023-11-02 08:15">2 Nov</time>'
            + "".join(f"<p>{p}</p>" for p in EN) + "</article></body></html>")
    md = extract(html, parser=parser).metadata
    assert md["author"] == "John Smith" and md["published"] == "2023-11-02T08:15:00"
    assert md["headline"] == "A headline"


@pytest.mark.parametrize("value,iso", [
    ("2024-05-06T10:00:00+08:00", "2024-05-06T10:00:00+08:00"),
    ("2024/5/6 10:00", "2024-05-06T10:00:00"),
    ("2024年5月6日", "2024-05-06"),
    ("20240506", "2024-05-06"),
    ("2024-05-06T10:00:00.123Z", "2024-05-06T10:00:00+00:00"),
    ("yesterday", None),
    ("2024-13-40", None),
])
def test_iso_date(value, iso):
    assert iso_date(value) == iso


@pytest.mark.skipif(len(PARSERS) == 1, reason="lxml not installed")
def test_fast_path_identical_on_english_page():
    a, b = extract(en_page(), parser="lxml"), extract(en_page(), parser="bs4")
    assert a.text == b.text and a.removals == b.removals and a.metadata == b.metadata
    assert a.metadata["author"] == "Jane Doe"


def _blog_front_page() -> str:
    """A blog's front page in table rows: per post a title row, a body row and a "posted @" row."""
    bodies = [
        "The first post of the page talks about a long walk along the river, the weather and the birds.",
        "The second post is about a new recipe for bread, with flour, water, salt and a lot of patience.",
        "The third post reviews an old film seen again after many years, and it is longer than the rest.",
    ]
    rows = "".join(
        f'<tr><td class="post-title">Post {n}</td></tr><tr><td class="post-title">2005-03-{20 - n} 01:20:44</td></tr>'
        f'<tr id="p{100 + n}"><td class="post-body">{b}</td></tr>'
        f'<tr><td class="post-footer">posted by the author @ 2005-03-{20 - n} 01:20:44 | {n} comments</td></tr>'
        for n, b in enumerate(bodies, 1))
    return f'<html><body><div class="nav"><a href="/">Home</a></div><table class="posts">{rows}</table></body></html>'


def test_later_entry_of_a_listing_moves_the_region_to_the_first_entry():
    from cleantext.html.extract import _first_entry

    lines, _ = parse_lines(_blog_front_page(), "auto")
    texts = [ln.text for ln in lines]
    third = next(k for k, t in enumerate(texts) if t.startswith("The third post"))
    end = third + 2  # the third post's body and its "posted @" line: a region the scorer could choose
    i, j = _first_entry(lines, third, end)
    kept = texts[i:j]
    assert any(t.startswith("The first post") for t in kept)
    assert not any(t.startswith(("The second post", "The third post")) for t in kept)
    assert all(ln.features.get("later_entry") for ln in lines[j:end])


def test_the_first_entry_of_a_listing_stays():
    from cleantext.html.extract import _first_entry

    lines, _ = parse_lines(_blog_front_page(), "auto")
    first = next(k for k, ln in enumerate(lines) if ln.text.startswith("The first post"))
    assert _first_entry(lines, first, first + 2) == (first, first + 2)


def test_region_continues_over_paragraphs_of_its_own_shape():
    """The scorer may doubt the last sections of a long post: paragraphs of the article's own shape
    just after the region (a figure caption between) join it; a linked line of that shape does not."""
    from cleantext.html.blocks import parse_page
    from cleantext.html.extract import choose
    from cleantext.html.features import features

    paras = "".join(f"<p>{p}</p>" for p in EN)
    html = (f"<html><body><div class='post'>{paras}<figure><figcaption>A chart</figcaption></figure>"
            f"<p>{EN[0]}</p><p>{EN[1]}</p><p><a href='/x'>{EN[2]}</a></p></div></body></html>")
    lines = parse_page(html, "lxml").lines
    features(lines)
    probs = [0.9] * len(EN) + [0.3, 0.35, 0.35, 0.35]
    dec = {"threshold": 0.5, "alpha": 1.0, "inner": 0.1, "logit": 1}
    keep = choose(lines, probs, dec)
    assert keep == [True] * (len(EN) + 3) + [False]
    off = choose(lines, probs, {**dec, "continue": 1.0})
    assert off == [True] * len(EN) + [False] * 4


def test_region_neither_starts_nor_ends_on_link_lines():
    """Link lines the scorer lets into the region at its edges (a byline link above, a list of linked
    headlines with its heading below) are trimmed off; the paragraphs stay."""
    from cleantext.html.blocks import parse_page
    from cleantext.html.extract import choose
    from cleantext.html.features import features

    paras = "".join(f"<p>{p}</p>" for p in EN)
    links = "".join(f"<li><a href='/{k}'>Headline number {k} of the list</a></li>" for k in range(3))
    html = (f"<html><body><div><p><a href='/by'>By Jane Doe</a></p>{paras}<h3>Most read</h3><ul>{links}</ul>"
            "</div></body></html>")
    lines = parse_page(html, "lxml").lines
    features(lines)
    probs = [0.8] * len(lines)
    dec = {"threshold": 0.5, "alpha": 1.0, "inner": 0.1, "logit": 1}
    assert choose(lines, probs, dec) == [False] + [True] * len(EN) + [False] * 4
    assert all(choose(lines, probs, {**dec, "trim_links": 0}))


def test_a_region_of_links_only_is_not_trimmed_away():
    from cleantext.html.blocks import parse_page
    from cleantext.html.extract import choose
    from cleantext.html.features import features

    links = "".join(f"<li><a href='/{k}'>Report number {k} of the annual series</a></li>" for k in range(5))
    lines = parse_page(f"<html><body><ul>{links}</ul></body></html>", "lxml").lines
    features(lines)
    dec = {"threshold": 0.5, "alpha": 1.0, "inner": 0.0, "logit": 1}
    assert all(choose(lines, [0.8] * len(lines), dec))
