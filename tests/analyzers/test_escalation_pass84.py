"""Eighty-fourth pass (``THREAT_PASSES.md`` "Eighty-fourth pass"), **in-sample**: the rule errors of ``fresh133`` and
``fresh134``, scored once this stop before the pass.

- 追究…法律责任 with a longer object between (我要追究你们和酒店的法律责任), not a potential negated (追究不了);
- 再不 / 还不 + an unmet condition with no comma before 我就 (他再不还回来我就报警了), read after an earlier loss;
- 人家 + the group it belongs to as someone else's step (说人家车主已经报警了).

The first sentence of each group is the blind call's; the others were written for these tests.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION, scan_text
from tests.analyzers.threat_probes import GREETING, alerts, assert_calm, assert_threat, call, counts_threat


def test_the_version_is_rules_84_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 84


@pytest.mark.parametrize("text", [
    "你好，我住的那家酒店，房间里有摄像头，插在电视机后面。我要追究你们和酒店的法律责任，我现在已经退房了，在楼下。",
    "我一定要追究那家装修公司的法律责任",
])
def test_legal_responsibility_pursued_with_a_longer_object_is_a_threat(text):
    assert_threat(text)
    assert alerts(text, None)


def test_a_potential_negated_is_no_cue():
    assert scan_text("我一个人追究不了他们的法律责任") == []


@pytest.mark.parametrize("lost, warning", [
    ("喂 你好 我刚才做的那个网约车 尾号***的 我手机落再后座上了 司机电话一直打不通",
     "嗯 那个手机里有我工作的东西 今天晚上十点前他再不还回来我就报警了"),
    ("我的包落在你们店里了。", "明天还没找到我就报警了。"),
])
def test_an_unmet_condition_without_a_comma_after_a_loss_is_a_warning(lost, warning):
    conversation = call(GREETING, ("C", lost), ("A", "好的，我先帮您联系。"), ("C", warning))
    assert counts_threat(conversation, None)
    assert counts_threat(conversation, CHOSEN_OPINION)


@pytest.mark.parametrize("text", [
    "喂 我车停在***号车位 刚才保安打电话说我停错位了 说人家车主已经报警了 让我赶紧去挪",
    "人家业主已经去住建局投诉了，我就是问问我们家的房子",
])
def test_someone_elses_group_with_renjia_is_reported(text):
    assert_calm(text)
    assert not alerts(text, None)
