"""Thirty-seventh pass (``THREAT_PASSES.md`` "Thirty-seventh pass"). fresh52_dev's rule errors and the thirty-sixth pass's open
item on short body names, read as general frames, **in-sample**:

- a body named as the issuer of a licence or certificate the caller asks about (卫健委的资质证书能给我看看吗): a document of the
  company's, no step towards the body;
- the media as where the caller read something (我在媒体报道上看到…): a source, not an exposure;
- a bureau by its short spoken name without 局 / 委 (去住建反映, 向市监投诉, 我就去找市监): the step to the regulator.

The first line of each group is the development call's or the open item's own sentence; the others were written for these tests.
The contrasts read as they did before.
"""

from __future__ import annotations

import pytest

from qa_engine.analyzers.escalation import CHOSEN_OPINION, VERSION
from tests.analyzers.threat_probes import alerts, reasons


def test_the_version_is_rules_37_or_later():
    assert int(VERSION.rsplit("-", 1)[1]) >= 37


def _alerts(text: str, opinion=CHOSEN_OPINION) -> bool:
    return alerts(text, opinion)


# 1. a body as a document's issuer (fresh52_dev's f52-n-nm-weijian-cert-asr alerted under both policies on rules-36)
@pytest.mark.parametrize("text", [
    "你们 那个 卫健委的资质证书 能给我看看吗",
    "市监局发的营业执照能拍给我看一下吗",
    "住建委的备案在网上查得到吗",
])
def test_a_body_issuing_a_document_is_a_mention(text):
    found = reasons(text)
    assert "mention" in found and "threat" not in found
    assert not _alerts(text, None) and not _alerts(text)


# 2. the media as a source read (fresh52_dev's f52-n-nm-media-read alerted with the rules alone on rules-36)
@pytest.mark.parametrize("text", [
    "我在媒体报道上看到你们出了新款酸奶，哪里能买？",
    "我在媒体上了解到你们有个会员活动",
])
def test_the_media_as_a_source_is_a_mention(text):
    found = reasons(text)
    assert "mention" in found and "threat" not in found
    assert not _alerts(text, None)


# 3. a bureau's short spoken name with the step, or going there ending the clause (no cue on rules-36)
@pytest.mark.parametrize("text", [
    "你们再不处理我就去住建反映",
    "我要向住建反映这个问题",
    "我明天就去市监",
    "我要去住建那边反映一下",
    "你们再拖着我就找市监",
])
def test_a_short_bureau_name_with_the_step_is_a_threat(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None) and _alerts(text)


# Look-alikes and contrasts (read as before: no threat)
@pytest.mark.parametrize("text", [
    "我去城市监控中心调了录像",
    "我是去市监办事的，顺便问问你们营业时间",
    "住建的规定是什么样的",
    "我不会去住建反映的，你们放心",
    "我在新闻上看到你们出了新款",
])
def test_look_alikes_read_as_before(text):
    assert "threat" not in reasons(text)
    assert not _alerts(text, None)


# Contrasts that stay threats: a step after the document, a step after the media read
@pytest.mark.parametrize("text", [
    "你们连卫健委的资质都没有，我要去卫健委投诉",
    "我要去卫健委投诉你们",
    "我在媒体上看到过这种事，我也要找媒体曝光你们",
    "我要去住建局反映",
    "我去住建那边举报你们",
])
def test_steps_stay_threats(text):
    assert "threat" in reasons(text)
    assert _alerts(text, None)
