"""Forty-ninth pass (``THREAT_PASSES.md`` "Forty-ninth pass"): the sound-alike reading of cue words merges the flat and the
retroflex sibilants (su / shu, zu / zhu, cu / chu) as it already merged the front and back nasals — the general form of the
forty-eighth pass's 投述. It changed no call of any development file and no hit on real data; these tests pin the reading
and the everyday words it must leave alone.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers._escalation_reading import rules_reading
from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_threat, reasons


def test_the_version_is_rules_49_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 49


@pytest.mark.parametrize("text, word", [
    ("我要投数你们", "投诉"),            # shu for su
    ("我明天就去申请劳动纵裁", "仲裁"),    # zong for zhong
    ("我就去组建局反映", "住建局"),        # zu for zhu
])
def test_a_sibilant_slip_reads_as_the_cue_word(text, word):
    assert word in rules_reading(text)
    assert_threat(text)
    assert alerts(text, None)


@pytest.mark.parametrize("text", [
    "我在中部地区 能送到吗",     # a region, not 总部
    "我们一起数一数有几件",      # counting together, not 起诉
    "这叫投鼠忌器",             # an idiom
    "以前大家有意见都习惯投书",   # writing in, a word of its own
])
def test_everyday_words_keep_their_meaning(text):
    assert rules_reading(text) == text
    assert "threat" not in reasons(text)


def test_a_title_keeps_its_category():
    assert "仲裁" not in rules_reading("我要找你们总裁")
