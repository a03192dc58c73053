"""Normalisation for rule matching: what is folded, what is dropped, and the way back."""

from __future__ import annotations

import pytest

from qa_engine.text import (
    SEPARATOR,
    fuzzy_key,
    fuzzy_syllable,
    normalize,
    normalize_many,
    normalize_with_offsets,
    pinyin_key,
    syllables,
)


@pytest.mark.parametrize(("raw", "expected"), [
    ("ＡＢＣ１２３", "abc123"),  # full width → half width, lower case
    ("請問有什麼可以幫您", "请问有什么可以帮您"),  # Traditional → Simplified
    ("您 好，！ 工号：1024。", "您好工号1024"),  # punctuation and spaces removed
    ("好的😀\t\n", "好的"),  # symbols and control characters removed
    ("①号", "1号"),  # compatibility forms
])
def test_text_normalize_folds_width_script_and_punctuation(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_text_offsets_point_back_into_the_original() -> None:
    raw = "「您，好」 工號：１０２４"
    norm = normalize_with_offsets(raw)
    assert norm.text == "您好工号1024"
    i = norm.text.index("工号")
    s, e = norm.original_span(i, i + 2)
    assert raw[s:e] == "工號"
    s, e = norm.original_span(0, 2)
    assert raw[s:e] == "您，好"  # the span covers the punctuation between


def test_text_character_expanding_to_several_keeps_offsets() -> None:
    raw = "a㍿b"  # ㍿ → 株式会社 under NFKC
    norm = normalize_with_offsets(raw)
    assert norm.text == "a株式会社b"
    assert norm.original_span(1, 5) == (1, 2)
    assert norm.original_span(5, 6) == (2, 3)


def test_text_pinyin_key_equates_homophones_and_only_them() -> None:
    assert pinyin_key(normalize("您号")) == pinyin_key(normalize("您好"))
    assert pinyin_key(normalize("公号")) == pinyin_key(normalize("工号"))
    assert pinyin_key(normalize("在见")) == pinyin_key(normalize("再见"))
    assert pinyin_key(normalize("你好")) != pinyin_key(normalize("您好"))
    assert len(pinyin_key("您好1024")) == len("您好1024")
    assert syllables("您好，A1") == ["nin", "hao", "a", "1"]


def test_text_fuzzy_key_merges_common_asr_confusions() -> None:
    assert fuzzy_syllable("zhang") == "zan"
    assert fuzzy_syllable("feng") == "hen"
    assert fuzzy_syllable("ning") == "lin"
    assert fuzzy_syllable("shi") == "si"
    # zh/z: 知道 vs 资道 differ in pinyin but share a fuzzy key
    assert pinyin_key("知道") != pinyin_key("资道")
    assert fuzzy_key("知道") == fuzzy_key("资道")
    assert fuzzy_key("知道") != fuzzy_key("不道")


def test_text_normalize_many_joins_and_maps_each_text() -> None:
    texts = ["您好！", "", "請稍等，我查一下", "x" + SEPARATOR + "y"]
    nm = normalize_many(texts)
    parts = nm.text.split(SEPARATOR)
    assert parts == ["您好", "", "请稍等我查一下", "xy"]
    assert nm.starts == [0, 3, 4, 12]
    i = nm.starts[2] + parts[2].index("我查")
    s, e = nm.original_span(2, i, i + 2)
    assert texts[2][s:e] == "我查"
    assert len(nm.pinyin) == len(nm.text) == len(nm.fuzzy)


def test_text_rare_characters_are_learned_on_first_sight() -> None:
    raw = "𠀀好"  # a CJK Extension B character outside the precomputed blocks
    norm = normalize_with_offsets(raw)
    assert norm.text == raw
    assert norm.original_span(1, 2) == (1, 2)  # offsets are in code points, as Python indexes


def test_text_syllables_agree_with_pypinyin_per_character() -> None:
    from pypinyin import Style, lazy_pinyin

    # A spread of common-block characters that normalisation leaves alone (zhconv maps a
    # few rare Traditional forms to other code points).
    chars = [c for c in map(chr, range(0x4E00, 0x9FA6, 41)) if normalize(c) == c]
    assert len(chars) > 200
    ours = syllables("".join(chars))
    theirs = lazy_pinyin(chars, style=Style.NORMAL)
    assert ours == theirs
