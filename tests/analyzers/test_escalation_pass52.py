"""Fifty-second pass (``THREAT_PASSES.md`` "Fifty-second pass"), **in-sample**: two rules-alone errors of ``fresh72``, scored
once this stop before the pass.

- a step verb after a destination is no parcel (发到视频平台上 曝光你们这个酒店 exposes the hotel; 材料我寄到法院了 stays a place);
- 起速 (broadband speed raised, as 提速) is no slip of 起诉.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers._escalation_reading import rules_reading
from qa_engine.analyzers.escalation import VERSION
from tests.analyzers.threat_probes import alerts, assert_threat, reasons


def test_the_version_is_rules_52_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 52


@pytest.mark.parametrize("text", [
    "换房间 我已经拍了视频了 从进门开始拍的 今天晚上我就发到视频平台上 曝光你们这个酒店",
    "照片我发到群里了 曝光你们这家店",
])
def test_a_step_verb_after_a_destination_is_a_threat(text):
    assert_threat(text)
    assert alerts(text, None)


def test_a_body_as_the_destination_stays_a_place():
    assert "threat" not in reasons("材料我寄到法院了")


@pytest.mark.parametrize("text", ["三十 行 起速以后 要不要换那个 那个猫", "我想问一下 我家宽带 能不能起速"])
def test_broadband_speed_is_no_lawsuit(text):
    assert "起诉" not in rules_reading(text)
    assert not alerts(text, None)
