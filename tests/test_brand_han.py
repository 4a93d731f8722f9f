"""Pure-Han brands without a suffix list, and deletion naturalness (issue 11), on project-written text only."""

from brandtext import LINES, brand_cuts, brand_notes

from cleantext.filters import brand_free
from cleantext.filters.brand_lang import table


def _pasted(brand: str) -> str:
    """``brand`` at a paragraph start, before a comma, and between the halves of a word seen elsewhere."""
    return "\n".join([
        brand + LINES[0],
        LINES[1].replace("在改造", "在改" + brand + "造").replace("原则，", "原则" + brand + "，"),
        LINES[2],
        brand + LINES[3],
    ])


def test_pure_han_brand_without_a_listed_suffix_is_found_and_kept():
    # found by the free path's pure-Han scorer, which only annotates: on real pages the strings it
    # would cut were the articles' own names and words (bench/fit_brand.py ANNOTATE_ONLY)
    brand = "泓澈琰"
    assert brand_cuts(_pasted(brand)) == []
    assert brand_notes(_pasted(brand)) == [brand]
    assert brand_notes(_pasted(brand), free="off") == []  # only the free path's pure-Han candidates find it


def test_repeated_person_name_in_its_sentences_is_kept():
    name = "廖泓澈"
    text = "\n".join([
        name + "表示，" + LINES[0],
        "据" + name + "介绍，" + LINES[1],
        LINES[2].replace("下一步，", "下一步，" + name + "说，"),
        LINES[3] + name + "认为，这项工作还要坚持下去。",
    ])
    assert brand_cuts(text) == []


def test_a_list_item_breaks_its_sentence_when_deleted():
    """Deletion naturalness: a string between a clause boundary and a list comma leaves, deleted, a
    clause that opens with the comma (``，、``); a token pasted before a comma does not."""
    text = "，泓澈琰、雨污分流。\n今天泓澈琰，居民说。\n泓澈琰停车难。"
    s = "泓澈琰"
    occ = [i for i in range(len(text)) if text.startswith(s, i)]
    x = brand_free.features(text, s, occ, table(), shape=False, left_ctx=(), right_ctx=(), title_end=0)
    assert x[brand_free.FEATURES.index("deletion_breaks")] == 1 / 3


def test_a_token_that_opens_its_line_takes_its_colon():
    b = "泓澈j9"
    text = "\n".join([b + "：" + LINES[0], LINES[1].replace("原则，", "原则" + b + "，"), b + "：" + LINES[2],
                      LINES[3].replace("施工", "施" + b + "工")])
    assert brand_cuts(text) == [b + "：", b, b + "：", b]


def _in_sentences(brand: str) -> str:
    """``brand`` at a paragraph start, before a comma and after one: no copy splits a word."""
    return "\n".join([
        brand + LINES[0],
        LINES[1].replace("原则，", "原则" + brand + "，"),
        LINES[2].replace("，建立", "，" + brand + "建立"),
        LINES[3],
    ])


def test_pure_han_brand_inside_sentences_is_found_without_a_split_word():
    """Two copies or more inside sentences of running text, with no neighbour two copies share, stand
    for the split word a pure-Han candidate needed (``brand_free.removable``)."""
    brand = "泓澈琰"
    text = _in_sentences(brand)
    assert brand_notes(text) == [brand] and brand_cuts(text) == []
    occ = [i for i in range(len(text)) if text.startswith(brand, i)]
    x = brand_free.features(text, brand, occ, table(), shape=False, left_ctx=(), right_ctx=(), title_end=0)
    assert x[brand_free.FEATURES.index("splits_word")] == 0
    assert x[brand_free.FEATURES.index("in_sentence")] == 2 / 3


def test_pure_han_string_quoted_in_its_sentences_is_kept():
    """A copy between quotes is a term or a title of the article, not a token pasted into its sentence."""
    brand = "泓澈琰"
    text = _in_sentences(brand).replace(brand + "，", "“" + brand + "”，").replace("，" + brand, "，“" + brand + "”")
    assert brand_cuts(text) == []


def test_a_function_character_inside_the_closing_word_is_the_words():
    """``X在线``: 在 is grammar elsewhere, but here a character of the word the name ends with."""
    brand = "泓澈在线"
    assert brand_notes(_in_sentences(brand)) == [brand]
    # a function character outside that word is a phrase's (X在改造 is not read)
    assert brand_notes(_in_sentences("泓澈在改")) == []


def test_a_copy_before_a_paragraphs_indentation_is_inside_running_text():
    """Pasted at a line's very start, before the blanks that indent a paragraph of running text, a
    copy sits where no word of the article does (a word of the paragraph follows the indentation):
    ``in_sentence`` counts it; not a copy after the indentation, nor one before a short line."""
    b = "泓澈琰"
    text = "\n\n".join(["老旧小区改造", b + "  " + LINES[0], "  " + b + LINES[1], b + "  短讯", "  " + LINES[3]])
    occ = [i for i in range(len(text)) if text.startswith(b, i)]
    x = brand_free.features(text, b, occ, table(), shape=False, left_ctx=(), right_ctx=(), title_end=0)
    assert x[brand_free.FEATURES.index("in_sentence")] == 1 / 3
    twice = "\n\n".join(["老旧小区改造", b + "  " + LINES[0], "  " + LINES[1], b + "  " + LINES[2]])
    occ = [i for i in range(len(twice)) if twice.startswith(b, i)]
    x = brand_free.features(twice, b, occ, table(), shape=False, left_ctx=(), right_ctx=(), title_end=0)
    assert x[brand_free.FEATURES.index("in_sentence")] == 1.0


def test_a_sentence_written_again_is_no_pasted_token():
    """A phrase opening a sentence that the article writes three times (``X，一季度…`` each time) is a piece
    of one passage repeated, not a token pasted at random: every copy of a pasted token meets new text."""
    s = "泓澈琰，一季度全市规模以上工业增加值同比增长，增速高于全省平均水平。"
    text = "\n".join([LINES[0] + s, LINES[1].replace("原则，", "原则，" + s), LINES[2] + s, LINES[3]])
    assert brand_cuts(text) == []
